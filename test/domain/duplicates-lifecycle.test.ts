// Possible-duplicate rules and the request state machine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import { compareChildren, type ChildIdentity } from '../../src/domain/identity/duplicates.ts';
import { emailKey, nameKey, phoneKey } from '../../src/domain/identity/names.ts';
import { checkTransition, OPEN_STATUSES, REQUEST_STATUSES, REQUEST_TRANSITIONS, type RequestStatus } from '../../src/domain/requests/lifecycle.ts';
import { UserError } from '../../src/domain/errors.ts';

function child(over: Partial<ChildIdentity>): ChildIdentity {
  return { id: 'a', insz: null, givenNameKey: null, familyNameKey: 'peeters', birthDate: null, dueDate: '2027-03-10', contactKeys: [], guardianNameKeys: ['peeters'], ...over };
}

describe('name and contact keys', () => {
  it('match spelling variants', () => {
    assert.equal(nameKey('Van den Broeck-Özdemir'), nameKey('vandenbroeck ozdemir'));
    assert.equal(emailKey(' Sarah@Mail.Example '), 'sarah@mail.example');
    assert.equal(phoneKey('0470 12 34 56'), phoneKey('+32 470 123456'));
    assert.equal(phoneKey('0032470123456'), '32470123456');
  });
});

describe('compareChildren', () => {
  it('flags an unborn child registered by both parents with due dates 9 days apart', () => {
    const v = compareChildren(child({ id: 'a' }), child({ id: 'b', dueDate: '2027-03-19' }));
    assert.equal(v.possible, true);
    assert.deepEqual(v.reasons, ['due_date_close', 'same_family_name']);
  });

  it('flags a born child against an earlier unborn registration through a shared phone number', () => {
    const v = compareChildren(child({ id: 'a', contactKeys: ['32470123456'], familyNameKey: 'diallo', guardianNameKeys: ['diallo'] }), child({ id: 'b', dueDate: null, birthDate: '2027-03-01', contactKeys: ['32470123456'] }));
    assert.deepEqual(v.reasons, ['birth_near_due_date', 'shared_contact']);
    assert.equal(v.possible, true);
  });

  it('never flags two different national numbers, or due dates more than 30 days apart', () => {
    assert.equal(compareChildren(child({ id: 'a', insz: '1' }), child({ id: 'b', insz: '2' })).possible, false);
    assert.equal(compareChildren(child({ id: 'a' }), child({ id: 'b', dueDate: '2027-04-10' })).possible, false);
  });

  it('is symmetric, and needs a date match plus another signal (property)', () => {
    const arb = fc.record({
      id: fc.uuid(),
      insz: fc.option(fc.constantFrom('11', '22'), { nil: null }),
      givenNameKey: fc.option(fc.constantFrom('lina', 'noah'), { nil: null }),
      familyNameKey: fc.constantFrom('peeters', 'maes'),
      birthDate: fc.option(fc.integer({ min: 0, max: 90 }).map((d) => addDays('2027-01-01', d)), { nil: null }),
      dueDate: fc.integer({ min: 0, max: 90 }).map((d) => addDays('2027-01-01', d)),
      contactKeys: fc.subarray(['x', 'y']),
      guardianNameKeys: fc.subarray(['peeters', 'maes']),
    });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const ab = compareChildren(a, b);
        const ba = compareChildren(b, a);
        assert.equal(ab.possible, ba.possible);
        assert.deepEqual(new Set(ab.reasons), new Set(ba.reasons));
        if (ab.possible) assert.ok(ab.reasons.length >= 2 && ['same_birth_date', 'due_date_close', 'birth_near_due_date'].includes(ab.reasons[0] as string));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('request lifecycle', () => {
  const status = fc.constantFrom(...REQUEST_STATUSES);

  it('only allows listed transitions, and only the offer workflow reaches offered and placed', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const listed = REQUEST_TRANSITIONS.find((t) => t.from === from && t.to === to);
        let error: UserError | null = null;
        try {
          checkTransition(from, to, 'reden');
        } catch (e) {
          error = e as UserError;
        }
        if (!listed) assert.equal(error?.code, 'request.transition_not_allowed');
        else if (!listed.manual) assert.equal(error?.code, 'request.transition_needs_offer');
        else assert.equal(error, null);
      }),
    );
  });

  it('closed requests never reopen: no transition leaves placed, withdrawn, lapsed or found elsewhere', () => {
    for (const t of REQUEST_TRANSITIONS) assert.ok(OPEN_STATUSES.includes(t.from), `${t.from} → ${t.to}`);
  });

  it('asks a reason for a lapse', () => {
    assert.throws(() => checkTransition('active' as RequestStatus, 'lapsed', ' '), (e: UserError) => e.code === 'request.reason_required' && e.field === 'reason');
  });
});
