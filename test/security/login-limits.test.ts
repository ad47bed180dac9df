// Login limits throttle attackers, not users: many failures from one address do not lock out the others behind it,
// a trusted proxy's X-Forwarded-For tells clients apart, concurrent wrong passwords are checked no more than the
// limit (PostgreSQL), and wrong OAuth client secrets are limited the same way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/domain/accounts/passwords.ts';
import { createClient } from '../../src/app/integration/clients.ts';
import { setStaffPassword } from '../../src/app/accounts.ts';
import { requestPasswordReset, resetPassword } from '../../src/app/portal/accounts.ts';
import { LIMITS } from '../../src/app/limits.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, hasPostgres, postgres, type TestDb } from '../support/db.ts';
import { buildWorld, type World } from '../support/fixtures.ts';

const PASSWORD = 'een-lang-goed-wachtwoord-42';

interface Client {
  cookie: string;
  csrf: string;
}

/** A login form as one client sees it: its own session and CSRF token, its own address. */
async function openForm(app: App, path: string, from: Record<string, unknown>): Promise<Client> {
  const r = await app.inject({ method: 'GET', url: path, ...from });
  const set = r.headers['set-cookie'];
  const cookie = String((Array.isArray(set) ? set[0] : set) ?? '').split(';')[0] as string;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1] ?? '';
  return { cookie, csrf };
}

async function login(app: App, path: string, email: string, password: string, from: Record<string, unknown>, client?: Client): Promise<number> {
  const c = client ?? (await openForm(app, path, from));
  const body = new URLSearchParams({ _csrf: c.csrf, email, password }).toString();
  const headers = { ...((from.headers as Record<string, string>) ?? {}), cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const r = await app.inject({ method: 'POST', url: path, ...from, headers, payload: body });
  return r.statusCode;
}

const at = (remoteAddress: string) => ({ remoteAddress });
const forwarded = (client: string) => ({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });

async function portalAccount(t: TestDb, email: string): Promise<void> {
  await t.ctx.db.insertInto('portal_account').values({ email, password_hash: await hashPassword(PASSWORD), language: 'nl', email_verified_at: new Date() }).execute();
}

for (const flavour of flavours()) {
  describe(`login limits on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    let proxied: App;

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      proxied = await buildServer(t.ctx, { trustProxy: true });
      for (const who of ['deskA', 'coordA', 'deskB', 'provider1', 'admin']) await setStaffPassword(t.ctx.db, `${who}@test.example`, PASSWORD);
      await portalAccount(t, 'ouder.een@gezin.example');
      await portalAccount(t, 'ouder.twee@gezin.example');
    });
    after(async () => {
      await proxied.close();
      await app.close();
      await t.close();
    });

    it('40 failed logins for other accounts from one address do not lock out a staff member or a parent behind it', async () => {
      const office = at('198.51.100.7');
      for (let i = 0; i < 40; i++) assert.equal(await login(app, '/werkplek/aanmelden', `niemand${i}@test.example`, 'fout-wachtwoord', office), 401);
      assert.equal(await login(app, '/werkplek/aanmelden', 'deskA@test.example', PASSWORD, office), 303, 'a colleague logs in');
      for (let i = 0; i < 5; i++) assert.equal(await login(app, '/portaal/aanmelden', `onbekend${i}@gezin.example`, 'fout-wachtwoord', office), 401);
      assert.equal(await login(app, '/portaal/aanmelden', 'ouder.een@gezin.example', PASSWORD, office), 303, 'a parent logs in');
    });

    it('stops guessing at one account from one address without locking out the owner elsewhere', async () => {
      const attacker = at('203.0.113.50');
      const codes: number[] = [];
      for (let i = 0; i < LIMITS.perPair + 3; i++) codes.push(await login(app, '/werkplek/aanmelden', 'coordA@test.example', `raad-${i}`, attacker));
      assert.deepEqual(codes, [...Array(LIMITS.perPair).fill(401), 429, 429, 429]);
      assert.equal(await login(app, '/werkplek/aanmelden', 'coordA@test.example', PASSWORD, attacker), 429, 'even the right password waits at that address');
      assert.equal(await login(app, '/werkplek/aanmelden', 'coordA@test.example', PASSWORD, at('203.0.113.51')), 303, 'the owner elsewhere is not locked out');
      // The refused tries did not fill the account's own limit: the owner can still mistype and log in.
      assert.equal(await login(app, '/werkplek/aanmelden', 'coordA@test.example', 'tikfout', at('203.0.113.52')), 401);
      assert.equal(await login(app, '/werkplek/aanmelden', 'coordA@test.example', PASSWORD, at('203.0.113.52')), 303);
    });

    it('limits one account over many addresses, and a password reset ends that for its owner', async () => {
      for (let i = 0; i < LIMITS.perAccount; i++) assert.equal(await login(app, '/portaal/aanmelden', 'ouder.twee@gezin.example', `raad-${i}`, at(`192.0.2.${10 + i}`)), 401);
      assert.equal(await login(app, '/portaal/aanmelden', 'ouder.twee@gezin.example', 'nog-een', at('192.0.2.99')), 429, 'a distributed guess is stopped');
      assert.equal(await login(app, '/portaal/aanmelden', 'ouder.twee@gezin.example', PASSWORD, at('192.0.2.100')), 429, 'the owner too, until…');
      await requestPasswordReset(t.ctx, 'ouder.twee@gezin.example', '192.0.2.100');
      const mail = await t.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'account.reset').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const link = /token=([^"&]+)/.exec(JSON.stringify(mail.payload))?.[1] as string;
      await resetPassword(t.ctx, link, `${PASSWORD}-nieuw`);
      assert.equal(await login(app, '/portaal/aanmelden', 'ouder.twee@gezin.example', `${PASSWORD}-nieuw`, at('192.0.2.100')), 303, '…the owner proves the mailbox with a reset');
    });

    it('behind a trusted proxy (NABIJ_TRUST_PROXY) clients are told apart by X-Forwarded-For; without it they are one', async () => {
      for (let i = 0; i < LIMITS.perPair; i++) assert.equal(await login(proxied, '/werkplek/aanmelden', 'deskB@test.example', `raad-${i}`, forwarded('203.0.113.80')), 401);
      assert.equal(await login(proxied, '/werkplek/aanmelden', 'deskB@test.example', PASSWORD, forwarded('203.0.113.80')), 429);
      assert.equal(await login(proxied, '/werkplek/aanmelden', 'deskB@test.example', PASSWORD, forwarded('203.0.113.81')), 303, 'another client behind the same proxy');
      // Not trusted: the header is ignored, so a forged one does not buy an attacker fresh tries.
      for (let i = 0; i < LIMITS.perPair; i++) assert.equal(await login(app, '/werkplek/aanmelden', 'provider1@test.example', `raad-${i}`, forwarded(`203.0.113.${90 + i}`)), 401);
      assert.equal(await login(app, '/werkplek/aanmelden', 'provider1@test.example', 'nog-een', forwarded('203.0.113.99')), 429);
    });

    it('limits wrong OAuth client secrets per client and address, and the right secret still works from elsewhere', async () => {
      const c = await createClient(t.ctx, w.actors.provider1!, { name: 'Guessed' });
      const token = (secret: string, remoteAddress: string) =>
        app.inject({ method: 'POST', url: '/api/v1/oauth/token', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: secret }).toString() });
      const codes: number[] = [];
      for (let i = 0; i < LIMITS.perPair + 2; i++) codes.push((await token(`fout-${i}`, '203.0.113.200')).statusCode);
      assert.deepEqual(codes, [...Array(LIMITS.perPair).fill(401), 429, 429]);
      const refused = await token(c.clientSecret, '203.0.113.200');
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.code, 'auth.too_many_attempts');
      assert.ok(refused.json().error.nl && refused.json().error.en);
      assert.equal((await token(c.clientSecret, '203.0.113.201')).statusCode, 200, 'the provider software elsewhere');
    });
  });
}

describe('concurrent wrong logins on PostgreSQL', { skip: hasPostgres ? false : 'needs DATABASE_URL' }, () => {
  let t: TestDb;
  let w: World;
  let app: App;
  before(async () => {
    t = await postgres.open({ poolSize: 20 });
    w = await buildWorld(t.ctx);
    app = await buildServer(t.ctx);
    await setStaffPassword(t.ctx.db, 'deskA@test.example', PASSWORD);
    await portalAccount(t, 'ouder.race@gezin.example');
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  const burst = async (path: string, email: string, from: (i: number) => Record<string, unknown>) => {
    const clients = await Promise.all(Array.from({ length: 40 }, (_, i) => openForm(app, path, from(i))));
    const codes = await Promise.all(clients.map((c, i) => login(app, path, email, `raad-${i}`, from(i), c)));
    // Every try is answered as checked (401) or refused (429): a 500 here was a deadlock between concurrent counters.
    assert.deepEqual(codes.filter((s) => s !== 401 && s !== 429), []);
    return { checked: codes.filter((s) => s === 401).length, refused: codes.filter((s) => s === 429).length };
  };

  it('40 at once on one account from one address: no more than the limit are checked', async () => {
    const staff = await burst('/werkplek/aanmelden', 'deskA@test.example', () => at('203.0.113.5'));
    assert.ok(staff.checked <= LIMITS.perPair, `checked ${staff.checked}`);
    assert.equal(staff.checked + staff.refused, 40);
    const parent = await burst('/portaal/aanmelden', 'ouder.race@gezin.example', () => at('203.0.113.6'));
    assert.ok(parent.checked <= LIMITS.perPair, `checked ${parent.checked}`);
  });

  it('40 at once on one account from 40 addresses: no more than the account limit are checked', async () => {
    const r = await burst('/werkplek/aanmelden', 'DESKA@test.example', (i) => at(`198.18.0.${i + 1}`));
    // The five of the test before count too: the account has room for the rest of its limit only.
    assert.ok(r.checked <= LIMITS.perAccount - LIMITS.perPair, `checked ${r.checked}`);
  });

  it('40 wrong client secrets at once: no more than the limit are checked', async () => {
    const c = await createClient(t.ctx, w.actors.provider1!, { name: 'Raced' });
    const codes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/v1/oauth/token', remoteAddress: '203.0.113.7', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: `fout-${i}` }).toString() }).then((r) => r.statusCode),
      ),
    );
    assert.ok(codes.filter((s) => s === 401).length <= LIMITS.perPair, `checked ${codes.filter((s) => s === 401).length}`);
  });
});
