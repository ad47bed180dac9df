// Waiting-list import: one row per import attempt with its progress, the fingerprints of imported rows, and search indexes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One import of a sheet into a desk. Progress is written while it runs so that a page can show it; the problems
    -- (line, column, code and texts, never the cell values) stay for the desk to read back.
    create table import_batch (
      id uuid primary key default gen_random_uuid(),
      desk_id uuid not null references desk(id),
      created_by uuid,
      channel text not null,
      file_name text,
      file_sha256 text not null,
      status text not null default 'running' check (status in ('running', 'committed', 'refused', 'failed')),
      total integer not null default 0,
      processed integer not null default 0,
      created integer not null default 0,
      skipped integer not null default 0,
      problem_count integer not null default 0,
      report jsonb,
      error text,
      started_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index import_batch_desk on import_batch(desk_id, started_at desc);

    -- A row once imported into a desk, by the hash of what it says: importing the same file again skips it.
    create table import_row (
      desk_id uuid not null references desk(id),
      fingerprint text not null,
      batch_id uuid not null references import_batch(id),
      line integer not null,
      request_id uuid references request(id),
      primary key (desk_id, fingerprint)
    );
    create index import_row_batch on import_row(batch_id);

    -- Search by the start of a name (LIKE 'peet%') and by a child's birth or due date.
    create index child_family_name_prefix on child(family_name_key text_pattern_ops) where merged_into is null;
    create index child_given_name_prefix on child(given_name_key text_pattern_ops) where merged_into is null;
    create index child_born_or_due on child((coalesce(birth_date, due_date))) where merged_into is null;
    create index guardian_family_name_prefix on guardian(family_name_key text_pattern_ops);
  `.execute(db);
}
