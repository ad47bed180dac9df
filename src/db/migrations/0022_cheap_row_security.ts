// The current definition of every row-security policy, written so their cost per row is a parameter test, not a query.
import { sql, type Kysely } from 'kysely';
import { FAMILY_TABLES } from './0011_row_security.ts';
import { REQUEST_TABLES } from './0020_more_row_security.ts';

// Same rules as 0018 to 0020; what changes is how they are written (docs/performance.md has the measurements):
// - Every setting is read in a sub-select, `(select nabij_wide())`, which PostgreSQL evaluates once per statement
//   (an initplan) instead of once per row and arm, and can use as an index key. The roles that see everything then
//   pay one boolean test per row: the first arm is true and the rest is never evaluated.
// - The family_reach lookup names its whole key (family, kind, tenant), so it is one probe of the primary key.
// - The partial index for families who accept any location in their desk's area covers 'offered' too, as the
//   candidate search asks; without it that search read the whole request table.
// One file states them all, so nobody needs 0011 to 0020 to know a policy (issue 20, point 4).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What the family_reach rows of the caller are keyed by: a desk's id for desk staff, an organiser's for providers.
    create or replace function nabij_reach_kind() returns text language sql stable as $fn$
      select case when nabij_role() in ('desk_worker', 'desk_coordinator') then 'desk' when nabij_role() = 'provider_staff' then 'organiser' end
    $fn$;
    create or replace function nabij_reach_tenant() returns uuid language sql stable as $fn$
      select case nabij_reach_kind() when 'desk' then nabij_setting('nabij.desk_id') when 'organiser' then nabij_setting('nabij.organiser_id') end
    $fn$;
    drop index if exists request_any_location;
    create index request_any_location on request(desk_id) where accepts_any_location and status in ('registered', 'active', 'offered');
  `.execute(db);

  // Settings, each read once per statement.
  const wide = '(select nabij_wide())';
  const role = '(select nabij_role())';
  const desk = `(select nabij_setting('nabij.desk_id'))`;
  const organiser = `(select nabij_setting('nabij.organiser_id'))`;
  const user = `(select nabij_setting('nabij.user_id'))`;
  const family = `(select nabij_setting('nabij.family_id'))`;
  const deskStaff = `${role} in ('desk_worker', 'desk_coordinator')`;
  const inDeskArea = (column: string) => `(${deskStaff} and ${column} in (select dm.nis_code from desk_municipality dm where dm.desk_id = ${desk}))`;
  // Look-ups of one row by its key are scalar sub-selects, not exists: PostgreSQL may turn an exists into a hash of
  // every matching row (a whole desk's family_reach, 100,000 rows, to check 500 families), never a scalar one.
  const reach = (column: string) => `(select true from family_reach fr where fr.family_id = ${column} and fr.kind = (select nabij_reach_kind()) and fr.tenant_id = (select nabij_reach_tenant()))`;
  // Whether a location is the provider's own, one primary-key probe per wish (a join let the planner loop over all of
  // an organiser's locations for every request).
  const own = (column: string) => `(select l.organiser_id from location l where l.id = ${column}) = ${organiser}`;

  const policies: Array<{ table: string; name?: string; command?: 'select' | 'insert'; using: string | null; check?: string }> = [
    // A request mirrors the 'request' scope of src/app/scopes.ts, plus a desk's view of families living in its area
    // (request.residence_nis, kept by the 0010 triggers). Providers: a wish for or a placement at one of their
    // locations; parents: their own children's. The link tables read here have no policies, so nothing recurses.
    {
      table: 'request',
      using: `(${wide}
        or request.desk_id = ${desk}
        or request.created_by = ${user}
        or ${inDeskArea('request.residence_nis')}
        or (${role} = 'provider_staff' and (
          (select true from request_location rl where rl.request_id = request.id and ${own('rl.location_id')} limit 1)
          or (select true from placement p where p.request_id = request.id and ${own('p.location_id')} limit 1)))
        or (${role} = 'parent' and (select true from child c where c.id = request.child_id and c.family_id = ${family})))`,
    },
    // A family: a parent's own; a desk's area; a desk or organiser that reaches it (family_reach, kept by the 0019
    // triggers); last, nabij_family_visible, which alone decides for everyone else (registered, referred, named in
    // a consent, supports) and so makes a missing family_reach row cost time, never access.
    { table: 'family', using: `(${wide} or family.id = ${family} or ${inDeskArea('family.municipality_nis')} or ${reach('family.id')} or nabij_family_visible(family.id))` },
    ...FAMILY_TABLES.map((table) => ({ table, using: `(${wide} or ${table}.family_id = ${family} or ${reach(`${table}.family_id`)} or nabij_family_visible(${table}.family_id))` })),
    // Only the triggers write it, as the owner; the app reads its own tenant's rows.
    { table: 'family_reach', using: `(${wide} or family_reach.tenant_id = ${desk} or family_reach.tenant_id = ${organiser})` },
    // Rows that hang off a request, a referral or a child: visible exactly when that row is (its own policy).
    ...REQUEST_TABLES.map((table) => ({ table, using: `(${wide} or (select true from request r where r.id = ${table}.request_id))` })),
    { table: 'referral_note', using: `(${wide} or (select true from referral x where x.id = referral_note.referral_id))` },
    { table: 'support_assignment', using: `(${wide} or (select true from child c where c.id = support_assignment.child_id))` },
    // A round belongs to its desk; a provider sees a round that proposes one of its locations (the proposal's own
    // policy then shows only the requests it can read). Its stored input flags requests as vulnerable.
    {
      table: 'matching_round',
      using: `(${wide} or (${deskStaff} and matching_round.desk_id = ${desk})
        or (${role} = 'provider_staff' and (select true from round_proposal p where p.round_id = matching_round.id and ${own('p.location_id')} limit 1)))`,
    },
    // A parent's own account (a parent's user id is the account id); sign-up and log-in run before an actor exists.
    { table: 'portal_account', using: `(${wide} or portal_account.id = ${user})` },
    // The desk it was sent to, and the parent who sent it.
    {
      table: 'callback_request',
      using: `(${wide} or (${deskStaff} and callback_request.desk_id = ${desk}) or callback_request.account_id = ${user} or callback_request.family_id = ${family})`,
    },
    // The feeds: any use case adds a row; reading follows the reader's tenant (an event its organiser's provider
    // staff, a letter or mail whoever sees its guardian).
    { table: 'event', name: 'append', command: 'insert', using: null, check: 'true' },
    { table: 'event', command: 'select', using: `(${wide} or event.organiser_id = ${organiser})` },
    { table: 'outbox', name: 'append', command: 'insert', using: null, check: 'true' },
    { table: 'outbox', using: `(${wide} or (select true from guardian g where g.id = nullif(outbox.recipient->>'guardianId', '')::uuid))` },
  ];
  for (const p of policies) {
    const name = sql.id(p.name ?? 'tenant');
    const t = sql.table(p.table);
    const command = sql.raw(p.command ?? 'all');
    const using = p.using === null ? sql`` : sql` using (${sql.raw(p.using)})`;
    const check = p.command === 'select' ? sql`` : sql` with check (${sql.raw(p.check ?? p.using!)})`;
    await sql`
      drop policy if exists ${name} on ${t};
      create policy ${name} on ${t} for ${command} to nabij_app${using}${check};
    `.execute(db);
  }
}
