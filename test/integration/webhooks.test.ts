// Webhooks against a real HTTP receiver that is down for a while: every event arrives once it is back, in order,
// signed; a tampered payload fails the check; repeated failures switch the webhook off until it is set again.
// Then the guard against server-side request forgery: private targets refused when saved and again at delivery
// (DNS rebinding), https only outside the test setting, generic errors, and a backoff that re-saving does not reset.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifySignature } from '../../clients/typescript/src/index.ts';
import { createClient } from '../../src/app/integration/clients.ts';
import { getWebhook, MAX_FAILURES, setWebhook } from '../../src/app/integration/webhooks.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { DELIVERY_ERRORS, deliverWebhooks } from '../../src/jobs/webhooks.ts';
import { loadConfig } from '../../src/config.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

interface Delivery {
  body: string;
  signature: string;
}

function receiver(port: number, got: Delivery[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ body, signature: String(req.headers['nabij-signature'] ?? '') });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

for (const flavour of flavours()) {
  describe(`webhooks on ${flavour.name}`, () => {
    let now = new Date('2026-11-24T09:00:00Z');
    let t: TestDb;
    let w: World;
    let port = 0;
    let secret = '';
    let clientId = '';
    let server: Server | null = null;
    const got: Delivery[] = [];
    const nowSeconds = () => Math.floor(now.getTime() / 1000);
    let n = 0;
    const register = async () => {
      n++;
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: `H${n}`, familyName: `Hook${n}`, email: `hook${n}@hook.example` }, child: { familyName: `Hook${n}`, dueDate: '2027-02-10' }, locationIds: [w.loc1] }));
      return r.request!.id;
    };
    const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

    before(async () => {
      t = await flavour.open({ now: () => now });
      // The documented test setting: this receiver listens on 127.0.0.1 over plain http.
      t.ctx.webhookAllowLocal = loadConfig({ NABIJ_WEBHOOKS_ALLOW_LOCAL: 'true' }).webhookAllowLocal;
      w = await buildWorld(t.ctx);
      clientId = (await createClient(t.ctx, w.actors.provider1!, { name: 'Hooks' })).clientId;
      port = await freePort();
      const hook = await setWebhook(t.ctx, w.actors.provider1!, clientId, { url: `http://127.0.0.1:${port}/nabij` });
      secret = hook.secret as string;
      assert.match(secret, /^whsec_/);
    });
    after(async () => {
      await new Promise((r) => (server ? server.close(r) : r(null)));
      await t.close();
    });

    it('a receiver that is down gets every event once it is back, in feed order, with a valid signature', async () => {
      const ids = [await register(), await register(), await register()];
      const down = await deliverWebhooks(t.ctx, { timeoutMs: 2000 });
      assert.deepEqual(down, { delivered: 0, failed: 1 });
      let state = await getWebhook(t.ctx, w.actors.provider1!, clientId);
      assert.equal(state.failures, 1);
      assert.equal(state.lastError, DELIVERY_ERRORS.connection);
      assert.deepEqual(await deliverWebhooks(t.ctx), { delivered: 0, failed: 0 }, 'not again before the backoff');
      advance(31);
      assert.equal((await deliverWebhooks(t.ctx)).failed, 1, 'still down');
      server = await receiver(port, got);
      advance(61);
      assert.deepEqual(await deliverWebhooks(t.ctx), { delivered: 3, failed: 0 });
      assert.deepEqual(got.map((d) => JSON.parse(d.body).subject), ids);
      for (const d of got) {
        assert.ok(verifySignature(secret, d.signature, d.body, { nowSeconds: nowSeconds() }), 'valid signature');
        assert.equal(JSON.parse(d.body).type, 'be.nabij.request.registered');
      }
      state = await getWebhook(t.ctx, w.actors.provider1!, clientId);
      assert.equal(state.failures, 0);
      assert.deepEqual(await deliverWebhooks(t.ctx), { delivered: 0, failed: 0 }, 'each event once');
    });

    it('detects a tampered payload, a wrong secret and an old signature', () => {
      const d = got[0] as Delivery;
      const tampered = d.body.replace(/"type":"[^"]+"/, '"type":"be.nabij.offer.accepted"');
      assert.notEqual(tampered, d.body);
      assert.equal(verifySignature(secret, d.signature, tampered, { nowSeconds: nowSeconds() }), false);
      assert.equal(verifySignature('whsec_wrong', d.signature, d.body, { nowSeconds: nowSeconds() }), false);
      assert.equal(verifySignature(secret, d.signature, d.body, { nowSeconds: nowSeconds() + 3600 }), false, 'a replay an hour later');
      assert.equal(verifySignature(secret, '', d.body), false);
    });

    it('switches off after repeated failures, and delivers what it missed once set again', async () => {
      await new Promise((r) => server!.close(r));
      server = null;
      const missed = [await register(), await register()];
      for (let i = 0; i < MAX_FAILURES; i++) {
        assert.equal((await deliverWebhooks(t.ctx, { timeoutMs: 2000 })).failed, 1);
        advance(3601);
      }
      const state = await getWebhook(t.ctx, w.actors.provider1!, clientId);
      assert.equal(state.status, 'disabled');
      assert.deepEqual(await deliverWebhooks(t.ctx), { delivered: 0, failed: 0 }, 'no more tries while switched off');
      server = await receiver(port, got);
      const before = got.length;
      const again = await setWebhook(t.ctx, w.actors.provider1!, clientId, { url: `http://127.0.0.1:${port}/nabij` });
      assert.equal(again.status, 'active');
      assert.equal(again.secret, null, 'the secret stays the same unless rotated');
      assert.deepEqual(await deliverWebhooks(t.ctx), { delivered: 2, failed: 0 });
      assert.deepEqual(got.slice(before).map((d) => JSON.parse(d.body).subject), missed);
    });
  });
}

/** A TCP listener that only counts who connects: a guarded delivery must never reach it. */
async function tcpCounter(): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const s = createTcpServer((socket) => {
    n++;
    socket.destroy();
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { port: (s.address() as AddressInfo).port, count: () => n, close: () => new Promise((r) => s.close(() => r())) };
}

for (const flavour of flavours()) {
  describe(`webhook targets on ${flavour.name}`, () => {
    let now = new Date('2026-11-24T09:00:00Z');
    let t: TestDb;
    let w: World;
    let app: App;
    let clientId = '';
    const put = (url: string) => app.inject({ method: 'PUT', url: `/api/v1/integration/clients/${clientId}/webhook`, headers: { authorization: `Bearer ${w.tokens.provider1}` }, payload: { url } });
    const register = () => registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: 'Ssrf', familyName: 'Ssrf', email: `ssrf${now.getTime()}@hook.example` }, child: { familyName: 'Ssrf', dueDate: '2027-02-10' }, locationIds: [w.loc1] }));

    before(async () => {
      t = await flavour.open({ now: () => now });
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      clientId = (await createClient(t.ctx, w.actors.provider1!, { name: 'Targets' })).clientId;
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('refuses loopback, private, link-local, metadata, CGNAT, unique-local and mapped targets when saved, and plain http', async () => {
      const refused = [
        'http://127.0.0.1:5432/', 'https://127.0.0.1:3000/', 'https://localhost/hook', 'https://169.254.169.254/latest/meta-data/', 'https://10.1.2.3/', 'https://172.16.0.1/', 'https://192.168.1.1/',
        'https://100.64.0.1/', 'https://0.0.0.0/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://[::ffff:a9fe:a9fe]/', 'https://[fe80::1]/', 'https://[fd00::1]/', 'https://[::]/', 'https://2130706433/',
        'http://software.example/hook',
      ];
      for (const url of refused) {
        const r = await put(url);
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
        assert.equal(r.json().error.field, 'url', url);
        assert.ok(r.json().error.nl && r.json().error.en);
      }
      assert.equal(await t.ctx.db.selectFrom('webhook').select('client_id').where('client_id', '=', clientId).executeTakeFirst(), undefined, 'nothing saved');
      // The test setting allows plain http and loopback only: never the metadata service or a private network.
      t.ctx.webhookAllowLocal = true;
      try {
        for (const url of ['http://169.254.169.254/', 'http://10.0.0.5/', 'http://[fd00::5]/']) assert.equal((await put(url)).statusCode, 400, url);
      } finally {
        t.ctx.webhookAllowLocal = false;
      }
      const ok = await put('https://software.example/hook');
      assert.equal(ok.statusCode, 200, ok.body);
    });

    it('checks again at delivery: a name that now resolves to loopback (DNS rebinding) or a stored private address gets no connection', async () => {
      const listener = await tcpCounter();
      try {
        await register();
        for (const url of [`https://localhost:${listener.port}/hook`, `https://127.0.0.1:${listener.port}/hook`, `https://[::ffff:127.0.0.1]:${listener.port}/hook`]) {
          // As if the name pointed to a public address when it was saved.
          await t.ctx.db.updateTable('webhook').set({ url, failures: 0, next_attempt_at: now, disabled_at: null }).where('client_id', '=', clientId).execute();
          assert.equal((await deliverWebhooks(t.ctx, { timeoutMs: 2000 })).failed, 1, url);
          assert.equal((await getWebhook(t.ctx, w.actors.provider1!, clientId)).lastError, DELIVERY_ERRORS.connection);
        }
        assert.equal(listener.count(), 0, 'no connection reached the loopback listener');
      } finally {
        await listener.close();
      }
    });

    it('stores only a generic error, and re-saving the same address does not reset the backoff', async () => {
      t.ctx.webhookAllowLocal = true;
      const statuses = [404, 500, 302];
      const hits: number[] = [];
      const server = createServer((_req, res) => {
        hits.push(1);
        res.writeHead(statuses.shift() ?? 204, { location: 'http://169.254.169.254/' }).end('secret internal page');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const port = (server.address() as AddressInfo).port;
      const closed = await freePort();
      try {
        const seen: Array<string | null> = [];
        for (const url of [`http://127.0.0.1:${port}/a`, `http://127.0.0.1:${port}/b`, `http://127.0.0.1:${port}/c`, `http://127.0.0.1:${closed}/`]) {
          assert.equal((await put(url)).statusCode, 200);
          await register();
          await deliverWebhooks(t.ctx, { timeoutMs: 2000 });
          seen.push((await getWebhook(t.ctx, w.actors.provider1!, clientId)).lastError);
        }
        assert.deepEqual(seen, [DELIVERY_ERRORS.client, DELIVERY_ERRORS.server, DELIVERY_ERRORS.redirect, DELIVERY_ERRORS.connection]);
        assert.equal(hits.length, 3, 'the redirect was not followed');

        // Failing now (port closed), with a backoff: saving the very same address again must not bring the next try forward.
        const before = await getWebhook(t.ctx, w.actors.provider1!, clientId);
        assert.equal(before.failures, 1);
        for (let i = 0; i < 5; i++) {
          const again = await put(`http://127.0.0.1:${closed}/`);
          assert.equal(again.json().failures, before.failures);
          assert.equal(again.json().nextAttemptAt, before.nextAttemptAt);
          assert.deepEqual(await deliverWebhooks(t.ctx, { timeoutMs: 2000 }), { delivered: 0, failed: 0 }, 'no try before the backoff');
        }
        now = new Date(now.getTime() + 31_000);
        assert.equal((await deliverWebhooks(t.ctx, { timeoutMs: 2000 })).failed, 1, 'tried again once the backoff is over');
        assert.equal((await getWebhook(t.ctx, w.actors.provider1!, clientId)).failures, 2);
      } finally {
        t.ctx.webhookAllowLocal = false;
        await new Promise((r) => server.close(r));
      }
    });
  });
}
