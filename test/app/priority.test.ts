// Priority rules through the API: declared facts, explained candidate lists, the provider's group order and the deviation register.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerRequest } from '../../src/app/requests.ts';
import { fittingCandidates, fittingCandidatesAt } from '../../src/app/priority.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { caller } from '../support/http.ts';
import { flavours, type TestDb } from '../support/db.ts';

const worker = (fraction: number) => ({ activities: [{ kind: 'employed', fraction }] });
const facts = (over: Record<string, unknown>) => ({ guardians: [worker(0)], singleParent: false, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [], ...over });

for (const flavour of flavours()) {
  describe(`priority rules on ${flavour.name} (today 24 November 2026: set A is in force)`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const call = caller(() => app, () => w);
    const ids: Record<string, { request: string; family: string; child: string }> = {};

    async function register(key: string, registeredOn: string, days = [1, 2, 4], dueDate = '2026-12-20') {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, {
        registeredOn,
        applicant: { givenName: key, familyName: `Fam${key}`, email: `${key}@rules.example` },
        child: { familyName: `Fam${key}`, dueDate },
        desiredStartDate: '2027-06-01',
        careDays: days.map((weekday) => ({ weekday, part: 'full' as const })),
        locationIds: [w.loc1],
      }));
      ids[key] = { request: r.request!.id, family: r.request!.child.familyId, child: r.request!.child.id };
    }

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      // Registered in this order; facts decide who goes first.
      await register('plain', '2026-01-10');
      await register('single', '2026-02-10');
      await register('working', '2026-03-10');
      await register('wednesday', '2026-01-05', [3]);
      await register('alsoPlain', '2026-04-10');
      assert.equal((await call('POST', `/api/v1/families/${ids.single!.family}/facts`, 'deskA', facts({ singleParent: true, guardians: [{ activities: [] }] }))).statusCode, 201);
      assert.equal((await call('POST', `/api/v1/families/${ids.working!.family}/facts`, 'deskA', facts({ guardians: [worker(1), { activities: [{ kind: 'job_seeking', fraction: 1 }] }], lowIncome: true, noSecondaryDiploma: true }))).statusCode, 201);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('stores declared facts with their source and classifies a vulnerable family', async () => {
      const r = await call('GET', `/api/v1/families/${ids.working!.family}/facts`, 'deskA');
      assert.equal(r.statusCode, 200);
      const body = r.json();
      assert.equal(body.vulnerability.vulnerable, true);
      assert.equal(body.history[0].sources.lowIncome.source, 'sworn_statement');
      assert.equal((await call('GET', `/api/v1/families/${ids.working!.family}/facts`, 'provider1')).statusCode, 403, 'providers never read the facts themselves');
      const bad = await call('POST', `/api/v1/families/${ids.plain!.family}/facts`, 'deskA', facts({ singleParent: true, guardians: [worker(1), worker(1)] }));
      assert.equal(bad.json().error.code, 'facts.single_parent_guardians');
    });

    it('ranks the candidates for a free place by the rules, each with its group, position and explanation', async () => {
      const r = await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&weekdays=1,2,4,5`, 'deskA');
      assert.equal(r.statusCode, 200, r.body);
      const list = r.json();
      assert.equal(list.ruleSet.id, 'vlaanderen-a');
      assert.deepEqual(list.candidates.map((c: { number: string; requestId: string }) => Object.entries(ids).find(([, v]) => v.request === c.requestId)?.[0]), ['working', 'single', 'plain', 'alsoPlain'], 'the Wednesday-only request does not fit the free days');
      const [first, second, third] = list.candidates;
      assert.equal(first.position, 1);
      assert.equal(first.group.id, 'work');
      assert.match(first.explanation.summary.nl, /^Voorrang: werk of opleiding \(absolute voorrang\)\. Ook: laag inkomen\.$/);
      assert.equal(second.group.id, 'single_parent');
      assert.equal(third.group, null);
      assert.match(third.explanation.summary.nl, /Geen voorrangsgroep/);
      assert.match(list.tieBreak.text.nl, /volgorde van inschrijving/);
      assert.match(first.explanation.ruleSetReason.nl, /Sinds 30 april 2025 gelden de vorige regels opnieuw, voor alle aanvragen/);
    });

    it('shows providers the groups met, never the facts behind the others', async () => {
      const r = await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01`, 'provider1');
      assert.equal(r.statusCode, 200);
      const working = r.json().candidates.find((c: { requestId: string }) => c.requestId === ids.working!.request);
      assert.ok(working.explanation.groups.every((g: { met: boolean }) => g.met));
      assert.equal(working.explanation.vulnerability, undefined);
      assert.equal(working.vulnerableFamily, true);
      assert.equal((await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01`, 'provider2')).statusCode, 404);
    });

    it('filters by weekday, start month and age at start', async () => {
      const onWednesday = await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&weekday=3`, 'deskA');
      assert.deepEqual(onWednesday.json().candidates.map((c: { requestId: string }) => c.requestId), [ids.wednesday!.request]);
      assert.equal((await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&startMonth=2027-07`, 'deskA')).json().total, 0);
      assert.equal((await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&minAgeMonths=6`, 'deskA')).json().total, 0, 'born around 20 December: 5 months old on 1 June');
    });

    it('a lottery tie-break is seeded, reproducible and recorded', async () => {
      assert.equal((await call('PUT', `/api/v1/locations/${w.loc1}/rule-settings`, 'provider1', { tieBreak: { policy: 'lottery' } })).statusCode, 200);
      const a = (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&seed=ronde-1`, 'deskA')).json();
      const b = (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&seed=ronde-1`, 'deskA')).json();
      assert.deepEqual(a.candidates.map((c: { requestId: string }) => c.requestId), b.candidates.map((c: { requestId: string }) => c.requestId));
      assert.equal(a.candidates[0].group.id, 'work', 'the lottery only orders within a group');
      const draws = await t.ctx.db.selectFrom('lottery_draw').selectAll().where('seed', '=', 'ronde-1').execute();
      assert.equal(draws.length, 1);
      const provider = (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01&seed=try-again`, 'provider1')).json();
      assert.equal(provider.tieBreak.seed, `${w.loc1}:2027-06-01`, 'a provider cannot choose the seed');
      assert.equal((await call('PUT', `/api/v1/locations/${w.loc1}/rule-settings`, 'provider1', { tieBreak: null })).statusCode, 200);
    });

    it('refuses a group order while set A is in force: it leaves no order to the provider', async () => {
      const r = await call('PUT', `/api/v1/locations/${w.loc1}/rule-settings`, 'provider1', { groupOrder: ['foster_child', 'sibling', 'work'] });
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().error.code, 'rules.no_reorder');
    });

    it('records deviations with advice, refuses a wrong adviser and names the quota and the count when it is used up', async () => {
      // 19 children placed this year + the child placed through the deviation = 20: 10% allows 2 deviations.
      const family = await t.ctx.db.selectFrom('family').select('id').executeTakeFirstOrThrow();
      for (let i = 0; i < 19; i++) {
        const kid = await t.ctx.db.insertInto('child').values({ family_id: family.id, family_name: 'Geplaatst', family_name_key: 'geplaatst', birth_date: '2025-01-01', birth_order: 1 }).returning('id').executeTakeFirstOrThrow();
        await t.ctx.db.insertInto('placement').values({ child_id: kid.id, location_id: w.loc1, start_date: '2026-01-05', end_date: '2027-06-30', care_days: JSON.stringify([{ weekday: 1, part: 'full' }]) }).execute();
      }

      const advice = (requestId: string, adviserType = 'ocmw') => ({ requestId, adviserOrganisation: 'OCMW Leuven', adviserType, adviceDate: '2026-11-20', ground: 'health_or_welfare', note: 'Moeder in behandeling.' });
      const wrong = await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider1', advice(ids.plain!.request, 'buurman'));
      assert.equal(wrong.json().error.code, 'deviation.adviser_not_allowed');
      const first = await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider1', advice(ids.plain!.request));
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.json().quota, { maxPercent: 10, caredFor: 20, allowed: 2, used: 1 });
      // The family takes the location off its list: the provider can no longer read that request (row security
      // hides its deviation too), but the deviation still counts against this location's quota.
      const wish = await t.ctx.db.deleteFrom('request_location').where('request_id', '=', ids.plain!.request).where('location_id', '=', w.loc1).returningAll().executeTakeFirstOrThrow();
      assert.equal((await call('GET', `/api/v1/requests/${ids.plain!.request}`, 'provider1')).statusCode, 404);
      const second = await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider1', advice(ids.alsoPlain!.request));
      assert.equal(second.statusCode, 201, second.body);
      assert.equal(second.json().quota.used, 2);
      const third = await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider1', advice(ids.single!.request));
      assert.equal(third.statusCode, 409);
      assert.equal(third.json().error.code, 'deviation.quota_exceeded');
      assert.match(third.json().error.nl, /hoogstens 10% van 20 opgevangen kinderen, dus 2 afwijking\(en\)\. Er zijn er al 2\./);
      // The provider's yearly report counts it too, as the quota does.
      const own = (await call('GET', '/api/v1/deviations/report?year=2026', 'provider1')).json();
      assert.equal(own.locations.find((l: { locationId: string }) => l.locationId === w.loc1).deviations, 2);
      await t.ctx.db.insertInto('request_location').values(wish).execute();
      assert.equal((await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider2', advice(ids.single!.request))).statusCode, 404);

      const report = (await call('GET', '/api/v1/deviations/report?year=2026', 'coordA')).json();
      const row = report.locations.find((l: { locationId: string }) => l.locationId === w.loc1);
      assert.deepEqual([row.caredFor, row.deviations, row.allowed, row.shareOfQuotaPercent, row.advisers], [19, 2, 1, 200, ['OCMW Leuven']]);
      const analyst = await call('GET', '/api/v1/deviations/report?year=2026', 'analyst');
      assert.equal(analyst.statusCode, 200);

      const pdf = await call('GET', `/api/v1/deviation-advice/${first.json().adviceId}/letter.pdf`, 'provider1');
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await call('GET', `/api/v1/deviation-advice/${first.json().adviceId}/letter.pdf`, 'provider2')).statusCode, 404);
    });

    it('a partner gives the advice, the provider receives the letter and records the deviation with it', async () => {
      const r = await registerRequest(t.ctx, w.actors.partner!, unbornRequest(w, { applicant: { givenName: 'Nadia', familyName: 'Advies', email: 'advies@rules.example' }, child: { familyName: 'Advies', dueDate: '2026-12-20' }, desiredStartDate: '2027-06-01', locationIds: [w.loc2] }));
      const advice = await call('POST', `/api/v1/requests/${r.request!.id}/deviation-advice`, 'partner', { locationId: w.loc2, adviserOrganisation: 'CAW Oost-Brabant', adviserType: 'caw', adviceDate: '2026-11-23', ground: 'child_interest', note: 'Kind heeft nood aan stabiele opvang.' });
      assert.equal(advice.statusCode, 201, advice.body);
      const adviceId = advice.json().id;
      assert.equal((await call('GET', `/api/v1/deviation-advice/${adviceId}/letter.pdf`, 'provider1')).statusCode, 200, 'the receiving provider reads the letter');
      assert.equal((await call('GET', `/api/v1/deviation-advice/${adviceId}/letter.pdf`, 'partner')).statusCode, 200, 'so does the adviser');
      assert.equal((await call('POST', `/api/v1/requests/${r.request!.id}/deviation-advice`, 'provider1', { locationId: w.loc2, adviserOrganisation: 'X', adviserType: 'caw', adviceDate: '2026-11-23', ground: 'child_interest' })).statusCode, 403, 'providers do not advise themselves');
      // 9 children cared for at this location plus the child placed now: 10% of 10 allows one deviation.
      const kids = await t.ctx.db.selectFrom('child').select('id').where('family_name', '=', 'Geplaatst').limit(9).execute();
      await t.ctx.db.insertInto('placement').values(kids.map((k) => ({ child_id: k.id, location_id: w.loc2, start_date: '2026-01-05', end_date: '2026-12-31', care_days: '[]' }))).execute();
      const d = await call('POST', `/api/v1/locations/${w.loc2}/deviations`, 'provider1', { requestId: r.request!.id, adviceId });
      assert.equal(d.statusCode, 201, d.body);
      assert.equal(d.json().adviceId, adviceId);
      const missing = await call('POST', `/api/v1/locations/${w.loc2}/deviations`, 'provider1', { requestId: ids.single!.request });
      assert.equal(missing.statusCode, 404, 'the request does not list this location');
      const noAdvice = await call('POST', `/api/v1/locations/${w.loc1}/deviations`, 'provider1', { requestId: ids.single!.request });
      assert.equal(noAdvice.statusCode, 400);
      assert.deepEqual(noAdvice.json().error.details.map((p: { field: string }) => p.field), ['adviserOrganisation', 'adviserType', 'adviceDate', 'ground']);
    });

    it('families who accept any location in the area are candidates too, without a rank', async () => {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-05-05', acceptAnyLocation: true, applicant: { givenName: 'Om', familyName: 'Overal', email: 'overal@rules.example' }, child: { familyName: 'Overal', dueDate: '2026-12-20' }, desiredStartDate: '2027-06-01', locationIds: [w.loc2] }));
      const list = (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2027-06-01`, 'deskA')).json();
      const any = list.candidates.find((c: { requestId: string }) => c.requestId === r.request!.id);
      assert.ok(any, 'listed at a location it did not rank');
      assert.equal(any.preferenceRank, null);
      const gent = (await call('GET', `/api/v1/locations/${w.loc3}/candidates?start=2027-06-01`, 'admin')).json();
      assert.equal(gent.candidates.some((c: { requestId: string }) => c.requestId === r.request!.id), false, 'not outside its desk’s area');

      // Several locations in one statement give what each location alone gives (the parent's page, a matching round).
      const places = await t.ctx.db.selectFrom('location').select(['id', 'municipality_nis', 'min_age_months', 'max_age_months']).where('id', 'in', [w.loc1, w.loc2, w.loc3]).execute();
      const q = { start: '2027-06-01' };
      const days = new Set([1, 2, 3, 4, 5]);
      const key = (rows: Array<{ id: string; rank: number | null }>) => rows.map((x) => `${x.id}:${x.rank}`).sort();
      await t.ctx.db.transaction().execute(async (tx) => {
        const together = await fittingCandidatesAt(tx, t.ctx, places.map((location) => ({ location, free: days })), q);
        assert.deepEqual([...together.keys()].sort(), [w.loc1, w.loc2, w.loc3].sort());
        for (const l of places) assert.deepEqual(key(together.get(l.id)!), key(await fittingCandidates(tx, t.ctx, l, q, days)), l.id);
        const mine = (id: string) => together.get(id)!.filter((x) => x.id === r.request!.id).map((x) => x.rank);
        assert.deepEqual([mine(w.loc1), mine(w.loc2), mine(w.loc3)], [[null], [1], []], 'any location in the area unranked, its own choice ranked, nothing outside the area');
        assert.ok(together.get(w.loc1)!.length > 1, 'the other families are there too');
        // A matching round names the desk's area instead of its locations: the same answer.
        const area = await tx.selectFrom('location').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'location.municipality_nis').select(['location.id', 'location.municipality_nis', 'location.min_age_months', 'location.max_age_months']).where('desk_municipality.desk_id', '=', w.deskA).execute();
        assert.ok(area.length >= 2, 'desk A has locations');
        const byArea = await fittingCandidatesAt(tx, t.ctx, area.map((location) => ({ location, free: days })), q, w.deskA);
        const byIds = await fittingCandidatesAt(tx, t.ctx, area.map((location) => ({ location, free: days })), q);
        for (const l of area) assert.deepEqual(key(byArea.get(l.id)!), key(byIds.get(l.id)!), l.id);
        assert.ok(byArea.get(w.loc1)!.length > 1);
      });
    });
  });

  describe(`set B on ${flavour.name} (today 15 October 2024)`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    before(async () => {
      t = await flavour.open({ now: () => new Date('2024-10-15T09:00:00Z') });
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('the provider’s order of the three absolute groups changes the candidate list', async () => {
      const call = caller(() => app, () => w);
      const reg = async (key: string, f: Record<string, unknown>) => {
        const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2024-06-01', applicant: { givenName: key, familyName: key, email: `${key}@b.example` }, child: { familyName: key, dueDate: '2024-12-01' }, desiredStartDate: '2025-03-03', locationIds: [w.loc1] }));
        await call('POST', `/api/v1/families/${r.request!.child.familyId}/facts`, 'deskA', facts(f));
        return r.request!.id;
      };
      const working = await reg('werkend', { guardians: [worker(1), worker(0.6)] });
      const foster = await reg('pleeg', { fosterChild: true });
      const order = async () => (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2025-03-03`, 'provider1')).json().candidates.map((c: { requestId: string }) => c.requestId);
      const before = (await call('GET', `/api/v1/locations/${w.loc1}/candidates?start=2025-03-03`, 'provider1')).json();
      assert.equal(before.ruleSet.id, 'vlaanderen-b');
      assert.deepEqual(await order(), [working, foster]);
      const set = await call('PUT', `/api/v1/locations/${w.loc1}/rule-settings`, 'provider1', { groupOrder: ['foster_child', 'sibling', 'work'] });
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(await order(), [foster, working]);
      const bad = await call('PUT', `/api/v1/locations/${w.loc1}/rule-settings`, 'provider1', { groupOrder: ['work', 'foster_child'] });
      assert.equal(bad.json().error.code, 'rules.group_order');
    });
  });
}
