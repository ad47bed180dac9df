// The portal's forms refuse bad input with a message next to the field, keep what was typed, and store nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildServer, type App } from '../../src/http/server.ts';
import { DEMO_PARENT, seedDemo } from '../../src/demo/seed.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { Visitor } from '../support/visitor.ts';

/** A browser in miniature: keeps the session cookie and the form's CSRF token. */
for (const flavour of flavours()) {
  describe(`portal forms on ${flavour.name}`, () => {
    let t: TestDb;
    let app: App;
    let v: Visitor;
    before(async () => {
      t = await flavour.open();
      await seedDemo(t.ctx, 0);
      app = await buildServer(t.ctx);
      v = new Visitor(app);
      await v.get('/portaal/aanmelden');
      const login = await v.post('/portaal/aanmelden', { email: DEMO_PARENT.email, password: DEMO_PARENT.password });
      assert.equal(login.statusCode, 303);
      await v.get('/portaal/inschrijven/kind');
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('a form without the session’s CSRF token is refused', async () => {
      const res = await app.inject({ method: 'POST', url: '/portaal/inschrijven/kind', headers: { cookie: v.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'born=no&childFamilyName=X&dueDate=2027-03-01' });
      assert.equal(res.statusCode, 403);
    });

    it('an invalid national number is shown next to its field, with the typed values kept', async () => {
      const before = await rowCounts(t.ctx);
      const res = await v.post('/portaal/inschrijven/kind', { born: 'yes', childGivenName: 'Lena', childFamilyName: 'Peeters', birthDate: '2026-06-01', insz: '26.06.01-123.45' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="f-insz-error"[^>]*>[^<]*<span class="visually-hidden">!<\/span> Dit rijksregisternummer/);
      assert.match(res.body, /id="f-insz"[^>]*value="26.06.01-123.45"/);
      assert.match(res.body, /aria-invalid="true"/);
      assert.match(res.body, /value="Lena"/);
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('a start date before the due date, and no day chosen, are refused on the care step', async () => {
      assert.equal((await v.post('/portaal/inschrijven/kind', { born: 'no', childFamilyName: 'Peeters', dueDate: '2027-03-10', birthOrder: '1' })).statusCode, 303);
      assert.equal((await v.post('/portaal/inschrijven/gezin', { givenName: 'An', familyName: 'Peeters', municipalityNis: '24062' })).statusCode, 303);
      const before = await rowCounts(t.ctx);
      const early = await v.post('/portaal/inschrijven/opvang', { desiredStartDate: '2027-02-01', flexibilityWeeks: '0', day1: 'full' });
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /id="f-desiredStartDate-error"[^>]*>.*vóór de \(verwachte\) geboortedatum/);
      assert.match(early.body, /id="f-desiredStartDate"[^>]*value="2027-02-01"/);
      const noDay = await v.post('/portaal/inschrijven/opvang', { desiredStartDate: '2027-09-01', flexibilityWeeks: '0' });
      assert.equal(noDay.statusCode, 400);
      assert.match(noDay.body, /id="f-days-error"[^>]*>Kies minstens één dag/);
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('more locations than the desk allows are refused, and nothing is stored', async () => {
      assert.equal((await v.post('/portaal/inschrijven/opvang', { desiredStartDate: '2027-09-01', flexibilityWeeks: '0', day1: 'full', day2: 'full' })).statusCode, 303);
      const locations = await t.ctx.db.selectFrom('location').select('id').where('type', '<>', 'kleuteropvang').orderBy('name').execute();
      assert.ok(locations.length > 5);
      for (const l of locations.slice(0, 6)) assert.equal((await v.post('/portaal/inschrijven/locaties', { do: `add:${l.id}` })).statusCode, 303);
      const before = await rowCounts(t.ctx);
      const res = await v.post('/portaal/inschrijven/locaties', { do: 'next' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /hoogstens 5 opvanglocaties/);
      assert.equal((res.body.match(/name="do" value="remove:/g) ?? []).length, 6, 'the six chosen locations are still listed');
      assert.deepEqual(await rowCounts(t.ctx), before);
    });

    it('pages carry a strict content security policy and no cache', async () => {
      const res = await v.get('/portaal');
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
      assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers['set-cookie'] ?? 'HttpOnly; SameSite=Lax'), /HttpOnly; SameSite=Lax/);
    });
  });
}
