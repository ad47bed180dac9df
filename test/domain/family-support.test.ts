// Family support domain: the referral lifecycle (table and properties), consent, the pilot call's conditions, indicators, HSDS checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UserError } from '../../src/domain/errors.ts';
import { checkConsent, consentState } from '../../src/domain/family-support/consent.ts';
import { checkOrganization, derivedId, duplicateIds, formatByday, monthsToYears, parseByday, yearsToMonths } from '../../src/domain/family-support/hsds.ts';
import { quarterIndicators, quartersOf } from '../../src/domain/family-support/indicators.ts';
import { pilotConditions, unmetProblems, type PilotFacts, type PilotLocation } from '../../src/domain/family-support/pilot.ts';
import { applyStep, canMove, newReferral, progressOnly, REFERRAL_OUTCOMES, REFERRAL_STATUSES, TERMINAL, type ReferralState, type ReferralStep } from '../../src/domain/family-support/referral.ts';

const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return e.code;
  }
};

describe('referral lifecycle', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 10, 24) + n * 3_600_000).toISOString();

  it('follows sent → received → contact made → support started → closed with an outcome', () => {
    let s = newReferral(at(0));
    for (const [i, to] of (['received', 'contact_made', 'support_started'] as const).entries()) s = applyStep(s, { to }, at(i + 1));
    s = applyStep(s, { to: 'closed', outcome: 'support_completed' }, at(9));
    assert.deepEqual([s.status, s.outcome, s.receivedAt, s.contactMadeAt, s.supportStartedAt, s.closedAt], ['closed', 'support_completed', at(1), at(2), at(3), at(9)]);
  });

  it('declines only with a reason, closes only with an outcome, and never skips or goes back', () => {
    const s = newReferral(at(0));
    assert.equal(code(() => applyStep(s, { to: 'declined' }, at(1))), 'referral.reason_required');
    assert.equal(code(() => applyStep(s, { to: 'declined', reason: '   ' }, at(1))), 'referral.reason_required');
    assert.equal(applyStep(s, { to: 'declined', reason: ' Geen aanbod in die taal ' }, at(1)).declineReason, 'Geen aanbod in die taal');
    const received = applyStep(s, { to: 'received' }, at(1));
    assert.equal(code(() => applyStep(received, { to: 'closed' }, at(2))), 'referral.outcome_required');
    assert.equal(code(() => applyStep(received, { to: 'contact_made', outcome: 'referred_on' }, at(2))), 'referral.outcome_only_when_closing');
    assert.equal(code(() => applyStep(s, { to: 'support_started' }, at(1))), 'referral.transition_not_allowed');
    assert.equal(code(() => applyStep(received, { to: 'sent' }, at(2))), 'referral.transition_not_allowed');
    assert.equal(code(() => applyStep(s, { to: 'closed', outcome: 'not_reached' }, at(1))), 'referral.transition_not_allowed', 'closing needs the referral picked up first');
  });

  it('shows the referrer status and dates only', () => {
    const s = applyStep(applyStep(newReferral(at(0)), { to: 'received' }, at(1)), { to: 'declined', reason: 'privé reden' }, at(2));
    assert.deepEqual(Object.keys(progressOnly(s)).sort(), ['closedAt', 'contactMadeAt', 'declinedAt', 'receivedAt', 'sentAt', 'status', 'supportStartedAt']);
  });

  const stepArb: fc.Arbitrary<ReferralStep> = fc.record(
    { to: fc.constantFrom(...REFERRAL_STATUSES), outcome: fc.option(fc.constantFrom(...REFERRAL_OUTCOMES), { nil: undefined }), reason: fc.option(fc.constantFrom('reden', '', ' '), { nil: undefined }) },
    { requiredKeys: ['to'] },
  );
  const ORDER = ['sent', 'received', 'contact_made', 'support_started', 'closed'];

  it('property: whatever is tried, accepted steps only move forward and every status has its date', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), (steps) => {
        let s: ReferralState = newReferral(at(0));
        let clock = 1;
        for (const step of steps) {
          const before = s;
          try {
            s = applyStep(s, step, at(clock++));
          } catch (e) {
            assert.ok(e instanceof UserError);
            assert.deepEqual(s, before, 'a refused step changes nothing');
            continue;
          }
          assert.ok(canMove(before.status, s.status));
          if (s.status !== 'declined') assert.ok(ORDER.indexOf(s.status) > ORDER.indexOf(before.status), 'never back');
          assert.ok(!TERMINAL.includes(before.status), 'closed and declined are final');
        }
        const stamps = { received: s.receivedAt, contact_made: s.contactMadeAt, support_started: s.supportStartedAt, closed: s.closedAt, declined: s.declinedAt };
        if (s.status !== 'sent') assert.ok(stamps[s.status as keyof typeof stamps], 'the current status has its date');
        assert.equal(s.status === 'closed', s.outcome !== null);
        assert.equal(s.status === 'declined', s.declineReason !== null);
        const dates = [s.sentAt, s.receivedAt, s.contactMadeAt, s.supportStartedAt, s.closedAt ?? s.declinedAt].filter((d): d is string => d !== null);
        assert.deepEqual([...dates].sort(), dates, 'dates follow the order of the states');
      }),
      { numRuns: 500 },
    );
  });

  it('property: every status can be reached from sent, and every path ends in closed or declined', () => {
    const reachable = new Set(['sent']);
    for (let i = 0; i < 6; i++) for (const from of [...reachable]) for (const to of REFERRAL_STATUSES) if (canMove(from as never, to)) reachable.add(to);
    assert.deepEqual([...reachable].sort(), [...REFERRAL_STATUSES].sort());
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (choices) => {
        let s = newReferral(at(0));
        for (const c of choices) {
          const options = REFERRAL_STATUSES.filter((to) => canMove(s.status, to));
          if (!options.length) break;
          const to = options[c % options.length]!;
          s = applyStep(s, { to, ...(to === 'closed' ? { outcome: 'referred_on' as const } : {}), ...(to === 'declined' ? { reason: 'r' } : {}) }, at(1));
        }
        assert.ok(TERMINAL.includes(s.status) || choices.length < 4, `stuck in ${s.status}`);
      }),
    );
  });
});

describe('consent', () => {
  const base = { givenByGuardianId: 'g', purpose: 'Doorverwijzen', dataCategories: ['contact' as const], validUntil: '2027-06-30' };
  it('holds until the end of its last day unless withdrawn', () => {
    assert.equal(consentState({ validUntil: '2026-11-24', withdrawnAt: null }, '2026-11-24'), 'valid');
    assert.equal(consentState({ validUntil: '2026-11-23', withdrawnAt: null }, '2026-11-24'), 'expired');
    assert.equal(consentState({ validUntil: '2030-01-01', withdrawnAt: new Date() }, '2026-11-24'), 'withdrawn');
  });
  it('needs a purpose, the data shared and an end within two years', () => {
    assert.deepEqual(checkConsent(base, '2026-11-24'), []);
    const codes = (c: typeof base) => checkConsent(c, '2026-11-24').map((p) => p.code);
    assert.deepEqual(codes({ ...base, purpose: ' ' }), ['consent.purpose_required']);
    assert.deepEqual(codes({ ...base, dataCategories: [] }), ['consent.categories_required']);
    assert.deepEqual(codes({ ...base, validUntil: '2026-11-23' }), ['consent.valid_until_past']);
    assert.deepEqual(codes({ ...base, validUntil: '2028-11-25' }), ['consent.valid_until_too_far']);
    assert.deepEqual(codes({ ...base, validUntil: '2027-02-30' }), ['consent.valid_until_past']);
  });
});

describe('Vroeg en Nabij: the call’s conditions', () => {
  // The fixture: two income-tariff locations of two organisers in the area, the desk and a Huis van het Kind.
  const loc = (over: Partial<PilotLocation>): PilotLocation => ({ locationId: 'l', organiserId: 'o1', municipalityNis: '24062', type: 'group', subsidyStep: 'T2', qualityLabel: false, ...over });
  const valid: PilotFacts = {
    municipalities: ['24062', '24038'],
    startDate: '2024-09-01',
    endDate: '2026-08-31',
    locations: [loc({ locationId: 'a' }), loc({ locationId: 'b', organiserId: 'o2', municipalityNis: '24038', subsidyStep: 'T1' })],
    organiserIds: [],
    lokaalLoketCount: 1,
    huisVanHetKindCount: 1,
  };
  const unmet = (p: PilotFacts) => unmetProblems(pilotConditions(p)).map((x) => x.code);

  it('accepts a pilot that meets every condition', () => {
    assert.deepEqual(unmet(valid), []);
    assert.ok(pilotConditions(valid).every((c) => c.met && c.nl && c.en));
  });
  it('needs at least 2 childcare locations in the area (one outside does not count)', () => {
    assert.deepEqual(unmet({ ...valid, locations: [valid.locations[0]!], organiserIds: ['o2'] }), ['pilot.two_locations']);
    assert.deepEqual(unmet({ ...valid, locations: [valid.locations[0]!, loc({ organiserId: 'o2', municipalityNis: '44021' })] }), ['pilot.locations_in_area', 'pilot.two_locations']);
  });
  it('needs at least 1 location for babies and toddlers with the income-tariff subsidy (T2 or T3)', () => {
    assert.deepEqual(unmet({ ...valid, locations: valid.locations.map((l) => ({ ...l, subsidyStep: 'T1' as const })) }), ['pilot.income_tariff_location']);
    assert.deepEqual(unmet({ ...valid, locations: [loc({ subsidyStep: 'T3', type: 'family' }), valid.locations[1]!] }), []);
    assert.deepEqual(unmet({ ...valid, locations: [loc({ type: 'kleuteropvang', subsidyStep: 'T2', qualityLabel: true }), valid.locations[1]!] }), ['pilot.income_tariff_location'], 'a kleuteropvang does not care for babies');
  });
  it('may add a kleuteropvang, but only with a quality label', () => {
    assert.deepEqual(unmet({ ...valid, locations: [...valid.locations, loc({ type: 'kleuteropvang', subsidyStep: 'T0', qualityLabel: true })] }), []);
    assert.deepEqual(unmet({ ...valid, locations: [...valid.locations, loc({ type: 'kleuteropvang', subsidyStep: 'T0' })] }), ['pilot.kleuteropvang_label']);
    assert.deepEqual(unmet({ ...valid, locations: [valid.locations[0]!, loc({ type: 'kleuteropvang', organiserId: 'o2', qualityLabel: false })] }), ['pilot.two_locations', 'pilot.kleuteropvang_label'], 'an unlabelled one does not count either');
  });
  it('needs at least 2 organisers (of the locations or named as partners)', () => {
    const sameOrganiser = { ...valid, locations: valid.locations.map((l) => ({ ...l, organiserId: 'o1' })) };
    assert.deepEqual(unmet(sameOrganiser), ['pilot.two_organisers']);
    assert.deepEqual(unmet({ ...sameOrganiser, organiserIds: ['o9'] }), []);
  });
  it('needs the Lokaal Loket Kinderopvang, a Huis van het Kind, an area and a period', () => {
    assert.deepEqual(unmet({ ...valid, lokaalLoketCount: 0 }), ['pilot.lokaal_loket']);
    assert.deepEqual(unmet({ ...valid, huisVanHetKindCount: 0 }), ['pilot.huis_van_het_kind']);
    assert.deepEqual(unmet({ ...valid, endDate: '2024-09-01' }), ['pilot.period']);
    assert.deepEqual(unmet({ ...valid, municipalities: [] }).slice(0, 2), ['pilot.area', 'pilot.locations_in_area']);
  });
});

describe('pilot indicators per quarter', () => {
  it('cuts the period into quarters', () => {
    assert.deepEqual(quartersOf('2024-09-01', '2025-02-10').map((q) => [q.quarter, q.from, q.to]), [
      ['2024-Q3', '2024-09-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
      ['2025-Q1', '2025-01-01', '2025-02-10'],
    ]);
  });
  it('counts referrals by the quarter they were sent and families by the quarter of first contact, once', () => {
    const r = (familyId: string, sentOn: string, receivedOn: string | null, contactOn: string | null, vulnerable = false, fromChildcare = false) => ({ familyId, sentOn, receivedOn, contactOn, vulnerable, fromChildcare });
    const q = quarterIndicators('2025-01-01', '2025-06-30', [
      r('f1', '2025-03-20', '2025-03-21', '2025-04-02', true, true), // sent in Q1, reached in Q2
      r('f1', '2025-04-10', '2025-04-11', '2025-04-15', true),
      r('f2', '2025-02-01', '2025-02-03', '2025-02-05', false, true),
      r('f3', '2025-02-10', null, null),
    ], [{ sharedOn: '2025-05-05' }]);
    assert.deepEqual(q.map((x) => [x.quarter, x.referralsMade, x.referralsAccepted, x.medianDaysToFirstContact, x.familiesReached, x.familiesReachedVulnerable, x.childcareReferrals, x.concernsShared]), [
      ['2025-Q1', 3, 2, 8.5, 1, 0, 2, 0],
      ['2025-Q2', 1, 1, 5, 1, 1, 0, 1],
    ]);
  });
});

describe('HSDS checks', () => {
  it('keeps ages, days and derived ids stable through a round trip', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 240 }), (m) => yearsToMonths(monthsToYears(m)) === m));
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (days) => formatByday(parseByday(formatByday([...days].sort()))!) === formatByday([...days].sort())));
    assert.equal(parseByday('MO,MO'), null);
    assert.equal(derivedId('a', 'phone', '0'), derivedId('a', 'phone', '0'));
    assert.match(derivedId('a', 'phone', '0'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('names each problem by its path', () => {
    const problems = checkOrganization(
      {
        name: 'X',
        locations: [{ id: 'l1', name: 'L', addresses: [{ address_1: 's', city: 'c', postal_code: '300', nabij_nis_code: '2406' }], schedules: [{ byday: 'XX', opens_at: '9', closes_at: '17:00' }] }],
        services: [{ name: 'S', status: 'active', minimum_age: 3, maximum_age: 1, service_at_locations: [{ location_id: 'l2' }], attributes: [{ taxonomy_term: { code: 'x', taxonomy: 'other' } }] }],
      },
      'organizations.4',
    );
    assert.deepEqual(problems.map((p) => p.field), [
      'organizations.4.locations.0.addresses.0.nabij_nis_code',
      'organizations.4.locations.0.addresses.0.postal_code',
      'organizations.4.locations.0.schedules.0.byday',
      'organizations.4.locations.0.schedules.0.opens_at',
      'organizations.4.services.0.maximum_age',
      'organizations.4.services.0.attributes.0.taxonomy_term.taxonomy',
      'organizations.4.services.0.service_at_locations.0.location_id',
    ]);
    assert.deepEqual(duplicateIds([{ id: 'a', name: 'A' }, { id: 'A', name: 'B' }]).map((p) => p.field), ['organizations.1.id']);
  });
});
