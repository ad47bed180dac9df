// Acceptance: provider software on the reference client: token, capacity for 3 locations, new requests from the feed,
// an offer whose acceptance arrives as an event, a week offline and a resume without gaps or repeats; and another
// organiser's client refused on every call.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connect, NabijError, readFeedFrom, type FeedEvent, type NabijApi } from '../../clients/typescript/src/index.ts';
import { answerOffer } from '../../src/app/offers.ts';
import { createLocation } from '../../src/app/places.ts';
import { systemActor } from '../../src/app/permissions.ts';
import { registerRequest, transitionRequest } from '../../src/app/requests.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

async function refused(call: () => Promise<unknown>, what: string) {
  await assert.rejects(call, (e: unknown) => e instanceof NabijError && (e.status === 403 || e.status === 404), `${what} must be refused with 403 or 404`);
}

for (const flavour of flavours()) {
  describe(`provider software through the reference client on ${flavour.name}`, () => {
    let now = new Date('2026-11-24T09:00:00Z');
    let t: TestDb;
    let w: World;
    let app: App;
    let base = '';
    let api: NabijApi;
    let other: NabijApi;
    let loc4 = '';
    let clientId = '';
    const req: Record<string, string> = {};
    let cursor = '';
    const seen: FeedEvent[] = [];

    const register = async (key: string, locations: string[]) => {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-02-01', applicant: { givenName: key, familyName: key, email: `${key}@soft.example` }, child: { familyName: key, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [1, 2].map((weekday) => ({ weekday, part: 'full' as const })), locationIds: locations }));
      req[key] = r.request!.id;
    };

    before(async () => {
      t = await flavour.open({ now: () => now });
      w = await buildWorld(t.ctx);
      loc4 = (await createLocation(t.ctx, systemActor('cli'), { organiserId: w.organiser1, name: 'Eén Wijgmaal', street: 'Dorp 2', postalCode: '3018', municipalityNis: '24062', type: 'group', subsidyStep: 'T1', licensedCapacity: 14, opgroeienId: '4455667' })).id;
      app = await buildServer(t.ctx);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      // A staff member of each organiser issues a client for its software; the secret is shown once.
      const issue = async (token: string) => {
        const r = await fetch(`${base}/api/v1/integration/clients`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Kinderopvangsoftware' }) });
        assert.equal(r.status, 201);
        return (await r.json()) as { clientId: string; clientSecret: string };
      };
      const mine = await issue(w.tokens.provider1!);
      clientId = mine.clientId;
      api = connect({ baseUrl: base, clientId: mine.clientId, clientSecret: mine.clientSecret });
      const theirs = await issue(w.tokens.provider2!);
      other = connect({ baseUrl: base, clientId: theirs.clientId, clientSecret: theirs.clientSecret });
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('obtains a token and publishes capacity for 3 locations in one batch (by Nabij id or Opgroeien id)', async () => {
      const items = [w.loc1, w.loc2].flatMap((locationId) => ['2027-01-01', '2027-06-01'].map((validFrom) => ({ locationId, validFrom, openSeats: [2, 2, 2, 2, 2] })));
      const r = await api.publishCapacity({ body: { items: [...items, { opgroeienId: '4455667', validFrom: '2027-01-01', openSeats: [4, 4, 4, 4, 0] }] } });
      assert.deepEqual(r, { stored: 5, locations: 3 });
      const free = (await api.getLocationsByIdFreeSeats({ params: { id: loc4 }, query: { from: '2027-02-01', to: '2027-02-28' } })) as { free: { fullDay: number[] } };
      assert.deepEqual(free.free.fullDay, [4, 4, 4, 4, 0]);
    });

    it('a batch with one bad item stores nothing and names the item', async () => {
      const e = await api.publishCapacity({ body: { items: [{ locationId: w.loc1, validFrom: '2027-09-01', openSeats: [1, 1, 1, 1, 1] }, { locationId: w.loc2, validFrom: '2027-09-01', openSeats: [21, 1, 1, 1, 1] }] } }).catch((x: unknown) => x);
      assert.ok(e instanceof NabijError);
      assert.equal(e.status, 400);
      assert.equal(e.field, 'items.1.openSeats.0');
      assert.match(e.nl, /niets opgeslagen/);
      const rows = await t.ctx.db.selectFrom('location_capacity').select('location_id').where('valid_from', '=', '2027-09-01').execute();
      assert.equal(rows.length, 0);
    });

    it('reads its new requests from the feed, and only those concerning its locations', async () => {
      await register('anna', [w.loc1, w.loc3]);
      await register('bert', [w.loc2]);
      await register('gent', [w.loc3]);
      const r = await readFeedFrom(api, undefined, 2);
      assert.deepEqual(r.events.map((e) => [e.type, e.subject]), [['be.nabij.request.registered', req.anna], ['be.nabij.request.registered', req.bert]]);
      const anna = r.events[0] as FeedEvent;
      assert.equal(anna.specversion, '1.0');
      assert.deepEqual((anna.data.locations as Array<{ id: string }>).map((l) => l.id), [w.loc1], 'only its own location, not organiser 2’s');
      assert.equal(JSON.stringify(anna.data).includes('Peeters'), false, 'no names or facts in events');
      cursor = r.cursor;
      seen.push(...r.events);
      const listed = (await api.listLocationRequests({ params: { id: w.loc1 } })) as { items: Array<{ id: string }> };
      assert.deepEqual(listed.items.map((x) => x.id), [req.anna]);
    });

    it('answers a request, reads the candidates, makes an offer and sees the acceptance arrive as an event', async () => {
      await api.postRequestsByIdResponses({ params: { id: req.anna! }, body: { locationId: w.loc1, kind: 'candidate' } });
      const cands = (await api.getLocationsByIdCandidates({ params: { id: w.loc1 }, query: { start: '2027-05-03' } })) as { candidates: Array<{ requestId: string }> };
      assert.deepEqual(cands.candidates.map((c) => c.requestId), [req.anna]);
      const offer = (await api.postOffers({ body: { requestId: req.anna!, locationId: w.loc1, start: '2027-05-03' }, headers: { 'idempotency-key': 'offer-anna' } })) as { id: string };
      await answerOffer(t.ctx, w.actors.deskA!, offer.id, 'accept');
      const r = await readFeedFrom(api, cursor);
      assert.deepEqual(r.events.map((e) => e.type), ['be.nabij.offer.made', 'be.nabij.offer.accepted', 'be.nabij.placement.confirmed']);
      assert.equal(r.events[1]?.subject, offer.id);
      assert.equal(r.events[1]?.data.status, 'accepted');
      cursor = r.cursor;
      seen.push(...r.events);
    });

    it('stops for a week and resumes from its cursor without missing or repeating an event', async () => {
      // A week later its one-hour token has expired: the client gets a new one by itself.
      now = new Date('2026-12-01T09:00:00Z');
      await register('cas', [w.loc2, w.loc1]);
      await transitionRequest(t.ctx, w.actors.deskA!, req.bert!, { to: 'withdrawn', reason: 'verhuisd' });
      const placement = await t.ctx.db.selectFrom('placement').select('id').where('request_id', '=', req.anna!).executeTakeFirstOrThrow();
      await api.reportPlacements({ body: { items: [{ placementId: placement.id, departedOn: '2028-06-30', reason: 'verhuis' }] } });
      const r = await readFeedFrom(api, cursor, 1);
      assert.deepEqual(r.events.map((e) => e.type), ['be.nabij.request.registered', 'be.nabij.request.withdrawn', 'be.nabij.placement.changed']);
      const all = await readFeedFrom(api, undefined);
      assert.deepEqual([...seen, ...r.events].map((e) => e.id), all.events.map((e) => e.id), 'what it read in pieces equals the whole feed, in order');
      assert.equal(new Set(all.events.map((e) => e.id)).size, all.events.length);
      const again = await readFeedFrom(api, r.cursor);
      assert.deepEqual(again.events, [], 'nothing new, nothing repeated');
      assert.equal(again.cursor, r.cursor);
    });

    it('another organiser’s client gets 403 or 404 for every one of these calls', async () => {
      const placement = await t.ctx.db.selectFrom('placement').select('id').where('request_id', '=', req.anna!).executeTakeFirstOrThrow();
      await refused(() => other.publishCapacity({ body: { items: [{ locationId: w.loc1, validFrom: '2027-01-01', openSeats: [9, 9, 9, 9, 9] }] } }), 'capacity by id');
      await refused(() => other.publishCapacity({ body: { items: [{ opgroeienId: '4455667', validFrom: '2027-01-01', openSeats: [9, 9, 9, 9, 9] }] } }), 'capacity by Opgroeien id');
      await refused(() => other.listLocationRequests({ params: { id: w.loc1 } }), 'requests of a location');
      await refused(() => other.getLocationsByIdCandidates({ params: { id: w.loc1 }, query: { start: '2027-05-03' } }), 'candidates');
      await refused(() => other.postRequestsByIdResponses({ params: { id: req.cas! }, body: { locationId: w.loc1, kind: 'seen' } }), 'first response');
      await refused(() => other.postOffers({ body: { requestId: req.cas!, locationId: w.loc1, start: '2027-05-03' } }), 'offer');
      await refused(() => other.getRequestsById({ params: { id: req.cas! } }), 'a request');
      await refused(() => other.getRequestsByIdOffers({ params: { id: req.cas! } }), 'offers of a request');
      await refused(() => other.reportPlacements({ body: { items: [{ placementId: placement.id, end: '2028-01-31' }] } }), 'placement report');
      await refused(() => other.setWebhook({ params: { id: clientId }, body: { url: 'http://127.0.0.1:9/x' } }), 'webhook of another client');
      await refused(() => other.rotateClient({ params: { id: clientId } }), 'rotating a client');
      await refused(() => other.createClient({ body: { name: 'x' } }), 'a client minting clients');
      // The feed is per subscriber: its own feed holds none of organiser 1's events.
      const theirs = await readFeedFrom(other, undefined);
      assert.deepEqual(theirs.events.map((e) => e.subject), [req.anna, req.gent], 'only the requests that list its own location');
      assert.ok(theirs.events.every((e) => (e.data.locations as Array<{ id: string }>).every((l) => l.id === w.loc3)));
      const placements = (await other.listPlacements({})) as unknown[];
      assert.deepEqual(placements, []);
      const rows = await t.ctx.db.selectFrom('location_capacity').select('open_seats').where('location_id', '=', w.loc1).where('valid_from', '=', '2027-01-01').executeTakeFirstOrThrow();
      assert.deepEqual(rows.open_seats, [2, 2, 2, 2, 2], 'nothing changed');
    });

    it('rotating the secret or revoking the client ends its access at once; the audit log names the client', async () => {
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'channel']).where('actor_id', '=', clientId).execute();
      assert.ok(audit.some((a) => a.action === 'offer.make' && a.channel === 'api'));
      const rotated = await fetch(`${base}/api/v1/integration/clients/${clientId}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.provider1}` } });
      assert.equal(rotated.status, 200);
      const { clientSecret } = (await rotated.json()) as { clientSecret: string };
      await assert.rejects(() => api.readEvents({}), (e: unknown) => e instanceof NabijError && e.status === 401);
      const fresh = connect({ baseUrl: base, clientId, clientSecret });
      assert.ok(Array.isArray((await fresh.readEvents({ query: { limit: 1 } })).events));
      await fetch(`${base}/api/v1/integration/clients/${clientId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.provider1}` } });
      await assert.rejects(() => fresh.readEvents({}), (e: unknown) => e instanceof NabijError && e.status === 401);
      const token = await fetch(`${base}/api/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}` });
      assert.equal(token.status, 401);
      assert.equal(((await token.json()) as { error: { code: string } }).error.code, 'oauth.invalid_client');
    });
  });
}
