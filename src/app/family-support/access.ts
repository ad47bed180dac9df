// Who reaches which family, referral and concern: SQL conditions evaluated on every read, so a withdrawn consent stops access at once.
import { sql, type RawBuilder } from 'kysely';
import { UserError } from '../../domain/errors.ts';
import type { Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { familyScope, NO_ID } from '../scopes.ts';

const DESK_ROLES = ['desk_worker', 'desk_coordinator'];

/** A consent aliased `c` holds today: not withdrawn and not past its last day. */
export function consentHolds(today: string): RawBuilder<boolean> {
  return sql<boolean>`(c.withdrawn_at is null and (c.valid_until is null or c.valid_until >= ${today}::date))`;
}

/** The actor works for the social-map organisation in `column`; read from the account on every call, never cached. */
export function worksFor(actor: Actor, column: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from app_user u where u.id = ${actor.userId ?? NO_ID}::uuid and u.sm_organization_id = ${column})`;
}

/** The actor (or a colleague of the same desk or organiser) made the referral aliased `r`; admins follow every referral's progress. */
export function isReferrer(actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`(
    ${actor.role === 'admin' || actor.role === 'system'}
    or r.referrer_id = ${actor.userId ?? NO_ID}::uuid
    or r.referrer_desk_id = ${DESK_ROLES.includes(actor.role) ? (actor.deskId ?? NO_ID) : NO_ID}::uuid
    or r.referrer_organiser_id = ${actor.role === 'provider_staff' ? (actor.organiserId ?? NO_ID) : NO_ID}::uuid
  )`;
}

/**
 * Families the actor works with, for a family aliased `f`: the desk's area and requests, the partner's own
 * registrations, a provider's children (requested or placed at its locations), and families referred to the
 * actor's organisation under a consent that holds (so a partner can refer onwards).
 */
export function familyReach(actor: Actor, today: string): RawBuilder<boolean> {
  const organiser = actor.role === 'provider_staff' ? (actor.organiserId ?? NO_ID) : NO_ID;
  return sql<boolean>`(
    ${familyScope(actor)}
    or exists (select 1 from child ch join placement p on p.child_id = ch.id join location l on l.id = p.location_id where ch.family_id = f.id and l.organiser_id = ${organiser}::uuid)
    or exists (select 1 from child ch join request rq on rq.child_id = ch.id join request_location rl on rl.request_id = rq.id join location l on l.id = rl.location_id where ch.family_id = f.id and l.organiser_id = ${organiser}::uuid)
    or exists (select 1 from referral r join consent c on c.id = r.consent_id where r.family_id = f.id and ${consentHolds(today)} and ${worksFor(actor, sql`r.organization_id`)})
  )`;
}

export async function reachableFamily(tx: Tx, actor: Actor, familyId: string, today: string, field = 'familyId'): Promise<void> {
  const ok = await sql<{ one: number }>`select 1 as one from family f where f.id = ${familyId}::uuid and ${familyReach(actor, today)}`.execute(tx);
  if (!ok.rows.length) throw new UserError('not_found', 'family.not_found', field, { nl: 'Dit gezin bestaat niet of u werkt er niet mee.', en: 'This family does not exist or you do not work with it.' });
}

/** The child and the guardian named in a consent must belong to the family. */
export async function checkFamilyMembers(tx: Tx, familyId: string, childId: string | undefined, guardianId: string, guardianField: string): Promise<void> {
  if (childId) {
    const c = await tx.selectFrom('child').select('id').where('id', '=', childId).where('family_id', '=', familyId).where('merged_into', 'is', null).executeTakeFirst();
    if (!c) throw new UserError('unprocessable', 'child.not_in_family', 'childId', { nl: 'Dit kind hoort niet bij dit gezin.', en: 'This child does not belong to this family.' });
  }
  const g = await tx.selectFrom('guardian').select('id').where('id', '=', guardianId).where('family_id', '=', familyId).executeTakeFirst();
  if (!g) throw new UserError('unprocessable', 'consent.guardian_not_in_family', guardianField, { nl: 'De ouder die toestemming gaf, hoort niet bij dit gezin.', en: 'The parent who gave consent does not belong to this family.' });
}

/** A refusal that must still be audited: the use case commits the audit row and the caller throws this afterwards. */
export class Refusal {
  readonly refusal = true;
  readonly error: UserError;
  constructor(error: UserError) {
    this.error = error;
  }
}

/**
 * Throws a refusal after its transaction committed. A change retried with the same Idempotency-Key gets the stored
 * answer back as plain JSON, so a refusal is recognised in that form too.
 */
export async function unlessRefused<T>(result: Promise<T | Refusal>): Promise<T> {
  const r = (await result) as unknown;
  if (r instanceof Refusal) throw r.error;
  if (r && typeof r === 'object' && (r as { refusal?: unknown }).refusal === true) {
    const e = (r as { error: { kind: UserError['kind']; code: string; field: string | null; nl: string; en: string; details?: UserError['details'] } }).error;
    throw new UserError(e.kind, e.code, e.field, e, e.details ?? []);
  }
  return r as T;
}

export function consentGone(state: 'withdrawn' | 'expired', what: { nl: string; en: string }): UserError {
  return state === 'withdrawn'
    ? new UserError('forbidden', 'consent.withdrawn', null, { nl: `Het gezin heeft zijn toestemming ingetrokken. U hebt geen toegang meer tot ${what.nl}.`, en: `The family withdrew its consent. You no longer have access to ${what.en}.` })
    : new UserError('forbidden', 'consent.expired', null, { nl: `De toestemming van het gezin is verlopen. U hebt geen toegang meer tot ${what.nl}.`, en: `The family’s consent has expired. You no longer have access to ${what.en}.` });
}
