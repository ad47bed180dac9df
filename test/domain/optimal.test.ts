// Optimal mode (HiGHS integer program): counts children, never fewer than DA, no justified envy or waste, within its
// limit (model building included), the same answer twice for the same input and seed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadSolver } from '../../src/app/solver.ts';
import { generateInstance } from '../../src/domain/matching/generate.ts';
import type { InstanceJson } from '../../src/domain/matching/instance.ts';
import type { Solve } from '../../src/domain/matching/optimal.ts';
import { requestLocations, runMatching } from '../../src/domain/matching/run.ts';
import { verify } from '../../src/domain/matching/verify.ts';

let solve: Solve;
before(async () => {
  solve = await loadSolver();
});

function outcome(json: InstanceJson, seed: number, timeLimitSeconds = 30, nodeLimit?: number) {
  const r = runMatching(json, { seed, mode: 'optimal', solve, timeLimitSeconds, ...(nodeLimit ? { nodeLimit } : {}) });
  return { r, report: verify(r.compiled, requestLocations(r.compiled, r.assignment)) };
}

const dayArb = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }).filter((d) => d.some((x) => x > 0));
/** Small instances with siblings on different days and many equal priorities. */
const siblingArb = fc
  .record({
    caps: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    reqs: fc.array(fc.record({ days: dayArb, prefs: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }), sib: fc.option(fc.nat(3), { nil: undefined }) }), { maxLength: 10 }),
  })
  .map(({ caps, reqs }): InstanceJson => ({
    locations: caps.map((capacity, i) => ({ id: `L${i}`, capacity })),
    requests: reqs.map((r, i) => {
      const seen = new Set<string>();
      return { id: `R${i}`, days: r.days, preferences: r.prefs.map(([l, pr]) => ({ location: `L${l % caps.length}`, priority: pr })).filter((p) => !seen.has(p.location) && Boolean(seen.add(p.location))), ...(r.sib !== undefined ? { siblingGroup: `G${r.sib}` } : {}) };
    }),
  }));

describe('optimal mode', () => {
  it('on random 300-request instances: at least as many children as DA, no envy, no waste, within the limit', () => {
    for (const seed of [11, 12, 13]) {
      const json = generateInstance({ requests: 300, locations: 18, seed, halfDayShare: 0.1 });
      const { r, report } = outcome(json, seed, 30);
      const opt = r.optimal!;
      assert.equal(opt.source, 'optimal', `seed ${seed}: ${opt.status} ${opt.solverStatus}`);
      assert.ok(opt.placedChildren >= opt.daPlacedChildren, `seed ${seed}: ${opt.placedChildren} < DA ${opt.daPlacedChildren}`);
      assert.equal(report.justifiedEnvy.count, 0, `seed ${seed}`);
      assert.equal(report.waste.count, 0, `seed ${seed}`);
      assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length], [0, 0, 0]);
      assert.ok(opt.seconds <= 30);
    }
  });

  it('counts a sibling unit as its children: two siblings on different days beat one other child (the case optimal mode lost)', () => {
    // One seat on Monday and one on Tuesday; the twins need one day each, the other child both; equal priorities.
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 1, 0, 0, 0] }],
      requests: [
        { id: 'other', days: [1, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] },
        { id: 'twin-mon', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }], siblingGroup: 'g' },
        { id: 'twin-tue', days: [0, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }], siblingGroup: 'g' },
      ],
    };
    // The draw orders equal priorities, in optimal mode too: where it puts the twins first, DA and optimal mode place
    // them (2 children); where it puts the other child first, both keep that child (moving it out would be envy).
    const twinsFirst: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const { r } = outcome(json, seed, 10);
      const at = Object.fromEntries(r.proposals.map((p) => [p.requestId, p.location]));
      const daTwins = r.da.assignment[1] === 0;
      if (daTwins) twinsFirst.push(seed);
      assert.deepEqual([at.other, at['twin-mon'], at['twin-tue']], daTwins ? [null, 'A', 'A'] : ['A', null, null], `seed ${seed}`);
      assert.equal(r.optimal!.placedChildren, daTwins ? 2 : 1);
      assert.equal(r.optimal!.daPlacedChildren, daTwins ? 2 : 1);
      assert.equal(r.optimal!.status, 'optimal');
      if (daTwins) assert.equal(r.proposals[0]!.reason.en, 'No place yet in this round. at A on Monday 1 family with a higher or the same priority (the draw decided) took the only seat; at A on Tuesday 1 family with a higher or the same priority (the draw decided) took the only seat.');
    }
    assert.ok(twinsFirst.length > 0 && twinsFirst.length < 12, 'both draws occur');
  });

  it('never places fewer children than DA, and is valid, on random sibling instances (property)', () => {
    fc.assert(
      fc.property(siblingArb, fc.integer({ min: 1, max: 50 }), (json, seed) => {
        const { r, report } = outcome(json, seed, 10);
        const o = r.optimal!;
        assert.ok(o.placedChildren >= o.daPlacedChildren, `${o.placedChildren} < ${o.daPlacedChildren}`);
        let children = 0;
        for (const p of r.proposals) if (p.location !== null) children++;
        assert.equal(children, o.placedChildren, 'the count is of children (requests), not units');
        assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length], [0, 0, 0]);
        if (o.source === 'optimal') assert.deepEqual([report.justifiedEnvy.count, report.waste.count], [0, 0]);
      }),
      { numRuns: 120 },
    );
  });

  it('finds the most children without justified envy whenever one exists, as a brute force does (small weekday instances)', () => {
    // Distinct priorities, so the verifier's envy and the model's strict order agree.
    const arb = fc
      .record({
        caps: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        reqs: fc.array(fc.record({ days: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }).filter((d) => d.some((x) => x > 0)), prefs: fc.uniqueArray(fc.nat(2), { maxLength: 3 }), pr: fc.array(fc.nat(9), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 6 }),
      })
      .map(({ caps, reqs }): InstanceJson => ({
        locations: caps.map((c, i) => ({ id: `L${i}`, capacity: [...c, 0, 0] })),
        requests: reqs.map((r, i) => ({ id: `R${i}`, days: [...r.days, 0, 0], preferences: [...new Set(r.prefs.map((l) => l % caps.length))].map((l) => ({ location: `L${l}`, priority: r.pr[l]! * 10 + i })) })),
      }));
    fc.assert(
      fc.property(arb, (json) => {
        const { r, report } = outcome(json, 1, 10);
        const c = r.compiled;
        const U = c.instance.unitCount;
        // Every matching, each unit at one of its wishes or nowhere; keep the envy-free ones that fit.
        let best = -1;
        const choice = new Int32Array(U);
        const rec = (u: number) => {
          if (u === U) {
            const at = new Int32Array(U).fill(-1);
            for (let k = 0; k < U; k++) if (choice[k]! >= 0) at[k] = c.instance.prefLocation[c.instance.prefStart[k]! + choice[k]!]!;
            const rep = verify(c, requestLocations(c, at));
            if (rep.capacityViolations.length === 0 && rep.justifiedEnvy.count === 0) best = Math.max(best, rep.metrics.placed);
            return;
          }
          for (let k = -1; k < c.instance.prefStart[u + 1]! - c.instance.prefStart[u]!; k++) {
            choice[u] = k;
            rec(u + 1);
          }
        };
        rec(0);
        const o = r.optimal!;
        if (o.status === 'empty') assert.equal(o.placedChildren, 0, 'no wish can ever fit');
        else if (best >= o.daPlacedChildren) {
          assert.equal(o.source, 'optimal', `${o.status}: an envy-free matching with ${best} children exists`);
          assert.equal(o.placedChildren, best);
          assert.equal(report.justifiedEnvy.count, 0);
        } else assert.equal(o.source, 'fallback', 'no envy-free matching as large as DA: DA is kept');
      }),
      { numRuns: 150 },
    );
  });

  it('returns the same proposals twice for the same input and seed, also when the node limit stops it', () => {
    const json = generateInstance({ requests: 600, locations: 30, seed: 5, priorities: 'tiers' });
    for (const nodeLimit of [1, 50]) {
      const a = outcome(json, 9, 60, nodeLimit).r;
      const b = outcome(structuredClone(json), 9, 60, nodeLimit).r;
      assert.deepEqual(a.proposals, b.proposals);
      assert.equal(a.optimal!.status, b.optimal!.status);
      if (a.optimal!.status === 'node_limit') assert.ok(a.optimal!.gap !== null && a.optimal!.gap >= 0, 'the gap is reported');
    }
    assert.notDeepEqual(outcome(json, 9, 60).r.proposals, outcome(json, 10, 60).r.proposals, 'another seed, another draw');
  });

  it('falls back to DA at the time limit, counting the time to build the model', () => {
    const json = generateInstance({ requests: 300, locations: 18, seed: 21 });
    let called = 0;
    const slow: Solve = () => {
      called++;
      return { status: 'time_limit', detail: 'Time limit reached', colValue: null, objective: NaN, dualBound: NaN, nodes: 0 };
    };
    const r = runMatching(json, { seed: 21, mode: 'optimal', solve: slow });
    assert.deepEqual([r.optimal!.source, r.optimal!.status, called], ['fallback', 'time_limit', 1]);
    assert.deepEqual(r.assignment, r.da.assignment);
    // A clock that jumps 5 s while the model is built: the solver is not even called with a 5 s limit.
    let t = 0;
    const late = runMatching(json, { seed: 21, mode: 'optimal', solve: slow, timeLimitSeconds: 5, now: () => (t += 5000) });
    assert.deepEqual([late.optimal!.status, called], ['time_limit', 1]);
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
    assert.deepEqual(viaWorker.proposals, inProcess.proposals);
    assert.ok(ticks >= Math.floor(ms / 10) / 3, `the event loop ran ${ticks} times in ${Math.round(ms)} ms`);
  });
});
