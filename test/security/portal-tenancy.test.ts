// The parent's side of the authorisation matrix: every portal page that names a request or an offer, generated from
// the route list, for a parent of family A on A's own rows and on family B's. The other family's rows are never reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACTIONS } from '../../src/app/permissions.ts';
import { startSession, SESSION_COOKIE } from '../../src/web/sessions.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

for (const flavour of flavours()) {
  describe(`portal pages of one family against another on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const ids: Record<'A' | 'B', { request: string; offer: string; family: string }> = {} as never;
    let cookie = '';
    let csrf = '';

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      const post = (url: string, who: string, payload: object) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.tokens[who]}` }, payload });
      for (const [k, desk, provider, loc, name] of [['A', 'deskA', 'provider1', w.loc1, 'Peeters'], ['B', 'deskB', 'provider2', w.loc3, 'Zwartenbroek']] as const) {
        const residence = k === 'A' ? undefined : { municipalityNis: '44021', street: 'Veldstraat 1', postalCode: '9000' };
        const r = await post('/api/v1/requests', desk, unbornRequest(w, { applicant: { givenName: 'Ouder', familyName: name, email: `${name.toLowerCase()}@mail.example` }, child: { familyName: name, dueDate: '2027-01-10' }, locationIds: [loc], ...(residence ? { residence } : {}) }));
        assert.equal(r.statusCode, 201, r.body);
        const request = r.json().request;
        await app.inject({ method: 'PUT', url: `/api/v1/locations/${loc}/capacity`, headers: { authorization: `Bearer ${w.tokens[provider]}` }, payload: { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] } });
        const o = await post('/api/v1/offers', provider, { requestId: request.id, locationId: loc, start: '2027-09-01' });
        assert.equal(o.statusCode, 201, o.body);
        ids[k] = { request: request.id, offer: o.json().id, family: request.child.familyId };
      }
      const account = await t.ctx.db.insertInto('portal_account').values({ email: 'peeters@mail.example', email_verified_at: new Date(), family_id: ids.A.family }).returning('id').executeTakeFirstOrThrow();
      const s = await startSession(t.ctx, { accountId: account.id, language: 'nl' });
      cookie = `${SESSION_COOKIE}=${s.cookie}`;
      csrf = s.session.csrf;
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('reaches its own request and offer on every page, and never family B’s', async () => {
      // Pages of one family's rows; the social map's service pages are public (scope 'all') and name no family.
      const routes = app.routeActions.filter((r) => r.url.startsWith('/portaal/') && r.url.includes(':id') && ACTIONS[r.action].scope !== 'all');
      assert.ok(routes.length >= 8, routes.map((r) => r.url).join());
      const lines: string[] = [];
      for (const route of routes) {
        const fill = (k: 'A' | 'B') => route.url.replace(':id', route.url.includes('aanbod') ? ids[k].offer : ids[k].request);
        const form = new URLSearchParams({ _csrf: csrf }).toString();
        const send = (url: string) => app.inject({ method: route.method as 'GET', url, headers: { cookie, ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(route.method === 'POST' ? { payload: form } : {}) });
        const before = await rowCounts(t.ctx);
        const foreign = await send(fill('B'));
        assert.deepEqual(await rowCounts(t.ctx), before, `${route.method} ${route.url}: the foreign call changed rows`);
        const own = route.method === 'GET' ? await send(fill('A')) : null;
        lines.push(`${route.method.padEnd(4)} ${route.url.padEnd(38)} ${route.action.padEnd(18)} own ${own?.statusCode ?? '(form)'} / foreign ${foreign.statusCode}`);
        assert.equal(foreign.statusCode, 404, `${route.method} ${route.url}: family B's row reached (${foreign.statusCode})`);
        assert.ok(!foreign.body.includes('Zwartenbroek'), `${route.url} shows family B's name`);
        if (own) assert.equal(own.statusCode, 200, `${route.method} ${route.url}: own row not reached (${own.statusCode}) ${own.body.slice(0, 200)}`);
      }
      console.log(['Parent of family A, portal pages (own / foreign):', ...lines].join('\n'));
    });
  });
}
