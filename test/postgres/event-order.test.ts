// PostgreSQL only: two app instances append events concurrently while a reader follows the feed by cursor;
// the reader sees every event exactly once, because appends take turns until they commit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { emit, flushEvents } from '../../src/app/integration/events.ts';
import type { AppContext } from '../../src/app/context.ts';
import { connect, type DatabaseHandle } from '../../src/db/connect.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

const ORGANISER = '11111111-1111-1111-1111-111111111111';

describe('event feed order under concurrent writers on PostgreSQL', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let second: DatabaseHandle;
  before(async () => {
    t = await postgres.open({ poolSize: 12 });
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    second = await connect({ url: process.env.DATABASE_URL, schema, poolSize: 12 });
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  it('a reader polling with its cursor never skips an event, though transactions take positions and commit at different speeds', async () => {
    const instances: AppContext[] = [t.ctx, { db: second.db, now: t.ctx.now }];
    const WRITES = 240;
    let done = false;
    const writer = async (i: number) => {
      const ctx = instances[i % 2] as AppContext;
      await ctx.db.transaction().execute(async (tx) => {
        emit(tx, ctx, { type: 'offer.made', source: 'urn:test', subject: `w${i}`, organiserId: ORGANISER, data: { i } });
        await flushEvents(tx);
        // Work after the position is taken, of varying length: without the lock, later positions would commit first.
        await new Promise((r) => setTimeout(r, (i * 7) % 13));
      });
    };
    const seen: string[] = [];
    const reader = (async () => {
      let cursor = 0;
      for (;;) {
        const finished = done;
        const rows = await t.ctx.db.selectFrom('event').select(['position', 'subject']).where('organiser_id', '=', ORGANISER).where('position', '>', cursor).orderBy('position').limit(50).execute();
        for (const r of rows) {
          seen.push(r.subject);
          cursor = Number(r.position);
        }
        if (finished && rows.length === 0) return;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await Promise.all(Array.from({ length: WRITES }, (_, i) => writer(i)));
    done = true;
    await reader;
    assert.equal(seen.length, WRITES, 'every event seen by the cursor reader');
    assert.equal(new Set(seen).size, WRITES, 'none twice');
  });
});
