// Providers answer each request in time; the desk sees who did not, and which families still have no place near their start.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerRequest } from '../../src/app/requests.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { flavours } from '../support/db.ts';

for (const flavour of flavours()) {
  describe(`follow-up on ${flavour.name}`, () => {
    const s = apiSuite(flavour);
    const { call } = s;
    const req: Record<string, string> = {};
    before(async () => {
      const reg = async (key: string, registeredOn: string, start: string) => {
        const r = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { registeredOn, desiredStartDate: start, applicant: { givenName: key, familyName: key, email: `${key}@follow.example` }, child: { familyName: key, dueDate: '2026-12-20' }, locationIds: [s.w.loc1, s.w.loc2] }));
        req[key] = r.request!.id;
      };
      await reg('oud', '2026-10-01', '2027-03-01'); // 54 days ago, start within 6 months
      await reg('recent', '2026-11-20', '2027-09-01'); // 4 days ago, start in 9 months
    });

    it('lists requests without a response after 21 days, per provider and location, until the provider answers', async () => {
      const before = (await call('GET', '/api/v1/follow-up/overdue-responses', 'deskA')).json();
      assert.equal(before.responseDays, 21);
      assert.deepEqual(before.rows.map((r: { location: string; daysWaiting: number }) => [r.location, r.daysWaiting]), [['Eén Herent', 54], ['Eén Leuven', 54]]);
      assert.equal((await call('POST', `/api/v1/requests/${req.oud}/responses`, 'provider1', { locationId: s.w.loc1, kind: 'no_place' })).json().error.field, 'reason');
      assert.equal((await call('POST', `/api/v1/requests/${req.oud}/responses`, 'provider1', { locationId: s.w.loc1, kind: 'no_place', reason: 'Volzet tot september' })).statusCode, 200);
      assert.equal((await call('POST', `/api/v1/requests/${req.oud}/responses`, 'provider2', { locationId: s.w.loc1, kind: 'seen' })).statusCode, 404);
      const after = (await call('GET', '/api/v1/follow-up/overdue-responses', 'deskA')).json();
      assert.deepEqual(after.rows.map((r: { location: string }) => r.location), ['Eén Herent']);
      const csv = await call('GET', '/api/v1/follow-up/overdue-responses.csv', 'deskA');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /^\uFEFForganisator;locatie;aanvraag;ingeschreven op;dagen zonder antwoord\r\nOrganisator Een;Eén Herent;NB-2026-\d+;2026-10-01;54\r\n$/);
      assert.equal((await call('GET', '/api/v1/follow-up/overdue-responses', 'provider1')).statusCode, 403);
    });

    it('prints letters for families without e-mail, once, and a proof of registration on demand', async () => {
      const paper = await registerRequest(s.t.ctx, s.w.actors.deskA!, unbornRequest(s.w, { applicant: { givenName: 'Papier', familyName: 'Brief', phone: '0470 99 88 77' }, residence: { municipalityNis: '24062', street: 'Naamsestraat 5', postalCode: '3000' }, child: { familyName: 'Brief', dueDate: '2027-01-05' }, locationIds: [s.w.loc1] }));
      const letters = await call('POST', '/api/v1/follow-up/letters.pdf', 'deskA');
      assert.equal(letters.statusCode, 200);
      assert.equal(letters.headers['x-letter-count'], '1');
      assert.equal(letters.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await call('POST', '/api/v1/follow-up/letters.pdf', 'deskA')).statusCode, 204, 'printed once');
      assert.equal((await call('POST', '/api/v1/follow-up/letters.pdf', 'deskB')).statusCode, 204, 'another desk gets none of these');
      const proof = await call('GET', `/api/v1/requests/${paper.request!.id}/proof.pdf`, 'deskA');
      assert.equal(proof.statusCode, 200);
      assert.equal(proof.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await call('GET', `/api/v1/requests/${paper.request!.id}/proof.pdf`, 'provider2')).statusCode, 404);
    });

    it('lists families without a place 6 months before their start', async () => {
      const r = (await call('GET', '/api/v1/follow-up/no-place-yet', 'deskA')).json();
      assert.ok(r.rows.some((x: { requestId: string }) => x.requestId === req.oud));
      assert.ok(!r.rows.some((x: { requestId: string }) => x.requestId === req.recent), 'a start 9 months away is not listed yet');
      const csv = (await call('GET', '/api/v1/follow-up/no-place-yet.csv', 'deskA')).body;
      assert.match(csv, /oud@follow\.example/);
    });
  });
}
