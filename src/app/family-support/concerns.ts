// Use cases for shared concerns (zorg delen): a short note shared only with the people a consent names; every read is audited.
import { sql } from 'kysely';
import { checkConsent, consentState } from '../../domain/family-support/consent.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../../domain/errors.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { NO_ID } from '../scopes.ts';
import { acrossTenants } from '../tenancy.ts';
import { checkFamilyMembers, consentGone, consentHolds, reachableFamily, Refusal, unlessRefused } from './access.ts';

export const CONCERN_TOPICS = ['development', 'wellbeing', 'health', 'family_situation', 'other'] as const;
export type ConcernTopic = (typeof CONCERN_TOPICS)[number];

export interface ConcernInput {
  familyId: string;
  childId?: string;
  topic: ConcernTopic;
  observation: string;
  question?: string;
  consent: { givenByGuardianId: string; purpose: string; validUntil: string; recipientUserIds: string[] };
}

type Row = {
  id: string; family_id: string; child_id: string | null; topic: string; observation: string; question: string | null; status: string;
  created_at: Date; closed_at: Date | null; author_id: string | null; author_name: string | null; consent_id: string;
  valid_until: string | null; withdrawn_at: Date | null; recipient_user_ids: string[] | null; is_author: boolean;
};

async function loadConcern(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Row | undefined> {
  const me = actor.userId ?? NO_ID;
  const r = await sql<Row>`
    select k.*, u.name as author_name, c.valid_until, c.withdrawn_at, c.recipient_user_ids, (k.author_id = ${me}::uuid) as is_author
    from concern k join consent c on c.id = k.consent_id left join app_user u on u.id = k.author_id
    where k.id = ${id}::uuid and (k.author_id = ${me}::uuid or ${me}::uuid = any(coalesce(c.recipient_user_ids, '{}')))
    ${forUpdate ? sql`for update of k` : sql``}`.execute(tx);
  return r.rows[0];
}

async function view(tx: Tx, k: Row) {
  const child = k.child_id ? await tx.selectFrom('child').select(['given_name', 'family_name', 'birth_date', 'due_date']).where('id', '=', k.child_id).executeTakeFirst() : undefined;
  const guardians = await tx.selectFrom('guardian').select(['given_name', 'family_name']).where('family_id', '=', k.family_id).orderBy('created_at').execute();
  const people = k.recipient_user_ids?.length ? await tx.selectFrom('app_user').select(['id', 'name']).where('id', 'in', k.recipient_user_ids).orderBy('name').execute() : [];
  return {
    id: k.id,
    familyId: k.family_id,
    topic: k.topic,
    observation: k.observation,
    question: k.question,
    status: k.status,
    createdAt: k.created_at.toISOString(),
    closedAt: k.closed_at ? k.closed_at.toISOString() : null,
    author: k.author_name,
    child: child ? { givenName: child.given_name, familyName: child.family_name, birthDate: child.birth_date, dueDate: child.due_date } : null,
    guardians: guardians.map((g) => `${g.given_name} ${g.family_name}`),
    sharedWith: people.map((p) => ({ id: p.id, name: p.name })),
    consent: { id: k.consent_id, validUntil: k.valid_until, withdrawnAt: k.withdrawn_at ? k.withdrawn_at.toISOString() : null },
  };
}

/** Shares a concern with the people the family agreed to; the author keeps access to what they wrote. */
export async function shareConcern(ctx: AppContext, actor: Actor, input: ConcernInput) {
  return runUseCase(ctx, actor, 'concern.share', async (tx) => {
    const day = today(ctx);
    const problems: FieldProblem[] = checkConsent({ ...input.consent, dataCategories: ['situation'] }, day);
    if (!input.observation.trim()) problems.push({ field: 'observation', code: 'required', nl: 'Beschrijf kort wat u opviel.', en: 'Describe briefly what you noticed.' });
    const recipients = [...new Set(input.consent.recipientUserIds)];
    if (recipients.length !== input.consent.recipientUserIds.length) problems.push({ field: 'consent.recipientUserIds', code: 'consent.recipient_twice', nl: 'Elke persoon staat er één keer in.', en: 'Each person is listed once.' });
    if (problems.length) throw invalidFields(problems);
    await reachableFamily(tx, actor, input.familyId, day);
    await checkFamilyMembers(tx, input.familyId, input.childId, input.consent.givenByGuardianId, 'consent.givenByGuardianId');
    // Recipients are staff of the family's desk or of the child's childcare location (placed or requested there), or a
    // partner already working with the family (a referral to its organisation under consent, or its own registration);
    // checked across tenants, and only the ids that qualify leave the step.
    const known = await acrossTenants(tx, async () => (await sql<{ id: string }>`
      select u.id from app_user u where u.id = any(${recipients}::uuid[]) and (
        (u.role in ('desk_worker', 'desk_coordinator') and (
          exists (select 1 from family f join desk_municipality dm on dm.nis_code = f.municipality_nis where f.id = ${input.familyId}::uuid and dm.desk_id = u.desk_id)
          or exists (select 1 from request r join child ch on ch.id = r.child_id where ch.family_id = ${input.familyId}::uuid and r.desk_id = u.desk_id)))
        or (u.role = 'provider_staff' and exists (
          select 1 from child ch join location l on l.organiser_id = u.organiser_id
          where ch.family_id = ${input.familyId}::uuid and ch.merged_into is null and (${input.childId ?? null}::uuid is null or ch.id = ${input.childId ?? null}::uuid)
            and (exists (select 1 from placement p where p.child_id = ch.id and p.location_id = l.id)
              or exists (select 1 from request r join request_location rl on rl.request_id = r.id where r.child_id = ch.id and rl.location_id = l.id))))
        or (u.role = 'partner' and (
          exists (select 1 from referral r join consent c on c.id = r.consent_id where r.family_id = ${input.familyId}::uuid and r.organization_id = u.sm_organization_id and ${consentHolds(day)})
          or exists (select 1 from request r join child ch on ch.id = r.child_id where ch.family_id = ${input.familyId}::uuid and r.created_by = u.id))))`.execute(tx)).rows);
    recipients.forEach((id, i) => {
      const u = known.find((k) => k.id === id);
      if (!u) problems.push({ field: `consent.recipientUserIds.${i}`, code: 'consent.recipient_unknown', nl: 'Deze persoon werkt niet bij het loket van dit gezin of bij de opvang van het kind, en kan deze zorg dus niet ontvangen.', en: 'This person does not work at this family’s desk or at the child’s childcare, so cannot receive this concern.' });
    });
    if (problems.length) throw new UserError('unprocessable', problems[0]!.code, problems[0]!.field, problems[0]!, problems);
    const consent = await tx
      .insertInto('consent')
      .values({ family_id: input.familyId, child_id: input.childId ?? null, subject: 'concern_sharing', purpose: input.consent.purpose.trim(), given_by: input.consent.givenByGuardianId, recorded_by: actor.userId, channel: actor.channel, granted_at: ctx.now(), valid_until: input.consent.validUntil, recipient_user_ids: recipients, data_categories: input.childId ? ['child', 'situation'] : ['situation'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const k = await tx
      .insertInto('concern')
      .values({ family_id: input.familyId, child_id: input.childId ?? null, consent_id: consent.id, author_id: actor.userId, author_role: actor.role, topic: input.topic, observation: input.observation.trim(), question: input.question?.trim() || null, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'concern.share', [input.familyId, input.childId, k.id]);
    return view(tx, (await loadConcern(tx, actor, k.id)) ?? ((await sql<Row>`select k.*, null as author_name, c.valid_until, c.withdrawn_at, c.recipient_user_ids, true as is_author from concern k join consent c on c.id = k.consent_id where k.id = ${k.id}::uuid`.execute(tx)).rows[0] as Row));
  });
}

/** Reads one concern: the author, or a named person while the consent holds. Every read, also a refused one, is audited. */
export async function readConcern(ctx: AppContext, actor: Actor, id: string) {
  return unlessRefused(
    runUseCase(ctx, actor, 'concern.read', async (tx) => {
      const k = await loadConcern(tx, actor, id);
      if (!k) throw notFound({ nl: 'Deze gedeelde zorg', en: 'This shared concern' });
      const s = consentState({ validUntil: k.valid_until, withdrawnAt: k.withdrawn_at }, today(ctx));
      if (!k.is_author && s !== 'valid') {
        await audit(tx, actor, 'concern.read_refused', [k.family_id, k.child_id, k.id]);
        return new Refusal(consentGone(s, { nl: 'deze gedeelde zorg', en: 'this shared concern' }));
      }
      await audit(tx, actor, 'concern.read', [k.family_id, k.child_id, k.id]);
      return view(tx, k);
    }),
  );
}

/** The concerns the actor wrote or may read now: topic, status and dates, no content (open one to read it). */
export async function listConcerns(ctx: AppContext, actor: Actor, query: { status?: 'open' | 'closed' }) {
  return runUseCase(ctx, actor, 'concern.read', async (tx) => {
    const me = actor.userId ?? NO_ID;
    const rows = await sql<{ id: string; topic: string; status: string; created_at: Date; closed_at: Date | null; author_name: string | null; is_author: boolean; family_id: string }>`
      select k.id, k.topic, k.status, k.created_at, k.closed_at, u.name as author_name, (k.author_id = ${me}::uuid) as is_author, k.family_id
      from concern k join consent c on c.id = k.consent_id left join app_user u on u.id = k.author_id
      where (k.author_id = ${me}::uuid or (${me}::uuid = any(coalesce(c.recipient_user_ids, '{}')) and ${consentHolds(today(ctx))}))
        and (${query.status ?? null}::text is null or k.status = ${query.status ?? null}::text)
      order by k.created_at desc, k.id`.execute(tx);
    await audit(tx, actor, 'concern.list', rows.rows.map((r) => r.id));
    return rows.rows.map((r) => ({ id: r.id, topic: r.topic, status: r.status, createdAt: r.created_at.toISOString(), closedAt: r.closed_at ? r.closed_at.toISOString() : null, author: r.author_name, mine: r.is_author }));
  });
}

export async function closeConcern(ctx: AppContext, actor: Actor, id: string) {
  return unlessRefused(
    runUseCase(ctx, actor, 'concern.close', async (tx) => {
      const k = await loadConcern(tx, actor, id, true);
      if (!k) throw notFound({ nl: 'Deze gedeelde zorg', en: 'This shared concern' });
      const s = consentState({ validUntil: k.valid_until, withdrawnAt: k.withdrawn_at }, today(ctx));
      if (!k.is_author && s !== 'valid') {
        await audit(tx, actor, 'concern.close_refused', [k.family_id, k.child_id, k.id]);
        return new Refusal(consentGone(s, { nl: 'deze gedeelde zorg', en: 'this shared concern' }));
      }
      if (k.status === 'closed') throw new UserError('conflict', 'concern.already_closed', null, { nl: 'Deze zorg is al afgesloten.', en: 'This concern is already closed.' });
      await tx.updateTable('concern').set({ status: 'closed', closed_at: ctx.now(), closed_by: actor.userId }).where('id', '=', k.id).execute();
      await audit(tx, actor, 'concern.close', [k.family_id, k.child_id, k.id]);
      return { id: k.id, status: 'closed' as const, closedAt: ctx.now().toISOString() };
    }),
  );
}
