// The reach table behind the family policies (migration 0019): it follows every change that gives or takes a family
// away from a desk or an organiser, so a provider or desk loses sight of a family the moment the link goes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUserWithToken } from '../../src/app/accounts.ts';
import type { Actor } from '../../src/app/permissions.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { enterTenant } from '../../src/app/tenancy.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { assertReachInStep } from '../support/reach.ts';

for (const flavour of flavours()) {
  describe(`family reach on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
    });
    after(() => t.close());

    /** The children of this family that the actor's tenant can read in plain SQL, without any application filter. */
    const sees = (actor: Actor, familyId: string) =>
      t.ctx.db.transaction().execute(async (tx) => {
        await enterTenant(tx, actor, 'request.read');
        const r = await sql<{ n: number }>`select count(*)::int as n from child where family_id = ${familyId}`.execute(tx);
        return r.rows[0]!.n > 0;
      });

    it('gives and takes sight of a family through wishes, placements, a desk’s area and a location changing hands', async () => {
      const { provider1, provider2, deskA, deskB } = w.actors as Record<string, Actor>;
      // Registered at desk B by a family in Gent, wishing only organiser 2's location.
      const q = (await registerRequest(t.ctx, deskB!, unbornRequest(w, { residence: { municipalityNis: '44021', street: 'Veldstraat 1', postalCode: '9000' }, locationIds: [w.loc3] }))).request!;
      const fam = q.child.familyId;
      await assertReachInStep(t.ctx, 'a registration');
      assert.deepEqual([await sees(provider2!, fam), await sees(provider1!, fam), await sees(deskB!, fam), await sees(deskA!, fam)], [true, false, true, false]);

      // The family adds a wish for organiser 1, then removes it again.
      await t.ctx.db.insertInto('request_location').values({ request_id: q.id, location_id: w.loc1, rank: 2 }).execute();
      await assertReachInStep(t.ctx, 'a wish added');
      assert.equal(await sees(provider1!, fam), true);
      await t.ctx.db.deleteFrom('request_location').where('request_id', '=', q.id).where('location_id', '=', w.loc1).execute();
      await assertReachInStep(t.ctx, 'a wish removed');
      assert.equal(await sees(provider1!, fam), false, 'organiser 1 loses sight once the wish is gone');

      // A placement at organiser 1's location, then removed.
      const placement = await t.ctx.db.insertInto('placement').values({ child_id: q.child.id, location_id: w.loc1, request_id: q.id, start_date: '2027-09-01', end_date: '2028-08-31', care_days: JSON.stringify([{ weekday: 1, part: 'full' }]) }).returning('id').executeTakeFirstOrThrow();
      await assertReachInStep(t.ctx, 'a placement');
      assert.equal(await sees(provider1!, fam), true);
      await t.ctx.db.deleteFrom('placement').where('id', '=', placement.id).execute();
      await assertReachInStep(t.ctx, 'a placement removed');
      assert.equal(await sees(provider1!, fam), false);

      // Gent moves to desk A's area, and back.
      await t.ctx.db.updateTable('desk_municipality').set({ desk_id: w.deskA }).where('nis_code', '=', '44021').execute();
      await assertReachInStep(t.ctx, 'a municipality moved to another desk');
      assert.equal(await sees(deskA!, fam), true);
      await t.ctx.db.updateTable('desk_municipality').set({ desk_id: w.deskB }).where('nis_code', '=', '44021').execute();
      await assertReachInStep(t.ctx, 'a municipality moved back');
      assert.equal(await sees(deskA!, fam), false);

      // Organiser 2 hands its location to organiser 1.
      await t.ctx.db.updateTable('location').set({ organiser_id: w.organiser1 }).where('id', '=', w.loc3).execute();
      await assertReachInStep(t.ctx, 'a location handed over');
      assert.deepEqual([await sees(provider1!, fam), await sees(provider2!, fam)], [true, false]);
      await t.ctx.db.updateTable('location').set({ organiser_id: w.organiser2 }).where('id', '=', w.loc3).execute();

      // Without Gent in any area, desk B keeps sight through its request alone, and loses it when the request moves.
      // (The desk worker who registered the request keeps sight as its registrar; a colleague at that desk does not.)
      const { userId } = await createUserWithToken(t.ctx.db, { name: 'colleague', email: 'colleague@reach.example', role: 'desk_worker', deskId: w.deskB, organiserId: null }, 'tok-colleague');
      const colleague: Actor = { ...deskB!, userId };
      await t.ctx.db.deleteFrom('desk_municipality').where('nis_code', '=', '44021').execute();
      await assertReachInStep(t.ctx, 'a municipality left every area');
      assert.equal(await sees(colleague, fam), true);
      await t.ctx.db.updateTable('request').set({ desk_id: w.deskA }).where('id', '=', q.id).execute();
      await assertReachInStep(t.ctx, 'a request moved to another desk');
      assert.deepEqual([await sees(deskA!, fam), await sees(colleague, fam), await sees(deskB!, fam)], [true, false, true]);
      await t.ctx.db.insertInto('desk_municipality').values({ desk_id: w.deskB, nis_code: '44021' }).execute();
      await assertReachInStep(t.ctx, 'a municipality back in an area');
      assert.equal(await sees(colleague, fam), true);
    });
  });
}
