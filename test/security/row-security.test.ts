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
