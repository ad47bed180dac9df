// Property: on random installations the dashboard from the report tables gives the same numbers as the queries before them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { buildDashboard, type Dashboard } from '../../src/app/dashboard.ts';
import { addDays } from '../../src/domain/dates.ts';
import { ACTIVITY_KINDS } from '../../src/domain/rules/types.ts';
import { buildWorld, type World } from '../support/fixtures.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildDashboardBefore, countedRequestsBefore } from '../support/dashboard-before.ts';
import { countedRequests } from '../../src/app/reporting.ts';

const TODAY = '2026-11-24';
const MUNICIPALITIES = ['24062', '24038', '44021', '11002'];
const STATUSES = ['registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'unknown_outcome', 'merged'] as const;
const OPEN = new Set(['registered', 'active', 'offered']);

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((d) => addDays(from, d));
// Dates mostly from small pools with the edges that matter (rule-set changes, month ends, 30 months before a month,
// today), so that many requests share a date and a group, as they do in a real installation.
const pick = (pool: string[], from: string, span: number) => fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, { arbitrary: day(from, span), weight: 1 });
const registered = pick(['2019-12-31', '2021-01-01', '2024-03-31', '2024-04-01', '2025-04-30', '2025-05-01', '2026-11-24'], '2019-06-01', 2800);
const born = pick(['2024-05-01', '2024-05-02', '2024-06-01', '2024-12-01', '2025-04-01', '2025-04-30', '2026-02-28', '2027-03-10'], '2023-01-01', 1600);
const start = pick(['2025-09-01', '2026-10-31', '2026-11-01', '2026-11-30', '2026-12-01', '2027-09-01', '2027-10-31', '2027-11-01'], '2025-01-01', 1000);
const declared = pick(['2019-01-01', '2021-01-01', '2024-04-01', '2026-01-15', '2026-11-24', '2026-11-25'], '2019-01-01', 2900);
const careDays = fc.oneof(
  fc.constantFrom([1, 2, 3, 4, 5].map((weekday) => ({ weekday, part: 'full' })), [{ weekday: 2, part: 'full' }, { weekday: 3, part: 'morning' }], []),
  fc.uniqueArray(fc.record({ weekday: fc.integer({ min: 1, max: 5 }), part: fc.constantFrom('full', 'morning', 'afternoon') }), { selector: (d) => d.weekday, maxLength: 5 }),
);
const anyFacts = fc.record({
  guardians: fc.constantFrom([{ activities: [{ kind: ACTIVITY_KINDS[0], fraction: 1 }] }], [{ activities: [] }, { activities: [{ kind: ACTIVITY_KINDS[0], fraction: 0.8 }] }], [{ activities: [{ kind: ACTIVITY_KINDS[1], fraction: 0.5 }] }, { activities: [{ kind: ACTIVITY_KINDS[0], fraction: 1 }] }]),
  singleParent: fc.boolean(),
  lowIncome: fc.boolean(),
  fosterChild: fc.constant(false),
  healthOrCareSituation: fc.constant(false),
  noSecondaryDiploma: fc.boolean(),
  siblings: fc.constant([]),
});
const facts = fc.oneof({ arbitrary: fc.constantFrom(...fc.sample(anyFacts, { numRuns: 3, seed: 7 })), weight: 3 }, { arbitrary: anyFacts, weight: 1 });
const request = fc.record({
  status: fc.oneof({ arbitrary: fc.constantFrom('registered', 'active', 'offered'), weight: 2 }, { arbitrary: fc.constantFrom(...STATUSES), weight: 1 }),
  desk: fc.constantFrom(0, 1),
  registeredOn: registered,
  // Brothers and sisters (twins) often register on the same day: same family, same facts, one group.
  withSibling: fc.boolean(),
  start,
  careDays,
  locations: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
});
const child = fc.record({ born, unborn: fc.boolean(), requests: fc.array(request, { maxLength: 3 }), placement: fc.option(fc.record({ location: fc.integer({ min: 0, max: 2 }), start, months: fc.integer({ min: 0, max: 30 }), careDays }), { nil: undefined }) });
const family = fc.record({
  municipality: fc.oneof({ arbitrary: fc.constant('24062'), weight: 3 }, { arbitrary: fc.constantFrom(...MUNICIPALITIES), weight: 1 }),
  registeredOn: registered,
  vulnerable: fc.option(fc.boolean(), { nil: undefined }),
  children: fc.array(child, { minLength: 1, maxLength: 3 }),
  // Some dated after today, to take the path for a latest declaration that is not in force yet.
  declarations: fc.array(fc.record({ facts, declaredOn: declared }), { maxLength: 3 }),
});
const installation = fc.record({
  families: fc.array(family, { minLength: 1, maxLength: 24 }),
  capacity: fc.array(fc.record({ location: fc.integer({ min: 0, max: 2 }), from: day('2026-01-01', 400), seats: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 5 }) }), { maxLength: 3 }),
  births: fc.array(fc.record({ nis: fc.constantFrom(...MUNICIPALITIES), year: fc.integer({ min: 2022, max: 2026 }), births: fc.integer({ min: 0, max: 900 }) }), { maxLength: 8 }),
});

type Installation = typeof installation extends fc.Arbitrary<infer T> ? T : never;

async function load(t: TestDb, w: World, inst: Installation) {
  const db = t.ctx.db;
  const locs = [w.loc1, w.loc2, w.loc3];
  const desks = [w.deskA, w.deskB];
  let n = 0;
  let created = Date.parse('2026-01-01T00:00:00Z');
  for (const f of inst.families) {
    const fam = await db.insertInto('family').values({ municipality_nis: f.municipality, preferred_language: 'nl' }).returning('id').executeTakeFirstOrThrow();
    const g = await db.insertInto('guardian').values({ family_id: fam.id, given_name: 'O', family_name: 'P', family_name_key: 'p', preferred_language: 'nl' }).returning('id').executeTakeFirstOrThrow();
    if (f.vulnerable !== undefined) await db.insertInto('family_vulnerability').values({ family_id: fam.id, vulnerable: f.vulnerable, characteristics: '[]', computed_at: new Date() }).execute();
    for (const d of f.declarations) {
      await db.insertInto('fact_declaration').values({ family_id: fam.id, facts: JSON.stringify(d.facts), sources: '{}', declared_on: d.declaredOn, channel: 'import', created_at: new Date((created += 1000)) }).execute();
    }
    for (const c of f.children) {
      const kid = await db.insertInto('child').values({ family_id: fam.id, family_name: 'P', family_name_key: 'p', birth_order: 1, birth_date: c.unborn ? null : c.born, due_date: c.unborn ? c.born : null }).returning('id').executeTakeFirstOrThrow();
      let open = false;
      let first: string | null = null;
      for (const r of c.requests) {
        // One open request per child, and a merged request points at another one of the same child.
        const status: string = (OPEN.has(r.status) && open) || (r.status === 'merged' && !first) ? 'withdrawn' : r.status;
        open ||= OPEN.has(status);
        const req: { id: string } = await db
          .insertInto('request')
          .values({ number: `NB-P-${++n}`, child_id: kid.id, applicant_id: g.id, desk_id: desks[r.desk]!, desired_start_date: r.start, flexibility_weeks: 0, urgent: false, care_days: JSON.stringify(r.careDays), status, merged_into: status === 'merged' ? first : null, registered_on: r.withSibling ? f.registeredOn : r.registeredOn, channel: 'import' })
          .returning('id')
          .executeTakeFirstOrThrow();
        first ??= req.id;
        if (r.locations.length) await db.insertInto('request_location').values(r.locations.map((l, i) => ({ request_id: req.id, rank: i + 1, location_id: locs[l]! }))).execute();
      }
      if (c.placement) {
        const p = c.placement;
        await db.insertInto('placement').values({ child_id: kid.id, location_id: locs[p.location]!, request_id: null, start_date: p.start, end_date: addDays(p.start, p.months * 30 + 1), care_days: JSON.stringify(p.careDays) }).execute();
      }
    }
  }
  for (const c of inst.capacity) {
    await db.insertInto('location_capacity').values({ location_id: locs[c.location]!, valid_from: c.from, open_seats: c.seats }).onConflict((oc) => oc.doNothing()).execute();
  }
  for (const b of inst.births) {
    await db.insertInto('birth_count').values({ nis_code: b.nis, year: b.year, births: b.births }).onConflict((oc) => oc.columns(['nis_code', 'year']).doNothing()).execute();
  }
}

async function wipe(t: TestDb) {
  await sql`delete from placement; delete from fact_declaration; delete from family_vulnerability; delete from request_location;
            delete from request where status = 'merged'; delete from request; delete from child; delete from guardian; delete from family; delete from location_capacity; delete from birth_count`.execute(t.ctx.db);
}

/** Bars with the same value came in no fixed order before: order them by value, then key. */
function normalised(d: Dashboard) {
  const bars = (b: Dashboard['byResidence']) => [...b].sort((x, y) => y.value - x.value || x.key.localeCompare(y.key));
  return { ...d, byResidence: bars(d.byResidence), byChosenMunicipality: bars(d.byChosenMunicipality), byPriorityGroup: bars(d.byPriorityGroup) };
}

for (const flavour of flavours()) {
  describe(`dashboard from the report tables on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
    });
    after(() => t.close());

    it('gives the same numbers as the queries before, for the installation and for each desk', async () => {
      const seen = { open: 0, futureFacts: 0 };
      await fc.assert(
        fc.asyncProperty(installation, async (inst) => {
          await wipe(t);
          await load(t, w, inst);
          const r = await sql<{ open: number; future: number }>`select count(*)::int as open, count(*) filter (where facts_latest_on > ${TODAY}::date)::int as future from report_open_request`.execute(t.ctx.db);
          seen.open += r.rows[0]!.open;
          seen.futureFacts += r.rows[0]!.future;
          for (const deskId of [null, w.deskA, w.deskB]) {
            const now = await t.ctx.db.transaction().execute((tx) => buildDashboard(tx, t.ctx, deskId, TODAY));
            const before = await t.ctx.db.transaction().execute((tx) => buildDashboardBefore(tx, t.ctx, deskId, TODAY));
            assert.deepEqual(normalised(now), normalised(before), `desk ${deskId ?? 'all'}`);
            for (const year of [2021, 2024, 2026]) {
              const counted = await t.ctx.db.transaction().execute((tx) => countedRequests(tx, year, deskId));
              assert.deepEqual(counted, await t.ctx.db.transaction().execute((tx) => countedRequestsBefore(tx, year, deskId)), `figures ${year}, desk ${deskId ?? 'all'}`);
            }
          }
        }),
        { numRuns: Number(process.env.NUM_RUNS ?? 30) },
      );
      assert.ok(seen.open > 0 && seen.futureFacts > 0, `the runs had open requests (${seen.open}) and facts dated after today (${seen.futureFacts})`);
      await wipe(t);
      const left = await sql<{ n: number }>`select (select count(*) from report_open_request) + (select count(*) from report_registration_year) as n`.execute(t.ctx.db);
      assert.equal(Number(left.rows[0]!.n), 0, 'removing everything empties the report tables');
    });
  });
}
