// Loads the HiGHS integer-program solver (WebAssembly) once per process, for the optimal matching mode.
import { Worker } from 'node:worker_threads';
import highsModule from 'highs';
import type { Solve, SolverResult } from '../domain/matching/optimal.ts';

// The package is CommonJS; its default export is the async loader.
const highsLoader = highsModule as unknown as () => Promise<{ solve(lp: string, options: object): unknown }>;

let loading: Promise<Solve> | undefined;

export function loadSolver(): Promise<Solve> {
  loading ??= highsLoader().then((h) => (lp: string, options: { time_limit: number; mip_rel_gap?: number }) => h.solve(lp, options) as SolverResult);
  return loading;
}

export type SolveAsync = (lp: string, options: { time_limit: number; mip_rel_gap?: number }) => Promise<SolverResult>;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: SolverResult) => void; reject: (e: Error) => void }>();

/** Solves in a worker thread (one per process, solves queue up there): the event loop stays free for other requests. */
export const solveInWorker: SolveAsync = (lp, options) => {
  if (!worker) {
    worker = new Worker(new URL('./solver-worker.ts', import.meta.url));
    worker.on('message', (m: { id: number; result?: SolverResult; error?: string }) => {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      // An idle worker must not keep the process alive.
      if (waiting.size === 0) worker?.unref();
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.result as SolverResult);
    });
    worker.on('error', (err) => {
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
      worker = undefined;
    });
  }
  const id = nextId++;
  const w = worker;
  w.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, lp, options });
  });
};
