// A desk coordinator runs a matching round on a snapshot; providers confirm or reject their proposals; the round can be rerun.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerRequest } from '../../src/app/requests.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { flavours } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`matching rounds on ${flavour.name}`, () => {
    const s = apiSuite(flavour);
    const { call } = s;
    const req: Record<string, string> = {};
    const openOffers = () => s.t.ctx.db.selectFrom('offer').select('request_id').where('status', '=', 'open').execute();

    before(async () => {
      // Two seats on Mondays and Tuesdays at loc1 from September; loc2 has one.
      await call('PUT', `/api/v1/locations/${s.w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
      await call('PUT', `/api/v1/locations/${s.w.loc2}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [1, 1, 1, 1, 1] });
      const reg = async (key: string, registeredOn: string, locations: string[]) => {
        const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { registeredOn, applicant: { givenName: key, familyName: key, email: `${key}@round.example` }, child: { familyName: key, dueDate: '2027-03-01' }, desiredStartDate: '2027-09-01', careDays: [1, 2].map((weekday) => ({ weekday, part: 'full' as const })), locationIds: locations }));
        req[key] = r.request!.id;
      };
      await reg('anna', '2026-01-10', [s.w.loc1, s.w.loc2]);
      await reg('bert', '2026-02-10', [s.w.loc1, s.w.loc2]);
      await reg('cas', '2026-03-10', [s.w.loc1, s.w.loc2]);
      await reg('dora', '2026-04-10', [s.w.loc1]);
    });

    let roundId = '';
    it('runs a round: proposals follow priority and wishes, the verifier is clean, and everything is stored', async () => {
      const r = await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-09-01', seed: 7 });
      assert.equal(r.statusCode, 201, r.body);
      const body = r.json();
      roundId = body.id;
      assert.deepEqual(body.verifier, { capacityViolations: 0, unlistedPlacements: 0, siblingsSplit: 0, justifiedEnvy: 0, wastedSeatDays: 0 });
      assert.equal(body.metrics.placed, 3);
      const round = (await call('GET', `/api/v1/matching-rounds/${roundId}`, 'deskA')).json();
      const where = Object.fromEntries(round.proposals.map((p: { requestId: string; location: string }) => [p.requestId, p.location]));
      assert.equal(where[req.anna!], 'Eén Leuven');
      assert.equal(where[req.bert!], 'Eén Leuven');
      assert.equal(where[req.cas!], 'Eén Herent', 'registered later: loc1 is full on Monday');
      assert.equal(where[req.dora!], undefined);
      const cas = round.proposals.find((p: { requestId: string }) => p.requestId === req.cas);
      assert.match(cas.reason.nl, /keuze 2\. bij Eén Leuven namen op maandag 2 gezinnen met meer voorrang de 2 plaatsen/);
      assert.match(cas.reason.fr, /votre choix 2/);
      assert.deepEqual(round.verifier.justifiedEnvy, { count: 0, pairs: 0, requests: [] });
      assert.equal((await call('POST', '/api/v1/matching-rounds', 'deskA', { periodStart: '2027-09-01' })).statusCode, 403, 'only a coordinator runs rounds');
      assert.equal((await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-09-15' })).json().error.code, 'period.month');
    });

    it('reruns a stored round to the same proposals', async () => {
      const r = (await call('POST', `/api/v1/matching-rounds/${roundId}/reproduce`, 'coordA')).json();
      assert.deepEqual([r.inputUnchanged, r.sameProposals], [true, true]);
    });

    it('providers see and answer only their own proposals; a rejection needs a reason', async () => {
      assert.equal((await call('GET', `/api/v1/matching-rounds/${roundId}`, 'provider2')).statusCode, 404);
      const mine = (await call('GET', `/api/v1/matching-rounds/${roundId}`, 'provider1')).json();
      assert.equal(mine.metrics, undefined, 'providers get no desk-wide metrics');
      const [first, second] = mine.proposals;
      const confirmed = (await call('POST', `/api/v1/round-proposals/${first.id}/answer`, 'provider1', { decision: 'confirm' })).json();
      assert.equal(confirmed.status, 'confirmed');
      assert.equal(confirmed.offer.status, 'open', 'confirming makes the offer');
      assert.equal(confirmed.offer.start, '2027-09-01');
      assert.equal((await call('GET', `/api/v1/requests/${first.requestId}`, 'deskA')).json().status, 'offered');
      assert.equal((await call('POST', `/api/v1/round-proposals/${first.id}/answer`, 'provider1', { decision: 'reject', reason: 'x' })).statusCode, 409);
      assert.equal((await call('POST', `/api/v1/round-proposals/${second.id}/answer`, 'provider1', { decision: 'reject' })).json().error.field, 'reason');
      assert.equal((await call('POST', `/api/v1/round-proposals/${second.id}/answer`, 'provider2', { decision: 'confirm' })).statusCode, 404);
      const rejected = await call('POST', `/api/v1/round-proposals/${second.id}/answer`, 'provider1', { decision: 'reject', reason: 'Kind past niet in de leefgroep' });
      assert.equal(rejected.json().status, 'rejected');
      const after = (await call('GET', `/api/v1/requests/${second.requestId}`, 'deskA')).json();
      assert.equal(after.status, 'registered', 'a rejected proposal leaves the request waiting');
    });

    it('a later round for the same month leaves open offers and unanswered proposals alone', async () => {
      const again = (await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-09-01', seed: 8 })).json();
      const round = (await call('GET', `/api/v1/matching-rounds/${again.id}`, 'coordA')).json();
      const offered = (await openOffers()).length;
      assert.equal(offered, 1, 'the confirmed proposal became one open offer');
      // Eén Leuven: one of its two seats is held by an unanswered proposal; Eén Herent's only seat by the open offer.
      assert.ok(round.proposals.every((p: { location: string }) => p.location === 'Eén Leuven'), JSON.stringify(round.proposals));
      assert.ok(round.proposals.length <= 1);
    });

    it('optimal mode stores its outcome too and never places fewer than DA', async () => {
      const r = await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-09-01', mode: 'optimal', seed: 7 });
      assert.equal(r.statusCode, 201, r.body);
      assert.ok(r.json().optimal.placedChildren >= r.json().optimal.daPlacedChildren);
      assert.equal(r.json().verifier.justifiedEnvy, 0);
      assert.equal(r.json().verifier.wastedSeatDays, 0);
    });

    it('a mid-month start with no flexibility is in the round of its month, and its offer starts on its own date', async () => {
      const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { registeredOn: '2026-01-05', applicant: { givenName: 'mid', familyName: 'mid', email: 'mid@round.example' }, child: { familyName: 'mid', dueDate: '2027-03-01' }, desiredStartDate: '2027-10-15', flexibilityWeeks: 0, careDays: [{ weekday: 3, part: 'morning' }], locationIds: [s.w.loc1] }));
      const round = (await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-10-01', seed: 3 })).json();
      const detail = (await call('GET', `/api/v1/matching-rounds/${round.id}`, 'coordA')).json();
      const mine = detail.proposals.find((p: { requestId: string }) => p.requestId === r.request!.id);
      assert.ok(mine, JSON.stringify(detail.proposals));
      const answered = (await call('POST', `/api/v1/round-proposals/${mine.id}/answer`, 'provider1', { decision: 'confirm' })).json();
      assert.equal(answered.offer.start, '2027-10-15');
    });
  });
}
