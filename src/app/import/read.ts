// Reads an uploaded waiting list (Excel .xlsx or CSV bytes) into a table of text cells with their line numbers.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { UserError } from '../../domain/errors.ts';
import { parseCsv, type Table } from '../../domain/import/csv.ts';
import { inspectZip, type ZipLimits } from '../../domain/import/zip.ts';

export type ImportFormat = 'csv' | 'xlsx';

/** The default upload limit (NABIJ_IMPORT_MAX_MB): a waiting list of 50,000 rows is about 10 MB as CSV. */
export const MAX_IMPORT_BYTES = 10 * 1_048_576;
export const MAX_IMPORT_ROWS = 50_000;
/** An xlsx is refused from its central directory before anything is inflated when it declares more than this. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxUncompressed: 100 * 1_048_576, maxRatio: 100 };

export function tooLarge(maxBytes: number, field = 'file'): UserError {
  const mb = Math.round((maxBytes / 1_048_576) * 10) / 10;
  return new UserError('invalid', 'import.file_too_large', field, { nl: `Het bestand is te groot (hoogstens ${mb} MB). Splits het in delen.`, en: `The file is too large (at most ${mb} MB). Split it into parts.` });
}

export function tooManyRows(): UserError {
  return new UserError('invalid', 'import.too_many_rows', 'file', { nl: `Het bestand heeft meer dan ${MAX_IMPORT_ROWS} rijen. Splits het in delen.`, en: `The file has more than ${MAX_IMPORT_ROWS} rows. Split it into parts.` });
}

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

const bomb = () =>
  new UserError('invalid', 'import.file_unpacks_too_large', 'file', { nl: 'Dit Excel-bestand pakt uit tot veel meer dan een wachtlijst nodig heeft. Bewaar het opnieuw als .xlsx of als CSV.', en: 'This Excel file unpacks to far more than a waiting list needs. Save it again as .xlsx or as CSV.' });

/**
 * Holds every entry to the size its central directory declares, inflating it once and throwing the output away:
 * the declared sizes were checked against the limits, and a lying entry must not get past them in the reader.
 */
async function checkDeclaredSizes(bytes: Uint8Array): Promise<void> {
  const verdict = inspectZip(bytes, ZIP_LIMITS);
  if (!verdict.ok) throw verdict.reason === 'not_a_zip' ? unreadable('Dit Excel-bestand kunnen we niet openen. Bewaar het opnieuw als .xlsx of als CSV.', 'This Excel file cannot be opened. Save it again as .xlsx or as CSV.') : bomb();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of verdict.entries) {
    const at = e.localOffset;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) throw bomb();
    const method = view.getUint16(at + 8, true);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressed);
    if (method === 0) {
      if (e.compressed !== e.uncompressed) throw bomb();
      continue;
    }
    if (method !== 8) throw bomb();
    let seen = 0;
    const count = new Writable({
      write(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > e.uncompressed ? bomb() : null);
      },
    });
    await pipeline(Readable.from([data]), createInflateRaw(), count).catch((err: unknown) => {
      throw err instanceof UserError ? err : bomb();
    });
  }
}

/**
 * The first sheet, read as a stream: the first row with content is the header, each row keeps its Excel row
 * number, and reading stops one row past the limit.
 */
async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Table & { overLimit: boolean }> {
  await checkDeclaredSizes(bytes);
  let headers: string[] | null = null;
  const rows: Table['rows'] = [];
  let overLimit = false;
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      sheets++;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const width: number = (headers as string[] | null)?.length ?? row.cellCount;
        const cells: string[] = Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value).trim());
        if (!headers) headers = cells;
        else if (cells.some((c) => c !== '')) {
          if (rows.length >= maxRows) {
            overLimit = true;
            break;
          }
          rows.push({ line: row.number, cells });
        }
      }
      break;
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw unreadable('Dit Excel-bestand kunnen we niet openen. Bewaar het opnieuw als .xlsx of als CSV.', 'This Excel file cannot be opened. Save it again as .xlsx or as CSV.');
  }
  if (!sheets) throw unreadable('Dit Excel-bestand heeft geen werkblad.', 'This Excel file has no worksheet.');
  return { headers: headers ?? [], rows, overLimit };
}

/** Reads the file with the row limit checked while reading. Runs in the import worker (see parse.ts). */
export async function readTable(bytes: Uint8Array, format?: ImportFormat, fileName?: string, maxBytes = MAX_IMPORT_BYTES): Promise<{ table: Table; format: ImportFormat }> {
  if (bytes.byteLength === 0) throw unreadable('Het bestand is leeg.', 'The file is empty.');
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  const f = format ?? detectFormat(bytes, fileName);
  const table = f === 'xlsx' ? await readXlsx(bytes, MAX_IMPORT_ROWS) : parseCsv(decodeText(bytes), undefined, MAX_IMPORT_ROWS);
  if (table.overLimit) throw tooManyRows();
  if (table.headers.filter((h) => h !== '').length === 0) throw unreadable('Het bestand heeft geen kolomtitels op de eerste rij.', 'The file has no column headers on its first row.');
  if (table.rows.length === 0) throw unreadable('Het bestand heeft geen rijen onder de kolomtitels.', 'The file has no rows below the column headers.');
  return { table: { headers: table.headers, rows: table.rows }, format: f };
}
