// Checks on a new request: every mistake a family or desk can make is named next to its field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { checkBirth, checkRegistration, type RegistrationInput } from '../../src/domain/requests/registration.ts';

const TODAY = '2026-11-24';
const ctx: { today: string; maxLocations: number | null } = { today: TODAY, maxLocations: 3 };
const L = ['a', 'b', 'c', 'd'].map((x) => `00000000-0000-4000-8000-00000000000${x}`);

function input(over: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    applicant: { givenName: 'Sarah', familyName: 'Peeters', email: 'sarah@mail.example' },
    residence: { municipalityNis: '24062' },
    child: { familyName: 'Peeters', dueDate: '2027-03-10' },
    desiredStartDate: '2027-09-01',
    careDays: [{ weekday: 1, part: 'full' }],
    locationIds: [L[0] as string],
    consent: { processing: true },
    ...over,
  };
}

function fields(i: RegistrationInput, c = ctx) {
  return checkRegistration(i, c).problems.map((p) => `${p.field}:${p.code}`);
}

describe('checkRegistration', () => {
  it('accepts a complete request for an unborn child', () => {
    assert.deepEqual(fields(input()), []);
  });

  it('refuses a start date before the due date', () => {
    assert.deepEqual(fields(input({ desiredStartDate: '2027-03-01' })), ['desiredStartDate:start.before_birth']);
  });

  it('refuses a request without any weekday', () => {
    assert.deepEqual(fields(input({ careDays: [] })), ['careDays:care_days.required']);
  });

  it('refuses more locations than the desk allows, and allows any number without a cap', () => {
    const four = input({ locationIds: L });
    assert.deepEqual(fields(four), ['locationIds:locations.too_many']);
    assert.deepEqual(fields(four, { today: TODAY, maxLocations: null }), []);
  });

  it('refuses an invalid national number of the child and one that does not match the birth date', () => {
    const born = { familyName: 'Peeters', givenName: 'Lina', birthDate: '2026-05-02' };
    assert.deepEqual(fields(input({ child: { ...born, insz: '26050200199' } })), ['child.insz:insz.checksum']);
    assert.deepEqual(fields(input({ child: { ...born, insz: makeInsz('2026-05-03', 12) } })), ['child.insz:insz.birth_date_mismatch']);
    assert.deepEqual(fields(input({ child: { ...born, insz: makeInsz('2026-05-02', 12) } })), []);
  });

  it('takes the birth date from the national number when only the number is given', () => {
    const r = checkRegistration(input({ child: { familyName: 'P', insz: makeInsz('2026-05-02', 12) } }), ctx);
    assert.deepEqual(r.problems, []);
    assert.equal(r.checked.childBirthDate, '2026-05-02');
  });

  it('refuses a birth date in the future, a due date too far ahead, and both dates at once', () => {
    assert.deepEqual(fields(input({ child: { familyName: 'P', birthDate: '2026-12-01' } })), ['child.birthDate:date.future']);
    assert.deepEqual(fields(input({ child: { familyName: 'P', dueDate: '2027-12-01' }, desiredStartDate: '2028-01-01' })), ['child.dueDate:due_date.too_far']);
    assert.ok(fields(input({ child: { familyName: 'P', dueDate: '2027-03-10', birthDate: '2026-05-01' } })).includes('child.dueDate:child.born_and_unborn'));
  });

  it('needs a way to reach the family and their consent', () => {
    assert.deepEqual(fields(input({ applicant: { givenName: 'S', familyName: 'P' }, consent: { processing: false } })), ['applicant.email:contact.required', 'consent.processing:consent.required']);
  });

  it('refuses the same weekday twice and an end time before the start time', () => {
    assert.deepEqual(
      fields(input({ careDays: [{ weekday: 2, part: 'full' }, { weekday: 2, part: 'morning', from: '09:00', to: '08:00' }] })),
      ['careDays.1.weekday:weekday.twice', 'careDays.1.to:time.order'],
    );
  });

  it('never throws, whatever the dates and numbers (property)', () => {
    const date = fc.oneof(fc.string({ maxLength: 12 }), fc.date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    fc.assert(
      fc.property(date, fc.option(date, { nil: undefined }), fc.option(date, { nil: undefined }), fc.option(fc.string({ maxLength: 15 }), { nil: undefined }), fc.integer({ min: -3, max: 9 }), (start, due, birth, insz, weekday) => {
        const r = checkRegistration(input({ desiredStartDate: start, child: { familyName: 'X', dueDate: due, birthDate: birth, insz }, careDays: [{ weekday, part: 'full' }] }), ctx);
        for (const p of r.problems) assert.ok(p.nl && p.en && p.field && p.code);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkBirth (an unborn child is born)', () => {
  it('accepts a birth near the due date with a matching national number', () => {
    const r = checkBirth('2026-11-20', '2026-11-18', makeInsz('2026-11-18', 33), TODAY);
    assert.deepEqual(r.problems, []);
    assert.equal(r.insz?.birthDate, '2026-11-18');
  });
  it('refuses a birth far from the due date or a number for another day', () => {
    assert.equal(checkBirth('2026-11-20', '2026-05-01', undefined, TODAY).problems[0]?.code, 'birth.far_from_due');
    assert.equal(checkBirth('2026-11-20', '2026-11-18', makeInsz('2026-11-17', 33), TODAY).problems[0]?.code, 'insz.birth_date_mismatch');
  });
});
