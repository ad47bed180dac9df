// Permissions as data: every action, the roles that may take it, and the scope that limits which rows they reach.
import { UserError } from '../domain/errors.ts';

/** Staff roles (accounts made by an administrator) and 'parent' (a family's own portal account). */
export const ROLES = ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'analyst', 'admin', 'parent'] as const;
/** The roles a staff account can have. */
export const STAFF_ROLES = ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far an allowed role reaches:
 * - all: every row (administrators, public reference data);
 * - desk: rows of the actor's own desk;
 * - organiser: rows of the actor's own organiser and its locations;
 * - request: requests of the desk, requests listing the organiser's locations, or requests the partner registered;
 *   for a parent, the requests of the own family.
 * - family: a parent's own family only.
 * - consent: family data shared under a valid consent: with the receiving organisation or the named people, plus
 *   the referrer's own progress view (status and dates only).
 */
export type Scope = 'all' | 'desk' | 'organiser' | 'request' | 'family' | 'consent';

export interface ActionRule {
  /** 'anyone' includes people who are not logged in. */
  roles: readonly Role[] | 'anyone';
  scope: Scope;
  description: string;
}

const DESK: readonly Role[] = ['desk_worker', 'desk_coordinator', 'admin'];
/** Staff who work with families: everyone but analysts. */
const STAFF: readonly Role[] = ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin'];

export const ACTIONS = {
  'public.read': { roles: 'anyone', scope: 'all', description: 'Read public reference data: municipalities, desks, organisers, locations' },
  'me.read': { roles: STAFF_ROLES, scope: 'all', description: 'Read one’s own account' },
  'account.self': { roles: 'anyone', scope: 'all', description: 'Make, confirm, log in to and recover one’s own portal account (rate-limited)' },
  'portal.read': { roles: ['parent'], scope: 'family', description: 'A parent sees the own family’s requests, their priority groups, positions and offers' },
  'request.change': { roles: ['desk_worker', 'desk_coordinator', 'admin', 'parent'], scope: 'request', description: 'Change the days, chosen locations or start date of an open request' },
  'request.close_own': { roles: ['parent'], scope: 'family', description: 'A parent withdraws the own request or reports care found elsewhere' },
  'callback.ask': { roles: ['parent'], scope: 'family', description: 'Ask the desk to call back' },
  'callback.read': { roles: DESK, scope: 'desk', description: 'See and handle the desk’s call-back requests' },
  'contact.record': { roles: DESK, scope: 'desk', description: 'Record a question at the desk (walk-in, phone, mail, partner), its topic and follow-up' },
  'contact.read': { roles: DESK, scope: 'desk', description: 'See the desk’s contact register' },
  'organiser.create': { roles: ['admin'], scope: 'all', description: 'Register an organiser' },
  'location.create': { roles: ['admin', 'provider_staff'], scope: 'organiser', description: 'Add a childcare location' },
  'request.register': { roles: ['desk_worker', 'desk_coordinator', 'partner', 'admin', 'parent'], scope: 'all', description: 'Register a childcare request for a family' },
  'request.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin', 'parent'], scope: 'request', description: 'Read childcare requests' },
  'request.transition': { roles: DESK, scope: 'desk', description: 'Change the status of a request' },
  'child.read': { roles: DESK, scope: 'desk', description: 'Read a child and its family' },
  'child.record_birth': { roles: DESK, scope: 'desk', description: 'Record the birth of a child registered before birth' },
  'duplicate.read': { roles: DESK, scope: 'desk', description: 'See possible duplicate children' },
  'duplicate.resolve': { roles: DESK, scope: 'desk', description: 'Merge duplicate children or mark them as different' },
  'facts.declare': { roles: ['desk_worker', 'desk_coordinator', 'partner', 'admin', 'parent'], scope: 'desk', description: 'Record the facts a family declares for the priority rules' },
  'facts.read': { roles: DESK, scope: 'desk', description: 'Read a family’s declared facts, including sensitive ones (income, health)' },
  'candidates.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], scope: 'organiser', description: 'See the ranked candidates for a free place' },
  'location.rule_settings': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Set the group order and tie-break a rule set leaves to the provider' },
  'deviation.record': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Record a place given outside the rule order, with the advice behind it' },
  'capacity.write': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'State the open seats per weekday of a location from a date on' },
  'capacity.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], scope: 'organiser', description: 'See a location’s capacity, occupancy and what-if views' },
  'matching.run': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Run a matching round for the desk’s area' },
  'matching.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], scope: 'desk', description: 'See matching rounds: the desk all of it, a provider its own proposals' },
  'matching.respond': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Confirm or reject a matching-round proposal for one’s own location' },
  'offer.make': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Offer a place at one’s own location, with a deadline' },
  'offer.answer': { roles: ['desk_worker', 'desk_coordinator', 'admin', 'parent'], scope: 'request', description: 'Answer an offer: the family in the portal, or the desk on its behalf' },
  'offer.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], scope: 'request', description: 'See offers' },
  'offer.expire': { roles: [], scope: 'all', description: 'Let offers past their deadline lapse (the job system)' },
  'desk.settings': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Change the desk’s settings: offer deadline, response time, warning time, location cap' },
  'request.respond': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Give the first response to a request for one’s own location' },
  'followup.read': { roles: ['desk_worker', 'desk_coordinator', 'admin'], scope: 'desk', description: 'The desk’s follow-up lists: overdue provider responses, families without a place near their start' },
  'deviation.advise': { roles: ['desk_worker', 'desk_coordinator', 'partner', 'admin'], scope: 'request', description: 'Advise a provider to deviate from the rule order for a request' },
  'deviation.letter': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin'], scope: 'request', description: 'Read an advice letter: the receiving provider, the desk and the adviser' },
  'deviation.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'analyst', 'admin'], scope: 'organiser', description: 'Read deviations and the yearly deviation report (analysts: all locations, aggregates only)' },
  'report.figures': { roles: ['desk_worker', 'desk_coordinator', 'analyst', 'admin'], scope: 'desk', description: 'Read the yearly desk figures for Opgroeien (analysts: any desk or the whole installation, aggregates only)' },
  'report.drilldown': { roles: DESK, scope: 'desk', description: 'See the requests behind a number of the yearly figures' },
  'report.dashboard': { roles: ['desk_worker', 'desk_coordinator', 'analyst', 'admin'], scope: 'desk', description: 'See the real-demand dashboard (aggregates only)' },
  'report.provider_file': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Make Opgroeien’s yearly provider files (FO-RE-19, FO-RE-30) for one’s own subsidy group' },
  'subsidy_group.write': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Register a subsidy group and link its locations' },
  'report.keyed_export': { roles: ['desk_coordinator', 'analyst', 'admin'], scope: 'desk', description: 'Export the year’s requests with pseudonymous child keys, for combining with other installations' },
  'report.combine': { roles: ['analyst', 'admin'], scope: 'all', description: 'Combine keyed exports of several installations into unique-child figures' },
  'statistics.write': { roles: ['analyst', 'admin'], scope: 'all', description: 'Load birth numbers per municipality and year' },
  'report.simulate': { roles: ['desk_coordinator', 'analyst', 'admin'], scope: 'desk', description: 'Rerun the current requests and capacity under another rule set or tie-break, and compare' },
  'oauth.token': { roles: 'anyone', scope: 'all', description: 'Exchange client credentials for an access token (OAuth 2.0 client credentials)' },
  'integration.client.manage': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Issue, rotate and revoke the API clients of one’s own organiser (people only, not clients)' },
  'integration.client.read': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'See the API clients of one’s own organiser' },
  'webhook.manage': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Set, read and remove the webhook of one’s own organiser’s client' },
  'events.read': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Read the event feed of one’s own organiser' },
  'placement.report': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'Report the actual start, end and departure of placements at one’s own locations' },
  'placement.read': { roles: ['provider_staff', 'admin'], scope: 'organiser', description: 'List the placements at one’s own locations' },
  'socialmap.search': { roles: 'anyone', scope: 'all', description: 'Search the public part of the social map: active services by need, age, municipality and language (parent portal)' },
  'socialmap.read': { roles: STAFF, scope: 'all', description: 'Read the whole social map with its contacts, and export it as HSDS JSON' },
  'socialmap.write': { roles: DESK, scope: 'all', description: 'Maintain the social map: organisations, services, locations, opening hours and contacts' },
  'socialmap.import': { roles: ['desk_coordinator', 'admin'], scope: 'all', description: 'Import a social map as HSDS JSON (all or nothing)' },
  'socialmap.link_user': { roles: ['desk_coordinator', 'admin'], scope: 'all', description: 'Tie a staff account to an organisation on the social map, so it receives that organisation’s referrals' },
  'referral.create': { roles: STAFF, scope: 'consent', description: 'Refer a family to a service on the social map, with the family’s consent' },
  'referral.read': { roles: STAFF, scope: 'consent', description: 'Read referrals: the receiving organisation while the consent holds, the referrer status and dates only' },
  'referral.progress': { roles: STAFF, scope: 'consent', description: 'Move a referral to one’s own organisation through its states and add notes on the support' },
  'referral.remind': { roles: [], scope: 'all', description: 'Remind organisations of referrals nobody picked up in time (the job system)' },
  'consent.read': { roles: STAFF, scope: 'consent', description: 'See the sharing consents of a family one works with' },
  'consent.withdraw': { roles: STAFF, scope: 'consent', description: 'Record that a family withdraws a consent: all further access stops at once' },
  'concern.share': { roles: STAFF, scope: 'consent', description: 'Share a concern about a child or family with the people named in the consent' },
  'concern.read': { roles: STAFF, scope: 'consent', description: 'Read shared concerns: the author and the people named in a valid consent (every read is audited)' },
  'concern.close': { roles: STAFF, scope: 'consent', description: 'Close a shared concern' },
  'support.record': { roles: STAFF, scope: 'organiser', description: 'Record that a service supports a child in its childcare location (bijschakeling)' },
  'support.read': { roles: STAFF, scope: 'organiser', description: 'See the specialised support at a location: that location, the desk of its area, the supporting organisation' },
  'pilot.manage': { roles: ['desk_coordinator', 'admin'], scope: 'all', description: 'Register and change Vroeg en Nabij pilots (the call’s conditions are checked)' },
  'pilot.read': { roles: ['desk_worker', 'desk_coordinator', 'analyst', 'admin'], scope: 'all', description: 'Read pilots and their quarterly indicators (aggregates only)' },
  'practice.read': { roles: DESK, scope: 'all', description: 'Search the practice library of the desks (intervision)' },
  'practice.write': { roles: DESK, scope: 'all', description: 'Add a practice or tip to the library' },
  'import.preview': { roles: DESK, scope: 'desk', description: 'Check an existing waiting list (Excel or CSV) before importing it: every problem row, and what would be created' },
  'import.commit': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Import an existing waiting list into the desk, all or nothing, keeping the original registration dates' },
  'import.read': { roles: DESK, scope: 'desk', description: 'Follow the progress of the desk’s imports and read their reports' },
  'export.read': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'admin'], scope: 'request', description: 'Export requests, placements and candidate lists to Excel or CSV (the desk its own, a provider its own locations)' },
  'search.people': { roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin'], scope: 'request', description: 'Search families and children by name, date, national number or request number (every search is audited)' },
  'audit.read': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Search the audit log: what the desk’s staff did, and who touched the personal data of a family within reach' },
  'privacy.export': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Export all data of a family and the audit of who saw it (GDPR access request), as JSON or PDF' },
  'privacy.erase': { roles: ['desk_coordinator', 'admin'], scope: 'desk', description: 'Anonymise a family on request, once no request is open and no placement runs (GDPR erasure)' },
  'privacy.retention': { roles: [], scope: 'all', description: 'Anonymise families whose requests closed longer ago than the retention period (the job system)' },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

export function isAction(name: string): name is Action {
  return Object.hasOwn(ACTIONS, name);
}

export type Channel = 'api' | 'web' | 'cli' | 'job' | 'import';

export interface Actor {
  userId: string | null;
  role: Role | 'anonymous' | 'system';
  deskId: string | null;
  organiserId: string | null;
  channel: Channel;
  /** A client-chosen key: a retried change with the same key returns the first answer instead of acting twice. */
  idempotencyKey?: string;
  /** Set when provider software acts through an API client (OAuth client credentials); userId is then the client id. */
  clientId?: string;
  /** A parent's own family, once the first registration linked it; userId is then the portal account id. */
  familyId?: string | null;
}

export const ANONYMOUS: Actor = { userId: null, role: 'anonymous', deskId: null, organiserId: null, channel: 'api' };

export function systemActor(channel: Channel): Actor {
  return { userId: null, role: 'system', deskId: null, organiserId: null, channel };
}

/** Refuses an action the actor's role may not take; scope is checked by the use case on the rows themselves. */
export function authorise(actor: Actor, action: Action): void {
  const rule: ActionRule = ACTIONS[action];
  if (actor.role === 'system' || rule.roles === 'anyone') return;
  if (actor.role === 'anonymous') {
    throw new UserError('unauthenticated', 'auth.required', null, { nl: 'Meld u eerst aan.', en: 'Please log in first.' });
  }
  if (!rule.roles.includes(actor.role)) {
    throw new UserError('forbidden', 'auth.forbidden', null, {
      nl: 'U hebt geen toegang tot deze handeling.',
      en: 'You are not allowed to do this.',
    });
  }
}
