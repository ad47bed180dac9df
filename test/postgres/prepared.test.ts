// PostgreSQL only: a connection plans a statement with parameters once and reuses it; statements without parameters
// (BEGIN, DDL) stay plain, and the number of kept statements per connection has a ceiling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { connect, type DatabaseHandle } from '../../src/db/connect.ts';
import { hasPostgres } from '../support/db.ts';

describe('prepared statements per connection on PostgreSQL', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let h: DatabaseHandle;
  before(async () => {
    h = await connect({ url: process.env.DATABASE_URL, poolSize: 1 });
  });
  after(() => h.close());

  const kept = async () => (await sql<{ statement: string; calls: number }>`select statement, generic_plans + custom_plans as calls from pg_prepared_statements where statement like '%nabij-prepared-test%'`.execute(h.db)).rows;

  it('keeps a statement with parameters after its first run and plans it from then on as one statement', async () => {
    for (let i = 0; i < 7; i++) await sql`select ${i}::int + 1 as n /* nabij-prepared-test */`.execute(h.db);
    const rows = await kept();
    assert.equal(rows.length, 1, 'one prepared statement for seven runs of the same text');
    assert.equal(Number(rows[0]!.calls), 7);
    // A text without parameters (the style of BEGIN and migration DDL) is never kept.
    await sql`select 1 as n /* nabij-prepared-test plain */`.execute(h.db);
    assert.equal((await kept()).length, 1);
  });

  it('stops keeping new texts once a connection holds 500, and still runs them', async () => {
    for (let i = 0; i < 520; i++) {
      const r = await sql<{ n: number }>`select ${i}::int as n ${sql.raw(`/* nabij-prepared-test ${i} */`)}`.execute(h.db);
      assert.equal(r.rows[0]!.n, i);
    }
    const all = (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(h.db)).rows[0]!.n;
    assert.ok(all <= 500, `${all} statements kept`);
    assert.ok(all >= 499, 'the cap is reached, not avoided');
  });
});
