// Background imports survive a restart: the file and its options stay with the batch while it runs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The uploaded sheet of a background import, kept only while it runs (cleared once it ends), so that another
    -- instance can run it again after a crash; the mapping and the number of attempts go with it.
    alter table import_batch add column file bytea;
    alter table import_batch add column file_format text;
    alter table import_batch add column mapping jsonb;
    alter table import_batch add column attempts integer not null default 1;
  `.execute(db);
}
