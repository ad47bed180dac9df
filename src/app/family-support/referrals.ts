// Use cases for warm referrals: refer with consent, the receiving organisation moves it on, the referrer follows progress only.
import { sql } from 'kysely';
import { checkConsent, consentState, type ConsentInput, type DataCategory } from '../../domain/family-support/consent.ts';
import { NEEDS } from '../../domain/family-support/hsds.ts';
import { applyStep, progressOnly, type ReferralOutcome, type ReferralState, type ReferralStatus, type ReferralStep } from '../../domain/family-support/referral.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../../domain/errors.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { systemActor, type Actor } from '../permissions.ts';
import { familyScope, NO_ID } from '../scopes.ts';
import { checkFamilyMembers, consentGone, consentHolds, isReferrer, reachableFamily, Refusal, unlessRefused, worksFor } from './access.ts';

export interface ReferralInput {
  familyId: string;
  childId?: string;
  serviceId: string;
  need?: string;
  question: string;
  consent: ConsentInput;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Row = {
  id: string; family_id: string; child_id: string | null; service_id: string; organization_id: string; consent_id: string; need: string | null; question: string;
  referrer_id: string | null; referrer_role: string; status: string; outcome: string | null; decline_reason: string | null;
  sent_at: Date; received_at: Date | null; contact_made_at: Date | null; support_started_at: Date | null; closed_at: Date | null; declined_at: Date | null;
  service_name: string; organization_name: string; valid_until: string | null; withdrawn_at: Date | null; data_categories: string[] | null; purpose: string;
  receiver: boolean; referrer: boolean;
};

/** The referral with the actor's relation to it: receiver (works for the receiving organisation) and/or referrer. */
async function loadReferral(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Row | undefined> {
  const r = await sql<Row>`
    select r.*, s.name as service_name, o.name as organization_name, c.valid_until, c.withdrawn_at, c.data_categories, c.purpose,
           ${worksFor(actor, sql`r.organization_id`)} as receiver, ${isReferrer(actor)} as referrer
    from referral r join consent c on c.id = r.consent_id join sm_service s on s.id = r.service_id join sm_organization o on o.id = r.organization_id
    where r.id = ${id}::uuid and (${worksFor(actor, sql`r.organization_id`)} or ${isReferrer(actor)})
    ${forUpdate ? sql`for update of r` : sql``}`.execute(tx);
  return r.rows[0];
}

function state(r: Row): ReferralState {
  return {
    status: r.status as ReferralStatus,
    sentAt: r.sent_at.toISOString(),
    receivedAt: iso(r.received_at),
    contactMadeAt: iso(r.contact_made_at),
    supportStartedAt: iso(r.support_started_at),
    closedAt: iso(r.closed_at),
    declinedAt: iso(r.declined_at),
    outcome: r.outcome as ReferralOutcome | null,
    declineReason: r.decline_reason,
  };
}

/** What the referrer sees: where it went, status and dates, and whether the consent still holds. Never the content. */
function progressView(r: Row) {
  return {
    view: 'progress' as const,
    id: r.id,
    service: { id: r.service_id, name: r.service_name },
    organization: { id: r.organization_id, name: r.organization_name },
    ...progressOnly(state(r)),
    consent: { id: r.consent_id, validUntil: r.valid_until, withdrawnAt: iso(r.withdrawn_at) },
  };
}

/** What the receiving organisation sees while the consent holds: the data the family agreed to share, and the support notes. */
async function receiverView(tx: Tx, r: Row) {
  const categories = new Set((r.data_categories ?? []) as DataCategory[]);
  const guardians = categories.has('contact')
    ? await tx.selectFrom('guardian').select(['given_name', 'family_name', 'email', 'phone', 'preferred_language']).where('family_id', '=', r.family_id).orderBy('created_at').execute()
    : [];
  const family = categories.has('contact') ? await tx.selectFrom('family').innerJoin('municipality', 'municipality.nis_code', 'family.municipality_nis').select(['family.street', 'family.postal_code', 'municipality.name']).where('family.id', '=', r.family_id).executeTakeFirst() : undefined;
  const child = categories.has('child') && r.child_id ? await tx.selectFrom('child').select(['given_name', 'family_name', 'birth_date', 'due_date']).where('id', '=', r.child_id).executeTakeFirst() : undefined;
  const referrer = r.referrer_id ? await tx.selectFrom('app_user').select(['name', 'email']).where('id', '=', r.referrer_id).executeTakeFirst() : undefined;
  const notes = await tx.selectFrom('referral_note').leftJoin('app_user', 'app_user.id', 'referral_note.author_id').select(['referral_note.id', 'referral_note.text', 'referral_note.created_at', 'app_user.name']).where('referral_id', '=', r.id).orderBy('referral_note.created_at').orderBy('referral_note.id').execute();
  const s = state(r);
  return {
    view: 'receiver' as const,
    id: r.id,
    service: { id: r.service_id, name: r.service_name },
    organization: { id: r.organization_id, name: r.organization_name },
    ...progressOnly(s),
    outcome: s.outcome,
    declineReason: s.declineReason,
    need: r.need,
    question: categories.has('situation') ? r.question : null,
    referrer: { name: referrer?.name ?? null, email: referrer?.email ?? null, role: r.referrer_role },
    family: categories.has('contact')
      ? { street: family?.street ?? null, postalCode: family?.postal_code ?? null, municipality: family?.name ?? null, guardians: guardians.map((g) => ({ givenName: g.given_name, familyName: g.family_name, email: g.email, phone: g.phone, preferredLanguage: g.preferred_language })) }
      : null,
    child: child ? { givenName: child.given_name, familyName: child.family_name, birthDate: child.birth_date, dueDate: child.due_date } : null,
    consent: { id: r.consent_id, purpose: r.purpose, dataCategories: [...categories], validUntil: r.valid_until },
    notes: notes.map((n) => ({ id: n.id, text: n.text, author: n.name ?? null, at: n.created_at.toISOString() })),
  };
}

export type ReferralView = ReturnType<typeof progressView> | Awaited<ReturnType<typeof receiverView>>;

/** Refers a family to a service: the consent is recorded with it (what, with whom, why, until when), and the organisation is told. */
export async function createReferral(ctx: AppContext, actor: Actor, input: ReferralInput) {
  return runUseCase(ctx, actor, 'referral.create', async (tx) => {
    const day = today(ctx);
    const problems: FieldProblem[] = checkConsent(input.consent, day);
    if (!input.question.trim()) problems.push({ field: 'question', code: 'required', nl: 'Schrijf kort waarom u doorverwijst.', en: 'Write briefly why you refer.' });
    if (input.need && !Object.hasOwn(NEEDS, input.need)) problems.push({ field: 'need', code: 'hsds.term', nl: `Onbekende nood. Kies uit: ${Object.keys(NEEDS).join(', ')}.`, en: `Unknown need. Choose from: ${Object.keys(NEEDS).join(', ')}.` });
    if (input.consent.dataCategories.includes('child') && !input.childId) problems.push({ field: 'consent.dataCategories', code: 'consent.child_without_child', nl: 'Kies een kind om gegevens over het kind te delen.', en: 'Choose a child to share data about the child.' });
    if (problems.length) throw invalidFields(problems);
    await reachableFamily(tx, actor, input.familyId, day);
    await checkFamilyMembers(tx, input.familyId, input.childId, input.consent.givenByGuardianId, 'consent.givenByGuardianId');
    const service = await tx.selectFrom('sm_service').select(['id', 'organization_id', 'status']).where('id', '=', input.serviceId).executeTakeFirst();
    if (!service) throw new UserError('not_found', 'service.not_found', 'serviceId', { nl: 'Dit aanbod staat niet op de sociale kaart.', en: 'This service is not on the social map.' });
    if (service.status !== 'active') throw new UserError('unprocessable', 'service.not_active', 'serviceId', { nl: 'Dit aanbod is nu niet actief. Kies een ander aanbod.', en: 'This service is not active now. Choose another service.' });
    const consent = await tx
      .insertInto('consent')
      .values({
        family_id: input.familyId,
        child_id: input.childId ?? null,
        subject: 'referral',
        purpose: input.consent.purpose.trim(),
        given_by: input.consent.givenByGuardianId,
        recorded_by: actor.userId,
        channel: actor.channel,
        granted_at: ctx.now(),
        valid_until: input.consent.validUntil,
        recipient_organization_id: service.organization_id,
        data_categories: [...input.consent.dataCategories].sort(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await tx
      .insertInto('referral')
      .values({
        family_id: input.familyId,
        child_id: input.childId ?? null,
        service_id: service.id,
        organization_id: service.organization_id,
        consent_id: consent.id,
        need: input.need ?? null,
        question: input.question.trim(),
        referrer_id: actor.userId,
        referrer_role: actor.role,
        referrer_desk_id: ['desk_worker', 'desk_coordinator'].includes(actor.role) ? actor.deskId : null,
        referrer_organiser_id: actor.role === 'provider_staff' ? actor.organiserId : null,
        sent_at: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(tx, ctx, 'referral.sent', { organizationId: service.organization_id }, { referralId: r.id });
    await audit(tx, actor, 'referral.create', [input.familyId, input.childId, r.id]);
    return progressView((await loadReferral(tx, systemActor(actor.channel), r.id)) as Row);
  });
}

/** One referral: the receiver gets the shared data while the consent holds; the referrer gets progress only. */
export async function getReferral(ctx: AppContext, actor: Actor, id: string): Promise<ReferralView> {
  return unlessRefused(
    runUseCase(ctx, actor, 'referral.read', async (tx): Promise<ReferralView | Refusal> => {
      const r = await loadReferral(tx, actor, id);
      if (!r) throw notFound({ nl: 'Deze doorverwijzing', en: 'This referral' });
      if (r.receiver) {
        const s = consentState({ validUntil: r.valid_until, withdrawnAt: r.withdrawn_at }, today(ctx));
        if (s === 'valid') {
          await audit(tx, actor, 'referral.read', [r.family_id, r.child_id, r.id]);
          return receiverView(tx, r);
        }
        if (!r.referrer) {
          // Refused reads are audited too: the row is committed before the refusal is answered.
          await audit(tx, actor, 'referral.read_refused', [r.family_id, r.child_id, r.id]);
          return new Refusal(consentGone(s, { nl: 'deze doorverwijzing', en: 'this referral' }));
        }
      }
      await audit(tx, actor, 'referral.read_progress', [r.id]);
      return progressView(r);
    }),
  );
}

export interface ReferralListQuery {
  box?: 'received' | 'sent';
  status?: ReferralStatus;
  limit?: number;
  offset?: number;
}

/**
 * The referrals received by the actor's organisation (only while their consent holds) or those the actor sent
 * (progress only). Received ones list no personal data: open one to read it.
 */
export async function listReferrals(ctx: AppContext, actor: Actor, query: ReferralListQuery) {
  return runUseCase(ctx, actor, 'referral.read', async (tx) => {
    const box = query.box ?? 'sent';
    const rows = await sql<Row>`
      select r.*, s.name as service_name, o.name as organization_name, c.valid_until, c.withdrawn_at, c.data_categories, c.purpose, false as receiver, true as referrer
      from referral r join consent c on c.id = r.consent_id join sm_service s on s.id = r.service_id join sm_organization o on o.id = r.organization_id
      where ${box === 'received' ? sql`${worksFor(actor, sql`r.organization_id`)} and ${consentHolds(today(ctx))}` : isReferrer(actor)}
        and (${query.status ?? null}::text is null or r.status = ${query.status ?? null}::text)
      order by r.sent_at desc, r.id limit ${query.limit ?? 100} offset ${query.offset ?? 0}`.execute(tx);
    await audit(tx, actor, box === 'received' ? 'referral.list_received' : 'referral.list_sent', rows.rows.map((r) => r.id));
    return rows.rows.map((r) => ({ ...progressView(r), need: box === 'received' ? r.need : null }));
  });
}

/** The receiving organisation moves the referral on; only while the family's consent holds. */
export async function progressReferral(ctx: AppContext, actor: Actor, id: string, step: ReferralStep) {
  return unlessRefused(
    runUseCase(ctx, actor, 'referral.progress', async (tx): Promise<ReferralView | Refusal> => {
      const r = await loadReferral(tx, actor, id, true);
      if (!r) throw notFound({ nl: 'Deze doorverwijzing', en: 'This referral' });
      if (!r.receiver) throw new UserError('forbidden', 'referral.not_receiver', null, { nl: 'Alleen de organisatie die de doorverwijzing ontving, zet de volgende stap.', en: 'Only the organisation that received the referral takes the next step.' });
      const s = consentState({ validUntil: r.valid_until, withdrawnAt: r.withdrawn_at }, today(ctx));
      if (s !== 'valid') {
        await audit(tx, actor, 'referral.progress_refused', [r.family_id, r.child_id, r.id]);
        return new Refusal(consentGone(s, { nl: 'deze doorverwijzing', en: 'this referral' }));
      }
      const next = applyStep(state(r), step, ctx.now().toISOString());
      const at = (x: string | null) => (x ? new Date(x) : null);
      await tx
        .updateTable('referral')
        .set({ status: next.status, received_at: at(next.receivedAt), contact_made_at: at(next.contactMadeAt), support_started_at: at(next.supportStartedAt), closed_at: at(next.closedAt), declined_at: at(next.declinedAt), outcome: next.outcome, decline_reason: next.declineReason })
        .where('id', '=', r.id)
        .execute();
      await audit(tx, actor, `referral.${next.status}`, [r.family_id, r.child_id, r.id]);
      return receiverView(tx, (await loadReferral(tx, actor, id)) as Row);
    }),
  );
}

/** A note on the support, for the receiving organisation only. */
export async function addReferralNote(ctx: AppContext, actor: Actor, id: string, text: string) {
  return unlessRefused(
    runUseCase(ctx, actor, 'referral.progress', async (tx): Promise<{ id: string; at: string } | Refusal> => {
      const r = await loadReferral(tx, actor, id, true);
      if (!r) throw notFound({ nl: 'Deze doorverwijzing', en: 'This referral' });
      if (!r.receiver) throw new UserError('forbidden', 'referral.not_receiver', null, { nl: 'Alleen de organisatie die de doorverwijzing ontving, schrijft notities.', en: 'Only the organisation that received the referral writes notes.' });
      const s = consentState({ validUntil: r.valid_until, withdrawnAt: r.withdrawn_at }, today(ctx));
      if (s !== 'valid') {
        await audit(tx, actor, 'referral.note_refused', [r.family_id, r.child_id, r.id]);
        return new Refusal(consentGone(s, { nl: 'deze doorverwijzing', en: 'this referral' }));
      }
      if (!text.trim()) throw invalidFields([{ field: 'text', code: 'required', nl: 'Schrijf een notitie.', en: 'Write a note.' }]);
      const n = await tx.insertInto('referral_note').values({ referral_id: r.id, author_id: actor.userId, text: text.trim(), created_at: ctx.now() }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
      await audit(tx, actor, 'referral.note', [r.family_id, r.child_id, r.id]);
      return { id: n.id, at: n.created_at.toISOString() };
    }),
  );
}

function consentView(c: { id: string; subject: string; purpose: string; data_categories: string[] | null; recipient_organization_id: string | null; organization_name: string | null; recipient_user_ids: string[] | null; granted_at: Date; valid_until: string | null; withdrawn_at: Date | null }, day: string) {
  return {
    id: c.id,
    subject: c.subject,
    purpose: c.purpose,
    dataCategories: c.data_categories ?? [],
    recipientOrganization: c.recipient_organization_id ? { id: c.recipient_organization_id, name: c.organization_name ?? '' } : null,
    recipientUserIds: c.recipient_user_ids ?? [],
    grantedAt: c.granted_at.toISOString(),
    validUntil: c.valid_until,
    withdrawnAt: iso(c.withdrawn_at),
    state: consentState({ validUntil: c.valid_until, withdrawnAt: c.withdrawn_at }, day),
  };
}

export async function listConsents(ctx: AppContext, actor: Actor, familyId: string) {
  return runUseCase(ctx, actor, 'consent.read', async (tx) => {
    const day = today(ctx);
    await reachableFamily(tx, actor, familyId, day, 'id');
    const rows = await tx
      .selectFrom('consent')
      .leftJoin('sm_organization', 'sm_organization.id', 'consent.recipient_organization_id')
      .select(['consent.id', 'consent.subject', 'consent.purpose', 'consent.data_categories', 'consent.recipient_organization_id', 'sm_organization.name as organization_name', 'consent.recipient_user_ids', 'consent.granted_at', 'consent.valid_until', 'consent.withdrawn_at'])
      .where('consent.family_id', '=', familyId)
      .orderBy('consent.granted_at')
      .orderBy('consent.id')
      .execute();
    await audit(tx, actor, 'consent.read', [familyId]);
    return rows.map((c) => consentView(c, day));
  });
}

/**
 * Records that the family withdraws a consent. From the commit on, every read of the shared data is refused (the
 * checks run in SQL on each call); the receiving organisation is told.
 */
export async function withdrawConsent(ctx: AppContext, actor: Actor, consentId: string) {
  return runUseCase(ctx, actor, 'consent.withdraw', async (tx) => {
    const c = await sql<{ id: string; family_id: string; child_id: string | null; withdrawn_at: Date | null; recipient_organization_id: string | null }>`
      select c.id, c.family_id, c.child_id, c.withdrawn_at, c.recipient_organization_id from consent c join family f on f.id = c.family_id
      where c.id = ${consentId}::uuid and (
        c.recorded_by = ${actor.userId ?? NO_ID}::uuid
        or (${['desk_worker', 'desk_coordinator', 'admin'].includes(actor.role)} and ${familyScope(actor)})
        or exists (select 1 from referral r where r.consent_id = c.id and ${isReferrer(actor)})
        or (c.recipient_organization_id is not null and ${worksFor(actor, sql`c.recipient_organization_id`)})
        or ${actor.userId ?? NO_ID}::uuid = any(coalesce(c.recipient_user_ids, '{}'))
      ) for update of c`.execute(tx);
    const row = c.rows[0];
    if (!row) throw notFound({ nl: 'Deze toestemming', en: 'This consent' });
    if (row.withdrawn_at) throw new UserError('conflict', 'consent.already_withdrawn', null, { nl: 'Deze toestemming is al ingetrokken.', en: 'This consent was already withdrawn.' });
    await tx.updateTable('consent').set({ withdrawn_at: ctx.now(), withdrawn_by: actor.userId, withdrawal_channel: actor.channel }).where('id', '=', row.id).execute();
    const referrals = await tx.selectFrom('referral').select(['id', 'organization_id']).where('consent_id', '=', row.id).execute();
    for (const r of referrals) await enqueue(tx, ctx, 'referral.consent_withdrawn', { organizationId: r.organization_id }, { referralId: r.id });
    await audit(tx, actor, 'consent.withdraw', [row.family_id, row.child_id, row.id, ...referrals.map((r) => r.id)]);
    return { id: row.id, withdrawnAt: ctx.now().toISOString() };
  });
}

/**
 * Reminds the receiving organisation, and tells the referrer, when a referral still waits to be picked up after
 * the organisation's pickup time. Once per referral; safe with several instances (SKIP LOCKED).
 */
export async function remindReferrals(ctx: AppContext, batch = 200): Promise<number> {
  const system = systemActor('job');
  return runUseCase(ctx, system, 'referral.remind', async (tx) => {
    const due = await sql<{ id: string; family_id: string; organization_id: string; referrer_id: string | null; sent_at: Date; pickup_days: number }>`
      select r.id, r.family_id, r.organization_id, r.referrer_id, r.sent_at, o.pickup_days
      from referral r join sm_organization o on o.id = r.organization_id join consent c on c.id = r.consent_id
      where r.status = 'sent' and r.reminded_at is null and r.sent_at + o.pickup_days * interval '1 day' <= ${ctx.now()}
        and ${consentHolds(today(ctx))}
      order by r.sent_at limit ${batch} for update of r skip locked`.execute(tx);
    for (const r of due.rows) {
      await tx.updateTable('referral').set({ reminded_at: ctx.now() }).where('id', '=', r.id).execute();
      const payload = { referralId: r.id, sentAt: r.sent_at.toISOString(), pickupDays: r.pickup_days };
      await enqueue(tx, ctx, 'referral.reminder', { organizationId: r.organization_id }, payload);
      if (r.referrer_id) await enqueue(tx, ctx, 'referral.unanswered', { userId: r.referrer_id }, payload);
    }
    if (due.rows.length) await audit(tx, system, 'referral.remind', due.rows.map((r) => r.id));
    return due.rows.length;
  });
}
