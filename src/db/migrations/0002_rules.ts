// Priority rules: declared family facts with their evidence, provider rule settings, placements, deviations and lottery draws.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Each declaration is the family's full set of facts on a date; the rules read the one in force when they need it.
    create table fact_declaration (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      child_id uuid references child(id),
      facts jsonb not null,
      sources jsonb not null,
      declared_on date not null,
      recorded_by uuid,
      channel text not null,
      created_at timestamptz not null default now()
    );
    create index fact_declaration_family on fact_declaration(family_id, declared_on);

    -- The vulnerable-family classification, computed from the latest facts and kept with its reasons.
    create table family_vulnerability (
      family_id uuid primary key references family(id),
      vulnerable boolean not null,
      characteristics jsonb not null,
      computed_at timestamptz not null default now()
    );

    -- A provider's choices the rule set leaves to it: the order of the absolute groups (set B) and the tie-break.
    create table location_rule_settings (
      location_id uuid primary key references location(id),
      group_order text[],
      tie_break jsonb,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table placement (
      id uuid primary key default gen_random_uuid(),
      child_id uuid not null references child(id),
      location_id uuid not null references location(id),
      request_id uuid references request(id),
      start_date date not null,
      end_date date not null,
      care_days jsonb not null,
      created_at timestamptz not null default now(),
      check (end_date >= start_date)
    );
    create index placement_location on placement(location_id, start_date, end_date);
    create index placement_child on placement(child_id);

    -- The advice that allows a deviation: given by a desk or partner organisation, received by the provider.
    create table deviation_advice (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      location_id uuid not null references location(id),
      adviser_organisation text not null,
      adviser_type text not null,
      advice_date date not null,
      ground text not null check (ground in ('child_interest', 'health_or_welfare')),
      note text,
      given_by uuid,
      given_by_role text not null,
      created_at timestamptz not null default now()
    );
    create index deviation_advice_request on deviation_advice(request_id);

    create table deviation (
      id uuid primary key default gen_random_uuid(),
      advice_id uuid not null references deviation_advice(id),
      location_id uuid not null references location(id),
      request_id uuid not null references request(id),
      year integer not null,
      rule_set_id text not null,
      adviser_organisation text not null,
      adviser_type text not null,
      advice_date date not null,
      ground text not null check (ground in ('child_interest', 'health_or_welfare')),
      note text,
      recorded_by uuid,
      created_at timestamptz not null default now(),
      unique (location_id, request_id)
    );
    create index deviation_location_year on deviation(location_id, year);

    -- Recorded lottery draws, so a lottery order can be reproduced and audited.
    create table lottery_draw (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references location(id),
      seed text not null,
      place_start date not null,
      drawn_at timestamptz not null default now(),
      drawn_by uuid,
      numbers jsonb not null
    );
  `.execute(db);
}
