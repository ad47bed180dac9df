// The referral pages without a browser: bad input gets a message next to its field, keeps what was typed and stores
// nothing; the receiver moves a referral on and writes notes; the referrer sees status and dates only; withdrawing
// the consent ends the receiver's access.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed.ts';
import type { App } from '../../src/http/server.ts';
import { referableFamilies, referralCounts } from '../../src/app/family-support/referable.ts';
import { rowCounts, type TestDb } from '../support/db.ts';
import { familyAtZonnetje, type DemoFamily } from '../support/referral-family.ts';
import { closeDemoSite, openDemoSite } from '../support/demo-site.ts';
import { Visitor } from '../support/visitor.ts';

const BUDGET = 'd3a0f000-0000-4000-8000-000000000024'; // OCMW Leuven's "Budget en rechten" in the demo map

describe('workspace referral pages', () => {
  let t: TestDb;
  let app: App;
  let family: DemoFamily;

  before(async () => {
    ({ t, app } = await openDemoSite());
    family = await familyAtZonnetje(app, t.ctx);
  });
  after(() => closeDemoSite(t, app));

  async function staff(email: string): Promise<Visitor> {
    const v = new Visitor(app);
    await v.get('/werkplek/aanmelden');
    const res = await v.post('/werkplek/aanmelden', { email, password: DEMO_STAFF_PASSWORD });
    assert.equal(res.statusCode, 303);
    return v;
  }

  const form = (overrides: Record<string, string | string[]> = {}) => ({
    familyId: family.familyId,
    serviceId: BUDGET,
    childId: family.childId,
    need: 'money',
    question: 'Vragen over de kosten van de opvang.',
    'consent.givenByGuardianId': family.guardianId,
    'consent.dataCategories': ['contact', 'situation'],
    'consent.purpose': 'Samen bekijken welke steun het gezin kan krijgen.',
    'consent.validUntil': '2027-06-30',
    confirmed: 'ja',
    ...overrides,
  });

  it('lists the families a provider may refer: those with a request at its locations', async () => {
    const ilse = await t.ctx.db.selectFrom('app_user').select(['id', 'organiser_id']).where('email', '=', 'ilse@nabij.example').executeTakeFirstOrThrow();
    const tom = await t.ctx.db.selectFrom('app_user').select(['id', 'organiser_id']).where('email', '=', 'tom@nabij.example').executeTakeFirstOrThrow();
    const as = (u: typeof ilse) => ({ userId: u.id, role: 'provider_staff' as const, deskId: null, organiserId: u.organiser_id, channel: 'web' as const });
    const mine = await referableFamilies(t.ctx, as(ilse));
    assert.deepEqual(mine.map((f) => f.id), [family.familyId]);
    assert.equal(mine[0]?.guardians[0]?.givenName, 'Fatima');
    assert.equal(mine[0]?.children[0]?.givenName, 'Amir');
    assert.deepEqual(await referableFamilies(t.ctx, as(ilse), { q: 'amir' }).then((x) => x.length), 1);
    assert.deepEqual(await referableFamilies(t.ctx, as(ilse), { q: 'niemand' }), []);
    assert.deepEqual(await referableFamilies(t.ctx, as(tom)), [], 'another organiser does not see this family');
  });

  it('walks a provider through family, service and consent', async () => {
    const v = await staff('ilse@nabij.example');
    const step1 = await v.get('/werkplek/doorverwijzingen/nieuw');
    assert.equal(step1.statusCode, 200);
    assert.match(step1.body, /Fatima El Amrani/);
    assert.ok(step1.body.includes(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}`));
    const step2 = await v.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&nood=money&gemeente=24062`);
    assert.equal(step2.statusCode, 200);
    assert.match(step2.body, /Budget en rechten/);
    assert.doesNotMatch(step2.body, /Consultatiebureau/, 'the need filters the services');
    const step3 = await v.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&nood=money&aanbod=${BUDGET}`);
    assert.equal(step3.statusCode, 200);
    assert.match(step3.body, /OCMW Leuven/);
    assert.match(step3.body, /altijd intrekken/);
    assert.match(step3.body, /name="consent.validUntil" type="date" value="2027-11-24"/);
  });

  it('refuses a referral without the consent ticked: a message next to the field, values kept, nothing stored', async () => {
    const v = await staff('ilse@nabij.example');
    await v.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&aanbod=${BUDGET}`);
    const before = await rowCounts(t.ctx);
    const { confirmed: _, ...unticked } = form();
    const res = await v.post('/werkplek/doorverwijzingen/nieuw', unticked);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-confirmed-error"[^>]*>.*Bevestig dat de ouder toestemming gaf/s);
    assert.match(res.body, /Vragen over de kosten van de opvang\.<\/textarea>/);
    assert.match(res.body, /value="2027-06-30"/);
    assert.match(res.body, /value="situation" checked/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('refuses a validity date in the past and an empty purpose, with each message next to its field', async () => {
    const v = await staff('ilse@nabij.example');
    await v.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&aanbod=${BUDGET}`);
    const before = await rowCounts(t.ctx);
    const res = await v.post('/werkplek/doorverwijzingen/nieuw', form({ 'consent.validUntil': '2026-11-01', 'consent.purpose': ' ' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="f-consent-validUntil-error"[^>]*>.*De toestemming moet vandaag of later aflopen/s);
    assert.match(res.body, /id="f-consent-purpose-error"/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /value="2026-11-01"/);
    const none = await v.post('/werkplek/doorverwijzingen/nieuw', form({ 'consent.dataCategories': [], confirmed: '' }));
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /id="f-consent-dataCategories-error"/);
    assert.match(none.body, /id="f-confirmed-error"/);
    assert.deepEqual(await rowCounts(t.ctx), before);
  });

  it('sends a referral; the partner moves it on with notes; the referrer sees status and dates, not the notes', async () => {
    const ilse = await staff('ilse@nabij.example');
    await ilse.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&aanbod=${BUDGET}`);
    const sent = await ilse.post('/werkplek/doorverwijzingen/nieuw', form());
    assert.equal(sent.statusCode, 303, sent.body);
    const id = /\/werkplek\/doorverwijzingen\/([0-9a-f-]{36})\?verstuurd=1/.exec(String(sent.headers.location))?.[1] as string;
    assert.ok(id);
    const mine = await ilse.get(`/werkplek/doorverwijzingen/${id}?verstuurd=1`);
    assert.match(mine.body, /OCMW Leuven krijgt een bericht/);
    assert.match(mine.body, /verstuurd/);

    const nadia = await staff('nadia@nabij.example');
    const home = await nadia.get('/werkplek');
    assert.match(home.body, /1 wachten op uw organisatie/);
    const list = await nadia.get('/werkplek/doorverwijzingen');
    assert.ok(list.body.includes(`/werkplek/doorverwijzingen/${id}`));
    const open = await nadia.get(`/werkplek/doorverwijzingen/${id}`);
    assert.match(open.body, /Fatima El Amrani/);
    assert.match(open.body, /Vragen over de kosten van de opvang/);
    // Declining without a reason: the message is next to the reason field, and the status stays.
    const noReason = await nadia.post(`/werkplek/doorverwijzingen/${id}/stap`, { to: 'declined', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="f-reason-error"/);
    assert.equal((await nadia.post(`/werkplek/doorverwijzingen/${id}/stap`, { to: 'received' })).statusCode, 303);
    assert.equal((await nadia.post(`/werkplek/doorverwijzingen/${id}/stap`, { to: 'contact_made' })).statusCode, 303);
    const emptyNote = await nadia.post(`/werkplek/doorverwijzingen/${id}/notitie`, { text: '  ' });
    assert.equal(emptyNote.statusCode, 400);
    assert.match(emptyNote.body, /id="f-text-error"/);
    assert.equal((await nadia.post(`/werkplek/doorverwijzingen/${id}/notitie`, { text: 'Huisbezoek gepland op dinsdag.' })).statusCode, 303);
    const after = await nadia.get(`/werkplek/doorverwijzingen/${id}?stap=1`);
    assert.match(after.body, /Huisbezoek gepland op dinsdag/);
    assert.match(after.body, /contact gelegd/);

    const progress = await ilse.get(`/werkplek/doorverwijzingen/${id}`);
    assert.equal(progress.statusCode, 200);
    assert.match(progress.body, /contact gelegd/);
    assert.match(progress.body, /Contact gelegd<\/dt><dd>24 november 2026/);
    assert.doesNotMatch(progress.body, /Huisbezoek/);
    assert.doesNotMatch(progress.body, /Vragen over de kosten/);
    assert.doesNotMatch(progress.body, /0470 12 34 56/);
    const refused = await ilse.post(`/werkplek/doorverwijzingen/${id}/stap`, { to: 'support_started' });
    assert.equal(refused.statusCode, 403, 'only the receiving organisation moves it on');

    // The family withdraws its consent through the referrer: the partner's access stops at once.
    const nadiaUser = await t.ctx.db.selectFrom('app_user').select(['id', 'role', 'desk_id', 'organiser_id']).where('email', '=', 'nadia@nabij.example').executeTakeFirstOrThrow();
    const partner = { userId: nadiaUser.id, role: 'partner' as const, deskId: null, organiserId: null, channel: 'web' as const };
    assert.deepEqual(await referralCounts(t.ctx, partner), { waiting: 0, following: 1, sentOpen: 0 });
    const withdrawn = await ilse.post(`/werkplek/doorverwijzingen/${id}/intrekken`, {});
    assert.equal(withdrawn.statusCode, 303);
    assert.match((await ilse.get(String(withdrawn.headers.location))).body, /De toestemming is ingetrokken/);
    assert.equal((await nadia.get(`/werkplek/doorverwijzingen/${id}`)).statusCode, 403);
    assert.doesNotMatch((await nadia.get('/werkplek/doorverwijzingen')).body, new RegExp(id));
    assert.deepEqual(await referralCounts(t.ctx, partner), { waiting: 0, following: 0, sentOpen: 0 });
  });

  it('lets the receiving organisation record a withdrawal, after which the referral leaves its list', async () => {
    const ilse = await staff('ilse@nabij.example');
    await ilse.get(`/werkplek/doorverwijzingen/nieuw?gezin=${family.familyId}&aanbod=${BUDGET}`);
    const sent = await ilse.post('/werkplek/doorverwijzingen/nieuw', form({ question: 'Een tweede vraag.' }));
    const id = /doorverwijzingen\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] as string;
    const nadia = await staff('nadia@nabij.example');
    await nadia.get(`/werkplek/doorverwijzingen/${id}`);
    assert.equal((await nadia.post(`/werkplek/doorverwijzingen/${id}/stap`, { to: 'somewhere' })).statusCode, 422, 'an unknown step is refused');
    const gone = await nadia.post(`/werkplek/doorverwijzingen/${id}/intrekken`, {});
    assert.equal(gone.headers.location, '/werkplek/doorverwijzingen?ingetrokken=1');
    const list = await nadia.get(String(gone.headers.location));
    assert.match(list.body, /De toestemming is ingetrokken/);
    assert.doesNotMatch(list.body, new RegExp(id));
    const progress = await ilse.get(`/werkplek/doorverwijzingen/${id}`);
    assert.match(progress.body, /Ingetrokken op<\/dt><dd>24 november 2026/);
    assert.doesNotMatch(progress.body, /Toestemming intrekken<\/button>/, 'a withdrawn consent cannot be withdrawn again');
  });

  it('does not show the referral pages to an analyst, nor to a visitor who is not logged in', async () => {
    assert.equal((await new Visitor(app).get('/werkplek/doorverwijzingen')).statusCode, 303);
    const an = await staff('an@nabij.example');
    assert.equal((await an.get('/werkplek/doorverwijzingen')).statusCode, 403);
    assert.doesNotMatch((await an.get('/werkplek')).body, /doorverwijzingen/);
  });
});
