// Priority rules as data: the shipped Flemish sets A and B, the evaluator, vulnerability and tie-breaks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FLEMISH_RULE_SETS } from '../../src/domain/rules/catalogue.ts';
import { evaluate, NO_PRIORITY_TIER, type EvaluationInput } from '../../src/domain/rules/evaluate.ts';
import { lotteryNumber, rankCandidates } from '../../src/domain/rules/ranking.ts';
import { checkRuleSet } from '../../src/domain/rules/schema.ts';
import { ACTIVITY_KINDS, type ActivityKind, type Facts } from '../../src/domain/rules/types.ts';
import { classifyVulnerability } from '../../src/domain/rules/vulnerability.ts';
import setB from '../../src/domain/rules/sets/vlaanderen-b.json' with { type: 'json' };

const LOC = { id: 'loc-1', subsidyStep: 'T2' as const, municipalityNis: '24062' };
const NONE: Facts = { guardians: [], singleParent: false, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [] };

function facts(over: Partial<Facts>): Facts {
  return { ...NONE, ...over };
}
const parent = (...activities: Array<[ActivityKind, number]>) => ({ activities: activities.map(([kind, fraction]) => ({ kind, fraction })) });

/** Judged under set B: registered in its period, evaluated while it was in force. */
function underB(f: Facts, over: Partial<EvaluationInput> = {}) {
  return evaluate(FLEMISH_RULE_SETS, { registeredOn: '2024-06-01', evaluatedOn: '2024-10-01', placeStart: '2024-12-02', location: LOC, facts: { atRegistration: f, latest: f }, ...over });
}
function underA(f: Facts, over: Partial<EvaluationInput> = {}) {
  return evaluate(FLEMISH_RULE_SETS, { registeredOn: '2025-06-01', evaluatedOn: '2025-10-01', placeStart: '2026-01-05', location: LOC, facts: { atRegistration: f, latest: f }, ...over });
}

describe('the shipped rule sets', () => {
  it('are valid documents', () => {
    assert.equal(FLEMISH_RULE_SETS.length, 2);
    for (const s of FLEMISH_RULE_SETS) assert.deepEqual(checkRuleSet(s), []);
  });
  it('name every problem in a broken document with its path', () => {
    const broken = structuredClone(setB) as Record<string, unknown> & { groups: Array<Record<string, unknown>>; providerMayReorder: string[] };
    broken.groups[0]!.tier = 0;
    broken.providerMayReorder = ['work', 'nobody'];
    assert.ok(checkRuleSet(broken).some((p) => p.field === 'groups.0.tier'));
    broken.groups[0]!.tier = 1;
    assert.deepEqual(checkRuleSet(broken).map((p) => p.field), ['providerMayReorder.1']);
  });
});

describe('which rule set judges a request', () => {
  const f = facts({ guardians: [parent(['employed', 1])] });
  it('registered before 1 April 2024 and judged in October 2024: set A', () => {
    assert.equal(underB(f, { registeredOn: '2024-03-31' }).ruleSet?.id, 'vlaanderen-a');
  });
  it('registered from 1 April 2024 and judged in October 2024: set B', () => {
    const e = underB(f, { registeredOn: '2024-04-01' });
    assert.equal(e.ruleSet?.id, 'vlaanderen-b');
    assert.match(e.ruleSetReason.nl, /inschrijvingsdatum \(1 april 2024\)/);
  });
  it('judged from 30 April 2025 on: set A again, for requests registered under B too', () => {
    const e = underB(f, { registeredOn: '2024-06-01', evaluatedOn: '2025-04-30' });
    assert.equal(e.ruleSet?.id, 'vlaanderen-a');
    assert.match(e.ruleSetReason.nl, /gelden de vorige regels opnieuw, voor alle aanvragen/);
    assert.equal(underB(f, { registeredOn: '2024-06-01', evaluatedOn: '2025-04-29' }).ruleSet?.id, 'vlaanderen-b');
  });
  it('a fixed-price location (T0/T1) has no priority rules', () => {
    const e = underA(f, { location: { ...LOC, subsidyStep: 'T1' } });
    assert.equal(e.ruleSet, null);
    assert.equal(e.tier, NO_PRIORITY_TIER);
    assert.match(e.ruleSetReason.nl, /kiest vrij/);
  });
});

describe('set B: work 4/5 on average, siblings, foster children', () => {
  it('two parents: (1.0 + 0.6) / 2 = 80% gives absolute priority; 75% does not', () => {
    const met = underB(facts({ guardians: [parent(['employed', 1]), parent(['self_employed', 0.6])] }));
    assert.equal(met.decidingGroup, 'work');
    assert.match(met.groups[0]!.text.nl, /gemiddeld 80% .*absolute voorrang/);
    const notMet = underB(facts({ guardians: [parent(['employed', 0.8]), parent(['employed', 0.7])] }));
    assert.equal(notMet.decidingGroup, null);
    assert.match(notMet.groups[0]!.text.nl, /gemiddeld 75% .*minder dan 4\/5/);
  });
  it('one of two parents working full time is not enough', () => {
    assert.equal(underB(facts({ guardians: [parent(['employed', 1]), parent()] })).decidingGroup, null);
  });
  it('a single parent at exactly 0.8 gets priority; at 0.79 not', () => {
    assert.equal(underB(facts({ singleParent: true, guardians: [parent(['employed', 0.8])] })).decidingGroup, 'work');
    assert.equal(underB(facts({ singleParent: true, guardians: [parent(['employed', 0.79])] })).decidingGroup, null);
  });
  it('counts an intensive trajectory, integration or qualifying course, but not job seeking or a Dutch course', () => {
    assert.equal(underB(facts({ guardians: [parent(['training_intensive', 0.5], ['employed', 0.5])] })).decidingGroup, 'work');
    assert.equal(underB(facts({ guardians: [parent(['integration', 0.8])] })).decidingGroup, 'work');
    assert.equal(underB(facts({ guardians: [parent(['job_seeking', 1])] })).decidingGroup, null);
    assert.equal(underB(facts({ guardians: [parent(['dutch_course', 1])] })).decidingGroup, null);
  });
  it('sibling priority only while the sibling attends the same location on the start date', () => {
    const sib = (to: string | null, locationId = LOC.id) => underB(facts({ siblings: [{ locationId, from: '2023-01-02', to }] }));
    assert.equal(sib(null).decidingGroup, 'sibling');
    assert.equal(sib('2024-12-02').decidingGroup, 'sibling');
    assert.equal(sib('2024-12-01').decidingGroup, null, 'the sibling left the day before');
    assert.equal(sib(null, 'other-location').decidingGroup, null);
  });
  it('the provider’s order of the three groups changes who goes first', () => {
    const worker = facts({ guardians: [parent(['employed', 1])] });
    const foster = facts({ fosterChild: true });
    assert.ok(underB(worker).tier < underB(foster).tier, 'default: work before foster children');
    const order = ['foster_child', 'sibling', 'work'];
    assert.ok(underB(foster, { groupOrder: order }).tier < underB(worker, { groupOrder: order }).tier);
    assert.throws(() => underB(worker, { groupOrder: ['work'] }), /rules.group_order|exactly these groups/);
  });
  it('uses the facts as declared at registration: later changes do not change the priority', () => {
    const then = facts({ guardians: [parent(['employed', 1])] });
    const now = facts({ guardians: [parent(['employed', 0.2])] });
    assert.equal(underB(then, { facts: { atRegistration: then, latest: now } }).decidingGroup, 'work');
  });
});

describe('set A: absolute priority for work, then single parents, low income, foster children, siblings', () => {
  it('job seeking and a Dutch course count as the work situation when every parent is in one', () => {
    assert.equal(underA(facts({ guardians: [parent(['job_seeking', 1]), parent(['dutch_course', 0.4])] })).decidingGroup, 'work');
    assert.equal(underA(facts({ guardians: [parent(['job_seeking', 1]), parent()] })).decidingGroup, null);
  });
  it('single parents, low income, foster children and siblings share one priority tier after work', () => {
    const tiers = [facts({ singleParent: true }), facts({ lowIncome: true }), facts({ fosterChild: true }), facts({ siblings: [{ locationId: LOC.id, from: '2025-01-01', to: null }] })].map((f) => underA(f).tier);
    assert.equal(new Set(tiers).size, 1);
    assert.ok((tiers[0] as number) > underA(facts({ guardians: [parent(['employed', 1])] })).tier);
    assert.ok((tiers[0] as number) < NO_PRIORITY_TIER);
  });
  it('explains every group in Dutch and English', () => {
    const e = underA(facts({ singleParent: true, lowIncome: true }));
    assert.equal(e.summary.nl, 'Voorrang: alleenstaande ouder. Ook: laag inkomen.');
    for (const g of e.groups) assert.ok(g.text.nl && g.text.en);
  });
});

const activity = fc.record({ kind: fc.constantFrom(...ACTIVITY_KINDS), fraction: fc.integer({ min: 0, max: 100 }).map((x) => x / 100) });
const factsArb: fc.Arbitrary<Facts> = fc.record({
  guardians: fc.array(fc.record({ activities: fc.array(activity, { maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
  singleParent: fc.boolean(),
  lowIncome: fc.boolean(),
  fosterChild: fc.boolean(),
  healthOrCareSituation: fc.boolean(),
  noSecondaryDiploma: fc.boolean(),
  siblings: fc.array(fc.record({ locationId: fc.constantFrom('loc-1', 'loc-2'), from: fc.constantFrom('2023-01-01', '2024-12-02', '2025-06-01'), to: fc.constantFrom(null, '2024-12-01', '2026-06-30') }), { maxLength: 2 }),
});

describe('evaluator properties', () => {
  it('is deterministic: the same input gives the same evaluation', () => {
    fc.assert(fc.property(factsArb, fc.boolean(), (f, b) => assert.deepEqual(b ? underB(f) : underA(f), b ? underB(structuredClone(f)) : underA(structuredClone(f)))), { numRuns: 500 });
  });
  it('set B: the work group holds exactly when the integer household average is at least 80%', () => {
    const counts = ['employed', 'self_employed', 'training_intensive', 'integration', 'qualifying_course'];
    fc.assert(
      fc.property(factsArb, (f) => {
        const per = f.guardians.map((g) => Math.min(100, g.activities.filter((a) => counts.includes(a.kind)).reduce((s, a) => s + Math.round(a.fraction * 100), 0)));
        const expected = per.reduce((s, x) => s + x, 0) >= 80 * per.length;
        assert.equal(underB(f).groups.find((g) => g.id === 'work')?.met, expected);
      }),
      { numRuns: 2000 },
    );
  });
  it('more work never lowers a family’s priority (set A and B)', () => {
    fc.assert(
      fc.property(factsArb, activity, fc.nat(1), (f, extra, who) => {
        const more = structuredClone(f);
        more.guardians[Math.min(who, more.guardians.length - 1)]!.activities.push(extra);
        assert.ok(underB(more).tier <= underB(f).tier);
        assert.ok(underA(more).tier <= underA(f).tier);
      }),
      { numRuns: 1000 },
    );
  });
  it('the tier is the lowest tier among the groups met', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const e = underA(f);
        assert.equal(e.tier, Math.min(NO_PRIORITY_TIER, ...e.groups.filter((g) => g.met).map((g) => g.tier)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('vulnerable family', () => {
  it('needs at least 2 of the 5 characteristics, one of them among the first three', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const v = classifyVulnerability(f);
        const present = v.characteristics.map((c) => c.present);
        assert.equal(v.vulnerable, present.filter(Boolean).length >= 2 && present.slice(0, 3).some(Boolean));
      }),
      { numRuns: 1000 },
    );
    assert.equal(classifyVulnerability(facts({ singleParent: true, guardians: [parent(['employed', 1])] })).vulnerable, false, 'single and working: 2 characteristics, none of the first three');
    assert.equal(classifyVulnerability(facts({ singleParent: true, lowIncome: true })).vulnerable, true);
  });
});

describe('tie-breaks', () => {
  const cand = fc.record({ requestId: fc.uuid(), number: fc.integer({ min: 1, max: 999999 }).map((n) => `NB-2026-${String(n).padStart(6, '0')}`), registeredOn: fc.constantFrom('2026-01-05', '2026-03-01', '2026-05-20', '2026-08-31'), tier: fc.constantFrom(1, 2, NO_PRIORITY_TIER) });
  const list = fc.uniqueArray(cand, { selector: (c) => c.requestId, maxLength: 40 }).map((xs) => xs.map((x, i) => ({ ...x, number: `${x.number}-${i}` })));
  const policies = fc.constantFrom({ policy: 'registration_order' as const }, { policy: 'lottery' as const }, { policy: 'batch_window' as const, monthsBeforeStart: 4 });

  it('always puts a lower tier first, and the order does not depend on the input order', () => {
    fc.assert(
      fc.property(list, policies, fc.string(), (xs, policy, seed) => {
        const a = rankCandidates(xs, policy, { seed, placeStart: '2026-09-01' });
        const b = rankCandidates([...xs].reverse(), policy, { seed, placeStart: '2026-09-01' });
        assert.deepEqual(a.map((r) => r.candidate.requestId), b.map((r) => r.candidate.requestId));
        for (let i = 1; i < a.length; i++) assert.ok(a[i - 1]!.candidate.tier <= a[i]!.candidate.tier);
        assert.deepEqual(a.map((r) => r.position), xs.map((_, i) => i + 1));
      }),
      { numRuns: 500 },
    );
  });
  it('registration order: earlier registration first within a tier', () => {
    fc.assert(
      fc.property(list, (xs) => {
        const r = rankCandidates(xs, { policy: 'registration_order' }, { seed: 's', placeStart: '2026-09-01' });
        for (let i = 1; i < r.length; i++) {
          const [p, q] = [r[i - 1]!.candidate, r[i]!.candidate];
          if (p.tier === q.tier) assert.ok(p.registeredOn <= q.registeredOn);
        }
      }),
    );
  });
  it('batch window: everything registered 4 months before the start goes before later requests of the same tier', () => {
    fc.assert(
      fc.property(list, fc.string(), (xs, seed) => {
        const r = rankCandidates(xs, { policy: 'batch_window', monthsBeforeStart: 4 }, { seed, placeStart: '2026-09-01' });
        for (let i = 1; i < r.length; i++) {
          if (r[i - 1]!.candidate.tier === r[i]!.candidate.tier) assert.ok(r[i - 1]!.inBatch || !r[i]!.inBatch);
        }
        assert.ok(r.every((x) => x.inBatch === x.candidate.registeredOn <= '2026-05-01'));
      }),
    );
  });
  it('the lottery is reproducible from its seed and changes with another seed', () => {
    assert.equal(lotteryNumber('round-7', 'abc'), lotteryNumber('round-7', 'abc'));
    assert.notEqual(lotteryNumber('round-7', 'abc'), lotteryNumber('round-8', 'abc'));
  });
});

describe('a local variant (the Brussels example in docs/rules)', () => {
  it('is valid, loads next to the Flemish sets and judges only its own municipality', async () => {
    const { loadRuleSets } = await import('../../src/app/rule-set-files.ts');
    const sets = loadRuleSets('docs/rules');
    assert.deepEqual(sets.map((s) => s.id), ['vlaanderen-a', 'vlaanderen-b', 'brussel-nl-voorbeeld']);
    const f = facts({ dutchSpeaking: true });
    const input = (nis: string): EvaluationInput => ({ registeredOn: '2026-01-10', evaluatedOn: '2026-11-24', placeStart: '2027-01-04', location: { ...LOC, municipalityNis: nis }, facts: { atRegistration: f, latest: f } });
    const brussels = evaluate(sets, input('21004'));
    assert.equal(brussels.ruleSet?.id, 'brussel-nl-voorbeeld');
    assert.equal(brussels.decidingGroup, 'dutch_speaking');
    assert.equal(evaluate(sets, input('24062')).ruleSet?.id, 'vlaanderen-a');
  });
});
