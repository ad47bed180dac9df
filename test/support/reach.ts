// Checks the family_reach table (migration 0019) against a recount from the link tables it summarises.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';

const TRUTH = sql`
  select f.id as family_id, 'desk' as kind, dm.desk_id as tenant_id from family f join desk_municipality dm on dm.nis_code = f.municipality_nis
  union select c.family_id, 'desk', q.desk_id from child c join request q on q.child_id = c.id
  union select x.family_id, 'desk', x.referrer_desk_id from referral x where x.referrer_desk_id is not null
  union select c.family_id, 'organiser', l.organiser_id from child c join request q on q.child_id = c.id join request_location rl on rl.request_id = q.id join location l on l.id = rl.location_id
  union select c.family_id, 'organiser', l.organiser_id from child c join placement p on p.child_id = c.id join location l on l.id = p.location_id
  union select x.family_id, 'organiser', x.referrer_organiser_id from referral x where x.referrer_organiser_id is not null`;

/** A row too many would let a desk or organiser see a family it no longer reaches; a row missing costs time. */
export async function assertReachInStep(ctx: AppContext, what: string): Promise<number> {
  const kept = await sql<{ row: string }>`select family_id || ' ' || kind || ' ' || tenant_id as row from family_reach order by 1`.execute(ctx.db);
  const truth = await sql<{ row: string }>`select family_id || ' ' || kind || ' ' || tenant_id as row from (${TRUTH}) t order by 1`.execute(ctx.db);
  assert.deepEqual(kept.rows.map((r) => r.row), truth.rows.map((r) => r.row), `family_reach after ${what}`);
  return kept.rows.length;
}
