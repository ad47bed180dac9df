// Government login (OpenID Connect) against a real oidc-provider started here, in real Chromium: the claims sub,
// given_name, family_name and rrn reach the portal account, the national number is only ever shown masked, a parent
// the desk already knows by national number lands in the own family, and a forged or stale answer logs nobody in.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { buildServer, type App } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { formatInsz, makeInsz } from '../../src/domain/identity/insz.ts';
import { governmentLogin } from '../../src/web/oidc.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { axeViolations, launchBrowser, screenshots } from '../support/browser.ts';

/** The people the test provider knows; the login name in its sign-in form is the key. */
const PEOPLE: Record<string, { given_name: string; family_name: string; rrn?: string }> = {
  'burger-1': { given_name: 'Noor', family_name: 'Peeters', rrn: makeInsz('1994-05-17', 123) },
  'burger-2': { given_name: 'Jan', family_name: 'Maes', rrn: makeInsz('1990-02-03', 45) },
  'burger-3': { given_name: 'Lies', family_name: 'Claes', rrn: '12345678901' },
};

describe('government login against a real OpenID Connect provider', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let issuerServer: Server;
  let browser: Browser;
  let knownRequest: string;

  before(async () => {
    t = await pglite.open();
    await seedDemo(t.ctx, 0);
    // Ports first: the provider must know the portal's redirect address, the portal the provider's issuer.
    issuerServer = createServer();
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', r));
    const issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
    app = await buildServer(t.ctx, {
      portal: { governmentLogin: governmentLogin({ issuer, clientId: 'nabij-portaal', clientSecret: 'een-geheim-voor-de-test', scope: 'openid profile rrn' }) },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // The desk registered burger-2 earlier, with the national number: that family is theirs.
    const loc = await t.ctx.db.selectFrom('location').select('id').where('name', '=', 'Zonnetje Centrum').executeTakeFirstOrThrow();
    const made = await fetch(`${base}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-desk-worker', 'content-type': 'application/json' },
      body: JSON.stringify({
        applicant: { givenName: 'Jan', familyName: 'Maes', insz: PEOPLE['burger-2']!.rrn, phone: '016 12 34 56' },
        residence: { municipalityNis: '24062', street: 'Naamsestraat 5', postalCode: '3000' },
        child: { familyName: 'Maes', dueDate: '2027-05-01' },
        desiredStartDate: '2027-10-01',
        flexibilityWeeks: 2,
        careDays: [{ weekday: 1, part: 'full' }, { weekday: 3, part: 'full' }],
        locationIds: [loc.id],
        urgent: false,
        consent: { processing: true },
      }),
    });
    assert.equal(made.status, 201, await made.clone().text());
    knownRequest = ((await made.json()) as { request: { number: string } }).request.number;

    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'nabij-portaal',
          client_secret: 'een-geheim-voor-de-test',
          redirect_uris: [`${base}/portaal/aanmelden/overheid/terug`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], profile: ['given_name', 'family_name'], rrn: ['rrn'] },
      cookies: { keys: ['sleutel-alleen-voor-de-test'] },
      async findAccount(_ctx, id) {
        const person = PEOPLE[id];
        if (!person) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...person }) };
      },
    });
    issuerServer.on('request', provider.callback());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((r) => issuerServer?.close(r));
    await t?.close();
  });

  /** Clicks through the portal's button, the provider's sign-in form and its consent screen. */
  async function logIn(page: Page, login: string, expectProvider = true) {
    await page.goto(`${base}/portaal/aanmelden`);
    await Promise.all([page.waitForNavigation(), page.click('a[href="/portaal/aanmelden/overheid"]')]);
    if (!expectProvider) {
      // The provider still knows this browser (single sign-on): no form, straight back to the portal.
      assert.ok(page.url().startsWith(base), `back at the portal without a form, not at ${page.url()}`);
      return;
    }
    assert.ok(!page.url().startsWith(base), `the browser is at the provider, not ${page.url()}`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'om-het-even');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    // The provider asks once whether Nabij may read the profile and national number.
    if (!page.url().startsWith(base)) await Promise.all([page.waitForURL(`${base}/**`), page.click('button[type=submit]')]);
  }

  it('makes an account from the claims and shows the national number only masked', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE' });
    const page = await context.newPage();
    await logIn(page, 'burger-1');
    assert.equal(new URL(page.url()).pathname, '/portaal/aanvragen');
    assert.deepEqual(await axeViolations(page), []);

    const person = PEOPLE['burger-1']!;
    const account = await t.ctx.db.selectFrom('portal_account').selectAll().where('oidc_subject', '=', 'burger-1').executeTakeFirstOrThrow();
    assert.equal(account.given_name, 'Noor');
    assert.equal(account.family_name, 'Peeters');
    assert.equal(account.insz, person.rrn);
    assert.equal(account.password_hash, null, 'no password for a government login');

    // The family step is prefilled with the names; the number is shown masked and never in full.
    await page.goto(`${base}/portaal/inschrijven`);
    await page.check('#f-born-1');
    await page.fill('#f-childFamilyName', 'Peeters');
    await page.fill('#f-dueDate', '2027-04-02');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]:not([name=do])')]);
    assert.equal(await page.inputValue('#f-givenName'), 'Noor');
    assert.equal(await page.inputValue('#f-familyName'), 'Peeters');
    const shown = await page.textContent('#national-number');
    assert.match(shown ?? '', /94\.05\.17-\*\*\*\.\*\*/);
    const html = await page.content();
    assert.ok(!html.includes(person.rrn!) && !html.includes(formatInsz(person.rrn!)), 'the full national number is not in the page');
    assert.deepEqual(await axeViolations(page), []);
    await screenshots(page, 'portal-overheid', 'gezin-met-rijksregisternummer');

    // A second login with the same subject uses the same account.
    await Promise.all([page.waitForNavigation(), page.click('header form button[type=submit]')]);
    await logIn(page, 'burger-1', false);
    assert.equal(new URL(page.url()).pathname, '/portaal/aanvragen');
    const count = await t.ctx.db.selectFrom('portal_account').select((e) => e.fn.countAll<number>().as('n')).where('oidc_subject', '=', 'burger-1').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    await context.close();
  });

  it('brings a parent the desk already knows by national number to the own family and requests', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE' });
    const page = await context.newPage();
    await logIn(page, 'burger-2');
    const account = await t.ctx.db.selectFrom('portal_account').select(['family_id', 'guardian_id']).where('oidc_subject', '=', 'burger-2').executeTakeFirstOrThrow();
    const guardian = await t.ctx.db.selectFrom('guardian').select(['id', 'family_id']).where('insz', '=', PEOPLE['burger-2']!.rrn!).executeTakeFirstOrThrow();
    assert.equal(account.family_id, guardian.family_id);
    assert.equal(account.guardian_id, guardian.id);
    assert.ok((await page.content()).includes(knownRequest), `my requests lists the request the desk registered`);
    await context.close();
  });

  it('keeps an account without a national number when the rrn claim is not a valid one', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE' });
    const page = await context.newPage();
    await logIn(page, 'burger-3');
    assert.equal(new URL(page.url()).pathname, '/portaal/aanvragen');
    const account = await t.ctx.db.selectFrom('portal_account').select(['insz', 'given_name']).where('oidc_subject', '=', 'burger-3').executeTakeFirstOrThrow();
    assert.equal(account.insz, null);
    assert.equal(account.given_name, 'Lies');
    await context.close();
  });

  it('logs nobody in when the answer does not belong to the login this browser started', { timeout: 120_000 }, async () => {
    const before = await t.ctx.db.selectFrom('portal_account').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // No login started in this browser: the return address alone is refused.
    const stale = await fetch(`${base}/portaal/aanmelden/overheid/terug?code=verzonnen&state=verzonnen`, { redirect: 'manual' });
    assert.equal(stale.status, 422);
    assert.match(await stale.text(), /Deze aanmelding is verlopen/);

    // A login started, but the answer carries another state: the provider's answer is not trusted.
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(`${base}/portaal/aanmelden`);
    const response = await page.request.get(`${base}/portaal/aanmelden/overheid`, { maxRedirects: 0 });
    assert.equal(response.status(), 303);
    const forged = await page.goto(`${base}/portaal/aanmelden/overheid/terug?code=verzonnen&state=niet-de-juiste`);
    assert.equal(forged?.status(), 401, await page.textContent('main') ?? '');
    assert.match(await page.content(), /Aanmelden is niet gelukt/);
    const mine = await page.goto(`${base}/portaal/aanvragen`);
    assert.match(mine?.url() ?? '', /\/portaal\/aanmelden/, 'still not logged in');
    const after = await t.ctx.db.selectFrom('portal_account').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    await context.close();
  });
});
