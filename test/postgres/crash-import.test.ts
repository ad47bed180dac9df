// PostgreSQL only: the server is killed (SIGKILL) in the middle of a background waiting-list import. Nothing of the
// import is stored; a restarted instance's jobs find the batch nobody works on and run it again, in full, once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createUserWithToken } from '../../src/app/accounts.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

const ROWS = 1500;

async function serve(schema: string, jobs: boolean): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['test/support/serve-child.ts', process.env.DATABASE_URL as string, schema], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NABIJ_JOBS: jobs ? 'on' : 'off' } });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /port (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  return { child, port };
}

const until = async (what: string, ms: number, test: () => Promise<boolean>) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
};

describe('SIGKILL during a background import', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites', timeout: 600_000 }, () => {
  let t: TestDb;
  let schema: string;
  let token: string;
  let deskId: string;
  const lines = readFileSync(new URL('../fixtures/import/wachtlijst-5000.csv', import.meta.url), 'utf8').split('\r\n');
  const file = Buffer.from(`${lines.slice(0, ROWS + 1).join('\r\n')}\r\n`, 'utf8');
  before(async () => {
    t = await postgres.open();
    await seedDemo(t.ctx, 0);
    deskId = (await t.ctx.db.selectFrom('desk').select('id').executeTakeFirstOrThrow()).id;
    token = (await createUserWithToken(t.ctx.db, { name: 'Coördinator', email: 'crash-import@test.example', role: 'desk_coordinator', deskId }, 'tok-crash-import')).token;
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
  });
  after(() => t.close());

  const counts = async () => (await sql<{ requests: number; children: number; imported: number }>`select (select count(*)::int from request) as requests, (select count(*)::int from child) as children, (select count(*)::int from import_row) as imported`.execute(t.ctx.db)).rows[0]!;
  const batch = (id: string) => t.ctx.db.selectFrom('import_batch').select(['status', 'processed', 'total', 'created', 'attempts', 'error', sql<boolean>`file is not null`.as('has_file')]).where('id', '=', id).executeTakeFirstOrThrow();

  it('stores nothing of the killed import, and a restarted instance imports every row once', async () => {
    const before = await counts();
    // A batch an earlier instance left behind while answering in the same request: it kept no file, so it cannot be
    // resumed and must be closed as failed, so the desk knows to import again.
    const orphan = await t.ctx.db.insertInto('import_batch').values({ desk_id: deskId, created_by: null, channel: 'api', file_name: 'oud.csv', file_sha256: 'x', report: null, error: null }).returning('id').executeTakeFirstOrThrow();

    const first = await serve(schema, false);
    after(() => first.child.kill('SIGKILL'));
    const r = await fetch(`http://127.0.0.1:${first.port}/api/v1/imports?background=true&fileName=wachtlijst.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: file });
    assert.equal(r.status, 202, await r.clone().text());
    const { batchId } = (await r.json()) as { batchId: string };
    // Kill it while it registers rows: its progress, written outside the import's transaction, shows where it is.
    await until('the import is under way', 120_000, async () => (await batch(batchId)).processed >= 100);
    const mid = await batch(batchId);
    assert.ok(mid.processed < ROWS, `killed in the middle (${mid.processed} of ${ROWS})`);
    const exited = new Promise((res) => first.child.once('exit', res));
    first.child.kill('SIGKILL');
    await exited;
    await until('PostgreSQL ends the dead connection', 30_000, async () => (await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory'`.execute(t.ctx.db)).rows[0]!.n === 0);
    assert.deepEqual(await counts(), before, 'nothing of the killed import was stored');
    const left = await batch(batchId);
    assert.equal(left.status, 'running');
    assert.equal(left.has_file, true, 'the file waits with the batch');

    const second = await serve(schema, true);
    try {
      await until('the restarted instance finishes the import', 300_000, async () => (await batch(batchId)).status !== 'running');
      const done = await batch(batchId);
      assert.deepEqual({ status: done.status, created: done.created, attempts: done.attempts, error: done.error, has_file: done.has_file }, { status: 'committed', created: ROWS, attempts: 2, error: null, has_file: false });
      const now = await counts();
      assert.deepEqual(now, { requests: before.requests + ROWS, children: before.children + ROWS, imported: before.imported + ROWS });
      const gone = await batch(orphan.id);
      assert.deepEqual({ status: gone.status, error: gone.error }, { status: 'failed', error: 'interrupted' });
      const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['import.resumed', 'import.interrupted', 'import.commit']).execute();
      assert.deepEqual(audits.map((a) => a.action).sort(), ['import.commit', 'import.interrupted', 'import.resumed']);
      // The desk reads the outcome through the API of the new instance, as its page does.
      const report = await fetch(`http://127.0.0.1:${second.port}/api/v1/imports/${batchId}/report`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(report.status, 200);
      assert.equal(((await report.json()) as { status: string }).status, 'committed');
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
