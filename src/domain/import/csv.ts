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
 * number of the line it starts on, so problems point at the line a desk worker sees in a text editor. Cells are cut
 * out of the text in one slice each (never grown a character at a time), and parsing stops once `maxRows` records
 * with content are read plus one: the caller then knows the file is over its limit without reading the rest.
 */
export function parseCsvRecords(text: string, separator: string, maxRows = Infinity): Array<{ line: number; cells: string[] }> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Array<{ line: number; cells: string[] }> = [];
  const sep = separator.charCodeAt(0);
  const n = src.length;
  // The end of an unquoted stretch: the next separator or line break.
  const stretch = (from: number) => {
    let k = from;
    while (k < n) {
      const c = src.charCodeAt(k);
      if (c === sep || c === 10 || c === 13) break;
      k++;
    }
    return k;
  };
  let i = 0;
  let line = 1;
  let content = 0;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let touched = false;
    for (;;) {
      let cell: string;
      if (src.charCodeAt(i) === 34) {
        touched = true;
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = src.indexOf('"', j);
          if (q < 0) {
            parts.push(src.slice(j));
            i = n;
            break;
          }
          parts.push(src.slice(j, q));
          if (src.charCodeAt(q + 1) === 34) {
            parts.push('"');
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        cell = parts.length === 1 ? (parts[0] as string) : parts.join('');
        for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) line++;
        // Text after the closing quote belongs to the same cell, as Excel reads it.
        const k = stretch(i);
        if (k > i) cell += src.slice(i, k);
        i = k;
      } else {
        const k = stretch(i);
        cell = src.slice(i, k);
        i = k;
      }
      cells.push(cell);
      if (i < n && src.charCodeAt(i) === sep) {
        touched = true;
        i++;
        if (i === n) {
          cells.push('');
          break;
        }
        continue;
      }
      break;
    }
    if (i < n) {
      i += src.charCodeAt(i) === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
    }
    if (cells.length > 1 || cells[0] !== '' || touched) {
      out.push({ line: start, cells });
      // The header is not a row; rows that are entirely empty do not count.
      if (out.length > 1 && cells.some((c) => c.trim() !== '') && ++content > maxRows) break;
    }
  }
  return out;
}

/**
 * The first record is the header; rows that are entirely empty (Excel leaves ';;;;' lines) are dropped. With
 * `maxRows`, reading stops one row past it and `overLimit` says so.
 */
export function parseCsv(text: string, separator?: string, maxRows = Infinity): Table & { overLimit: boolean } {
  const sep = separator ?? detectSeparator(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const records = parseCsvRecords(text, sep, maxRows);
  const [head, ...rest] = records;
  const rows = rest.filter((r) => r.cells.some((c) => c.trim() !== ''));
  return {
    headers: (head?.cells ?? []).map((h) => h.trim()),
    rows: rows.slice(0, maxRows),
    overLimit: rows.length > maxRows,
  };
}
