// Feed events from the use cases: declined, expired and closed requests reach the organisers concerned, and a
// refused change writes no event.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { setCapacity } from '../../src/app/capacity.ts';
import { readFeed } from '../../src/app/integration/events.ts';
import { answerOffer, expireOffers, makeOffer } from '../../src/app/offers.ts';
import { changeRequest } from '../../src/app/portal/family.ts';
import { registerRequest, transitionRequest } from '../../src/app/requests.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

for (const flavour of flavours()) {
  describe(`feed events from the use cases on ${flavour.name}`, () => {
    let now = new Date('2026-11-24T09:00:00Z');
    let t: TestDb;
    let w: World;
    const types = async (who: 'provider1' | 'provider2', after = 0) => (await readFeed(t.ctx, w.actors[who]!, { after, limit: 1000 })).events.map((e) => `${e.type.replace('be.nabij.', '')} ${e.subject}`);
    const reg = async (key: string, locations: string[]) =>
      (await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-01-01', applicant: { givenName: key, familyName: key, email: `${key}@ev.example` }, child: { familyName: key, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [{ weekday: 1, part: 'full' }], locationIds: locations }))).request!.id;

    before(async () => {
      t = await flavour.open({ now: () => now });
      w = await buildWorld(t.ctx);
      await setCapacity(t.ctx, w.actors.provider1!, w.loc2, { validFrom: '2027-01-01', openSeats: [5, 5, 5, 5, 5] });
    });

    it('a declined and an expired offer, and a request closed by the desk, each give one event to the organiser', async () => {
      const a = await reg('dora', [w.loc2]);
      const b = await reg('emil', [w.loc2]);
      const c = await reg('fien', [w.loc2, w.loc3]);
      const oa = await makeOffer(t.ctx, w.actors.provider1!, { requestId: a, locationId: w.loc2, start: '2027-05-03' });
      await answerOffer(t.ctx, w.actors.deskA!, oa.id, 'decline');
      const ob = await makeOffer(t.ctx, w.actors.provider1!, { requestId: b, locationId: w.loc2, start: '2027-05-03' });
      now = new Date('2026-12-20T09:00:00Z');
      assert.equal(await expireOffers(t.ctx), 1);
      await transitionRequest(t.ctx, w.actors.deskA!, c, { to: 'found_elsewhere' });
      assert.deepEqual(await types('provider1'), [
        `request.registered ${a}`, `request.registered ${b}`, `request.registered ${c}`,
        `offer.made ${oa.id}`, `offer.declined ${oa.id}`, `offer.made ${ob.id}`, `offer.expired ${ob.id}`, `request.closed ${c}`,
      ]);
      assert.deepEqual(await types('provider2'), [`request.registered ${c}`, `request.closed ${c}`], 'organiser 2 only hears about the request listing its location');
    });

    it('a changed request tells every organiser it concerned, also one whose locations were all taken off', async () => {
      const d = await reg('gust', [w.loc1, w.loc3]);
      const feed = async (who: 'provider1' | 'provider2') => (await readFeed(t.ctx, w.actors[who]!, { after: 0, limit: 1000 })).events.filter((e) => e.subject === d && e.type.endsWith('request.changed')).map((e) => e.data as { locations: Array<{ id: string }>; removedLocations?: string[] });
      await changeRequest(t.ctx, w.actors.deskA!, d, { locationIds: [w.loc1] });
      const [gone] = await feed('provider2');
      assert.deepEqual(gone?.locations, []);
      assert.deepEqual(gone?.removedLocations, [w.loc3]);
      const [kept] = await feed('provider1');
      assert.deepEqual(kept?.locations.map((l) => l.id), [w.loc1]);
      assert.equal(kept?.removedLocations, undefined);
      // Swapping one own location for another: the organiser sees both the new list and what left it.
      await changeRequest(t.ctx, w.actors.deskA!, d, { locationIds: [w.loc2] });
      const swapped = (await feed('provider1'))[1];
      assert.deepEqual(swapped?.locations.map((l) => l.id), [w.loc2]);
      assert.deepEqual(swapped?.removedLocations, [w.loc1]);
      assert.equal((await feed('provider2')).length, 1, 'organiser 2 heard once, when its location left; not again');
    });

    it('a refused change writes no event', async () => {
      const before = await t.ctx.db.selectFrom('event').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(() => transitionRequest(t.ctx, w.actors.deskA!, '00000000-0000-0000-0000-000000000001', { to: 'withdrawn' }));
      const req = (await t.ctx.db.selectFrom('request').select('id').where('status', '=', 'found_elsewhere').executeTakeFirstOrThrow()).id;
      await assert.rejects(() => transitionRequest(t.ctx, w.actors.deskA!, req, { to: 'withdrawn' }));
      const afterCount = await t.ctx.db.selectFrom('event').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });
  });
}
