// A parent's position in the queue counts every family waiting at the location, although row-level security lets
// the parent's own transaction see only the own family; the answer names none of the others.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setCapacity } from '../../src/app/capacity.ts';
import { myRequests } from '../../src/app/portal/family.ts';
import { loadAccount } from '../../src/app/portal/accounts.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

for (const flavour of flavours()) {
  describe(`a parent's position in the queue on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    const families: Array<{ familyId: string; requestId: string; name: string }> = [];
    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] });
      // Three families at the same location, registered one after the other; no priority facts, so the order is the registration order.
      for (const name of ['Aerts', 'Bosmans', 'Claes']) {
        const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Ouder', familyName: name, email: `${name.toLowerCase()}@mail.example` }, child: { familyName: name, dueDate: '2027-01-10' }, locationIds: [w.loc1], desiredStartDate: '2027-09-01' }));
        const request = r.request as { id: string; child: { familyId: string } };
        families.push({ familyId: request.child.familyId, requestId: request.id, name });
      }
    });
    after(() => t.close());

    async function view(i: number) {
      const f = families[i]!;
      const row = await t.ctx.db.insertInto('portal_account').values({ email: `${f.name.toLowerCase()}@mail.example`, email_verified_at: new Date(), family_id: f.familyId }).returning('id').executeTakeFirstOrThrow();
      const account = await loadAccount(t.ctx.db, row.id);
      return myRequests(t.ctx, account!);
    }

    it('counts every family waiting there, in registration order', async () => {
      for (const [i, want] of [[2, 3], [0, 1]] as const) {
        const mine = await view(i);
        const at = mine.requests[0]!.locations[0]!;
        assert.deepEqual({ position: at.position, candidates: at.candidates }, { position: want, candidates: 3 }, `family ${families[i]!.name}`);
      }
    });

    it('names none of the other families', async () => {
      const mine = JSON.stringify(await view(1));
      for (const other of [families[0]!, families[2]!]) {
        assert.ok(!mine.includes(other.name), `shows ${other.name}`);
        assert.ok(!mine.includes(other.requestId) && !mine.includes(other.familyId), `shows an id of ${other.name}`);
      }
    });
  });
}
