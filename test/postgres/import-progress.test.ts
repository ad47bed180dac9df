// PostgreSQL only: a page polling a background import never reads 'committed' before the import's rows are
// committed. The batch row is held locked from a second session, so the import's last write waits; meanwhile the
// live progress must still say 'running', and the report must be complete the moment it says 'committed'.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUserWithToken } from '../../src/app/accounts.ts';
import { getImportProgress, getImportReport, startImport } from '../../src/app/import/waiting-list.ts';
import type { Actor } from '../../src/app/permissions.ts';
import { connect } from '../../src/db/connect.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

const ROWS = 40;

describe('background import progress on postgres', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let actor: Actor;
  const lines = readFileSync(new URL('../fixtures/import/wachtlijst-5000.csv', import.meta.url), 'utf8').split('\r\n');
  const file = { content: Buffer.from(`${lines.slice(0, ROWS + 1).join('\r\n')}\r\n`, 'utf8'), fileName: 'wachtlijst.csv' };
  before(async () => {
    t = await postgres.open({ poolSize: 4 });
    await seedDemo(t.ctx, 0);
    const deskId = (await t.ctx.db.selectFrom('desk').select('id').executeTakeFirstOrThrow()).id;
    const { userId } = await createUserWithToken(t.ctx.db, { name: 'Coördinator', email: 'progress@test.example', role: 'desk_coordinator', deskId }, 'tok-progress');
    actor = { userId, role: 'desk_coordinator', deskId, organiserId: null, channel: 'web' };
  });
  after(() => t.close());

  it('says committed only once the rows can be read', async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    const other = await connect({ url: process.env.DATABASE_URL!, schema, poolSize: 1 });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    let holder: Promise<unknown> = Promise.resolve();
    try {
      const { batchId, done } = await startImport(t.ctx, actor, file);
      holder = other.db.transaction().execute(async (tx) => {
        await tx.selectFrom('import_batch').select('id').where('id', '=', batchId).forUpdate().execute();
        locked();
        await released;
      });
      await isLocked;
      // Every row registered, the final write waiting for the lock: the import is not committed yet.
      for (let i = 0; i < 400; i++) {
        const p = await getImportProgress(t.ctx, actor, batchId);
        assert.notEqual(p.status, 'committed', 'committed while the batch row was still being written');
        if (p.processed === ROWS) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await getImportProgress(t.ctx, actor, batchId)).status, 'running');
      release();
      await holder;
      for (let i = 0; i < 400; i++) {
        const p = await getImportProgress(t.ctx, actor, batchId);
        if (p.status === 'committed') {
          const report = await getImportReport(t.ctx, actor, batchId);
          assert.equal(report.status, 'committed');
          assert.equal(report.created, ROWS, 'the report is complete as soon as the progress says committed');
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      assert.equal((await done)?.status, 'committed');
    } finally {
      release();
      await holder.catch(() => undefined);
      await other.close();
    }
  });
});
