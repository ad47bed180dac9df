// Loads the HiGHS integer-program solver (WebAssembly) once per process, for the optimal matching mode, in-process or in a worker.
import { Worker } from 'node:worker_threads';
import highsModule from 'highs';
import type { MipModel, Solve, SolveAsync, SolveOptions, SolveOutcome } from '../domain/matching/optimal.ts';

interface HighsModel {
  options: { set(values: Record<string, unknown>): unknown };
  info: { get(name: string): number | bigint };
  setSolution(s: { colValue: Float64Array }): unknown;
  run(): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  getObjectiveValue(): number;
  dispose(): void;
}
interface HighsRuntime {
  createModel(source: object): HighsModel;
}

// The package is CommonJS; its default export is the async loader.
const highsLoader = highsModule as unknown as () => Promise<HighsRuntime>;

const STATUS: Record<number, SolveOutcome['status']> = { 7: 'optimal', 8: 'infeasible', 9: 'infeasible', 13: 'time_limit', 14: 'node_limit', 16: 'node_limit' };
const DETAIL: Record<number, string> = { 7: 'Optimal', 8: 'Infeasible', 9: 'Infeasible or unbounded', 13: 'Time limit reached', 14: 'Node limit reached', 16: 'Solution limit reached', 6: 'Empty' };

function infoNumber(m: HighsModel, name: string): number {
  try {
    return Number(m.info.get(name));
  } catch {
    return NaN;
  }
}

/** One solve on a fresh native instance: single-threaded, seeded and limited by nodes, so the same input gives the same answer. */
export function solveWith(h: HighsRuntime, model: MipModel, o: SolveOptions): SolveOutcome {
  const m = h.createModel(model);
  try {
    m.options.set({ output_flag: false, time_limit: o.timeLimitSeconds, mip_max_nodes: o.nodeLimit, random_seed: o.seed % 2147483647, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    // A start that HiGHS refuses is only a lost hint.
    if (o.start && model.numCols > 0) {
      try {
        m.setSolution({ colValue: o.start });
      } catch {
        /* solve without it */
      }
    }
    const { modelStatus } = m.run();
    const status = STATUS[modelStatus] ?? 'other';
    const nodes = infoNumber(m, 'mip_node_count');
    // HiGHS reports its node limit as "interrupted"-like statuses on some builds: the node count tells.
    const hitNodes = status === 'other' && nodes >= o.nodeLimit;
    const has = infoNumber(m, 'primal_solution_status') === 2;
    return {
      status: hitNodes ? 'node_limit' : status,
      detail: hitNodes ? 'Node limit reached' : (DETAIL[modelStatus] ?? `status ${modelStatus}`),
      colValue: has ? m.getSolution().colValue : null,
      objective: has ? m.getObjectiveValue() : NaN,
      dualBound: infoNumber(m, 'mip_dual_bound'),
      nodes,
    };
  } finally {
    m.dispose();
  }
}

let loading: Promise<HighsRuntime> | undefined;
function runtime(): Promise<HighsRuntime> {
  loading ??= highsLoader();
  return loading;
}

export async function loadSolver(): Promise<Solve> {
  const h = await runtime();
  return (model, options) => solveWith(h, model, options);
}

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: SolveOutcome) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

function dropWorker(err: Error | null, w: Worker) {
  if (worker === w) worker = undefined;
  for (const x of waiting.values()) {
    clearTimeout(x.timer);
    if (err) x.reject(err);
    else x.resolve({ status: 'time_limit', detail: 'Time limit reached (worker stopped)', colValue: null, objective: NaN, dualBound: NaN, nodes: 0 });
  }
  waiting.clear();
}

/**
 * Solves in a worker thread (one per process, solves queue up there): the event loop stays free for other requests.
 * A worker that overruns the limit by more than a second is stopped and the answer is "time limit" (DA is kept).
 */
export const solveInWorker: SolveAsync = (model, options) => {
  if (!worker) {
    const w = new Worker(new URL('./solver-worker.ts', import.meta.url));
    worker = w;
    w.on('message', (m: { id: number; result?: SolveOutcome; error?: string }) => {
      const x = waiting.get(m.id);
      waiting.delete(m.id);
      if (x) clearTimeout(x.timer);
      // An idle worker must not keep the process alive.
      if (waiting.size === 0) w.unref();
      if (m.error !== undefined) x?.reject(new Error(m.error));
      else x?.resolve(m.result as SolveOutcome);
    });
    w.on('error', (err) => dropWorker(err, w));
  }
  const id = nextId++;
  const w = worker;
  w.ref();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      dropWorker(null, w);
      void w.terminate();
    }, (options.timeLimitSeconds + 1) * 1000);
    waiting.set(id, { resolve, reject, timer });
    w.postMessage({ id, model, options });
  });
};
