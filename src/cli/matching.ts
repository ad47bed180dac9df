// `nabij match` and `nabij generate-instance`: the matching engine on instance files (JSON or compact .nbm), outside any database.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { decodeCompact, encodeCompact, type CompactIds } from '../domain/matching/compact.ts';
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

/** Writes bytes through a buffer: the TSV of a million requests is built as bytes, not as strings. */
class ByteWriter {
  buf = new Uint8Array(1 << 22);
  n = 0;
  fd: number;
  constructor(fd: number) {
    this.fd = fd;
  }
  bytes(b: Uint8Array) {
    this.range(b, 0, b.length);
  }
  /** Short copies by hand: subarray and set cost more than the bytes for ids of a few characters. */
  range(b: Uint8Array, from: number, to: number) {
    if (this.n + (to - from) > this.buf.length) this.flush();
    const buf = this.buf;
    let n = this.n;
    for (let k = from; k < to; k++) buf[n++] = b[k] as number;
    this.n = n;
  }
  byte(c: number) {
    if (this.n + 1 > this.buf.length) this.flush();
    this.buf[this.n++] = c;
  }
  int(x: number) {
    if (this.n + 12 > this.buf.length) this.flush();
    if (x < 0) {
      this.buf[this.n++] = 45;
      x = -x;
    }
    let digits = 1;
    for (let y = x; y >= 10; y = Math.floor(y / 10)) digits++;
    let k = this.n + digits - 1;
    this.n += digits;
    do {
      this.buf[k--] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }
  flush() {
    writeSync(this.fd, this.buf, 0, this.n);
    this.n = 0;
  }
}

const TAB = 9;
const NL = 10;
const COLON = 58;
const BAR = 124;

/**
 * The result of a compact instance as tab-separated lines: request, location, wish, reasons. A reason is
 * location:code:weekday(1 = Monday):part[:families or seats:seats or need], reasons separated by |.
 */
function writeTsv(out: string | undefined, compiled: CompiledInstance, ids: CompactIds, assignment: Int32Array, assignedRank: Int32Array, tie: Uint32Array) {
  const t = reasonTable(compiled, assignment, tie);
  const enc = new TextEncoder();
  const loc = compiled.locationIds.map((x) => enc.encode(x));
  const codes = ['too_few_seats', 'taken_by_higher', 'taken_by_draw', 'no_seat_free'].map((x) => enc.encode(x));
  const parts = ['day', 'morning', 'afternoon'].map((x) => enc.encode(x));
  const fd = out ? openSync(out, 'w') : 1;
  const w = new ByteWriter(fd);
  try {
    w.bytes(enc.encode('request\tlocation\twish\treasons\n'));
    const { memberStart, members } = compiled;
    for (let u = 0; u < compiled.instance.unitCount; u++) {
      const L = assignment[u] as number;
      for (let k = memberStart[u] as number; k < (memberStart[u + 1] as number); k++) {
        const i = members[k] as number;
        w.range(ids.bytes, ids.offsets[i] as number, ids.offsets[i + 1] as number);
        w.byte(TAB);
        if (L >= 0) {
          w.bytes(loc[L] as Uint8Array);
          w.byte(TAB);
          w.int((assignedRank[u] as number) + 1);
        } else w.byte(TAB);
        w.byte(TAB);
        for (let r = t.start[u] as number; r < (t.start[u + 1] as number); r++) {
          if (r > (t.start[u] as number)) w.byte(BAR);
          const code = t.code[r] as number;
          w.bytes(loc[t.location[r] as number] as Uint8Array);
          w.byte(COLON);
          w.bytes(codes[code] as Uint8Array);
          w.byte(COLON);
          w.int((t.day[r] as number) + 1);
          w.byte(COLON);
          w.bytes(parts[t.part[r] as number] as Uint8Array);
          if (code !== 3) {
            w.byte(COLON);
            w.int(t.a[r] as number);
            w.byte(COLON);
            w.int(t.b[r] as number);
          }
        }
        w.byte(NL);
      }
    }
    w.flush();
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
  // NABIJ_TIMINGS=1 adds the time of each phase to the summary line (the bench reads it).
  const times: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    times[name] = Math.round(t - t0);
    t0 = t;
  };
  bar.step('reading', 0, 4);
  const compact = compactFile(opts.in);
  let json: InstanceJson | null = null;
  let compiled: CompiledInstance;
  let ids: CompactIds | null = null;
  try {
    if (compact) ({ compiled, requestIdBytes: ids } = decodeCompact(readFileSync(opts.in)));
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
  lap('read');
  bar.step(mode === 'optimal' ? 'solving (optimal)' : 'matching', 1, 4);
  const result = solveCompiled(compiled, { seed, mode, timeLimitSeconds, ...(nodeLimit ? { nodeLimit } : {}), ...(mode === 'optimal' ? { solve: await loadSolver() } : {}) });
  lap('match');
  bar.step('verifying', 2, 4);
  const report = verify(compiled, requestLocations(compiled, result.assignment));
  lap('verify');
  bar.step('writing', 3, 4);
  const o = result.optimal;
  const optimal = o ? { source: o.source, status: o.status, solverStatus: o.solverStatus, proven: o.proven, gap: o.gap, placedChildren: o.placedChildren, daPlacedChildren: o.daPlacedChildren, nodes: o.nodes, seconds: o.seconds } : null;
  if (ids) {
    writeTsv(opts.out, compiled, ids, result.assignment, result.assignedRank, result.da.tie);
    if (opts.out) writeFileSync(`${opts.out}.verifier.json`, JSON.stringify({ mode, seed, optimal, verifier: report }, null, 1));
  } else {
    const { proposals } = explain(compiled, result.da, result.optimal);
    const out = JSON.stringify({ mode, seed, optimal, proposals, verifier: report }, null, 1);
    if (opts.out) writeFileSync(opts.out, out);
    // The caller exits right after: wait until a pipe has taken all of it.
    else await new Promise<void>((resolve) => process.stdout.write(`${out}\n`, () => resolve()));
  }
  lap('write');
  bar.step('done', 4, 4);
  bar.end();
  const hard = hardViolations(report);
  const extra = o ? `; optimal mode: ${o.status}${o.gap !== null && !o.proven ? ` (gap ${(o.gap * 100).toFixed(2)}%)` : ''}, ${o.placedChildren} children (DA ${o.daPlacedChildren})` : '';
  const timing = process.env.NABIJ_TIMINGS === '1' ? ` [${Object.entries(times).map(([k, v]) => `${k} ${v} ms`).join(', ')}]` : '';
  process.stderr.write(`${report.metrics.placed} of ${report.metrics.requests} requests placed; ${summary(report).en}${extra}${timing}\n`);
  return hard > 0 ? 2 : 0;
}
