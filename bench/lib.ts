// Shared bench helpers: machine facts, the commit, percentiles, and writing results as JSON plus a short table.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with, when there is one. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or the inverse for times, as stated in `ratioMeaning`). */
  ratio?: number;
  ratioMeaning?: string;
  target?: string;
  met?: boolean;
  note?: string;
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
  writeFileSync(file, JSON.stringify({ suite, at: new Date().toISOString(), commit: commit(), machine: machine(), figures, ...extra }, null, 2));
  return file;
}

export function printTable(title: string, figures: Figure[]) {
  console.log(`\n${title}`);
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toFixed(f.value < 10 ? 2 : 0)} ${f.unit}`,
    f.baseline ? `${f.baseline.value.toFixed(f.baseline.value < 10 ? 2 : 0)} ${f.baseline.unit} (${f.baseline.name})` : '',
    f.ratio !== undefined ? `${f.ratio.toFixed(2)}× ${f.ratioMeaning ?? ''}` : '',
    f.target ? `${f.target}: ${f.met ? 'met' : 'NOT met'}` : '',
  ]);
  const head = ['figure', 'value', 'same-run baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}
