// Capacity over time: the open (staffed) seats per weekday a provider states, each from a date on.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table location_capacity (
      location_id uuid not null references location(id),
      valid_from date not null,
      open_seats smallint[] not null check (array_length(open_seats, 1) = 5),
      note text,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (location_id, valid_from)
    );
  `.execute(db);
}
