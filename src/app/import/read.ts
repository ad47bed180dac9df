// Reads an uploaded waiting list (Excel .xlsx or CSV bytes) into a table of text cells with their line numbers.
import ExcelJS from 'exceljs';
import { UserError } from '../../domain/errors.ts';
import { parseCsv, type Table } from '../../domain/import/csv.ts';

export type ImportFormat = 'csv' | 'xlsx';

/** Larger files are refused before reading: a waiting list of 50,000 rows is about 10 MB as CSV. */
export const MAX_IMPORT_BYTES = 20 * 1_048_576;
export const MAX_IMPORT_ROWS = 50_000;

function unreadable(nl: string, en: string): UserError {
  return new UserError('invalid', 'import.file_unreadable', 'file', { nl, en });
}

/** An xlsx file is a zip archive: it starts with "PK". */
export function detectFormat(bytes: Uint8Array, fileName?: string): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (fileName && /\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Windows-1252, as older Excel saves CSV. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace('.', ',');
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** The first sheet; the first row with content is the header, and each row keeps its Excel row number. */
async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable('Dit Excel-bestand kunnen we niet openen. Bewaar het opnieuw als .xlsx of als CSV.', 'This Excel file cannot be opened. Save it again as .xlsx or as CSV.');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('Dit Excel-bestand heeft geen werkblad.', 'This Excel file has no worksheet.');
  let headers: string[] | null = null;
  const rows: Table['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const width = headers?.length ?? row.cellCount;
    const cells = Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value).trim());
    if (!headers) headers = cells;
    else if (cells.some((c) => c !== '')) rows.push({ line: rowNumber, cells });
  });
  return { headers: headers ?? [], rows };
}

export async function readTable(bytes: Uint8Array, format?: ImportFormat, fileName?: string): Promise<{ table: Table; format: ImportFormat }> {
  if (bytes.byteLength === 0) throw unreadable('Het bestand is leeg.', 'The file is empty.');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new UserError('invalid', 'import.file_too_large', 'file', { nl: 'Het bestand is te groot (hoogstens 20 MB). Splits het in delen.', en: 'The file is too large (at most 20 MB). Split it into parts.' });
  const f = format ?? detectFormat(bytes, fileName);
  const table = f === 'xlsx' ? await readXlsx(bytes) : parseCsv(decodeText(bytes));
  if (table.headers.filter((h) => h !== '').length === 0) throw unreadable('Het bestand heeft geen kolomtitels op de eerste rij.', 'The file has no column headers on its first row.');
  if (table.rows.length === 0) throw unreadable('Het bestand heeft geen rijen onder de kolomtitels.', 'The file has no rows below the column headers.');
  if (table.rows.length > MAX_IMPORT_ROWS) throw new UserError('invalid', 'import.too_many_rows', 'file', { nl: `Het bestand heeft meer dan ${MAX_IMPORT_ROWS} rijen. Splits het in delen.`, en: `The file has more than ${MAX_IMPORT_ROWS} rows. Split it into parts.` });
  return { table, format: f };
}
