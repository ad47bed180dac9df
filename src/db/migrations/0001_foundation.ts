// Foundation tables: places (municipality, desk, organiser, location), families, children, requests, consents, duplicates, users, audit.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table municipality (
      nis_code text primary key check (nis_code ~ '^[0-9]{5}$'),
      name text not null
    );
    create table desk (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      email text,
      phone text,
      max_locations integer check (max_locations between 1 and 50),
      created_at timestamptz not null default now()
    );
    -- A municipality is served by exactly one desk; an inter-municipal desk serves several.
    create table desk_municipality (
      desk_id uuid not null references desk(id),
      nis_code text not null references municipality(nis_code) unique,
      primary key (desk_id, nis_code)
    );
    create table organiser (
      id uuid primary key default gen_random_uuid(),
      kbo text not null unique check (kbo ~ '^[01][0-9]{9}$' and (substr(kbo, 1, 8)::bigint + substr(kbo, 9, 2)::bigint) % 97 = 0),
      name text not null,
      created_at timestamptz not null default now()
    );
    create table location (
      id uuid primary key default gen_random_uuid(),
      organiser_id uuid not null references organiser(id),
      name text not null,
      street text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      municipality_nis text not null references municipality(nis_code),
      type text not null check (type in ('group', 'family', 'kleuteropvang')),
      subsidy_step text not null check (subsidy_step in ('T0', 'T1', 'T2', 'T3')),
      licensed_capacity integer not null check (licensed_capacity between 1 and 200),
      min_age_months integer not null default 0 check (min_age_months >= 0),
      max_age_months integer not null default 36,
      opening_weekdays smallint[] not null default '{1,2,3,4,5}',
      opgroeien_id text unique check (opgroeien_id ~ '^[0-9]{1,10}$'),
      created_at timestamptz not null default now(),
      check (max_age_months > min_age_months),
      check (type <> 'family' or licensed_capacity <= 8)
    );
    create index location_organiser on location(organiser_id);
    create index location_municipality on location(municipality_nis);

    create table family (
      id uuid primary key default gen_random_uuid(),
      municipality_nis text not null references municipality(nis_code),
      street text,
      postal_code text,
      preferred_language text not null default 'nl',
      created_at timestamptz not null default now()
    );
    create table guardian (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      given_name text not null,
      family_name text not null,
      family_name_key text not null,
      email text,
      email_key text,
      phone text,
      phone_key text,
      insz text unique check (insz ~ '^[0-9]{11}$'),
      preferred_language text not null default 'nl',
      created_at timestamptz not null default now()
    );
    create index guardian_family on guardian(family_id);
    create index guardian_family_name_key on guardian(family_name_key);
    create index guardian_email_key on guardian(email_key) where email_key is not null;
    create index guardian_phone_key on guardian(phone_key) where phone_key is not null;

    create table child (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      insz text check (insz ~ '^[0-9]{11}$'),
      given_name text,
      given_name_key text,
      family_name text not null,
      family_name_key text not null,
      birth_date date,
      due_date date,
      birth_order smallint not null default 1 check (birth_order between 1 and 6),
      merged_into uuid references child(id),
      created_at timestamptz not null default now(),
      check (birth_date is not null or due_date is not null)
    );
    -- One child per national number across the whole installation.
    create unique index child_insz on child(insz) where insz is not null and merged_into is null;
    create index child_family on child(family_id);
    -- The duplicate check looks children up by family name or family within a window around the birth or due date.
    create index child_name_date on child(family_name_key, (coalesce(birth_date, due_date))) where merged_into is null;
    create index child_family_date on child(family_id, (coalesce(birth_date, due_date))) where merged_into is null;

    create sequence request_number_seq;
    create table request (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      child_id uuid not null references child(id),
      applicant_id uuid not null references guardian(id),
      desk_id uuid not null references desk(id),
      desired_start_date date not null,
      flexibility_weeks integer not null default 0 check (flexibility_weeks between 0 and 52),
      care_days jsonb not null,
      urgent boolean not null default false,
      -- The family also accepts any location in the desk's area, besides the ones it ranked.
      accepts_any_location boolean not null default false,
      status text not null check (status in ('registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'merged')),
      merged_into uuid references request(id),
      registered_on date not null,
      channel text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'merged') = (merged_into is not null))
    );
    -- The database itself guarantees one open request per child.
    create unique index request_one_open_per_child on request(child_id) where status in ('registered', 'active', 'offered');
    create index request_desk_status on request(desk_id, status);
    create index request_child on request(child_id);
    create index request_any_location on request(desk_id) where accepts_any_location and status in ('registered', 'active');

    create table request_location (
      request_id uuid not null references request(id) on delete cascade,
      rank integer not null check (rank >= 1),
      location_id uuid not null references location(id),
      primary key (request_id, rank),
      unique (request_id, location_id)
    );
    create index request_location_location on request_location(location_id);

    create table request_event (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      from_status text,
      to_status text not null,
      reason text,
      actor_id uuid,
      actor_role text not null,
      channel text not null,
      at timestamptz not null default now()
    );
    create index request_event_request on request_event(request_id, at);

    create table consent (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      child_id uuid references child(id),
      subject text not null,
      purpose text not null,
      given_by uuid references guardian(id),
      recorded_by uuid,
      channel text not null,
      granted_at timestamptz not null default now(),
      valid_until date,
      withdrawn_at timestamptz
    );
    create index consent_family on consent(family_id);

    create table duplicate_candidate (
      id uuid primary key default gen_random_uuid(),
      child_a uuid not null references child(id),
      child_b uuid not null references child(id),
      score integer not null,
      reasons jsonb not null,
      status text not null default 'open' check (status in ('open', 'merged', 'not_duplicate')),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolved_by uuid,
      unique (child_a, child_b),
      check (child_a < child_b)
    );
    create index duplicate_candidate_open on duplicate_candidate(status) where status = 'open';

    create table child_merge (
      id uuid primary key default gen_random_uuid(),
      surviving_child uuid not null references child(id),
      merged_child uuid not null references child(id) unique,
      moved jsonb not null,
      actor_id uuid,
      at timestamptz not null default now()
    );

    create table app_user (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      email text not null unique,
      role text not null check (role in ('desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'analyst', 'admin')),
      desk_id uuid references desk(id),
      organiser_id uuid references organiser(id),
      created_at timestamptz not null default now(),
      check (role not in ('desk_worker', 'desk_coordinator') or desk_id is not null),
      check (role <> 'provider_staff' or organiser_id is not null)
    );
    create table api_token (
      token_hash text primary key,
      user_id uuid not null references app_user(id),
      label text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );

    -- Who touched whose personal data, never the data itself.
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_role text not null,
      action text not null,
      channel text not null,
      subject_ids uuid[] not null default '{}'
    );
    create index audit_log_at on audit_log(at);
  `.execute(db);
}
