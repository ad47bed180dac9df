// Offers through the API: deadlines, the rule order, accepting (and keeping a higher wish), declining, expiry, idempotency.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { expireOffers } from '../../src/app/offers.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { flavours } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`offers on ${flavour.name}`, () => {
    let now = new Date('2026-11-24T09:00:00Z');
    const s = apiSuite(flavour, { now: () => now });
    const { call } = s;
    const req: Record<string, string> = {};
    const reg = async (key: string, registeredOn: string, locations: string[]) => {
      const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { registeredOn, applicant: { givenName: key, familyName: key, email: `${key}@offer.example` }, child: { familyName: key, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [1, 2].map((weekday) => ({ weekday, part: 'full' as const })), locationIds: locations }));
      req[key] = r.request!.id;
    };

    before(async () => {
      await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
      await call('PUT', `/api/v1/locations/${s.w.loc2}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] });
      await reg('eerst', '2026-01-05', [s.w.loc1]);
      await reg('tweede', '2026-02-05', [s.w.loc1, s.w.loc2]);
      await reg('derde', '2026-03-05', [s.w.loc1, s.w.loc2]);
      await reg('vierde', '2026-04-05', [s.w.loc1, s.w.loc2]);
    });

    let firstOffer = '';
    it('a provider offers a place with a 10-day deadline; the request shows it and the family gets a notice', async () => {
      const r = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.eerst, locationId: s.w.loc1, start: '2027-05-03' });
      assert.equal(r.statusCode, 201, r.body);
      firstOffer = r.json().id;
      assert.equal(r.json().deadline, '2026-12-04T22:59:59.999Z');
      assert.equal(r.json().end, '2029-06-14', 'until the day before kindergarten entry');
      assert.equal((await call('GET', `/api/v1/requests/${req.eerst}`, 'deskA')).json().status, 'offered');
      const notice = await s.t.ctx.db.selectFrom('outbox').select(['topic', 'payload']).where('topic', '=', 'offer.made').execute();
      assert.equal(notice.length, 1);
      assert.equal((await call('POST', '/api/v1/offers', 'provider1', { requestId: req.eerst, locationId: s.w.loc1, start: '2027-05-03' })).json().error.code, 'offer.exists');
      assert.equal((await call('POST', '/api/v1/offers', 'provider2', { requestId: req.eerst, locationId: s.w.loc1, start: '2027-05-03' })).statusCode, 404);
    });

    it('refuses to pass over a higher-ranked candidate without a recorded deviation', async () => {
      const skip = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.derde, locationId: s.w.loc1, start: '2027-05-03' });
      assert.equal(skip.statusCode, 422);
      assert.equal(skip.json().error.code, 'offer.outside_rule_order');
      assert.match(skip.json().error.nl, /^1 kandidaat/);
    });

    it('holds seats for open offers: no third offer on a day with two seats', async () => {
      assert.equal((await call('POST', '/api/v1/offers', 'provider1', { requestId: req.tweede, locationId: s.w.loc1, start: '2027-05-03' })).statusCode, 201);
      const full = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.derde, locationId: s.w.loc1, start: '2027-05-03' });
      assert.equal(full.statusCode, 409);
      assert.equal(full.json().error.code, 'offer.no_capacity');
      assert.match(full.json().error.nl, /maandag/);
    });

    it('accepting creates the placement once, even when the click is retried with the same key', async () => {
      const headers = { 'idempotency-key': 'accept-eerst-1' };
      const a = await call('POST', `/api/v1/offers/${firstOffer}/answer`, 'deskA', { answer: 'accept' }, headers);
      const b = await call('POST', `/api/v1/offers/${firstOffer}/answer`, 'deskA', { answer: 'accept' }, headers);
      assert.equal(a.statusCode, 200, a.body);
      assert.deepEqual(b.json(), a.json());
      const placements = await s.t.ctx.db.selectFrom('placement').select('id').where('request_id', '=', req.eerst!).execute();
      assert.equal(placements.length, 1);
      assert.equal((await call('GET', `/api/v1/requests/${req.eerst}`, 'deskA')).json().status, 'placed');
      const again = await call('POST', `/api/v1/offers/${firstOffer}/answer`, 'deskA', { answer: 'accept' });
      assert.equal(again.json().error.code, 'offer.not_open');
    });

    it('accept and keep waiting: the place is taken, only higher wishes stay, and their open offers too', async () => {
      // 'tweede' has an open offer at its first wish (loc1) and now gets one at its second (loc2).
      const atLoc2 = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.tweede, locationId: s.w.loc2, start: '2027-05-03' });
      assert.equal(atLoc2.statusCode, 201, atLoc2.body);
      const r = await call('POST', `/api/v1/offers/${atLoc2.json().id}/answer`, 'deskA', { answer: 'accept_keep_waiting' });
      assert.equal(r.json().status, 'accepted_keep_waiting', r.body);
      const view = (await call('GET', `/api/v1/requests/${req.tweede}`, 'deskA')).json();
      assert.equal(view.status, 'offered', 'the offer at the higher wish is still open');
      assert.deepEqual(view.locations.map((l: { id: string }) => l.id), [s.w.loc1], 'only the higher wish stays');
    });

    it('a desk coordinator sets the time to answer between 8 and 14 days', async () => {
      assert.equal((await call('PUT', `/api/v1/desks/${s.w.deskA}/settings`, 'coordA', { offerDeadlineDays: 15 })).json().error.code, 'too_large');
      assert.equal((await call('PUT', `/api/v1/desks/${s.w.deskA}/settings`, 'deskA', { offerDeadlineDays: 8 })).statusCode, 403);
      assert.equal((await call('PUT', `/api/v1/desks/${s.w.deskB}/settings`, 'coordA', { offerDeadlineDays: 8 })).statusCode, 404);
      assert.equal((await call('PUT', `/api/v1/desks/${s.w.deskA}/settings`, 'coordA', { offerDeadlineDays: 8 })).json().offerDeadlineDays, 8);
      const o = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.derde, locationId: s.w.loc2, start: '2027-05-03' });
      assert.equal(o.json().deadline, '2026-12-02T22:59:59.999Z', '8 days');
      await call('PUT', `/api/v1/desks/${s.w.deskA}/settings`, 'coordA', { offerDeadlineDays: 10 });
      assert.equal((await call('POST', `/api/v1/offers/${o.json().id}/answer`, 'deskA', { answer: 'decline' })).statusCode, 200);
    });

    it('declining returns the request to the queue, and the next candidate may then be offered the place', async () => {
      assert.equal((await call('GET', `/api/v1/requests/${req.derde}`, 'deskA')).json().status, 'active', 'declined in the previous step');
      const offers = (await call('GET', `/api/v1/requests/${req.derde}/offers`, 'deskA')).json();
      assert.deepEqual(offers.map((x: { status: string }) => x.status), ['declined']);
    });

    it('an offer without an answer lapses after its deadline; answering late is refused', async () => {
      const made = await call('POST', '/api/v1/offers', 'provider1', { requestId: req.vierde, locationId: s.w.loc2, start: '2027-05-03' });
      assert.equal(made.statusCode, 201, made.body);
      const o = made.json();
      now = new Date('2026-12-04T22:59:59.000Z');
      assert.equal(await expireOffers(s.t.ctx), 0, 'still on time until the end of the last day');
      now = new Date('2026-12-04T23:00:00.000Z');
      assert.equal((await call('POST', `/api/v1/offers/${o.id}/answer`, 'deskA', { answer: 'accept' })).json().error.code, 'offer.expired');
      assert.equal(await expireOffers(s.t.ctx), 2, 'this one and the open offer for the second family');
      assert.equal(await expireOffers(s.t.ctx), 0, 'each offer lapses once');
      const offers = (await call('GET', `/api/v1/requests/${req.vierde}/offers`, 'deskA')).json();
      assert.deepEqual(offers.map((x: { status: string }) => x.status), ['expired']);
      assert.equal((await call('GET', `/api/v1/requests/${req.vierde}`, 'deskA')).json().status, 'active');
      now = new Date('2026-11-24T09:00:00Z');
    });
  });
}
