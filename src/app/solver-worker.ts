// Worker thread that owns a HiGHS instance, so a long solve never blocks the server's event loop.
import { parentPort } from 'node:worker_threads';
import type { MipModel, SolveOptions } from '../domain/matching/optimal.ts';
import { loadSolver } from './solver.ts';

const solve = await loadSolver();
parentPort?.on('message', (m: { id: number; model: MipModel; options: SolveOptions }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: solve(m.model, m.options) });
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
