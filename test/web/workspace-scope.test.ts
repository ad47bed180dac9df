// A provider works only with its own organiser's locations, candidates and families: another organiser's location,
// candidate list or family answers 404 (or 403 for a role that may never) in the workspace and in the API alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { staffActor } from '../../src/app/accounts.ts';
import { setCapacity } from '../../src/app/capacity.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed.ts';
import type { App } from '../../src/http/server.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

for (const flavour of flavours()) {
  describe(`a provider cannot reach another organiser's data on ${flavour.name}`, () => {
    let t: TestDb;
    let app: App;
    let tom: Visitor;
    let foreignLocation: string;
    let foreignRequest: string;
    let foreignChild: string;
    before(async () => {
      ({ t, app } = await openDemoSite(flavour));
      const loc = await t.ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
      foreignLocation = loc.id;
      const sara = await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', 'sara@nabij.example').executeTakeFirstOrThrow();
      const ilse = await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', 'ilse@nabij.example').executeTakeFirstOrThrow();
      await setCapacity(t.ctx, (await staffActor(t.ctx.db, ilse.id))!, loc.id, { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] });
      const r = await registerRequest(t.ctx, (await staffActor(t.ctx.db, sara.id, 'api'))!, {
        applicant: { givenName: 'Eva', familyName: 'Smets', email: 'eva.smets@voorbeeld.be' },
        residence: { municipalityNis: '24062' },
        child: { familyName: 'Smets', dueDate: '2027-02-01' },
        desiredStartDate: '2027-09-01', flexibilityWeeks: 0, careDays: [{ weekday: 1, part: 'full' }], locationIds: [loc.id], urgent: false, consent: { processing: true },
      });
      foreignRequest = r.request!.id;
      foreignChild = (await t.ctx.db.selectFrom('request').select('child_id').where('id', '=', foreignRequest).executeTakeFirstOrThrow()).child_id;
      // Tom works for the city's childcare (organiser 2), not for Zonnetje.
      tom = new Visitor(app);
      await tom.get('/werkplek/aanmelden');
      assert.equal((await tom.post('/werkplek/aanmelden', { email: 'tom@nabij.example', password: DEMO_STAFF_PASSWORD })).statusCode, 303);
    });
    after(() => closeDemoSite(t, app));

    it('the workspace answers 404 for the location, its candidates and an offer there, and changes nothing', async () => {
      const before = await rowCounts(t.ctx);
      assert.equal((await tom.get(`/werkplek/opvang/locaties/${foreignLocation}`)).statusCode, 404);
      assert.equal((await tom.get(`/werkplek/opvang/locaties/${foreignLocation}/kandidaten?start=2027-09-01`)).statusCode, 404);
      const offer = await tom.post(`/werkplek/opvang/locaties/${foreignLocation}/aanbod`, { requestId: foreignRequest, start: '2027-09-01' });
      assert.equal(offer.statusCode, 404);
      const capacity = await tom.post(`/werkplek/opvang/locaties/${foreignLocation}/capaciteit`, { validFrom: '2027-02-01', seats1: '9', seats2: '9', seats3: '9', seats4: '9', seats5: '9' });
      assert.equal(capacity.statusCode, 404);
      assert.equal((await tom.get(`/werkplek/export/kandidaten/${foreignLocation}.csv?start=2027-09-01`)).statusCode, 404);
      assert.doesNotMatch((await tom.get('/werkplek/export/aanvragen.csv')).body, /Smets|NB-2026/);
      const list = await tom.get('/werkplek/opvang/locaties');
      assert.doesNotMatch(list.body, /Zonnetje/);
      const inbox = await tom.get('/werkplek/opvang/aanvragen');
      assert.doesNotMatch(inbox.body, /Smets|NB-2026/);
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('desk pages are closed to a provider (403), so no family data shows', async () => {
      for (const path of ['/werkplek/loket/contacten', '/werkplek/loket/dubbels', '/werkplek/loket/opvolging']) {
        const res = await tom.get(path);
        assert.equal(res.statusCode, 403, path);
        assert.doesNotMatch(res.body, /Smets/);
      }
    });

    it('the API refuses the same through the provider’s own token', async () => {
      const auth = { authorization: 'Bearer demo-provider-2' };
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/locations/${foreignLocation}/candidates?start=2027-09-01`, headers: auth })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/requests/${foreignRequest}`, headers: auth })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/children/${foreignChild}`, headers: auth })).statusCode, 403);
      const offer = await app.inject({ method: 'POST', url: '/api/v1/offers', headers: auth, payload: { requestId: foreignRequest, locationId: foreignLocation, start: '2027-09-01' } });
      assert.equal(offer.statusCode, 404);
      // Zonnetje's own staff does reach it: the refusals above are about the organiser, not a broken page.
      assert.equal((await app.inject({ method: 'GET', url: `/api/v1/locations/${foreignLocation}/candidates?start=2027-09-01`, headers: { authorization: 'Bearer demo-provider-1' } })).statusCode, 200);
    });
  });
}
