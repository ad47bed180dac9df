// The desk's yearly figures against hand-computed fixtures, one per counting rule, and properties of the counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { yearlyFigures, type CountedRequest } from '../../src/domain/reporting/yearly-figures.ts';

const base: Omit<CountedRequest, 'id' | 'status'> = { registeredOn: '2025-03-01', desiredStartDate: '2025-10-01', municipalityNis: '24062', urgent: false, vulnerable: false };
const r = (id: string, status: CountedRequest['status'], over: Partial<CountedRequest> = {}): CountedRequest => ({ ...base, id, status, ...over });

describe('yearly desk figures (hand-computed)', () => {
  it('twins count as two requests; two parents asking for one child (merged) count once', () => {
    const f = yearlyFigures([r('twin-1', 'placed'), r('twin-2', 'placed'), r('mother', 'active'), r('father', 'merged')], 2025);
    assert.equal(f.total.registered, 3);
  });
  it('a lapsed request (a miscarriage) and care found in another municipality are not unanswered', () => {
    const f = yearlyFigures([r('lapsed', 'lapsed'), r('elsewhere', 'found_elsewhere', { municipalityNis: '24038' }), r('unknown', 'unknown_outcome'), r('waiting', 'active')], 2025);
    assert.deepEqual([f.total.registered, f.total.unanswered], [4, 1]);
    assert.deepEqual(f.ids.unanswered, ['waiting']);
  });
  it('a request can be urgent and from a vulnerable family at once: the subcategories overlap', () => {
    const f = yearlyFigures([r('both', 'active', { urgent: true, vulnerable: true }), r('urgent', 'placed', { urgent: true })], 2025);
    assert.deepEqual(f.total.urgent, { registered: 2, unanswered: 1 });
    assert.deepEqual(f.total.vulnerable, { registered: 1, unanswered: 1 });
  });
  it('counts by registration year, and an open request starting next year is not unanswered yet', () => {
    const f = yearlyFigures([r('last-year', 'active', { registeredOn: '2024-12-31' }), r('starts-2026', 'active', { desiredStartDate: '2026-02-01' })], 2025);
    assert.deepEqual([f.total.registered, f.total.unanswered], [1, 0]);
  });
  it('breaks the figures down by municipality', () => {
    const f = yearlyFigures([r('a', 'active'), r('b', 'active', { municipalityNis: '24038' }), r('c', 'placed', { municipalityNis: '24038' })], 2025);
    assert.deepEqual([f.byMunicipality['24062']!.registered, f.byMunicipality['24038']!.registered, f.byMunicipality['24038']!.unanswered], [1, 2, 1]);
  });
});

describe('yearly desk figures (properties)', () => {
  const statuses: CountedRequest['status'][] = ['registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'merged', 'unknown_outcome'];
  const req = fc.record({
    id: fc.uuid(),
    status: fc.constantFrom(...statuses),
    registeredOn: fc.constantFrom('2024-06-01', '2025-01-01', '2025-12-31'),
    desiredStartDate: fc.constantFrom('2025-05-01', '2026-01-05'),
    municipalityNis: fc.constantFrom('24062', '24038', '44021'),
    urgent: fc.boolean(),
    vulnerable: fc.boolean(),
  });
  it('unanswered ≤ registered everywhere; municipalities add up to the total; order does not matter', () => {
    fc.assert(
      fc.property(fc.array(req, { maxLength: 60 }), (rs) => {
        const f = yearlyFigures(rs, 2025);
        const sum = (k: 'registered' | 'unanswered') => Object.values(f.byMunicipality).reduce((s, m) => s + m[k], 0);
        assert.ok(f.total.unanswered <= f.total.registered);
        assert.ok(f.total.urgent.unanswered <= f.total.urgent.registered && f.total.urgent.registered <= f.total.registered);
        assert.equal(sum('registered'), f.total.registered);
        assert.equal(sum('unanswered'), f.total.unanswered);
        assert.equal(f.ids.registered.length, f.total.registered);
        assert.deepEqual(yearlyFigures([...rs].reverse(), 2025).total, f.total);
      }),
    );
  });
});
