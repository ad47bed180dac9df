// Matching rounds: the input snapshot, parameters and results of a desk's round, and the proposals providers answer.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table matching_round (
      id uuid primary key default gen_random_uuid(),
      desk_id uuid not null references desk(id),
      period_start date not null,
      mode text not null check (mode in ('da', 'optimal')),
      seed integer not null,
      input jsonb not null,
      input_hash text not null,
      outcome jsonb not null,
      verifier jsonb not null,
      created_by uuid,
      created_at timestamptz not null default now()
    );
    create index matching_round_desk on matching_round(desk_id, created_at);

    create table round_proposal (
      id uuid primary key default gen_random_uuid(),
      round_id uuid not null references matching_round(id),
      request_id uuid not null references request(id),
      location_id uuid not null references location(id),
      wish integer not null,
      reason jsonb not null,
      status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'rejected')),
      rejection_reason text,
      decided_by uuid,
      decided_at timestamptz,
      unique (round_id, request_id),
      check ((status = 'rejected') = (rejection_reason is not null))
    );
    create index round_proposal_location on round_proposal(location_id, status);
  `.execute(db);
}
