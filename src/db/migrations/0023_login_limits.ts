// Login limits as one counter row per key, so a try is counted and checked in one atomic statement.
import { sql, type Kysely } from 'kysely';

// The old table held one row per failure and was counted after a separate insert: concurrent tries all counted
// before any was recorded. Its rows are short-lived by nature (15 minutes), so they are not carried over.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table login_attempt;
    -- Tries per key (an account, an account at a client address, a client address, an API client) in a fixed window.
    create table login_attempt (
      key text primary key,
      failures integer not null default 1,
      window_start timestamptz not null default now()
    );
    create index login_attempt_window on login_attempt(window_start);
  `.execute(db);
}

