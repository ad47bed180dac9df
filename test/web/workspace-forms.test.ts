// Workspace forms refuse bad input next to the field, keep what was typed and store nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { staffActor } from '../../src/app/accounts.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed.ts';
import type { App } from '../../src/http/server.ts';
import { rowCounts, type TestDb } from '../support/db.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

describe('workspace forms with bad input', () => {
  let t: TestDb;
  let app: App;
  let sara: Visitor;
  let ilse: Visitor;
  let contactId: string;
  const logIn = async (email: string) => {
    const v = new Visitor(app);
    await v.get('/werkplek/aanmelden');
    assert.equal((await v.post('/werkplek/aanmelden', { email, password: DEMO_STAFF_PASSWORD })).statusCode, 303);
    await v.get('/werkplek'); // a new session after login, with its own form token
    return v;
  };
  before(async () => {
    ({ t, app } = await openDemoSite());
    sara = await logIn('sara@nabij.example');
    ilse = await logIn('ilse@nabij.example');
    const made = await sara.post('/werkplek/loket/contacten', { channel: 'phone', topic: 'childcare', summary: 'Zoekt opvang', contactName: 'Lotte Wouters' });
    contactId = /contacten\/([0-9a-f-]{36})/.exec(String(made.headers.location))![1]!;
  });
  after(() => closeDemoSite(t, app));

  it('a contact without topic and question says so next to both fields', async () => {
    const before = await rowCounts(t.ctx);
    const res = await sara.post('/werkplek/loket/contacten', { channel: 'walk_in', summary: '', contactName: 'Jonas', followUpDue: '2020-01-01' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Kies waarover de vraag gaat/);
    assert.match(res.body, /id="f-summary-error"/);
    assert.match(res.body, /id="f-followUpDue-error"[^>]*>[^<]*<span class="visually-hidden">!<\/span> Kies vandaag of later/);
    assert.match(res.body, /value="Jonas"/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('a registration on a family’s behalf with an invalid national number, no days and no location stores nothing', async () => {
    await sara.get(`/werkplek/loket/contacten/${contactId}/aanvraag`);
    const before = await rowCounts(t.ctx);
    const res = await sara.post(`/werkplek/loket/contacten/${contactId}/aanvraag`, {
      born: 'yes', 'child.familyName': 'Wouters', 'child.birthDate': '2026-06-01', 'child.insz': '26.06.01-123.45',
      'applicant.givenName': 'Lotte', 'applicant.familyName': 'Wouters', 'applicant.phone': '0470 00 00 00', 'residence.municipalityNis': '24062',
      desiredStartDate: '2027-01-04', flexibilityWeeks: '0', consent: 'yes',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-child-insz-error"/);
    assert.match(res.body, /id="f-careDays"[^>]*>[\s\S]*?class="error-text"/);
    assert.match(res.body, /id="f-locationIds"[^>]*>[\s\S]*?class="error-text"/);
    assert.match(res.body, /value="26.06.01-123.45"/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('capacity with a negative number of seats is refused next to that weekday', async () => {
    const loc = await t.ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
    await ilse.get(`/werkplek/opvang/locaties/${loc.id}`);
    const before = await rowCounts(t.ctx);
    const res = await ilse.post(`/werkplek/opvang/locaties/${loc.id}/capaciteit`, { validFrom: '2027-01-01', seats1: '4', seats2: '-2', seats3: '4', seats4: '4', seats5: '4' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-seats2-error"/);
    assert.match(res.body, /id="f-seats2"[^>]*value="-2"/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('a provider answer "no place" without a reason is refused', async () => {
    const before = await rowCounts(t.ctx);
    const loc = await t.ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
    const res = await ilse.post('/werkplek/opvang/aanvragen/antwoord', { requestId: '00000000-0000-0000-0000-000000000001', locationId: loc.id, kind: 'no_place', reason: '' });
    assert.ok([400, 404].includes(res.statusCode), String(res.statusCode));
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('a provider reports a departure on the placements page; a departure before the first day is refused next to it', async () => {
    const loc = await t.ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
    const deskUser = await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', 'sara@nabij.example').executeTakeFirstOrThrow();
    const made = await registerRequest(t.ctx, (await staffActor(t.ctx.db, deskUser.id, 'api'))!, {
      applicant: { givenName: 'Ouder', familyName: 'Vertrekt', email: 'vertrekt@voorbeeld.be' }, residence: { municipalityNis: '24062' },
      child: { familyName: 'Vertrekt', birthDate: '2025-05-01' }, desiredStartDate: '2027-01-04', flexibilityWeeks: 0,
      careDays: [{ weekday: 2, part: 'full' }], locationIds: [loc.id], urgent: false, consent: { processing: true },
    });
    const child = { id: (await t.ctx.db.selectFrom('request').select('child_id').where('id', '=', made.request!.id).executeTakeFirstOrThrow()).child_id };
    const placement = await t.ctx.db.insertInto('placement').values({ child_id: child.id, location_id: loc.id, start_date: '2026-09-01', end_date: '2028-08-31', care_days: JSON.stringify([{ weekday: 2, part: 'full' }]) }).returning('id').executeTakeFirstOrThrow();
    const list = await ilse.get('/werkplek/opvang/plaatsingen');
    assert.match(list.body, /Vertrekt/);
    const bad = await ilse.post(`/werkplek/opvang/plaatsingen/${placement.id}`, { departedOn: '2026-08-01' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`id="left-${placement.id}-error"`));
    const ok = await ilse.post(`/werkplek/opvang/plaatsingen/${placement.id}`, { departedOn: '2026-12-18', reason: 'Verhuisd' });
    assert.equal(ok.statusCode, 200);
    const row = await t.ctx.db.selectFrom('placement').select(['end_date', 'departed_on']).where('id', '=', placement.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { end_date: '2026-12-18', departed_on: '2026-12-18' });
    // Another organiser's staff does not see it.
    const tom = await logIn('tom@nabij.example');
    assert.doesNotMatch((await tom.get('/werkplek/opvang/plaatsingen')).body, /Vertrekt/);
    assert.equal((await tom.post(`/werkplek/opvang/plaatsingen/${placement.id}`, { departedOn: '2026-12-20' })).statusCode, 404);
  });
});
