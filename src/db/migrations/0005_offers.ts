// Offers with deadlines, the outbox for notices, idempotency keys, and each desk's answer time for offers.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table desk add column offer_deadline_days integer not null default 10 check (offer_deadline_days between 8 and 14);
    -- Providers answer each new request within this many days (Antwerp: 3 weeks); families without a place this many
    -- months before their start date are listed for the desk.
    alter table desk add column response_days integer not null default 21 check (response_days between 1 and 90);
    alter table desk add column no_place_warning_months integer not null default 6 check (no_place_warning_months between 1 and 24);

    -- A provider's first response to a request that lists one of its locations (the latest one is kept).
    create table request_response (
      request_id uuid not null references request(id),
      location_id uuid not null references location(id),
      kind text not null check (kind in ('seen', 'candidate', 'offered', 'no_place')),
      reason text,
      first_at timestamptz not null,
      updated_at timestamptz not null,
      responded_by uuid,
      primary key (request_id, location_id),
      check (kind <> 'no_place' or reason is not null)
    );

    create table offer (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references request(id),
      location_id uuid not null references location(id),
      start_date date not null,
      end_date date not null,
      care_days jsonb not null,
      deadline timestamptz not null,
      status text not null default 'open' check (status in ('open', 'accepted', 'accepted_keep_waiting', 'declined', 'expired', 'withdrawn')),
      round_proposal_id uuid references round_proposal(id),
      deviation_id uuid references deviation(id),
      placement_id uuid references placement(id),
      created_by uuid,
      created_at timestamptz not null default now(),
      answered_at timestamptz,
      answered_by uuid,
      answer_channel text,
      reminded_at timestamptz,
      check (end_date >= start_date)
    );
    -- One open offer per request and location; open offers hold their seats until answered.
    create unique index offer_one_open on offer(request_id, location_id) where status = 'open';
    create index offer_location_open on offer(location_id) where status = 'open';
    create index offer_deadline_open on offer(deadline) where status = 'open';
    create index offer_request on offer(request_id);

    -- Side effects (mail, letters, notices to providers) written in the same transaction as the change.
    create table outbox (
      id bigint generated always as identity primary key,
      topic text not null,
      recipient jsonb not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text
    );
    create index outbox_pending on outbox(next_attempt_at) where sent_at is null;

    -- A retried request with the same key gets the first answer back instead of acting twice.
    create table idempotency_key (
      actor_key text not null,
      key text not null,
      action text not null,
      result jsonb,
      created_at timestamptz not null default now(),
      primary key (actor_key, key)
    );
  `.execute(db);
}
