// The audit trail and a family's GDPR rights: append-only audit without values, the coordinator's search,
// subject export, erasure that leaves nothing to find in a dump, and the retention job.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runRetention } from '../../src/app/privacy.ts';
import { enterTenant } from '../../src/app/tenancy.ts';
import { addDays, brusselsDate } from '../../src/domain/dates.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { loggerOptions } from '../../src/http/logging.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { CAW_PARENTING, socialMapDocument } from '../support/social-map.ts';

const FACTS = { guardians: [{ activities: [{ kind: 'employed', fraction: 0.5 }] }], singleParent: true, lowIncome: true, fosterChild: false, healthOrCareSituation: true, noSecondaryDiploma: false, siblings: [], sources: { lowIncome: { source: 'attest', attestType: 'aanslagbiljet' } }, declaredOn: '2026-11-01' };

/** Every row of every table in the test schema as text: what a logical dump of the database holds. */
async function logicalDump(t: TestDb): Promise<string> {
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(t.ctx.db);
  const parts: string[] = [];
  for (const { t: table } of tables.rows) {
    const rows = await sql<{ r: string }>`select x::text as r from ${sql.table(table)} x`.execute(t.ctx.db);
    parts.push(`-- ${table}`, ...rows.rows.map((r) => r.r));
  }
  return parts.join('\n');
}

for (const flavour of flavours()) {
  describe(`audit and GDPR on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${w.tokens[who]}` }, ...(payload ? { payload } : {}) });
    // The family to erase: names, national number and e-mail that must vanish.
    const SECRET = { given: 'Evangelina', family: 'Vanderkerckhove', email: 'evangelina.vdk@mail.example', insz: makeInsz('2026-05-05', 21), child: 'Maximiliaan', phone: '0499 12 34 56', street: 'Wolvengracht 77' };
    const log: string[] = [];
    let family: { family: string; request: string; child: string; guardian: string };
    let other: { family: string; request: string };

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      // The request log of the whole suite is kept, to prove it never holds the family's data either.
      app = await buildServer(t.ctx, { logger: loggerOptions('info', { write: (line: string) => void log.push(line) }) });
      const r = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: SECRET.given, familyName: SECRET.family, email: SECRET.email, phone: SECRET.phone, insz: makeInsz('1990-02-02', 31) }, residence: { municipalityNis: '24062', street: SECRET.street, postalCode: '3000' }, child: { familyName: SECRET.family, givenName: SECRET.child, birthDate: '2026-05-05', insz: SECRET.insz }, desiredStartDate: '2027-09-01', locationIds: [w.loc1] }));
      assert.equal(r.statusCode, 201, r.body);
      const q = r.json().request;
      const guardian = (await t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', q.child.familyId).executeTakeFirstOrThrow()).id;
      family = { family: q.child.familyId, request: q.id, child: q.child.id, guardian };
      const b = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { residence: { municipalityNis: '44021', street: 'Veldstraat 1', postalCode: '9000' }, applicant: { givenName: 'Bea', familyName: 'Gentenaar', email: 'bea@mail.example' }, child: { familyName: 'Gentenaar', dueDate: '2027-02-01' }, locationIds: [w.loc3] }));
      other = { family: b.json().request.child.familyId, request: b.json().request.id };
      assert.equal((await call('POST', `/api/v1/families/${family.family}/facts`, 'deskA', FACTS)).statusCode, 201);
      assert.equal((await call('GET', `/api/v1/requests/${family.request}`, 'provider1')).statusCode, 200);
      assert.equal((await call('GET', `/api/v1/families/${family.family}/facts`, 'deskA')).statusCode, 200);
      // A referral and a concern with free text that names the family.
      assert.equal((await call('POST', '/api/v1/social-map/import', 'admin', socialMapDocument())).statusCode, 200);
      const consent = { givenByGuardianId: guardian, purpose: `Hulp voor ${SECRET.given}`, dataCategories: ['contact'], validUntil: '2027-06-30' };
      assert.equal((await call('POST', '/api/v1/referrals', 'deskA', { familyId: family.family, childId: family.child, serviceId: CAW_PARENTING, need: 'parenting', question: `${SECRET.given} ${SECRET.family} vraagt hulp`, consent })).statusCode, 201);
      assert.equal((await call('POST', '/api/v1/concerns', 'provider1', { familyId: family.family, childId: family.child, topic: 'development', observation: `${SECRET.child} praat nog niet`, question: 'q', consent: { givenByGuardianId: guardian, purpose: 'p', validUntil: '2027-01-31', recipientUserIds: [w.actors.deskA!.userId] } })).statusCode, 201);
      // The portal side: an account, a failed login, a half-filled form, a call-back request.
      const account = await t.ctx.db.insertInto('portal_account').values({ email: SECRET.email, given_name: SECRET.given, family_name: SECRET.family, family_id: family.family, guardian_id: guardian }).returning('id').executeTakeFirstOrThrow();
      await t.ctx.db.insertInto('login_attempt').values({ key: SECRET.email }).execute();
      await t.ctx.db.insertInto('web_session').values({ id_hash: 'h1', account_id: null, csrf_token: 'c', draft: JSON.stringify({ applicant: { givenName: SECRET.given, familyName: SECRET.family } }), expires_at: '2027-01-01' }).execute();
      await t.ctx.db.insertInto('web_session').values({ id_hash: 'h2', account_id: account.id, csrf_token: 'c', expires_at: '2027-01-01' }).execute();
      await t.ctx.db.insertInto('callback_request').values({ desk_id: w.deskA, account_id: account.id, family_id: family.family, name: `${SECRET.given} ${SECRET.family}`, phone: SECRET.phone, topic: 'other' }).execute();
      // The desk's contact register: one entry linked to the request, one that only names the family in its text.
      await t.ctx.db.insertInto('contact').values([
        { desk_id: w.deskA, channel: 'phone', topic: 'childcare', summary: 'Vraagt naar de wachtlijst', contact_name: `${SECRET.given} ${SECRET.family}`, request_id: family.request },
        { desk_id: w.deskA, channel: 'walk_in', topic: 'health', summary: `Mevrouw ${SECRET.family} zoekt een logopedist`, contact_name: null, follow_up: `Terugbellen op ${SECRET.phone}` },
      ]).execute();
      // Searches and reads whose addresses name the family.
      await call('GET', `/api/v1/requests?q=${encodeURIComponent(SECRET.family)}&email=${encodeURIComponent(SECRET.email)}`, 'deskA');
      await call('GET', `/api/v1/children/${family.child}`, 'deskA');
      await call('GET', `/api/v1/people/${SECRET.insz}`, 'deskA');
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('keeps the audit log append-only, for the app role and the owner alike', async () => {
      const n = (await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      assert.ok(Number(n) > 3);
      for (const statement of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
        await assert.rejects(t.ctx.db.transaction().execute(async (tx) => {
          await enterTenant(tx, w.actors.coordA!, 'audit.read');
          await statement.execute(tx);
        }), /permission denied|append-only/);
        await assert.rejects(statement.execute(t.ctx.db), /append-only/);
      }
      const after = (await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      assert.equal(Number(after), Number(n));
    });

    it('never holds the sensitive values: ids, role, action, channel and time only', async () => {
      const columns = await sql<{ c: string }>`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = 'audit_log' order by ordinal_position`.execute(t.ctx.db);
      assert.deepEqual(columns.rows.map((r) => r.c), ['id', 'at', 'actor_id', 'actor_role', 'action', 'channel', 'subject_ids']);
      const text = (await sql<{ r: string }>`select a::text as r from audit_log a`.execute(t.ctx.db)).rows.map((r) => r.r).join('\n');
      for (const v of [SECRET.given, SECRET.family, SECRET.email, SECRET.insz, SECRET.child, SECRET.phone, 'aanslagbiljet', 'praat nog niet']) assert.ok(!text.includes(v), `audit holds ${v}`);
      assert.match(text, new RegExp(family.family));
    });

    it('lets the desk coordinator search by person, actor, action and period, within the desk’s reach', async () => {
      const byPerson = await call('GET', `/api/v1/audit?personId=${family.child}`, 'coordA');
      assert.equal(byPerson.statusCode, 200, byPerson.body);
      const actions = byPerson.json().items.map((x: { action: string; actorName: string | null }) => `${x.action}:${x.actorName}`);
      assert.ok(actions.includes('facts.read:deskA'), actions.join());
      assert.ok(actions.some((a: string) => a.startsWith('request.read:provider1')), 'a provider’s read of the request is found');
      // The log is stamped with the real clock; periods are Brussels calendar days (23:30 UTC is already tomorrow there).
      const day = brusselsDate((await sql<{ at: Date }>`select max(at) as at from audit_log where action = 'facts.declare'`.execute(t.ctx.db)).rows[0]!.at);
      const byActor = await call('GET', `/api/v1/audit?actorId=${w.actors.deskA!.userId}&action=facts.declare&from=${day}&to=${day}`, 'coordA');
      assert.equal(byActor.json().total, 1, byActor.body);
      assert.equal((await call('GET', `/api/v1/audit?actorId=${w.actors.deskA!.userId}&from=${addDays(day, 1)}`, 'coordA')).json().total, 0);
      // Without a person: only what the desk's own staff did, never desk B's work.
      const mine = await call('GET', '/api/v1/audit?limit=500', 'coordA');
      assert.ok(mine.json().items.every((x: { actorName: string | null }) => ['deskA', 'coordA'].includes(x.actorName ?? '')), mine.body.slice(0, 300));
      assert.equal((await call('GET', `/api/v1/audit?personId=${other.family}`, 'coordA')).statusCode, 404);
      const bad = await call('GET', '/api/v1/audit?from=2026-02-30', 'coordA');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().error.field.includes('from') && bad.json().error.nl && bad.json().error.en);
      assert.equal((await call('GET', '/api/v1/audit', 'deskA')).statusCode, 403);
    });

    it('exports all of a family’s data with the audit of who saw it, as JSON and as PDF', async () => {
      const r = await call('GET', `/api/v1/families/${family.family}/export.json`, 'coordA');
      assert.equal(r.statusCode, 200, r.body);
      const e = r.json();
      assert.equal(e.data.guardians[0].given_name, SECRET.given);
      assert.equal(e.data.children[0].insz, SECRET.insz);
      assert.equal(e.data.requests[0].id, family.request);
      assert.equal(e.data.facts.length, 1);
      assert.equal(e.data.portalAccounts[0].email, SECRET.email);
      assert.ok(!JSON.stringify(e).includes('password_hash'));
      assert.ok(e.audit.some((a: { action: string; actorName: string }) => a.action === 'request.read' && a.actorName === 'provider1'), 'who saw it');
      const pdf = await call('GET', `/api/v1/families/${family.family}/export.pdf`, 'coordA');
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await call('GET', `/api/v1/families/${other.family}/export.json`, 'coordA')).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/families/${family.family}/export.json`, 'deskA')).statusCode, 403);
    });

    it('erases a family on request once nothing is open, and no dump of the database finds its names, INSZ or e-mail', async () => {
      const refused = await call('POST', `/api/v1/families/${family.family}/erasure`, 'coordA', { reason: 'Vraag van de ouder' });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'privacy.open_request');
      assert.equal((await call('POST', `/api/v1/requests/${family.request}/transitions`, 'deskA', { to: 'withdrawn', reason: `${SECRET.given} vond elders opvang` })).statusCode, 200);
      const figures = (await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'coordA')).body;
      const before = await logicalDump(t);
      for (const v of [SECRET.given, SECRET.family, SECRET.email, SECRET.insz]) assert.ok(before.includes(v), `the fixture stored ${v}`);

      assert.equal((await call('POST', `/api/v1/families/${other.family}/erasure`, 'coordA', { reason: 'x' })).statusCode, 404);
      const ok = await call('POST', `/api/v1/families/${family.family}/erasure`, 'coordA', { reason: 'Vraag van de ouder' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((await call('POST', `/api/v1/families/${family.family}/erasure`, 'coordA', { reason: 'nog eens' })).json().error.code, 'privacy.already_anonymised');

      const dump = await logicalDump(t);
      for (const v of [SECRET.given, SECRET.family, SECRET.email, SECRET.insz, SECRET.child, SECRET.phone, SECRET.street]) assert.ok(!dump.toLowerCase().includes(v.toLowerCase()), `the database still holds ${v}: ${dump.split('\n').filter((l) => l.startsWith('--') || l.toLowerCase().includes(v.toLowerCase())).filter((l, i, a) => !l.startsWith('--') || !a[i + 1]?.startsWith('--')).join('\n')}`);
      if (flavour.name === 'postgres') {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
        const text = execFileSync('pg_dump', ['--no-owner', '--schema', schema, '--dbname', process.env.DATABASE_URL!], { maxBuffer: 1 << 28 }).toString();
        assert.ok(text.includes('Gentenaar'), 'the dump holds the other family');
        for (const v of [SECRET.given, SECRET.family, SECRET.email, SECRET.insz, SECRET.child, SECRET.phone, SECRET.street]) assert.ok(!text.toLowerCase().includes(v.toLowerCase()), `pg_dump still holds ${v}`);
      }
      const contacts = await t.ctx.db.selectFrom('contact').select(['summary', 'contact_name', 'follow_up']).where('desk_id', '=', w.deskA).execute();
      assert.ok(contacts.length >= 2 && contacts.every((c) => c.summary === '-' && c.contact_name === null), 'the contact register keeps the family');
      // The request log of the whole suite so far: requests were logged, and none names the family or its ids.
      const lines = log.join('');
      assert.ok(log.length > 10 && lines.includes('/api/v1/requests'), 'nothing was logged');
      for (const v of [SECRET.given, SECRET.family, SECRET.email, encodeURIComponent(SECRET.email), SECRET.insz, SECRET.child, family.child, family.family]) assert.ok(!lines.includes(v), `the request log holds ${v}`);
      // The yearly figures count the same: the rows stay, only what identifies the family goes.
      assert.equal((await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'coordA')).body, figures);
      assert.equal((await call('GET', `/api/v1/requests/${family.request}`, 'deskA')).statusCode, 200);
    });

    it('the retention job anonymises families whose requests closed more than two years ago, and keeps the figures', async () => {
      const old = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: 'Oud', familyName: 'Verleden', email: 'oud.verleden@mail.example' }, child: { familyName: 'Verleden', dueDate: '2027-01-15' }, locationIds: [w.loc2] }));
      const recent = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: 'Recent', familyName: 'Gesloten', email: 'recent@mail.example' }, child: { familyName: 'Gesloten', dueDate: '2027-01-20' }, locationIds: [w.loc2] }));
      for (const r of [old, recent]) assert.equal((await call('POST', `/api/v1/requests/${r.json().request.id}/transitions`, 'deskA', { to: 'withdrawn', reason: 'r' })).statusCode, 200);
      await t.ctx.db.updateTable('request').set({ updated_at: '2024-06-01T10:00:00Z' }).where('id', '=', old.json().request.id).execute();
      const figures = (await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'coordA')).body;
      assert.deepEqual(await runRetention(t.ctx), { anonymised: 1 });
      assert.deepEqual(await runRetention(t.ctx), { anonymised: 0 }, 'nothing left to do');
      const dump = await logicalDump(t);
      assert.ok(!dump.includes('Verleden') && !dump.includes('oud.verleden@mail.example'));
      assert.ok(dump.includes('Gesloten'), 'a family that closed recently is kept');
      assert.ok(dump.includes('Gentenaar'), 'a family with an open request is kept');
      assert.equal((await call('GET', '/api/v1/reports/yearly-figures?year=2026', 'coordA')).body, figures);
      const audited = await t.ctx.db.selectFrom('audit_log').select('subject_ids').where('action', '=', 'privacy.retention').execute();
      assert.deepEqual(audited.map((a) => a.subject_ids), [[old.json().request.child.familyId]]);
    });
  });
}
