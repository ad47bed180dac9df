// Issue 19's attacks, done the way an attacker does them: a fresh account or a foreign tenant's token, and only a
// victim's public-ish details (surname, phone, municipality, e-mail address, a child's national number).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadAccount } from '../../src/app/portal/accounts.ts';
import { myRequests, registerFromPortal } from '../../src/app/portal/family.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { addDays } from '../../src/domain/dates.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { startSession, SESSION_COOKIE } from '../../src/web/sessions.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { socialMapDocument, CAW, CAW_PARENTING, HVHK } from '../support/social-map.ts';
import { createUserWithToken } from '../../src/app/accounts.ts';

/** The victim family of desk A: what an attacker may know of it, and what must never reach them. */
const VICTIM = { surname: 'Vandermeulen', given: 'Lotte', phone: '0470 12 34 56', email: 'lotte.vandermeulen@mail.example', child: 'Mila' };
const CHILD_INSZ = makeInsz('2026-09-14', 124);

for (const flavour of flavours()) {
  describe(`linking a person to a family needs proof, on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    const victim = { family: '', child: '', request: '', guardian: '' };
    const call = (method: string, url: string, who: string | null, payload?: unknown) =>
      app.inject({ method: method as 'GET', url, headers: who ? { authorization: `Bearer ${w.tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
    const guardiansOfVictim = async () => (await t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', victim.family).execute()).length;
    const showsVictim = (body: string) => [VICTIM.surname, VICTIM.given, VICTIM.phone, VICTIM.email, VICTIM.child, victim.family, victim.guardian, victim.child].some((x) => body.includes(x));

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      app = await buildServer(t.ctx);
      // The victim: a born child with a national number, registered at desk A (Leuven).
      const r = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, {
        applicant: { givenName: VICTIM.given, familyName: VICTIM.surname, email: VICTIM.email, phone: VICTIM.phone },
        child: { givenName: VICTIM.child, familyName: VICTIM.surname, birthDate: '2026-09-14', insz: CHILD_INSZ },
        desiredStartDate: '2027-03-01',
      }));
      assert.equal(r.statusCode, 201, r.body);
      const v = r.json().request;
      Object.assign(victim, { family: v.child.familyId, child: v.child.id, request: v.id, guardian: v.applicant.id });
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('1. a fresh portal account with the victim’s surname, phone and municipality gets its own family, sees nothing of the victim’s, and the desk gets a proof-pending pair', async () => {
      const made = await t.ctx.db.insertInto('portal_account').values({ email: 'stranger@mail.example', email_verified_at: new Date(), language: 'nl' }).returning('id').executeTakeFirstOrThrow();
      const account = (await loadAccount(t.ctx.db, made.id))!;
      const result = await registerFromPortal(t.ctx, account, {
        applicant: { givenName: 'X', familyName: VICTIM.surname, phone: VICTIM.phone },
        residence: { municipalityNis: '24062', street: 'Elders 1', postalCode: '3000' },
        child: { givenName: VICTIM.child, familyName: VICTIM.surname, birthDate: '2026-09-14' },
        desiredStartDate: '2027-03-01',
        careDays: [{ weekday: 1, part: 'full' }],
        locationIds: [w.loc1],
        consent: { processing: true },
      });
      assert.equal(result.created, true);
      assert.notEqual(result.familyId, victim.family, 'the account was linked to the victim’s family');
      const linked = await t.ctx.db.selectFrom('portal_account').select(['family_id', 'guardian_id']).where('id', '=', made.id).executeTakeFirstOrThrow();
      assert.notEqual(linked.family_id, victim.family);
      assert.notEqual(linked.guardian_id, victim.guardian);
      // "Mijn aanvragen", as the page and as the use case, lists only the attacker's own new request.
      const mine = await myRequests(t.ctx, (await loadAccount(t.ctx.db, made.id))!);
      assert.deepEqual(mine.requests.map((q) => q.id), [result.request!.id]);
      const s = await startSession(t.ctx, { accountId: made.id, language: 'nl' });
      const page = await app.inject({ url: '/portaal/aanvragen', headers: { cookie: `${SESSION_COOKIE}=${s.cookie}` } });
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes(victim.request) && !page.body.includes(VICTIM.given), 'the victim’s request shows on the attacker’s page');
      assert.equal((await call('GET', `/portaal/aanvragen/${victim.request}/bewijs`, null)).statusCode !== 200, true);
      // Desk A sees the pair, marked as waiting for proof.
      const queue = (await call('GET', '/api/v1/duplicates', 'deskA')).json() as Array<{ proofPending: boolean; children: Array<{ id: string }> }>;
      const pair = queue.find((d) => d.children.some((c) => c.id === victim.child) && d.children.some((c) => c.id === result.request!.child.id));
      assert.ok(pair, 'no pair in desk A’s queue');
      assert.equal(pair.proofPending, true);
    });

    it('2. a partner or another desk’s worker registering with the victim’s e-mail gets a new family and no victim data', async () => {
      for (const who of ['partner', 'deskB']) {
        const before = await guardiansOfVictim();
        const r = await call('POST', '/api/v1/requests', who, unbornRequest(w, { applicant: { givenName: 'Aanvaller', familyName: 'Elders', email: VICTIM.email }, child: { familyName: 'Elders', dueDate: '2027-05-01' } }));
        assert.equal(r.statusCode, 201, `${who}: ${r.body}`);
        // The e-mail address is the attacker's own input; nothing else of the victim may come back.
        assert.ok(!showsVictim(r.body.replaceAll(VICTIM.email, '')), `${who}: the answer shows the victim: ${r.body}`);
        assert.equal(await guardiansOfVictim(), before);
      }
    });

    it('2. a child’s national number with the attacker’s own e-mail adds no guardian to the victim’s family, answers as a new child, and a later portal account sees nothing', async () => {
      const before = await guardiansOfVictim();
      const stranger = { applicant: { givenName: 'Aanvaller', familyName: 'Anders', email: 'attacker@mail.example' } };
      const known = await call('POST', '/api/v1/requests', 'partner', unbornRequest(w, { ...stranger, child: { familyName: 'Anders', birthDate: '2026-09-14', insz: CHILD_INSZ }, desiredStartDate: '2027-03-01' }));
      const unknown = await call('POST', '/api/v1/requests', 'partner', unbornRequest(w, { applicant: { ...stranger.applicant, email: 'attacker2@mail.example' }, child: { familyName: 'Anders', birthDate: '2026-09-15', insz: makeInsz('2026-09-15', 126) }, desiredStartDate: '2027-03-01' }));
      assert.equal(known.statusCode, 201, known.body);
      assert.equal(unknown.statusCode, unknown.statusCode);
      assert.equal(known.statusCode, unknown.statusCode, 'a known national number answers differently from an unknown one');
      assert.deepEqual(Object.keys(known.json().request).sort(), Object.keys(unknown.json().request).sort());
      assert.ok(known.json().request.child.inszMasked, 'the typed number is shown back as for a new child');
      assert.ok(!showsVictim(known.body), known.body);
      assert.equal(await guardiansOfVictim(), before, 'a guardian was added to the victim’s family');
      // Signing up with that e-mail and linking by the confirmed address reaches only the attacker's own family.
      const made = await t.ctx.db.insertInto('portal_account').values({ email: 'attacker@mail.example', email_verified_at: new Date(), language: 'nl' }).returning('id').executeTakeFirstOrThrow();
      const mine = await myRequests(t.ctx, (await loadAccount(t.ctx.db, made.id))!);
      assert.ok(mine.requests.every((q) => q.id !== victim.request));
      assert.ok(!JSON.stringify(mine).includes(VICTIM.surname));
      // The desk of the child's family has the pair, proof pending, with the reason.
      const queue = (await call('GET', '/api/v1/duplicates', 'deskA')).json() as Array<{ proofPending: boolean; reasons: Array<{ code: string }>; children: Array<{ id: string }> }>;
      const pair = queue.find((d) => d.children.some((c) => c.id === victim.child) && d.children.some((c) => c.id === known.json().request.child.id));
      assert.ok(pair && pair.proofPending && pair.reasons.some((x) => x.code === 'same_national_number'));
    });

    it('2. a known national number in another municipality is no oracle: the same answer as an unknown one', async () => {
      const gent = { residence: { municipalityNis: '44021', street: 'Veldstraat 1', postalCode: '9000' }, locationIds: [w.loc3] };
      const known = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { ...gent, applicant: { givenName: 'B', familyName: 'Gentenaar', email: 'g1@mail.example' }, child: { familyName: 'Gentenaar', birthDate: '2026-09-14', insz: CHILD_INSZ }, desiredStartDate: '2027-03-01' }));
      const unknown = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { ...gent, applicant: { givenName: 'B', familyName: 'Gentenaar', email: 'g2@mail.example' }, child: { familyName: 'Gentenaar', birthDate: '2026-09-16', insz: makeInsz('2026-09-16', 128) }, desiredStartDate: '2027-03-01' }));
      assert.equal(known.statusCode, 201, known.body);
      assert.equal(unknown.statusCode, 201, unknown.body);
      assert.ok(!known.body.includes('residence_differs'));
      assert.ok(!showsVictim(known.body));
    });

    it('2. recording a birth with a national number known elsewhere answers as for a new number', async () => {
      const r = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { residence: { municipalityNis: '44021', street: 'Veldstraat 9', postalCode: '9000' }, locationIds: [w.loc3], applicant: { givenName: 'C', familyName: 'Geboorte', email: 'c@mail.example' }, child: { familyName: 'Geboorte', dueDate: '2026-11-28' } }));
      assert.equal(r.statusCode, 201, r.body);
      const birth = await call('POST', `/api/v1/children/${r.json().request.child.id}/birth`, 'deskB', { birthDate: '2026-09-14', insz: CHILD_INSZ, givenName: 'Z' });
      assert.equal(birth.statusCode, 200, birth.body);
      assert.ok(!showsVictim(birth.body));
      const victimChild = await t.ctx.db.selectFrom('child').select(['insz', 'family_id']).where('id', '=', victim.child).executeTakeFirstOrThrow();
      assert.equal(victimChild.insz, CHILD_INSZ, 'the victim’s number moved');
    });

    it('3. a coordinator cannot tie another desk’s staff or themselves to a social-map organisation; an administrator can', async () => {
      assert.equal((await call('POST', '/api/v1/social-map/import', 'admin', socialMapDocument())).statusCode < 300, true);
      const deskB = w.actors.deskB!.userId!;
      const coordA = w.actors.coordA!.userId!;
      const deskA = w.actors.deskA!.userId!;
      assert.equal((await call('PUT', `/api/v1/users/${deskB}/social-map-organization`, 'coordA', { organizationId: CAW })).statusCode, 404);
      assert.equal((await call('PUT', `/api/v1/users/${coordA}/social-map-organization`, 'coordA', { organizationId: CAW })).statusCode, 403);
      assert.equal((await call('PUT', `/api/v1/users/${w.actors.partner!.userId}/social-map-organization`, 'coordA', { organizationId: CAW })).statusCode, 404);
      // Own desk's worker, organisation in the desk's area (Leuven): allowed.
      const own = await call('PUT', `/api/v1/users/${deskA}/social-map-organization`, 'coordA', { organizationId: HVHK });
      assert.equal(own.statusCode, 200, own.body);
      const stored = await t.ctx.db.selectFrom('app_user').select(['id', 'sm_organization_id']).where('id', 'in', [deskB, coordA, deskA]).execute();
      assert.deepEqual(Object.fromEntries(stored.map((u) => [u.id, u.sm_organization_id])), { [deskB]: null, [coordA]: null, [deskA]: HVHK });
      assert.equal((await call('PUT', `/api/v1/users/${deskB}/social-map-organization`, 'admin', { organizationId: CAW })).statusCode, 200);
      await call('PUT', `/api/v1/users/${deskB}/social-map-organization`, 'admin', { organizationId: null });
      await call('PUT', `/api/v1/users/${deskA}/social-map-organization`, 'admin', { organizationId: null });
    });

    it('4. a pair across two desks shows in both queues without the other desk’s details, and merges only when both desks agree', async () => {
      // Desk B's family in Gent registers the same unborn child that desk A knows (same parent e-mail, same due date).
      const a = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: 'Ana', familyName: 'Tweeloket', email: 'ana.tweeloket@mail.example' }, child: { familyName: 'Tweeloket', dueDate: '2027-04-10' } }));
      const b = await call('POST', '/api/v1/requests', 'deskB', unbornRequest(w, { residence: { municipalityNis: '44021', street: 'Kouter 1', postalCode: '9000' }, locationIds: [w.loc3], applicant: { givenName: 'Ana', familyName: 'Tweeloket', email: 'ana.t@other.example', phone: '0499 00 00 01' }, child: { familyName: 'Tweeloket', dueDate: '2027-04-12' } }));
      const childA = a.json().request.child.id as string;
      const childB = b.json().request.child.id as string;
      const find = async (who: string) => ((await call('GET', '/api/v1/duplicates', who)).json() as Array<{ id: string; crossDesk: boolean; children: Array<{ id: string; reachable: boolean; familyName: string | null; guardians: unknown[]; knownAt: string[] }> }>).find((d) => d.children.some((c) => c.id === childA) && d.children.some((c) => c.id === childB));
      const seenByA = await find('deskA');
      const seenByB = await find('deskB');
      assert.ok(seenByA && seenByB, 'the pair is missing from a desk’s queue');
      assert.equal(seenByA.crossDesk, true);
      const otherForA = seenByA.children.find((c) => c.id === childB)!;
      assert.equal(otherForA.reachable, false);
      assert.equal(otherForA.familyName, null);
      assert.deepEqual(otherForA.guardians, []);
      assert.ok(otherForA.knownAt.includes('Loket B (Gent)'));
      const raw = JSON.stringify(await (await call('GET', '/api/v1/duplicates', 'deskA')).json());
      assert.ok(!raw.includes('ana.t@other.example') && !raw.includes('0499 00 00 01'), 'desk A sees desk B’s contact details');
      // Desk A alone: nothing moves.
      const first = await call('POST', `/api/v1/duplicates/${seenByA.id}/merge`, 'deskA', { survivingChildId: childA });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().status, 'awaiting_other_desk');
      assert.equal((await t.ctx.db.selectFrom('child').select('merged_into').where('id', '=', childB).executeTakeFirstOrThrow()).merged_into, null);
      // Desk B choosing another survivor does not merge either; choosing the same one does.
      assert.equal((await call('POST', `/api/v1/duplicates/${seenByA.id}/merge`, 'deskB', { survivingChildId: childB })).json().status, 'awaiting_other_desk');
      assert.equal((await t.ctx.db.selectFrom('child').select('merged_into').where('id', '=', childB).executeTakeFirstOrThrow()).merged_into, null);
      const agreed = await call('POST', `/api/v1/duplicates/${seenByA.id}/merge`, 'deskB', { survivingChildId: childA });
      assert.equal(agreed.json().status, 'merged', agreed.body);
      assert.equal((await t.ctx.db.selectFrom('child').select('merged_into').where('id', '=', childB).executeTakeFirstOrThrow()).merged_into, childA);
    });

    it('9. consent on a referral is withdrawn only by its sender, receiver or the family’s desk; a concern names only people who work with the family', async () => {
      const { userId: partner2 } = await createUserWithToken(t.ctx.db, { name: 'partner2', email: 'partner2@test.example', role: 'partner', deskId: null, organiserId: null }, 'tok-partner2');
      w.tokens.partner2 = 'tok-partner2';
      // A family of desk A whose request lists a location of each organiser, so both providers know it.
      const r = await call('POST', '/api/v1/requests', 'deskA', unbornRequest(w, { applicant: { givenName: 'Rik', familyName: 'Toestemming', email: 'rik.t@mail.example' }, child: { familyName: 'Toestemming', dueDate: '2027-06-01' }, locationIds: [w.loc1, w.loc3] }));
      assert.equal(r.statusCode, 201, r.body);
      const q = r.json().request;
      const guardian = q.applicant.id as string;
      if ((await call('GET', '/api/v1/social-map/organizations', 'deskA')).json().length === 0) await call('POST', '/api/v1/social-map/import', 'admin', socialMapDocument());
      const referral = await call('POST', '/api/v1/referrals', 'provider1', { familyId: q.child.familyId, childId: q.child.id, serviceId: CAW_PARENTING, need: 'parenting', question: 'Hulp bij het slaapritme', consent: { givenByGuardianId: guardian, purpose: 'Opvoedingsondersteuning', dataCategories: ['contact'], validUntil: '2027-06-30' } });
      assert.equal(referral.statusCode, 201, referral.body);
      const consentId = referral.json().consent.id as string;
      // Provider 2 knows the family (a chosen location) but neither sent nor receives this referral.
      assert.equal((await call('POST', `/api/v1/consents/${consentId}/withdraw`, 'provider2')).statusCode, 404);
      assert.equal((await call('POST', `/api/v1/consents/${consentId}/withdraw`, 'deskB')).statusCode, 404);
      const held = await t.ctx.db.selectFrom('consent').select('withdrawn_at').where('id', '=', consentId).executeTakeFirstOrThrow();
      assert.equal(held.withdrawn_at, null);
      assert.equal((await call('POST', `/api/v1/consents/${consentId}/withdraw`, 'provider1')).statusCode, 200);
      // Concern recipients.
      const concern = (recipient: string) => call('POST', '/api/v1/concerns', 'provider1', { familyId: q.child.familyId, childId: q.child.id, topic: 'development', observation: 'o', question: 'q', consent: { givenByGuardianId: guardian, purpose: 'p', validUntil: '2027-01-31', recipientUserIds: [recipient] } });
      for (const [who, id] of [['deskB', w.actors.deskB!.userId!], ['partner2', partner2], ['analyst', w.actors.analyst!.userId!], ['admin', w.actors.admin!.userId!]] as const) {
        const refused = await concern(id);
        assert.equal(refused.statusCode, 422, `${who} accepted as recipient: ${refused.body}`);
        assert.equal(refused.json().error.field, 'consent.recipientUserIds.0');
      }
      for (const [who, id] of [['deskA', w.actors.deskA!.userId!], ['provider2 (a chosen location)', w.actors.provider2!.userId!]] as const) {
        const ok = await concern(id);
        assert.equal(ok.statusCode, 201, `${who}: ${ok.body}`);
      }
    });

    it('the linking matrix: who joins the victim’s family by registering with its e-mail, across two desks, two organisers and two partners', async () => {
      if (!w.tokens.partner2) {
        await createUserWithToken(t.ctx.db, { name: 'partner2', email: 'partner2@test.example', role: 'partner', deskId: null, organiserId: null }, 'tok-partner2');
        w.tokens.partner2 = 'tok-partner2';
      }
      // Expected: only those who already work with the family (its desk, an administrator) join it; the rest get
      // their own family (201, no victim data), and roles that may not register are refused.
      const expected: Record<string, 'joins' | 'own family' | 'refused'> = { deskA: 'joins', coordA: 'joins', admin: 'joins', deskB: 'own family', partner: 'own family', partner2: 'own family', provider1: 'refused', provider2: 'refused', analyst: 'refused' };
      const lines: string[] = [];
      let n = 0;
      for (const [who, want] of Object.entries(expected)) {
        const r = await call('POST', '/api/v1/requests', who, unbornRequest(w, { applicant: { givenName: 'M', familyName: 'Matrix', email: VICTIM.email }, child: { familyName: 'Matrix', dueDate: addDays('2027-01-01', 40 * ++n) } }));
        const got = r.statusCode === 403 ? 'refused' : r.statusCode === 201 ? ((await t.ctx.db.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select('child.family_id').where('request.id', '=', r.json().request?.id ?? r.json().ids?.requestId ?? '00000000-0000-4000-8000-000000000000').executeTakeFirst())?.family_id === victim.family ? 'joins' : 'own family') : `HTTP ${r.statusCode}`;
        lines.push(`${who.padEnd(10)} ${got.padEnd(11)} (expected ${want})`);
        assert.equal(got, want, `${who}: ${r.body.slice(0, 200)}`);
        if (want === 'own family') assert.ok(!showsVictim(r.body.replaceAll(VICTIM.email, '')), `${who} sees the victim`);
      }
      console.log(['Registering with the victim family’s e-mail (desk A’s family):', ...lines].join('\n'));
    });

    it('9. the small holes: bad bodies, control characters, coercion, cookieless visits, audit of reads, CSP, __Host- cookies', async () => {
      for (const url of ['/api/v1/imports', '/api/v1/imports/preview']) {
        const r = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.tokens.coordA}`, 'content-type': 'application/json' } });
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url} without a body: ${r.statusCode}`);
      }
      const body = (applicant: Record<string, unknown>) => ({ ...unbornRequest(w), applicant: { givenName: 'A', familyName: 'B', email: 'x@mail.example', ...applicant } });
      for (const [name, value, code] of [
        ['NUL', 'Jo\u0000hn', 'text.control_character'],
        ['right-to-left override', 'Jo\u202Ehn', 'text.control_character'],
        ['C1 control', 'Jo\u0085hn', 'text.control_character'],
        ['lone surrogate', 'Jo\uD800hn', 'text.malformed'],
      ] as const) {
        const r = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${w.tokens.deskA}`, 'content-type': 'application/json' }, payload: JSON.stringify(body({ givenName: value })) });
        assert.equal(r.statusCode, 400, `${name}: ${r.statusCode}`);
        assert.equal(r.json().error.field, 'applicant.givenName', name);
        assert.equal(r.json().error.code, code, name);
        assert.ok(r.json().error.nl && r.json().error.en);
      }
      for (const value of [5, ['a']]) {
        const r = await call('POST', '/api/v1/requests', 'deskA', body({ givenName: value }));
        assert.equal(r.statusCode, 400, `givenName ${JSON.stringify(value)} was coerced`);
        assert.ok(JSON.stringify(r.json().error).includes('applicant.givenName') || JSON.stringify(r.json().error).includes('applicant/givenName'), r.body);
      }
      const sessions = async () => Number((await sql<{ n: number }>`select count(*)::int as n from web_session`.execute(t.ctx.db)).rows[0]!.n);
      const before = await sessions();
      for (let i = 0; i < 3; i++) assert.equal((await app.inject({ url: '/portaal' })).statusCode, 200);
      assert.equal((await app.inject({ url: '/werkplek/aanmelden' })).statusCode, 200);
      assert.equal(await sessions(), before, 'a cookieless visit wrote a session row');
      // Audit rows for reads that name requests.
      const audits = async (action: string) => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action}`.execute(t.ctx.db)).rows[0]!.n);
      const offersBefore = await audits('offer.read');
      assert.equal((await call('GET', `/api/v1/requests/${victim.request}/offers`, 'deskA')).statusCode, 200);
      assert.equal(await audits('offer.read'), offersBefore + 1);
      await call('PUT', `/api/v1/locations/${w.loc1}/capacity`, 'provider1', { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
      const round = await call('POST', '/api/v1/matching-rounds', 'coordA', { periodStart: '2027-03-01', mode: 'da', seed: 1 });
      assert.ok(round.statusCode < 300, round.body);
      const roundsBefore = await audits('matching.read');
      assert.equal((await call('GET', `/api/v1/matching-rounds/${round.json().id}`, 'deskA')).statusCode, 200);
      assert.equal(await audits('matching.read'), roundsBefore + 1);
      const docs = await app.inject({ url: '/api/docs' });
      assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/);
      // Over https the cookies carry the __Host- prefix.
      const secure = await buildServer({ ...t.ctx, publicUrl: 'https://nabij.example' }, { portal: { publicUrl: 'https://nabij.example' } });
      const visit = await secure.inject({ url: '/portaal' });
      assert.match(String(visit.headers['set-cookie']), /^__Host-nabij_sessie=.*; Path=\/; HttpOnly; Secure; SameSite=Lax/);
      await secure.close();
    });
  });
}
