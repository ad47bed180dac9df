// The parent's whole journey in real Chromium: make an account, register an unborn child, rank 3 locations, log out
// and in, get an offer from a provider through the API, accept it. In Dutch, in Arabic and without JavaScript;
// axe-core checks every page on the way, and screenshots at 390 and 1280 px are kept.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { sql } from 'kysely';
import { buildServer, type App } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { axeViolations, launchBrowser, screenshots, type AxeViolation } from '../support/browser.ts';

const RUNS = [
  { name: 'nl', lang: 'nl', js: true },
  { name: 'ar', lang: 'ar', js: true },
  { name: 'nl-zonder-js', lang: 'nl', js: false },
] as const;

describe('parent portal journey in Chromium', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let browser: Browser;
  const problems: Array<{ run: string; page: string; violations: AxeViolation[] }> = [];

  before(async () => {
    t = await pglite.open();
    await seedDemo(t.ctx, 0);
    app = await buildServer(t.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  for (const run of RUNS) {
    it(`works end to end (${run.name})`, { timeout: 180_000 }, async () => {
      const context = await browser.newContext({ javaScriptEnabled: run.js, bypassCSP: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      let step = 0;
      const check = async (name: string) => {
        step++;
        const label = `${String(step).padStart(2, '0')}-${name}`;
        assert.equal(await page.getAttribute('html', 'lang'), run.lang, `${label}: page language`);
        assert.equal(await page.getAttribute('html', 'dir'), run.lang === 'ar' ? 'rtl' : 'ltr');
        if (run.js) {
          const v = await axeViolations(page);
          if (v.length) problems.push({ run: run.name, page: label, violations: v });
        }
        await screenshots(page, `portal-${run.name}`, label);
      };
      const email = `ouder-${run.name}@voorbeeld.be`;
      const password = 'een lange zin als wachtwoord';
      const submit = (form = 'main form') => Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]:not([name=do])`)]);

      await page.goto(`${base}/portaal?taal=${run.lang}`);
      await check('start');

      // 1. An account, confirmed with the link from the mail (read from the outbox, as the mail job would send it).
      await page.goto(`${base}/portaal/account-maken`);
      await check('account-maken');
      await page.fill('#f-email', email);
      await page.fill('#f-password', password);
      await submit();
      await check('mail-verstuurd');
      const link = await sql<{ path: string }>`select o.payload->>'path' as path from outbox o join portal_account a on a.id = (o.recipient->>'accountId')::uuid where a.email = ${email} and o.topic = 'account.verify'`.execute(t.ctx.db);
      await page.goto(`${base}${link.rows[0]?.path}`);
      await check('aanmelden-bevestigd');
      await page.fill('#f-email', email);
      await page.fill('#f-password', password);
      await submit();

      // 2. The registration, step by step.
      await page.goto(`${base}/portaal/inschrijven`);
      await check('stap-kind');
      await page.check('#f-born-1');
      await page.fill('#f-childFamilyName', `Janssens-${run.name}`);
      await page.fill('#f-dueDate', '2027-03-10');
      await submit();
      await check('stap-gezin');
      await page.fill('#f-givenName', 'Amal');
      await page.fill('#f-familyName', `Janssens-${run.name}`);
      await page.selectOption('#f-municipalityNis', '24062');
      await submit();
      await check('stap-opvang');
      await page.fill('#f-desiredStartDate', '2027-09-01');
      await page.fill('#f-flexibilityWeeks', '4');
      for (const d of [1, 2, 4]) await page.selectOption(`#f-day-${d}`, 'full');
      await submit();
      await check('stap-locaties');
      const locs = await t.ctx.db.selectFrom('location').select(['id', 'name']).where('name', 'in', ['Zonnetje Centrum', 'Zonnetje Kessel-Lo', 'Zonnetje Herent']).orderBy('name').execute();
      for (const l of locs) await Promise.all([page.waitForNavigation(), page.click(`button[value="add:${l.id}"]`)]);
      // The last one chosen goes one place up: the family's own order counts.
      const last = locs[locs.length - 1]!;
      await Promise.all([page.waitForNavigation(), page.click(`button[value="up:${last.id}"]`)]);
      await check('stap-locaties-gekozen');
      await Promise.all([page.waitForNavigation(), page.click('button[value="next"]')]);
      await check('stap-voorrang');
      await page.check('#f-answer-0');
      await page.selectOption('#f-g1', 'employed');
      await page.selectOption('#f-g2', 'employed');
      await submit();
      await check('stap-nakijken');
      await page.check('#f-consent-0');
      await submit();
      await check('ingeschreven');
      const request = await t.ctx.db.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select(['request.id', 'request.number']).where('child.family_name', '=', `Janssens-${run.name}`).executeTakeFirstOrThrow();
      assert.ok((await page.content()).includes(request.number), 'the result page shows the request number');
      const ranked = await t.ctx.db.selectFrom('request_location').innerJoin('location', 'location.id', 'request_location.location_id').select(['location.name']).where('request_id', '=', request.id).orderBy('rank').execute();
      assert.deepEqual(ranked.map((r) => r.name), [locs[0]!.name, last.name, locs[1]!.name]);
      const proof = await page.request.get(`${base}/portaal/aanvragen/${request.id}/bewijs.pdf`);
      assert.equal(proof.headers()['content-type'], 'application/pdf');

      // 3. Log out and back in: the request is still there, with its group and position.
      await Promise.all([page.waitForNavigation(), page.click('header form button[type=submit]')]);
      await check('afgemeld');
      await page.goto(`${base}/portaal/aanmelden`);
      await page.fill('#f-email', email);
      await page.fill('#f-password', password);
      await submit();
      assert.match(page.url(), /\/portaal\/aanvragen$/);
      await check('mijn-aanvragen');
      assert.ok((await page.content()).includes(request.number));

      // 4. The provider offers a place through the API; the family sees it and accepts.
      const offer = await fetch(`${base}/api/v1/offers`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-provider-1', 'content-type': 'application/json' },
        body: JSON.stringify({ requestId: request.id, locationId: locs[0]!.id, start: '2027-09-01' }),
      });
      assert.equal(offer.status, 201, await offer.clone().text());
      const offerId = ((await offer.json()) as { id: string }).id;
      await page.goto(`${base}/portaal/aanvragen`);
      await check('aanbod-gekregen');
      await Promise.all([page.waitForNavigation(), page.click(`a[href="/portaal/aanbod/${offerId}"]`)]);
      await check('aanbod');
      await page.check('#f-answer-0');
      await submit();
      await check('aanbod-aanvaard');
      const placed = await t.ctx.db.selectFrom('request').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
      assert.equal(placed.status, 'placed');
      await context.close();
    });
  }

  it('axe-core finds no violations on any portal page', () => {
    const lines = problems.flatMap((p) => p.violations.map((v) => `${p.run} ${p.page}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`));
    assert.deepEqual(lines, []);
  });
});
