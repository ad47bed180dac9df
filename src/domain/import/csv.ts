// Reads CSV text as Flemish desks save it from Excel: ';' or ',' (or tab), quotes, CRLF, with or without a BOM.

/** A sheet as rows of text cells; `line` is the row's line number in the file (the header is line 1). */
export interface Table {
  headers: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

/** The separator used most often outside quotes in the header line; Excel in Belgium writes ';'. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  let inQuotes = false;
  const counts = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

/**
 * Splits CSV text into records. A quoted cell may hold separators, quotes ("") and line breaks; the record keeps the
 * number of the line it starts on, so problems point at the line a desk worker sees in a text editor.
 */
export function parseCsvRecords(text: string, separator: string): Array<{ line: number; cells: string[] }> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || touched) out.push({ line: start, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      inQuotes = true;
      touched = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0 || touched) endRecord();
  return out;
}

/** The first record is the header; rows that are entirely empty (Excel leaves ';;;;' lines) are dropped. */
export function parseCsv(text: string, separator?: string): Table {
  const sep = separator ?? detectSeparator(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const records = parseCsvRecords(text, sep);
  const [head, ...rest] = records;
  return {
    headers: (head?.cells ?? []).map((h) => h.trim()),
    rows: rest.filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}
