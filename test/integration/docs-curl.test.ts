// The curl examples in docs/connect-your-software.md, run as written against a real server on a random port.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createClient } from '../../src/app/integration/clients.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

const run = promisify(execFile);

/** The ```sh blocks of a markdown file, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

describe('the curl examples in the connect-your-software guide', () => {
  let t: TestDb;
  let w: World;
  let app: App;
  let dir = '';
  before(async () => {
    t = await pglite.open();
    w = await buildWorld(t.ctx);
    await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { locationIds: [w.loc1] }));
    app = await buildServer(t.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    dir = mkdtempSync(join(tmpdir(), 'nabij-docs-'));
  });
  after(async () => {
    await app.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every block runs without an error and does what the guide says', async () => {
    const blocks = shellBlocks(readFileSync('docs/connect-your-software.md', 'utf8'));
    assert.ok(blocks.length >= 5, 'the guide has its examples');
    const client = await createClient(t.ctx, w.actors.provider1!, { name: 'Docs' });
    const env = {
      PATH: process.env.PATH ?? '',
      NABIJ: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      CLIENT_ID: client.clientId,
      CLIENT_SECRET: client.clientSecret,
      LOCATION_ID: w.loc1,
      WEBHOOK_URL: 'https://software.example/nabij-events',
    };
    // One shell for all blocks, as a reader pastes them one after the other; any failing command stops it.
    const script = ['set -euo pipefail', ...blocks.map((b, i) => `echo "--- block ${i + 1}"\n${b}`)].join('\n');
    const r = await run('bash', ['-c', script], { cwd: dir, env, timeout: 60_000 }).catch((e: { stdout: string; stderr: string; code: number }) => {
      assert.fail(`a block failed (exit ${e.code}):\n${e.stdout}\n${e.stderr}`);
    });
    assert.equal((r.stdout.match(/--- block/g) ?? []).length, blocks.length);
    const seats = await t.ctx.db.selectFrom('location_capacity').select(['valid_from', 'open_seats']).where('location_id', '=', w.loc1).orderBy('valid_from').execute();
    assert.deepEqual(seats, [{ valid_from: '2027-01-01', open_seats: [4, 4, 4, 4, 2] }, { valid_from: '2027-07-01', open_seats: [5, 5, 5, 5, 3] }]);
    assert.match(r.stdout, /be\.nabij\.request\.registered/);
    const offers = await t.ctx.db.selectFrom('offer').select(['status', 'start_date']).execute();
    assert.deepEqual(offers, [{ status: 'open', start_date: '2027-09-01' }]);
    const hook = await t.ctx.db.selectFrom('webhook').select('url').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
    assert.equal(hook.url, env.WEBHOOK_URL);
    assert.match(r.stdout, /"secret": "whsec_/);
  });
});
