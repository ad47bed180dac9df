// PostgreSQL only: the server is killed (SIGKILL) in the middle of a matching round's transaction, with the round and
// its proposals written but not committed. After a restart nothing of it is left, and the round runs again in full.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { setCapacity } from '../../src/app/capacity.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { connect, type DatabaseHandle } from '../../src/db/connect.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

async function serve(schema: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['test/support/serve-child.ts', process.env.DATABASE_URL as string, schema], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /port (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  return { child, port };
}

describe('SIGKILL during a matching round’s commit', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let w: World;
  let schema: string;
  let holder: DatabaseHandle;
  before(async () => {
    t = await postgres.open();
    w = await buildWorld(t.ctx);
    await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] });
    await setCapacity(t.ctx, w.actors.provider1!, w.loc2, { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
    for (let i = 0; i < 12; i++) {
      await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: `P${i}`, familyName: `Ronde${i}`, email: `r${i}@mail.example` }, child: { familyName: `Ronde${i}`, dueDate: `2027-0${1 + (i % 6)}-1${i % 9}` }, desiredStartDate: '2027-09-01' }));
    }
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    holder = await connect({ url: process.env.DATABASE_URL, schema, poolSize: 1 });
  });
  after(async () => {
    await holder.close();
    await t.close();
  });

  const counts = async () => (await sql<{ rounds: number; proposals: number; audits: number }>`select (select count(*)::int from matching_round) as rounds, (select count(*)::int from round_proposal) as proposals, (select count(*)::int from audit_log where action = 'matching.run') as audits`.execute(t.ctx.db)).rows[0]!;

  it('leaves nothing half-written, and the restarted server runs the round in full', async () => {
    const before = await counts();
    const first = await serve(schema);
    // Hold the round at its last write: the audit row waits for this lock, after the round and its proposals.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const locked = holder.db.transaction().execute(async (tx) => {
      await sql`lock table audit_log in share row exclusive mode`.execute(tx);
      await released;
    });
    const call = fetch(`http://127.0.0.1:${first.port}/api/v1/matching-rounds`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.coordA}`, 'content-type': 'application/json' }, body: JSON.stringify({ periodStart: '2027-09-01', mode: 'da', seed: 7 }) }).catch((e: unknown) => e);
    let waiting = 0;
    for (let i = 0; i < 300 && !waiting; i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = (await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted and relation = 'audit_log'::regclass`.execute(t.ctx.db)).rows[0]!.n;
    }
    assert.equal(waiting, 1, 'the round reached its last write');
    const uncommitted = (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%' or wait_event_type = 'Lock'`.execute(t.ctx.db)).rows[0]!.n;
    assert.ok(uncommitted >= 1);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    assert.ok((await call) instanceof Error, 'the client saw the connection drop');
    release();
    await locked;
    // PostgreSQL rolls back the dead connection's transaction: no round, no proposal, no audit row.
    for (let i = 0; i < 50 && (await sql<{ n: number }>`select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.relation = 'matching_round'::regclass`.execute(t.ctx.db)).rows[0]!.n > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await counts(), before);

    const second = await serve(schema);
    try {
      const r = await fetch(`http://127.0.0.1:${second.port}/api/v1/matching-rounds`, { method: 'POST', headers: { authorization: `Bearer ${w.tokens.coordA}`, 'content-type': 'application/json' }, body: JSON.stringify({ periodStart: '2027-09-01', mode: 'da', seed: 7 }) });
      assert.equal(r.status, 201, await r.clone().text());
      const body = (await r.json()) as { proposals: number };
      assert.ok(body.proposals > 0);
      const now = await counts();
      assert.deepEqual(now, { rounds: before.rounds + 1, proposals: before.proposals + body.proposals, audits: before.audits + 1 });
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
