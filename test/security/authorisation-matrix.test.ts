// The authorisation matrix, generated from ACTIONS and the server's own route list: every role against every
// action-bearing API route, on its own tenant and on a foreign one, through HTTP. Printed as a table.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUserWithToken } from '../../src/app/accounts.ts';
import { ACTIONS, STAFF_ROLES, type ActionRule } from '../../src/app/permissions.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { buildServer, type App, type RouteAction } from '../../src/http/server.ts';
import { flavours, rowCounts, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { CAW, CAW_PARENTING, HVHK, HVHK_CONSULT, socialMapDocument } from '../support/social-map.ts';

/** One tenant's rows: tenant A belongs to desk A and organiser 1, tenant B to desk B and organiser 2. */
interface Tenant {
  desk: string;
  organiser: string;
  location: string;
  nis: string;
  request: string;
  child: string;
  family: string;
  guardian: string;
  duplicate: string;
  advice: string;
  round: string;
  proposal: string;
  offer: string;
  subsidyGroup: string;
  client: string;
  referral: string;
  consent: string;
  concern: string;
  support: string;
  /** A finished waiting-list import of its desk. */
  import: string;
  /** The social-map service its referrals and support go to: a different organisation per tenant. */
  service: string;
  clientSecret: string;
  /** The children of its open duplicate pair. */
  pairChild: string;
  /** Things that appear in no answer given to the other tenant's people: names, e-mail, national number. */
  secrets: string[];
}

/** The A-side person that plays each role; 'own' means tenant A, 'foreign' tenant B. */
const PLAYERS: Record<string, string | null> = {
  anonymous: null,
  desk_worker: 'deskA',
  desk_coordinator: 'coordA',
  provider_staff: 'provider1',
  partner: 'partner',
  analyst: 'analyst',
  admin: 'admin',
};

/** Which fixture id fills `:id` after each path segment. */
const PARAM_OF: Record<string, keyof Tenant> = {
  desks: 'desk',
  organisers: 'organiser',
  locations: 'location',
  requests: 'request',
  children: 'child',
  families: 'family',
  duplicates: 'duplicate',
  'deviation-advice': 'advice',
  'matching-rounds': 'round',
  'round-proposals': 'proposal',
  offers: 'offer',
  'subsidy-groups': 'subsidyGroup',
  clients: 'client',
  referrals: 'referral',
  consents: 'consent',
  concerns: 'concern',
  'support-assignments': 'support',
  imports: 'import',
};

/** A one-row waiting list for the tenant's desk, as the JSON upload body; the name differs per call so it is never a duplicate. */
function waitingList(t: Tenant | { location: string; nis: string }, name: string, deskId?: string) {
  const postal = t.nis === '44021' ? '9000' : '3000';
  const csv = `Inschrijvingsdatum;Familienaam kind;Verwachte geboortedatum;Voornaam ouder 1;Familienaam ouder 1;Telefoon;Straat;Postcode;Gemeente;Gewenste startdatum;Dagen;Voorkeur 1\n2026-09-16;${name};15/07/2027;Jo;${name};0471 10 00 01;Kerkstraat 2;${postal};${t.nis};01/12/2027;ma,di;${t.location}\n`;
  return { fileName: 'lijst.csv', contentBase64: Buffer.from(csv).toString('base64'), ...(deskId ? { deskId } : {}) };
}

/** A valid body per write route, built from one tenant's rows, so the own-tenant call gets past validation. */
function bodyFor(key: string, t: Tenant, w: World, shared: Shared): unknown {
  switch (key) {
    case 'PUT /api/v1/desks/:id/settings':
      return { offerDeadlineDays: 9, responseDays: 21, noPlaceWarningMonths: 6, maxLocations: null };
    case 'POST /api/v1/organisers':
      return { kbo: shared.nextKbo(), name: 'Matrix vzw' };
    case 'POST /api/v1/locations':
      return { organiserId: t.organiser, name: 'Matrix', street: 'S 1', postalCode: t.nis === '44021' ? '9000' : '3000', municipalityNis: t.nis, type: 'family', subsidyStep: 'T2', licensedCapacity: 8 };
    case 'POST /api/v1/requests':
      return unbornRequest(w, { applicant: { givenName: 'M', familyName: `Matrix${shared.next()}`, email: `m${shared.n}@mail.example` }, child: { familyName: 'Matrix', dueDate: '2027-02-01' }, residence: { municipalityNis: t.nis, street: 'Straat 2', postalCode: t.nis === '44021' ? '9000' : '3000' }, locationIds: [t.location] });
    case 'POST /api/v1/requests/:id/transitions':
      return { to: 'active', reason: 'matrix' };
    case 'POST /api/v1/children/:id/birth':
      return { birthDate: '2026-11-20', insz: makeInsz('2026-11-20', 100 + shared.next()), givenName: 'Z' };
    case 'POST /api/v1/duplicates/:id/merge':
      return { survivingChildId: t.pairChild };
    case 'POST /api/v1/duplicates/:id/dismiss':
      return {};
    case 'POST /api/v1/families/:id/facts':
      return { guardians: [{ activities: [{ kind: 'employed', fraction: 0.8 }] }], singleParent: true, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [], sources: {}, declaredOn: '2026-11-01' };
    case 'PUT /api/v1/locations/:id/rule-settings':
      return { groupOrder: ['work', 'sibling', 'foster_child'], tieBreak: { policy: 'batch_window', monthsBeforeStart: 4 } };
    case 'POST /api/v1/locations/:id/deviations':
      return { requestId: t.request, adviserOrganisation: 'CAW', adviserType: 'caw', adviceDate: '2026-11-01', ground: 'child_interest', note: 'x' };
    case 'POST /api/v1/requests/:id/deviation-advice':
      return { locationId: t.location, adviserOrganisation: 'OCMW', adviserType: 'ocmw', adviceDate: '2026-11-01', ground: 'health_or_welfare', note: 'n' };
    case 'PUT /api/v1/locations/:id/capacity':
      return { validFrom: '2027-01-01', openSeats: [3, 3, 2, 3, 3], note: 'n' };
    case 'POST /api/v1/matching-rounds':
      return { periodStart: '2027-09-01', mode: 'da', seed: 3 };
    case 'POST /api/v1/matching-rounds/:id/reproduce':
      return {};
    case 'POST /api/v1/round-proposals/:id/answer':
      return { decision: 'reject', reason: 'r' };
    case 'POST /api/v1/offers':
      return { requestId: t.request, locationId: t.location, start: '2027-09-01', careDays: [{ weekday: 1, part: 'full' }] };
    case 'POST /api/v1/offers/:id/answer':
      return { answer: 'decline' };
    case 'POST /api/v1/requests/:id/responses':
      return { locationId: t.location, kind: 'no_place', reason: 'vol' };
    case 'POST /api/v1/subsidy-groups':
      return { opgroeienId: 5000 + shared.next(), name: 'Groep', organiserId: t.organiser, incomeTariffFrom: '2025-01-01', incomeTariffUntil: null, plusSubsidy: true, locationIds: [t.location] };
    case 'PUT /api/v1/statistics/births':
      return { rows: [{ nisCode: t.nis, year: 2025, births: 900 }] };
    case 'POST /api/v1/reports/keyed-export/combine': {
      const keyed = { format: 'nabij.keyed-aggregates/1', installation: 'a', year: 2026, keyAlgorithm: 'HMAC-SHA256/128', rows: [{ k: 'a'.repeat(32), m: t.nis, o: 'unanswered', u: true, v: false }] };
      return { exports: [keyed, { ...keyed, installation: 'b' }] };
    }
    case 'POST /api/v1/reports/policy-simulation':
      return { periodStart: '2027-09-01', alternative: { ruleSetId: 'vlaanderen-b', tieBreak: 'lottery' } };
    case 'POST /api/v1/integration/clients':
      return { name: 'Matrix', organiserId: t.organiser };
    case 'POST /api/v1/integration/clients/:id/rotate':
    case 'POST /api/v1/integration/clients/:id/revoke':
      return {};
    case 'PUT /api/v1/integration/clients/:id/webhook':
      return { url: 'https://software.example/hook', rotateSecret: true, from: 'start' };
    case 'POST /api/v1/integration/capacity':
      return { items: [{ locationId: t.location, validFrom: '2027-02-01', openSeats: [3, 3, 2, 3, 3] }] };
    case 'POST /api/v1/integration/placements':
      return { items: [{ placementId: shared.placement[t.desk]!, start: '2027-09-02' }] };
    case 'POST /api/v1/social-map/organizations':
      return { id: randomUUID(), name: `Matrix org ${shared.next()}`, services: [] };
    case 'PUT /api/v1/social-map/organizations/:id':
      return socialMapDocument().organizations[0];
    case 'PUT /api/v1/social-map/organizations/:id/settings':
      return { pickupDays: 5 };
    case 'POST /api/v1/social-map/import':
      return socialMapDocument();
    case 'PUT /api/v1/users/:id/social-map-organization':
      return { organizationId: CAW };
    case 'POST /api/v1/referrals':
      return { familyId: t.family, childId: t.child, serviceId: t.service, need: 'parenting', question: 'Vraag', consent: { givenByGuardianId: t.guardian, purpose: 'Doorverwijzen', dataCategories: ['contact'], validUntil: '2027-06-30' } };
    case 'POST /api/v1/referrals/:id/transitions':
      return { to: 'received' };
    case 'POST /api/v1/referrals/:id/notes':
      return { text: 'notitie' };
    case 'POST /api/v1/consents/:id/withdraw':
    case 'POST /api/v1/concerns/:id/close':
      return {};
    case 'POST /api/v1/concerns':
      return { familyId: t.family, childId: t.child, topic: 'development', observation: 'o', question: 'q', consent: { givenByGuardianId: t.guardian, purpose: 'p', validUntil: '2027-01-31', recipientUserIds: [shared.partnerId] } };
    case 'POST /api/v1/support-assignments':
      return { childId: t.child, locationId: t.location, serviceId: t.service, startDate: '2027-10-01', endDate: '2028-01-31', contactName: 'C', contactPhone: '0470', contactEmail: 'c@x.example' };
    case 'POST /api/v1/pilots/check':
    case 'POST /api/v1/pilots':
    case 'PUT /api/v1/pilots/:id':
      // Pilots are installation-wide (scope all); the call's conditions need two locations and two organisers.
      return {
        name: 'Pilot',
        startDate: '2024-09-01',
        endDate: '2026-08-31',
        municipalities: ['24062', '24038'],
        partners: [
          { role: 'huis_van_het_kind', organizationId: HVHK },
          { role: 'childcare_location', locationId: w.loc1 },
          { role: 'childcare_location', locationId: w.loc2 },
          { role: 'organiser', organiserId: w.organiser2 },
          { role: 'lokaal_loket', deskId: w.deskA },
        ],
      };
    case 'POST /api/v1/practices':
      return { title: 't', problem: 'p', whatWorked: 'w', tips: 'x', municipalityNis: t.nis };
    case 'POST /api/v1/families/:id/erasure':
      return { reason: 'Vraag van de ouder' };
    case 'POST /api/v1/imports/preview':
    case 'POST /api/v1/imports':
      return waitingList(t, `Lijst${shared.next()}`, t.desk);
    case 'POST /api/v1/search/people':
      return { name: 'Kim' };
    case 'POST /api/v1/oauth/token':
      return { grant_type: 'client_credentials', client_id: t.client, client_secret: t.clientSecret };
    default:
      return undefined;
  }
}

interface Shared {
  n: number;
  next(): number;
  nextKbo(): string;
  partnerId: string;
  /** A placement per desk, for the placement report. */
  placement: Record<string, string>;
}

/**
 * Cells where the role may take the action but, by design, does not reach tenant A's row either: the matrix still
 * requires the foreign call to be refused; the own call is only required not to fail.
 */
const OWN_NOT_REACHED: Record<string, string> = {
  ...cells(['desk_worker', 'desk_coordinator', 'admin'], ['GET /api/v1/concerns/:id', 'POST /api/v1/concerns/:id/close'], 'not named in the concern’s consent'),
  ...cells(['desk_worker', 'desk_coordinator'], ['POST /api/v1/referrals/:id/transitions', 'POST /api/v1/referrals/:id/notes'], 'neither referrer nor receiver'),
  ...cells(['provider_staff', 'admin'], ['POST /api/v1/referrals/:id/transitions', 'POST /api/v1/referrals/:id/notes'], 'only the receiving organisation moves a referral on'),
  ...cells(['admin'], ['GET /api/v1/follow-up/overdue-responses', 'GET /api/v1/follow-up/overdue-responses.csv', 'GET /api/v1/follow-up/no-place-yet', 'GET /api/v1/follow-up/no-place-yet.csv', 'POST /api/v1/matching-rounds', 'POST /api/v1/reports/policy-simulation'], 'works for no desk'),
  ...cells(['analyst'], ['POST /api/v1/reports/policy-simulation'], 'works for no desk'),
  ...cells(['partner'], ['GET /api/v1/integration/locations/:id/requests'], 'has no locations'),
  ...cells(['provider_staff'], ['POST /api/v1/matching-rounds/:id/reproduce'], 'no proposal of its own in the round'),
  ...cells(['admin'], ['DELETE /api/v1/integration/clients/:id/webhook'], 'the provider removed the webhook just before'),
  ...cells(['desk_worker', 'desk_coordinator'], ['GET /api/v1/referrals/:id'], 'neither referrer nor receiver'),
};

function cells(roles: string[], routes: string[], why: string): Record<string, string> {
  return Object.fromEntries(roles.flatMap((role) => routes.map((route) => [`${role} ${route}`, why])));
}

/** Own-tenant answers that prove the gate was passed although the action itself was refused for its state or content. */
const PASSED_GATE = new Set([200, 201, 202, 204, 409, 422]);

type Cell = { own: string; foreign: string };

/** Does a body name any of the tenant's rows? */
function mentionsTenant(body: unknown, t: Tenant): boolean {
  if (body === undefined) return false;
  const text = JSON.stringify(body);
  return [t.desk, t.organiser, t.location, t.request, t.child, t.family, t.guardian, t.client].some((id) => text.includes(id));
}

/**
 * A refusal: 403 or 404, or a 400/422 whose code says the row is not the actor's (a body naming another
 * organiser's location is a content error), never a state conflict that would confirm the row exists.
 */
function refused(r: { statusCode: number; body: string }): boolean {
  if (r.statusCode === 403 || r.statusCode === 404) return true;
  if (r.statusCode !== 400 && r.statusCode !== 422) return false;
  const code = String((JSON.parse(r.body) as { error?: { code?: string } }).error?.code ?? '');
  return /not_own|not_found|unknown/.test(code);
}

for (const flavour of flavours()) {
  describe(`authorisation matrix on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let app: App;
    let A: Tenant;
    let B: Tenant;
    let shared: Shared;
    const matrix = new Map<string, Record<string, Cell>>();

    const call = (method: string, url: string, who: string | null, payload?: unknown) =>
      app.inject({ method: method as 'GET', url, headers: who ? { authorization: `Bearer ${w.tokens[who]}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const ok = async (method: string, url: string, who: string, payload?: unknown) => {
      const r = await call(method, url, who, payload);
      assert.ok(r.statusCode < 300, `${method} ${url} as ${who}: ${r.statusCode} ${r.body}`);
      return r.json();
    };

    /** Registers a family with a duplicate, an offer, advice, a referral, a concern and the rest, all inside one tenant. */
    async function tenant(side: 'A' | 'B'): Promise<Tenant> {
      const a = side === 'A';
      const desk = a ? 'deskA' : 'deskB';
      const coord = a ? 'coordA' : 'coordB';
      const provider = a ? 'provider1' : 'provider2';
      const location = a ? w.loc1 : w.loc3;
      const nis = a ? '24062' : '44021';
      const name = a ? 'Peeters' : 'Zwartenbroek';
      const given = a ? 'Sarah' : 'Wilhelmina';
      const email = a ? 'sarah.peeters@mail.example' : 'wilhelmina.zwartenbroek@mail.example';
      const insz = makeInsz('2026-06-01', a ? 11 : 13);
      const residence = { municipalityNis: nis, street: 'Dorpsstraat 9', postalCode: a ? '3000' : '9000' };
      // The partner registers tenant A's request, so it is the partner's own; desk B registers tenant B's.
      const r = await ok('POST', '/api/v1/requests', a ? 'partner' : desk, unbornRequest(w, { applicant: { givenName: given, familyName: name, email }, residence, child: { familyName: name, givenName: 'Kim', birthDate: '2026-06-01', insz }, desiredStartDate: '2027-09-01', locationIds: [location] }));
      const request = r.request;
      await ok('POST', '/api/v1/requests', desk, unbornRequest(w, { applicant: { givenName: 'Other', familyName: name, phone: a ? '0470 11 11 11' : '0470 22 22 22' }, residence, child: { familyName: name, dueDate: '2027-04-01' }, locationIds: [location] }));
      await ok('POST', '/api/v1/requests', desk, unbornRequest(w, { applicant: { givenName: 'Twin', familyName: name, phone: a ? '0470 33 33 33' : '0470 44 44 44' }, residence, child: { familyName: name, dueDate: '2027-04-03' }, locationIds: [location] }));
      const duplicates = await ok('GET', '/api/v1/duplicates', desk);
      const guardian = (await t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', request.child.familyId).executeTakeFirstOrThrow()).id;
      await ok('PUT', `/api/v1/locations/${location}/capacity`, provider, { validFrom: '2027-01-01', openSeats: [3, 3, 3, 3, 3] });
      const round = await ok('POST', '/api/v1/matching-rounds', coord, { periodStart: '2027-09-01', mode: 'da', seed: 1 });
      const roundDetail = await ok('GET', `/api/v1/matching-rounds/${round.id}`, coord);
      // Tenant A's advice comes from the partner who registered the request, so the partner reads its own letter.
      const advice = await ok('POST', `/api/v1/requests/${request.id}/deviation-advice`, a ? 'partner' : desk, { locationId: location, adviserOrganisation: 'OCMW', adviserType: 'ocmw', adviceDate: '2026-11-01', ground: 'health_or_welfare', note: 'n' });
      const offer = await ok('POST', '/api/v1/offers', provider, { requestId: request.id, locationId: location, start: '2027-09-01', careDays: [{ weekday: 1, part: 'full' }] });
      const group = await ok('POST', '/api/v1/subsidy-groups', provider, { opgroeienId: a ? 4101 : 4102, name: `Groep ${side}`, incomeTariffFrom: '2025-01-01', incomeTariffUntil: null, plusSubsidy: true, locationIds: [location] });
      const client = await ok('POST', '/api/v1/integration/clients', provider, { name: `Client ${side}` });
      await ok('PUT', `/api/v1/integration/clients/${client.clientId}/webhook`, provider, { url: 'https://software.example/hook', from: 'start' });
      // The partner works for the CAW: tenant A's referrals go there, tenant B's to the Huis van het Kind.
      const service = a ? CAW_PARENTING : HVHK_CONSULT;
      const referral = await ok('POST', '/api/v1/referrals', provider, bodyFor('POST /api/v1/referrals', { family: request.child.familyId, child: request.child.id, guardian, service } as Tenant, w, shared));
      const concern = await ok('POST', '/api/v1/concerns', provider, { familyId: request.child.familyId, childId: request.child.id, topic: 'development', observation: 'o', question: 'q', consent: { givenByGuardianId: guardian, purpose: 'p', validUntil: '2027-01-31', recipientUserIds: [a ? shared.partnerId : w.actors.deskB!.userId] } });
      const placement = await t.ctx.db.insertInto('placement').values({ child_id: request.child.id, location_id: location, request_id: request.id, start_date: '2027-09-01', end_date: '2029-08-31', care_days: JSON.stringify([{ weekday: 1, part: 'full' }]) }).returning('id').executeTakeFirstOrThrow();
      shared.placement[a ? w.deskA : w.deskB] = placement.id;
      const support = await ok('POST', '/api/v1/support-assignments', provider, { childId: request.child.id, locationId: location, serviceId: service, startDate: '2027-10-01', endDate: '2028-01-31', contactName: 'C', contactPhone: '0470', contactEmail: 'c@x.example' });
      const pair = await t.ctx.db.selectFrom('duplicate_candidate').select('child_a').where('id', '=', duplicates[0].id).executeTakeFirstOrThrow();
      const imported = await ok('POST', '/api/v1/imports', coord, waitingList({ location, nis }, `Import${side}`));
      const consent = (await t.ctx.db.selectFrom('consent').select('id').where('family_id', '=', request.child.familyId).where('purpose', '=', 'Doorverwijzen').executeTakeFirstOrThrow()).id;
      return {
        desk: a ? w.deskA : w.deskB,
        organiser: a ? w.organiser1 : w.organiser2,
        location,
        nis,
        request: request.id,
        child: request.child.id,
        family: request.child.familyId,
        guardian,
        duplicate: duplicates[0].id,
        advice: advice.id,
        round: round.id,
        proposal: roundDetail.proposals?.[0]?.id ?? '00000000-0000-0000-0000-000000000001',
        offer: offer.id,
        subsidyGroup: group.id,
        client: client.clientId,
        referral: referral.id,
        consent,
        concern: concern.id,
        support: support.id,
        import: imported.batchId ?? imported.id,
        service,
        clientSecret: client.clientSecret,
        pairChild: pair.child_a,
        secrets: [name, given, email, insz],
      };
    }

    before(async () => {
      t = await flavour.open();
      w = await buildWorld(t.ctx);
      const coordB = await createUserWithToken(t.ctx.db, { name: 'coordB', email: 'coordB@test.example', role: 'desk_coordinator', deskId: w.deskB }, 'tok-coordB');
      w.tokens.coordB = coordB.token;
      app = await buildServer(t.ctx);
      let n = 0;
      shared = {
        n: 0,
        next() {
          this.n = ++n;
          return n;
        },
        nextKbo: () => `0${String(700_000_00 + ++n).padStart(7, '0')}`.slice(0, 8),
        partnerId: w.actors.partner!.userId!,
        placement: {},
      };
      shared.nextKbo = () => {
        const base = 7_000_000 + ++n;
        const head = `0${String(base).padStart(7, '0')}`;
        return head + String(97 - (Number(head) % 97)).padStart(2, '0');
      };
      await ok('POST', '/api/v1/social-map/import', 'admin', socialMapDocument());
      await ok('PUT', `/api/v1/users/${shared.partnerId}/social-map-organization`, 'admin', { organizationId: CAW });
      A = await tenant('A');
      B = await tenant('B');
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    function fill(route: RouteAction, ten: Tenant): string {
      const parts = route.url.split('/');
      const path = parts
        .map((p, i) => {
          if (!p.startsWith(':')) return p;
          if (p === ':form') return 'FO-RE-19';
          // A coordinator ties only the own desk's staff: the tenant's desk worker is its user.
          if (route.url.startsWith('/api/v1/users/')) return (ten.desk === w.deskA ? w.actors.deskA : w.actors.deskB)!.userId as string;
          if (route.url.startsWith('/api/v1/social-map/services/')) return CAW_PARENTING;
          if (route.url.startsWith('/api/v1/social-map/')) return CAW;
          if (route.url.startsWith('/api/v1/pilots/')) return pilotId;
          const key = PARAM_OF[parts[i - 1] ?? ''];
          assert.ok(key, `no fixture for ${p} in ${route.url}`);
          return ten[key] as string;
        })
        .join('/');
      const q = new URLSearchParams();
      for (const name of route.query) {
        if (name === 'deskId') q.set(name, ten.desk);
        if (name === 'locationId') q.set(name, ten.location);
        if (name === 'requestId') q.set(name, ten.request);
        if (name === 'childId') q.set(name, ten.child);
        if (name === 'personId') q.set(name, ten.family);
        if (name === 'year') q.set(name, '2026');
        if (name === 'start') q.set(name, '2027-09-01');
        if (name === 'from') q.set(name, '2027-09-01');
        if (name === 'to') q.set(name, '2027-10-01');
        if (name === 'measure') q.set(name, 'registered');
        // CSV rather than the zipped xlsx, so the leak check can read the answer.
        if (name === 'format') q.set(name, 'csv');
      }
      const qs = q.toString();
      return qs ? `${path}?${qs}` : path;
    }
    let pilotId = '00000000-0000-0000-0000-000000000002';

    it('refuses every role-forbidden and cross-tenant call, through every API route', async () => {
      pilotId = (await ok('POST', '/api/v1/pilots', 'coordA', bodyFor('POST /api/v1/pilots', A, w, shared))).id;
      // Reads first, then the token exchange: the writes change state (a declined offer, a revoked client) they would see.
      const order = (r: RouteAction) => (r.method === 'GET' ? 0 : r.action === 'oauth.token' ? 1 : 2);
      const routes = app.routeActions.filter((r) => r.url.startsWith('/api/v1/')).sort((x, y) => order(x) - order(y));
      assert.ok(routes.length > 100, 'the route list is complete');
      const failures: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.url}`;
        const rule: ActionRule = ACTIONS[route.action];
        const row: Record<string, Cell> = {};
        for (const [role, who] of Object.entries(PLAYERS)) {
          const allowed = rule.roles === 'anyone' || (role !== 'anonymous' && (rule.roles as readonly string[]).includes(role));
          // Admins and analysts belong to no tenant; 'all' actions have none either: foreign is then 'own' too.
          const tenantless = rule.scope === 'all' || role === 'admin' || (role === 'analyst' && allowed) || route.url === '/api/v1/oauth/token';
          // A call that names no tenant row (a list, a round for one's own desk) has no foreign form: the leak check covers it.
          const sameCall = fill(route, A) === fill(route, B) && !mentionsTenant(bodyFor(key, B, w, shared), B);
          const before = await rowCounts(t.ctx);
          const foreign = await call(route.method, fill(route, B), who, bodyFor(key, B, w, shared));
          const changed = JSON.stringify(await rowCounts(t.ctx)) !== JSON.stringify(before);
          const own = await call(route.method, fill(route, A), who, bodyFor(key, A, w, shared));
          const cell: Cell = { own: String(own.statusCode), foreign: String(foreign.statusCode) };
          row[role] = cell;
          for (const [which, r] of [['own', own], ['foreign', foreign]] as const) {
            if (r.statusCode >= 500) failures.push(`${role} ${key} (${which}): ${r.statusCode} ${r.body.slice(0, 200)}`);
          }
          if (!allowed) {
            const want = role === 'anonymous' ? 401 : 403;
            if (own.statusCode !== want || foreign.statusCode !== want) failures.push(`${role} ${key}: role not allowed, got ${own.statusCode}/${foreign.statusCode}, want ${want}`);
            continue;
          }
          if (sameCall) cell.foreign = '=';
          else if (route.method === 'GET' && !route.url.includes(':')) {
            // A list filtered to the other tenant's rows: refused, or an answer without them (the leak check below).
            if (!refused(foreign)) cell.foreign = `${cell.foreign}∅`;
          }
          else if (!tenantless) {
            if (!refused(foreign)) failures.push(`${role} ${key}: foreign tenant reached (${foreign.statusCode}) ${foreign.body.slice(0, 160)}`);
            if (changed) failures.push(`${role} ${key}: a refused foreign call changed rows`);
          } else cell.foreign = `${cell.foreign}*`;
          // Whatever the answer, people of tenant A never see tenant B's names, e-mail or national number.
          if (role !== 'admin') {
            for (const r of [own, foreign]) for (const secret of B.secrets) if (r.body.includes(secret)) failures.push(`${role} ${key}: answer holds tenant B's ${secret}`);
            // Nor their ids, where the call did not name them itself.
            for (const r of sameCall ? [own, foreign] : [own]) for (const id of [B.request, B.child, B.family]) if (r.body.includes(id)) failures.push(`${role} ${key}: answer holds tenant B's id ${id}`);
          }
          const note = OWN_NOT_REACHED[`${role} ${key}`];
          if (!note && !PASSED_GATE.has(own.statusCode)) failures.push(`${role} ${key}: own tenant not reached (${own.statusCode}) ${own.body.slice(0, 200)}`);
        }
        matrix.set(key, row);
      }
      printMatrix(matrix, routes);
      assert.deepEqual(failures, []);
    });
  });
}

/** One line per route: the action, then own/foreign status per role; '*' marks a tenantless cell (scope all, admin, analyst aggregates). */
function printMatrix(matrix: Map<string, Record<string, Cell>>, routes: RouteAction[]) {
  const roles = Object.keys(PLAYERS);
  const head = ['route', 'action', 'scope', ...roles];
  const lines = routes.map((r) => {
    const row = matrix.get(`${r.method} ${r.url}`) ?? {};
    return [`${r.method} ${r.url.replace('/api/v1', '')}`, r.action, ACTIONS[r.action].scope, ...roles.map((role) => (row[role] ? `${row[role].own}/${row[role].foreign}` : '-'))];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  const out = [fmt(head), widths.map((x) => '-'.repeat(x)).join('-|-'), ...lines.map(fmt)];
  out.push('', 'Cells: own tenant status / foreign tenant status. 401/403 = role refused; 404 = row outside the actor’s scope; * = tenantless.');
  out.push(`Roles: ${STAFF_ROLES.join(', ')} and anonymous; parents act only through the portal (see portal-tenancy and row-security tests).`);
  console.log(out.join('\n'));
}
