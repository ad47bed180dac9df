// The matching engine against its independent verifier, and against brute force on small single-day instances.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deferredAcceptance } from '../../src/domain/matching/deferred-acceptance.ts';
import { generateInstance } from '../../src/domain/matching/generate.ts';
import { compile, InstanceError, type InstanceJson } from '../../src/domain/matching/instance.ts';
import { matchDeferredAcceptance } from '../../src/domain/matching/run.ts';
import { verify } from '../../src/domain/matching/verify.ts';

function placedMap(json: InstanceJson, seed = 1) {
  const { proposals, compiled } = matchDeferredAcceptance(json, seed);
  return { placed: new Map(proposals.map((p) => [p.requestId, p.location])), compiled, proposals };
}

const dayArb = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }).filter((d) => d.some((x) => x > 0));

/** Random instances with weekday patterns, siblings and ties. */
const instanceArb = fc
  .record({
    caps: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
    reqs: fc.array(fc.record({ days: dayArb, prefs: fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }), sib: fc.option(fc.nat(3), { nil: undefined }) }), { maxLength: 14 }),
  })
  .map(({ caps, reqs }): InstanceJson => {
    const locations = caps.map((capacity, i) => ({ id: `L${i}`, capacity }));
    const requests = reqs.map((r, i) => {
      const seen = new Set<string>();
      const preferences = r.prefs.map(([l, pr]) => ({ location: `L${l % caps.length}`, priority: pr })).filter((p) => !seen.has(p.location) && Boolean(seen.add(p.location)));
      return { id: `R${i}`, days: r.days, preferences, ...(r.sib !== undefined ? { siblingGroup: `G${r.sib}` } : {}) };
    });
    return { locations, requests };
  });

describe('deferred acceptance with weekday capacity (property tests)', () => {
  it('never overfills a weekday, never places at an unlisted location, never splits siblings', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (json, seed) => {
        const { placed, compiled } = placedMap(json, seed);
        const report = verify(json, compiled, placed);
        assert.deepEqual(report.capacityViolations, []);
        assert.deepEqual(report.unlistedPlacements, []);
        assert.deepEqual(report.siblingsSplit, []);
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic for a fixed seed', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (json, seed) => {
        assert.deepEqual(placedMap(json, seed).proposals, placedMap(structuredClone(json), seed).proposals);
      }),
      { numRuns: 300 },
    );
  });

  /** Single-day patterns, strict priorities, no siblings: the textbook case. */
  const singleDayArb = fc
    .record({
      caps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
      day: fc.integer({ min: 0, max: 4 }),
      reqs: fc.array(fc.array(fc.nat(2), { maxLength: 3 }), { maxLength: 5 }),
      order: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 30, maxLength: 30 }),
    })
    .map(({ caps, day, reqs, order }): InstanceJson => ({
      locations: caps.map((c, i) => ({ id: `L${i}`, capacity: [0, 1, 2, 3, 4].map((d) => (d === day ? c : 0)) })),
      requests: reqs.map((prefs, i) => {
        const uniq = [...new Set(prefs.map((l) => l % caps.length))];
        // Strict priorities per location: a distinct number per (request, location).
        return { id: `R${i}`, days: [0, 1, 2, 3, 4].map((d) => (d === day ? 1 : 0)), preferences: uniq.map((l) => ({ location: `L${l}`, priority: (order[i * 3 + l] as number) * 10 + i })) };
      }),
    }));

  function stableMatchings(json: InstanceJson): Array<Map<string, string | null>> {
    const n = json.requests.length;
    const out: Array<Map<string, string | null>> = [];
    const choice = new Array<number>(n).fill(-1);
    const capOf = (loc: string) => (json.locations.find((l) => l.id === loc)?.capacity ?? []).reduce((a, b) => a + b, 0);
    const rec = (i: number) => {
      if (i === n) {
        const m = new Map(json.requests.map((r, k) => [r.id, choice[k]! >= 0 ? r.preferences[choice[k]!]!.location : null]));
        for (const l of json.locations) if ([...m.values()].filter((x) => x === l.id).length > capOf(l.id)) return;
        // Stable: no request prefers a location that has room, or holds someone it outranks.
        for (const [k, r] of json.requests.entries()) {
          const limit = choice[k]! >= 0 ? choice[k]! : r.preferences.length;
          for (let p = 0; p < limit; p++) {
            const loc = r.preferences[p]!.location;
            const holders = json.requests.filter((_, j) => m.get(json.requests[j]!.id) === loc);
            if (holders.length < capOf(loc)) return;
            if (holders.some((h) => h.preferences.find((x) => x.location === loc)!.priority > r.preferences[p]!.priority)) return;
          }
        }
        out.push(m);
        return;
      }
      for (let c = -1; c < json.requests[i]!.preferences.length; c++) {
        choice[i] = c;
        rec(i + 1);
      }
    };
    rec(0);
    return out;
  }

  it('single-day, strict priorities, no siblings: zero blocking pairs and the request-optimal stable matching', () => {
    fc.assert(
      fc.property(singleDayArb, (json) => {
        const { placed, compiled } = placedMap(json);
        assert.equal(verify(json, compiled, placed).justifiedEnvy, 0);
        const stable = stableMatchings(json);
        assert.ok(stable.length > 0, 'a stable matching exists');
        const rankOf = (r: InstanceJson['requests'][number], loc: string | null) => (loc === null ? Infinity : r.preferences.findIndex((p) => p.location === loc));
        for (const r of json.requests) {
          const best = Math.min(...stable.map((s) => rankOf(r, s.get(r.id) ?? null)));
          assert.equal(rankOf(r, placed.get(r.id) ?? null), best, `${r.id} should get its best stable location`);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('explains each proposal: the full weekday at every wish it missed', () => {
    const json: InstanceJson = {
      locations: [{ id: 'Zonnetje', capacity: [1, 1, 1, 0, 1] }, { id: 'Heverlee', capacity: [2, 2, 2, 2, 2] }],
      requests: [
        { id: 'first', days: [1, 1, 0, 0, 0], preferences: [{ location: 'Zonnetje', priority: 1 }] },
        { id: 'second', days: [1, 0, 0, 0, 0], preferences: [{ location: 'Zonnetje', priority: 2 }, { location: 'Heverlee', priority: 2 }] },
        { id: 'thursday', days: [0, 0, 0, 1, 0], preferences: [{ location: 'Zonnetje', priority: 1 }] },
      ],
    };
    const { proposals } = placedMap(json);
    const by = Object.fromEntries(proposals.map((p) => [p.requestId, p]));
    assert.equal(by.first!.location, 'Zonnetje');
    assert.equal(by.second!.location, 'Heverlee');
    assert.equal(by.second!.reason.nl, 'Voorstel: Heverlee, uw keuze 2. Zonnetje was op maandag vol met aanvragen die eerst kwamen.');
    assert.equal(by.thursday!.location, null);
    assert.equal(by.thursday!.reason.nl, 'Nog geen plaats in deze ronde. Zonnetje heeft niet genoeg plaatsen op uw dagen.');
  });

  it('places siblings together or not at all', () => {
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }, { id: 'B', capacity: [2, 2, 2, 2, 2] }],
      requests: [
        { id: 'twin1', days: [1, 1, 1, 1, 1], preferences: [{ location: 'A', priority: 1 }, { location: 'B', priority: 5 }], siblingGroup: 'g' },
        { id: 'twin2', days: [1, 1, 1, 1, 1], preferences: [{ location: 'A', priority: 1 }, { location: 'B', priority: 5 }], siblingGroup: 'g' },
      ],
    };
    const { placed } = placedMap(json);
    assert.deepEqual([placed.get('twin1'), placed.get('twin2')], ['B', 'B']);
  });

  it('refuses a malformed instance with a clear reason', () => {
    assert.throws(() => compile({ locations: [{ id: 'A', capacity: [1, 1] }], requests: [] }), InstanceError);
    assert.throws(() => compile({ locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }], requests: [{ id: 'r', days: [1, 0, 0, 0, 0], preferences: [{ location: 'X', priority: 1 }] }] }), /unknown location X/);
  });

  it('generated instances are realistic and verify clean', () => {
    const json = generateInstance({ requests: 3000, locations: 60, seed: 7 });
    const { placed, compiled } = placedMap(json, 7);
    const report = verify(json, compiled, placed);
    assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length], [0, 0, 0]);
    assert.ok(report.metrics.placed > 0 && report.metrics.placed < report.metrics.requests, 'demand exceeds supply');
    assert.ok((report.metrics.rankDistribution[0] as number) > (report.metrics.rankDistribution[3] as number), 'most placed families get an early wish');
    assert.ok(report.metrics.byGroup.work!.placed / report.metrics.byGroup.work!.requests > report.metrics.byGroup.none!.placed / report.metrics.byGroup.none!.requests, 'priority groups fare better');
    assert.equal(deferredAcceptance(compiled.instance, 7).proposals >= report.metrics.placed - report.metrics.siblingGroupsTogether, true);
  });
});
