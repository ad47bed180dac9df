// The staff workspace in real Chromium, as desk workers and providers use it every day: a walk-in family is
// registered from the contact register, a duplicate child is merged, a provider answers a request, sets capacity and
// makes an offer with a deviation, and a coordinator runs a matching round that the provider confirms. axe-core checks
// every page; screenshots are kept (and, with NABIJ_GUIDE_SCREENSHOTS=1, refreshed in the user guide).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { staffActor } from '../../src/app/accounts.ts';
import type { Actor } from '../../src/app/permissions.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { DEMO_STAFF_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { axeViolations, launchBrowser, screenshots, type AxeViolation } from '../support/browser.ts';

const GUIDE = join(import.meta.dirname, '..', '..', 'docs', 'handleiding', 'img');

describe('staff workspace journeys in Chromium', () => {
  let t: TestDb;
  let app: App;
  let base: string;
  let browser: Browser;
  let desk: Actor;
  const locs: Record<string, string> = {};
  const problems: Array<{ page: string; violations: AxeViolation[] }> = [];
  let step = 0;

  /** axe on the page as it is, a screenshot for the artifacts and, when asked, one for the user guide. */
  async function check(page: Page, name: string) {
    const v = await axeViolations(page);
    if (v.length) problems.push({ page: name, violations: v });
    const label = `${String(++step).padStart(2, '0')}-${name}`;
    await screenshots(page, 'werkplek', label);
    if (process.env.NABIJ_GUIDE_SCREENSHOTS === '1') {
      mkdirSync(GUIDE, { recursive: true });
      await page.screenshot({ path: join(GUIDE, `${name}.png`), fullPage: false });
    }
  }
  const submit = (page: Page, selector = 'main form button[type=submit]') => Promise.all([page.waitForNavigation(), page.click(selector)]);
  async function logIn(page: Page, email: string) {
    await page.goto(`${base}/werkplek/aanmelden`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', DEMO_STAFF_PASSWORD);
    await submit(page);
    assert.equal(new URL(page.url()).pathname, '/werkplek');
  }
  const reg = (familyName: string, registeredOn: string, locationIds: string[], extra: { givenName?: string; email?: string } = {}) =>
    registerRequest(t.ctx, desk, {
      applicant: { givenName: 'Ouder', familyName, email: extra.email ?? `${familyName.toLowerCase()}@voorbeeld.be` },
      residence: { municipalityNis: '24062', street: 'Tiensestraat 1', postalCode: '3000' },
      child: { familyName, ...(extra.givenName ? { givenName: extra.givenName } : {}), dueDate: '2027-03-10' },
      desiredStartDate: '2027-09-01',
      flexibilityWeeks: 4,
      careDays: [1, 2, 4].map((weekday) => ({ weekday, part: 'full' as const })),
      locationIds,
      registeredOn,
      urgent: false,
      consent: { processing: true },
    });

  before(async () => {
    t = await pglite.open();
    await seedDemo(t.ctx, 0);
    app = await buildServer(t.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (const l of await t.ctx.db.selectFrom('location').select(['id', 'name']).execute()) locs[l.name] = l.id;
    const sara = await t.ctx.db.selectFrom('app_user').select('id').where('email', '=', 'sara@nabij.example').executeTakeFirstOrThrow();
    desk = (await staffActor(t.ctx.db, sara.id, 'api'))!;
    // Two families waiting for Zonnetje Centrum, registered in this order; and the same child registered twice.
    await reg('Aerts', '2026-09-01', [locs['Zonnetje Centrum']!]);
    await reg('Bosmans', '2026-10-01', [locs['Zonnetje Centrum']!]);
    await reg('Cools', '2026-10-15', [locs['Zonnetje Kessel-Lo']!], { givenName: 'Mila', email: 'cools@voorbeeld.be' });
    await reg('Cools', '2026-11-02', [locs['Zonnetje Herent']!], { givenName: 'Milla', email: 'an.cools@voorbeeld.be' });
    // Ten children cared for at Zonnetje Centrum this year: the 10% rule then allows one deviation.
    for (let i = 0; i < 10; i++) {
      const r = await reg(`Opgevangen${i}`, '2025-01-01', [locs['Zonnetje Herent']!]);
      const child = await t.ctx.db.selectFrom('request').select('child_id').where('id', '=', r.request!.id).executeTakeFirstOrThrow();
      await t.ctx.db.insertInto('placement').values({ child_id: child.child_id, location_id: locs['Zonnetje Centrum']!, start_date: '2026-01-05', end_date: '2026-12-31', care_days: JSON.stringify([{ weekday: 1, part: 'full' }]) }).execute();
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it('a desk worker registers a walk-in family from the contact register', { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-BE' })).newPage();
    await logIn(page, 'sara@nabij.example');
    await check(page, 'vandaag-loket');
    await page.click('a[href="/werkplek/loket/contacten"]');
    await page.waitForURL('**/loket/contacten');
    await check(page, 'contacten');
    await page.check('#f-channel-0');
    await page.check('#f-topic-0');
    await page.fill('#f-summary', 'Mama zoekt opvang vanaf september, drie dagen per week.');
    await page.fill('#f-contactName', 'Yasmina Haddad');
    await submit(page);
    await check(page, 'contact-bewaard');
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/aanvraag"]')]);
    await check(page, 'aanvraag-voor-gezin');
    assert.equal(await page.inputValue('#f-applicant-givenName'), 'Yasmina');
    // Forgetting the consent keeps everything typed and says what is missing.
    await page.check('#f-born-1');
    await page.fill('#f-child-familyName', 'Haddad');
    await page.fill('#f-child-dueDate', '2027-04-20');
    await page.fill('#f-applicant-phone', '0470 12 34 56');
    await page.selectOption('#f-residence-municipalityNis', '24062');
    await page.fill('#f-desiredStartDate', '2027-09-01');
    for (const d of [1, 2, 3]) await page.selectOption(`#f-day${d}`, 'full');
    await page.selectOption('#f-loc1', locs['Zonnetje Centrum']!);
    await page.selectOption('#f-loc2', locs['Zonnetje Kessel-Lo']!);
    await submit(page);
    assert.match(await page.textContent('#f-consent') ?? '', /toestemming/i);
    assert.equal(await page.inputValue('#f-child-familyName'), 'Haddad');
    await check(page, 'aanvraag-zonder-toestemming');
    await page.check('#f-consent-0');
    await submit(page);
    await check(page, 'aanvraag-geregistreerd');
    const r = await t.ctx.db.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select(['request.number', 'request.id']).where('child.family_name', '=', 'Haddad').executeTakeFirstOrThrow();
    assert.match(await page.textContent('main') ?? '', new RegExp(r.number));
    const contact = await t.ctx.db.selectFrom('contact').select(['request_id', 'status']).where('contact_name', '=', 'Yasmina Haddad').executeTakeFirstOrThrow();
    assert.deepEqual(contact, { request_id: r.id, status: 'done' });
    // The family is found by name; the follow-up lists and the import page are there too.
    await page.goto(`${base}/werkplek/zoeken`);
    await page.fill('#f-name', 'Haddad');
    await submit(page);
    await check(page, 'zoeken');
    assert.match(await page.textContent('main table') ?? '', new RegExp(r.number));
    await page.goto(`${base}/werkplek/loket/opvolging`);
    await check(page, 'opvolging');
    const download = await page.request.get(`${base}/werkplek/export/aanvragen.xlsx`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-type'] ?? '', /spreadsheetml/);
    await page.goto(`${base}/werkplek/loket/import`);
    await check(page, 'wachtlijst-importeren');
    await page.context().close();
  });

  it('a desk worker merges a duplicate child after comparing both', { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-BE' })).newPage();
    await logIn(page, 'sara@nabij.example');
    await page.goto(`${base}/werkplek/loket/dubbels`);
    await check(page, 'dubbels');
    const before = await t.ctx.db.selectFrom('duplicate_candidate').select(['id', 'child_a']).where('status', '=', 'open').execute();
    assert.ok(before.length >= 1, 'Mila and Milla Cools are queued as a possible duplicate');
    page.once('dialog', (d) => d.accept());
    await submit(page, `form[action$="/${before[0]!.id}/samenvoegen"] button`);
    await check(page, 'dubbels-samengevoegd');
    const after = await t.ctx.db.selectFrom('duplicate_candidate').select('status').where('id', '=', before[0]!.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'merged');
    const merged = await t.ctx.db.selectFrom('child').select('id').where('family_name', '=', 'Cools').where('merged_into', 'is not', null).execute();
    assert.equal(merged.length, 1);
    await page.context().close();
  });

  it('a provider answers a request, states capacity and makes an offer with a deviation', { timeout: 180_000 }, async () => {
    const page = await (await browser.newContext({ bypassCSP: true, locale: 'nl-BE' })).newPage();
    await logIn(page, 'ilse@nabij.example');
    await check(page, 'vandaag-opvang');
    await page.goto(`${base}/werkplek/opvang/aanvragen`);
    await check(page, 'opvang-aanvragen');
    const aerts = await t.ctx.db.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select(['request.id', 'request.number']).where('child.family_name', '=', 'Aerts').executeTakeFirstOrThrow();
    const bosmans = await t.ctx.db.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select(['request.id', 'request.number']).where('child.family_name', '=', 'Bosmans').executeTakeFirstOrThrow();
    const row = `${aerts.id}-${locs['Zonnetje Centrum']}`;
    await page.selectOption(`#kind-${row}`, 'candidate');
    await submit(page, `form:has(#kind-${row}) button`);
    const response = await t.ctx.db.selectFrom('request_response').select('kind').where('request_id', '=', aerts.id).where('location_id', '=', locs['Zonnetje Centrum']!).executeTakeFirstOrThrow();
    assert.equal(response.kind, 'candidate');

    await page.goto(`${base}/werkplek/opvang/locaties`);
    await check(page, 'mijn-locaties');
    await page.goto(`${base}/werkplek/opvang/locaties/${locs['Zonnetje Centrum']}`);
    await page.fill('#f-validFrom', '2027-01-01');
    for (const d of [1, 2, 3, 4, 5]) await page.fill(`#f-seats${d}`, '2');
    await submit(page, 'main form[action$="/capaciteit"] button[type=submit]');
    await check(page, 'capaciteit');
    assert.match(await page.textContent('main') ?? '', /De capaciteit is bewaard/);

    await page.goto(`${base}/werkplek/opvang/locaties/${locs['Zonnetje Centrum']}/kandidaten?start=2027-09-01`);
    await check(page, 'kandidaten');
    const cells = await page.$$eval('table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent?.trim()));
    assert.ok(cells.indexOf(aerts.number) < cells.indexOf(bosmans.number), 'the family registered first comes first');
    // Offering the place to the second family needs a deviation with advice.
    await submit(page, `form:has(input[name=requestId][value="${bosmans.id}"]) button`);
    await check(page, 'afwijking');
    await page.fill('#f-adviserOrganisation', 'OCMW Leuven');
    await page.selectOption('#f-adviserType', 'ocmw');
    await page.selectOption('#f-ground', 'health_or_welfare');
    await page.fill('#f-note', 'Moeder start een opleiding; het kind heeft stabiele opvang nodig.');
    await submit(page);
    await check(page, 'aanbod-met-afwijking');
    const offer = await t.ctx.db.selectFrom('offer').select(['deviation_id', 'status']).where('request_id', '=', bosmans.id).executeTakeFirstOrThrow();
    assert.ok(offer.deviation_id, 'the offer carries its deviation');
    assert.equal(offer.status, 'open');
    await page.goto(`${base}/werkplek/opvang/plaatsingen`);
    await check(page, 'plaatsingen');
    const csv = await page.request.get(`${base}/werkplek/export/kandidaten/${locs['Zonnetje Centrum']}.csv?start=2027-09-01`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), new RegExp(aerts.number));
    await page.context().close();
  });

  it('a coordinator runs a matching round and the provider confirms its proposal', { timeout: 180_000 }, async () => {
    const coord = await (await browser.newContext({ bypassCSP: true, locale: 'nl-BE' })).newPage();
    await logIn(coord, 'koen@nabij.example');
    await coord.goto(`${base}/werkplek/toewijzing`);
    await check(coord, 'rondes');
    await coord.selectOption('#f-periodStart', '2027-09-01');
    await coord.check('#f-mode-0');
    await submit(coord);
    await check(coord, 'ronde-resultaat');
    assert.match(await coord.textContent('main') ?? '', /De controle vond geen fouten/);
    const round = await t.ctx.db.selectFrom('matching_round').select('id').executeTakeFirstOrThrow();
    const proposals = await t.ctx.db.selectFrom('round_proposal').innerJoin('location', 'location.id', 'round_proposal.location_id').select(['round_proposal.id', 'location.organiser_id']).where('round_id', '=', round.id).execute();
    const own = await t.ctx.db.selectFrom('app_user').select('organiser_id').where('email', '=', 'ilse@nabij.example').executeTakeFirstOrThrow();
    const mine = proposals.find((p) => p.organiser_id === own.organiser_id);
    assert.ok(mine, 'the round proposes at least one place at Zonnetje');
    await coord.goto(`${base}/werkplek/vraag`);
    await check(coord, 'echte-vraag');
    assert.match(await coord.textContent('main') ?? '', /kinderen op een plaats/);
    await coord.context().close();

    const provider = await (await browser.newContext({ bypassCSP: true, locale: 'nl-BE' })).newPage();
    await logIn(provider, 'ilse@nabij.example');
    await provider.goto(`${base}/werkplek/toewijzing`);
    await Promise.all([provider.waitForNavigation(), provider.click(`a[href="/werkplek/toewijzing/${round.id}"]`)]);
    await check(provider, 'voorstellen-opvang');
    // Rejecting without a reason is refused next to the field.
    await submit(provider, `form[action$="/voorstel/${mine!.id}"]:has(input[value=reject]) button`);
    assert.match(await provider.textContent('main') ?? '', /Geef de reden/);
    await submit(provider, `form[action$="/voorstel/${mine!.id}"]:has(input[value=confirm]) button`);
    await check(provider, 'voorstel-bevestigd');
    const answered = await t.ctx.db.selectFrom('round_proposal').select('status').where('id', '=', mine!.id).executeTakeFirstOrThrow();
    assert.equal(answered.status, 'confirmed');
    await provider.context().close();
  });

  it('axe-core found no violations on any workspace page', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
