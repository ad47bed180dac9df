// Fuzzed bodies against every write endpoint: never a 5xx, and a refused request leaves no rows behind.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { buildServer, type App } from '../../src/http/server.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { makeKbo } from '../../src/domain/identity/kbo.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { CAW, CAW_PARENTING, HVHK, socialMapDocument } from '../support/social-map.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** CI runs the full count on PostgreSQL and fewer on the slower in-process PGlite (see .ci/run). */
const RUNS_PGLITE = Number(process.env.FUZZ_RUNS_PGLITE ?? RUNS);

/** Replaces one value somewhere in a valid body: the most useful fuzz, as it gets past the first check. */
function mutate(base: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(base, []);
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ maxLength: 30 }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.constantFrom('2027-02-29', '2024-02-29', '1899-12-31', '9999-12-31', '', ' ', '00000000-0000-0000-0000-000000000000', makeInsz('2026-01-01', 3), '24062', '44021', '11002'),
    fc.constant(undefined),
  );
  return fc.tuple(fc.constantFrom(...paths), value).map(([path, v]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    if (path.length === 0) return v;
    let cur = copy as Record<string, unknown>;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    const last = path[path.length - 1] as string;
    if (v === undefined) delete cur[last];
    else cur[last] = v;
    return copy;
  });
}

for (const flavour of flavours()) {
  describe(`fuzzing the write endpoints on ${flavour.name}`, () => {
    const runs = flavour.name === 'pglite' ? RUNS_PGLITE : RUNS;
    let t: TestDb;
    let w: World;
    let app: App;
    let ids: { request: string; child: string; candidate: string; family: string };

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.tokens.deskA}` }, payload });
      const a = (await post('/api/v1/requests', unbornRequest(w))).json();
      await post('/api/v1/requests', unbornRequest(w, { applicant: { givenName: 'B', familyName: 'Peeters', phone: '0470 00 00 09' }, child: { familyName: 'Peeters', dueDate: '2027-03-15' } }));
      const cand = await t.ctx.db.selectFrom('duplicate_candidate').select('id').executeTakeFirstOrThrow();
      ids = { request: a.request.id, child: a.request.child.id, candidate: cand.id, family: a.request.child.familyId };
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    const idArb = () => fc.oneof(fc.constantFrom(ids.request, ids.child, ids.candidate), fc.uuid(), fc.string({ maxLength: 40 }));

    async function fuzz(name: string, url: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>, who: fc.Arbitrary<string> = fc.constant('deskA'), method: 'POST' | 'PUT' = 'POST') {
      await fc.assert(
        fc.asyncProperty(url, body, who, async (u, b, user) => {
          const before = await rowCounts(t.ctx);
          const r = await app.inject({ method, url: u, headers: { authorization: `Bearer ${w.tokens[user]}`, 'content-type': 'application/json' }, payload: JSON.stringify(b) ?? '' });
          assert.ok(r.statusCode < 500, `${name}: ${r.statusCode} for ${JSON.stringify(b)}: ${r.body}`);
          const e = r.statusCode >= 400 ? r.json().error : null;
          if (e) {
            assert.ok(e.code && e.nl && e.en, `${name}: error without code or texts: ${r.body}`);
            assert.deepEqual(await rowCounts(t.ctx), before, `${name}: a refused request changed rows: ${JSON.stringify(b)}`);
          }
        }),
        { numRuns: runs },
      );
    }

    it('POST /requests', async () => {
      const valid = unbornRequest(w, { applicant: { givenName: 'F', familyName: 'Fuzz', email: 'fuzz@mail.example' }, child: { familyName: 'Fuzz', dueDate: '2027-01-20' } });
      const born = unbornRequest(w, { child: { familyName: 'Fuzz', givenName: 'Ada', birthDate: '2026-01-01', insz: makeInsz('2026-01-01', 3) }, desiredStartDate: '2027-01-01' });
      await fuzz('requests', fc.constant('/api/v1/requests'), fc.oneof(mutate(valid), mutate(born), fc.jsonValue()), fc.constantFrom('deskA', 'partner', 'admin', 'analyst'));
    });
    it('POST /organisers', async () => {
      await fuzz('organisers', fc.constant('/api/v1/organisers'), fc.oneof(mutate({ kbo: makeKbo(7_777_777), name: 'Fuzz vzw' }), fc.jsonValue()), fc.constantFrom('admin', 'deskA'));
    });
    it('POST /locations', async () => {
      const valid = { organiserId: w.organiser1, name: 'Fuzz', street: 'S 1', postalCode: '3000', municipalityNis: '24062', type: 'family', subsidyStep: 'T2', licensedCapacity: 8, openingWeekdays: [1, 2], opgroeienId: '42' };
      await fuzz('locations', fc.constant('/api/v1/locations'), fc.oneof(mutate(valid), fc.jsonValue()), fc.constantFrom('admin', 'provider1', 'provider2'));
    });
    it('POST /requests/:id/transitions', async () => {
      await fuzz('transitions', idArb().map((id) => `/api/v1/requests/${encodeURIComponent(id)}/transitions`), fc.oneof(mutate({ to: 'active', reason: 'x' }), fc.jsonValue()), fc.constantFrom('deskA', 'deskB', 'provider1'));
    });
    it('POST /children/:id/birth', async () => {
      await fuzz('birth', idArb().map((id) => `/api/v1/children/${encodeURIComponent(id)}/birth`), fc.oneof(mutate({ birthDate: '2026-11-20', insz: makeInsz('2026-11-20', 9), givenName: 'Z' }), fc.jsonValue()));
    });
    it('POST /duplicates/:id/merge and /dismiss', async () => {
      await fuzz('merge', idArb().map((id) => `/api/v1/duplicates/${encodeURIComponent(id)}/merge`), fc.oneof(mutate({ survivingChildId: ids.child }), fc.jsonValue()), fc.constantFrom('deskA', 'deskB'));
      await fuzz('dismiss', idArb().map((id) => `/api/v1/duplicates/${encodeURIComponent(id)}/dismiss`), fc.jsonValue(), fc.constantFrom('deskB', 'provider1'));
    });

    it('POST /families/:id/facts', async () => {
      const valid = { guardians: [{ activities: [{ kind: 'employed', fraction: 0.8 }] }, { activities: [] }], singleParent: false, lowIncome: true, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [{ locationId: w.loc1, from: '2025-01-01', to: null }], sources: { lowIncome: { source: 'attest', attestType: 'aanslagbiljet' } }, declaredOn: '2026-11-01' };
      await fuzz('facts', fc.oneof(fc.constant(ids.family), idArb()).map((id) => `/api/v1/families/${encodeURIComponent(id)}/facts`), fc.oneof(mutate(valid), fc.jsonValue()), fc.constantFrom('deskA', 'deskB', 'partner', 'provider1'));
    });
    it('PUT /locations/:id/rule-settings', async () => {
      await fuzz('rule-settings', fc.constantFrom(w.loc1, w.loc3, 'x').map((id) => `/api/v1/locations/${id}/rule-settings`), fc.oneof(mutate({ groupOrder: ['work', 'sibling', 'foster_child'], tieBreak: { policy: 'batch_window', monthsBeforeStart: 4 } }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin'), 'PUT');
    });
    it('POST /locations/:id/deviations', async () => {
      const valid = { requestId: ids.request, adviserOrganisation: 'CAW', adviserType: 'caw', adviceDate: '2026-11-01', ground: 'child_interest', note: 'x' };
      await fuzz('deviations', fc.constantFrom(w.loc1, w.loc2, w.loc3, 'x').map((id) => `/api/v1/locations/${id}/deviations`), fc.oneof(mutate(valid), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin'));
    });

    it('POST /requests/:id/deviation-advice', async () => {
      const valid = { locationId: w.loc1, adviserOrganisation: 'OCMW', adviserType: 'ocmw', adviceDate: '2026-11-01', ground: 'health_or_welfare', note: 'n' };
      await fuzz('advice', fc.oneof(fc.constant(ids.request), idArb()).map((id) => `/api/v1/requests/${encodeURIComponent(id)}/deviation-advice`), fc.oneof(mutate(valid), fc.jsonValue()), fc.constantFrom('deskA', 'partner', 'provider1', 'deskB'));
    });

    it('PUT /locations/:id/capacity', async () => {
      await fuzz('capacity', fc.constantFrom(w.loc1, w.loc3, 'x').map((id) => `/api/v1/locations/${id}/capacity`), fc.oneof(mutate({ validFrom: '2027-01-01', openSeats: [3, 3, 2, 3, 3], note: 'n' }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin', 'deskA'), 'PUT');
    });

    it('POST /matching-rounds and /round-proposals/:id/answer', async () => {
      await fuzz('rounds', fc.constant('/api/v1/matching-rounds'), fc.oneof(mutate({ periodStart: '2027-09-01', mode: 'da', seed: 3 }), fc.jsonValue()), fc.constantFrom('coordA', 'deskA', 'admin'));
      await fuzz('answer', idArb().map((id) => `/api/v1/round-proposals/${encodeURIComponent(id)}/answer`), fc.oneof(mutate({ decision: 'reject', reason: 'r' }), fc.jsonValue()), fc.constantFrom('provider1', 'admin'));
    });

    it('POST /offers, /offers/:id/answer and /requests/:id/responses', async () => {
      await fuzz('offers', fc.constant('/api/v1/offers'), fc.oneof(mutate({ requestId: ids.request, locationId: w.loc1, start: '2027-09-01', careDays: [{ weekday: 1, part: 'full' }] }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin'));
      await fuzz('offer-answer', idArb().map((id) => `/api/v1/offers/${encodeURIComponent(id)}/answer`), fc.oneof(mutate({ answer: 'accept' }), fc.jsonValue()), fc.constantFrom('deskA', 'deskB'));
      await fuzz('responses', fc.oneof(fc.constant(ids.request), idArb()).map((id) => `/api/v1/requests/${encodeURIComponent(id)}/responses`), fc.oneof(mutate({ locationId: w.loc1, kind: 'no_place', reason: 'vol' }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2'));
    });

    it('PUT /desks/:id/settings', async () => {
      await fuzz('desk-settings', fc.constantFrom(w.deskA, w.deskB, 'x').map((id) => `/api/v1/desks/${id}/settings`), fc.oneof(mutate({ offerDeadlineDays: 9, responseDays: 21, noPlaceWarningMonths: 6, maxLocations: null }), fc.jsonValue()), fc.constantFrom('coordA', 'deskA', 'admin'), 'PUT');
    });

    it('POST /subsidy-groups, PUT /statistics/births, POST /reports/keyed-export/combine and /reports/policy-simulation', async () => {
      await fuzz('subsidy-groups', fc.constant('/api/v1/subsidy-groups'), fc.oneof(mutate({ opgroeienId: 4242, name: 'Groep', incomeTariffFrom: '2025-01-01', incomeTariffUntil: null, plusSubsidy: true, locationIds: [w.loc1] }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin'));
      await fuzz('births', fc.constant('/api/v1/statistics/births'), fc.oneof(mutate({ rows: [{ nisCode: '24062', year: 2025, births: 900 }, { nisCode: '24038', year: 2025, births: 200 }] }), fc.jsonValue()), fc.constantFrom('analyst', 'deskA'), 'PUT');
      const keyed = { format: 'nabij.keyed-aggregates/1', installation: 'a', year: 2026, keyAlgorithm: 'HMAC-SHA256/128', rows: [{ k: 'a'.repeat(32), m: '24062', o: 'unanswered', u: true, v: false }] };
      await fuzz('combine', fc.constant('/api/v1/reports/keyed-export/combine'), fc.oneof(mutate({ exports: [keyed, { ...keyed, installation: 'b' }] }), fc.jsonValue()), fc.constantFrom('analyst', 'deskA'));
      await fuzz('simulation', fc.constant('/api/v1/reports/policy-simulation'), fc.oneof(mutate({ periodStart: '2027-09-01', alternative: { ruleSetId: 'vlaanderen-b', tieBreak: 'lottery' } }), fc.jsonValue()), fc.constantFrom('coordA', 'analyst'));
    });

    it('integration: POST /oauth/token, /integration/capacity, /integration/placements, /integration/clients, PUT webhook', async () => {
      const client = (await app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: { authorization: `Bearer ${w.tokens.provider1}` }, payload: { name: 'Fuzz' } })).json();
      await fuzz('token', fc.constant('/api/v1/oauth/token'), fc.oneof(mutate({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'nbj_cs_wrong' }), fc.jsonValue()), fc.constantFrom('provider1', 'deskA'));
      const capacity = { items: [{ locationId: w.loc1, validFrom: '2027-01-01', openSeats: [3, 3, 2, 3, 3], note: 'n' }, { opgroeienId: '42', validFrom: '2027-02-01', openSeats: [1, 1, 1, 1, 1] }] };
      await fuzz('bulk-capacity', fc.constant('/api/v1/integration/capacity'), fc.oneof(mutate(capacity), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin', 'deskA'));
      const report = { items: [{ placementId: ids.request, start: '2027-09-02', end: '2028-01-31', departedOn: '2028-01-31', reason: 'r' }] };
      await fuzz('placements', fc.constant('/api/v1/integration/placements'), fc.oneof(mutate(report), fc.jsonValue()), fc.constantFrom('provider1', 'provider2', 'admin'));
      await fuzz('clients', fc.constant('/api/v1/integration/clients'), fc.oneof(mutate({ name: 'x', organiserId: w.organiser2 }), fc.jsonValue()), fc.constantFrom('provider1', 'deskA', 'admin'));
      await fuzz('webhook', fc.constantFrom(client.clientId, ids.request, 'x').map((id) => `/api/v1/integration/clients/${id}/webhook`), fc.oneof(mutate({ url: 'https://software.example/hook', rotateSecret: true, from: 'start' }), fc.jsonValue()), fc.constantFrom('provider1', 'provider2'), 'PUT');
    });

    it('family support: social map, referrals, consent, concerns, support, pilots, practices', async () => {
      const as = (who: string) => ({ authorization: `Bearer ${w.tokens[who]}` });
      const ok = async (method: 'POST' | 'PUT', url: string, who: string, payload: object) => {
        const r = await app.inject({ method, url, headers: as(who), payload });
        assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
        return r.json();
      };
      const doc = socialMapDocument();
      await ok('POST', '/api/v1/social-map/import', 'admin', doc);
      await ok('PUT', `/api/v1/users/${w.actors.partner!.userId}/social-map-organization`, 'admin', { organizationId: CAW });
      const guardian = (await t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', ids.family).executeTakeFirstOrThrow()).id;
      const consent = { givenByGuardianId: guardian, purpose: 'Doorverwijzen', dataCategories: ['contact', 'situation'], validUntil: '2027-06-30' };
      const referral = { familyId: ids.family, childId: ids.child, serviceId: CAW_PARENTING, need: 'parenting', question: 'Vraag', consent };
      const ref = await ok('POST', '/api/v1/referrals', 'provider1', referral);
      const someId = () => fc.oneof(fc.constantFrom(ref.id, CAW, ids.family), fc.uuid(), fc.string({ maxLength: 40 }));
      const people = (...who: string[]) => fc.constantFrom(...who);

      await fuzz('sm-org', fc.constant('/api/v1/social-map/organizations'), fc.oneof(mutate(doc.organizations[0]), fc.jsonValue()), people('deskA', 'provider1'));
      await fuzz('sm-org-put', fc.constantFrom(CAW, HVHK, 'x').map((id) => `/api/v1/social-map/organizations/${id}`), fc.oneof(mutate(doc.organizations[1]), fc.jsonValue()), people('deskA', 'partner'), 'PUT');
      await fuzz('sm-import', fc.constant('/api/v1/social-map/import'), fc.oneof(mutate(doc), fc.jsonValue()), people('coordA', 'deskA'));
      await fuzz('sm-settings', fc.constantFrom(CAW, 'x').map((id) => `/api/v1/social-map/organizations/${id}/settings`), fc.oneof(mutate({ pickupDays: 5 }), fc.jsonValue()), people('deskA', 'provider1'), 'PUT');
      await fuzz('sm-link', someId().map((id) => `/api/v1/users/${encodeURIComponent(id)}/social-map-organization`), fc.oneof(mutate({ organizationId: HVHK }), fc.jsonValue()), people('coordA', 'deskA'), 'PUT');
      await fuzz('referrals', fc.constant('/api/v1/referrals'), fc.oneof(mutate(referral), fc.jsonValue()), people('provider1', 'provider2', 'partner', 'deskB', 'analyst'));
      await fuzz('referral-step', someId().map((id) => `/api/v1/referrals/${encodeURIComponent(id)}/transitions`), fc.oneof(mutate({ to: 'closed', outcome: 'referred_on', reason: 'r' }), fc.jsonValue()), people('partner', 'provider1', 'deskB'));
      await fuzz('referral-note', someId().map((id) => `/api/v1/referrals/${encodeURIComponent(id)}/notes`), fc.oneof(mutate({ text: 'notitie' }), fc.jsonValue()), people('partner', 'provider1'));
      const concern = { familyId: ids.family, childId: ids.child, topic: 'development', observation: 'o', question: 'q', consent: { givenByGuardianId: guardian, purpose: 'p', validUntil: '2027-01-31', recipientUserIds: [w.actors.partner!.userId] } };
      await fuzz('concerns', fc.constant('/api/v1/concerns'), fc.oneof(mutate(concern), fc.jsonValue()), people('provider1', 'provider2', 'deskA'));
      await fuzz('concern-close', someId().map((id) => `/api/v1/concerns/${encodeURIComponent(id)}/close`), fc.jsonValue(), people('deskB', 'provider2'));
      const support = { childId: ids.child, locationId: w.loc1, serviceId: CAW_PARENTING, startDate: '2027-10-01', endDate: '2028-01-31', contactName: 'C', contactPhone: '0470', contactEmail: 'c@x.example' };
      await fuzz('support', fc.constant('/api/v1/support-assignments'), fc.oneof(mutate(support), fc.jsonValue()), people('provider1', 'provider2', 'partner'));
      const pilot = {
        name: 'Pilot',
        startDate: '2024-09-01',
        endDate: '2026-08-31',
        municipalities: ['24062', '24038'],
        partners: [
          { role: 'huis_van_het_kind', organizationId: HVHK },
          { role: 'childcare_location', locationId: w.loc1, qualityLabel: false },
          { role: 'childcare_location', locationId: w.loc2 },
          { role: 'organiser', organiserId: w.organiser2 },
          { role: 'lokaal_loket', deskId: w.deskA },
          { role: 'other', name: 'CLB' },
        ],
      };
      await fuzz('pilot-check', fc.constant('/api/v1/pilots/check'), fc.oneof(mutate(pilot), fc.jsonValue()), people('coordA', 'deskA'));
      await fuzz('pilots', fc.constant('/api/v1/pilots'), fc.oneof(mutate(pilot), fc.jsonValue()), people('coordA', 'admin'));
      const stored = await ok('POST', '/api/v1/pilots', 'coordA', pilot);
      await fuzz('pilot-put', fc.constantFrom(stored.id, 'x', CAW).map((id) => `/api/v1/pilots/${id}`), fc.oneof(mutate(pilot), fc.jsonValue()), people('coordA'), 'PUT');
      await fuzz('practices', fc.constant('/api/v1/practices'), fc.oneof(mutate({ title: 't', problem: 'p', whatWorked: 'w', tips: 'x', municipalityNis: '24062' }), fc.jsonValue()), people('deskA', 'provider1'));
      await fuzz('withdraw', someId().map((id) => `/api/v1/consents/${encodeURIComponent(id)}/withdraw`), fc.jsonValue(), people('provider2', 'deskB'));
      for (const url of ['/api/v1/social-map/services?need=parenting&ageMonths=3', `/api/v1/referrals/${ref.id}`, '/api/v1/referrals?box=received', '/api/v1/concerns', '/api/v1/support-assignments', `/api/v1/pilots/${stored.id}/indicators`, '/api/v1/practices?q=t', '/api/v1/social-map/export.json']) {
        for (const who of ['partner', 'provider1', 'coordA', 'analyst']) assert.ok((await app.inject({ url, headers: as(who) })).statusCode < 500, url);
      }
    });

    it('POST /imports/preview, /imports and /search/people', async () => {
      const list = ['Inschrijvingsdatum;Voornaam kind;Familienaam kind;Verwachte geboortedatum;Voornaam ouder;Familienaam ouder;E-mail;Gemeente;Gewenste startdatum;Dagen;Voorkeur 1', '01/10/2026;Lina;Fuzzer;20/04/2027;Sarah;Fuzzer;fuzz.import@mail.example;Leuven;01/10/2027;ma,di;Eén Leuven'].join('\r\n');
      const valid = { fileName: 'lijst.csv', contentBase64: Buffer.from(list).toString('base64'), deskId: w.deskA, mapping: { 'child.bornOrDue': 'Verwachte geboortedatum' } };
      const file = fc.oneof(fc.string({ maxLength: 200 }), fc.constant(list), fc.constant(list.replace('20/04/2027', '31/02/2027')), fc.constant(list.replace('Eén Leuven', '=1+1')));
      const bodies = fc.oneof(mutate(valid), file.map((f) => ({ ...valid, contentBase64: Buffer.from(f).toString('base64') })), fc.jsonValue());
      await fuzz('import-preview', fc.constant('/api/v1/imports/preview'), bodies, fc.constantFrom('deskA', 'deskB', 'provider1', 'admin'));
      await fuzz('import-commit', fc.constant('/api/v1/imports'), bodies, fc.constantFrom('coordA', 'deskA', 'admin'));
      await fuzz('search', fc.constant('/api/v1/search/people'), fc.oneof(mutate({ q: 'peeters', name: 'Sarah Peeters', date: '10/03/2027', insz: makeInsz('2026-01-01', 3), number: 'NB-2026-000001', limit: 5 }), fc.jsonValue()), fc.constantFrom('deskA', 'provider1', 'partner', 'analyst'));
    });

    it('POST /families/:id/erasure', async () => {
      await fuzz('erasure', fc.oneof(fc.constant(ids.family), idArb()).map((id) => `/api/v1/families/${encodeURIComponent(id)}/erasure`), fc.oneof(mutate({ reason: 'Vraag van de ouder' }), fc.jsonValue()), fc.constantFrom('coordA', 'deskA', 'admin'));
    });

    it('leaves no half-written records: every request has a child, locations, history and consent', async () => {
      const orphans = await sql<{ n: number }>`
        select count(*)::int as n from request r
        where not exists (select 1 from request_location l where l.request_id = r.id)
           or not exists (select 1 from request_event e where e.request_id = r.id)
           or not exists (select 1 from consent c where c.child_id = r.child_id)`.execute(t.ctx.db);
      assert.equal(orphans.rows[0]?.n, 0);
      const empty = await sql<{ n: number }>`select count(*)::int as n from family f where not exists (select 1 from guardian g where g.family_id = f.id)`.execute(t.ctx.db);
      assert.equal(empty.rows[0]?.n, 0);
    });
  });
}
