// Shared bench helpers: machine facts, the commit, percentiles, and writing results as JSON plus a short table.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connect, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with, when there is one. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or the inverse for times, as stated in `ratioMeaning`). */
  ratio?: number;
  ratioMeaning?: string;
  /** The target in words, and as a bound bench/check.ts can test: `limit` on the value, or on the ratio. */
  target?: string;
  limit?: Limit;
  /** Filled in from `limit` when the result is written. */
  met?: boolean;
  note?: string;
}

export interface Limit {
  of: 'value' | 'ratio';
  op: '<' | '<=' | '>=' | '>' | '=';
  bound: number;
  /** A goal is reported, not enforced: check.ts lists it but does not fail on it. */
  goal?: boolean;
}

/** A figure's target, in words and as a bound: `...target('p95 < 50 ms', '<', 50)`. */
export function target(text: string, op: Limit['op'], bound: number, options: { of?: Limit['of']; goal?: boolean } = {}): Pick<Figure, 'target' | 'limit'> {
  return { target: text, limit: { of: options.of ?? 'value', op, bound, ...(options.goal ? { goal: true } : {}) } };
}

/** Whether a figure meets its limit; undefined without one. */
export function meets(f: Figure): boolean | undefined {
  if (!f.limit) return undefined;
  const x = f.limit.of === 'ratio' ? f.ratio : f.value;
  if (x === undefined || Number.isNaN(x)) return false;
  const b = f.limit.bound;
  return { '<': x < b, '<=': x <= b, '>=': x >= b, '>': x > b, '=': x === b }[f.limit.op];
}

export function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

export function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function writeResult(suite: string, figures: Figure[], extra: Record<string, unknown> = {}) {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${suite}.json`;
  const judged = figures.map((f) => (f.limit ? { ...f, met: meets(f) } : f));
  writeFileSync(file, JSON.stringify({ suite, at: new Date().toISOString(), commit: commit(), machine: machine(), figures: judged, ...extra }, null, 2));
  return file;
}

/** Two decimals, or two significant digits for small ratios (0.0014×, not 0.00×). */
function ratioText(r: number): string {
  return r !== 0 && Math.abs(r) < 0.1 ? r.toPrecision(2) : r.toFixed(2);
}

export function printTable(title: string, figures: Figure[]) {
  console.log(`\n${title}`);
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toFixed(f.value < 10 ? 2 : 0)} ${f.unit}`,
    f.baseline ? `${f.baseline.value.toFixed(f.baseline.value < 10 ? 2 : 0)} ${f.baseline.unit} (${f.baseline.name})` : '',
    f.ratio !== undefined ? `${ratioText(f.ratio)}× ${f.ratioMeaning ?? ''}` : '',
    f.target ? `${f.limit?.goal ? 'goal ' : ''}${f.target}: ${meets(f) ?? f.met ? 'met' : 'NOT met'}` : '',
  ]);
  const head = ['figure', 'value', 'same-run baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

/**
 * Runs a benchmark in a fresh, migrated PostgreSQL schema (DATABASE_URL, or the local server) and drops it afterwards.
 * The callback gets the schema's handle, the server URL and the schema name (for child processes).
 */
export async function withBenchSchema<T>(poolSize: number, run: (h: DatabaseHandle, url: string, schema: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await connect({ url, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const h = await connect({ url, schema, poolSize });
  try {
    await migrateToLatest(h.db);
    return await run(h, url, schema);
  } finally {
    await h.close();
    // BENCH_KEEP_SCHEMA=1 leaves the data for a look with psql (EXPLAIN); the schema name is printed.
    if (process.env.BENCH_KEEP_SCHEMA === '1') console.log(`kept schema ${schema}`);
    else await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}
