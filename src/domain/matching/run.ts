// Runs a matching on an instance and returns each request's proposal with its start date and reasons (codes and words).
import { deferredAcceptance, type Matching } from './deferred-acceptance.ts';
import { compile, type CompiledInstance, type InstanceJson } from './instance.ts';
import { optimalMatching, optimalMatchingAsync, type OptimalOptions, type OptimalResult, type Solve, type SolveAsync } from './optimal.ts';
import { requestReasons, unitReasons, wordProposal, type Reason } from './reasons.ts';

export interface Proposal {
  requestId: string;
  location: string | null;
  wish: number | null;
  /** The first day the child could start in the round's period; null without dates. */
  start: string | null;
  reasons: Reason[];
  reason: { nl: string; en: string; fr: string; ar: string };
}

export interface RunOptions {
  seed: number;
  /** 'optimal' needs a solver; DA is always run first, as the floor and the fallback. */
  mode?: 'da' | 'optimal';
  solve?: Solve;
  timeLimitSeconds?: number;
  nodeLimit?: number;
  now?: () => number;
}

export interface RunResult {
  compiled: CompiledInstance;
  da: Matching;
  optimal: OptimalResult | null;
  /** The final assignment per unit, whichever mode produced it. */
  assignment: Int32Array;
  assignedRank: Int32Array;
  proposals: Proposal[];
}

export function matchDeferredAcceptance(json: InstanceJson, seed: number) {
  return runMatching(json, { seed });
}

function optimalOptions(o: RunOptions): OptimalOptions {
  return { timeLimitSeconds: o.timeLimitSeconds ?? 120, seed: o.seed, ...(o.nodeLimit !== undefined ? { nodeLimit: o.nodeLimit } : {}), ...(o.now ? { now: o.now } : {}) };
}

export function runMatching(json: InstanceJson, options: RunOptions): RunResult {
  const compiled = compile(json);
  const { da, optimal } = solveCompiled(compiled, options);
  return explain(compiled, da, optimal);
}

/** DA, then optimal mode when asked, on an instance already compiled (JSON or compact). */
export function solveCompiled(compiled: CompiledInstance, options: RunOptions): { da: Matching; optimal: OptimalResult | null; assignment: Int32Array; assignedRank: Int32Array } {
  const da = deferredAcceptance(compiled.instance, options.seed);
  let optimal: OptimalResult | null = null;
  if (options.mode === 'optimal') {
    if (!options.solve) throw new Error('optimal mode needs a solver');
    optimal = optimalMatching(compiled.instance, da, options.solve, optimalOptions(options));
  }
  return { da, optimal, assignment: optimal ? optimal.assignment : da.assignment, assignedRank: optimal ? optimal.assignedRank : da.assignedRank };
}

/** The same, with the solver answering asynchronously (a worker thread), so a server stays responsive. */
export async function runMatchingAsync(json: InstanceJson, options: Omit<RunOptions, 'solve'> & { solveAsync?: SolveAsync }): Promise<RunResult> {
  const compiled = compile(json);
  const da = deferredAcceptance(compiled.instance, options.seed);
  let optimal: OptimalResult | null = null;
  if (options.mode === 'optimal') {
    if (!options.solveAsync) throw new Error('optimal mode needs a solver');
    optimal = await optimalMatchingAsync(compiled.instance, da, options.solveAsync, optimalOptions(options));
  }
  return explain(compiled, da, optimal);
}

/** Request index → location index (-1 when not placed), from a unit assignment. */
export function requestLocations(compiled: CompiledInstance, assignment: Int32Array): Int32Array {
  const out = new Int32Array(compiled.requestCount).fill(-1);
  for (let i = 0; i < compiled.requestCount; i++) {
    const u = compiled.requestUnit[i] as number;
    if (u >= 0) out[i] = assignment[u] as number;
  }
  return out;
}

/** Turns the result into proposals; the reasons describe the final result, whichever mode produced it. */
export function explain(compiled: CompiledInstance, da: Matching, optimal: OptimalResult | null): RunResult {
  const assignment = optimal ? optimal.assignment : da.assignment;
  const assignedRank = optimal ? optimal.assignedRank : da.assignedRank;
  const byUnit = unitReasons(compiled, assignment, da.tie);
  const names = new Map(compiled.locationIds.map((id, L) => [id, compiled.locationNames[L] as string]));
  const name = (id: string) => names.get(id) ?? id;
  const proposals: Proposal[] = new Array(compiled.requestCount);
  for (let i = 0; i < compiled.requestCount; i++) {
    const u = compiled.requestUnit[i] as number;
    const L = u >= 0 ? (assignment[u] as number) : -1;
    const rank = u >= 0 ? (assignedRank[u] as number) : -1;
    const location = L >= 0 ? (compiled.locationIds[L] as string) : null;
    const wish = rank >= 0 ? rank + 1 : null;
    const reasons = requestReasons(compiled, i, byUnit, L >= 0);
    proposals[i] = {
      requestId: compiled.requestId(i),
      location,
      wish,
      start: L >= 0 ? (compiled.startDate?.[i] ?? null) : null,
      reasons,
      reason: { nl: wordProposal('nl', location, wish, reasons, name), en: wordProposal('en', location, wish, reasons, name), fr: wordProposal('fr', location, wish, reasons, name), ar: wordProposal('ar', location, wish, reasons, name) },
    };
  }
  return { compiled, da, optimal, assignment, assignedRank, proposals };
}
