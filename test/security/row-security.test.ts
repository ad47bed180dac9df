// PostgreSQL row-level security as the second layer: with the application's own filters gone, tenants stay apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Action, Actor } from '../../src/app/permissions.ts';
import { requestScope, switchAppScopeChecksForTests } from '../../src/app/scopes.ts';
import { enterTenant } from '../../src/app/tenancy.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

const FACTS = { guardians: [{ activities: [{ kind: 'employed', fraction: 0.5 }] }], singleParent: true, lowIncome: true, fosterChild: false, healthOrCareSituation: true, noSecondaryDiploma: false, siblings: [], sources: {}, declaredOn: '2026-11-01' };

/** The personal-data tables under row-level security, with the column that names the family. */
const TABLES: Array<[string, string]> = [
  ['family', 'id'],
  ['guardian', 'family_id'],
  ['child', 'family_id'],
  ['fact_declaration', 'family_id'],
  ['family_vulnerability', 'family_id'],
  ['consent', 'family_id'],
];

for (const flavour of flavours()) {
  describe(`row-level security on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const fam: Record<'A' | 'B', { family: string; request: string; child: string }> = {} as never;

    const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${w.tokens[who]}` }, ...(payload ? { payload } : {}) });

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      // Tenant A: desk A, a location of organiser 1, registered by the partner. Tenant B: desk B, organiser 2.
      const a = await call('POST', '/api/v1/requests', 'partner', unbornRequest(w, { locationIds: [w.loc1] }));
      const b = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { applicant: { givenName: 'Wilhelmina', familyName: 'Zwartenbroek', email: 'w.zwartenbroek@mail.example' }, residence: { municipalityNis: '44021', street: 'Veldstraat 1', postalCode: '9000' }, child: { familyName: 'Zwartenbroek', dueDate: '2027-03-01' }, locationIds: [w.loc3] }));
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 201, b.body);
      for (const [k, r] of [['A', a], ['B', b]] as const) {
        const q = r.json().request;
        fam[k] = { family: q.child.familyId, request: q.id, child: q.child.id };
      }
      assert.equal((await call('POST', `/api/v1/families/${fam.A.family}/facts`, 'deskA', FACTS)).statusCode, 201);
      assert.equal((await call('POST', `/api/v1/families/${fam.B.family}/facts`, 'deskB', FACTS)).statusCode, 201);
    });
    after(async () => {
      switchAppScopeChecksForTests(true);
      await app.close();
      await t.close();
    });

    /** Runs raw SQL the way a use case does (app role, tenant settings), with no application filter at all. */
    async function asTenant<T>(actor: Actor, action: Action, work: (tx: Parameters<typeof enterTenant>[0]) => Promise<T>): Promise<T> {
      return t.ctx.db.transaction().execute(async (tx) => {
        await enterTenant(tx, actor, action);
        return work(tx);
      });
    }
    async function familiesSeen(actor: Actor, action: Action = 'request.read'): Promise<Record<string, string[]>> {
      return asTenant(actor, action, async (tx) => {
        const seen: Record<string, string[]> = {};
        for (const [table, column] of TABLES) {
          const rows = await sql<{ f: string }>`select distinct ${sql.ref(column)} as f from ${sql.table(table)}`.execute(tx);
          seen[table] = rows.rows.map((r) => r.f).sort();
        }
        const req = await sql<{ f: string }>`select distinct c.family_id as f from request r join child c on c.id = r.child_id`.execute(tx);
        seen.request = req.rows.map((r) => r.f).sort();
        return seen;
      });
    }
    const only = (...families: string[]) => Object.fromEntries([...TABLES.map(([x]) => x), 'request'].map((x) => [x, [...families].sort()]));

    it('shows each tenant only its own families, requests and facts, in plain SQL without any filter', async () => {
      const parentA: Actor = { userId: null, role: 'parent', deskId: null, organiserId: null, channel: 'web', familyId: fam.A.family };
      const cases: Array<[string, Actor, string[]]> = [
        ['desk A', w.actors.deskA!, [fam.A.family]],
        ['coordinator A', w.actors.coordA!, [fam.A.family]],
        ['desk B', w.actors.deskB!, [fam.B.family]],
        ['provider 1 (location in A’s request)', w.actors.provider1!, [fam.A.family]],
        ['provider 2', w.actors.provider2!, [fam.B.family]],
        ['partner (registered A)', w.actors.partner!, [fam.A.family]],
        ['parent of A', parentA, [fam.A.family]],
      ];
      for (const [name, actor, families] of cases) {
        const seen = await familiesSeen(actor);
        // family_vulnerability exists once facts are declared; both families declared theirs.
        assert.deepEqual(seen, only(...families), name);
      }
      // Tenantless by design: administrators and analysts (the application gives analysts aggregates only).
      assert.deepEqual(await familiesSeen(w.actors.admin!), only(fam.A.family, fam.B.family));
      assert.deepEqual(await familiesSeen(w.actors.analyst!, 'report.figures'), only(fam.A.family, fam.B.family));
    });

    it('shows the rows that hang off a request, referral, child, account or organiser only to who sees what they hang off', async () => {
      // One row of each kind for both families, written as the owner (as the use cases would, for each tenant).
      const db = t.ctx.db;
      const org = await sql<{ id: string }>`insert into sm_organization (name) values ('Steunpunt Test') returning id`.execute(db);
      const orgId = org.rows[0]!.id;
      const service = await sql<{ id: string }>`insert into sm_service (organization_id, name, status) values (${orgId}, 'Gezinsondersteuning', 'active') returning id`.execute(db);
      const accounts: Record<string, string> = {};
      for (const k of ['A', 'B'] as const) {
        const f = fam[k];
        const loc = k === 'A' ? w.loc1 : w.loc3;
        const desk = k === 'A' ? w.deskA : w.deskB;
        await sql`insert into request_response (request_id, location_id, kind, first_at, updated_at) values (${f.request}, ${loc}, 'seen', now(), now())`.execute(db);
        const round = await sql<{ id: string }>`insert into matching_round (desk_id, period_start, mode, seed, input, input_hash, outcome, verifier) values (${desk}, '2027-09-01', 'da', 1, '{}', ${`h${k}`}, '{}', '{}') returning id`.execute(db);
        await sql`insert into round_proposal (round_id, request_id, location_id, wish, reason) values (${round.rows[0]!.id}, ${f.request}, ${loc}, 1, '{}')`.execute(db);
        const advice = await sql<{ id: string }>`insert into deviation_advice (request_id, location_id, adviser_organisation, adviser_type, advice_date, ground, given_by_role, note) values (${f.request}, ${loc}, 'CKG', 'ckg', '2027-05-01', 'child_interest', 'desk_worker', 'Zorgen over de thuissituatie') returning id`.execute(db);
        await sql`insert into deviation (advice_id, location_id, request_id, year, rule_set_id, adviser_organisation, adviser_type, advice_date, ground) values (${advice.rows[0]!.id}, ${loc}, ${f.request}, 2027, 'test', 'CKG', 'ckg', '2027-05-01', 'child_interest')`.execute(db);
        const consent = await sql<{ id: string }>`insert into consent (family_id, subject, purpose, channel) values (${f.family}, 'referral', 'support', 'desk') returning id`.execute(db);
        const referral = await sql<{ id: string }>`insert into referral (family_id, service_id, organization_id, consent_id, question, referrer_role, sent_at) values (${f.family}, ${service.rows[0]!.id}, ${orgId}, ${consent.rows[0]!.id}, 'Hulp bij opvoeding', 'desk_worker', now()) returning id`.execute(db);
        await sql`insert into referral_note (referral_id, text) values (${referral.rows[0]!.id}, 'Moeder vroeg om een tolk')`.execute(db);
        await sql`insert into support_assignment (child_id, location_id, service_id, organization_id, start_date, contact_name) values (${f.child}, ${loc}, ${service.rows[0]!.id}, ${orgId}, '2027-01-01', 'Begeleider')`.execute(db);
        const account = await sql<{ id: string }>`insert into portal_account (email, family_id) values (${`ouder${k}@mail.example`}, ${f.family}) returning id`.execute(db);
        accounts[k] = account.rows[0]!.id;
        await sql`insert into callback_request (desk_id, account_id, family_id, name, phone, topic) values (${desk}, ${accounts[k]}, ${f.family}, 'Ouder', '0470 12 34 56', 'offer')`.execute(db);
      }
      // Each table's rows, traced to their family by the owner (so a leak cannot hide behind another policy).
      const trace = (q: (ids: string[]) => ReturnType<typeof sql<{ f: string }>>) => async (ids: string[]) => [...new Set((await q(ids).execute(db)).rows.map((r) => r.f))].sort();
      const viaRequest = trace((ids) => sql<{ f: string }>`select c.family_id as f from request r join child c on c.id = r.child_id where r.id = any(${ids}::uuid[])`);
      const probes: Array<[string, string, (ids: string[]) => Promise<string[]>]> = [
        ...['request_event', 'request_response', 'round_proposal', 'deviation', 'deviation_advice'].map((x) => [x, 'request_id', viaRequest] as [string, string, typeof viaRequest]),
        ['referral_note', 'referral_id', trace((ids) => sql<{ f: string }>`select family_id as f from referral where id = any(${ids}::uuid[])`)],
        ['support_assignment', 'child_id', trace((ids) => sql<{ f: string }>`select family_id as f from child where id = any(${ids}::uuid[])`)],
        ['matching_round', 'id', trace((ids) => sql<{ f: string }>`select c.family_id as f from round_proposal p join request r on r.id = p.request_id join child c on c.id = r.child_id where p.round_id = any(${ids}::uuid[])`)],
        ['portal_account', 'family_id', async (ids) => [...new Set(ids)].sort()],
        ['callback_request', 'family_id', async (ids) => [...new Set(ids)].sort()],
        ['event', `data->>'requestId'`, viaRequest],
        ['outbox', `recipient->>'guardianId'`, trace((ids) => sql<{ f: string }>`select family_id as f from guardian where id = any(${ids}::uuid[])`)],
      ];
      async function seenBy(actor: Actor): Promise<Record<string, string[]>> {
        const ids = await asTenant(actor, 'request.read', async (tx) => {
          const out: Record<string, string[]> = {};
          for (const [table, column] of probes) {
            const rows = await sql<{ x: string | null }>`select ${sql.raw(column)} as x from ${sql.table(table)}`.execute(tx);
            out[table] = rows.rows.map((r) => r.x).filter((x): x is string => x !== null);
          }
          return out;
        });
        const family: Record<string, string[]> = {};
        for (const [table, , toFamily] of probes) family[table] = await toFamily(ids[table]!);
        return family;
      }
      const both = [fam.A.family, fam.B.family].sort();
      // The test can fail: every table holds rows of both families.
      assert.deepEqual(await seenBy(w.actors.admin!), Object.fromEntries(probes.map(([x]) => [x, both])));

      const A = [fam.A.family];
      const B = [fam.B.family];
      const parentA: Actor = { userId: accounts.A!, role: 'parent', deskId: null, organiserId: null, channel: 'web', familyId: fam.A.family };
      // What each role sees per table: the family tables' rule, except accounts (the parent's own), call-back
      // requests (the desk they were sent to and the parent), the event feed (the organiser's own) and matching
      // rounds (the desk's own, and a provider's with a proposal at its location; traced here to the family proposed).
      const cases: Array<[string, Actor, string[], { portal: string[]; callback: string[]; event: string[]; round: string[] }]> = [
        ['desk A', w.actors.deskA!, A, { portal: [], callback: A, event: [], round: A }],
        ['coordinator A', w.actors.coordA!, A, { portal: [], callback: A, event: [], round: A }],
        ['desk B', w.actors.deskB!, B, { portal: [], callback: B, event: [], round: B }],
        ['provider 1', w.actors.provider1!, A, { portal: [], callback: [], event: A, round: A }],
        ['provider 2', w.actors.provider2!, B, { portal: [], callback: [], event: B, round: B }],
        ['partner', w.actors.partner!, A, { portal: [], callback: [], event: [], round: [] }],
        ['parent of A', parentA, A, { portal: A, callback: A, event: [], round: [] }],
      ];
      for (const [name, actor, families, own] of cases) {
        const expected = Object.fromEntries(probes.map(([x]) => [x, families]));
        Object.assign(expected, { portal_account: own.portal, callback_request: own.callback, event: own.event, matching_round: own.round });
        assert.deepEqual(await seenBy(actor), expected, name);
      }
      // Writing for the other tenant fails like reading does.
      await assert.rejects(
        asTenant(w.actors.provider1!, 'request.respond', (tx) => sql`insert into request_response (request_id, location_id, kind, reason, first_at, updated_at) values (${fam.B.request}, ${w.loc1}, 'no_place', 'vol', now(), now())`.execute(tx)),
        /row-level security/,
      );
      const gone = await asTenant(w.actors.deskA!, 'followup.read', (tx) => sql`delete from callback_request where family_id = ${fam.B.family}`.execute(tx));
      assert.equal(Number(gone.numAffectedRows ?? 0), 0);
    });

    it('refuses to change or add the other tenant’s rows, and shows nothing to a transaction without a tenant', async () => {
      const changed = await asTenant(w.actors.deskA!, 'request.transition', (tx) => sql`update request set urgent = true where id = ${fam.B.request}`.execute(tx));
      assert.equal(Number(changed.numAffectedRows ?? 0), 0);
      const removed = await asTenant(w.actors.deskA!, 'facts.declare', (tx) => sql`delete from fact_declaration where family_id = ${fam.B.family}`.execute(tx));
      assert.equal(Number(removed.numAffectedRows ?? 0), 0);
      await assert.rejects(
        asTenant(w.actors.provider1!, 'facts.declare', (tx) => sql`insert into fact_declaration (family_id, facts, sources, declared_on, channel) values (${fam.B.family}, '{}', '{}', '2026-11-01', 'api')`.execute(tx)),
        /row-level security/,
      );
      const none = await t.ctx.db.transaction().execute(async (tx) => {
        await sql`select set_config('role', 'nabij_app', true)`.execute(tx);
        return (await sql<{ n: number }>`select (select count(*) from family)::int + (select count(*) from request)::int + (select count(*) from guardian)::int as n`.execute(tx)).rows[0]!.n;
      });
      assert.equal(none, 0);
      const b = await t.ctx.db.selectFrom('request').select('urgent').where('id', '=', fam.B.request).executeTakeFirstOrThrow();
      assert.equal(b.urgent, false);
    });

    it('with the application’s own scope checks switched off, cross-tenant reads through the API still return nothing', async () => {
      switchAppScopeChecksForTests(false);
      try {
        // The switch works: the application's filter now lets desk A's rule match desk B's request (read as the owner).
        const open = await t.ctx.db.selectFrom('request').select('id').where(requestScope(w.actors.deskA!)).execute();
        assert.ok(open.some((r) => r.id === fam.B.request), 'the application filter is off');

        const list = await call('GET', '/api/v1/requests', 'deskA');
        assert.equal(list.statusCode, 200, list.body);
        assert.deepEqual(list.json().items.map((x: { id: string }) => x.id), [fam.A.request]);
        for (const [who, url] of [
          ['deskA', `/api/v1/requests/${fam.B.request}`],
          ['deskA', `/api/v1/children/${fam.B.child}`],
          ['deskA', `/api/v1/families/${fam.B.family}/facts`],
          ['deskA', `/api/v1/requests/${fam.B.request}/offers`],
          ['provider1', `/api/v1/requests/${fam.B.request}`],
          ['partner', `/api/v1/requests/${fam.B.request}`],
          ['deskB', `/api/v1/families/${fam.A.family}/facts`],
        ] as const) {
          const r = await call('GET', url, who);
          assert.equal(r.statusCode, 404, `${who} ${url}: ${r.statusCode} ${r.body}`);
          assert.ok(!r.body.includes('Zwartenbroek') && !r.body.includes('Peeters'), `${who} ${url} leaks a name`);
        }
        for (const who of ['provider1', 'partner']) {
          const r = await call('GET', '/api/v1/requests', who);
          assert.ok(!r.body.includes(fam.B.request), `${who} lists tenant B`);
        }
      } finally {
        switchAppScopeChecksForTests(true);
      }
    });
  });
}
