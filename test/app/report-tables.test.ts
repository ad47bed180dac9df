// The report tables and request.residence_nis stay equal to what the source tables say, through every write path, also under concurrency.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { recordBirth } from '../../src/app/children.ts';
import { listDuplicates, mergeDuplicate } from '../../src/app/duplicates.ts';
import { answerOffer, makeOffer } from '../../src/app/offers.ts';
import { declareFacts } from '../../src/app/priority.ts';
import { registerRequest, transitionRequest } from '../../src/app/requests.ts';
import { connect } from '../../src/db/connect.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { flavours, hasPostgres, postgres, type TestDb } from '../support/db.ts';
import { assertReachInStep } from '../support/reach.ts';

/** Both report tables, next to what their source views compute now. */
async function inStep(ctx: AppContext, what: string) {
  for (const [table, view, key] of [
    ['report_open_request', 'report_open_request_source', 'child_id'],
    ['report_registration_year', 'report_registration_year_source', 'child_id, year, desk_id'],
  ] as const) {
    const kept = await sql`select * from ${sql.table(table)} order by ${sql.raw(key)}`.execute(ctx.db);
    const truth = await sql`select * from ${sql.table(view)} order by ${sql.raw(key)}`.execute(ctx.db);
    assert.deepEqual(kept.rows, truth.rows, `${table} after ${what}`);
  }
  const off = await sql<{ id: string }>`select r.id from request r join child c on c.id = r.child_id join family f on f.id = c.family_id where r.residence_nis <> f.municipality_nis`.execute(ctx.db);
  assert.deepEqual(off.rows, [], `request.residence_nis after ${what}`);
  await assertReachInStep(ctx, what);
}

const openRow = (ctx: AppContext, childId: string) =>
  ctx.db.selectFrom('report_open_request').selectAll().where('child_id', '=', childId).executeTakeFirst();

const facts = (over: Record<string, unknown> = {}) => ({ guardians: [{ activities: [{ kind: 'employed' as const, fraction: 1 }] }], singleParent: true, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [], ...over });

for (const flavour of flavours()) {
  describe(`report tables on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
    });
    after(() => t.close());

    it('follow registration, facts, birth, closing, placement, merge of duplicates, a family move and changed choices', async () => {
      const desk = w.actors.deskA!;
      const reg = (key: string, over: Parameters<typeof unbornRequest>[1] = {}) =>
        registerRequest(t.ctx, desk, unbornRequest(w, { applicant: { givenName: key, familyName: `Fam${key}`, email: `${key}@tables.example` }, child: { familyName: `Fam${key}`, dueDate: '2027-03-10' }, ...over }));
      const a = (await reg('a')).request!;
      const b = (await reg('b', { registeredOn: '2025-06-01', desiredStartDate: '2026-09-01', child: { familyName: 'Famb', birthDate: '2026-02-01' }, careDays: [{ weekday: 1, part: 'morning' }, { weekday: 3, part: 'full' }] })).request!;
      const c = (await reg('c', { locationIds: [w.loc1] })).request!;
      await inStep(t.ctx, 'registration');
      assert.equal((await openRow(t.ctx, a.child.id))?.residence_nis, '24062');
      assert.equal((await openRow(t.ctx, b.child.id))?.days_per_week, 2);
      const years = await t.ctx.db.selectFrom('report_registration_year').select(['year', 'requests', 'first_desk']).where('child_id', '=', b.child.id).execute();
      assert.deepEqual(years, [{ year: 2025, requests: 1, first_desk: true }]);

      // Facts declared after registration, then a backdated declaration that was in force when b registered.
      await declareFacts(t.ctx, desk, b.child.familyId, facts());
      await inStep(t.ctx, 'declared facts');
      const latest = await openRow(t.ctx, b.child.id);
      assert.ok(latest?.facts_latest && latest.facts_at_registration === latest.facts_latest, 'without an earlier one, the first declaration stands for registration');
      await declareFacts(t.ctx, desk, b.child.familyId, facts({ singleParent: false, guardians: [{ activities: [] }, { activities: [] }], lowIncome: true, declaredOn: '2025-01-01' }));
      await inStep(t.ctx, 'a backdated declaration');
      const both = await openRow(t.ctx, b.child.id);
      assert.notEqual(both?.facts_at_registration_key, both?.facts_latest_key);

      await recordBirth(t.ctx, desk, a.child.id, { birthDate: '2026-11-20', insz: makeInsz('2026-11-20', 61) });
      await inStep(t.ctx, 'a recorded birth');
      assert.equal((await openRow(t.ctx, a.child.id))?.born_on, '2026-11-20');

      await transitionRequest(t.ctx, desk, a.id, { to: 'lapsed', reason: 'verhuisd' });
      await inStep(t.ctx, 'a lapsed request');
      assert.equal(await openRow(t.ctx, a.child.id), undefined);

      const offer = await makeOffer(t.ctx, w.actors.provider1!, { requestId: c.id, locationId: w.loc1, start: '2026-12-01' });
      await inStep(t.ctx, 'an offer');
      await answerOffer(t.ctx, desk, offer.id, 'accept');
      await inStep(t.ctx, 'an accepted offer');
      assert.equal(await openRow(t.ctx, c.child.id), undefined);
      const placed = await t.ctx.db.selectFrom('placement').select('seat_days').where('request_id', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(Number(placed.seat_days), 3, 'three full days are three seats a week');

      // The same unborn child registered by the other parent in another family, then merged: one open request left.
      const mother = (await reg('m', { applicant: { givenName: 'Leen', familyName: 'Wouters', email: 'leen@tables.example' }, child: { familyName: 'Wouters', dueDate: '2027-05-01' }, locationIds: [w.loc1] })).request!;
      const father = (await reg('f', { applicant: { givenName: 'Bart', familyName: 'Wouters', phone: '0471 00 00 02' }, child: { familyName: 'Wouters', dueDate: '2027-05-06' }, locationIds: [w.loc2] })).request!;
      await inStep(t.ctx, 'a second record of the same child');
      const pair = (await listDuplicates(t.ctx, desk)).find((d) => d.children.some((x) => x.id === mother.child.id) && d.children.some((x) => x.id === father.child.id));
      assert.ok(pair);
      await mergeDuplicate(t.ctx, desk, pair.id, mother.child.id);
      await inStep(t.ctx, 'a merge of duplicates');
      assert.equal(await openRow(t.ctx, father.child.id), undefined);
      assert.deepEqual((await openRow(t.ctx, mother.child.id))?.chosen_nis, ['24038', '24062'], 'the folded request’s wish moved over');

      // Writes that have no use case on this branch yet: a family that moves, a location whose municipality is
      // corrected, a wish removed, a child linked to another family, a request removed.
      await t.ctx.db.updateTable('family').set({ municipality_nis: '24038' }).where('id', '=', b.child.familyId).execute();
      await inStep(t.ctx, 'a family move');
      assert.equal((await openRow(t.ctx, b.child.id))?.residence_nis, '24038');
      await t.ctx.db.updateTable('location').set({ municipality_nis: '11002' }).where('id', '=', w.loc2).execute();
      await inStep(t.ctx, 'a location in another municipality');
      await t.ctx.db.deleteFrom('request_location').where('request_id', '=', mother.id).where('location_id', '=', w.loc2).execute();
      await inStep(t.ctx, 'a wish removed');
      assert.deepEqual((await openRow(t.ctx, mother.child.id))?.chosen_nis, ['24062']);
      await t.ctx.db.updateTable('child').set({ family_id: b.child.familyId }).where('id', '=', mother.child.id).execute();
      await inStep(t.ctx, 'a child linked to another family');
      assert.equal((await openRow(t.ctx, mother.child.id))?.residence_nis, '24038');
      await t.ctx.db.deleteFrom('request_event').where('request_id', '=', b.id).execute();
      await t.ctx.db.deleteFrom('request_response').where('request_id', '=', b.id).execute();
      await t.ctx.db.deleteFrom('request_location').where('request_id', '=', b.id).execute();
      await t.ctx.db.deleteFrom('request').where('id', '=', b.id).execute();
      await inStep(t.ctx, 'a removed request');
    });

    it('follow a merge that keeps the later record, so the open request moves to the other family', async () => {
      // The recount order of the two families depends on their ids; eight pairs make both orders near certain.
      const desk = w.actors.deskA!;
      for (let i = 0; i < 8; i++) {
        const name = `Moved${i}`;
        const first = (await registerRequest(t.ctx, desk, unbornRequest(w, { applicant: { givenName: 'Leen', familyName: name, email: `m${i}@tables.example` }, child: { familyName: name, dueDate: '2027-05-01' }, registeredOn: '2026-10-01', locationIds: [w.loc1] }))).request!;
        const later = (await registerRequest(t.ctx, desk, unbornRequest(w, { applicant: { givenName: 'Bart', familyName: name, email: `f${i}@tables.example` }, child: { familyName: name, dueDate: '2027-05-03' }, registeredOn: '2026-11-01', locationIds: [w.loc2] }))).request!;
        const pair = (await listDuplicates(t.ctx, desk)).find((d) => d.children.some((x) => x.id === first.child.id) && d.children.some((x) => x.id === later.child.id));
        assert.ok(pair, `pair ${i} is queued`);
        await mergeDuplicate(t.ctx, desk, pair.id, later.child.id);
        await inStep(t.ctx, `merge ${i} keeping the later record`);
        const row = await openRow(t.ctx, later.child.id);
        assert.equal(row?.request_id, first.id, 'the request registered first stays open, now under the kept child');
        assert.equal(row?.family_id, later.child.familyId);
      }
    });

    it('follow a bulk import in one statement', async () => {
      const day = '2026-11-24';
      await sql`insert into family (id, municipality_nis) select md5('bf' || i)::uuid, case when i % 2 = 0 then '24062' else '44021' end from generate_series(1, 300) i`.execute(t.ctx.db);
      await sql`insert into guardian (id, family_id, given_name, family_name, family_name_key) select md5('bg' || i)::uuid, md5('bf' || i)::uuid, 'O', 'B' || i, 'b' || i from generate_series(1, 300) i`.execute(t.ctx.db);
      await sql`insert into child (id, family_id, family_name, family_name_key, due_date) select md5('bc' || i)::uuid, md5('bf' || i)::uuid, 'B' || i, 'b' || i, ${day}::date + i from generate_series(1, 300) i`.execute(t.ctx.db);
      await sql`insert into request (number, child_id, applicant_id, desk_id, desired_start_date, care_days, status, registered_on, channel)
                select 'NB-B-' || i, md5('bc' || i)::uuid, md5('bg' || i)::uuid, case when i % 2 = 0 then ${w.deskA}::uuid else ${w.deskB}::uuid end, ${day}::date + 200,
                       '[{"weekday":1,"part":"full"}]'::jsonb, case when i % 3 = 0 then 'withdrawn' else 'registered' end, ${day}::date - i * 5, 'import'
                from generate_series(1, 300) i`.execute(t.ctx.db);
      await inStep(t.ctx, 'a bulk import');
      assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from report_open_request where family_id in (select md5('bf' || i)::uuid from generate_series(1, 300) i)`.execute(t.ctx.db)).rows[0]!.n), 200);
    });
  });
}

describe('report tables under concurrent writes on postgres', { skip: !hasPostgres }, () => {
  let t: TestDb;
  let w: World;
  before(async () => {
    t = await postgres.open({ poolSize: 4 });
    w = await buildWorld(t.ctx);
  });
  after(() => t?.close());

  // The move's recount cannot see the new child (not committed yet), and without a lock per family the registration's
  // recount would read the old municipality and commit first: the new child's row would keep the old residence.
  it('a family move and a new child registered in that family at the same time both reach the table', async () => {
    const parent = { givenName: 'Ines', familyName: 'Claes', email: 'ines@tables.example' };
    const first = (await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: parent, child: { familyName: 'Claes', dueDate: '2027-03-10' } }))).request!;
    // No open request left in the family, so the two recounts touch no common row.
    await transitionRequest(t.ctx, w.actors.deskA!, first.id, { to: 'withdrawn' });
    const url = process.env.DATABASE_URL!;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    const other = await connect({ url, schema, poolSize: 2 });
    let second: Awaited<ReturnType<typeof registerRequest>>;
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let moved!: () => void;
      const movedNotCommitted = new Promise<void>((r) => (moved = r));
      const move = other.db.transaction().execute(async (tx) => {
        await tx.updateTable('family').set({ municipality_nis: '24038' }).where('id', '=', first.child.familyId).execute();
        moved();
        await held;
      });
      await movedNotCommitted;
      const registration = registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: parent, child: { givenName: 'Lou', familyName: 'Claes', birthDate: '2025-05-01' }, desiredStartDate: '2027-01-04' }));
      await new Promise((res) => setTimeout(res, 300));
      release();
      [, second] = await Promise.all([move, registration]);
    } finally {
      await other.close();
    }
    assert.equal(second.request?.child.familyId, first.child.familyId);
    await inStep(t.ctx, 'a concurrent move and registration');
    assert.equal((await openRow(t.ctx, second.request!.child.id))?.residence_nis, '24038');
  });
});
