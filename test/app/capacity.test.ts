// Capacity over time through the API: what a provider states, what stays free, and the what-if view for one child.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerRequest } from '../../src/app/requests.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { flavours } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`capacity on ${flavour.name}`, () => {
    const s = apiSuite(flavour);
    const { call } = s;

    it('without a statement, the licensed capacity counts and the answer says so', async () => {
      const r = await call('GET', `/api/v1/locations/${s.w.loc1}/free-seats?from=2027-01-04&to=2027-01-29`, 'provider1');
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().stated, false);
      assert.deepEqual(r.json().free.fullDay, [20, 20, 20, 20, 20]);
    });

    it('a provider states open seats per weekday from a date; more than the licence or a closed day is refused', async () => {
      const ok = await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [3, 3, 2, 3, 3] });
      assert.equal(ok.statusCode, 200, ok.body);
      const later = await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-04-01', openSeats: [3, 3, 1, 3, 3], note: 'Een begeleider minder op woensdag' });
      assert.deepEqual(later.json().changes.map((c: { validFrom: string }) => c.validFrom), ['2027-01-01', '2027-04-01']);
      const tooMany = await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [21, 3, 3, 3, 3] });
      assert.equal(tooMany.json().error.code, 'capacity.above_licence');
      assert.equal((await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider2', { validFrom: '2027-01-01', openSeats: [1, 1, 1, 1, 1] })).statusCode, 404);
    });

    it('free seats take placements and changes over the whole period into account', async () => {
      const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { child: { familyName: 'Plaats', dueDate: '2027-01-10' }, applicant: { givenName: 'P', familyName: 'Plaats', email: 'p@cap.example' } }));
      await s.t.ctx.db.insertInto('placement').values({ child_id: r.request!.child.id, location_id: s.w.loc1, request_id: r.request!.id, start_date: '2027-02-01', end_date: '2029-07-09', care_days: JSON.stringify([{ weekday: 1, part: 'full' }, { weekday: 3, part: 'morning' }]) }).execute();
      const jan = (await call('GET', `/api/v1/locations/${s.w.loc1}/free-seats?from=2027-01-04&to=2027-01-29`, 'deskA')).json();
      assert.deepEqual(jan.free.fullDay, [3, 3, 2, 3, 3]);
      const spring = (await call('GET', `/api/v1/locations/${s.w.loc1}/free-seats?from=2027-03-01&to=2027-04-30`, 'deskA')).json();
      assert.deepEqual(spring.free.fullDay, [2, 3, 0, 3, 3], 'Wednesday: one seat from April, its morning taken');
      assert.deepEqual(spring.free.halves[2], [0, 1], 'a Wednesday afternoon is still free');
      const bad = await call('GET', `/api/v1/locations/${s.w.loc1}/free-seats?from=2027-04-30&to=2027-03-01`, 'deskA');
      assert.equal(bad.json().error.code, 'date.order');
    });

    it('shows month-by-month occupancy and a what-if with and without one child', async () => {
      const occ = (await call('GET', `/api/v1/locations/${s.w.loc1}/occupancy?months=12`, 'provider1')).json();
      assert.equal(occ.months.length, 12);
      assert.equal(occ.months[0].month, '2026-11');
      const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { child: { familyName: 'Misschien', dueDate: '2026-12-20' }, applicant: { givenName: 'M', familyName: 'Misschien', email: 'm@cap.example' }, careDays: [{ weekday: 3, part: 'full' }] }));
      const wi = (await call('GET', `/api/v1/locations/${s.w.loc1}/what-if?requestId=${r.request!.id}&start=2027-03-01`, 'provider1')).json();
      assert.equal(wi.placementEnd, '2029-06-19', 'the day before the first weekday after turning 2.5');
      assert.equal(wi.fitsFor3Months, false, 'Wednesday is full from April');
      const march = wi.threeMonths;
      assert.equal(march.with.length, 3);
      assert.equal(march.with[0].used[2] - march.without[0].used[2], 1, 'the child takes one Wednesday seat');
    });
  });
}
