// Family support through the API: social map, warm referral with consent, withdrawal, shared concerns, bijschakeling, pilots, practices.
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { sql } from 'kysely';
import { flavours, rowCounts } from '../support/db.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { apiSuite } from '../support/http.ts';
import { assertReachInStep } from '../support/reach.ts';
import { CAW, CAW_PARENTING, HVHK, HVHK_PLAY, socialMapDocument } from '../support/social-map.ts';
import { buildServer } from '../../src/http/server.ts';
import { createUserWithToken } from '../../src/app/accounts.ts';

for (const flavour of flavours()) {
  describe(`family support API on ${flavour.name}`, () => {
    const s = apiSuite(flavour);
    let family: { familyId: string; childId: string; guardianId: string; requestId: string };

    before(async () => {
      const r = await s.call('POST', '/api/v1/requests', 'deskA', unbornRequest(s.w, { locationIds: [s.w.loc1] }));
      assert.equal(r.statusCode, 201, r.body);
      const req = r.json().request;
      const g = await s.t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', req.child.familyId).executeTakeFirstOrThrow();
      family = { familyId: req.child.familyId, childId: req.child.id, guardianId: g.id, requestId: req.id };
      const imp = await s.call('POST', '/api/v1/social-map/import', 'coordA', socialMapDocument());
      assert.equal(imp.statusCode, 200, imp.body);
      assert.deepEqual(imp.json(), { organizations: 3, locations: 2, services: 3 });
      const partner = s.w.actors.partner!.userId!;
      assert.equal((await s.call('PUT', `/api/v1/users/${partner}/social-map-organization`, 'admin', { organizationId: CAW })).statusCode, 200);
    });

    const referral = (overrides: Record<string, unknown> = {}) => ({
      familyId: family.familyId,
      childId: family.childId,
      serviceId: CAW_PARENTING,
      need: 'parenting',
      question: 'Mama vraagt hulp bij het slaapritme.',
      consent: { givenByGuardianId: family.guardianId, purpose: 'Opvoedingsondersteuning aan huis opstarten', dataCategories: ['contact', 'situation'], validUntil: '2027-06-30' },
      ...overrides,
    });

    describe('social map', () => {
      it('searches the public part by need, age, municipality and language without a login', async () => {
        const hit = await s.call('GET', '/api/v1/social-map/services?need=parenting&ageMonths=14&municipalityNis=24062&language=ar');
        assert.equal(hit.statusCode, 200, hit.body);
        assert.deepEqual(hit.json().map((x: { id: string }) => x.id), [CAW_PARENTING]);
        const svc = hit.json()[0];
        assert.equal(svc.locations[0].hours[0].opensAt, '09:00');
        assert.deepEqual(svc.locations[0].hours[0].weekdays, [1, 2, 4]);
        assert.equal(svc.phone, '016 11 11 12');
        assert.equal('contacts' in svc, false, 'contact persons are not public');
        for (const q of ['need=parenting&ageMonths=40', 'need=parenting&municipalityNis=24038', 'need=parenting&language=tr', 'need=housing']) {
          assert.equal((await s.call('GET', `/api/v1/social-map/services?${q}`)).json().length, 0, q);
        }
        const inactive = await s.call('GET', `/api/v1/social-map/services/${HVHK_PLAY}`);
        assert.equal(inactive.statusCode, 404, 'inactive services are not public');
        assert.equal((await s.call('GET', '/api/v1/social-map/services?need=nonsense')).json().error.field, 'query.need');
        assert.equal((await s.call('GET', '/api/v1/social-map/services?q=CONSULTATIE')).json()[0].name, 'Consultatiebureau');
      });

      it('exports HSDS JSON that gives the same social map when imported into an empty installation', async () => {
        const first = await s.call('GET', '/api/v1/social-map/export.json', 'deskA');
        assert.equal(first.statusCode, 200);
        const doc = first.json();
        assert.equal(doc.hsds_version, '3.0');
        assert.equal(doc.organizations.length, 3);
        const other = await flavour.open();
        try {
          const app = await buildServer(other.ctx);
          const { token } = await createUserWithToken(other.ctx.db, { name: 'imp', email: 'imp@x.example', role: 'admin' }, 'tok-imp');
          const auth = { authorization: `Bearer ${token}` };
          const imp = await app.inject({ method: 'POST', url: '/api/v1/social-map/import', headers: auth, payload: doc });
          assert.equal(imp.statusCode, 200, imp.body);
          const again = await app.inject({ method: 'GET', url: '/api/v1/social-map/export.json', headers: auth });
          assert.equal(JSON.stringify(again.json(), null, 1), JSON.stringify(doc, null, 1));
          const twice = await app.inject({ method: 'POST', url: '/api/v1/social-map/import', headers: auth, payload: doc });
          assert.equal(twice.statusCode, 200, 're-importing the same document changes nothing');
          assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/social-map/export.json', headers: auth })).json(), doc);
          await app.close();
        } finally {
          await other.close();
        }
      });

      it('imports all or nothing, with a problem per item', async () => {
        const before = await rowCounts(s.t.ctx);
        const doc = socialMapDocument();
        const bad = structuredClone(doc) as { organizations: Array<Record<string, any>> };
        bad.organizations[0]!.services[0].attributes[0].taxonomy_term.code = 'astrology';
        bad.organizations[1]!.locations[0].addresses[0].postal_code = '30';
        bad.organizations.push({ name: 'Nieuw', services: [{ name: 'X', status: 'active', service_at_locations: [{ location_id: '6f1c1a52-0000-4000-8000-000000000099' }] }] });
        const r = await s.call('POST', '/api/v1/social-map/import', 'coordA', bad);
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().error.code, 'import.invalid_items');
        assert.deepEqual(r.json().error.details.map((d: { field: string }) => d.field).sort(), ['organizations.0.services.0.attributes.0.taxonomy_term.code', 'organizations.1.locations.0.addresses.0.postal_code', 'organizations.3.services.0.service_at_locations.0.location_id']);
        assert.deepEqual(await rowCounts(s.t.ctx), before, 'nothing was stored');
        const steal = structuredClone(doc) as { organizations: Array<Record<string, any>> };
        steal.organizations[2]!.services = [{ id: CAW_PARENTING, name: 'Stolen', status: 'active' }];
        const stolen = await s.call('POST', '/api/v1/social-map/import', 'coordA', { organizations: [steal.organizations[2]] });
        assert.equal(stolen.json().error.details[0].code, 'hsds.id_of_other_organization');
        assert.equal((await s.call('POST', '/api/v1/social-map/import', 'deskA', doc)).statusCode, 403, 'desk workers maintain, coordinators import');
      });

      it('lets desk workers maintain an organisation in HSDS shape', async () => {
        const created = await s.call('POST', '/api/v1/social-map/organizations', 'deskA', { name: 'Kind en Gezin', services: [{ name: 'Gezinsondersteuning', status: 'active', schedules: [{ byday: 'WE', opens_at: '13:00', closes_at: '12:00' }] }] });
        assert.equal(created.statusCode, 400);
        assert.equal(created.json().error.field, 'services.0.schedules.0.closes_at');
        const ok = await s.call('POST', '/api/v1/social-map/organizations', 'deskA', { name: 'Kind en Gezin', services: [{ name: 'Gezinsondersteuning', status: 'active' }] });
        assert.equal(ok.statusCode, 201, ok.body);
        const org = ok.json();
        const changed = await s.call('PUT', `/api/v1/social-map/organizations/${org.id}`, 'deskA', { ...org, services: [{ ...org.services[0], status: 'inactive' }] });
        assert.equal(changed.statusCode, 200, changed.body);
        assert.equal(changed.json().services[0].status, 'inactive');
        assert.equal((await s.call('POST', '/api/v1/social-map/organizations', 'provider1', { name: 'X' })).statusCode, 403);
        assert.equal((await s.call('GET', '/api/v1/social-map/organizations', 'analyst')).statusCode, 403);
      });
    });

    describe('warm referral', () => {
      let id = '';
      let consentId = '';

      it('childcare staff refer a family with its consent; the referrer sees status and dates only', async () => {
        const r = await s.call('POST', '/api/v1/referrals', 'provider1', referral());
        assert.equal(r.statusCode, 201, r.body);
        const v = r.json();
        id = v.id;
        assert.equal(v.view, 'progress');
        assert.equal(v.status, 'sent');
        assert.equal(v.question, undefined);
        consentId = (await s.t.ctx.db.selectFrom('referral').select('consent_id').where('id', '=', id).executeTakeFirstOrThrow()).consent_id;
        const outbox = await s.t.ctx.db.selectFrom('outbox').select(['topic', 'recipient']).where('topic', '=', 'referral.sent').execute();
        assert.deepEqual(outbox.map((o) => o.recipient), [{ organizationId: CAW }]);
        await assertReachInStep(s.t.ctx, 'a referral by childcare staff');
      });

      it('the receiving partner reads what the consent shares, accepts and records contact', async () => {
        const list = await s.call('GET', '/api/v1/referrals?box=received', 'partner');
        assert.deepEqual(list.json().map((x: { id: string }) => x.id), [id]);
        const r = await s.call('GET', `/api/v1/referrals/${id}`, 'partner');
        assert.equal(r.statusCode, 200, r.body);
        const v = r.json();
        assert.equal(v.view, 'receiver');
        assert.equal(v.question, 'Mama vraagt hulp bij het slaapritme.');
        assert.equal(v.family.guardians[0].email, 'sarah.peeters@mail.example');
        assert.equal(v.child, null, 'the child’s data was not part of the consent');
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'partner', { to: 'support_started' })).json().error.code, 'referral.transition_not_allowed');
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'partner', { to: 'received' })).statusCode, 200);
        const contact = await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'partner', { to: 'contact_made' });
        assert.equal(contact.json().status, 'contact_made');
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/notes`, 'partner', { text: 'Eerste huisbezoek gepland.' })).statusCode, 201);
      });

      it('the referrer follows the progress without the content; others see nothing', async () => {
        const r = await s.call('GET', `/api/v1/referrals/${id}`, 'provider1');
        assert.equal(r.statusCode, 200);
        const v = r.json();
        assert.equal(v.view, 'progress');
        assert.equal(v.status, 'contact_made');
        assert.ok(v.receivedAt && v.contactMadeAt);
        for (const k of ['question', 'notes', 'family', 'child', 'outcome', 'need']) assert.equal(v[k], undefined, k);
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'provider1', { to: 'support_started' })).json().error.code, 'referral.not_receiver');
        assert.equal((await s.call('GET', `/api/v1/referrals/${id}`, 'provider2')).statusCode, 404);
        assert.equal((await s.call('GET', `/api/v1/referrals/${id}`, 'deskB')).statusCode, 404);
        assert.equal((await s.call('GET', `/api/v1/referrals/${id}`, 'analyst')).statusCode, 403);
      });

      it('refuses bad referrals with a field and a Dutch and English message, storing nothing', async () => {
        const before = await rowCounts(s.t.ctx);
        const past = await s.call('POST', '/api/v1/referrals', 'provider1', referral({ consent: { ...referral().consent, validUntil: '2026-01-01' } }));
        assert.equal(past.statusCode, 400);
        assert.equal(past.json().error.field, 'consent.validUntil');
        assert.ok(past.json().error.nl && past.json().error.en);
        assert.equal((await s.call('POST', '/api/v1/referrals', 'provider1', referral({ serviceId: HVHK_PLAY }))).json().error.code, 'service.not_active');
        assert.equal((await s.call('POST', '/api/v1/referrals', 'provider2', referral())).json().error.code, 'family.not_found');
        assert.equal((await s.call('POST', '/api/v1/referrals', 'provider1', referral({ consent: { ...referral().consent, givenByGuardianId: s.w.actors.partner!.userId } }))).json().error.code, 'consent.guardian_not_in_family');
        assert.equal((await s.call('POST', '/api/v1/referrals', 'provider1', referral({ childId: undefined, consent: { ...referral().consent, dataCategories: ['child'] } }))).json().error.code, 'consent.child_without_child');
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'partner', { to: 'declined' })).json().error.code, 'referral.reason_required');
        assert.deepEqual(await rowCounts(s.t.ctx), before);
      });

      it('withdrawing the consent stops the partner’s access at once, and both are audited', async () => {
        const w = await s.call('POST', `/api/v1/consents/${consentId}/withdraw`, 'deskA');
        assert.equal(w.statusCode, 200, w.body);
        const r = await s.call('GET', `/api/v1/referrals/${id}`, 'partner');
        assert.equal(r.statusCode, 403);
        assert.equal(r.json().error.code, 'consent.withdrawn');
        assert.equal((await s.call('GET', '/api/v1/referrals?box=received', 'partner')).json().length, 0);
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/transitions`, 'partner', { to: 'support_started' })).statusCode, 403);
        assert.equal((await s.call('POST', `/api/v1/referrals/${id}/notes`, 'partner', { text: 'x' })).statusCode, 403);
        const key = { 'idempotency-key': 'retry-1' };
        for (let i = 0; i < 2; i++) assert.equal((await s.call('POST', `/api/v1/referrals/${id}/notes`, 'partner', { text: 'x' }, key)).json().error.code, 'consent.withdrawn', 'a retry gets the same refusal');
        const progress = (await s.call('GET', `/api/v1/referrals/${id}`, 'provider1')).json();
        assert.ok(progress.consent.withdrawnAt, 'the referrer sees that the consent was withdrawn');
        assert.equal((await s.call('POST', `/api/v1/consents/${consentId}/withdraw`, 'deskA')).statusCode, 409);
        const audits = await sql<{ action: string; subject_ids: string[] }>`select action, subject_ids from audit_log where action in ('consent.withdraw', 'referral.read_refused') order by id`.execute(s.t.ctx.db);
        assert.deepEqual(audits.rows.map((a) => a.action), ['consent.withdraw', 'referral.read_refused']);
        assert.ok(audits.rows[0]!.subject_ids.includes(family.familyId) && audits.rows[0]!.subject_ids.includes(id));
        const consents = await s.call('GET', `/api/v1/families/${family.familyId}/consents`, 'deskA');
        assert.equal(consents.json().find((c: { id: string }) => c.id === consentId).state, 'withdrawn');
        assert.ok((await s.t.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'referral.consent_withdrawn').executeTakeFirst()));
      });
    });

    describe('shared concerns', () => {
      it('are read only by the people named in the consent, every read audited, until withdrawal', async () => {
        const body = {
          familyId: family.familyId,
          childId: family.childId,
          topic: 'development',
          observation: 'Het kind brabbelt weinig voor zijn leeftijd.',
          consent: { givenByGuardianId: family.guardianId, purpose: 'Samen kijken naar de taalontwikkeling', validUntil: '2027-03-31', recipientUserIds: [s.w.actors.deskA!.userId] },
        };
        const c = await s.call('POST', '/api/v1/concerns', 'provider1', body);
        assert.equal(c.statusCode, 201, c.body);
        const id = c.json().id;
        const read = await s.call('GET', `/api/v1/concerns/${id}`, 'deskA');
        assert.equal(read.statusCode, 200);
        assert.equal(read.json().observation, body.observation);
        assert.equal((await s.call('GET', `/api/v1/concerns/${id}`, 'partner')).statusCode, 404, 'not named, not shared');
        const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'concern.read' and ${id}::uuid = any(subject_ids)`.execute(s.t.ctx.db);
        assert.equal(audited.rows[0]!.n, 1);
        assert.equal((await s.call('POST', '/api/v1/concerns', 'provider1', { ...body, consent: { ...body.consent, recipientUserIds: [family.guardianId] } })).json().error.code, 'consent.recipient_unknown');
        await s.call('POST', `/api/v1/consents/${c.json().consent.id}/withdraw`, 'deskA');
        assert.equal((await s.call('GET', `/api/v1/concerns/${id}`, 'deskA')).json().error.code, 'consent.withdrawn');
        assert.equal((await s.call('GET', `/api/v1/concerns/${id}`, 'provider1')).statusCode, 200, 'the author keeps what they wrote');
        assert.equal((await s.call('POST', `/api/v1/concerns/${id}/close`, 'provider1')).json().status, 'closed');
        assert.equal((await s.call('POST', `/api/v1/concerns/${id}/close`, 'provider1')).statusCode, 409);
      });
    });

    describe('specialised support (bijschakeling)', () => {
      it('is visible to that location, its desk and the supporting organisation only', async () => {
        const body = { childId: family.childId, locationId: s.w.loc1, serviceId: CAW_PARENTING, startDate: '2027-10-01', endDate: '2028-03-31', contactName: 'Pieter Thuisbegeleider', contactPhone: '0470 00 00 00' };
        assert.equal((await s.call('POST', '/api/v1/support-assignments', 'provider1', body)).json().error.code, 'support.child_not_at_location');
        await s.t.ctx.db.insertInto('placement').values({ child_id: family.childId, location_id: s.w.loc1, request_id: family.requestId, start_date: '2027-09-01', end_date: '2029-08-31', care_days: JSON.stringify([{ weekday: 1, part: 'full' }]) }).execute();
        const r = await s.call('POST', '/api/v1/support-assignments', 'provider1', body);
        assert.equal(r.statusCode, 201, r.body);
        assert.equal((await s.call('POST', '/api/v1/support-assignments', 'provider1', { ...body, endDate: '2027-01-01' })).json().error.field, 'endDate');
        assert.equal((await s.call('POST', '/api/v1/support-assignments', 'provider2', body)).statusCode, 404);
        for (const who of ['provider1', 'deskA', 'partner']) assert.equal((await s.call('GET', `/api/v1/support-assignments?locationId=${s.w.loc1}`, who)).json().length, 1, who);
        for (const who of ['provider2', 'deskB']) assert.equal((await s.call('GET', '/api/v1/support-assignments', who)).json().length, 0, who);
      });
    });

    describe('Vroeg en Nabij pilots', () => {
      const pilot = () => ({
        name: 'Vroeg en Nabij Leuven-Herent',
        startDate: '2024-09-01',
        endDate: '2026-12-31',
        municipalities: ['24062', '24038'],
        partners: [
          { role: 'huis_van_het_kind', organizationId: HVHK },
          { role: 'childcare_location', locationId: s.w.loc1 },
          { role: 'childcare_location', locationId: s.w.loc2 },
          { role: 'organiser', organiserId: s.w.organiser2 },
          { role: 'lokaal_loket', deskId: s.w.deskA },
          { role: 'diagnostics', name: 'COS Leuven' },
        ],
      });

      it('registers a pilot that meets the call and refuses one that does not, naming each unmet condition', async () => {
        const bad = { ...pilot(), partners: pilot().partners.filter((p) => p.role !== 'lokaal_loket' && p.role !== 'organiser') };
        const check = await s.call('POST', '/api/v1/pilots/check', 'coordA', bad);
        assert.equal(check.json().ok, false);
        const refused = await s.call('POST', '/api/v1/pilots', 'coordA', bad);
        assert.equal(refused.statusCode, 422);
        assert.deepEqual(refused.json().error.details.map((d: { code: string }) => d.code), ['pilot.two_organisers', 'pilot.lokaal_loket']);
        assert.equal((await s.call('POST', '/api/v1/pilots', 'coordA', { ...pilot(), partners: [...pilot().partners, { role: 'childcare_location', locationId: s.w.organiser1 }] })).json().error.code, 'location.unknown');
        const ok = await s.call('POST', '/api/v1/pilots', 'coordA', pilot());
        assert.equal(ok.statusCode, 201, ok.body);
        assert.ok(ok.json().conditions.every((c: { met: boolean }) => c.met));
        assert.equal((await s.call('POST', '/api/v1/pilots', 'deskA', pilot())).statusCode, 403);
      });

      it('exports its indicators per quarter as JSON and CSV', async () => {
        const id = (await s.call('GET', '/api/v1/pilots', 'analyst')).json()[0].id;
        const r = await s.call('GET', `/api/v1/pilots/${id}/indicators`, 'analyst');
        assert.equal(r.statusCode, 200, r.body);
        const q = r.json().quarters.find((x: { quarter: string }) => x.quarter === '2026-Q4');
        assert.deepEqual([q.referralsMade, q.referralsAccepted, q.medianDaysToFirstContact, q.familiesReached, q.childcareReferrals, q.concernsShared], [1, 1, 0, 1, 1, 1]);
        assert.equal(r.json().quarters[0].quarter, '2024-Q3');
        const csv = await s.call('GET', `/api/v1/pilots/${id}/indicators.csv`, 'analyst');
        assert.match(csv.headers['content-type'] as string, /text\/csv/);
        assert.match(csv.body, /^\uFEFFquarter;from;to;referralsMade/);
        assert.match(csv.body, /2026-Q4;2026-10-01;2026-12-31;1;1;0;1;0;1;1/);
      });
    });

    describe('practice library', () => {
      it('is for desk staff only and searchable', async () => {
        const p = await s.call('POST', '/api/v1/practices', 'deskA', { title: 'Wachtlijst samen overlopen', problem: 'Ouders weten niet waar ze staan.', whatWorked: 'Maandelijks belrondje met elke organisator.', municipalityNis: '24062' });
        assert.equal(p.statusCode, 201, p.body);
        assert.equal((await s.call('GET', '/api/v1/practices?q=belrondje%20organisator', 'coordA')).json()[0].title, 'Wachtlijst samen overlopen');
        assert.equal((await s.call('GET', '/api/v1/practices?q=belrondje&municipalityNis=24038', 'coordA')).json().length, 0);
        assert.equal((await s.call('GET', '/api/v1/practices', 'provider1')).statusCode, 403);
        assert.equal((await s.call('POST', '/api/v1/practices', 'deskA', { title: 'x', problem: 'y', whatWorked: 'z', municipalityNis: '99999' })).json().error.code, 'municipality.unknown');
      });
    });
  });
}
