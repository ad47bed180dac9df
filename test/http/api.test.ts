// The JSON API as a client sees it: status codes, error shape in Dutch and English, authentication and scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildServer, type App } from '../../src/http/server.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { makeKbo } from '../../src/domain/identity/kbo.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { caller } from '../support/http.ts';
import { flavours, type TestDb } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`JSON API on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const call = caller(() => app, () => w);

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('serves the OpenAPI document with every route under /api/v1', async () => {
      const r = await app.inject('/api/docs/json');
      assert.equal(r.statusCode, 200);
      const doc = r.json();
      assert.ok(doc.paths['/api/v1/requests'].post.requestBody);
      assert.ok(doc.paths['/api/v1/duplicates/{id}/merge']);
      assert.equal((await app.inject('/api/docs/')).statusCode, 200);
    });

    it('registers (201), then answers a repeat with the existing request (200)', async () => {
      const body = unbornRequest(w);
      const first = await call('POST', '/api/v1/requests', 'deskA', body);
      assert.equal(first.statusCode, 201, first.body);
      const second = await call('POST', '/api/v1/requests', 'deskA', body);
      assert.equal(second.statusCode, 200);
      assert.equal(second.json().request.id, first.json().request.id);
      assert.equal(second.json().created, false);
    });

    it('names every wrong field with a code and a Dutch and English message', async () => {
      const r = await call('POST', '/api/v1/requests', 'deskA', { ...unbornRequest(w), desiredStartDate: '2027-02-30', careDays: [{ weekday: 6, part: 'full' }], extra: 1 });
      assert.equal(r.statusCode, 400);
      const e = r.json().error;
      assert.equal(e.code, 'validation');
      const byField = Object.fromEntries(e.details.map((d: { field: string; code: string }) => [d.field, d.code]));
      assert.deepEqual(byField, { desiredStartDate: 'date.format', 'careDays.0.weekday': 'too_large', extra: 'unknown_field' });
      for (const d of e.details) assert.ok(d.nl.length > 5 && d.en.length > 5);
    });

    it('puts domain problems next to their field too', async () => {
      const r = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { child: { familyName: 'P', birthDate: '2026-05-01', insz: makeInsz('2026-05-02', 7) } }));
      assert.equal(r.statusCode, 400);
      assert.deepEqual([r.json().error.field, r.json().error.code], ['child.insz', 'insz.birth_date_mismatch']);
    });

    it('answers bad JSON, unknown routes, bad ids and missing rows with clear 4xx', async () => {
      const bad = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${w.tokens.deskA}`, 'content-type': 'application/json' }, payload: '{"child":' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'FST_ERR_CTP_INVALID_JSON_BODY');
      assert.equal((await call('GET', '/api/v1/nothing-here')).statusCode, 404);
      const badId = await call('GET', '/api/v1/requests/not-a-uuid', 'deskA');
      assert.equal(badId.statusCode, 400);
      assert.equal(badId.json().error.field, 'params.id');
      assert.equal((await call('GET', '/api/v1/requests/00000000-0000-4000-8000-000000000000', 'deskA')).statusCode, 404);
    });

    it('asks for a login (401) and refuses a role without the right (403) before looking at the body', async () => {
      assert.equal((await call('POST', '/api/v1/requests', undefined, {})).statusCode, 401);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/requests', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
      const r = await call('POST', '/api/v1/requests', 'analyst', {});
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().error.code, 'auth.forbidden');
    });

    it('keeps providers to their own organiser', async () => {
      const created = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: 'Z', familyName: 'Yilmaz', email: 'z@mail.example' }, child: { familyName: 'Yilmaz', dueDate: '2027-05-05' }, locationIds: [w.loc1] }));
      const id = created.json().request.id;
      assert.equal((await call('GET', `/api/v1/requests/${id}`, 'provider1')).statusCode, 200);
      assert.equal((await call('GET', `/api/v1/requests/${id}`, 'provider2')).statusCode, 404);
      const loc = await call('POST', '/api/v1/locations', 'provider2', { organiserId: w.organiser1, name: 'X', street: 'Y 1', postalCode: '3000', municipalityNis: '24062', type: 'group', subsidyStep: 'T1', licensedCapacity: 10 });
      assert.equal(loc.statusCode, 403);
    });

    it('validates organisers and locations: KBO check digits, family care at most 8 places, unique KBO', async () => {
      assert.equal((await call('POST', '/api/v1/organisers', 'admin', { kbo: '0123.456.789', name: 'X' })).json().error.code, 'kbo.invalid');
      const kbo = makeKbo(5_555_555);
      assert.equal((await call('POST', '/api/v1/organisers', 'admin', { kbo, name: 'Nieuw' })).statusCode, 201);
      const dup = await call('POST', '/api/v1/organisers', 'admin', { kbo, name: 'Nog eens' });
      assert.equal(dup.statusCode, 409);
      const fam = await call('POST', '/api/v1/locations', 'admin', { organiserId: w.organiser1, name: 'Onthaalouder', street: 'Y 1', postalCode: '3000', municipalityNis: '24062', type: 'family', subsidyStep: 'T2', licensedCapacity: 9 });
      assert.equal(fam.json().error.code, 'capacity.family_max');
      const ok = await call('POST', '/api/v1/locations', 'provider1', { organiserId: w.organiser1, name: 'Onthaalouder', street: 'Y 1', postalCode: '3000', municipalityNis: '24062', type: 'family', subsidyStep: 'T2', licensedCapacity: 8, opgroeienId: '123456' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().incomeTariff, true);
      const list = await call('GET', '/api/v1/locations?municipalityNis=24062&type=family');
      assert.deepEqual(list.json().map((l: { name: string }) => l.name), ['Onthaalouder']);
    });

    it('refuses to start when a route declares no permission action', async () => {
      await assert.rejects(
        buildServer(t.ctx, { extend: (a) => a.get('/api/v1/stray', async () => 'x') }),
        /GET \/api\/v1\/stray declares no permission action/,
      );
    });
  });
}
