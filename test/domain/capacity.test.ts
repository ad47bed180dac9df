// Capacity per weekday over time: open seats change on dates, placements hold half-days, the lowest point counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.ts';
import { defaultPlacementEnd, fits, freeSeats, halvesOf, monthlyOccupancy, type CapacityChange, type Occupation } from '../../src/domain/capacity/timeline.ts';

const all = (n: number) => [n, n, n, n, n];
const fullWeek = halvesOf([1, 2, 3, 4, 5].map((weekday) => ({ weekday, part: 'full' })));

describe('capacity timeline', () => {
  it('a morning child and an afternoon child share one seat', () => {
    const occ: Occupation[] = [
      { start: '2027-01-04', end: '2027-12-31', halves: halvesOf([{ weekday: 1, part: 'morning' }]) },
      { start: '2027-01-04', end: '2027-12-31', halves: halvesOf([{ weekday: 1, part: 'afternoon' }]) },
    ];
    const f = freeSeats('2027-02-01', '2027-02-28', [{ validFrom: '2026-01-01', openSeats: all(1) }], occ);
    assert.deepEqual(f.fullDay, [0, 1, 1, 1, 1]);
    assert.equal(fits(f, halvesOf([{ weekday: 1, part: 'morning' }])), false);
    assert.equal(fits(f, halvesOf([{ weekday: 2, part: 'full' }])), true);
  });

  it('a seat that frees up mid-range is not free for the whole range', () => {
    const occ: Occupation[] = [{ start: '2026-01-01', end: '2027-03-14', halves: fullWeek }];
    const changes: CapacityChange[] = [{ validFrom: '2026-01-01', openSeats: all(1) }];
    assert.deepEqual(freeSeats('2027-03-01', '2027-03-31', changes, occ).fullDay, all(0));
    assert.deepEqual(freeSeats('2027-03-15', '2027-03-31', changes, occ).fullDay, all(1));
  });

  it('a provider’s change of open seats counts from its date', () => {
    const changes: CapacityChange[] = [{ validFrom: '2026-01-01', openSeats: all(10) }, { validFrom: '2027-04-01', openSeats: [10, 10, 6, 10, 10] }];
    assert.deepEqual(freeSeats('2027-03-01', '2027-03-31', changes, []).fullDay, all(10));
    assert.deepEqual(freeSeats('2027-03-01', '2027-04-30', changes, []).fullDay, [10, 10, 6, 10, 10]);
  });

  it('free seats never exceed open seats, and adding a placement never adds free seats (property)', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-09-01', n));
    const occ = fc.record({ start: day, len: fc.integer({ min: 0, max: 300 }), days: fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }), part: fc.constantFrom('full', 'morning', 'afternoon') }).map((o): Occupation => ({ start: o.start, end: addDays(o.start, o.len), halves: halvesOf(o.days.map((weekday) => ({ weekday, part: o.part }))) }));
    fc.assert(
      fc.property(fc.array(occ, { maxLength: 12 }), occ, day, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 12 }), (list, extra, from, len, seats) => {
        const changes = [{ validFrom: '2026-01-01', openSeats: all(seats) }];
        const to = addDays(from, len);
        const before = freeSeats(from, to, changes, list);
        const after = freeSeats(from, to, changes, [...list, extra]);
        before.fullDay.forEach((f, d) => {
          assert.ok(f <= seats);
          assert.ok((after.fullDay[d] as number) <= f);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('ends a placement the day before kindergarten entry (2.5 years, first entry date or weekday after)', () => {
    assert.equal(defaultPlacementEnd('2025-03-10', ['2027-09-01', '2027-11-03']), '2027-11-02', 'turns 2.5 on 10 September: next entry date 3 November');
    assert.equal(defaultPlacementEnd('2025-01-15'), '2027-07-14', 'turns 2.5 on Thursday 15 July 2027');
    assert.equal(defaultPlacementEnd('2025-01-17'), '2027-07-18', 'turns 2.5 on Saturday 17 July: entry on Monday 19 July');
  });

  it('shows month by month what is open, used and free', () => {
    const occ: Occupation[] = [{ start: '2027-02-15', end: '2027-12-31', halves: halvesOf([{ weekday: 3, part: 'full' }]) }];
    const months = monthlyOccupancy('2027-01-10', 3, [{ validFrom: '2026-01-01', openSeats: all(2) }], occ);
    assert.deepEqual(months.map((m) => [m.month, m.used[2], m.free[2]]), [['2027-01', 0, 2], ['2027-02', 1, 1], ['2027-03', 1, 1]]);
  });
});
