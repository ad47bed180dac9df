// Use cases for childcare requests: register once per child, read, list and move through the lifecycle.
import { sql } from 'kysely';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { emailKey, nameKey, phoneKey } from '../domain/identity/names.ts';
import { checkTransition, OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus } from '../domain/requests/lifecycle.ts';
import { checkRegistration, type GuardianInput, type RegistrationInput } from '../domain/requests/registration.ts';
import { addDays } from '../domain/dates.ts';
import type { Insz } from '../domain/identity/insz.ts';
import { audit, lockKey, runUseCase, today, type AppContext, type Tx } from './context.ts';
import { queuePossibleDuplicates } from './duplicates.ts';
import { enqueue } from './outbox.ts';
import type { Actor } from './permissions.ts';
import { loadRequestViews, type RequestView } from './request-views.ts';
import { requestScope } from './scopes.ts';
import { emitForRequest } from './integration/events.ts';
import { mayJoinFamily, type Proof } from './identity-proof.ts';

export interface RegistrationResult {
  created: boolean;
  request: RequestView | null;
  /** When the child already has an open request the actor may not read: just its number and desk. */
  existing: { number: string; deskName: string } | null;
  message: { nl: string; en: string } | null;
  /** Only for callers that asked for no view (imports): the rows this registration made or found. */
  ids?: { requestId: string; childId: string; familyId: string };
}

/** How a registration inside a larger use case behaves; the defaults are those of a single registration. */
export interface RegisterOptions {
  /** false: return ids instead of the request view (saves its queries on each of thousands of imported rows). */
  view?: boolean;
  /** false: queue no confirmation mail for the family (an imported waiting list is not a new registration for them). */
  notifyFamily?: boolean;
  /**
   * false: take no per-person advisory locks. An import holds one lock for its desk instead: thousands of locks in one
   * transaction would fill PostgreSQL's shared lock table (max_locks_per_transaction).
   */
  lockIdentities?: boolean;
  /** What the caller proved (a parent's confirmed e-mail, a government login): see identity-proof.ts. */
  proof?: Proof;
}

/** Purpose recorded with the consent every registration needs. */
export const REGISTRATION_CONSENT = {
  subject: 'registration_processing',
  purpose: 'Uw aanvraag voor kinderopvang verwerken en doorgeven aan de opvanglocaties die u kiest.',
};

/** A known guardian with the same national number, e-mail address, or phone number and family name, and how it matched. */
async function findGuardian(tx: Tx, g: GuardianInput, insz: Insz | null, familyId?: string) {
  const base = () => {
    const q = tx.selectFrom('guardian').select(['id', 'family_id', 'insz', 'email_key']);
    return familyId ? q.where('family_id', '=', familyId) : q;
  };
  if (insz) {
    const byInsz = await base().where('insz', '=', insz.value).executeTakeFirst();
    if (byInsz) return { ...byInsz, by: 'insz' as const };
  }
  if (g.email?.trim()) {
    const byEmail = await base().where('email_key', '=', emailKey(g.email)).orderBy('created_at').executeTakeFirst();
    if (byEmail) return { ...byEmail, by: 'email' as const };
  }
  if (g.phone?.trim()) {
    // A phone number alone identifies a parent only together with the family name.
    const byPhone = await base()
      .where('phone_key', '=', phoneKey(g.phone))
      .where('family_name_key', '=', nameKey(g.familyName))
      .orderBy('created_at')
      .executeTakeFirst();
    if (byPhone) return { ...byPhone, by: 'phone' as const };
  }
  return undefined;
}

async function insertGuardian(tx: Tx, familyId: string, g: GuardianInput, insz: Insz | null) {
  // A national number already known for another family stays there: it is never stored twice.
  const inszTaken = insz ? await tx.selectFrom('guardian').select('id').where('insz', '=', insz.value).executeTakeFirst() : undefined;
  return tx
    .insertInto('guardian')
    .values({
      family_id: familyId,
      given_name: g.givenName.trim(),
      family_name: g.familyName.trim(),
      family_name_key: nameKey(g.familyName),
      email: g.email?.trim() || null,
      email_key: g.email?.trim() ? emailKey(g.email) : null,
      phone: g.phone?.trim() || null,
      phone_key: g.phone?.trim() ? phoneKey(g.phone) : null,
      insz: insz && !inszTaken ? insz.value : null,
      preferred_language: g.preferredLanguage ?? 'nl',
    })
    .returning(['id', 'family_id'])
    .executeTakeFirstOrThrow();
}

function identityLockKeys(input: RegistrationInput, childInsz: Insz | null, applicantInsz: Insz | null): string[] {
  const a = input.applicant;
  const guardian = applicantInsz
    ? `guardian:${applicantInsz.value}`
    : a.email?.trim()
      ? `guardian:${emailKey(a.email)}`
      : a.phone?.trim()
        ? `guardian:${phoneKey(a.phone)}:${nameKey(a.familyName)}`
        : `guardian:${nameKey(a.givenName)}:${nameKey(a.familyName)}`;
  return [...(childInsz ? [`child:${childInsz.value}`] : []), guardian].sort();
}

/**
 * Registers a childcare request, or returns the child's open request when there is one.
 * The same child is recognised by its national number, or, before birth, by the same parent and a due date within 30 days.
 */
export async function registerRequest(ctx: AppContext, actor: Actor, input: RegistrationInput): Promise<RegistrationResult> {
  return runUseCase(ctx, actor, 'request.register', (tx) => registerInTransaction(tx, ctx, actor, input));
}

/** The body of registerRequest, for use cases that register together with other changes in one transaction. */
export async function registerInTransaction(tx: Tx, ctx: AppContext, actor: Actor, input: RegistrationInput, options: RegisterOptions = {}): Promise<RegistrationResult> {
  const day = today(ctx);
  const desk = await tx
    .selectFrom('desk_municipality')
    .innerJoin('desk', 'desk.id', 'desk_municipality.desk_id')
    .where('desk_municipality.nis_code', '=', input.residence.municipalityNis)
    .select(['desk.id', 'desk.name', 'desk.max_locations'])
    .executeTakeFirst();
  if (!desk) {
    throw new UserError('unprocessable', 'residence.no_desk', 'residence.municipalityNis', {
      nl: 'Voor deze gemeente werkt nog geen loket met Nabij. Neem contact op met uw gemeente.',
      en: 'No desk uses Nabij for this municipality yet. Please contact your municipality.',
    });
  }
  if (input.registeredOn !== undefined && !['desk_worker', 'desk_coordinator', 'admin', 'system'].includes(actor.role) && actor.channel !== 'import') {
    throw new UserError('forbidden', 'registered_on.not_allowed', 'registeredOn', {
      nl: 'Alleen het loket kan een vroegere inschrijvingsdatum vastleggen.',
      en: 'Only the desk can record an earlier registration date.',
    });
  }
  const { problems, checked } = checkRegistration(input, { today: day, maxLocations: desk.max_locations });
  if (problems.length) throw invalidFields(problems);
  const known = await tx.selectFrom('location').select('id').where('id', 'in', input.locationIds).execute();
  const unknown = input.locationIds.filter((id) => !known.some((k) => k.id === id));
  if (unknown.length) {
    throw new UserError('unprocessable', 'locations.unknown', `locationIds.${input.locationIds.indexOf(unknown[0] as string)}`, {
      nl: 'Een gekozen opvanglocatie bestaat niet (meer).',
      en: 'A chosen childcare location does not exist (any more).',
    });
  }

  // Lock the child and the parent (in a fixed order), so parallel registrations of twins or by both parents queue up.
  if (options.lockIdentities !== false) for (const key of identityLockKeys(input, checked.childInsz, checked.applicantInsz)) await lockKey(tx, key);

  // 1. The child, when the installation already knows it by national number. Joining its family needs proof:
  //    without it the child is registered anew, the number is kept apart, and the desks get the pair.
  const c = input.child;
  let child = checked.childInsz
    ? await tx.selectFrom('child').select(['id', 'family_id']).where('insz', '=', checked.childInsz.value).where('merged_into', 'is', null).executeTakeFirst()
    : undefined;
  const unproven: { childId: string | null; familyIds: string[] } = { childId: null, familyIds: [] };
  if (child && !(await mayJoinFamily(tx, actor, child.family_id, {}, options.proof))) {
    unproven.childId = child.id;
    unproven.familyIds.push(child.family_id);
    child = undefined;
  }

  // 2. The applicant: a known parent (with proof), or a new family.
  const knownGuardian = await findGuardian(tx, input.applicant, checked.applicantInsz);
  let applicant: { id: string; family_id: string } | undefined = knownGuardian;
  if (knownGuardian && !(await mayJoinFamily(tx, actor, knownGuardian.family_id, { guardian: { by: knownGuardian.by, insz: knownGuardian.insz, emailKey: knownGuardian.email_key } }, options.proof))) {
    unproven.familyIds.push(knownGuardian.family_id);
    applicant = undefined;
  }
  let familyId = child?.family_id ?? applicant?.family_id;
  const newFamily = !familyId;
  if (!familyId) {
    const family = await tx
      .insertInto('family')
      .values({
        municipality_nis: input.residence.municipalityNis,
        street: input.residence.street?.trim() || null,
        postal_code: input.residence.postalCode ?? null,
        preferred_language: input.applicant.preferredLanguage ?? 'nl',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    familyId = family.id;
  }
  if (!applicant) {
    applicant = await insertGuardian(tx, familyId, input.applicant, checked.applicantInsz);
    // The other parent joins this family unless it is already one of its guardians; a match elsewhere links nothing.
    if (input.otherGuardian && !(await findGuardian(tx, input.otherGuardian, checked.otherGuardianInsz, familyId))) {
      await insertGuardian(tx, familyId, input.otherGuardian, checked.otherGuardianInsz);
    }
  }

  // 3. Without a national number: the same child of this family (same due date window or birth date, same birth order).
  const birthOrder = c.birthOrder ?? 1;
  if (!child && !checked.childInsz && !newFamily) {
    let q = tx
      .selectFrom('child')
      .select(['id', 'family_id'])
      .where('merged_into', 'is', null)
      .where('birth_order', '=', birthOrder)
      .where('family_id', 'in', [familyId, applicant.family_id]);
    if (checked.childBirthDate) {
      q = q.where('birth_date', '=', checked.childBirthDate);
      if (c.givenName?.trim()) q = q.where((eb) => eb.or([eb('given_name_key', 'is', null), eb('given_name_key', '=', nameKey(c.givenName as string))]));
    } else if (c.dueDate) {
      q = q.where('birth_date', 'is', null).where('due_date', '>=', addDays(c.dueDate, -30)).where('due_date', '<=', addDays(c.dueDate, 30));
    }
    child = await q.orderBy('created_at').executeTakeFirst();
  }

  let childCreated = false;
  if (!child) {
    const inserted = await tx
      .insertInto('child')
      .values({
        family_id: familyId,
        insz: unproven.childId ? null : (checked.childInsz?.value ?? null),
        given_name: c.givenName?.trim() || null,
        given_name_key: c.givenName?.trim() ? nameKey(c.givenName) : null,
        family_name: c.familyName.trim(),
        family_name_key: nameKey(c.familyName),
        birth_date: checked.childBirthDate,
        due_date: c.dueDate ?? null,
        birth_order: birthOrder,
        ...(unproven.childId && checked.childInsz ? { claimed_insz: checked.childInsz.value } : {}),
      })
      .returning(['id', 'family_id'])
      .executeTakeFirstOrThrow();
    child = inserted;
    childCreated = true;
  }

  // 4. One open request per child: the database index is the final guard, this read gives the friendly answer.
  const open = childCreated ? undefined : await tx
    .selectFrom('request')
    .innerJoin('desk', 'desk.id', 'request.desk_id')
    .select(['request.id', 'request.number', 'desk.name as desk_name'])
    .where('request.child_id', '=', child.id)
    .where('request.status', 'in', OPEN_STATUSES as RequestStatus[])
    .executeTakeFirst();
  if (open) {
    const visible = await tx.selectFrom('request').select('id').where('id', '=', open.id).where(requestScope(actor)).executeTakeFirst();
    await audit(tx, actor, 'request.register.existing', [child.id, applicant.id]);
    return {
      created: false,
      ...(options.view === false ? { ids: { requestId: open.id, childId: child.id, familyId: child.family_id } } : {}),
      request: options.view === false ? null : visible ? ((await loadRequestViews(tx, actor, [open.id]))[0] ?? null) : null,
      existing: visible ? null : { number: open.number, deskName: open.desk_name },
      message: {
        nl: `Dit kind heeft al een lopende aanvraag (${open.number}) bij ${open.desk_name}. We hebben geen tweede aanvraag gemaakt.`,
        en: `This child already has an open request (${open.number}) at ${open.desk_name}. We did not create a second one.`,
      },
    };
  }

  // A known family keeps its address: another desk cannot attach a request to it by knowing an e-mail address.
  if (!newFamily) {
    const family = await tx.selectFrom('family').select('municipality_nis').where('id', '=', child.family_id).executeTakeFirstOrThrow();
    if (family.municipality_nis !== input.residence.municipalityNis) {
      throw new UserError('conflict', 'family.residence_differs', 'residence.municipalityNis', {
        nl: 'Dit gezin is bij ons gekend met een adres in een andere gemeente. Het loket van die gemeente past het adres aan, daarna kan de aanvraag hier.',
        en: 'This family is known with an address in another municipality. That municipality’s desk updates the address first; then the request can be made here.',
      });
    }
  }
  const request = await tx
    .insertInto('request')
    .values({
      number: sql<string>`${`NB-${checked.registeredOn.slice(0, 4)}-`} || lpad(nextval('request_number_seq')::text, 6, '0')`,
      child_id: child.id,
      applicant_id: applicant.id,
      desk_id: desk.id,
      desired_start_date: input.desiredStartDate,
      flexibility_weeks: input.flexibilityWeeks ?? 0,
      care_days: JSON.stringify(input.careDays.map((d) => ({ ...d })).sort((a, b) => a.weekday - b.weekday)),
      urgent: input.urgent ?? false,
      accepts_any_location: input.acceptAnyLocation ?? false,
      status: 'registered',
      registered_on: checked.registeredOn,
      channel: actor.channel,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('request_location')
    .values(input.locationIds.map((locationId, i) => ({ request_id: request.id, rank: i + 1, location_id: locationId })))
    .execute();
  await emitForRequest(tx, ctx, 'request.registered', request.id);
  await tx
    .insertInto('request_event')
    .values({ request_id: request.id, from_status: null, to_status: 'registered', reason: null, actor_id: actor.userId, actor_role: actor.role, channel: actor.channel })
    .execute();
  await tx
    .insertInto('consent')
    .values({
      family_id: child.family_id,
      child_id: child.id,
      subject: REGISTRATION_CONSENT.subject,
      purpose: REGISTRATION_CONSENT.purpose,
      given_by: applicant.id,
      recorded_by: actor.userId,
      channel: actor.channel,
    })
    .execute();
  if (childCreated) await queuePossibleDuplicates(tx, child.id, unproven);
  if (options.notifyFamily !== false) {
    const numbered = await tx.selectFrom('request').select('number').where('id', '=', request.id).executeTakeFirstOrThrow();
    await enqueue(tx, ctx, 'request.registered', { guardianId: applicant.id }, { requestId: request.id, requestNumber: numbered.number });
  }
  await audit(tx, actor, 'request.register', [child.id, applicant.id, request.id]);
  if (options.view === false) return { created: true, request: null, existing: null, message: null, ids: { requestId: request.id, childId: child.id, familyId: child.family_id } };
  const [view] = await loadRequestViews(tx, actor, [request.id]);
  return { created: true, request: view ?? null, existing: null, message: null };
}

export async function getRequest(ctx: AppContext, actor: Actor, id: string): Promise<RequestView> {
  return runUseCase(ctx, actor, 'request.read', async (tx) => {
    const row = await tx.selectFrom('request').select(['id', 'child_id', 'applicant_id']).where('id', '=', id).where(requestScope(actor)).executeTakeFirst();
    if (!row) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
    await audit(tx, actor, 'request.read', [row.child_id, row.applicant_id]);
    const [view] = await loadRequestViews(tx, actor, [id]);
    return view as RequestView;
  });
}

export interface RequestFilter {
  status?: string;
  locationId?: string;
  limit?: number;
  offset?: number;
}

export async function listRequests(ctx: AppContext, actor: Actor, filter: RequestFilter = {}) {
  return runUseCase(ctx, actor, 'request.read', async (tx) => {
    let q = tx.selectFrom('request').where(requestScope(actor));
    if (filter.status) q = q.where('request.status', '=', filter.status);
    if (filter.locationId) {
      const loc = filter.locationId;
      q = q.where((eb) => eb.exists(eb.selectFrom('request_location').whereRef('request_location.request_id', '=', 'request.id').where('request_location.location_id', '=', loc).select(sql`1`.as('one'))));
    }
    const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select(['request.id', 'request.child_id'])
      .orderBy('request.registered_on')
      .orderBy('request.number')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute();
    await audit(tx, actor, 'request.list', rows.map((r) => r.child_id));
    return { total: total.n, items: await loadRequestViews(tx, actor, rows.map((r) => r.id)) };
  });
}

export interface TransitionInput {
  to: string;
  reason?: string;
}

/**
 * Moves a request one step and records who, when and why. `viaWorkflow` is for the offer workflow,
 * the only path to 'offered' and 'placed'; people take the manual steps through transitionRequest.
 */
export async function moveRequest(tx: Tx, ctx: AppContext, actor: Actor, id: string, to: string, reason: string | null, viaWorkflow: boolean) {
  const row = await tx.selectFrom('request').select(['id', 'status', 'child_id', 'applicant_id']).where('id', '=', id).where(requestScope(actor)).forUpdate().executeTakeFirst();
  if (!row) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
  if (!(REQUEST_STATUSES as readonly string[]).includes(to)) {
    throw new UserError('invalid', 'request.status_unknown', 'to', { nl: 'Deze status bestaat niet.', en: 'This status does not exist.' });
  }
  if (row.status === 'merged') {
    throw new UserError('conflict', 'request.merged', 'to', {
      nl: 'Deze aanvraag is samengevoegd met een andere. Wijzig die andere aanvraag.',
      en: 'This request was merged into another one. Change that other request.',
    });
  }
  checkTransition(row.status as RequestStatus, to as RequestStatus, reason, viaWorkflow);
  await tx.updateTable('request').set({ status: to, updated_at: ctx.now() }).where('id', '=', id).execute();
  await tx
    .insertInto('request_event')
    .values({ request_id: id, from_status: row.status, to_status: to, reason: reason?.trim() || null, actor_id: actor.userId, actor_role: actor.role, channel: actor.channel })
    .execute();
  if (to === 'withdrawn') await emitForRequest(tx, ctx, 'request.withdrawn', id, { previousStatus: row.status });
  if (to === 'lapsed' || to === 'found_elsewhere' || to === 'unknown_outcome') await emitForRequest(tx, ctx, 'request.closed', id, { previousStatus: row.status });
  if (to === 'lapsed') {
    const r = await tx.selectFrom('request').select('number').where('id', '=', id).executeTakeFirstOrThrow();
    await enqueue(tx, ctx, 'request.lapsed', { guardianId: row.applicant_id }, { requestId: id, requestNumber: r.number });
  }
  await audit(tx, actor, 'request.transition', [row.child_id, row.applicant_id]);
}

/** A manual step in the lifecycle (activate, withdraw, lapse, care found elsewhere). */
export async function transitionRequest(ctx: AppContext, actor: Actor, id: string, input: TransitionInput): Promise<RequestView> {
  return runUseCase(ctx, actor, 'request.transition', async (tx) => {
    await moveRequest(tx, ctx, actor, id, input.to, input.reason ?? null, false);
    const [view] = await loadRequestViews(tx, actor, [id]);
    return view as RequestView;
  });
}
