// Use cases for childcare requests: register once per child, read, list and move through the lifecycle.
import { sql, type RawBuilder } from 'kysely';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { emailKey, nameKey, phoneKey } from '../domain/identity/names.ts';
import { checkTransition, OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus } from '../domain/requests/lifecycle.ts';
import { checkRegistration, type GuardianInput, type RegistrationInput } from '../domain/requests/registration.ts';
import { addDays } from '../domain/dates.ts';
import type { Insz } from '../domain/identity/insz.ts';
import { audit, auditInsert, lockedKeys, runUseCase, today, type AppContext, type Tx } from './context.ts';
import { possibleDuplicates, queuePossibleDuplicates, type FamilyChildIdentity } from './duplicates.ts';
import { enqueue, outboxInsert } from './outbox.ts';
import type { Actor } from './permissions.ts';
import { loadRequestViews, type RequestView } from './request-views.ts';
import { requestScope } from './scopes.ts';
import { emitForRequest, emitForRequestRows, type RequestWishRow } from './integration/events.ts';
import { mayJoinFamily, type MatchedBy, type Proof } from './identity-proof.ts';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys a parent is recognised by: national number, e-mail address, or phone number with family name. */
function guardianKeys(g: GuardianInput, insz: Insz | null) {
  return { insz: insz?.value ?? null, email: g.email?.trim() ? emailKey(g.email) : null, phone: g.phone?.trim() ? phoneKey(g.phone) : null, name: nameKey(g.familyName) };
}

/** A sub-select for the known parent: by national number first, then the oldest by e-mail, then by phone and name. */
function guardianMatch(g: GuardianInput, insz: Insz | null) {
  const k = guardianKeys(g, insz);
  return sql`select json_build_object('id', id, 'family_id', family_id, 'insz', insz, 'email_key', email_key,
      'by', case when insz = ${k.insz} then 'insz' when email_key = ${k.email} then 'email' else 'phone' end) from guardian
    where insz = ${k.insz} or email_key = ${k.email} or (phone_key = ${k.phone} and family_name_key = ${k.name})
    order by case when insz = ${k.insz} then 0 when email_key = ${k.email} then 1 else 2 end, created_at limit 1`;
}

/** Whether the other parent is recognised as the applicant just added (so is not added twice). */
function sameGuardian(g: GuardianInput, insz: Insz | null, applicant: GuardianInput, applicantInsz: Insz | null): boolean {
  const a = guardianKeys(applicant, applicantInsz);
  const o = guardianKeys(g, insz);
  return (o.insz !== null && o.insz === a.insz) || (o.email !== null && o.email === a.email) || (o.phone !== null && o.phone === a.phone && o.name === a.name);
}

function guardianValues(familyId: ReturnType<typeof sql>, g: GuardianInput, insz: Insz | null, inszTaken: boolean) {
  const k = guardianKeys(g, insz);
  // A national number already known for another parent stays there: it is never stored twice.
  return sql`${familyId}, ${g.givenName.trim()}, ${g.familyName.trim()}, ${k.name}, ${g.email?.trim() || null}, ${k.email}, ${g.phone?.trim() || null}, ${k.phone}, ${inszTaken ? null : k.insz}, ${g.preferredLanguage ?? 'nl'}`;
}

const GUARDIAN_COLUMNS = sql`(family_id, given_name, family_name, family_name_key, email, email_key, phone, phone_key, insz, preferred_language)`;

/** Part of the new-family statement: a parent of the family `f` inserted there. */
function guardianInsert(g: GuardianInput, insz: Insz | null, inszTaken: boolean) {
  return sql`insert into guardian ${GUARDIAN_COLUMNS} select ${guardianValues(sql`f.id`, g, insz, inszTaken)} from f returning id, family_id`;
}

async function insertGuardian(tx: Tx, familyId: string, g: GuardianInput, insz: Insz | null, inszTaken: boolean) {
  return (await sql<{ id: string; family_id: string }>`insert into guardian ${GUARDIAN_COLUMNS} values (${guardianValues(sql`${familyId}::uuid`, g, insz, inszTaken)}) returning id, family_id`.execute(tx)).rows[0]!;
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
  // Lock the child and the parent (in a fixed order), so parallel registrations of twins or by both parents queue up.
  // The keys come from the national numbers and contact details alone, so the locks go with the first read: the desk
  // of the residence and the chosen locations (with their organisers, for the feed). The input is checked after it.
  const early = checkRegistration(input, { today: day, maxLocations: null }).checked;
  const keys = options.lockIdentities === false ? [] : identityLockKeys(input, early.childInsz, early.applicantInsz);
  const uuids = input.locationIds.filter((id) => UUID.test(id));
  const found = (await sql<{ desk: { id: string; name: string; max_locations: number | null } | null; locations: Array<{ id: string; organiser_id: string }> }>`
    select ${lockedKeys(keys)} as locked,
           (select json_build_object('id', d.id, 'name', d.name, 'max_locations', d.max_locations) from desk_municipality dm join desk d on d.id = dm.desk_id
            where dm.nis_code = ${input.residence.municipalityNis} limit 1) as desk,
           coalesce((select json_agg(json_build_object('id', l.id, 'organiser_id', l.organiser_id)) from location l where l.id = any(${uuids}::uuid[])), '[]') as locations`.execute(tx)).rows[0]!;
  const desk = found.desk;
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
  const organiserOf = new Map(found.locations.map((l) => [l.id, l.organiser_id]));
  const unknown = input.locationIds.filter((id) => !organiserOf.has(id));
  if (unknown.length) {
    throw new UserError('unprocessable', 'locations.unknown', `locationIds.${input.locationIds.indexOf(unknown[0] as string)}`, {
      nl: 'Een gekozen opvanglocatie bestaat niet (meer).',
      en: 'A chosen childcare location does not exist (any more).',
    });
  }

  // 1. The child, when the installation already knows it by national number; 2. the applicant (and the other parent):
  // a known parent, or a new family. One statement, after the locks, so it sees what a registration before us wrote.
  const c = input.child;
  const other = input.otherGuardian ?? null;
  type Match = { id: string; family_id: string; insz: string | null; email_key: string | null; by: MatchedBy };
  const who = (await sql<{ child: { id: string; family_id: string } | null; applicant: Match | null; other: Match | null; other_insz_taken: boolean }>`
    select (select json_build_object('id', id, 'family_id', family_id) from child where insz = ${checked.childInsz?.value ?? null} and merged_into is null limit 1) as child,
           (${guardianMatch(input.applicant, checked.applicantInsz)}) as applicant,
           (${other ? guardianMatch(other, checked.otherGuardianInsz) : sql`select null::json`}) as other,
           exists (select 1 from guardian where insz = ${checked.otherGuardianInsz?.value ?? null}) as other_insz_taken`.execute(tx)).rows[0]!;
  // Joining a known family needs proof (identity-proof.ts). Without it the child is registered anew, a national
  // number is kept apart on it, and the desks get the pair; the answer looks as for a new child.
  const unproven: { childId: string | null; familyIds: string[] } = { childId: null, familyIds: [] };
  let child: { id: string; family_id: string } | undefined = who.child ?? undefined;
  if (child && !(await mayJoinFamily(tx, actor, child.family_id, {}, options.proof))) {
    unproven.childId = child.id;
    unproven.familyIds.push(child.family_id);
    child = undefined;
  }
  const known = who.applicant ?? undefined;
  let applicant: { id: string; family_id: string } | undefined = known;
  if (known && !(await mayJoinFamily(tx, actor, known.family_id, { guardian: { by: known.by, insz: known.insz, emailKey: known.email_key } }, options.proof))) {
    unproven.familyIds.push(known.family_id);
    applicant = undefined;
  }
  const familyId = child?.family_id ?? applicant?.family_id;
  const newFamily = !familyId;
  const childInsz = unproven.childId ? null : (checked.childInsz?.value ?? null);
  const claimedInsz = unproven.childId ? (checked.childInsz?.value ?? null) : null;
  // The other parent is added with a new applicant, unless already one of this family's guardians (or the applicant):
  // a match in another family links nothing.
  const addOther = !applicant && other !== null && !(who.other && who.other.family_id === familyId) && !sameGuardian(other, checked.otherGuardianInsz, input.applicant, checked.applicantInsz);
  const birthOrder = c.birthOrder ?? 1;
  let childCreated = false;
  // A new family's rows are written in the same statement as its request (below): nothing between applies to them.
  let familyRows: RawBuilder<unknown> | null = null;
  if (!familyId) {
    familyRows = sql`
      f as (insert into family (municipality_nis, street, postal_code, preferred_language)
            values (${input.residence.municipalityNis}, ${input.residence.street?.trim() || null}, ${input.residence.postalCode ?? null}, ${input.applicant.preferredLanguage ?? 'nl'}) returning id),
      g as (${guardianInsert(input.applicant, checked.applicantInsz, false)}),
      o as (${addOther ? guardianInsert(other, checked.otherGuardianInsz, who.other_insz_taken) : sql`select null`}),
      k as (insert into child (family_id, insz, claimed_insz, given_name, given_name_key, family_name, family_name_key, birth_date, due_date, birth_order)
            select f.id, ${childInsz}, ${claimedInsz}, ${c.givenName?.trim() || null}, ${c.givenName?.trim() ? nameKey(c.givenName) : null}, ${c.familyName.trim()}, ${nameKey(c.familyName)},
                   ${checked.childBirthDate}::date, ${c.dueDate ?? null}::date, ${birthOrder}::int from f returning id),`;
    childCreated = true;
  } else {
    if (!applicant) {
      applicant = await insertGuardian(tx, familyId, input.applicant, checked.applicantInsz, false);
      if (addOther) await insertGuardian(tx, familyId, other, checked.otherGuardianInsz, who.other_insz_taken);
    }
    // 3. Without a national number: the same child of this family (same due date window or birth date, same birth order).
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

    if (!child) {
      const inserted = await tx
        .insertInto('child')
        .values({
          family_id: familyId,
          insz: childInsz,
          claimed_insz: claimedInsz,
          given_name: c.givenName?.trim() || null,
          given_name_key: c.givenName?.trim() ? nameKey(c.givenName) : null,
          family_name: c.familyName.trim(),
          family_name_key: nameKey(c.familyName),
          birth_date: checked.childBirthDate,
          due_date: c.dueDate ?? null,
          birth_order: birthOrder,
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
  }

  // A new family's child as duplicate detection sees it: known before it is written, so the search for other families'
  // children that may be the same one runs in the writing statement (which cannot see its own rows).
  const parents = newFamily ? [input.applicant, ...(addOther && other ? [other] : [])] : null;
  const me: FamilyChildIdentity | undefined = parents ? {
    id: '',
    familyId: '',
    insz: childInsz,
    givenNameKey: c.givenName?.trim() ? nameKey(c.givenName) : null,
    familyNameKey: nameKey(c.familyName),
    birthDate: checked.childBirthDate,
    dueDate: c.dueDate ?? null,
    contactKeys: parents.flatMap((g) => [g.email?.trim() ? emailKey(g.email) : null, g.phone?.trim() ? phoneKey(g.phone) : null]).filter((k): k is string => k !== null),
    guardianNameKeys: parents.map((g) => nameKey(g.familyName)),
  } : undefined;

  // The request, its wishes, its history, the consent, the family's mail and the audit row in one statement.
  const ids = familyRows
    ? { family: sql`(select id from f)`, applicant: sql`(select id from g)`, child: sql`(select id from k)` }
    : { family: sql`${child!.family_id}::uuid`, applicant: sql`${applicant!.id}::uuid`, child: sql`${child!.id}::uuid` };
  const search = me ? possibleDuplicates(me, ids.family) : null;
  const request = (await sql<RequestWishRow & { id: string; child_id: string; applicant_id: string; family_id: string; nearby: string[] | null }>`
    with ${familyRows ?? sql``}
    r as (
      insert into request (number, child_id, applicant_id, desk_id, desired_start_date, flexibility_weeks, care_days, urgent, accepts_any_location, status, registered_on, channel, created_by)
      values (${`NB-${checked.registeredOn.slice(0, 4)}-`} || lpad(nextval('request_number_seq')::text, 6, '0'), ${ids.child}, ${ids.applicant}, ${desk.id}, ${input.desiredStartDate}::date, ${input.flexibilityWeeks ?? 0}::int,
              ${JSON.stringify(input.careDays.map((d) => ({ ...d })).sort((a, b) => a.weekday - b.weekday))}::jsonb, ${input.urgent ?? false}, ${input.acceptAnyLocation ?? false}, 'registered', ${checked.registeredOn}::date, ${actor.channel}, ${actor.userId})
      returning id, number, status, desired_start_date, care_days, desk_id),
    wishes as (insert into request_location (request_id, rank, location_id) select r.id, w.rank, w.location_id from r, unnest(${input.locationIds}::uuid[]) with ordinality as w(location_id, rank)),
    history as (insert into request_event (request_id, from_status, to_status, reason, actor_id, actor_role, channel) select r.id, null, 'registered', null, ${actor.userId}::uuid, ${actor.role}, ${actor.channel} from r),
    consent as (insert into consent (family_id, child_id, subject, purpose, given_by, recorded_by, channel)
                values (${ids.family}, ${ids.child}, ${REGISTRATION_CONSENT.subject}, ${REGISTRATION_CONSENT.purpose}, ${ids.applicant}, ${actor.userId}::uuid, ${actor.channel})),
    ${options.notifyFamily !== false ? sql`mail as (${outboxInsert(ctx, 'request.registered', sql`jsonb_build_object('guardianId', ${ids.applicant})`, sql`jsonb_build_object('requestId', r.id, 'requestNumber', r.number) from r`)}),` : sql``}
    audited as (${auditInsert(actor, 'request.register', sql`array[${ids.child}, ${ids.applicant}, r.id] from r`)})
    select id, number, status, desired_start_date, care_days, desk_id, ${ids.child} as child_id, ${ids.applicant} as applicant_id, ${ids.family} as family_id,
           ${search ? sql`array(select d.id::text from (${search}) d)` : sql`null::text[]`} as nearby
    from r`.execute(tx)).rows[0]!;
  child = { id: request.child_id, family_id: request.family_id };
  applicant = { id: request.applicant_id, family_id: request.family_id };
  const wishes = input.locationIds.map((locationId, i) => ({ ...request, organiser_id: organiserOf.get(locationId)!, location_id: locationId, rank: i + 1 }));
  await emitForRequestRows(tx, ctx, 'request.registered', request.id, wishes);
  // A child added to a known family is read back with its family's parents for the same search.
  if (childCreated) await queuePossibleDuplicates(tx, child.id, { unproven, ...(me ? { known: { ...me, id: child.id, familyId: child.family_id }, nearbyIds: request.nearby ?? [] } : {}) });
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
