// Reporting through the API: the yearly figures against a hand-computed fixture, drill-down, exports, provider files, dashboard, simulator.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { declareFacts } from '../../src/app/priority.ts';
import { registerRequest, transitionRequest } from '../../src/app/requests.ts';
import { answerOffer, makeOffer } from '../../src/app/offers.ts';
import { unbornRequest } from '../support/fixtures.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { apiSuite } from '../support/http.ts';
import { flavours, rowCounts } from '../support/db.ts';
import { validateXml } from '../support/xml.ts';

for (const flavour of flavours()) {
  describe(`reporting on ${flavour.name}`, () => {
    const s = apiSuite(flavour);
    const { call } = s;
    const id: Record<string, string> = {};
    before(async () => {
      const ctx = s.t.ctx;
      const desk = s.w.actors.deskA!;
      const reg = async (key: string, over: Parameters<typeof unbornRequest>[1]) => {
        const r = await registerRequest(ctx, desk, unbornRequest(s.w, { applicant: { givenName: key, familyName: `Fam${key}`, email: `${key}@figures.example` }, child: { givenName: key, familyName: `Fam${key}`, birthDate: '2026-01-10' }, registeredOn: '2026-01-15', desiredStartDate: '2026-09-01', ...over }));
        id[key] = r.request!.id;
        return r;
      };
      // Twins: two children, two requests, both still waiting for a start next year (pending, not unanswered).
      const twin = { applicant: { givenName: 'Tweeling', familyName: 'Tweeling', email: 'tweeling@figures.example' }, desiredStartDate: '2027-01-04' };
      await reg('twin1', { ...twin, child: { givenName: 'Lien', familyName: 'Tweeling', birthDate: '2026-05-01' } });
      await reg('twin2', { ...twin, child: { givenName: 'Lotte', familyName: 'Tweeling', birthDate: '2026-05-01', birthOrder: 2 } });
      // Registered first, so first in line at its location.
      await reg('placed', { desiredStartDate: '2026-12-01', locationIds: [s.w.loc1] });
      const offer = await makeOffer(ctx, s.w.actors.provider1!, { requestId: id.placed!, locationId: s.w.loc1, start: '2026-12-01' });
      await answerOffer(ctx, desk, offer.id, 'accept');
      await reg('lapsed', {});
      await transitionRequest(ctx, desk, id.lapsed!, { to: 'lapsed', reason: 'miskraam' });
      // Care found in another municipality: the family lives in Herent.
      await reg('elsewhere', { residence: { municipalityNis: '24038', street: 'Dorp 1', postalCode: '3020' } });
      await transitionRequest(ctx, desk, id.elsewhere!, { to: 'found_elsewhere' });
      await reg('unknown', {});
      await transitionRequest(ctx, desk, id.unknown!, { to: 'unknown_outcome', reason: 'geen antwoord op brieven en telefoon' });
      // Urgent and from a vulnerable family: in both subcategories.
      const both = await reg('both', { urgent: true, desiredStartDate: '2026-10-01' });
      await declareFacts(ctx, desk, both.request!.child.familyId, { guardians: [{ activities: [] }], singleParent: true, lowIncome: true, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [] });
      await reg('open', {});
      // Outside the fixture's year or desk.
      await reg('lastyear', { registeredOn: '2025-12-31', desiredStartDate: '2026-03-01' });
      await registerRequest(ctx, s.w.actors.deskB!, unbornRequest(s.w, { applicant: { givenName: 'Gent', familyName: 'Gent', email: 'gent@figures.example' }, residence: { municipalityNis: '44021' }, child: { givenName: 'Jan', familyName: 'Gent', birthDate: '2026-01-10' }, registeredOn: '2026-02-01', desiredStartDate: '2026-09-01', locationIds: [s.w.loc3] }));
    });

    it('counts the hand-computed fixture: twins as two, lapsed, elsewhere and unknown never unanswered, overlapping subcategories', async () => {
      const r = await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'deskA');
      assert.equal(r.statusCode, 200, r.body);
      const f = r.json();
      // twin1, twin2, lapsed, elsewhere, unknown, both, placed, open = 8 registered; both and open are unanswered.
      assert.deepEqual(f.total, { registered: 8, unanswered: 2, urgent: { registered: 1, unanswered: 1 }, vulnerable: { registered: 1, unanswered: 1 } });
      assert.deepEqual(f.uniqueChildren, { registered: 8, unanswered: 2 });
      assert.deepEqual(f.byMunicipality.map((m: { name: string; registered: number; unanswered: number }) => [m.name, m.registered, m.unanswered]), [['Herent', 1, 0], ['Leuven', 7, 2]]);
      const b = (await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'deskB')).json();
      assert.equal(b.total.registered, 1);
      const all = (await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'analyst')).json();
      assert.equal(all.total.registered, 9);
    });

    it('drills down to the requests behind a number, for the desk only', async () => {
      const r = (await call('GET', '/api/v1/reports/yearly-figures/requests?year=2026&measure=unanswered&subcategory=urgent', 'deskA')).json();
      assert.deepEqual(r.requests.map((x: { id: string }) => x.id), [id.both]);
      const un = (await call('GET', '/api/v1/reports/yearly-figures/requests?year=2026&measure=unanswered', 'deskA')).json();
      assert.deepEqual(un.requests.map((x: { id: string }) => x.id).sort(), [id.both, id.open].sort());
      assert.equal((await call('GET', '/api/v1/reports/yearly-figures/requests?year=2026&measure=registered', 'analyst')).statusCode, 403);
      assert.equal((await call('GET', '/api/v1/reports/yearly-figures/requests?year=2026&measure=registered', 'deskB')).json().count, 1);
      assert.equal((await call('GET', `/api/v1/reports/yearly-figures?year=2026&deskId=${s.w.deskB}`, 'deskA')).statusCode, 404);
      const bad = await call('GET', '/api/v1/reports/yearly-figures/requests?year=1999&measure=everything', 'deskA');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.nl && bad.json().error.en);
    });

    it('exports the figures as CSV and as an Excel workbook with the same numbers', async () => {
      const csv = await call('GET', '/api/v1/reports/yearly-figures.csv?year=2026', 'deskA');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /\r\nLeuven;24062;7;2;1;1;1;1\r\nTotaal;;8;2;1;1;1;1\r\n$/);
      const x = await call('GET', '/api/v1/reports/yearly-figures.xlsx?year=2026', 'deskA');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Cijfers 2026')!;
      assert.deepEqual((ws.getRow(4).values as unknown[]).slice(1), ['Totaal', '', 8, 2, 1, 1, 1, 1]);
    });

    it('makes FO-RE-19 and FO-RE-30 for a subsidy group that validate against Opgroeien’s schemas', async () => {
      await s.t.ctx.db.updateTable('location').set({ opgroeien_id: '4001' }).where('id', '=', s.w.loc1).execute();
      const g = await call('POST', '/api/v1/subsidy-groups', 'provider1', { opgroeienId: 987654, name: 'Groep Een', incomeTariffFrom: '2024-01-01', plusSubsidy: true, locationIds: [s.w.loc1] });
      assert.equal(g.statusCode, 201, g.body);
      const f19 = await call('GET', `/api/v1/subsidy-groups/${g.json().id}/opgroeien/FO-RE-19?year=2026`, 'provider1');
      assert.equal(f19.statusCode, 200, f19.body);
      const v = validateXml(f19.body, 'FO-RE-19.xsd');
      assert.ok(v.ok, v.output);
      assert.match(f19.body, /<Totaal>1<\/Totaal>/);
      const f30 = await call('GET', `/api/v1/subsidy-groups/${g.json().id}/opgroeien/FO-RE-30?year=2026`, 'provider1');
      assert.ok(validateXml(f30.body, 'FO-RE-30.xsd').ok);
      assert.equal((await call('GET', `/api/v1/subsidy-groups/${g.json().id}/opgroeien/FO-RE-19?year=2026`, 'provider2')).statusCode, 404);
      const foreign = await call('POST', '/api/v1/subsidy-groups', 'provider2', { opgroeienId: 5555, name: 'Niet van mij', locationIds: [s.w.loc1] });
      assert.equal(foreign.statusCode, 400);
      assert.equal(foreign.json().error.field, 'locationIds[0]');
    });

    it('refuses a subsidy group with a blank name (400, not a database error)', async () => {
      const r = await call('POST', '/api/v1/subsidy-groups', 'provider1', { opgroeienId: 4243, name: ' ', locationIds: [s.w.loc1] });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.field, 'name');
    });

    it('loads birth numbers all or nothing, and then shows places per 100 children', async () => {
      const before = await rowCounts(s.t.ctx);
      const bad = await call('PUT', '/api/v1/statistics/births', 'analyst', { rows: [{ nisCode: '24062', year: 2025, births: 1000 }, { nisCode: '99999', year: 2025, births: 5 }] });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.details[0].nl, /Regel 2/);
      assert.deepEqual(await rowCounts(s.t.ctx), before);
      const ok = await call('PUT', '/api/v1/statistics/births', 'analyst', { rows: [2023, 2024, 2025].map((year) => ({ nisCode: '24062', year, births: 1000 })) });
      assert.equal(ok.statusCode, 200, ok.body);
      const d = (await call('GET', '/api/v1/reports/dashboard', 'deskA')).json();
      // 20 licensed places in Leuven for 1000 + 1000 + 500 children under 2.5.
      assert.deepEqual(d.placesPer100, [{ nisCode: '24062', name: 'Leuven', places: 20, children: 2500, per100: 0.8 }]);
    });

    it('shows the real demand: unique waiting children by start month, residence and days, against free places', async () => {
      const d = (await call('GET', '/api/v1/reports/dashboard', 'deskA')).json();
      // Waiting now: twin1, twin2, both, open (placed, lapsed, elsewhere, unknown are closed; lastyear is still open too).
      assert.equal(d.openChildren, 5);
      assert.deepEqual(d.byStartMonth.map((b: { key: string; value: number }) => [b.key, b.value]), [['2027-01', 2], ['earlier', 3]].sort());
      assert.equal(d.byDaysPerWeek[0].label, '3 dagen');
      assert.equal(d.demandVsSupply.length, 12);
      assert.equal(d.demandVsSupply[0].month, '2026-11');
      assert.equal(d.byPriorityGroup.reduce((n: number, b: { value: number }) => n + b.value, 0), 5);
      const page = await call('GET', '/api/v1/reports/dashboard.html', 'deskA');
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(page.body, /<html lang="nl">/);
      // Every chart has a caption and a table beside it.
      assert.equal((page.body.match(/<svg /g) ?? []).length, (page.body.match(/<table class="data">/g) ?? []).length - 1);
      assert.equal((await call('GET', '/api/v1/reports/dashboard', 'provider1')).statusCode, 403);
    });

    it('simulates another rule set without storing anything, and compares per group', async () => {
      const before = await rowCounts(s.t.ctx);
      const r = await call('POST', '/api/v1/reports/policy-simulation', 'coordA', { periodStart: '2027-01-01', alternative: { ruleSetId: 'vlaanderen-b', tieBreak: 'lottery' } });
      assert.equal(r.statusCode, 200, r.body);
      const sim = r.json();
      const all = sim.groups.find((g: { group: string }) => g.group === 'all');
      assert.equal(all.children, sim.candidates);
      assert.ok(sim.groups.every((g: { difference: number; placedAlternative: number; placedCurrent: number }) => g.difference === g.placedAlternative - g.placedCurrent));
      assert.deepEqual(await rowCounts(s.t.ctx), before);
      const unknown = await call('POST', '/api/v1/reports/policy-simulation', 'coordA', { periodStart: '2027-01-01', alternative: { ruleSetId: 'nergens' } });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.field, 'alternative.ruleSetId');
      assert.equal((await call('POST', '/api/v1/reports/policy-simulation', 'deskA', { periodStart: '2027-01-01', alternative: { tieBreak: 'lottery' } })).statusCode, 403);
    });
  });
}

for (const flavour of flavours()) {
  describe(`keyed aggregates across two installations on ${flavour.name}`, () => {
    const leuven = apiSuite(flavour);
    const gent = apiSuite(flavour);
    const secret = 'shared-regional-secret-for-tests';
    before(async () => {
      leuven.t.ctx.pseudonymSecret = secret;
      leuven.t.ctx.installation = 'leuven';
      gent.t.ctx.pseudonymSecret = secret;
      gent.t.ctx.installation = 'gent';
      // One family, registered at a desk in each installation: the same child by INSZ, spelled a little differently.
      const insz = makeInsz('2026-01-10', 77);
      const child = { insz, givenName: 'Amira', familyName: 'El Idrissi', birthDate: '2026-01-10' };
      await registerRequest(leuven.t.ctx, leuven.w.actors.deskA!, unbornRequest(leuven.w, { child, registeredOn: '2026-02-01', desiredStartDate: '2026-09-01' }));
      await registerRequest(gent.t.ctx, gent.w.actors.deskB!, unbornRequest(gent.w, { child: { ...child, familyName: 'El-Idrissi' }, residence: { municipalityNis: '44021' }, locationIds: [gent.w.loc3], registeredOn: '2026-03-01', desiredStartDate: '2026-09-01' }));
      // And a different child in Leuven only.
      await registerRequest(leuven.t.ctx, leuven.w.actors.deskA!, unbornRequest(leuven.w, { child: { givenName: 'Bram', familyName: 'Claes', birthDate: '2026-01-20' }, applicant: { givenName: 'Eva', familyName: 'Claes', email: 'eva@claes.example' }, registeredOn: '2026-02-01', desiredStartDate: '2026-09-01' }));
    });

    it('the same family at two desks in two installations counts once combined and twice in the raw sum; the exports hold no identities', async () => {
      const a = await leuven.call('GET', '/api/v1/reports/keyed-export?year=2026', 'analyst');
      const b = await gent.call('GET', '/api/v1/reports/keyed-export?year=2026', 'analyst');
      assert.equal(a.statusCode, 200, a.body);
      for (const body of [a.body, b.body]) {
        assert.doesNotMatch(body, /Amira|Idrissi|Claes|260110/);
      }
      const c = await leuven.call('POST', '/api/v1/reports/keyed-export/combine', 'analyst', { exports: [a.json(), b.json()] });
      assert.equal(c.statusCode, 200, c.body);
      const r = c.json();
      assert.equal(r.rawSum.registered, 3);
      assert.equal(r.unique.registered, 2);
      assert.equal(r.sharedChildren, 1);
      // Each installation's own figures still count its own request.
      assert.equal((await gent.call('GET', '/api/v1/reports/yearly-figures?year=2026', 'analyst')).json().total.registered, 1);
    });

    it('refuses a keyed export without a configured secret, and a desk worker, with a clear reason', async () => {
      gent.t.ctx.pseudonymSecret = undefined;
      const r = await gent.call('GET', '/api/v1/reports/keyed-export?year=2026', 'analyst');
      assert.equal(r.statusCode, 422);
      assert.match(r.json().error.nl, /NABIJ_PSEUDONYM_SECRET/);
      gent.t.ctx.pseudonymSecret = secret;
      assert.equal((await gent.call('GET', '/api/v1/reports/keyed-export?year=2026', 'deskB')).statusCode, 403);
    });
  });
}
