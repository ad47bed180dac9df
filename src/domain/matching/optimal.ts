// Optimal mode: an integer program that places as many children as possible with no justified envy, never fewer than DA.
// The model is built here as CPLEX LP text; the caller hands in the solver (HiGHS), so this module does no I/O.
import type { Matching } from './deferred-acceptance.ts';
import { WEEKDAYS, type Instance } from './instance.ts';

export interface SolverResult {
  Status: string;
  Columns: Record<string, { Primal: number }>;
}
export type Solve = (lp: string, options: { time_limit: number; mip_rel_gap?: number }) => SolverResult;

export interface OptimalResult {
  assignment: Int32Array;
  assignedRank: Int32Array;
  /** 'optimal' when the solver's answer is used; 'fallback' when DA's is kept (time limit, no better answer). */
  source: 'optimal' | 'fallback';
  solverStatus: string;
  placedChildren: number;
  daPlacedChildren: number;
  seconds: number;
}

function children(inst: Instance, u: number): number {
  let n = 0;
  for (let d = 0; d < WEEKDAYS; d++) n = Math.max(n, inst.demand[u * WEEKDAYS + d] as number);
  return n;
}

/** The LP model: x_p = 1 when wish p is granted, y_p_d = 1 when day d at that location is full of better-placed units. */
export function buildModel(inst: Instance, minimumChildren: number): string {
  const { unitCount, prefStart, prefLocation, prefPriority, demand, capacity } = inst;
  const byLocation = new Map<number, number[]>();
  for (let p = 0; p < prefLocation.length; p++) {
    const L = prefLocation[p] as number;
    const list = byLocation.get(L) ?? [];
    list.push(p);
    byLocation.set(L, list);
  }
  const unitOf = new Int32Array(prefLocation.length);
  for (let u = 0; u < unitCount; u++) for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) unitOf[p] = u;

  const obj: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  for (let p = 0; p < prefLocation.length; p++) {
    obj.push(`+ ${children(inst, unitOf[p] as number)} x${p}`);
    binaries.push(`x${p}`);
  }
  rows.push(` atleastda: ${obj.join(' ')} >= ${minimumChildren}`);
  for (let u = 0; u < unitCount; u++) {
    const s = prefStart[u] as number;
    const e = prefStart[u + 1] as number;
    if (e > s) rows.push(` one${u}: ${Array.from({ length: e - s }, (_, k) => `+ x${s + k}`).join(' ')} <= 1`);
  }
  for (const [L, entries] of byLocation) {
    for (let d = 0; d < WEEKDAYS; d++) {
      const terms = entries.filter((p) => (demand[(unitOf[p] as number) * WEEKDAYS + d] as number) > 0).map((p) => `+ ${demand[(unitOf[p] as number) * WEEKDAYS + d]} x${p}`);
      if (terms.length) rows.push(` cap${L}_${d}: ${terms.join(' ')} <= ${capacity[L * WEEKDAYS + d]}`);
    }
    // No justified envy: a unit not granted this wish (or a better one) finds some needed day full of units at least as high in priority.
    for (const p of entries) {
      const u = unitOf[p] as number;
      let neverFits = false;
      for (let d = 0; d < WEEKDAYS; d++) if ((demand[u * WEEKDAYS + d] as number) > (capacity[L * WEEKDAYS + d] as number)) neverFits = true;
      if (neverFits) continue;
      const better = entries.filter((q) => q !== p && (unitOf[q] as number) !== u && (prefPriority[q] as number) <= (prefPriority[p] as number));
      const granted = [];
      for (let q = prefStart[u] as number; q <= p; q++) granted.push(`+ x${q}`);
      const ys: string[] = [];
      for (let d = 0; d < WEEKDAYS; d++) {
        const need = demand[u * WEEKDAYS + d] as number;
        if (need === 0) continue;
        const threshold = (capacity[L * WEEKDAYS + d] as number) - need + 1;
        const terms = better.filter((q) => (demand[(unitOf[q] as number) * WEEKDAYS + d] as number) > 0).map((q) => `+ ${demand[(unitOf[q] as number) * WEEKDAYS + d]} x${q}`);
        if (terms.length === 0 && threshold > 0) continue;
        ys.push(`+ y${p}_${d}`);
        binaries.push(`y${p}_${d}`);
        rows.push(` full${p}_${d}: ${terms.join(' ') || '0 x0'} - ${threshold} y${p}_${d} >= 0`);
      }
      rows.push(` envy${p}: ${[...granted, ...ys].join(' ')} >= 1`);
    }
  }
  return `Maximize\n obj: ${obj.join(' ') || '0 x0'}\nSubject To\n${rows.join('\n')}\nBinaries\n ${binaries.join(' ')}\nEnd\n`;
}

function daPlaced(inst: Instance, da: Matching): number {
  let n = 0;
  for (let u = 0; u < inst.unitCount; u++) if ((da.assignment[u] as number) >= 0) n += children(inst, u);
  return n;
}

/** Reads the solver's answer; keeps DA's matching unless the answer is usable and at least as large. */
function interpret(inst: Instance, da: Matching, result: SolverResult, seconds: number): OptimalResult {
  const daCount = daPlaced(inst, da);
  const fallback = (status: string): OptimalResult => ({ assignment: da.assignment, assignedRank: da.assignedRank, source: 'fallback', solverStatus: status, placedChildren: daCount, daPlacedChildren: daCount, seconds });
  const usable = result.Status === 'Optimal' || (result.Status === 'Time limit reached' && Object.keys(result.Columns ?? {}).length > 0);
  if (!usable) return fallback(result.Status);
  const assignment = new Int32Array(inst.unitCount).fill(-1);
  const assignedRank = new Int32Array(inst.unitCount).fill(-1);
  let placed = 0;
  for (let u = 0; u < inst.unitCount; u++) {
    for (let p = inst.prefStart[u] as number; p < (inst.prefStart[u + 1] as number); p++) {
      if ((result.Columns[`x${p}`]?.Primal ?? 0) > 0.5) {
        assignment[u] = inst.prefLocation[p] as number;
        assignedRank[u] = p - (inst.prefStart[u] as number);
        placed += children(inst, u);
        break;
      }
    }
  }
  // A time-limited answer is only kept when it is complete and not smaller than DA's.
  if (placed < daCount) return fallback(`${result.Status} (fewer than DA)`);
  return { assignment, assignedRank, source: 'optimal', solverStatus: result.Status, placedChildren: placed, daPlacedChildren: daCount, seconds };
}

/** Solves the integer program within the time limit; keeps DA's matching unless the solver finds one at least as large. */
export function optimalMatching(inst: Instance, da: Matching, solve: Solve, timeLimitSeconds = 120): OptimalResult {
  const t0 = performance.now();
  if (inst.prefLocation.length === 0) return interpret(inst, da, { Status: 'Empty', Columns: {} }, 0);
  const result = solve(buildModel(inst, daPlaced(inst, da)), { time_limit: timeLimitSeconds, mip_rel_gap: 0 });
  return interpret(inst, da, result, (performance.now() - t0) / 1000);
}

/** The same with a solver that answers asynchronously (a worker thread in the server). */
export async function optimalMatchingAsync(inst: Instance, da: Matching, solve: (lp: string, options: { time_limit: number; mip_rel_gap?: number }) => Promise<SolverResult>, timeLimitSeconds = 120): Promise<OptimalResult> {
  const t0 = performance.now();
  if (inst.prefLocation.length === 0) return interpret(inst, da, { Status: 'Empty', Columns: {} }, 0);
  const result = await solve(buildModel(inst, daPlaced(inst, da)), { time_limit: timeLimitSeconds, mip_rel_gap: 0 });
  return interpret(inst, da, result, (performance.now() - t0) / 1000);
}
