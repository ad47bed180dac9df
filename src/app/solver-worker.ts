// Worker thread that owns a HiGHS instance, so a long solve never blocks the server's event loop.
import { parentPort } from 'node:worker_threads';
import { loadSolver } from './solver.ts';

const solve = await loadSolver();
parentPort?.on('message', (m: { id: number; lp: string; options: { time_limit: number; mip_rel_gap?: number } }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: solve(m.lp, m.options) });
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
