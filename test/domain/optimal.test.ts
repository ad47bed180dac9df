// Optimal mode (HiGHS integer program): never fewer children than DA, no justified envy, within its time limit.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadSolver } from '../../src/app/solver.ts';
import { generateInstance } from '../../src/domain/matching/generate.ts';
import type { InstanceJson } from '../../src/domain/matching/instance.ts';
import type { Solve } from '../../src/domain/matching/optimal.ts';
import { runMatching } from '../../src/domain/matching/run.ts';
import { verify } from '../../src/domain/matching/verify.ts';

let solve: Solve;
before(async () => {
  solve = await loadSolver();
});

function outcome(json: InstanceJson, seed: number, timeLimitSeconds = 30) {
  const r = runMatching(json, { seed, mode: 'optimal', solve, timeLimitSeconds });
  const placed = new Map(r.proposals.map((p) => [p.requestId, p.location]));
  return { r, report: verify(json, r.compiled, placed) };
}

describe('optimal mode', () => {
  it('on random 300-request instances: at least as many placed as DA, zero justified envy, within the time limit', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      const json = generateInstance({ requests: 300, locations: 18, seed });
      const { r, report } = outcome(json, seed, 30);
      const opt = r.optimal!;
      assert.equal(opt.source, 'optimal', `seed ${seed}: ${opt.solverStatus}`);
      assert.ok(opt.placedChildren >= opt.daPlacedChildren, `seed ${seed}: ${opt.placedChildren} < DA ${opt.daPlacedChildren}`);
      assert.equal(report.justifiedEnvy, 0, `seed ${seed}`);
      assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length], [0, 0, 0]);
      assert.ok(opt.seconds <= 30 + 1);
    }
  });

  it('on small random instances with siblings: never worse than DA and always valid (property)', () => {
    const dayArb = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }).filter((d) => d.some((x) => x > 0));
    const arb = fc
      .record({
        caps: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        reqs: fc.array(fc.record({ days: dayArb, prefs: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 4 })), { maxLength: 3 }), sib: fc.option(fc.nat(2), { nil: undefined }) }), { maxLength: 10 }),
      })
      .map(({ caps, reqs }): InstanceJson => ({
        locations: caps.map((capacity, i) => ({ id: `L${i}`, capacity })),
        requests: reqs.map((r, i) => {
          const seen = new Set<string>();
          return { id: `R${i}`, days: r.days, preferences: r.prefs.map(([l, pr]) => ({ location: `L${l % caps.length}`, priority: pr })).filter((p) => !seen.has(p.location) && Boolean(seen.add(p.location))), ...(r.sib !== undefined ? { siblingGroup: `G${r.sib}` } : {}) };
        }),
      }));
    fc.assert(
      fc.property(arb, (json) => {
        const { r, report } = outcome(json, 1, 10);
        assert.ok(r.optimal!.placedChildren >= r.optimal!.daPlacedChildren);
        assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length], [0, 0, 0]);
        if (r.optimal!.source === 'optimal') assert.equal(report.justifiedEnvy, 0);
      }),
      { numRuns: 150 },
    );
  });

  it('falls back to DA when the time limit leaves no answer as good', () => {
    const json = generateInstance({ requests: 300, locations: 18, seed: 21 });
    const slow: Solve = () => ({ Status: 'Time limit reached', Columns: {} });
    const r = runMatching(json, { seed: 21, mode: 'optimal', solve: slow });
    assert.equal(r.optimal!.source, 'fallback');
    assert.equal(r.optimal!.placedChildren, r.optimal!.daPlacedChildren);
    assert.deepEqual(r.matching.assignment, r.da.assignment);
  });
});

describe('optimal mode in a worker thread', () => {
  it('gives the same answer as in-process and keeps the event loop free while it solves', async () => {
    const { solveInWorker } = await import('../../src/app/solver.ts');
    const { runMatchingAsync } = await import('../../src/domain/matching/run.ts');
    const json = generateInstance({ requests: 1500, locations: 90, seed: 4 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const viaWorker = await runMatchingAsync(json, { seed: 4, mode: 'optimal', solveAsync: solveInWorker, timeLimitSeconds: 60 });
    const ms = performance.now() - t0;
    clearInterval(timer);
    const inProcess = runMatching(json, { seed: 4, mode: 'optimal', solve, timeLimitSeconds: 60 });
    assert.equal(viaWorker.optimal!.placedChildren, inProcess.optimal!.placedChildren);
    assert.ok(ticks >= Math.floor(ms / 10) / 3, `the event loop ran ${ticks} times in ${Math.round(ms)} ms`);
  });
});
