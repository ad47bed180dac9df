// Which desks and organisers reach each family, kept in a table by triggers, so a policy checks a row with one lookup.
import { sql, type Kysely } from 'kysely';
import { FAMILY_TABLES } from './0011_row_security.ts';

// The family tables' policies called nabij_family_visible for every row: 20 to 80 µs each, so a list of 50 requests
// spent 8 ms in the policies of child and guardian alone. family_reach holds the desk and organiser arms of that
// function as rows (the desk's area, its requests and referrals; the organiser's chosen locations, placements and
// referrals). The function stays as the last arm and still decides alone for everyone else, so a row missing here
// only costs time; a row too many would leak, so every change that can take a reach away recounts the family.
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  await sql`
    create table family_reach (
      family_id uuid not null references family(id) on delete cascade,
      kind text not null check (kind in ('desk', 'organiser')),
      tenant_id uuid not null,
      primary key (family_id, kind, tenant_id)
    );
    -- Only the triggers write it (as the owner); the app reads its own tenant's rows.
    revoke insert, update, delete on family_reach from nabij_app;
    alter table family_reach enable row level security;
    create policy tenant on family_reach to nabij_app
      using (nabij_wide() or tenant_id = nabij_setting('nabij.desk_id') or tenant_id = nabij_setting('nabij.organiser_id'));

    -- Recounts the reach of these families from the link tables, under the same per-family locks as the report
    -- recount (0010), so two transactions that change one family recount it one after the other and the second
    -- sees what the first committed.
    create function reach_refresh(families uuid[]) returns void language plpgsql as $fn$
    begin
      if families is null or cardinality(families) = 0 then
        return;
      end if;
      if cardinality(families) > 100 then
        perform pg_advisory_xact_lock(20100, 0);
      else
        perform pg_advisory_xact_lock_shared(20100, 0);
        perform pg_advisory_xact_lock(20101, k) from (select distinct hashtext(u::text) as k from unnest(families) u order by 1) x;
      end if;
      delete from family_reach where family_id = any(families);
      insert into family_reach (family_id, kind, tenant_id)
      select f.id, 'desk', dm.desk_id from family f join desk_municipality dm on dm.nis_code = f.municipality_nis where f.id = any(families)
      union
      select c.family_id, 'desk', q.desk_id from child c join request q on q.child_id = c.id where c.family_id = any(families)
      union
      select x.family_id, 'desk', x.referrer_desk_id from referral x where x.family_id = any(families) and x.referrer_desk_id is not null
      union
      select c.family_id, 'organiser', l.organiser_id from child c join request q on q.child_id = c.id
        join request_location rl on rl.request_id = q.id join location l on l.id = rl.location_id where c.family_id = any(families)
      union
      select c.family_id, 'organiser', l.organiser_id from child c join placement p on p.child_id = c.id
        join location l on l.id = p.location_id where c.family_id = any(families)
      union
      select x.family_id, 'organiser', x.referrer_organiser_id from referral x where x.family_id = any(families) and x.referrer_organiser_id is not null
      -- A row another transaction added for a link this one cannot see yet: it stays, as it should.
      on conflict do nothing;
    end
    $fn$;

    -- One trigger function per table, run once per statement. A new link only adds a reach, so inserts add rows
    -- directly (a concurrent recount that missed the uncommitted link leaves the added row alone); a change or
    -- removal may take a reach away, so it recounts the families under their locks.
    create function reach_family_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        insert into family_reach select n.id, 'desk', dm.desk_id from new_rows n join desk_municipality dm on dm.nis_code = n.municipality_nis
        on conflict do nothing;
      else
        perform reach_refresh(array(select n.id from old_rows o join new_rows n on n.id = o.id where o.municipality_nis is distinct from n.municipality_nis));
      end if;
      return null;
    end
    $fn$;

    create function reach_child_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'DELETE' then
        perform reach_refresh(array(select distinct o.family_id from old_rows o join family f on f.id = o.family_id));
      else
        perform reach_refresh(array(
          select distinct x.family_id from old_rows o join new_rows n on n.id = o.id, lateral (values (o.family_id), (n.family_id)) x(family_id)
          where o.family_id is distinct from n.family_id));
      end if;
      return null;
    end
    $fn$;

    create function reach_request_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        insert into family_reach select distinct c.family_id, 'desk', n.desk_id from new_rows n join child c on c.id = n.child_id
        on conflict do nothing;
      elsif tg_op = 'DELETE' then
        perform reach_refresh(array(select distinct c.family_id from old_rows o join child c on c.id = o.child_id));
      else
        perform reach_refresh(array(
          select distinct c.family_id from old_rows o join new_rows n on n.id = o.id join child c on c.id in (o.child_id, n.child_id)
          where (o.child_id, o.desk_id) is distinct from (n.child_id, n.desk_id)));
      end if;
      return null;
    end
    $fn$;

    create function reach_choice_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        insert into family_reach select distinct c.family_id, 'organiser', l.organiser_id
        from new_rows n join request r on r.id = n.request_id join child c on c.id = r.child_id join location l on l.id = n.location_id
        on conflict do nothing;
      elsif tg_op = 'DELETE' then
        perform reach_refresh(array(select distinct c.family_id from old_rows o join request r on r.id = o.request_id join child c on c.id = r.child_id));
      else
        perform reach_refresh(array(
          select distinct c.family_id from (select request_id from old_rows union select request_id from new_rows) x
          join request r on r.id = x.request_id join child c on c.id = r.child_id));
      end if;
      return null;
    end
    $fn$;

    create function reach_placement_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        insert into family_reach select distinct c.family_id, 'organiser', l.organiser_id
        from new_rows n join child c on c.id = n.child_id join location l on l.id = n.location_id
        on conflict do nothing;
      elsif tg_op = 'DELETE' then
        perform reach_refresh(array(select distinct c.family_id from old_rows o join child c on c.id = o.child_id));
      else
        perform reach_refresh(array(
          select distinct c.family_id from old_rows o join new_rows n on n.id = o.id join child c on c.id in (o.child_id, n.child_id)
          where (o.child_id, o.location_id) is distinct from (n.child_id, n.location_id)));
      end if;
      return null;
    end
    $fn$;

    create function reach_referral_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        insert into family_reach
        select family_id, 'desk', referrer_desk_id from new_rows where referrer_desk_id is not null
        union select family_id, 'organiser', referrer_organiser_id from new_rows where referrer_organiser_id is not null
        on conflict do nothing;
      elsif tg_op = 'DELETE' then
        perform reach_refresh(array(select distinct o.family_id from old_rows o join family f on f.id = o.family_id));
      else
        perform reach_refresh(array(
          select distinct x.family_id from old_rows o join new_rows n on n.id = o.id, lateral (values (o.family_id), (n.family_id)) x(family_id)
          where (o.family_id, o.referrer_desk_id, o.referrer_organiser_id) is distinct from (n.family_id, n.referrer_desk_id, n.referrer_organiser_id)));
      end if;
      return null;
    end
    $fn$;

    -- A desk's area grows or shrinks: every family living in the municipalities concerned.
    create function reach_area_changed() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' then
        perform reach_refresh(array(select f.id from family f where f.municipality_nis in (select nis_code from new_rows)));
      elsif tg_op = 'DELETE' then
        perform reach_refresh(array(select f.id from family f where f.municipality_nis in (select nis_code from old_rows)));
      else
        perform reach_refresh(array(select f.id from family f where f.municipality_nis in (select nis_code from old_rows union select nis_code from new_rows)));
      end if;
      return null;
    end
    $fn$;

    -- A location handed to another organiser: the families that chose it or have a child placed there.
    create function reach_location_changed() returns trigger language plpgsql as $fn$
    begin
      perform reach_refresh(array(
        with moved as (select n.id from old_rows o join new_rows n on n.id = o.id where o.organiser_id is distinct from n.organiser_id)
        select c.family_id from request_location rl join request r on r.id = rl.request_id join child c on c.id = r.child_id where rl.location_id in (select id from moved)
        union
        select c.family_id from placement p join child c on c.id = p.child_id where p.location_id in (select id from moved)));
      return null;
    end
    $fn$;
  `.execute(db);

  // Statement-level triggers, named reach_<what>_<inserted|updated|deleted>, each calling reach_<what>_changed().
  const all = ['insert', 'update', 'delete'] as const;
  const triggers: Array<[table: string, what: string, events: ReadonlyArray<(typeof all)[number]>]> = [
    ['family', 'family', ['insert', 'update']],
    ['child', 'child', ['update', 'delete']],
    ['request', 'request', all],
    ['request_location', 'choice', all],
    ['placement', 'placement', all],
    ['referral', 'referral', all],
    ['desk_municipality', 'area', all],
    ['location', 'location', ['update']],
  ];
  const transition = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' };
  for (const [table, what, events] of triggers) {
    for (const event of events) {
      await sql.raw(`create trigger reach_${what}_${event === 'insert' ? 'inserted' : `${event}d`} after ${event} on ${table}
        referencing ${transition[event]} for each statement execute function reach_${what}_changed()`).execute(db);
    }
  }

  // Every one runs as the owner: the triggers must see every row, whoever changed one.
  for (const fn of ['reach_refresh(uuid[])', 'reach_family_changed()', 'reach_child_changed()', 'reach_request_changed()', 'reach_choice_changed()', 'reach_placement_changed()', 'reach_referral_changed()', 'reach_area_changed()', 'reach_location_changed()']) {
    await sql`alter function ${sql.raw(fn)} security definer set search_path = ${sql.id(schema)}`.execute(db);
  }

  await sql`select reach_refresh(array(select id from family))`.execute(db);

  // The policies of 0018, with the reach lookup before the function. Same rules: the lookup only answers sooner.
  const reach = (column: string) => sql.raw(`exists (select 1 from family_reach fr where fr.family_id = ${column}
    and ((nabij_role() in ('desk_worker', 'desk_coordinator') and fr.kind = 'desk' and fr.tenant_id = nabij_setting('nabij.desk_id'))
      or (nabij_role() = 'provider_staff' and fr.kind = 'organiser' and fr.tenant_id = nabij_setting('nabij.organiser_id'))))`);
  const deskArea = sql.raw(`(nabij_role() in ('desk_worker', 'desk_coordinator')
    and family.municipality_nis in (select dm.nis_code from desk_municipality dm where dm.desk_id = nabij_setting('nabij.desk_id')))`);
  const family = sql`(nabij_wide() or family.id = nabij_setting('nabij.family_id') or ${deskArea} or ${reach('family.id')} or nabij_family_visible(family.id))`;
  await sql`
    drop policy tenant on family;
    create policy tenant on family to nabij_app using ${family} with check ${family};
  `.execute(db);
  for (const table of FAMILY_TABLES) {
    const t = sql.table(table);
    const own = sql`(nabij_wide() or ${sql.ref(`${table}.family_id`)} = nabij_setting('nabij.family_id') or ${reach(`${table}.family_id`)} or nabij_family_visible(${sql.ref(`${table}.family_id`)}))`;
    await sql`
      drop policy tenant on ${t};
      create policy tenant on ${t} to nabij_app using ${own} with check ${own};
    `.execute(db);
  }
  await sql`analyze family_reach`.execute(db);
}
