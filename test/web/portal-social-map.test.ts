// The public social map on the parent portal: no login, search by need, age, municipality and language, one
// service's page with hours and contact but never contact persons, in every portal language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/http/server.ts';
import type { TestDb } from '../support/db.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

const PARENTING = 'd3a0f000-0000-4000-8000-000000000025'; // CAW's "Opvoedingsondersteuning aan huis" in the demo map

describe('portal social map', () => {
  let t: TestDb;
  let app: App;
  before(async () => {
    ({ t, app } = await openDemoSite());
  });
  after(() => closeDemoSite(t, app));

  it('finds services by need, age, municipality and language without a login', async () => {
    const v = new Visitor(app);
    const all = await v.get('/portaal/sociale-kaart');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Gevonden: 7/);
    const hit = await v.get('/portaal/sociale-kaart?nood=parenting&leeftijd=1&gemeente=24062&hulptaal=ar');
    assert.match(hit.body, /Gevonden: 1/);
    assert.ok(hit.body.includes(`/portaal/sociale-kaart/${PARENTING}`));
    assert.match(hit.body, /<option value="parenting" selected>/);
    assert.match((await v.get('/portaal/sociale-kaart?nood=parenting&gemeente=24038')).body, /Gevonden: 0/);
    assert.match((await v.get('/portaal/sociale-kaart?leeftijd=12&nood=diagnostics')).body, /Gevonden: 0/, 'the diagnostics centre sees children up to 7');
    // Nonsense in the address is ignored rather than an error.
    assert.equal((await v.get('/portaal/sociale-kaart?nood=%3Cscript%3E&leeftijd=x&hulptaal=zz')).statusCode, 200);
  });

  it('shows one service with hours, places and the service’s own contact, never its contact persons', async () => {
    const v = new Visitor(app);
    const res = await v.get(`/portaal/sociale-kaart/${PARENTING}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Opvoedingsondersteuning aan huis<\/h1>/);
    assert.match(res.body, /CAW Leuven/);
    assert.match(res.body, /Diestsestraat 1, 3000 Leuven/);
    assert.doesNotMatch(res.body, /Onthaal gezinswerking|gezin@caw\.example/, 'contact persons are not public');
    const ar = await v.get(`/portaal/sociale-kaart/${PARENTING}?taal=ar`);
    assert.match(ar.body, /<html lang="ar" dir="rtl"/);
    assert.match(ar.body, /<p lang="nl">Een begeleider komt bij u thuis/);
    assert.match(ar.body, /تربية الأطفال/);
    assert.equal((await v.get('/portaal/sociale-kaart/d3a0f000-0000-4000-8000-000000000099')).statusCode, 404);
    assert.equal((await v.get('/portaal/sociale-kaart/geen-id')).statusCode, 400);
  });

  it('is linked from the start and help pages', async () => {
    const v = new Visitor(app);
    for (const url of ['/portaal', '/portaal/hulp']) assert.match((await v.get(url)).body, /href="\/portaal\/sociale-kaart"/, url);
    for (const lang of ['en', 'fr']) assert.match((await v.get(`/portaal/sociale-kaart?taal=${lang}`)).body, lang === 'en' ? /Help nearby/ : /Aide près de chez vous/);
  });
});
