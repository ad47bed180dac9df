// A warm referral in real Chromium: childcare staff refer a family with consent to a service on the social map; the
// receiving partner accepts it and records contact; the referrer sees the progress and its date but not the note.
// axe-core checks every page on the way (and the public social map), and screenshots at 390 and 1280 px are kept.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { axeViolations, launchBrowser, screenshots, type AxeViolation } from '../support/browser.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { familyAtZonnetje } from '../support/referral-family.ts';

describe('warm referral journey in Chromium', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let browser: Browser;
  const problems: Array<{ page: string; violations: AxeViolation[] }> = [];

  before(async () => {
    t = await pglite.open();
    await seedDemo(t.ctx, 0);
    app = await buildServer(t.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await familyAtZonnetje(app, t.ctx);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  let step = 0;
  async function check(page: Page, folder: string, name: string) {
    const label = `${String(++step).padStart(2, '0')}-${name}`;
    const v = await axeViolations(page);
    if (v.length) problems.push({ page: `${folder}/${label}`, violations: v });
    await screenshots(page, folder, label);
  }
  const submit = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);

  async function logIn(page: Page, email: string) {
    await page.goto(`${base}/werkplek/aanmelden`);
    await check(page, 'doorverwijzing', `aanmelden-${email.split('@')[0]}`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', DEMO_STAFF_PASSWORD);
    await submit(page, 'main form button[type=submit]');
    assert.equal(new URL(page.url()).pathname, '/werkplek');
  }
  const logOut = (page: Page) => submit(page, 'header form button[type=submit]');

  it('refers with consent, the partner accepts and records contact, the referrer sees the progress', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    // 1. Ilse (childcare staff) refers the family she knows from a request at her location.
    await logIn(page, 'ilse@nabij.example');
    await check(page, 'doorverwijzing', 'ilse-vandaag');
    await submit(page, 'header nav a[href="/werkplek/doorverwijzingen"]');
    await check(page, 'doorverwijzing', 'ilse-lijst-leeg');
    await submit(page, 'main a[href="/werkplek/doorverwijzingen/nieuw"]');
    await check(page, 'doorverwijzing', 'stap-gezin');
    await submit(page, 'main table a[href^="/werkplek/doorverwijzingen/nieuw?gezin="]');
    await check(page, 'doorverwijzing', 'stap-aanbod');
    await page.selectOption('#f-nood', 'money');
    await page.selectOption('#f-gemeente', '24062');
    await submit(page, 'main form[role=search] button[type=submit]');
    assert.match((await page.textContent('#resultaten')) ?? '', /Aanbod \(2\)/);
    await check(page, 'doorverwijzing', 'stap-aanbod-gezocht');
    await submit(page, 'main .results li:has(h3:text-is("Budget en rechten")) a.button');
    await check(page, 'doorverwijzing', 'stap-toestemming');
    assert.match((await page.textContent('main')) ?? '', /Gedeeld met\s*OCMW Leuven/);
    assert.match((await page.textContent('main')) ?? '', /altijd intrekken/);

    // Sending without the confirmation keeps everything typed and says what is missing, next to the field.
    await page.fill('#f-question', 'Het gezin heeft vragen over de kosten van de opvang.');
    await page.check('#f-consent-dataCategories-2');
    await page.fill('#f-consent-purpose', 'Samen met het OCMW bekijken welke steun het gezin kan krijgen.');
    await page.fill('#f-consent-validUntil', '2027-06-30');
    await submit(page, 'main form[method=post] button[type=submit]');
    assert.match((await page.textContent('#f-confirmed-error')) ?? '', /Bevestig dat de ouder toestemming gaf/);
    assert.equal(await page.inputValue('#f-consent-validUntil'), '2027-06-30');
    assert.equal(await t.ctx.db.selectFrom('referral').select('id').executeTakeFirst(), undefined, 'nothing was sent');
    await check(page, 'doorverwijzing', 'stap-toestemming-fout');
    await page.check('#f-confirmed-0');
    await submit(page, 'main form[method=post] button[type=submit]');
    assert.match(new URL(page.url()).pathname, /^\/werkplek\/doorverwijzingen\/[0-9a-f-]{36}$/);
    assert.match((await page.textContent('main')) ?? '', /OCMW Leuven krijgt een bericht/);
    assert.equal(await page.textContent('#verloop .tag'), 'verstuurd');
    await check(page, 'doorverwijzing', 'ilse-verstuurd');
    const referralUrl = page.url().split('?')[0] as string;
    await logOut(page);

    // 2. Nadia (OCMW, the receiving organisation) accepts the referral, records contact and writes a note.
    await logIn(page, 'nadia@nabij.example');
    assert.match((await page.textContent('main')) ?? '', /1 wachten op uw organisatie/);
    await check(page, 'doorverwijzing', 'nadia-vandaag');
    await submit(page, 'main a[href="/werkplek/doorverwijzingen"]');
    await check(page, 'doorverwijzing', 'nadia-lijst');
    await submit(page, `main a[href="${new URL(referralUrl).pathname}"]`);
    const shared = (await page.textContent('main')) ?? '';
    assert.match(shared, /Fatima El Amrani/);
    assert.match(shared, /vragen over de kosten van de opvang/);
    await check(page, 'doorverwijzing', 'nadia-ontvangen');
    await submit(page, 'main form:has(input[name=to][value=received]) button');
    assert.equal(await page.textContent('#verloop .tag'), 'ontvangen');
    await submit(page, 'main form:has(input[name=to][value=contact_made]) button');
    assert.equal(await page.textContent('#verloop .tag'), 'contact gelegd');
    await page.fill('#f-text', 'Huisbezoek gepland op dinsdag; mama vraagt hulp met het groeipakket.');
    await submit(page, 'main form[action$="/notitie"] button[type=submit]');
    assert.match((await page.textContent('main')) ?? '', /Huisbezoek gepland op dinsdag/);
    await check(page, 'doorverwijzing', 'nadia-contact-gelegd');
    await logOut(page);

    // 3. Ilse sees the progress (status and its date) but not the note or the family's data.
    await logIn(page, 'ilse@nabij.example');
    await submit(page, 'header nav a[href="/werkplek/doorverwijzingen"]');
    const row = (await page.textContent('main table tbody')) ?? '';
    assert.match(row, /Budget en rechten.*OCMW Leuven.*contact gelegd.*24 november 2026/s);
    await check(page, 'doorverwijzing', 'ilse-lijst-voortgang');
    await submit(page, `main a[href="${new URL(referralUrl).pathname}"]`);
    assert.equal(await page.textContent('#verloop .tag'), 'contact gelegd');
    const progress = (await page.textContent('#verloop')) ?? '';
    assert.match(progress, /Contact gelegd\s*24 november 2026/);
    const seen = (await page.textContent('main')) ?? '';
    assert.doesNotMatch(seen, /Huisbezoek/);
    assert.doesNotMatch(seen, /groeipakket/);
    assert.doesNotMatch(seen, /0470 12 34 56/);
    await check(page, 'doorverwijzing', 'ilse-voortgang');
    await context.close();

    assert.deepEqual(problems, [], `axe-core found problems:\n${JSON.stringify(problems, null, 2)}`);
  });

  it('has no accessibility problems on the public social map, in Dutch and Arabic', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'nl-BE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const lang of ['nl', 'ar']) {
      await page.goto(`${base}/portaal/hulp?taal=${lang}`);
      await submit(page, 'main a[href="/portaal/sociale-kaart"]');
      await check(page, `sociale-kaart-${lang}`, 'zoeken');
      await page.selectOption('#f-nood', 'parenting');
      await page.selectOption('#f-leeftijd', '1');
      await submit(page, 'main form[role=search] button[type=submit]');
      assert.equal(await page.locator('main .results > li').count(), 1);
      await check(page, `sociale-kaart-${lang}`, 'gevonden');
      await submit(page, 'main .results a');
      assert.equal(await page.textContent('h1'), 'Opvoedingsondersteuning aan huis');
      await check(page, `sociale-kaart-${lang}`, 'aanbod');
    }
    await context.close();
    assert.deepEqual(problems, [], `axe-core found problems:\n${JSON.stringify(problems, null, 2)}`);
  });
});
