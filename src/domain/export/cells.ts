// Spreadsheet cells for exports: formula-injection guard and the CSV writer every export uses.

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or strip them in front of one).
 * A text cell starting with one gets a leading apostrophe, so it shows as typed and is never run.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Neutralises a text cell that a spreadsheet would treat as a formula; numbers and empty cells stay as they are. */
export function guardCell(value: string | number | boolean | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CellValue = string | number | boolean | null | undefined;

/**
 * CSV as Excel in Belgium opens it: UTF-8 with a byte-order mark, semicolons, CRLF, quotes only where needed,
 * and every text cell guarded against formula injection.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>, separator: ';' | ',' = ';'): string {
  const special = new RegExp(`["${separator}\\n\\r]`);
  const cell = (v: CellValue) => {
    const g = guardCell(v);
    const s = g === null ? '' : String(g);
    return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}
