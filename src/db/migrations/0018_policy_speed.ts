// Tenant policies that the planner can see into: plain SQL arms first, the per-row security-definer functions last.
import { sql, type Kysely } from 'kysely';
import { FAMILY_TABLES } from './0011_row_security.ts';

// The 0011 policies called a plpgsql function for every row a statement touched (about 25 µs each): a provider's list
// of 200 requests spent most of its time there. The same rules are written here as SQL the planner inlines, using
// only tables without policies of their own (request_location, location, placement, desk_municipality) or, for a
// parent, one indexed lookup in child; request.residence_nis (kept by the 0010 triggers) stands in for the family's
// municipality. What needs links across the family tables (referrals, consents, support) stays in the functions.
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  await sql`
    create function nabij_role() returns text language sql stable as $fn$
      select coalesce(current_setting('nabij.role', true), '')
    $fn$;
  `.execute(db);
  const deskArea = (column: string) => sql.raw(`(nabij_role() in ('desk_worker', 'desk_coordinator')
    and ${column} in (select dm.nis_code from desk_municipality dm where dm.desk_id = nabij_setting('nabij.desk_id')))`);
  const request = sql`(nabij_wide()
    or request.desk_id = nabij_setting('nabij.desk_id')
    or request.created_by = nabij_setting('nabij.user_id')
    or ${deskArea('request.residence_nis')}
    or (nabij_role() = 'provider_staff' and (
      exists (select 1 from request_location rl join location l on l.id = rl.location_id where rl.request_id = request.id and l.organiser_id = nabij_setting('nabij.organiser_id'))
      or exists (select 1 from placement p join location l on l.id = p.location_id where p.request_id = request.id and l.organiser_id = nabij_setting('nabij.organiser_id'))))
    or (nabij_role() = 'parent' and exists (select 1 from child c where c.id = request.child_id and c.family_id = nabij_setting('nabij.family_id'))))`;
  await sql`
    drop policy tenant on request;
    create policy tenant on request to nabij_app using ${request} with check ${request};
  `.execute(db);
  await sql`drop function nabij_request_visible(uuid, uuid, uuid, uuid)`.execute(db);

  // The same rules as 0011, but every check starts from the family (an index lookup) and a provider's locations are
  // read once: the generic plan of the old provider check walked all of an organiser's wishes per row (about 1 ms).
  await sql`
    create or replace function nabij_family_visible(fid uuid) returns boolean language plpgsql stable security definer as $fn$
    declare
      r text := coalesce(current_setting('nabij.role', true), '');
      desk uuid := nabij_setting('nabij.desk_id');
      org uuid := nabij_setting('nabij.organiser_id');
      usr uuid := nabij_setting('nabij.user_id');
      own uuid[];
      sm uuid;
    begin
      if r in ('system', 'admin', 'analyst', 'wide') then return true; end if;
      if r = 'parent' then return fid = nabij_setting('nabij.family_id'); end if;
      if r in ('desk_worker', 'desk_coordinator') then
        if exists (select 1 from family f join desk_municipality dm on dm.nis_code = f.municipality_nis where f.id = fid and dm.desk_id = desk)
          or exists (select 1 from child c join request q on q.child_id = c.id where c.family_id = fid and q.desk_id = desk)
          or exists (select 1 from referral x where x.family_id = fid and x.referrer_desk_id = desk) then
          return true;
        end if;
      end if;
      if r = 'provider_staff' then
        own := array(select l.id from location l where l.organiser_id = org);
        if exists (select 1 from child c join request q on q.child_id = c.id join request_location rl on rl.request_id = q.id where c.family_id = fid and rl.location_id = any(own))
          or exists (select 1 from child c join placement p on p.child_id = c.id where c.family_id = fid and p.location_id = any(own))
          or exists (select 1 from referral x where x.family_id = fid and x.referrer_organiser_id = org) then
          return true;
        end if;
      end if;
      if usr is null then return false; end if;
      -- Anyone: families they registered, referred, were referred or named in a consent, or support.
      select u.sm_organization_id into sm from app_user u where u.id = usr;
      return exists (select 1 from child c join request q on q.child_id = c.id where c.family_id = fid and q.created_by = usr)
        or exists (select 1 from referral x where x.family_id = fid and (x.referrer_id = usr or x.organization_id = sm))
        or exists (select 1 from consent k where k.family_id = fid and (usr = any(k.recipient_user_ids) or k.recorded_by = usr))
        or exists (select 1 from concern z where z.family_id = fid and z.author_id = usr)
        or exists (select 1 from support_assignment a join child c on c.id = a.child_id where c.family_id = fid and (a.organization_id = sm or a.created_by = usr));
    end
    $fn$;
  `.execute(db);
  // Replacing a function resets its settings: it still runs as the owner with a fixed search path, as 0011 set.
  await sql`alter function nabij_family_visible(uuid) set search_path = ${sql.id(schema)}`.execute(db);

  const family = sql`(nabij_wide() or family.id = nabij_setting('nabij.family_id') or ${deskArea('family.municipality_nis')} or nabij_family_visible(family.id))`;
  await sql`
    drop policy tenant on family;
    create policy tenant on family to nabij_app using ${family} with check ${family};
  `.execute(db);
  for (const table of FAMILY_TABLES) {
    const t = sql.table(table);
    const own = sql`(nabij_wide() or ${sql.ref(`${table}.family_id`)} = nabij_setting('nabij.family_id') or nabij_family_visible(${sql.ref(`${table}.family_id`)}))`;
    await sql`
      drop policy tenant on ${t};
      create policy tenant on ${t} to nabij_app using ${own} with check ${own};
    `.execute(db);
  }
}
