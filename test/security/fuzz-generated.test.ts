// Fuzzing generated from the server's route list, so a new endpoint is covered the day it is added: every GET with
// fuzzed addresses and query strings, every write with fuzzed addresses and bodies. Never a 5xx, every refusal carries
// a code and a message in Dutch and English, and a route that refused everything changed no row.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

/** Cheap but many: a modest count locally, FUZZ_RUNS (1,000 in CI) on PostgreSQL. */
const RUNS = Number(process.env.FUZZ_RUNS ? process.env.FUZZ_RUNS : 30);
const RUNS_PGLITE = Number(process.env.FUZZ_RUNS_PGLITE ?? RUNS);

for (const flavour of flavours()) {
  describe(`generated fuzzing of every API endpoint on ${flavour.name}`, () => {
    const runs = flavour.name === 'pglite' ? RUNS_PGLITE : RUNS;
    let t: TestDb;
    let w: World;
    let app: App;
    let known: string[];

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      const r = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${w.tokens.deskA}` }, payload: unbornRequest(w) });
      const q = r.json().request;
      known = [q.id, q.child.id, q.child.familyId, w.loc1, w.loc3, w.deskA, w.organiser1, w.actors.deskA!.userId!];
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('answers every GET route with a 2xx or a clear 4xx, whatever the address and query', async () => {
      const routes = app.routeActions.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes('*'));
      assert.ok(routes.length > 50);
      const segment = fc.oneof(fc.constantFrom(...known), fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('', '%', '..', '0', '-1', 'FO-RE-19', 'FO-RE-30'));
      const value = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer({ min: -1e9, max: 1e9 }).map(String),
        fc.constantFrom('2026', '2027-09-01', '2027-02-29', '2026-13-01', 'true', 'null', '[]', '{}', '1e309', 'registered', 'unanswered', 'received', 'open', '24062'),
        fc.constantFrom(...known),
      );
      const who = fc.constantFrom(undefined, ...Object.keys(w.tokens));
      for (const route of routes) {
        const params = route.url.split('/').filter((p) => p.startsWith(':'));
        await fc.assert(
          fc.asyncProperty(fc.array(segment, { minLength: params.length, maxLength: params.length }), fc.dictionary(fc.constantFrom(...route.query, 'x'), value, { maxKeys: 4 }), who, async (segs, query, user) => {
            let i = 0;
            const path = route.url.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(segs[i++] ?? ''));
            const qs = new URLSearchParams(query).toString();
            const url = qs ? `${path}?${qs}` : path;
            const r = await app.inject({ method: 'GET', url, headers: user ? { authorization: `Bearer ${w.tokens[user]}` } : {} });
            assert.ok(r.statusCode < 500, `${url} as ${user}: ${r.statusCode} ${r.body.slice(0, 300)}`);
            if (r.statusCode >= 400) {
              const e = r.json().error;
              assert.ok(e?.code && e.nl && e.en, `${url}: error without code or texts: ${r.body.slice(0, 300)}`);
            }
          }),
          { numRuns: runs },
        );
      }
    });

    it('refuses a number too large to be a number in every query field, by name, instead of failing', async () => {
      // The query coercion turns these strings into Infinity and would skip the field's bounds.
      const routes = app.routeActions.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes('*') && r.query.length > 0);
      assert.ok(routes.length > 10);
      let refusedByName = 0;
      for (const route of routes) {
        const path = route.url.replace(/:[a-zA-Z]+/g, () => w.loc1);
        for (const key of route.query) {
          for (const huge of ['1e309', 'Infinity', '-1e400']) {
            const url = `${path}?${key}=${huge}`;
            const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${w.tokens.deskA}` } });
            assert.ok(r.statusCode < 500, `${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
            if (r.json().error?.code === 'not_finite') {
              assert.equal(r.json().error.field, `querystring.${key}`);
              refusedByName++;
            }
          }
        }
      }
      assert.ok(refusedByName > 0, 'no number field was refused by name');
    });

    it('answers every write route with a 2xx or a clear 4xx, whatever the address and body, and a refused route writes nothing', async () => {
      const routes = app.routeActions.filter((r) => r.method !== 'GET' && r.url.startsWith('/api/v1/'));
      assert.ok(routes.length > 40);
      const segment = fc.oneof(fc.constantFrom(...known), fc.uuid(), fc.string({ maxLength: 40 }));
      const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('id', 'requestId', 'locationId', 'familyId', 'childId', 'name', 'reason', 'to', 'items', 'rows', 'start', 'periodStart'), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...known)), { maxKeys: 5 }));
      const who = fc.constantFrom(undefined, ...Object.keys(w.tokens));
      for (const route of routes) {
        const params = route.url.split('/').filter((p) => p.startsWith(':'));
        const before = await rowCounts(t.ctx);
        let accepted = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(segment, { minLength: params.length, maxLength: params.length }), body, who, async (segs, b, user) => {
            let i = 0;
            const url = route.url.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(segs[i++] ?? ''));
            const r = await app.inject({ method: route.method as 'POST', url, headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${w.tokens[user]}` } : {}) }, payload: JSON.stringify(b) ?? '' });
            assert.ok(r.statusCode < 500, `${route.method} ${url} as ${user}: ${r.statusCode} ${r.body.slice(0, 300)} for ${JSON.stringify(b).slice(0, 200)}`);
            if (r.statusCode >= 400) {
              const e = r.json().error;
              assert.ok(e?.code && e.nl && e.en, `${url}: error without code or texts: ${r.body.slice(0, 300)}`);
            } else accepted++;
          }),
          { numRuns: runs },
        );
        // Refusals leave no trace; a route that accepted some random body may rightly have written (the token exchange logs nothing).
        if (accepted === 0) assert.deepEqual(await rowCounts(t.ctx), before, `${route.method} ${route.url}: refused requests changed rows`);
      }
    });
  });
}
