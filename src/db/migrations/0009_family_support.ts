// Family support: the social map (Open Referral HSDS), warm referrals with consent, shared concerns, specialised support, Vroeg en Nabij pilots, practices.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The social map follows HSDS: organization, location, service, service_at_location, contact, schedule.
    create table sm_organization (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      alternate_name text,
      description text,
      email text,
      website text,
      tax_id text,
      -- Days a referral may wait before someone of this organisation picks it up; then a reminder goes out.
      pickup_days integer not null default 5 check (pickup_days between 1 and 60),
      updated_at timestamptz not null default now()
    );
    create table sm_location (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references sm_organization(id),
      name text not null,
      description text,
      address_1 text not null,
      city text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      municipality_nis text not null check (municipality_nis ~ '^[0-9]{5}$'),
      latitude double precision,
      longitude double precision
    );
    create index sm_location_organization on sm_location(organization_id);
    create index sm_location_municipality on sm_location(municipality_nis);
    create table sm_service (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references sm_organization(id),
      name text not null,
      alternate_name text,
      description text,
      url text,
      email text,
      phone text,
      status text not null check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      eligibility_description text,
      min_age_months integer check (min_age_months >= 0),
      max_age_months integer check (max_age_months >= 0),
      needs text[] not null default '{}',
      target_groups text[] not null default '{}',
      languages text[] not null default '{}',
      check (min_age_months is null or max_age_months is null or min_age_months <= max_age_months)
    );
    create index sm_service_organization on sm_service(organization_id);
    create table sm_service_at_location (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references sm_service(id),
      location_id uuid not null references sm_location(id),
      unique (service_id, location_id)
    );
    create index sm_service_at_location_location on sm_service_at_location(location_id);
    create table sm_contact (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references sm_organization(id),
      service_id uuid references sm_service(id),
      name text,
      title text,
      email text,
      phone text
    );
    create index sm_contact_organization on sm_contact(organization_id);
    create table sm_schedule (
      id uuid primary key default gen_random_uuid(),
      location_id uuid references sm_location(id),
      service_id uuid references sm_service(id),
      weekdays smallint[] not null,
      opens_at text not null,
      closes_at text not null,
      description text,
      check ((location_id is null) <> (service_id is null))
    );
    create index sm_schedule_location on sm_schedule(location_id);
    create index sm_schedule_service on sm_schedule(service_id);

    -- A staff member who works for an organisation on the social map receives that organisation's referrals.
    alter table app_user add column sm_organization_id uuid references sm_organization(id);

    -- Consent to share: with one organisation (a referral) or with named people (a shared concern), which data, until when.
    alter table consent
      add column recipient_organization_id uuid references sm_organization(id),
      add column recipient_user_ids uuid[],
      add column data_categories text[],
      add column withdrawn_by uuid,
      add column withdrawal_channel text;

    create table referral (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      child_id uuid references child(id),
      service_id uuid not null references sm_service(id),
      organization_id uuid not null references sm_organization(id),
      consent_id uuid not null references consent(id),
      need text,
      question text not null,
      referrer_id uuid,
      referrer_role text not null,
      referrer_desk_id uuid,
      referrer_organiser_id uuid,
      status text not null default 'sent' check (status in ('sent', 'received', 'contact_made', 'support_started', 'closed', 'declined')),
      outcome text,
      decline_reason text,
      sent_at timestamptz not null,
      received_at timestamptz,
      contact_made_at timestamptz,
      support_started_at timestamptz,
      closed_at timestamptz,
      declined_at timestamptz,
      reminded_at timestamptz,
      check ((status = 'closed') = (outcome is not null)),
      check ((status = 'declined') = (decline_reason is not null))
    );
    create index referral_organization on referral(organization_id, status);
    create index referral_referrer on referral(referrer_id);
    create index referral_family on referral(family_id);
    create index referral_waiting on referral(sent_at) where status = 'sent' and reminded_at is null;

    -- The content of the support: only the receiving organisation reads it, never the referrer.
    create table referral_note (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referral(id),
      author_id uuid,
      text text not null,
      created_at timestamptz not null default now()
    );
    create index referral_note_referral on referral_note(referral_id);

    -- Zorg delen: a short, structured note shared only with the people the consent names.
    create table concern (
      id uuid primary key default gen_random_uuid(),
      family_id uuid not null references family(id),
      child_id uuid references child(id),
      consent_id uuid not null references consent(id),
      author_id uuid,
      author_role text not null,
      topic text not null check (topic in ('development', 'wellbeing', 'health', 'family_situation', 'other')),
      observation text not null,
      question text,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_by uuid,
      check ((status = 'closed') = (closed_at is not null))
    );
    create index concern_family on concern(family_id);

    -- Bijschakeling: a service supports a child in its childcare location for a period.
    create table support_assignment (
      id uuid primary key default gen_random_uuid(),
      child_id uuid not null references child(id),
      location_id uuid not null references location(id),
      service_id uuid not null references sm_service(id),
      organization_id uuid not null references sm_organization(id),
      start_date date not null,
      end_date date,
      contact_name text not null,
      contact_phone text,
      contact_email text,
      created_by uuid,
      created_at timestamptz not null default now(),
      check (end_date is null or end_date >= start_date)
    );
    create index support_assignment_location on support_assignment(location_id);
    create index support_assignment_child on support_assignment(child_id);

    -- Vroeg en Nabij pilots: area, period and partners by role.
    create table pilot (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      start_date date not null,
      end_date date not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_date > start_date)
    );
    create table pilot_municipality (
      pilot_id uuid not null references pilot(id) on delete cascade,
      nis_code text not null references municipality(nis_code),
      primary key (pilot_id, nis_code)
    );
    create table pilot_partner (
      id uuid primary key default gen_random_uuid(),
      pilot_id uuid not null references pilot(id) on delete cascade,
      role text not null check (role in ('huis_van_het_kind', 'childcare_location', 'organiser', 'lokaal_loket', 'diagnostics', 'other')),
      location_id uuid references location(id),
      organiser_id uuid references organiser(id),
      desk_id uuid references desk(id),
      organization_id uuid references sm_organization(id),
      name text,
      quality_label boolean not null default false,
      check (role <> 'childcare_location' or location_id is not null),
      check (role <> 'organiser' or organiser_id is not null),
      check (role <> 'lokaal_loket' or desk_id is not null),
      check (role not in ('huis_van_het_kind', 'diagnostics', 'other') or organization_id is not null or name is not null)
    );
    create index pilot_partner_pilot on pilot_partner(pilot_id);

    -- Intervision: practices and tips desk staff share.
    create table practice (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      problem text not null,
      what_worked text not null,
      tips text,
      municipality_nis text not null references municipality(nis_code),
      author_id uuid,
      created_at timestamptz not null default now()
    );
    create index practice_municipality on practice(municipality_nis);
  `.execute(db);
}
