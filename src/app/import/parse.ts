// Runs the reading and checking of an upload in a worker thread with bounded memory, one upload at a time.
import { Worker } from 'node:worker_threads';
import { applyOverride, detectMapping, missingFields, type Mapping } from '../../domain/import/columns.ts';
import { checkImport, type ImportRow, type ImportSetting, type RowProblem } from '../../domain/import/rows.ts';
import { invalidFields, UserError, type FieldProblem, type Message, type UserErrorKind } from '../../domain/errors.ts';
import { readTable, type ImportFormat } from './read.ts';

export interface ParseInput {
  content: Uint8Array;
  format?: ImportFormat;
  fileName?: string;
  mapping?: Record<string, string>;
  setting: ImportSetting;
  maxBytes: number;
  /** 'preview' needs fingerprints and a sample; 'rows' every checked row, to register. */
  want: 'preview' | 'rows';
}

export interface Checked {
  format: ImportFormat;
  headers: string[];
  mapping: Mapping;
  warnings: Message[];
  totalRows: number;
  problems: RowProblem[];
  problemLines: number[];
  rows: ImportRow[];
}

/** Problem texts sent back per file; the lines with a problem are all listed. */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface Parsed extends Omit<Checked, 'rows'> {
  /** Problems past MAX_REPORTED_PROBLEMS, left out of `problems`. */
  problemsOmitted: number;
  /** Every good row's fingerprint, in file order. */
  fingerprints: string[];
  /** The first good rows, to show. */
  sample: ImportRow[];
  /** Every good row; empty for a preview. */
  rows: ImportRow[];
}

export type ParseMessage =
  | ({ t: 'head' } & Omit<Parsed, 'rows'>)
  | { t: 'rows'; rows: ImportRow[] }
  | { t: 'done' }
  | { t: 'user_error'; error: { kind: UserErrorKind; code: string; field: string | null; nl: string; en: string; details: FieldProblem[] } }
  | { t: 'crash'; message: string };

/** Reads, maps and checks in the calling thread: the worker runs this. */
export async function checkOne(input: ParseInput): Promise<Checked> {
  const { table, format } = await readTable(input.content, input.format, input.fileName, input.maxBytes);
  const detected = detectMapping(table.headers);
  const { mapping, problems } = input.mapping ? applyOverride(table.headers, detected, input.mapping) : { mapping: detected, problems: [] };
  problems.push(...missingFields(mapping));
  if (problems.length) throw invalidFields(problems);
  const warnings: Message[] = [];
  if (!mapping.includes('registeredOn')) {
    warnings.push({ nl: 'Er is geen kolom met de inschrijvingsdatum: alle rijen krijgen de datum van vandaag en de oorspronkelijke volgorde gaat verloren.', en: 'There is no registration-date column: every row gets today’s date and the original order is lost.' });
  }
  const checked = checkImport(table, mapping, input.setting);
  return { format, headers: table.headers, mapping, warnings, totalRows: table.rows.length, ...checked };
}

/**
 * The worker's heap limit bounds what one upload can take (the zip checks and the row limit keep a good file well
 * under it); a file that still needs more is refused as too complex, and the server goes on.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };
/** Uploads parsed at once; the others wait their turn (two cores: the server keeps one). */
const PARALLEL = 1;
let active = 0;
const waiting: Array<() => void> = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL) await new Promise<void>((r) => waiting.push(r));
  active++;
  try {
    return await work();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const tooComplex = () =>
  new UserError('invalid', 'import.file_too_complex', 'file', { nl: 'Dit bestand vraagt te veel geheugen om te lezen. Bewaar het opnieuw als CSV, of splits het in delen.', en: 'This file needs too much memory to read. Save it again as CSV, or split it into parts.' });

export function parseInWorker(input: ParseInput): Promise<Parsed> {
  return turn(
    () =>
      new Promise<Parsed>((resolve, reject) => {
        const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: input, resourceLimits: RESOURCE_LIMITS });
        let head: Omit<Parsed, 'rows'> | null = null;
        const rows: ImportRow[] = [];
        let settled = false;
        const finish = (f: () => void) => {
          if (settled) return;
          settled = true;
          f();
        };
        worker.on('message', (m: ParseMessage) => {
          if (m.t === 'head') head = m;
          else if (m.t === 'rows') for (const r of m.rows) rows.push(r);
          else if (m.t === 'done') finish(() => resolve({ ...(head as Omit<Parsed, 'rows'>), rows }));
          else if (m.t === 'user_error') finish(() => reject(new UserError(m.error.kind, m.error.code, m.error.field, m.error, m.error.details)));
          else finish(() => reject(new Error(`import worker: ${m.message}`)));
        });
        worker.on('error', (err: Error & { code?: string }) => finish(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : err)));
        worker.on('exit', (code) => finish(() => reject(code === 0 ? new Error('import worker ended without an answer') : tooComplex())));
      }),
  );
}
