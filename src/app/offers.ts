// Offers and placements: a provider offers a place with a deadline, the family answers, and seats are never overbooked.
import { sql } from 'kysely';
import { isCalendarDate, type CalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { defaultPlacementEnd, fits, freeSeats, halvesOf, type Occupation } from '../domain/capacity/timeline.ts';
import { checkAnswer, offerDeadline, type OfferAnswer, type OfferStatus } from '../domain/offers/offer.ts';
import { selectRuleSet } from '../domain/rules/evaluate.ts';
import { loadCapacity } from './capacity.ts';
import { enqueue } from './outbox.ts';
import { recordResponse } from './follow-up.ts';
import { audit, ruleSets, runUseCase, today, type AppContext, type Tx } from './context.ts';
import { ownLocation, recordDeviationInTransaction, requestAtLocation, type DeviationInput } from './deviations.ts';
import { authorise, systemActor, type Actor } from './permissions.ts';
import { fittingCandidates, loadRuleSettings, rankAtLocation } from './priority.ts';
import { acrossTenants } from './tenancy.ts';
import { moveRequest } from './requests.ts';
import { requestScope } from './scopes.ts';
import { emitForOffer, emitForPlacement } from './integration/events.ts';

const DAY_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'];
const DAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export interface OfferInput {
  requestId: string;
  locationId: string;
  start: CalendarDate;
  /** The days offered; the days the family asked for when left out. */
  careDays?: Array<{ weekday: number; part: 'full' | 'morning' | 'afternoon' }>;
  roundProposalId?: string;
}

/**
 * Placements, and for a new offer also the seats held by open offers, at a location for [from, to].
 * Accepting counts placements only: if seats were cut after offers went out, the first families to accept get them.
 */
async function occupied(tx: Tx, locationId: string, from: CalendarDate, to: CalendarDate, withOpenOffers: boolean) {
  const c = await loadCapacity(tx, locationId, from, to);
  if (!withOpenOffers) return c;
  const held: Occupation[] = (
    await tx.selectFrom('offer').select(['start_date', 'end_date', 'care_days']).where('location_id', '=', locationId).where('status', '=', 'open').where('start_date', '<=', to).where('end_date', '>=', from).execute()
  ).map((o) => ({ start: o.start_date, end: o.end_date, halves: halvesOf(o.care_days) }));
  return { changes: c.changes, occupations: [...c.occupations, ...held] };
}

function noSeat(halves: Array<[boolean, boolean]>, free: ReturnType<typeof freeSeats>): UserError {
  const d = halves.findIndex(([am, pm], i) => (am && (free.halves[i] as [number, number])[0] < 1) || (pm && (free.halves[i] as [number, number])[1] < 1));
  return new UserError('conflict', 'offer.no_capacity', 'careDays', {
    nl: `Er is geen vrije plaats meer op ${DAY_NL[d] ?? 'een gevraagde dag'} voor de hele periode.`,
    en: `There is no free seat left on ${DAY_EN[d] ?? 'a requested day'} for the whole period.`,
  });
}

function offerView(o: { id: string; request_id: string; location_id: string; start_date: string; end_date: string; care_days: unknown; deadline: Date; status: string; placement_id: string | null }) {
  return { id: o.id, requestId: o.request_id, locationId: o.location_id, start: o.start_date, end: o.end_date, careDays: o.care_days, deadline: o.deadline.toISOString(), status: o.status, placementId: o.placement_id };
}

/**
 * A provider offers a place. The seats are checked and held in the same transaction (the location row is locked),
 * and an offer that passes over candidates ranked higher by the rules needs a recorded deviation.
 */
/** The offer itself, inside the caller's transaction (a direct offer, or a confirmed round proposal). */
export async function offerInTransaction(tx: Tx, ctx: AppContext, actor: Actor, input: OfferInput) {
  const l = await ownLocation(tx, actor, input.locationId);
  const day = today(ctx);
  if (!isCalendarDate(input.start) || input.start < day) throw invalidFields([{ field: 'start', code: 'start.past', nl: 'De startdatum ligt vandaag of later.', en: 'The start date is today or later.' }]);
  await sql`select id from location where id = ${l.id} for update`.execute(tx);
  const listed = await requestAtLocation(tx, input.requestId, l.id);
  const r = await tx
    .selectFrom('request')
    .innerJoin('child', 'child.id', 'request.child_id')
    .innerJoin('desk', 'desk.id', 'request.desk_id')
    .select(['request.id', 'request.number', 'request.status', 'request.care_days', 'request.applicant_id', 'request.registered_on', 'child.birth_date', 'child.due_date', 'desk.offer_deadline_days'])
    .where('request.id', '=', listed.id)
    .executeTakeFirstOrThrow();
  if (!['registered', 'active', 'offered'].includes(r.status)) {
    throw new UserError('conflict', 'offer.request_closed', 'requestId', { nl: 'Deze aanvraag wacht niet (meer) op een plaats.', en: 'This request is not (or no longer) waiting for a place.' });
  }
  const exists = await tx.selectFrom('offer').select('id').where('request_id', '=', r.id).where('location_id', '=', l.id).where('status', '=', 'open').executeTakeFirst();
  if (exists) throw new UserError('conflict', 'offer.exists', 'requestId', { nl: 'Deze aanvraag heeft hier al een open aanbod.', en: 'This request already has an open offer here.' });
  const days = input.careDays ?? (r.care_days as OfferInput['careDays'] & object);
  const halves = halvesOf(days);
  const end = defaultPlacementEnd((r.birth_date ?? r.due_date) as string, ctx.kindergartenEntryDates);
  if (end < input.start) throw new UserError('unprocessable', 'offer.child_too_old', 'start', { nl: 'Op die startdatum kan het kind al naar de kleuterschool.', en: 'On that start date the child can already go to kindergarten.' });

  const occ = await occupied(tx, l.id, input.start, end, true);
  const free = freeSeats(input.start, end, occ.changes, occ.occupations);
  if (!fits(free, halves)) throw noSeat(halves, free);

  // The rule order: passing over a candidate ranked higher who has not had an offer here needs a deviation.
  let deviationId: string | null = null;
  const { set } = selectRuleSet(ruleSets(ctx), r.registered_on, day, { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis });
  // A confirmed round proposal already follows the rules: the round's verifier checked it against all candidates.
  if (set && !input.roundProposalId) {
    const loc = await tx.selectFrom('location').select(['id', 'municipality_nis', 'min_age_months', 'max_age_months']).where('id', '=', l.id).executeTakeFirstOrThrow();
    // Every candidate counts, also families the actor's tenant cannot read (one that accepts any location in the
    // area, say); only their number leaves this step.
    const { ranked } = await acrossTenants(tx, async () => {
      const rows = await fittingCandidates(tx, ctx, loc, { start: input.start }, new Set(days.map((d) => d.weekday)));
      return rankAtLocation(tx, ctx, actor, { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis }, await loadRuleSettings(tx, l.id), rows, input.start);
    });
    const at = ranked.findIndex((x) => x.candidate.requestId === r.id);
    const before = (at < 0 ? ranked : ranked.slice(0, at)).map((x) => x.candidate.requestId);
    // Candidates already offered a place here (open, answered or lapsed) had their turn.
    const offered = before.length ? await tx.selectFrom('offer').select('request_id').where('location_id', '=', l.id).where('status', '<>', 'withdrawn').where('request_id', 'in', before).execute() : [];
    const passedOver = before.filter((id) => !offered.some((o) => o.request_id === id));
    if (passedOver.length) {
      const dev = await tx.selectFrom('deviation').select('id').where('location_id', '=', l.id).where('request_id', '=', r.id).executeTakeFirst();
      if (!dev) {
        throw new UserError('unprocessable', 'offer.outside_rule_order', 'requestId', {
          nl: `${passedOver.length} kandidaat/kandidaten staan volgens de voorrangsregels vóór deze aanvraag. Registreer eerst een afwijking met advies, of bied de plaats aan in de volgorde van de lijst.`,
          en: `${passedOver.length} candidate(s) come before this request under the priority rules. Record a deviation with advice first, or offer the place in the order of the list.`,
        });
      }
      deviationId = dev.id;
    }
  }
  if (input.roundProposalId) {
    const p = await tx.selectFrom('round_proposal').select(['status', 'request_id', 'location_id']).where('id', '=', input.roundProposalId).executeTakeFirst();
    if (!p || p.request_id !== r.id || p.location_id !== l.id || p.status !== 'confirmed') {
      throw new UserError('unprocessable', 'offer.proposal_mismatch', 'roundProposalId', { nl: 'Dit voorstel is niet bevestigd voor deze aanvraag en locatie.', en: 'This proposal is not confirmed for this request and location.' });
    }
  }

  const offer = await tx
    .insertInto('offer')
    .values({ request_id: r.id, location_id: l.id, start_date: input.start, end_date: end, care_days: JSON.stringify(days), deadline: offerDeadline(ctx.now(), r.offer_deadline_days), round_proposal_id: input.roundProposalId ?? null, deviation_id: deviationId, created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (r.status !== 'offered') await moveRequest(tx, ctx, systemActor(actor.channel), r.id, 'offered', `Aanbod van ${l.name}`, true);
  await recordResponse(tx, ctx, actor, r.id, l.id, 'offered', null);
  await emitForOffer(tx, ctx, 'offer.made', offer.id);
  await enqueue(tx, ctx, 'offer.made', { guardianId: r.applicant_id }, { offerId: offer.id, requestNumber: r.number, location: l.name, start: input.start, deadline: offer.deadline.toISOString() });
  await audit(tx, actor, 'offer.make', [r.id]);
  return offerView(offer);
}

export async function makeOffer(ctx: AppContext, actor: Actor, input: OfferInput) {
  return runUseCase(ctx, actor, 'offer.make', (tx) => offerInTransaction(tx, ctx, actor, input));
}

async function withdrawOthers(tx: Tx, ctx: AppContext, requestId: string, keepLocations: string[], exceptOffer: string) {
  let q = tx.updateTable('offer').set({ status: 'withdrawn' }).where('request_id', '=', requestId).where('status', '=', 'open').where('id', '<>', exceptOffer);
  if (keepLocations.length) q = q.where('location_id', 'not in', keepLocations);
  const gone = await q.returning(['id', 'location_id']).execute();
  for (const o of gone) {
    await enqueue(tx, ctx, 'offer.withdrawn', { locationId: o.location_id }, { offerId: o.id, reason: 'accepted_elsewhere' });
    await emitForOffer(tx, ctx, 'offer.withdrawn', o.id, { reason: 'accepted_elsewhere' });
  }
  return gone.length;
}

/**
 * Records the family's answer. Accepting creates the placement (seats rechecked under the location lock, no
 * overlapping placement for the child) and withdraws other open offers; "accept and keep waiting" keeps only the
 * wishes ranked higher than this one.
 */
/**
 * An offer outside the rule order: the deviation with its advice and the offer it allows, both or neither.
 * The person needs both permissions (record a deviation, make an offer).
 */
export async function makeOfferWithDeviation(ctx: AppContext, actor: Actor, input: OfferInput, deviation: Omit<DeviationInput, 'requestId'>) {
  authorise(actor, 'deviation.record');
  return runUseCase(ctx, actor, 'offer.make', async (tx) => {
    const d = await recordDeviationInTransaction(tx, ctx, actor, input.locationId, { ...deviation, requestId: input.requestId });
    const offer = await offerInTransaction(tx, ctx, actor, input);
    return { offer, deviation: d };
  });
}

export async function answerOffer(ctx: AppContext, actor: Actor, offerId: string, answer: OfferAnswer) {
  return runUseCase(ctx, actor, 'offer.answer', async (tx) => {
    const o = await tx
      .selectFrom('offer')
      .innerJoin('request', 'request.id', 'offer.request_id')
      .innerJoin('location', 'location.id', 'offer.location_id')
      .select(['offer.id', 'offer.request_id', 'offer.location_id', 'offer.start_date', 'offer.end_date', 'offer.care_days', 'offer.deadline', 'offer.status', 'request.child_id', 'request.applicant_id', 'request.number', 'request.status as request_status', 'location.name as location_name'])
      .where('offer.id', '=', offerId)
      .where(requestScope(actor))
      .forUpdate(['offer'])
      .executeTakeFirst();
    if (!o) throw notFound({ nl: 'Dit aanbod', en: 'This offer' });
    checkAnswer(o.status as OfferStatus, o.deadline, ctx.now());
    const base = { answered_at: ctx.now(), answered_by: actor.userId, answer_channel: actor.channel };
    const system = systemActor(actor.channel);

    if (answer === 'decline') {
      await tx.updateTable('offer').set({ status: 'declined', ...base }).where('id', '=', offerId).execute();
      const open = await tx.selectFrom('offer').select('id').where('request_id', '=', o.request_id).where('status', '=', 'open').executeTakeFirst();
      if (!open && o.request_status === 'offered') await moveRequest(tx, ctx, system, o.request_id, 'active', 'Aanbod geweigerd', true);
      await enqueue(tx, ctx, 'offer.declined', { locationId: o.location_id }, { offerId });
      await emitForOffer(tx, ctx, 'offer.declined', offerId);
      await audit(tx, actor, 'offer.decline', [o.child_id]);
      return { offerId, status: 'declined' as const, placementId: null };
    }

    // Locks in one order everywhere: offer, location (seats), child (no two placements at once), request.
    await sql`select id from location where id = ${o.location_id} for update`.execute(tx);
    await sql`select id from child where id = ${o.child_id} for update`.execute(tx);
    const occ = await occupied(tx, o.location_id, o.start_date, o.end_date, false);
    const halves = halvesOf(o.care_days);
    const free = freeSeats(o.start_date, o.end_date, occ.changes, occ.occupations);
    if (!fits(free, halves)) throw noSeat(halves, free);
    const overlap = await tx.selectFrom('placement').select('id').where('child_id', '=', o.child_id).where('start_date', '<=', o.end_date).where('end_date', '>=', o.start_date).executeTakeFirst();
    if (overlap) {
      throw new UserError('conflict', 'placement.overlap', null, { nl: 'Dit kind heeft in die periode al een plaats.', en: 'This child already has a place in that period.' });
    }
    const placement = await tx
      .insertInto('placement')
      .values({ child_id: o.child_id, location_id: o.location_id, request_id: o.request_id, start_date: o.start_date, end_date: o.end_date, care_days: JSON.stringify(o.care_days) })
      .returning('id')
      .executeTakeFirstOrThrow();

    const rank = await tx.selectFrom('request_location').select('rank').where('request_id', '=', o.request_id).where('location_id', '=', o.location_id).executeTakeFirst();
    const higher = rank ? await tx.selectFrom('request_location').select('location_id').where('request_id', '=', o.request_id).where('rank', '<', rank.rank).execute() : [];
    const keepWaiting = answer === 'accept_keep_waiting' && higher.length > 0;
    await tx.updateTable('offer').set({ status: keepWaiting ? 'accepted_keep_waiting' : 'accepted', placement_id: placement.id, ...base }).where('id', '=', offerId).execute();
    if (keepWaiting) {
      const keep = higher.map((h) => h.location_id);
      await tx.deleteFrom('request_location').where('request_id', '=', o.request_id).where('location_id', 'not in', keep).execute();
      await withdrawOthers(tx, ctx, o.request_id, keep, offerId);
      const open = await tx.selectFrom('offer').select('id').where('request_id', '=', o.request_id).where('status', '=', 'open').executeTakeFirst();
      if (!open) await moveRequest(tx, ctx, system, o.request_id, 'active', 'Plaats aanvaard; wacht nog op een hogere keuze', true);
    } else {
      await withdrawOthers(tx, ctx, o.request_id, [], offerId);
      await moveRequest(tx, ctx, system, o.request_id, 'placed', 'Aanbod aanvaard', true);
    }
    await enqueue(tx, ctx, 'placement.confirmed', { guardianId: o.applicant_id, locationId: o.location_id }, { offerId, placementId: placement.id, requestNumber: o.number, location: o.location_name, start: o.start_date, keepWaiting });
    await emitForOffer(tx, ctx, 'offer.accepted', offerId, { keepWaiting });
    await emitForPlacement(tx, ctx, 'placement.confirmed', placement.id, { offerId });
    await audit(tx, actor, keepWaiting ? 'offer.accept_keep_waiting' : 'offer.accept', [o.child_id]);
    return { offerId, status: keepWaiting ? ('accepted_keep_waiting' as const) : ('accepted' as const), placementId: placement.id };
  });
}

/** Days before the deadline that a family without an answer gets a reminder. */
export const REMINDER_DAYS = 3;

/** Reminds families 3 days before an open offer's deadline, once per offer, safe with several instances. */
export async function remindOffers(ctx: AppContext, batch = 200): Promise<number> {
  const system = systemActor('job');
  return runUseCase(ctx, system, 'offer.expire', async (tx) => {
    const soon = new Date(ctx.now().getTime() + REMINDER_DAYS * 86_400_000);
    const due = await sql<{ id: string; applicant_id: string; number: string; location: string; start_date: string; deadline: Date }>`
      select o.id, r.applicant_id, r.number, l.name as location, o.start_date, o.deadline
      from offer o join request r on r.id = o.request_id join location l on l.id = o.location_id
      where o.status = 'open' and o.reminded_at is null and o.deadline <= ${soon} and o.deadline > ${ctx.now()}
      order by o.deadline limit ${batch} for update of o skip locked`.execute(tx);
    for (const o of due.rows) {
      await tx.updateTable('offer').set({ reminded_at: ctx.now() }).where('id', '=', o.id).execute();
      await enqueue(tx, ctx, 'offer.reminder', { guardianId: o.applicant_id }, { offerId: o.id, requestNumber: o.number, location: o.location, start: o.start_date, deadline: o.deadline.toISOString() });
    }
    return due.rows.length;
  });
}

/** Lets offers past their deadline lapse. Safe with several app instances: each offer is taken by one (SKIP LOCKED). */
export async function expireOffers(ctx: AppContext, batch = 200): Promise<number> {
  const system = systemActor('job');
  return runUseCase(ctx, system, 'offer.expire', async (tx) => {
    const due = await sql<{ id: string; request_id: string; location_id: string; applicant_id: string; number: string; location: string }>`
      select o.id, o.request_id, o.location_id, r.applicant_id, r.number, l.name as location
      from offer o join request r on r.id = o.request_id join location l on l.id = o.location_id
      where o.status = 'open' and o.deadline < ${ctx.now()}
      order by o.deadline limit ${batch} for update of o skip locked`.execute(tx);
    for (const o of due.rows) {
      await tx.updateTable('offer').set({ status: 'expired' }).where('id', '=', o.id).execute();
      await enqueue(tx, ctx, 'offer.expired.family', { guardianId: o.applicant_id }, { offerId: o.id, requestNumber: o.number, location: o.location });
      await enqueue(tx, ctx, 'offer.expired', { locationId: o.location_id, requestId: o.request_id }, { offerId: o.id });
      await emitForOffer(tx, ctx, 'offer.expired', o.id);
    }
    for (const requestId of new Set(due.rows.map((o) => o.request_id))) {
      const r = await tx.selectFrom('request').select('status').where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
      const open = await tx.selectFrom('offer').select('id').where('request_id', '=', requestId).where('status', '=', 'open').executeTakeFirst();
      if (!open && r.status === 'offered') await moveRequest(tx, ctx, system, requestId, 'active', 'Aanbod vervallen: geen antwoord binnen de termijn', true);
    }
    if (due.rows.length) await audit(tx, system, 'offer.expire', due.rows.map((o) => o.request_id));
    return due.rows.length;
  });
}

export async function listOffers(ctx: AppContext, actor: Actor, requestId: string) {
  return runUseCase(ctx, actor, 'offer.read', async (tx) => {
    const visible = await tx.selectFrom('request').select(['id', 'child_id']).where('id', '=', requestId).where(requestScope(actor)).executeTakeFirst();
    if (!visible) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
    await audit(tx, actor, 'offer.read', [visible.id, visible.child_id]);
    let q = tx.selectFrom('offer').innerJoin('location', 'location.id', 'offer.location_id').selectAll('offer').where('offer.request_id', '=', requestId);
    if (actor.role === 'provider_staff') q = q.where('location.organiser_id', '=', actor.organiserId ?? '00000000-0000-0000-0000-000000000000');
    return (await q.orderBy('offer.created_at').execute()).map(offerView);
  });
}
