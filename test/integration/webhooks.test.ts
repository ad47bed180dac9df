// Webhooks against a real HTTP receiver that is down for a while: every event arrives once it is back, in order,
// signed; a tampered payload fails the check; repeated failures switch the webhook off until it is set again.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { verifySignature } from '../../clients/typescript/src/index.ts';
import { createClient } from '../../src/app/integration/clients.ts';
import { getWebhook, MAX_FAILURES, setWebhook } from '../../src/app/integration/webhooks.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { deliverWebhooks } from '../../src/jobs/webhooks.ts';
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
      assert.match(state.lastError ?? '', /fetch failed|ECONNREFUSED/);
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
