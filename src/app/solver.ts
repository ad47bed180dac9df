// Loads the HiGHS integer-program solver (WebAssembly) once per process, for the optimal matching mode.
import highsModule from 'highs';
import type { Solve, SolverResult } from '../domain/matching/optimal.ts';

// The package is CommonJS; its default export is the async loader.
const highsLoader = highsModule as unknown as () => Promise<{ solve(lp: string, options: object): unknown }>;

let loading: Promise<Solve> | undefined;

export function loadSolver(): Promise<Solve> {
  loading ??= highsLoader().then((h) => (lp: string, options: { time_limit: number; mip_rel_gap?: number }) => h.solve(lp, options) as SolverResult);
  return loading;
}
