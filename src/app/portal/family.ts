// What a parent does in the portal: register, see each request's state, priority group and position, change,
// withdraw, answer offers and ask the desk to call back. Every read and change is for the own family only.
import { sql } from 'kysely';
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { invalidFields, notFound, UserError, type FieldProblem, type Message } from '../../domain/errors.ts';
import { emailKey } from '../../domain/identity/names.ts';
import { STATUS_TEXT, type RequestStatus } from '../../domain/requests/lifecycle.ts';
import { checkRegistration, type CareDay, type RegistrationInput } from '../../domain/requests/registration.ts';
import type { LocationForRules } from '../../domain/rules/evaluate.ts';
import type { Text } from '../../domain/rules/types.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from '../context.ts';
import { emitForRequest } from '../integration/events.ts';
import { answerOffer } from '../offers.ts';
import { declareFactsInTransaction, fittingCandidatesAt, familyRecords, rankAtLocation, type FactsInput } from '../priority.ts';
import { moveRequest, registerInTransaction, type RegistrationResult } from '../requests.ts';
import type { Actor } from '../permissions.ts';
import { requestScope } from '../scopes.ts';
import { acrossTenants } from '../tenancy.ts';
import { parentActor, type AccountView } from './accounts.ts';

/**
 * Links an account without a family to the family the desk already knows for it: by the national number of a
 * government login, or by the confirmed e-mail address. Returns the family id, or null when there is none yet.
 */
async function linkKnownFamily(tx: Tx, account: AccountView): Promise<string | null> {
  if (account.familyId) return account.familyId;
  const row = await tx.selectFrom('portal_account').select(['insz', 'email', 'email_verified_at']).where('id', '=', account.id).executeTakeFirstOrThrow();
  let guardian = row.insz ? await tx.selectFrom('guardian').select(['id', 'family_id']).where('insz', '=', row.insz).executeTakeFirst() : undefined;
  if (!guardian && row.email && row.email_verified_at) {
    guardian = await tx.selectFrom('guardian').select(['id', 'family_id']).where('email_key', '=', emailKey(row.email)).orderBy('created_at').executeTakeFirst();
  }
  if (!guardian) return null;
  await tx.updateTable('portal_account').set({ family_id: guardian.family_id, guardian_id: guardian.id }).where('id', '=', account.id).where('family_id', 'is', null).execute();
  return guardian.family_id;
}

export interface PortalRegistration {
  applicant: { givenName: string; familyName: string; phone?: string; preferredLanguage?: string };
  otherGuardian?: { givenName: string; familyName: string; email?: string; phone?: string };
  residence: { municipalityNis: string; street?: string; postalCode?: string };
  child: { givenName?: string; familyName: string; insz?: string; birthDate?: CalendarDate; dueDate?: CalendarDate; birthOrder?: number };
  desiredStartDate: CalendarDate;
  flexibilityWeeks?: number;
  careDays: CareDay[];
  locationIds: string[];
  acceptAnyLocation?: boolean;
  /** The family's sworn statement for the priority rules; left out when the family prefers not to say. */
  facts?: FactsInput;
  consent: { processing: boolean };
}

const contactDesk = (m: Message) => new UserError('conflict', 'portal.contact_desk', 'child.insz', m);

/**
 * Registers a request from the portal, with the sworn statement, in one transaction. The parent is the applicant
 * with the account's confirmed address (and national number, after a government login).
 */
export async function registerFromPortal(ctx: AppContext, account: AccountView, input: PortalRegistration): Promise<RegistrationResult & { familyId: string | null }> {
  return runUseCase(ctx, parentActor(account), 'request.register', async (tx) => {
    const familyId = await linkKnownFamily(tx, account);
    const actor: Actor = { ...parentActor(account), familyId };
    const own = await tx.selectFrom('portal_account').select(['email', 'insz', 'email_verified_at']).where('id', '=', account.id).executeTakeFirstOrThrow();
    const registration: RegistrationInput = {
      applicant: {
        givenName: input.applicant.givenName,
        familyName: input.applicant.familyName,
        ...(own.email ? { email: own.email } : {}),
        ...(input.applicant.phone?.trim() ? { phone: input.applicant.phone } : {}),
        ...(own.insz ? { insz: own.insz } : {}),
        preferredLanguage: input.applicant.preferredLanguage ?? account.language,
      },
      ...(input.otherGuardian ? { otherGuardian: input.otherGuardian } : {}),
      residence: input.residence,
      child: input.child,
      desiredStartDate: input.desiredStartDate,
      flexibilityWeeks: input.flexibilityWeeks ?? 0,
      careDays: input.careDays,
      locationIds: input.locationIds,
      acceptAnyLocation: input.acceptAnyLocation ?? false,
      consent: input.consent,
    };
    // Only what the account proved links it to a known family: see identity-proof.ts.
    const result = await registerInTransaction(tx, ctx, actor, registration, { proof: { verifiedEmail: own.email_verified_at ? own.email : null, governmentInsz: own.insz } });
    if (!result.created || !result.request) return { ...result, familyId };
    const newFamily = result.request.child.familyId;
    if (familyId && familyId !== newFamily) {
      throw contactDesk({
        nl: 'We vonden uw gegevens bij een ander gezin dan dat van uw account. Neem contact op met het loket.',
        en: 'We found your details with another family than your account’s. Please contact the desk.',
      });
    }
    await tx.updateTable('portal_account').set({ family_id: newFamily, guardian_id: result.request.applicant.id }).where('id', '=', account.id).execute();
    if (input.facts) await declareFactsInTransaction(tx, ctx, { ...actor, familyId: newFamily }, newFamily, input.facts);
    return { ...result, familyId: newFamily };
  });
}

export interface LocationStanding {
  rank: number;
  locationId: string;
  name: string;
  municipality: string;
  /** The priority group that counts here and why, in the family's own words (nl/en from the rule set). */
  group: { label: Text; text: Text } | null;
  summary: Text | null;
  groupsMet: Array<{ label: Text; text: Text }>;
  /** Position among today's candidates for a place from the desired start, when the rules make it meaningful. */
  position: number | null;
  candidates: number | null;
  /** Why no position is shown, when there is none. */
  noPositionReason: Message | null;
  response: { kind: string; at: string } | null;
}

export interface OfferForFamily {
  id: string;
  location: string;
  startDate: string;
  endDate: string;
  deadline: string;
  status: string;
  careDays: unknown;
  /** True when a higher wish is still open, so "accept and keep waiting" means something. */
  canKeepWaiting: boolean;
}

export interface FamilyRequest {
  id: string;
  number: string;
  status: RequestStatus | 'merged';
  statusText: Message;
  open: boolean;
  registeredOn: string;
  desiredStartDate: string;
  flexibilityWeeks: number;
  careDays: CareDay[];
  acceptsAnyLocation: boolean;
  child: { givenName: string | null; familyName: string; born: boolean; birthDate: string | null; dueDate: string | null };
  desk: { id: string; name: string; responseDays: number };
  locations: LocationStanding[];
  offers: OfferForFamily[];
  next: Message;
}

const OPEN = ['registered', 'active', 'offered'];

function nextStep(status: string, r: { registered_on: string; response_days: number }, offers: OfferForFamily[]): Message {
  const open = offers.find((o) => o.status === 'open');
  switch (status) {
    case 'registered':
      return {
        nl: `De opvanglocaties die u koos, antwoorden binnen ${r.response_days} dagen (uiterlijk ${addDays(r.registered_on, r.response_days)}). Daarna wacht u op een vrije plaats; u krijgt een mail als er een is.`,
        en: `The locations you chose answer within ${r.response_days} days (by ${addDays(r.registered_on, r.response_days)}). Then you wait for a free place; you get an e-mail when there is one.`,
      };
    case 'active':
      return { nl: 'U staat op de wachtlijst van de opvanglocaties hieronder. Als er een plaats vrijkomt die bij u past, krijgt u een aanbod per mail.', en: 'You are on the waiting list of the locations below. When a place that fits comes free, you get an offer by e-mail.' };
    case 'offered':
      return open
        ? { nl: `Er is een plaats voor u. Antwoord vóór ${open.deadline.slice(0, 16).replace('T', ' om ')}. Zonder antwoord vervalt het aanbod.`, en: `There is a place for you. Answer before ${open.deadline.slice(0, 16).replace('T', ' at ')}. Without an answer the offer lapses.` }
        : { nl: 'Er is een aanbod gedaan. Het loket volgt het op.', en: 'An offer was made. The desk follows it up.' };
    case 'placed':
      return { nl: 'U hebt een plaats. De opvang neemt contact op om kennis te maken.', en: 'You have a place. The childcare will contact you to get to know you.' };
    default:
      return { nl: 'Deze aanvraag is afgesloten. Zoekt u toch nog opvang? Schrijf uw kind opnieuw in of neem contact op met het loket.', en: 'This request is closed. Still looking for childcare? Register your child again or contact the desk.' };
  }
}

type Standing = { ranked: Awaited<ReturnType<typeof rankAtLocation>>['ranked'][number] | null; position: number | null; total: number | null; reason: { nl: string; en: string } | null };

/**
 * Where the child stands at each chosen location: the group that counts, and its position when that means something.
 * All locations of one request are ranked in one step across tenants, with each family's records read once.
 */
async function standingsAt(tx: Tx, ctx: AppContext, actor: Actor, r: { id: string; number: string; registered_on: string; desired_start_date: string; child_id: string; family_id: string; open: boolean }, locationIds: string[]): Promise<Map<string, Standing>> {
  const out = new Map<string, Standing>();
  if (locationIds.length === 0) return out;
  const locs = await tx
    .selectFrom('location')
    .leftJoin('location_rule_settings', 'location_rule_settings.location_id', 'location.id')
    .select(['location.id', 'location.municipality_nis', 'location.subsidy_step', 'location.min_age_months', 'location.max_age_months', 'location.opening_weekdays', 'location_rule_settings.group_order', 'location_rule_settings.tie_break'])
    .where('location.id', 'in', locationIds)
    .execute();
  const start = r.desired_start_date > today(ctx) ? r.desired_start_date : today(ctx);
  const own = { id: r.id, number: r.number, registered_on: r.registered_on, child_id: r.child_id, family_id: r.family_id };
  const forRules = (l: (typeof locs)[number]): LocationForRules => ({ id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis });
  const settings = (l: (typeof locs)[number]) => (l.group_order === null && l.tie_break === null ? null : { group_order: l.group_order, tie_break: l.tie_break });
  if (!r.open) {
    const known = await familyRecords(tx, [r.family_id]);
    for (const l of locs) {
      const { ranked } = await rankAtLocation(tx, ctx, actor, forRules(l), settings(l), [own], start, undefined, { recordDraw: false, known });
      out.set(l.id, { ranked: ranked[0] ?? null, position: null, total: null, reason: null });
    }
    return out;
  }
  // The queue holds other families' requests, which the parent's tenant cannot see: rank them across tenants and
  // keep only this family's own entry, its position and the length of the queue.
  const queues = await acrossTenants(tx, async () => {
    const lists = [];
    const byLocation = await fittingCandidatesAt(tx, ctx, locs.map((l) => ({ location: l, free: new Set(l.opening_weekdays) })), { start });
    for (const l of locs) {
      const fitting = byLocation.get(l.id)!;
      const inList = fitting.some((f) => f.id === r.id);
      lists.push({ l, fitting, inList, rows: inList ? fitting : [...fitting, own] });
    }
    const known = await familyRecords(tx, [...new Set(lists.flatMap((q) => q.rows.map((x) => x.family_id)))]);
    const ranked = [];
    for (const q of lists) ranked.push({ ...q, ...(await rankAtLocation(tx, ctx, actor, forRules(q.l), settings(q.l), q.rows, start, undefined, { recordDraw: false, known })) });
    return ranked;
  });
  for (const { l, fitting, inList, ranked, policy } of queues) {
    const mine = ranked.find((x) => x.candidate.requestId === r.id) ?? null;
    if (!inList) {
      out.set(l.id, {
        ranked: mine, position: null, total: null,
        reason: { nl: 'Uw dagen, uw startdatum of de leeftijd van uw kind passen nu niet bij de plaatsen van deze opvang. Daarom tonen we geen plaats in de rij.', en: 'Your days, your start date or your child’s age do not fit this location’s places now. That is why no position is shown.' },
      });
    } else if (policy.policy !== 'registration_order') {
      out.set(l.id, {
        ranked: mine, position: null, total: fitting.length,
        reason: { nl: 'Bij gelijke voorrang loot deze opvang voor elke vrije plaats opnieuw. Een plaats in de rij zegt daarom niets over uw kans.', en: 'With equal priority this location draws lots for every free place. A position in the queue would therefore say nothing about your chances.' },
      });
    } else out.set(l.id, { ranked: mine, position: mine?.position ?? null, total: fitting.length, reason: null });
  }
  return out;
}

/** The family's requests with, per chosen location, the priority group, its reasons and the position in the queue. */
export async function myRequests(ctx: AppContext, account: AccountView): Promise<{ familyId: string | null; requests: FamilyRequest[] }> {
  return runUseCase(ctx, parentActor(account), 'portal.read', async (tx) => {
    const familyId = await linkKnownFamily(tx, account);
    if (!familyId) return { familyId: null, requests: [] };
    const actor: Actor = { ...parentActor(account), familyId };
    const rows = await tx
      .selectFrom('request')
      .innerJoin('child', 'child.id', 'request.child_id')
      .innerJoin('desk', 'desk.id', 'request.desk_id')
      .select([
        'request.id', 'request.number', 'request.status', 'request.registered_on', 'request.desired_start_date', 'request.flexibility_weeks', 'request.care_days', 'request.accepts_any_location',
        'child.id as child_id', 'child.family_id', 'child.given_name', 'child.family_name', 'child.birth_date', 'child.due_date',
        'desk.id as desk_id', 'desk.name as desk_name', 'desk.response_days',
      ])
      .where('child.family_id', '=', familyId)
      .where('request.status', '<>', 'merged')
      .orderBy('request.registered_on', 'desc')
      .orderBy('request.number', 'desc')
      .execute();
    const out: FamilyRequest[] = [];
    for (const r of rows) {
      const open = OPEN.includes(r.status);
      const chosen = await tx
        .selectFrom('request_location')
        .innerJoin('location', 'location.id', 'request_location.location_id')
        .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
        .select(['request_location.rank', 'location.id', 'location.name', 'municipality.name as municipality'])
        .where('request_location.request_id', '=', r.id)
        .orderBy('request_location.rank')
        .execute();
      const responses = await tx.selectFrom('request_response').select(['location_id', 'kind', 'updated_at']).where('request_id', '=', r.id).execute();
      const offerRows = await tx
        .selectFrom('offer')
        .innerJoin('location', 'location.id', 'offer.location_id')
        .select(['offer.id', 'offer.location_id', 'location.name', 'offer.start_date', 'offer.end_date', 'offer.deadline', 'offer.status', 'offer.care_days'])
        .where('offer.request_id', '=', r.id)
        .orderBy('offer.created_at', 'desc')
        .execute();
      const offers = offerRows.map((o) => {
        const rank = chosen.find((c) => c.id === o.location_id)?.rank ?? null;
        return { id: o.id, location: o.name, startDate: o.start_date, endDate: o.end_date, deadline: o.deadline.toISOString(), status: o.status, careDays: o.care_days, canKeepWaiting: rank !== null && rank > 1 };
      });
      const locations: LocationStanding[] = [];
      const standings = await standingsAt(tx, ctx, actor, { id: r.id, number: r.number, registered_on: r.registered_on, desired_start_date: r.desired_start_date, child_id: r.child_id, family_id: r.family_id, open }, chosen.map((c) => c.id));
      for (const c of chosen) {
        const s = standings.get(c.id) ?? { ranked: null, position: null, total: null, reason: null };
        const e = s.ranked?.candidate.evaluation;
        const best = e?.groups.find((g) => g.id === e.decidingGroup);
        const resp = responses.find((x) => x.location_id === c.id);
        locations.push({
          rank: c.rank,
          locationId: c.id,
          name: c.name,
          municipality: c.municipality,
          group: best ? { label: best.label, text: best.text } : null,
          summary: e?.summary ?? null,
          groupsMet: e ? e.groups.filter((g) => g.met).map((g) => ({ label: g.label, text: g.text })) : [],
          position: s.position,
          candidates: s.total,
          noPositionReason: open ? s.reason : null,
          response: resp ? { kind: resp.kind, at: resp.updated_at.toISOString() } : null,
        });
      }
      out.push({
        id: r.id,
        number: r.number,
        status: r.status as RequestStatus,
        statusText: r.status === 'merged' ? { nl: 'samengevoegd', en: 'merged' } : STATUS_TEXT[r.status as RequestStatus],
        open,
        registeredOn: r.registered_on,
        desiredStartDate: r.desired_start_date,
        flexibilityWeeks: r.flexibility_weeks,
        careDays: r.care_days as CareDay[],
        acceptsAnyLocation: r.accepts_any_location,
        child: { givenName: r.given_name, familyName: r.family_name, born: r.birth_date !== null, birthDate: r.birth_date, dueDate: r.due_date },
        desk: { id: r.desk_id, name: r.desk_name, responseDays: r.response_days },
        locations,
        offers,
        next: nextStep(r.status, r, offers),
      });
    }
    await audit(tx, actor, 'portal.read', [familyId, ...rows.map((r) => r.child_id)]);
    return { familyId, requests: out };
  });
}

export interface RequestChange {
  desiredStartDate?: CalendarDate;
  flexibilityWeeks?: number;
  careDays?: CareDay[];
  locationIds?: string[];
}

/**
 * Changes the days, chosen locations or start of an open request. The registration date stays, so the family keeps
 * its place in the registration order. While an offer waits for an answer, the family answers it first.
 */
export async function changeRequest(ctx: AppContext, actor: Actor, requestId: string, change: RequestChange) {
  return runUseCase(ctx, actor, 'request.change', async (tx) => {
    const r = await tx
      .selectFrom('request')
      .innerJoin('child', 'child.id', 'request.child_id')
      .innerJoin('desk', 'desk.id', 'request.desk_id')
      .select(['request.id', 'request.status', 'request.registered_on', 'request.desired_start_date', 'request.flexibility_weeks', 'request.care_days', 'child.id as child_id', 'child.family_name', 'child.birth_date', 'child.due_date', 'desk.max_locations'])
      .where('request.id', '=', requestId)
      .where(requestScope(actor))
      .forUpdate(['request'])
      .executeTakeFirst();
    if (!r) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
    if (r.status === 'offered') {
      throw new UserError('conflict', 'request.offer_pending', null, { nl: 'Er wacht een aanbod op uw antwoord. Antwoord eerst op het aanbod.', en: 'An offer is waiting for your answer. Please answer the offer first.' });
    }
    if (!['registered', 'active'].includes(r.status)) {
      throw new UserError('conflict', 'request.closed', null, { nl: 'Deze aanvraag is afgesloten en kan niet meer veranderen.', en: 'This request is closed and can no longer change.' });
    }
    const current = await tx.selectFrom('request_location').select('location_id').where('request_id', '=', requestId).orderBy('rank').execute();
    const next = {
      desiredStartDate: change.desiredStartDate ?? r.desired_start_date,
      flexibilityWeeks: change.flexibilityWeeks ?? r.flexibility_weeks,
      careDays: change.careDays ?? (r.care_days as CareDay[]),
      locationIds: change.locationIds ?? current.map((c) => c.location_id),
    };
    // The full registration check, with only the changed parts' problems kept (the child's dates were checked before).
    const { problems } = checkRegistration(
      {
        applicant: { givenName: 'x', familyName: 'x', email: 'x@x.be' },
        residence: { municipalityNis: '00000' },
        child: { familyName: r.family_name, ...(r.birth_date ? { birthDate: r.birth_date } : { dueDate: r.due_date as string }) },
        ...next,
        registeredOn: r.registered_on,
        consent: { processing: true },
      },
      { today: today(ctx), maxLocations: r.max_locations },
    );
    const kept: FieldProblem[] = problems.filter((p) => /^(desiredStartDate|flexibilityWeeks|careDays|locationIds)/.test(p.field));
    if (kept.length) throw invalidFields(kept);
    const known = await tx.selectFrom('location').select('id').where('id', 'in', next.locationIds).execute();
    const unknownAt = next.locationIds.findIndex((id) => !known.some((k) => k.id === id));
    if (unknownAt >= 0) throw notFound({ nl: 'Een gekozen opvanglocatie', en: 'A chosen childcare location' }, `locationIds.${unknownAt}`);

    await tx
      .updateTable('request')
      .set({ desired_start_date: next.desiredStartDate, flexibility_weeks: next.flexibilityWeeks, care_days: JSON.stringify([...next.careDays].sort((a, b) => a.weekday - b.weekday)), updated_at: ctx.now() })
      .where('id', '=', requestId)
      .execute();
    if (change.locationIds) {
      await tx.deleteFrom('request_location').where('request_id', '=', requestId).execute();
      await tx.insertInto('request_location').values(next.locationIds.map((locationId, i) => ({ request_id: requestId, rank: i + 1, location_id: locationId }))).execute();
    }
    await tx
      .insertInto('request_event')
      .values({ request_id: requestId, from_status: r.status, to_status: r.status, reason: `Gewijzigd: ${Object.keys(change).join(', ')}`, actor_id: actor.userId, actor_role: actor.role, channel: actor.channel })
      .execute();
    await emitForRequest(tx, ctx, 'request.changed', requestId, { changed: Object.keys(change) }, current.map((c) => c.location_id));
    await audit(tx, actor, 'request.change', [r.child_id, requestId]);
    return { requestId, ...next };
  });
}

/** The parent withdraws the request, or reports that care was found elsewhere. */
export async function closeOwnRequest(ctx: AppContext, actor: Actor, requestId: string, to: 'withdrawn' | 'found_elsewhere', reason?: string) {
  return runUseCase(ctx, actor, 'request.close_own', async (tx) => {
    if (reason && reason.length > 500) throw invalidFields([{ field: 'reason', code: 'too_long', nl: 'Schrijf hoogstens 500 tekens.', en: 'Write at most 500 characters.' }]);
    await moveRequest(tx, ctx, actor, requestId, to, reason?.trim() || (to === 'withdrawn' ? 'Ingetrokken door de ouder' : 'Opvang elders gevonden (gemeld door de ouder)'), false);
    // Offers still open lapse with the request: the places go back to the next family.
    const open = await tx.selectFrom('offer').select('id').where('request_id', '=', requestId).where('status', '=', 'open').execute();
    if (open.length) await tx.updateTable('offer').set({ status: 'withdrawn', answered_at: ctx.now(), answered_by: actor.userId, answer_channel: actor.channel }).where('id', 'in', open.map((o) => o.id)).execute();
    return { requestId, status: to };
  });
}

/** The family's answer to an offer, through the offer workflow (seat check, placement, other offers withdrawn). */
export function answerOwnOffer(ctx: AppContext, actor: Actor, offerId: string, answer: 'accept' | 'decline' | 'accept_keep_waiting') {
  return answerOffer(ctx, actor, offerId, answer);
}

export interface CallbackInput {
  name: string;
  phone: string;
  topic: 'registration' | 'offer' | 'priority' | 'other';
  message?: string;
  /** Needed when the family has no request yet: the municipality decides the desk. */
  municipalityNis?: string;
}

export const CALLBACK_TOPICS = ['registration', 'offer', 'priority', 'other'] as const;

/** Asks the family's desk to call back; the desk sees it in its list. */
export async function askCallback(ctx: AppContext, account: AccountView, input: CallbackInput) {
  return runUseCase(ctx, parentActor(account), 'callback.ask', async (tx) => {
    const problems: FieldProblem[] = [];
    if (!input.name.trim() || input.name.length > 200) problems.push({ field: 'name', code: 'required', nl: 'Vul uw naam in.', en: 'Enter your name.' });
    if (input.phone.replace(/\D/g, '').length < 8 || input.phone.length > 40) problems.push({ field: 'phone', code: 'phone.invalid', nl: 'Geef een telefoonnummer waarop we u kunnen bellen, bijvoorbeeld 0470 12 34 56.', en: 'Give a phone number we can call, for example 0470 12 34 56.' });
    if (!(CALLBACK_TOPICS as readonly string[]).includes(input.topic)) problems.push({ field: 'topic', code: 'choice', nl: 'Kies een onderwerp.', en: 'Choose a topic.' });
    if ((input.message ?? '').length > 1000) problems.push({ field: 'message', code: 'too_long', nl: 'Schrijf hoogstens 1000 tekens.', en: 'Write at most 1000 characters.' });
    const familyId = await linkKnownFamily(tx, account);
    const desk = familyId
      ? await sql<{ id: string }>`select dm.desk_id as id from family f join desk_municipality dm on dm.nis_code = f.municipality_nis where f.id = ${familyId}`.execute(tx).then((x) => x.rows[0])
      : input.municipalityNis
        ? await tx.selectFrom('desk_municipality').select('desk_id as id').where('nis_code', '=', input.municipalityNis).executeTakeFirst()
        : undefined;
    if (!desk) problems.push({ field: 'municipalityNis', code: 'residence.no_desk', nl: 'Kies de gemeente waar u woont.', en: 'Choose the municipality where you live.' });
    if (problems.length) throw invalidFields(problems);
    const row = await tx
      .insertInto('callback_request')
      .values({ desk_id: (desk as { id: string }).id, account_id: account.id, family_id: familyId, name: input.name.trim(), phone: input.phone.trim(), topic: input.topic, message: input.message?.trim() || null, language: account.language })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, parentActor(account), 'callback.ask', [familyId, row.id]);
    return { id: row.id };
  });
}

/** The desk's open call-back requests, oldest first. */
export async function listCallbacks(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'callback.read', async (tx) => {
    let q = tx.selectFrom('callback_request').select(['id', 'name', 'phone', 'topic', 'message', 'language', 'created_at', 'family_id']).where('handled_at', 'is', null).orderBy('created_at');
    if (actor.role !== 'admin') q = q.where('desk_id', '=', actor.deskId ?? '00000000-0000-0000-0000-000000000000');
    const rows = await q.execute();
    await audit(tx, actor, 'callback.read', rows.map((r) => r.family_id));
    return rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone, topic: r.topic, message: r.message, language: r.language, createdAt: r.created_at.toISOString() }));
  });
}
