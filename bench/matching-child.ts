// One matching bench size in its own process, so peak memory belongs to that size alone.
import { deferredAcceptance } from '../src/domain/matching/deferred-acceptance.ts';
import { generateFlat } from '../src/domain/matching/generate.ts';

const [requests, locations] = process.argv.slice(2).map(Number) as [number, number];
const { instance } = generateFlat({ requests, locations, seed: 42, maxPreferences: 10 });
// Lower bound: one linear pass over every preference entry of the same instance.
const passes: number[] = [];
let sink = 0;
for (let rep = 0; rep < 3; rep++) {
  const t = performance.now();
  for (let p = 0; p < instance.prefLocation.length; p++) sink += (instance.prefLocation[p] as number) + (instance.prefPriority[p] as number);
  passes.push(performance.now() - t);
}
const t0 = performance.now();
const m = deferredAcceptance(instance, 42);
const daMs = performance.now() - t0;
let placed = 0;
for (let u = 0; u < instance.unitCount; u++) if ((m.assignment[u] as number) >= 0) placed++;
process.stdout.write(
  JSON.stringify({ requests, locations, entries: instance.prefLocation.length, daMs, passMs: Math.min(...passes), proposals: m.proposals, placed, maxRssMB: process.resourceUsage().maxRSS / 1024, sink: Number.isFinite(sink) }),
);
