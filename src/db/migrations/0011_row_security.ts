// Row-level security: the restricted role every use case runs as, and the tenant policies on the personal-data tables.
import { sql, type Kysely } from 'kysely';

/** The tables that hold a family's personal data and carry a family_id; request is handled on its own. */
export const FAMILY_TABLES = ['guardian', 'child', 'fact_declaration', 'family_vulnerability', 'consent', 'referral', 'concern'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  const s = sql.id(schema);
  // Roles belong to the whole server: several installations (or test schemas) share it, and may create it at once.
  await sql`
    do $do$
    begin
      if not exists (select 1 from pg_roles where rolname = 'nabij_app') then
        create role nabij_app nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end
    $do$;
    do $do$
    begin
      execute format('grant nabij_app to %I', current_user);
    exception when others then null;
    end
    $do$;
  `.execute(db);
  // The app role gets plain table rights, also on tables later migrations add (default privileges of this owner).
  await sql`
    grant usage on schema ${s} to nabij_app;
    grant select, insert, update, delete on all tables in schema ${s} to nabij_app;
    grant usage, select, update on all sequences in schema ${s} to nabij_app;
    alter default privileges in schema ${s} grant select, insert, update, delete on tables to nabij_app;
    alter default privileges in schema ${s} grant usage, select, update on sequences to nabij_app;
  `.execute(db);

  // The report triggers recount whole families: they must see every row, whoever changed one.
  for (const fn of ['report_request_residence()', 'report_refresh(uuid[], boolean)', 'report_request_changed()', 'report_child_changed()', 'report_family_changed()', 'report_facts_changed()', 'report_choice_changed()', 'report_location_changed()']) {
    await sql`alter function ${sql.raw(fn)} security definer set search_path = ${s}`.execute(db);
  }

  // Who asks, as set per transaction by the application (see src/app/tenancy.ts). Unset means nothing is visible.
  // The functions run as the owner (security definer), so they read the link tables without recursing into policies.
  await sql`
    create function nabij_setting(name text) returns uuid language sql stable as $fn$
      select nullif(current_setting(name, true), '')::uuid
    $fn$;
    create function nabij_wide() returns boolean language sql stable as $fn$
      select coalesce(current_setting('nabij.role', true), '') in ('system', 'admin', 'analyst', 'wide')
    $fn$;

    create function nabij_family_visible(fid uuid) returns boolean language plpgsql stable security definer as $fn$
    declare
      r text := coalesce(current_setting('nabij.role', true), '');
      desk uuid := nabij_setting('nabij.desk_id');
      org uuid := nabij_setting('nabij.organiser_id');
      usr uuid := nabij_setting('nabij.user_id');
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
        if exists (select 1 from child c join request q on q.child_id = c.id join request_location rl on rl.request_id = q.id join location l on l.id = rl.location_id where c.family_id = fid and l.organiser_id = org)
          or exists (select 1 from child c join placement p on p.child_id = c.id join location l on l.id = p.location_id where c.family_id = fid and l.organiser_id = org)
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

    -- Mirrors the 'request' scope of src/app/scopes.ts, plus a desk's view of families living in its area.
    create function nabij_request_visible(rid uuid, rdesk uuid, rchild uuid, rcreator uuid) returns boolean language plpgsql stable security definer as $fn$
    declare
      r text := coalesce(current_setting('nabij.role', true), '');
      org uuid := nabij_setting('nabij.organiser_id');
    begin
      if r in ('system', 'admin', 'analyst', 'wide') then return true; end if;
      if rcreator is not null and rcreator = nabij_setting('nabij.user_id') then return true; end if;
      if r in ('desk_worker', 'desk_coordinator') then
        return rdesk = nabij_setting('nabij.desk_id')
          or exists (select 1 from child c join family f on f.id = c.family_id join desk_municipality dm on dm.nis_code = f.municipality_nis where c.id = rchild and dm.desk_id = nabij_setting('nabij.desk_id'));
      end if;
      if r = 'provider_staff' then
        return exists (select 1 from request_location rl join location l on l.id = rl.location_id where rl.request_id = rid and l.organiser_id = org)
          or exists (select 1 from placement p join location l on l.id = p.location_id where p.request_id = rid and l.organiser_id = org);
      end if;
      if r = 'parent' then
        return exists (select 1 from child c where c.id = rchild and c.family_id = nabij_setting('nabij.family_id'));
      end if;
      return false;
    end
    $fn$;
  `.execute(db);
  for (const fn of ['nabij_family_visible(uuid)', 'nabij_request_visible(uuid, uuid, uuid, uuid)']) {
    await sql`alter function ${sql.raw(fn)} set search_path = ${s}`.execute(db);
  }

  // Not FORCEd: the owner (migrations, jobs, login lookups) keeps full access; use cases switch to nabij_app.
  await sql`
    alter table family enable row level security;
    create policy tenant on family to nabij_app using (nabij_wide() or nabij_family_visible(id)) with check (nabij_wide() or nabij_family_visible(id));
    alter table request enable row level security;
    create policy tenant on request to nabij_app
      using (nabij_wide() or desk_id = nabij_setting('nabij.desk_id') or nabij_request_visible(id, desk_id, child_id, created_by))
      with check (nabij_wide() or desk_id = nabij_setting('nabij.desk_id') or nabij_request_visible(id, desk_id, child_id, created_by));
  `.execute(db);
  for (const table of FAMILY_TABLES) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      create policy tenant on ${sql.table(table)} to nabij_app using (nabij_wide() or nabij_family_visible(family_id)) with check (nabij_wide() or nabij_family_visible(family_id));
    `.execute(db);
  }
}
