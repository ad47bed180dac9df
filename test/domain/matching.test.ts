// The matching engine against its independent verifier, and against brute force on small instances: no waste with
// weekday patterns, half days and siblings; the request-optimal stable matching on single-day strict instances.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deferredAcceptance } from '../../src/domain/matching/deferred-acceptance.ts';
import { generateInstance } from '../../src/domain/matching/generate.ts';
import { compile, InstanceError, type InstanceJson } from '../../src/domain/matching/instance.ts';
import { matchDeferredAcceptance, requestLocations } from '../../src/domain/matching/run.ts';
import { verify } from '../../src/domain/matching/verify.ts';

function run(json: InstanceJson, seed = 1) {
  const r = matchDeferredAcceptance(json, seed);
  const at = requestLocations(r.compiled, r.assignment);
  return { ...r, at, placed: new Map(r.proposals.map((p) => [p.requestId, p.location])), report: verify(r.compiled, at) };
}

/** Seats per half day of a request, read from the JSON (not from the engine's arrays). */
function halvesOf(r: InstanceJson['requests'][number]): number[] {
  return r.halves ?? (r.days as number[]).flatMap((x) => [x, x]);
}
function capOf(l: InstanceJson['locations'][number]): number[] {
  return l.halves ?? (l.capacity as number[]).flatMap((x) => [x, x]);
}

const patternArb = fc.oneof(
  fc.record({ days: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }).filter((d) => d.some((x) => x > 0)) }),
  fc.record({ halves: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 10, maxLength: 10 }).filter((d) => d.some((x) => x > 0)) }),
);

/** Random instances with weekday patterns, half days, siblings and ties. */
const instanceArb = fc
  .record({
    caps: fc.array(fc.oneof(fc.record({ capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }) }), fc.record({ halves: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 10 }) })), { minLength: 1, maxLength: 4 }),
    reqs: fc.array(fc.record({ pattern: patternArb, prefs: fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }), sib: fc.option(fc.nat(3), { nil: undefined }) }), { maxLength: 14 }),
  })
  .map(({ caps, reqs }): InstanceJson => {
    const locations = caps.map((c, i) => ({ id: `L${i}`, ...c }));
    const requests = reqs.map((r, i) => {
      const seen = new Set<string>();
      const preferences = r.prefs.map(([l, pr]) => ({ location: `L${l % caps.length}`, priority: pr })).filter((p) => !seen.has(p.location) && Boolean(seen.add(p.location)));
      return { id: `R${i}`, ...r.pattern, preferences, ...(r.sib !== undefined ? { siblingGroup: `G${r.sib}` } : {}) };
    });
    return { locations, requests };
  });

describe('deferred acceptance with weekday capacity (property tests)', () => {
  it('never overfills a half day, never places at an unlisted location, never splits siblings', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (json, seed) => {
        const { report } = run(json, seed);
        assert.deepEqual(report.capacityViolations, []);
        assert.deepEqual(report.unlistedPlacements, []);
        assert.deepEqual(report.siblingsSplit, []);
      }),
      { numRuns: 1000 },
    );
  });

  it('wastes no seat: no unit that was turned down has every seat it needs free at a location it wished more (brute force)', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (json, seed) => {
        const { placed, report } = run(json, seed);
        // Independent of the engine and the verifier: the loads from the JSON, then each unit tried at each higher wish.
        const load = new Map(json.locations.map((l) => [l.id, new Array<number>(10).fill(0)]));
        for (const r of json.requests) {
          const at = placed.get(r.id);
          if (at) halvesOf(r).forEach((x, s) => (load.get(at)![s]! += x));
        }
        const groups = new Map<string, InstanceJson['requests']>();
        for (const r of json.requests) groups.set(r.siblingGroup ?? `solo:${r.id}`, [...(groups.get(r.siblingGroup ?? `solo:${r.id}`) ?? []), r]);
        for (const unit of groups.values()) {
          const need = new Array<number>(10).fill(0);
          for (const r of unit) halvesOf(r).forEach((x, s) => (need[s]! += x));
          const at = placed.get(unit[0]!.id) ?? null;
          for (const p of unit[0]!.preferences) {
            if (p.location === at) break;
            if (!unit.every((r) => r.preferences.some((q) => q.location === p.location))) continue;
            const cap = capOf(json.locations.find((l) => l.id === p.location)!);
            const free = need.every((x, s) => x === 0 || load.get(p.location)![s]! + x <= cap[s]!);
            assert.equal(free, false, `${unit[0]!.id} was not placed at ${p.location} although every seat it needs is free there`);
          }
        }
        assert.equal(report.waste.count, 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic for a fixed seed', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (json, seed) => {
        assert.deepEqual(run(json, seed).proposals, run(structuredClone(json), seed).proposals);
      }),
      { numRuns: 200 },
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
    const seats = (loc: string) => (json.locations.find((l) => l.id === loc)?.capacity ?? []).reduce((a, b) => a + b, 0);
    const rec = (i: number) => {
      if (i === n) {
        const m = new Map(json.requests.map((r, k) => [r.id, choice[k]! >= 0 ? r.preferences[choice[k]!]!.location : null]));
        for (const l of json.locations) if ([...m.values()].filter((x) => x === l.id).length > seats(l.id)) return;
        // Stable: no request prefers a location that has room, or holds someone it outranks.
        for (const [k, r] of json.requests.entries()) {
          const limit = choice[k]! >= 0 ? choice[k]! : r.preferences.length;
          for (let p = 0; p < limit; p++) {
            const loc = r.preferences[p]!.location;
            const holders = json.requests.filter((_, j) => m.get(json.requests[j]!.id) === loc);
            if (holders.length < seats(loc)) return;
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
        const { placed, report } = run(json);
        assert.equal(report.justifiedEnvy.count, 0);
        const stable = stableMatchings(json);
        assert.ok(stable.length > 0, 'a stable matching exists');
        const rankOf = (r: InstanceJson['requests'][number], loc: string | null) => (loc === null ? Infinity : r.preferences.findIndex((p) => p.location === loc));
        for (const r of json.requests) {
          let best = Infinity;
          for (const s of stable) best = Math.min(best, rankOf(r, s.get(r.id) ?? null));
          assert.equal(rankOf(r, placed.get(r.id) ?? null), best, `${r.id} should get its best stable location`);
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('named cases', () => {
  it('the free-seat case: a request for Monday only gets the Monday that stays free (it was wasted before)', () => {
    // One seat a day at A. Y (Monday and Tuesday) is held first, R (Monday) is turned down, then X (Tuesday, the highest
    // priority) takes Tuesday from Y: Monday is free again and R gets it.
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 1, 0, 0, 0] }],
      requests: [
        { id: 'Y', days: [1, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 2 }] },
        { id: 'R', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 3 }] },
        { id: 'X', days: [0, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] },
      ],
    };
    const { proposals, report, da } = run(json);
    const by = Object.fromEntries(proposals.map((p) => [p.requestId, p]));
    assert.deepEqual([by.Y!.location, by.R!.location, by.X!.location], [null, 'A', 'A']);
    assert.equal(by.R!.reason.nl, 'Voorstel: A, uw keuze 1.');
    // Monday went to R, who has a lower priority; the real cause is Tuesday.
    assert.equal(by.Y!.reason.en, 'No place yet in this round. at A on Tuesday 1 family with a higher priority took the only seat.');
    assert.equal(by.Y!.reason.nl, 'Nog geen plaats in deze ronde. bij A namen op dinsdag 1 gezin met meer voorrang de enige plaats.');
    assert.equal(by.Y!.reason.ar, 'لا يوجد مكان بعد في هذه الجولة. في A يوم الثلاثاء أخذت 1 من العائلات ذات الأولوية الأعلى المكان الوحيد.');
    assert.deepEqual(by.Y!.reasons, [{ code: 'taken_by_higher', location: 'A', day: 1, part: 'day', families: 1, seats: 1 }]);
    assert.equal(da.refills, 1, 'R came back in the second phase');
    assert.equal(report.waste.count, 0);
  });

  it('keeps the best set that fits, then fills the rest: a lower unit that fits is not turned down with the one that does not', () => {
    // A holds Tue (priority 2) and Mon (priority 4); Mon+Tue (priority 3) arrives: it does not fit, and Mon stays.
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 1, 0, 0, 0] }, { id: 'B', capacity: [1, 1, 1, 1, 1] }],
      requests: [
        { id: 'tue', days: [0, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 2 }] },
        { id: 'mon', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 4 }] },
        { id: 'both', days: [1, 1, 0, 0, 0], preferences: [{ location: 'A', priority: 3 }, { location: 'B', priority: 1 }] },
      ],
    };
    const { placed, proposals } = run(json);
    assert.deepEqual([placed.get('tue'), placed.get('mon'), placed.get('both')], ['A', 'A', 'B']);
    assert.equal(proposals.find((p) => p.requestId === 'both')!.reason.en, 'Proposal: B, your choice 2. at A on Tuesday 1 family with a higher priority took the only seat.');
  });

  it('the half-day pair: a Monday morning and a Monday afternoon share the one seat', () => {
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 0, 0, 0, 0] }],
      requests: [
        { id: 'morning', halves: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] },
        { id: 'afternoon', halves: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 2 }] },
        { id: 'whole', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 3 }] },
      ],
    };
    const { proposals } = run(json);
    const by = Object.fromEntries(proposals.map((p) => [p.requestId, p]));
    assert.deepEqual([by.morning!.location, by.afternoon!.location, by.whole!.location], ['A', 'A', null]);
    assert.equal(by.whole!.reason.en, 'No place yet in this round. at A on Monday 2 families with a higher priority took the only seat.');
    assert.equal(by.whole!.reason.fr, 'Pas encore de place dans ce tour. à A, le lundi, 2 familles avec une priorité plus haute ont pris la seule place.');
  });

  it('a half-day reason names the half: the afternoon is taken, the morning is free', () => {
    const json: InstanceJson = {
      locations: [{ id: 'A', halves: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0] }],
      requests: [
        { id: 'pm', halves: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] },
        { id: 'day', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 2 }] },
      ],
    };
    const by = Object.fromEntries(run(json).proposals.map((p) => [p.requestId, p]));
    assert.equal(by.day!.reason.nl, 'Nog geen plaats in deze ronde. bij A namen op maandagnamiddag 1 gezin met meer voorrang de enige plaats.');
  });

  it('a mid-month start with no flexibility is in the round of its month, starting on its own date', () => {
    const json: InstanceJson = {
      period: { from: '2027-09-01', to: '2027-09-30' },
      today: '2027-06-01',
      locations: [{ id: 'A', capacity: [2, 2, 2, 2, 2] }],
      requests: [
        { id: 'mid', days: [1, 1, 0, 0, 0], start: '2027-09-15', flexibilityWeeks: 0, preferences: [{ location: 'A', priority: 1 }] },
        { id: 'early', days: [1, 1, 0, 0, 0], start: '2027-08-20', flexibilityWeeks: 3, preferences: [{ location: 'A', priority: 2 }] },
        { id: 'late', days: [1, 1, 0, 0, 0], start: '2027-10-04', flexibilityWeeks: 0, preferences: [{ location: 'A', priority: 3 }] },
        { id: 'gone', days: [1, 1, 0, 0, 0], start: '2027-07-01', flexibilityWeeks: 2, preferences: [{ location: 'A', priority: 4 }] },
      ],
    };
    const by = Object.fromEntries(run(json).proposals.map((p) => [p.requestId, p]));
    assert.deepEqual([by.mid!.location, by.mid!.start], ['A', '2027-09-15']);
    assert.deepEqual([by.early!.location, by.early!.start], ['A', '2027-09-01']);
    assert.equal(by.late!.location, null);
    assert.equal(by.late!.reason.en, 'No place yet in this round. your start window (2027-10-04 to 2027-10-04) falls outside this round.');
    assert.equal(by.gone!.reason.nl, 'Nog geen plaats in deze ronde. uw startperiode (2027-07-01 tot 2027-07-15) valt buiten deze ronde.');
  });

  it('a window that ran out while the family waited runs from today', () => {
    const json: InstanceJson = {
      period: { from: '2027-09-01', to: '2027-09-30' },
      today: '2027-08-25',
      locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }],
      requests: [{ id: 'waiting', days: [1, 0, 0, 0, 0], start: '2027-03-01', flexibilityWeeks: 2, preferences: [{ location: 'A', priority: 1 }] }],
    };
    assert.equal(run(json).proposals[0]!.start, '2027-09-01');
  });

  it('places siblings together or not at all, and says when not all of them chose a location', () => {
    const json: InstanceJson = {
      locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }, { id: 'B', capacity: [2, 2, 2, 2, 2] }, { id: 'C', capacity: [2, 2, 2, 2, 2] }],
      requests: [
        { id: 'twin1', days: [1, 1, 1, 1, 1], preferences: [{ location: 'C', priority: 1 }, { location: 'A', priority: 1 }, { location: 'B', priority: 5 }], siblingGroup: 'g' },
        { id: 'twin2', days: [1, 1, 1, 1, 1], preferences: [{ location: 'A', priority: 1 }, { location: 'B', priority: 5 }], siblingGroup: 'g' },
      ],
    };
    const { placed, proposals } = run(json);
    assert.deepEqual([placed.get('twin1'), placed.get('twin2')], ['B', 'B']);
    assert.equal(proposals[0]!.reason.en, 'Proposal: B, your choice 2. A has 1 seat on Monday and you need 2; A has 1 seat on Tuesday and you need 2; A has 1 seat on Wednesday and you need 2; A has 1 seat on Thursday and you need 2; A has 1 seat on Friday and you need 2.');
  });
});

describe('instance validation', () => {
  const base = (): InstanceJson => ({ locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }], requests: [{ id: 'r', days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 1 }] }] });
  const problem = (mutate: (j: InstanceJson) => void) => {
    const j = base();
    mutate(j);
    try {
      compile(j);
    } catch (err) {
      assert.ok(err instanceof InstanceError);
      return err;
    }
    assert.fail('accepted');
  };

  it('names the path of a wrong value, in Dutch and English, with a code', () => {
    const e = problem((j) => ((j.requests[0]!.preferences[0] as { priority: unknown }).priority = 'high'));
    assert.equal(e.field, 'requests[0].preferences[0].priority');
    assert.equal(e.en, 'requests[0].preferences[0].priority: must be a number');
    assert.equal(e.nl, 'requests[0].preferences[0].priority: moet een getal zijn');
    assert.equal(e.code, 'instance.not_number');
    assert.equal(problem((j) => ((j.requests[0]!.preferences[0] as { priority: unknown }).priority = null)).field, 'requests[0].preferences[0].priority', 'null is not the top priority');
    assert.equal(problem((j) => ((j.requests[0]!.preferences[0] as { priority: unknown }).priority = NaN)).code, 'instance.not_number');
  });

  it('refuses duplicate ids, unknown locations, twice-listed wishes, bad capacity and empty day patterns', () => {
    assert.equal(problem((j) => j.requests.push({ ...j.requests[0]! })).en, "requests[1].id: 'r' appears twice (also requests[0])");
    assert.equal(problem((j) => j.locations.push({ id: 'A', capacity: [1, 1, 1, 1, 1] })).field, 'locations[1].id');
    assert.match(problem((j) => (j.requests[0]!.preferences[0]!.location = 'X')).en, /requests\[0\]\.preferences\[0\]\.location: unknown location "X"/);
    assert.equal(problem((j) => j.requests[0]!.preferences.push({ location: 'A', priority: 2 })).code, 'instance.duplicate_wish');
    assert.equal(problem((j) => (j.locations[0]!.capacity = [1, 1])).field, 'locations[0].capacity');
    assert.equal(problem((j) => (j.locations[0]!.capacity = [1, 1, -1, 1, 1])).field, 'locations[0].capacity[2]');
    assert.equal(problem((j) => (j.requests[0]!.days = [0, 0, 0, 0, 0])).code, 'instance.no_days');
    assert.equal(problem((j) => (j.requests[0]!.halves = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0])).code, 'instance.days_or_halves');
    assert.equal(problem((j) => (j.requests[0]!.start = '2027-02-30')).field, 'requests[0].start');
  });

  it('reports several problems at once', () => {
    const e = problem((j) => {
      (j.requests[0]!.preferences[0] as { priority: unknown }).priority = 'x';
      j.requests[0]!.days = [1];
    });
    assert.equal(e.details.length, 2);
  });

  it('the old unvalidated case: a non-numeric priority no longer puts 3 requests into a 1-seat location', () => {
    const j: InstanceJson = { locations: [{ id: 'A', capacity: [1, 1, 1, 1, 1] }], requests: ['a', 'b', 'c'].map((id) => ({ id, days: [1, 0, 0, 0, 0], preferences: [{ location: 'A', priority: 'x' as unknown as number }] })) };
    assert.throws(() => compile(j), InstanceError);
  });
});

describe('generated instances', () => {
  it('are realistic and verify clean, with no waste', () => {
    const json = generateInstance({ requests: 3000, locations: 60, seed: 7, halfDayShare: 0.1 });
    const { report, compiled } = run(json, 7);
    assert.deepEqual([report.capacityViolations.length, report.unlistedPlacements.length, report.siblingsSplit.length, report.waste.count], [0, 0, 0, 0]);
    assert.ok(report.metrics.placed > 0 && report.metrics.placed < report.metrics.requests, 'demand exceeds supply');
    assert.ok((report.metrics.rankDistribution[0] as number) > (report.metrics.rankDistribution[3] as number), 'most placed families get an early wish');
    assert.ok(report.metrics.byGroup.work!.placed / report.metrics.byGroup.work!.requests > report.metrics.byGroup.none!.placed / report.metrics.byGroup.none!.requests, 'priority groups fare better');
    assert.ok(deferredAcceptance(compiled.instance, 7).proposals >= report.metrics.placed - report.metrics.siblingGroupsTogether);
  });
});
