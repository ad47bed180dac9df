// Offer deadlines in Brussels time, summer and winter, and which answers an offer still takes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { brusselsDate } from '../../src/domain/dates.ts';
import { checkAnswer, endOfDayBrussels, offerDeadline } from '../../src/domain/offers/offer.ts';

describe('offer deadlines', () => {
  it('end at 23:59:59.999 Brussels time, in winter (UTC+1) and summer (UTC+2)', () => {
    assert.equal(endOfDayBrussels('2027-01-15').toISOString(), '2027-01-15T22:59:59.999Z');
    assert.equal(endOfDayBrussels('2027-07-15').toISOString(), '2027-07-15T21:59:59.999Z');
    assert.equal(endOfDayBrussels('2027-03-28').toISOString(), '2027-03-28T21:59:59.999Z', 'the day clocks go forward');
  });
  it('default to 10 days, counted from the Brussels date: 24 November runs to the end of 4 December', () => {
    assert.equal(offerDeadline(new Date('2026-11-24T23:30:00Z')).toISOString(), '2026-12-05T22:59:59.999Z', '23:30 UTC is 00:30 on 25 November in Brussels');
    assert.equal(offerDeadline(new Date('2026-11-24T09:00:00Z')).toISOString(), '2026-12-04T22:59:59.999Z');
  });
  it('always end on the last instant of a Brussels day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 8, max: 14 }), (now, days) => {
        const d = offerDeadline(now, days);
        assert.notEqual(brusselsDate(d), brusselsDate(new Date(d.getTime() + 1)));
        assert.ok(d.getTime() > now.getTime());
      }),
    );
  });
  it('takes an answer only while open and before the deadline', () => {
    const deadline = new Date('2026-12-04T22:59:59.999Z');
    assert.doesNotThrow(() => checkAnswer('open', deadline, new Date('2026-12-04T22:59:59.999Z')));
    assert.throws(() => checkAnswer('open', deadline, new Date('2026-12-04T23:00:00Z')), /offer.expired|has passed/);
    assert.throws(() => checkAnswer('declined', deadline, new Date('2026-12-01T00:00:00Z')), /no longer answer/);
  });
});
