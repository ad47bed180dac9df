// `nabij match` and `nabij generate-instance`: the matching engine on instance files, outside any database.
import { readFileSync, writeFileSync } from 'node:fs';
import { generateInstance } from '../domain/matching/generate.ts';
import { InstanceError, type InstanceJson } from '../domain/matching/instance.ts';
import { runMatching } from '../domain/matching/run.ts';
import { loadSolver } from '../app/solver.ts';
import { verify } from '../domain/matching/verify.ts';
import { progress } from './progress.ts';

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number above 0`);
  return n;
}

export function generateCommand(opts: { requests?: string; locations?: string; seed?: string; out?: string }): number {
  const bar = progress();
  bar.step('generating', 0, 2);
  const json = generateInstance({ requests: positiveInt(opts.requests, 'requests'), locations: positiveInt(opts.locations, 'locations'), seed: positiveInt(opts.seed, 'seed', 1) });
  bar.step('writing', 1, 2);
  const text = JSON.stringify(json);
  if (opts.out) writeFileSync(opts.out, text);
  else process.stdout.write(`${text}\n`);
  bar.step('done', 2, 2);
  bar.end();
  return 0;
}

export async function matchCommand(opts: { in?: string; out?: string; seed?: string; mode?: string; 'time-limit'?: string }): Promise<number> {
  if (!opts.in) throw new Error('--in takes the instance file (see docs/matching-instance.schema.json)');
  const bar = progress();
  bar.step('reading', 0, 4);
  let json: InstanceJson;
  try {
    json = JSON.parse(readFileSync(opts.in, 'utf8')) as InstanceJson;
  } catch (err) {
    throw new Error(`${opts.in}: not readable JSON (${err instanceof Error ? err.message : err})`);
  }
  if (!Array.isArray(json?.locations) || !Array.isArray(json?.requests)) throw new Error(`${opts.in}: needs 'locations' and 'requests' lists`);
  const seed = positiveInt(opts.seed, 'seed', 1);
  const mode = opts.mode ?? 'da';
  if (mode !== 'da' && mode !== 'optimal') throw new Error("--mode is 'da' (deferred acceptance) or 'optimal' (integer program, DA as fallback)");
  const timeLimitSeconds = positiveInt(opts['time-limit'], 'time-limit', 120);
  bar.step(mode === 'optimal' ? 'solving (optimal)' : 'matching', 1, 4);
  let result;
  try {
    result = runMatching(json, { seed, mode, timeLimitSeconds, ...(mode === 'optimal' ? { solve: await loadSolver() } : {}) });
  } catch (err) {
    if (err instanceof InstanceError) throw new Error(`${opts.in}: ${err.message}`);
    throw err;
  }
  bar.step('verifying', 2, 4);
  const placed = new Map(result.proposals.map((p) => [p.requestId, p.location]));
  const report = verify(json, result.compiled, placed);
  bar.step('writing', 3, 4);
  const optimal = result.optimal ? { source: result.optimal.source, solverStatus: result.optimal.solverStatus, placedChildren: result.optimal.placedChildren, daPlacedChildren: result.optimal.daPlacedChildren, seconds: result.optimal.seconds } : null;
  const out = JSON.stringify({ mode, seed, optimal, proposals: result.proposals, verifier: report }, null, 1);
  if (opts.out) writeFileSync(opts.out, out);
  else process.stdout.write(`${out}\n`);
  bar.step('done', 4, 4);
  bar.end();
  const ok = report.capacityViolations.length === 0 && report.unlistedPlacements.length === 0 && report.siblingsSplit.length === 0;
  process.stderr.write(`${report.metrics.placed} of ${report.metrics.requests} requests placed; justified envy: ${report.justifiedEnvy}; verifier ${ok ? 'clean' : 'FOUND VIOLATIONS'}\n`);
  return ok ? 0 : 2;
}
