// Integration: machine clients (OAuth 2.0 client credentials), their access tokens, the event feed and webhooks.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Provider software of one organiser. Only a hash of the secret is kept; the secret is shown once.
    create table api_client (
      id uuid primary key default gen_random_uuid(),
      organiser_id uuid not null references organiser(id),
      name text not null check (length(name) between 1 and 200),
      secret_hash text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      rotated_at timestamptz,
      revoked_at timestamptz
    );
    create index api_client_organiser on api_client(organiser_id);

    -- Short-lived bearer tokens issued to a client; revoking or rotating the client ends them.
    create table api_access_token (
      token_hash text primary key,
      client_id uuid not null references api_client(id),
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index api_access_token_client on api_access_token(client_id);

    -- The event feed: one row per change and subscriber (organiser), written in the transaction of the change.
    -- position is the feed order; appends are serialised (see src/app/integration/events.ts), so positions become
    -- visible in order and a reader resuming after a position never skips one. No foreign keys: it is a log.
    create table event (
      position bigint generated always as identity primary key,
      id uuid not null default gen_random_uuid() unique,
      type text not null,
      source text not null,
      subject text not null,
      organiser_id uuid,
      location_id uuid,
      desk_id uuid,
      data jsonb not null,
      time timestamptz not null
    );
    create index event_organiser on event(organiser_id, position);

    -- One webhook per client: delivery follows the feed with its own cursor, retries with backoff, and stops
    -- after repeated failures until someone sets it again.
    -- What provider software reports about a placement: the actual start, a departure and its reason.
    alter table placement add column departed_on date, add column departure_reason text, add column reported_at timestamptz;

    create table webhook (
      client_id uuid primary key references api_client(id),
      url text not null,
      -- The signing secret must be readable to sign; it is shared with the receiver only.
      secret text not null,
      delivered_position bigint not null default 0,
      failures integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      disabled_at timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
