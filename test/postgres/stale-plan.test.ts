// PostgreSQL only: an instance keeps answering after another instance's migration changed a table it reads with `*`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildServer, type App } from '../../src/http/server.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

describe('a statement kept from before a migration', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let w: World;
  let app: App;
  before(async () => {
    // One connection: every call below runs on the connection that kept the statement.
    t = await postgres.open({ poolSize: 1 });
    w = await buildWorld(t.ctx);
    app = await buildServer(t.ctx);
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it('is planned again, and the call that met it still answers', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${w.tokens.deskA}` }, payload: unbornRequest(w) });
    assert.equal(created.statusCode, 201, created.body);
    const child = created.json().request.child.id as string;
    const read = () => app.inject({ method: 'GET', url: `/api/v1/children/${child}`, headers: { authorization: `Bearer ${w.tokens.deskA}` } });
    // The child is read with `select *`: after a few runs the connection keeps that statement with its result type.
    for (let i = 0; i < 3; i++) assert.equal((await read()).statusCode, 200);
    // What a newer instance's migration does while this one runs.
    await sql`alter table child add column nickname text`.execute(t.ctx.db);
    const after = await read();
    assert.equal(after.statusCode, 200, after.body);
    assert.equal(after.json().id ?? after.json().child?.id, child);
    assert.equal((await read()).statusCode, 200);
  });
});
