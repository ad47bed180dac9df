// The rule-order check of an offer counts every candidate at the location, also families the provider cannot see.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerRequest } from '../../src/app/requests.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { flavours } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`an offer's rule order across tenants on ${flavour.name}`, () => {
    const s = apiSuite(flavour, { now: () => new Date('2026-11-24T09:00:00Z') });
    const req: Record<string, string> = {};
    const reg = async (key: string, registeredOn: string, locationIds: string[], acceptAnyLocation: boolean) => {
      const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, { ...unbornRequest(s.w, { registeredOn, applicant: { givenName: key, familyName: key, email: `${key}@order.example` }, child: { familyName: key, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [{ weekday: 1, part: 'full' }], locationIds }), acceptAnyLocation });
      req[key] = r.request!.id;
    };

    before(async () => {
      await s.call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
      // First in line at Eén Leuven without naming it: this family takes any location in its desk's area. Its only
      // named wish is another organiser's, so provider 1 cannot read its request (row security hides it).
      await reg('overal', '2026-01-05', [s.w.loc3], true);
      await reg('later', '2026-02-05', [s.w.loc1], false);
    });

    it('refuses to pass over that family without a deviation, and names no one', async () => {
      assert.equal((await s.call('GET', `/api/v1/requests/${req.overal}`, 'provider1')).statusCode, 404);
      const skip = await s.call('POST', '/api/v1/offers', 'provider1', { requestId: req.later, locationId: s.w.loc1, start: '2027-05-03' });
      assert.equal(skip.statusCode, 422, skip.body);
      assert.equal(skip.json().error.code, 'offer.outside_rule_order');
      assert.match(skip.json().error.nl, /^1 kandidaat/);
      assert.ok(!skip.body.includes('overal'), 'the family passed over stays unnamed');
      assert.equal(await s.t.ctx.db.selectFrom('offer').select('id').executeTakeFirst(), undefined, 'nothing stored');
    });
  });
}
