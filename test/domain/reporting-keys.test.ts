// Pseudonymous child keys and combining keyed aggregates of several installations: unique children, never identities.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { combineKeyed, keyedRows, pseudonymKey, KEYED_FORMAT, type ChildIdentity, type KeyedExport } from '../../src/domain/reporting/pseudonym.ts';
import type { CountedRequest } from '../../src/domain/reporting/yearly-figures.ts';

const SECRET = 'a-shared-regional-secret-0123456789';
const born: ChildIdentity = { insz: null, givenName: 'Noor', familyName: 'Van den Broeck', birthDate: '2025-02-03', dueDate: null, guardianInsz: [] };

describe('pseudonymous child keys', () => {
  it('the same INSZ gives the same key with the same secret, and another key with another secret', () => {
    const c = { ...born, insz: '25020300123' };
    assert.equal(pseudonymKey(SECRET, c), pseudonymKey(SECRET, { ...c, familyName: 'Anders' }));
    assert.notEqual(pseudonymKey(SECRET, c), pseudonymKey('another-installation-secret-xyz', c));
    assert.match(pseudonymKey(SECRET, c), /^[0-9a-f]{32}$/);
    assert.ok(!pseudonymKey(SECRET, c).includes('25020300123'));
  });
  it('without INSZ, spelling variants of the name match; another birth date does not', () => {
    assert.equal(pseudonymKey(SECRET, born), pseudonymKey(SECRET, { ...born, familyName: 'van den  broeck', givenName: 'NOOR' }));
    assert.notEqual(pseudonymKey(SECRET, born), pseudonymKey(SECRET, { ...born, birthDate: '2025-02-04' }));
  });
  it('unborn children: the due month and a guardian tell them apart; the order of guardians does not matter', () => {
    const unborn: ChildIdentity = { insz: null, givenName: null, familyName: 'Peeters', birthDate: null, dueDate: '2026-05-10', guardianInsz: ['90010100123', '91020200234'] };
    assert.equal(pseudonymKey(SECRET, unborn), pseudonymKey(SECRET, { ...unborn, dueDate: '2026-05-24', guardianInsz: ['91020200234', '90010100123'] }));
    assert.notEqual(pseudonymKey(SECRET, unborn), pseudonymKey(SECRET, { ...unborn, guardianInsz: ['85010100123'] }));
  });
  it('refuses a short secret', () => {
    assert.throws(() => pseudonymKey('short', born));
  });
});

const req = (id: string, key: string, status: CountedRequest['status'], over: Partial<CountedRequest> = {}) => ({
  id, key, status, registeredOn: '2025-03-01', desiredStartDate: '2025-09-01', municipalityNis: '24062', urgent: false, vulnerable: false, ...over,
});
const exp = (installation: string, rows: ReturnType<typeof keyedRows>): KeyedExport => ({ format: KEYED_FORMAT, installation, year: 2025, keyAlgorithm: 'HMAC-SHA256/128', rows });

describe('combining keyed aggregates', () => {
  it('one family registered in two installations counts once combined and twice in the raw sum', () => {
    const a = exp('leuven', keyedRows([req('1', 'k-family', 'active'), req('2', 'k-other', 'placed')], 2025));
    const b = exp('gent', keyedRows([req('9', 'k-family', 'active', { municipalityNis: '44021' })], 2025));
    const c = combineKeyed([a, b]);
    assert.deepEqual([c.rawSum.registered, c.unique.registered, c.sharedChildren], [3, 2, 1]);
    assert.deepEqual([c.rawSum.unanswered, c.unique.unanswered], [2, 1]);
    // The municipality comes from the first installation in name order that knows the child.
    assert.equal(c.unique.byMunicipality['44021']?.registered, 1);
  });
  it('a child placed by one installation is answered, even if another still lists it; subcategories add up by OR', () => {
    const a = exp('a', keyedRows([req('1', 'k', 'placed')], 2025));
    const b = exp('b', keyedRows([req('2', 'k', 'active', { urgent: true })], 2025));
    const c = combineKeyed([a, b]);
    assert.deepEqual([c.unique.unanswered, c.unique.urgent.registered, c.unique.urgent.unanswered], [0, 1, 0]);
  });
  it('the export holds no request ids, dates or names, and its order says nothing about registration order', () => {
    const rows = keyedRows([req('zz-id', 'kb', 'active'), req('aa-id', 'ka', 'active')], 2025);
    assert.deepEqual(rows.map((r) => Object.keys(r).sort()), [['k', 'm', 'o', 'u', 'v'], ['k', 'm', 'o', 'u', 'v']]);
    assert.deepEqual(rows.map((r) => r.k), ['ka', 'kb']);
  });
  it('refuses exports of different years', () => {
    assert.throws(() => combineKeyed([exp('a', []), { ...exp('b', []), year: 2024 }]), /different years/);
  });
  it('properties: unique ≤ raw sum; combining is independent of file order; one export combines to its own counts when keys are distinct', () => {
    const row = fc.record({ key: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'), status: fc.constantFrom<CountedRequest['status']>('active', 'placed', 'lapsed', 'registered'), urgent: fc.boolean(), vulnerable: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(row, { maxLength: 8 }), (ra, rb) => {
        const a = exp('a', keyedRows(ra.map((r, i) => req(`a${i}`, r.key, r.status, r)), 2025));
        const b = exp('b', keyedRows(rb.map((r, i) => req(`b${i}`, r.key, r.status, r)), 2025));
        const ab = combineKeyed([a, b]);
        assert.ok(ab.unique.registered <= ab.rawSum.registered);
        assert.equal(ab.rawSum.registered, a.rows.length + b.rows.length);
        assert.equal(ab.unique.registered, new Set([...a.rows, ...b.rows].map((r) => r.k)).size);
        assert.deepEqual(combineKeyed([b, a]).unique, ab.unique);
      }),
    );
  });
});
