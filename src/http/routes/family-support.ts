// Routes for family support: social map (HSDS), warm referrals, consent, shared concerns, bijschakeling, pilots, practices.
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../app/context.ts';
import { closeConcern, listConcerns, readConcern, shareConcern, type ConcernInput } from '../../app/family-support/concerns.ts';
import { checkPilot, createPilot, getPilot, indicatorsCsv, listPilots, pilotIndicators, updatePilot, type PilotInput } from '../../app/family-support/pilots.ts';
import { addPractice, searchPractices } from '../../app/family-support/practices.ts';
import { addReferralNote, createReferral, getReferral, listConsents, listReferrals, progressReferral, withdrawConsent, type ReferralInput, type ReferralListQuery } from '../../app/family-support/referrals.ts';
import { exportSocialMap, getOrganization, getPublicService, importSocialMap, linkUser, listOrganizations, saveOrganization, searchServices, setPickupDays, vocabularies } from '../../app/family-support/social-map.ts';
import { getSupport, listSupport, recordSupport } from '../../app/family-support/support.ts';
import type { HsdsOrganization as HsdsOrganizationT } from '../../domain/family-support/hsds.ts';
import type { ReferralStep } from '../../domain/family-support/referral.ts';
import {
  ConcernBody,
  ConcernClosed,
  ConcernQuery,
  ConcernSummary,
  ConcernView,
  ConsentView,
  HsdsDocument,
  HsdsDocumentBody,
  HsdsOrganization,
  HsdsOrganizationBody,
  ImportResult,
  LinkUserBody,
  LinkUserResult,
  NoteBody,
  NoteResult,
  OrganizationSettings,
  OrganizationSettingsBody,
  OrganizationSummary,
  PilotBody,
  PilotCheck,
  PilotIndicators,
  PilotSummary,
  PilotView,
  PracticeBody,
  PracticeQuery,
  PracticeView,
  PublicService,
  ReferralBody,
  ReferralQuery,
  ReferralStepBody,
  ReferralView,
  ServiceSearchQuery,
  SupportBody,
  SupportQuery,
  SupportView,
  Vocabularies,
  WithdrawResult,
} from '../family-support-schemas.ts';
import { IdParams } from '../schemas.ts';
import type { App } from '../server.ts';

/** The domain's HSDS type has optional fields; what Nabij writes always has them all. */
type Org = Static<typeof HsdsOrganization>;

export function registerFamilySupportRoutes(app: App, ctx: AppContext) {
  const map = ['social map'];
  const search = { action: 'socialmap.search' as const };
  app.get('/social-map/vocabularies', { config: search, schema: { tags: map, summary: 'The needs and target groups services are tagged with (public)', response: { 200: Vocabularies } } }, async () => vocabularies());
  app.get('/social-map/services', { config: search, schema: { tags: map, summary: 'Search active services by need, child’s age, municipality and language (public: the parent portal)', querystring: ServiceSearchQuery, response: { 200: Type.Array(PublicService) } } }, (req) =>
    searchServices(ctx, req.actor, req.query),
  );
  app.get('/social-map/services/:id', { config: search, schema: { tags: map, summary: 'One active service as the public sees it', params: IdParams, response: { 200: PublicService } } }, (req) => getPublicService(ctx, req.actor, req.params.id));
  app.get('/social-map/organizations', { config: { action: 'socialmap.read' }, schema: { tags: map, summary: 'Organisations on the social map', response: { 200: Type.Array(OrganizationSummary) } } }, (req) => listOrganizations(ctx, req.actor));
  app.get('/social-map/organizations/:id', { config: { action: 'socialmap.read' }, schema: { tags: map, summary: 'One organisation as HSDS, with its locations, services and contacts', params: IdParams, response: { 200: HsdsOrganization } } }, (req) =>
    getOrganization(ctx, req.actor, req.params.id) as Promise<Org>,
  );
  app.post('/social-map/organizations', { config: { action: 'socialmap.write' }, schema: { tags: map, summary: 'Add an organisation (HSDS organization with locations and services)', body: HsdsOrganizationBody, response: { 201: HsdsOrganization } } }, async (req, reply) =>
    reply.status(201).send((await saveOrganization(ctx, req.actor, req.body as HsdsOrganizationT)) as Org),
  );
  app.put(
    '/social-map/organizations/:id',
    { config: { action: 'socialmap.write' }, schema: { tags: map, summary: 'Change an organisation: its locations and services are updated by id, contacts and hours replaced', params: IdParams, body: HsdsOrganizationBody, response: { 200: HsdsOrganization } } },
    (req) => saveOrganization(ctx, req.actor, req.body as HsdsOrganizationT, req.params.id) as Promise<Org>,
  );
  app.put('/social-map/organizations/:id/settings', { config: { action: 'socialmap.write' }, schema: { tags: map, summary: 'The organisation’s agreed time to pick up a referral', params: IdParams, body: OrganizationSettingsBody, response: { 200: OrganizationSettings } } }, (req) =>
    setPickupDays(ctx, req.actor, req.params.id, req.body.pickupDays),
  );
  app.get('/social-map/export.json', { config: { action: 'socialmap.read' }, schema: { tags: map, summary: 'The whole social map as HSDS 3.0 JSON', response: { 200: HsdsDocument } } }, async (req, reply) =>
    reply.header('content-disposition', 'attachment; filename="sociale-kaart.hsds.json"').send((await exportSocialMap(ctx, req.actor)) as Static<typeof HsdsDocument>),
  );
  app.post(
    '/social-map/import',
    {
      config: { action: 'socialmap.import' },
      bodyLimit: 20 * 1_048_576,
      schema: { tags: map, summary: 'Import HSDS JSON: all or nothing, with a problem per item; items are matched by id', body: HsdsDocumentBody, response: { 200: ImportResult } },
    },
    (req) => importSocialMap(ctx, req.actor, req.body as { organizations: HsdsOrganizationT[] }),
  );
  app.put('/users/:id/social-map-organization', { config: { action: 'socialmap.link_user' }, schema: { tags: map, summary: 'Tie a staff account to a social-map organisation: it then receives that organisation’s referrals', params: IdParams, body: LinkUserBody, response: { 200: LinkUserResult } } }, (req) =>
    linkUser(ctx, req.actor, req.params.id, req.body.organizationId),
  );

  const refs = ['referrals'];
  app.post('/referrals', { config: { action: 'referral.create' }, schema: { tags: refs, summary: 'Refer a family to a service, with the family’s consent (what, with whom, why, until when)', body: ReferralBody, response: { 201: ReferralView } } }, async (req, reply) =>
    reply.status(201).send(await createReferral(ctx, req.actor, req.body as ReferralInput)),
  );
  app.get('/referrals', { config: { action: 'referral.read' }, schema: { tags: refs, summary: 'Referrals sent (progress only) or received by one’s organisation (while the consent holds)', querystring: ReferralQuery, response: { 200: Type.Array(ReferralView) } } }, (req) =>
    listReferrals(ctx, req.actor, req.query as ReferralListQuery),
  );
  app.get('/referrals/:id', { config: { action: 'referral.read' }, schema: { tags: refs, summary: 'One referral: the receiver sees the shared data, the referrer status and dates only', params: IdParams, response: { 200: ReferralView } } }, (req) =>
    getReferral(ctx, req.actor, req.params.id),
  );
  app.post('/referrals/:id/transitions', { config: { action: 'referral.progress' }, schema: { tags: refs, summary: 'Received, contact made, support started, closed (with outcome) or declined (with reason)', params: IdParams, body: ReferralStepBody, response: { 200: ReferralView } } }, (req) =>
    progressReferral(ctx, req.actor, req.params.id, req.body as ReferralStep),
  );
  app.post('/referrals/:id/notes', { config: { action: 'referral.progress' }, schema: { tags: refs, summary: 'A note on the support, for the receiving organisation only', params: IdParams, body: NoteBody, response: { 201: NoteResult } } }, async (req, reply) =>
    reply.status(201).send(await addReferralNote(ctx, req.actor, req.params.id, req.body.text)),
  );
  app.get('/families/:id/consents', { config: { action: 'consent.read' }, schema: { tags: refs, summary: 'A family’s sharing consents and whether each still holds', params: IdParams, response: { 200: Type.Array(ConsentView) } } }, (req) =>
    listConsents(ctx, req.actor, req.params.id),
  );
  app.post('/consents/:id/withdraw', { config: { action: 'consent.withdraw' }, schema: { tags: refs, summary: 'The family withdraws a consent: all further access stops at once', params: IdParams, response: { 200: WithdrawResult } } }, (req) =>
    withdrawConsent(ctx, req.actor, req.params.id),
  );

  const care = ['shared concerns'];
  app.post('/concerns', { config: { action: 'concern.share' }, schema: { tags: care, summary: 'Share a concern (zorg delen) with the people named in the family’s consent', body: ConcernBody, response: { 201: ConcernView } } }, async (req, reply) =>
    reply.status(201).send(await shareConcern(ctx, req.actor, req.body as ConcernInput)),
  );
  app.get('/concerns', { config: { action: 'concern.read' }, schema: { tags: care, summary: 'Concerns one wrote or may read now (no content; open one to read it)', querystring: ConcernQuery, response: { 200: Type.Array(ConcernSummary) } } }, (req) => listConcerns(ctx, req.actor, req.query as { status?: 'open' | 'closed' }));
  app.get('/concerns/:id', { config: { action: 'concern.read' }, schema: { tags: care, summary: 'Read a concern (audited)', params: IdParams, response: { 200: ConcernView } } }, (req) => readConcern(ctx, req.actor, req.params.id));
  app.post('/concerns/:id/close', { config: { action: 'concern.close' }, schema: { tags: care, summary: 'Close a concern', params: IdParams, response: { 200: ConcernClosed } } }, (req) => closeConcern(ctx, req.actor, req.params.id));

  const support = ['specialised support'];
  app.post('/support-assignments', { config: { action: 'support.record' }, schema: { tags: support, summary: 'Record that a service supports a child in its childcare location (bijschakeling)', body: SupportBody, response: { 201: SupportView } } }, async (req, reply) =>
    reply.status(201).send(await recordSupport(ctx, req.actor, req.body)),
  );
  app.get('/support-assignments', { config: { action: 'support.read' }, schema: { tags: support, summary: 'Specialised support one may see: the location’s staff, its desk, the supporting organisation', querystring: SupportQuery, response: { 200: Type.Array(SupportView) } } }, (req) =>
    listSupport(ctx, req.actor, req.query),
  );
  app.get('/support-assignments/:id', { config: { action: 'support.read' }, schema: { tags: support, params: IdParams, response: { 200: SupportView } } }, (req) => getSupport(ctx, req.actor, req.params.id));

  const pilots = ['pilots'];
  app.post('/pilots/check', { config: { action: 'pilot.manage' }, schema: { tags: pilots, summary: 'Check a pilot against the Vroeg en Nabij call without storing it', body: PilotBody, response: { 200: PilotCheck } } }, (req) => checkPilot(ctx, req.actor, req.body as PilotInput));
  app.post('/pilots', { config: { action: 'pilot.manage' }, schema: { tags: pilots, summary: 'Register a pilot (refused with a message per unmet condition of the call)', body: PilotBody, response: { 201: PilotView } } }, async (req, reply) =>
    reply.status(201).send(await createPilot(ctx, req.actor, req.body as PilotInput)),
  );
  app.get('/pilots', { config: { action: 'pilot.read' }, schema: { tags: pilots, summary: 'Vroeg en Nabij pilots', response: { 200: Type.Array(PilotSummary) } } }, (req) => listPilots(ctx, req.actor));
  app.get('/pilots/:id', { config: { action: 'pilot.read' }, schema: { tags: pilots, summary: 'A pilot with its area, partners and the call’s conditions', params: IdParams, response: { 200: PilotView } } }, (req) => getPilot(ctx, req.actor, req.params.id));
  app.put('/pilots/:id', { config: { action: 'pilot.manage' }, schema: { tags: pilots, summary: 'Change a pilot (the conditions are checked again)', params: IdParams, body: PilotBody, response: { 200: PilotView } } }, (req) => updatePilot(ctx, req.actor, req.params.id, req.body as PilotInput));
  app.get('/pilots/:id/indicators', { config: { action: 'pilot.read' }, schema: { tags: pilots, summary: 'The pilot’s indicators per quarter', params: IdParams, response: { 200: PilotIndicators } } }, (req) => pilotIndicators(ctx, req.actor, req.params.id));
  app.get('/pilots/:id/indicators.csv', { config: { action: 'pilot.read' }, schema: { tags: pilots, summary: 'The same indicators as CSV (semicolons, for Excel)', params: IdParams } }, async (req, reply) => {
    const r = await pilotIndicators(ctx, req.actor, req.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicatoren-pilot.csv"`).send(indicatorsCsv(r));
  });

  const practices = ['practices'];
  app.post('/practices', { config: { action: 'practice.write' }, schema: { tags: practices, summary: 'Add a practice or tip from an intervision round', body: PracticeBody, response: { 201: PracticeView } } }, async (req, reply) =>
    reply.status(201).send(await addPractice(ctx, req.actor, req.body)),
  );
  app.get('/practices', { config: { action: 'practice.read' }, schema: { tags: practices, summary: 'Search the practice library (desk staff only)', querystring: PracticeQuery, response: { 200: Type.Array(PracticeView) } } }, (req) => searchPractices(ctx, req.actor, req.query));
}
