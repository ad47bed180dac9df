// Hardening of every answer: security headers and a strict policy on API answers and pages, no caching of
// personal data, HSTS behind https, and no internals in an error.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildServer, type App } from '../../src/http/server.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { buildWorld, type World } from '../support/fixtures.ts';

describe('security headers', () => {
  let t: TestDb;
  let w: World;
  let app: App;
  before(async () => {
    t = await pglite.open();
    w = await buildWorld(t.ctx);
    app = await buildServer({ ...t.ctx, publicUrl: 'https://nabij.example' }, {
      extend: (a) => a.get('/api/v1/boom', { config: { action: 'public.read' } }, async () => {
        throw new Error('secret internals: connection string postgres://user:pw@db');
      }),
    });
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  it('puts nosniff, no framing, no referrer, HSTS and a closed policy on API answers, and keeps them out of caches', async () => {
    const r = await app.inject({ url: '/api/v1/requests', headers: { authorization: `Bearer ${w.tokens.deskA}` } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.match(String(r.headers['strict-transport-security']), /max-age=31536000/);
    assert.equal(r.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(r.headers['cache-control'], 'no-store');
  });

  it('gives the HTML dashboard a policy without inline code, and leaves the portal’s own policy alone', async () => {
    const d = await app.inject({ url: '/api/v1/reports/dashboard.html', headers: { authorization: `Bearer ${w.tokens.deskA}` } });
    assert.equal(d.statusCode, 200);
    const policy = String(d.headers['content-security-policy']);
    assert.match(policy, /script-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(d.body, /<script>|style="/, 'no inline scripts or style attributes, which the policy would block');
    const style = /<style>([\s\S]*?)<\/style>/.exec(d.body)![1]!;
    assert.ok(policy.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the inline style block is allowed by its hash');
    const p = await app.inject({ url: '/portaal' });
    assert.match(String(p.headers['content-security-policy']), /form-action 'self'/);
    assert.equal(p.headers['x-frame-options'], 'DENY');
  });

  it('answers a programming error with a 500 that names a request id, never the internals', async () => {
    const r = await app.inject({ url: '/api/v1/boom' });
    assert.equal(r.statusCode, 500);
    assert.doesNotMatch(r.body, /secret|postgres:|at .*\.ts/);
    assert.ok(r.json().error.nl && r.json().error.en);
  });
});
