// Optimal mode: an integer program that places as many children as possible with no justified envy and no waste, never
// fewer than DA. The model is built here as sparse arrays; the caller hands in the solver (HiGHS), so this does no I/O.
import type { Matching } from './deferred-acceptance.ts';
import { SLOTS, type Instance } from './instance.ts';

/** A minimisation problem in the solver's terms (objective = − children placed). */
export interface MipModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csr'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  integrality: Int32Array;
}

export interface SolveOptions {
  /** Wall-clock safety net for the solver alone (what is left of the limit after building the model). */
  timeLimitSeconds: number;
  /** The deterministic work limit: branch-and-bound nodes. */
  nodeLimit: number;
  seed: number;
  /** A starting solution (DA's), used when it is feasible. */
  start?: Float64Array;
}

export interface SolveOutcome {
  status: 'optimal' | 'infeasible' | 'node_limit' | 'time_limit' | 'other';
  detail: string;
  colValue: Float64Array | null;
  /** Best objective found and the proven bound (minimisation), when known. */
  objective: number;
  dualBound: number;
  nodes: number;
}

export type Solve = (model: MipModel, options: SolveOptions) => SolveOutcome;
export type SolveAsync = (model: MipModel, options: SolveOptions) => Promise<SolveOutcome>;

export interface OptimalOptions {
  timeLimitSeconds?: number;
  nodeLimit?: number;
  seed?: number;
  /** Milliseconds clock; passed in so tests can drive it. */
  now?: () => number;
}

export interface OptimalResult {
  assignment: Int32Array;
  assignedRank: Int32Array;
  /** 'optimal' when the solver's answer is used; 'fallback' when DA's is kept. */
  source: 'optimal' | 'fallback';
  /** optimal: proven best; node_limit: best found within the node limit (see gap); time_limit, infeasible, fewer_than_da, empty: DA kept. */
  status: 'optimal' | 'node_limit' | 'time_limit' | 'infeasible' | 'fewer_than_da' | 'empty' | 'other';
  solverStatus: string;
  proven: boolean;
  /** (bound − placed) / bound in children, when the solver's answer is used and not proven; 0 when proven. */
  gap: number | null;
  placedChildren: number;
  daPlacedChildren: number;
  nodes: number;
  seconds: number;
}

export const DEFAULT_NODE_LIMIT = 2000;

function placedChildren(inst: Instance, assignment: Int32Array): number {
  let n = 0;
  for (let u = 0; u < inst.unitCount; u++) if ((assignment[u] as number) >= 0) n += inst.children[u] as number;
  return n;
}

/** Grows typed rows of a CSR matrix without an object per entry. */
class Rows {
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  add(lower: number, upper: number) {
    this.lower.push(lower);
    this.upper.push(upper);
    this.starts.push(this.indices.length);
  }
  term(col: number, value: number) {
    this.indices.push(col);
    this.values.push(value);
  }
}

export interface BuiltModel {
  model: MipModel;
  /** Column of each preference entry's x, -1 when the location can never fit the unit. */
  xCol: Int32Array;
  start: Float64Array;
}

/**
 * x_p = 1 when wish p is granted. Per location and half-day slot, a chain of continuous columns carries the load of the
 * units ahead in the strict order (priority, draw, unit), so the model stays linear in size. A unit not granted wish p
 * or a better one needs some slot at p's location where the units ahead leave too few seats (y_p_s = 1).
 */
export function buildModel(inst: Instance, da: Matching): BuiltModel {
  const { unitCount: U, locationCount: M, capacity, demand, children, prefStart, prefLocation, prefPriority } = inst;
  const tie = da.tie;
  const E = prefLocation.length;
  const unitOf = new Int32Array(E);
  for (let u = 0; u < U; u++) for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) unitOf[p] = u;
  const cost: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const integ: number[] = [];
  const startVal: number[] = [];
  const col = (c: number, l: number, h: number, integer: boolean, v: number) => {
    cost.push(c);
    lo.push(l);
    hi.push(h);
    integ.push(integer ? 1 : 0);
    startVal.push(v);
    return cost.length - 1;
  };
  const daEntry = new Int32Array(U).fill(-1);
  for (let u = 0; u < U; u++) if ((da.assignedRank[u] as number) >= 0) daEntry[u] = (prefStart[u] as number) + (da.assignedRank[u] as number);

  const xCol = new Int32Array(E).fill(-1);
  for (let p = 0; p < E; p++) {
    const u = unitOf[p] as number;
    const L = prefLocation[p] as number;
    let fits = true;
    for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (capacity[L * SLOTS + s] as number)) fits = false;
    if (fits) xCol[p] = col(-(children[u] as number), 0, 1, true, daEntry[u] === p ? 1 : 0);
  }
  const rows = new Rows();
  for (let u = 0; u < U; u++) {
    let any = false;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) if ((xCol[p] as number) >= 0) (rows.term(xCol[p] as number, 1), (any = true));
    if (any) rows.add(-Infinity, 1);
  }
  // Never fewer children than DA.
  for (let p = 0; p < E; p++) if ((xCol[p] as number) >= 0) rows.term(xCol[p] as number, children[unitOf[p] as number] as number);
  rows.add(placedChildren(inst, da.assignment), Infinity);

  // Entries per location in the strict order.
  const at: number[][] = Array.from({ length: M }, () => []);
  for (let p = 0; p < E; p++) if ((xCol[p] as number) >= 0) (at[prefLocation[p] as number] as number[]).push(p);
  const yTerms: number[][] = Array.from({ length: E }, () => []);
  for (let L = 0; L < M; L++) {
    const list = at[L] as number[];
    list.sort((p, q) => (prefPriority[p] as number) - (prefPriority[q] as number) || (tie[unitOf[p] as number] as number) - (tie[unitOf[q] as number] as number) || (unitOf[p] as number) - (unitOf[q] as number));
    for (let s = 0; s < SLOTS; s++) {
      const cap = capacity[L * SLOTS + s] as number;
      let prev = -1; // chain column: load of the units so far on slot s
      let prevStart = 0;
      for (const p of list) {
        const u = unitOf[p] as number;
        const need = demand[u * SLOTS + s] as number;
        if (need === 0) continue;
        if (prev >= 0) {
          // Blocked on s: the units ahead hold more than cap − need seats.
          const threshold = cap - need + 1;
          const y = col(0, 0, 1, true, prevStart >= threshold ? 1 : 0);
          rows.term(prev, 1);
          rows.term(y, -threshold);
          rows.add(0, Infinity);
          (yTerms[p] as number[]).push(y);
        }
        const taken = daEntry[u] === p ? need : 0;
        const c = col(0, 0, cap, false, prevStart + taken);
        rows.term(c, 1);
        if (prev >= 0) rows.term(prev, -1);
        rows.term(xCol[p] as number, -need);
        rows.add(0, 0);
        prev = c;
        prevStart += taken;
      }
    }
  }
  // No envy, no waste: granted this wish or a better one, or blocked on some slot here.
  for (let u = 0; u < U; u++) {
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      if ((xCol[p] as number) < 0) continue;
      for (let q = prefStart[u] as number; q <= p; q++) if ((xCol[q] as number) >= 0) rows.term(xCol[q] as number, 1);
      for (const y of yTerms[p] as number[]) rows.term(y, 1);
      rows.add(1, Infinity);
    }
  }
  const numCols = cost.length;
  const numRows = rows.lower.length;
  return {
    model: {
      numCols,
      numRows,
      colCost: Float64Array.from(cost),
      colLower: Float64Array.from(lo),
      colUpper: Float64Array.from(hi),
      rowLower: Float64Array.from(rows.lower),
      rowUpper: Float64Array.from(rows.upper),
      matrix: { format: 'csr', numRows, numCols, starts: Int32Array.from(rows.starts), indices: Int32Array.from(rows.indices), values: Float64Array.from(rows.values) },
      integrality: Int32Array.from(integ),
    },
    xCol,
    start: Float64Array.from(startVal),
  };
}

/** Reads the solver's answer; keeps DA's matching unless the answer is complete and places at least as many children. */
function interpret(inst: Instance, da: Matching, built: BuiltModel | null, out: SolveOutcome, seconds: number): OptimalResult {
  const daCount = placedChildren(inst, da.assignment);
  const fallback = (status: OptimalResult['status']): OptimalResult => ({ assignment: da.assignment, assignedRank: da.assignedRank, source: 'fallback', status, solverStatus: out.detail, proven: false, gap: null, placedChildren: daCount, daPlacedChildren: daCount, nodes: out.nodes, seconds });
  // At the wall-clock limit DA is kept, so that the result never depends on the machine's speed.
  if (out.status === 'time_limit') return fallback('time_limit');
  if (out.status === 'infeasible') return fallback('infeasible');
  if (!built || !out.colValue || (out.status !== 'optimal' && out.status !== 'node_limit')) return fallback(built ? 'other' : 'empty');
  const assignment = new Int32Array(inst.unitCount).fill(-1);
  const assignedRank = new Int32Array(inst.unitCount).fill(-1);
  for (let u = 0; u < inst.unitCount; u++) {
    for (let p = inst.prefStart[u] as number; p < (inst.prefStart[u + 1] as number); p++) {
      const c = built.xCol[p] as number;
      if (c >= 0 && (out.colValue[c] as number) > 0.5) {
        assignment[u] = inst.prefLocation[p] as number;
        assignedRank[u] = p - (inst.prefStart[u] as number);
        break;
      }
    }
  }
  const placed = placedChildren(inst, assignment);
  if (placed < daCount) return fallback('fewer_than_da');
  const proven = out.status === 'optimal';
  const bound = Math.floor(-out.dualBound + 1e-6);
  const gap = proven ? 0 : Number.isFinite(bound) && bound > 0 ? Math.max(0, (bound - placed) / bound) : null;
  return { assignment, assignedRank, source: 'optimal', status: proven ? 'optimal' : 'node_limit', solverStatus: out.detail, proven, gap, placedChildren: placed, daPlacedChildren: daCount, nodes: out.nodes, seconds };
}

interface Prepared {
  built: BuiltModel | null;
  options: SolveOptions;
  t0: number;
  now: () => number;
}

function prepare(inst: Instance, da: Matching, o: OptimalOptions): Prepared | { early: SolveOutcome; t0: number; now: () => number } {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const limit = o.timeLimitSeconds ?? 120;
  if (inst.prefLocation.length === 0) return { early: { status: 'other', detail: 'Empty', colValue: null, objective: 0, dualBound: 0, nodes: 0 }, t0, now };
  const built = buildModel(inst, da);
  if (built.model.numCols === 0) return { early: { status: 'other', detail: 'Empty', colValue: null, objective: 0, dualBound: 0, nodes: 0 }, t0, now };
  // The limit covers building the model and reading the answer: the solver gets what is left, less a margin.
  const left = limit - (now() - t0) / 1000 - Math.min(1, limit * 0.1);
  if (left <= 0) return { early: { status: 'time_limit', detail: 'Time limit reached while building the model', colValue: null, objective: 0, dualBound: 0, nodes: 0 }, t0, now };
  return { built, options: { timeLimitSeconds: left, nodeLimit: o.nodeLimit ?? DEFAULT_NODE_LIMIT, seed: o.seed ?? 1, start: built.start }, t0, now };
}

/** Solves within the limits; keeps DA's matching unless the solver finds one at least as large. */
export function optimalMatching(inst: Instance, da: Matching, solve: Solve, o: OptimalOptions = {}): OptimalResult {
  const p = prepare(inst, da, o);
  if ('early' in p) return interpret(inst, da, null, p.early, (p.now() - p.t0) / 1000);
  const out = solve(p.built!.model, p.options);
  return interpret(inst, da, p.built, out, (p.now() - p.t0) / 1000);
}

/** The same with a solver that answers asynchronously (a worker thread in the server). */
export async function optimalMatchingAsync(inst: Instance, da: Matching, solve: SolveAsync, o: OptimalOptions = {}): Promise<OptimalResult> {
  const p = prepare(inst, da, o);
  if ('early' in p) return interpret(inst, da, null, p.early, (p.now() - p.t0) / 1000);
  const out = await solve(p.built!.model, p.options);
  return interpret(inst, da, p.built, out, (p.now() - p.t0) / 1000);
}
