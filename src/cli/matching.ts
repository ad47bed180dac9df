// `nabij match` and `nabij generate-instance`: the matching engine on instance files (JSON or compact .nbm), outside any database.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { decodeCompact, encodeCompact } from '../domain/matching/compact.ts';
import { generateFlat, generateInstance } from '../domain/matching/generate.ts';
import { compile, InstanceError, type CompiledInstance, type InstanceJson } from '../domain/matching/instance.ts';
import { reasonTable } from '../domain/matching/reasons.ts';
import { explain, requestLocations, solveCompiled } from '../domain/matching/run.ts';
import { hardViolations, summary, verify } from '../domain/matching/verify.ts';
import { loadSolver } from '../app/solver.ts';
import { progress } from './progress.ts';

function positiveInt(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number above 0`);
  return n;
}

const compactFile = (name: string) => name.endsWith('.nbm');

export function generateCommand(opts: { requests?: string; locations?: string; seed?: string; out?: string }): number {
  const bar = progress();
  bar.step('generating', 0, 2);
  const o = { requests: positiveInt(opts.requests, 'requests'), locations: positiveInt(opts.locations, 'locations'), seed: positiveInt(opts.seed, 'seed', 1) };
  if (opts.out && compactFile(opts.out)) {
    // Straight from the flat form: a million requests without a million objects.
    const { instance, siblings } = generateFlat(o);
    const ids: string[] = [];
    for (let u = 0; u < instance.unitCount; u++) {
      if (siblings[u]) ids.push(`R${u + 1}-1`, `R${u + 1}-2`);
      else ids.push(`R${u + 1}`);
    }
    bar.step('writing', 1, 2);
    writeFileSync(opts.out, encodeCompact(instance, Array.from({ length: instance.locationCount }, (_, L) => `L${L + 1}`), (i) => ids[i] as string));
  } else {
    const json = generateInstance(o);
    bar.step('writing', 1, 2);
    const text = JSON.stringify(json);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(`${text}\n`);
  }
  bar.step('done', 2, 2);
  bar.end();
  return 0;
}

const CODE_NAMES = ['too_few_seats', 'taken_by_higher', 'taken_by_draw', 'no_seat_free'];
const PART_NAMES = ['day', 'morning', 'afternoon'];

/**
 * The result of a compact instance as tab-separated lines: request, location, wish, reasons. A reason is
 * location:code:weekday(1 = Monday):part[:families or seats:seats or need], reasons separated by |.
 */
function writeTsv(out: string | undefined, compiled: CompiledInstance, assignment: Int32Array, assignedRank: Int32Array, tie: Uint32Array) {
  const t = reasonTable(compiled, assignment, tie);
  const fd = out ? openSync(out, 'w') : 1;
  try {
    let chunk = 'request\tlocation\twish\treasons\n';
    const { memberStart, members, locationIds } = compiled;
    for (let u = 0; u < compiled.instance.unitCount; u++) {
      const L = assignment[u] as number;
      let why = '';
      for (let k = t.start[u] as number; k < (t.start[u + 1] as number); k++) {
        const code = t.code[k] as number;
        why += `${k > (t.start[u] as number) ? '|' : ''}${locationIds[t.location[k] as number]}:${CODE_NAMES[code]}:${(t.day[k] as number) + 1}:${PART_NAMES[t.part[k] as number]}${code === 3 ? '' : `:${t.a[k]}:${t.b[k]}`}`;
      }
      const tail = L >= 0 ? `\t${locationIds[L]}\t${(assignedRank[u] as number) + 1}\t${why}\n` : `\t\t\t${why}\n`;
      for (let k = memberStart[u] as number; k < (memberStart[u + 1] as number); k++) chunk += compiled.requestId(members[k] as number) + tail;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    if (out) closeSync(fd);
  }
}

/**
 * Exit codes: 0 the result is valid (justified envy or waste are reported, not errors: docs/matching.md); 1 the input
 * or the options are wrong; 2 the verifier found a hard violation (over capacity, an unlisted location, split siblings).
 */
export async function matchCommand(opts: { in?: string; out?: string; seed?: string; mode?: string; 'time-limit'?: string; 'node-limit'?: string }): Promise<number> {
  if (!opts.in) throw new Error('--in takes the instance file: JSON (docs/matching-instance.schema.json) or compact (.nbm)');
  const seed = positiveInt(opts.seed, 'seed', 1);
  const mode = opts.mode ?? 'da';
  if (mode !== 'da' && mode !== 'optimal') throw new Error("--mode is 'da' (deferred acceptance) or 'optimal' (integer program, DA as floor)");
  const timeLimitSeconds = positiveInt(opts['time-limit'], 'time-limit', 120);
  const nodeLimit = opts['node-limit'] === undefined ? undefined : positiveInt(opts['node-limit'], 'node-limit');
  const bar = progress();
  bar.step('reading', 0, 4);
  const compact = compactFile(opts.in);
  let json: InstanceJson | null = null;
  let compiled: CompiledInstance;
  try {
    if (compact) compiled = decodeCompact(readFileSync(opts.in)).compiled;
    else {
      try {
        json = JSON.parse(readFileSync(opts.in, 'utf8')) as InstanceJson;
      } catch (err) {
        throw new Error(`${opts.in}: not readable JSON (${err instanceof Error ? err.message : err})`);
      }
      compiled = compile(json);
    }
  } catch (err) {
    if (err instanceof InstanceError) throw new Error(`${opts.in}: ${err.en}`);
    throw err;
  }
  bar.step(mode === 'optimal' ? 'solving (optimal)' : 'matching', 1, 4);
  const result = solveCompiled(compiled, { seed, mode, timeLimitSeconds, ...(nodeLimit ? { nodeLimit } : {}), ...(mode === 'optimal' ? { solve: await loadSolver() } : {}) });
  bar.step('verifying', 2, 4);
  const report = verify(compiled, requestLocations(compiled, result.assignment));
  bar.step('writing', 3, 4);
  const o = result.optimal;
  const optimal = o ? { source: o.source, status: o.status, solverStatus: o.solverStatus, proven: o.proven, gap: o.gap, placedChildren: o.placedChildren, daPlacedChildren: o.daPlacedChildren, nodes: o.nodes, seconds: o.seconds } : null;
  if (compact) {
    writeTsv(opts.out, compiled, result.assignment, result.assignedRank, result.da.tie);
    if (opts.out) writeFileSync(`${opts.out}.verifier.json`, JSON.stringify({ mode, seed, optimal, verifier: report }, null, 1));
  } else {
    const { proposals } = explain(compiled, result.da, result.optimal);
    const out = JSON.stringify({ mode, seed, optimal, proposals, verifier: report }, null, 1);
    if (opts.out) writeFileSync(opts.out, out);
    else process.stdout.write(`${out}\n`);
  }
  bar.step('done', 4, 4);
  bar.end();
  const hard = hardViolations(report);
  const extra = o ? `; optimal mode: ${o.status}${o.gap !== null && !o.proven ? ` (gap ${(o.gap * 100).toFixed(2)}%)` : ''}, ${o.placedChildren} children (DA ${o.daPlacedChildren})` : '';
  process.stderr.write(`${report.metrics.placed} of ${report.metrics.requests} requests placed; ${summary(report).en}${extra}\n`);
  return hard > 0 ? 2 : 0;
}
