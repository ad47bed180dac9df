// Public JSON-LD through a real JSON-LD processor, offline: expansion without errors or dropped terms, onto OSLO IRIs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jsonld from 'jsonld';
import { setCapacity } from '../../src/app/capacity.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { buildWorld, type World } from '../support/fixtures.ts';

const OSLO = 'https://data.vlaanderen.be/ns/';

describe('public data as JSON-LD', () => {
  let t: TestDb;
  let w: World;
  let app: App;
  const get = async (url: string) => (await app.inject({ method: 'GET', url })).json();
  /** Serves only Nabij's own context (from the app itself); any other address is refused: no network. */
  const loader = async (url: string) => {
    if (url !== 'http://localhost:80/api/v1/public/context.jsonld') throw new Error(`remote document refused: ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: await get('/api/v1/public/context.jsonld') };
  };
  const expand = (doc: object) => jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: loader as never, safe: true } as jsonld.Options.Expand);
  const iris = (x: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(x)) x.forEach((y) => iris(y, out));
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (!k.startsWith('@')) out.add(k);
        if (k === '@type') [v].flat().forEach((y) => out.add(String(y)));
        iris(v, out);
      }
    }
    return out;
  };

  before(async () => {
    t = await pglite.open();
    w = await buildWorld(t.ctx);
    await t.ctx.db.updateTable('location').set({ opgroeien_id: '9876543' }).where('id', '=', w.loc1).execute();
    await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2026-11-01', openSeats: [3, 3, 3, 2, 0] });
    app = await buildServer(t.ctx);
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it('locations expand (embedded context) to OSLO and W3C terms, with the Opgroeien id and the municipality IRI', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/public/locations.jsonld' });
    assert.match(String(r.headers['content-type']), /application\/ld\+json/);
    const expanded = await expand(r.json());
    assert.equal(expanded.length, 3);
    const terms = iris(expanded);
    for (const iri of [`${OSLO}adres#gemeentenaam`, `${OSLO}generiek#naamruimte`, `${OSLO}generiek#lokaleIdentificator`, 'http://www.w3.org/ns/org#Site', 'http://www.w3.org/ns/org#siteAddress', 'http://www.w3.org/ns/locn#postCode', 'http://www.w3.org/ns/adms#identifier', 'http://www.w3.org/2004/02/skos/core#notation']) {
      assert.ok(terms.has(iri), `expands to ${iri}`);
    }
    const text = JSON.stringify(expanded);
    assert.ok(text.includes('9876543'), 'the Opgroeien location id is there');
    assert.ok(text.includes('https://data.vlaanderen.be/id/gemeente/24062'), 'the municipality links by NIS code');
  });

  it('organisers expand with their KBO number as registration, also with the context linked instead of embedded', async () => {
    const doc = await get('/api/v1/public/organisers.jsonld?context=link');
    assert.equal(doc['@context'], 'http://localhost:80/api/v1/public/context.jsonld');
    const expanded = await expand(doc);
    const terms = iris(expanded);
    assert.ok(terms.has('http://www.w3.org/ns/regorg#RegisteredOrganization'));
    assert.ok(terms.has('http://www.w3.org/ns/regorg#legalName'));
    assert.ok(terms.has('http://www.w3.org/ns/regorg#registration'));
    const kbo = (await t.ctx.db.selectFrom('organiser').select('kbo').where('id', '=', w.organiser1).executeTakeFirstOrThrow()).kbo;
    assert.ok(JSON.stringify(expanded).includes(kbo));
  });

  it('free capacity per municipality adds up the free full-day seats of its locations', async () => {
    const doc = await get('/api/v1/public/free-capacity.jsonld');
    const byNis = Object.fromEntries(doc['@graph'].map((g: { gemeente: string; vrijePlaatsenPerWeekdag: number[] }) => [g.gemeente.split('/').pop(), g.vrijePlaatsenPerWeekdag]));
    assert.deepEqual(byNis, { '24038': [20, 20, 20, 20, 20], '24062': [3, 3, 3, 2, 0], '44021': [20, 20, 20, 20, 20] });
    const expanded = await expand(doc);
    assert.ok(iris(expanded).has(`${OSLO}adres#gemeentenaam`));
  });

  it('a remote context is refused by the loader: the test would notice a document that needs the network', async () => {
    await assert.rejects(() => expand({ '@context': 'https://example.org/context.jsonld', '@id': 'x' }), /refused|loading|Dereferencing/i);
  });
});
