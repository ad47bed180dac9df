// PostgreSQL only: when the server ends an idle pooled connection (restart, administrator), the app keeps running.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { connect } from '../../src/db/connect.ts';
import { hasPostgres } from '../support/db.ts';

describe('a pooled connection ended by the server', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  it('is replaced on the next query instead of stopping the process', async () => {
    const h = await connect({ url: process.env.DATABASE_URL, poolSize: 1 });
    const admin = await connect({ url: process.env.DATABASE_URL, poolSize: 1 });
    try {
      const first = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0]!.pid;
      // The connection now sits idle in the pool; the server ends it, as a restart or pg_terminate_backend would.
      const ended = (await sql<{ ok: boolean }>`select pg_terminate_backend(${first}::int) as ok`.execute(admin.db)).rows[0]!.ok;
      assert.equal(ended, true);
      // Give the pool time to hear of it: without a listener the error event would end this test process here.
      await new Promise((r) => setTimeout(r, 300));
      const next = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0]!.pid;
      assert.notEqual(next, first, 'a new connection answered');
    } finally {
      await h.close();
      await admin.close();
    }
  });
});
