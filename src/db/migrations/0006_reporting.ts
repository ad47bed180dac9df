// Reporting: subsidy groups for Opgroeien's yearly provider files, birth numbers, the 'unknown outcome' status and indexes for the dashboard.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A desk closes a request whose outcome it could not learn; the counting rules do not count it as unanswered.
    alter table request drop constraint request_status_check;
    alter table request add constraint request_status_check
      check (status in ('registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'unknown_outcome', 'merged'));

    -- Opgroeien grants subsidies to a group of locations; the yearly FO-RE-19 and FO-RE-30 files are per group.
    create table subsidy_group (
      id uuid primary key default gen_random_uuid(),
      organiser_id uuid not null references organiser(id),
      opgroeien_id bigint not null unique check (opgroeien_id between 1 and 9999999999),
      name text not null check (length(name) between 1 and 50),
      -- The period in which the group's places have the income tariff (null: no end known).
      income_tariff_from date,
      income_tariff_until date,
      plus_subsidy boolean not null default false,
      check (income_tariff_until is null or income_tariff_from is null or income_tariff_until >= income_tariff_from)
    );
    create index subsidy_group_organiser on subsidy_group(organiser_id);
    alter table location add column subsidy_group_id uuid references subsidy_group(id);

    -- Births per municipality and year (from Statbel or the municipality), for places per 100 children.
    create table birth_count (
      nis_code text not null references municipality(nis_code),
      year integer not null check (year between 1990 and 2100),
      births integer not null check (births >= 0),
      primary key (nis_code, year)
    );

    create index request_registered_on on request(registered_on) where status <> 'merged';
    create index request_open_start on request(desired_start_date) where status in ('registered', 'active', 'offered');
    -- The dashboard's free places look only at placements that have not ended yet.
    create index placement_end on placement(end_date);
  `.execute(db);
}
