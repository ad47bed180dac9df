// Deferred acceptance at three scales, each next to one linear pass over the same preference entries (the lower bound).
import { execFileSync } from 'node:child_process';
import { loadSolver } from '../src/app/solver.ts';
import { deferredAcceptance } from '../src/domain/matching/deferred-acceptance.ts';
import { generateFlat } from '../src/domain/matching/generate.ts';
import { optimalMatching } from '../src/domain/matching/optimal.ts';
import type { Figure } from './lib.ts';

const SIZES: Array<[number, number]> = [
  [20_000, 300],
  [100_000, 2_000],
  [1_000_000, 10_000],
];

export async function benchMatching(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [requests, locations] of SIZES) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=4096', 'bench/matching-child.ts', String(requests), String(locations)], { encoding: 'utf8' });
    const r = JSON.parse(out) as { entries: number; daMs: number; passMs: number; proposals: number; placed: number; maxRssMB: number };
    const label = `${requests.toLocaleString('en')} × ${locations.toLocaleString('en')}`;
    const ratio = r.daMs / r.passMs;
    const big = requests >= 1_000_000;
    figures.push(
      { name: `DA wall time ${label}`, value: r.daMs, unit: 'ms', baseline: { name: `linear pass over ${r.entries.toLocaleString('en')} wishes`, value: r.passMs, unit: 'ms' }, ratio, ratioMeaning: 'of the linear pass', ...(big ? { target: '≤ 2000 ms', met: r.daMs <= 2000 } : {}) },
      ...(big ? [{ name: `DA / linear pass ${label}`, value: ratio, unit: '×', target: 'ratio ≤ 10', met: ratio <= 10, note: 'the pass is one sequential sum over typed arrays; DA jumps between locations' }] : []),
      { name: `DA proposals per second ${label}`, value: r.proposals / (r.daMs / 1000), unit: 'proposals/s', note: `${r.proposals} proposals, ${r.placed} placed` },
      { name: `peak memory ${label}`, value: r.maxRssMB, unit: 'MB', ...(big ? { target: '≤ 1536 MB', met: r.maxRssMB <= 1536 } : {}) },
    );
  }
  // Optimal mode at municipality size: solved or fallen back within 120 s, and its gain over DA on the same input.
  const { instance } = generateFlat({ requests: 1500, locations: 90, seed: 42 });
  const da = deferredAcceptance(instance, 42);
  const opt = optimalMatching(instance, da, await loadSolver(), { timeLimitSeconds: 120 });
  figures.push({
    name: 'optimal mode 1,500 × 90: children placed',
    value: opt.placedChildren,
    unit: 'children',
    baseline: { name: 'DA on the same input', value: opt.daPlacedChildren, unit: 'children' },
    ratio: opt.placedChildren / opt.daPlacedChildren,
    ratioMeaning: `of DA (${opt.source}, ${opt.solverStatus})`,
    target: '≥ DA',
    met: opt.placedChildren >= opt.daPlacedChildren,
  });
  figures.push({ name: 'optimal mode 1,500 × 90: wall time', value: opt.seconds, unit: 's', target: '≤ 120 s', met: opt.seconds <= 120 });
  return figures;
}
