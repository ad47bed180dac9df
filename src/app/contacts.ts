// The desk's contact register (broad desk function): any question at the desk, its topic and follow-up, and the
// step from a childcare question to a registered request.
import { isCalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../domain/errors.ts';
import type { RegistrationInput } from '../domain/requests/registration.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { registerInTransaction } from './requests.ts';

export const CONTACT_CHANNELS = ['walk_in', 'phone', 'mail', 'partner', 'portal'] as const;
export const CONTACT_TOPICS = ['childcare', 'parenting', 'health', 'finances', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

export interface ContactInput {
  channel: string;
  topic: string;
  summary: string;
  contactName?: string;
  followUp?: string;
  followUpDue?: string;
}

function deskOf(actor: Actor): string {
  if (!actor.deskId) throw new UserError('forbidden', 'auth.no_desk', null, { nl: 'U werkt niet voor een loket.', en: 'You do not work for a desk.' });
  return actor.deskId;
}

/** Pure check of a contact; every problem is named by its field. */
export function checkContact(input: ContactInput, day: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!(CONTACT_CHANNELS as readonly string[]).includes(input.channel)) out.push({ field: 'channel', code: 'required', nl: 'Kies hoe de vraag binnenkwam.', en: 'Choose how the question came in.' });
  if (!(CONTACT_TOPICS as readonly string[]).includes(input.topic)) out.push({ field: 'topic', code: 'required', nl: 'Kies waarover de vraag gaat.', en: 'Choose what the question is about.' });
  if (!input.summary.trim()) out.push({ field: 'summary', code: 'required', nl: 'Schrijf kort wat de vraag is.', en: 'Write briefly what the question is.' });
  if (input.summary.length > 2000) out.push({ field: 'summary', code: 'too_long', nl: 'Schrijf hoogstens 2000 tekens.', en: 'Write at most 2000 characters.' });
  if ((input.contactName ?? '').length > 200) out.push({ field: 'contactName', code: 'too_long', nl: 'Schrijf hoogstens 200 tekens.', en: 'Write at most 200 characters.' });
  if ((input.followUp ?? '').length > 1000) out.push({ field: 'followUp', code: 'too_long', nl: 'Schrijf hoogstens 1000 tekens.', en: 'Write at most 1000 characters.' });
  if (input.followUpDue) {
    if (!isCalendarDate(input.followUpDue)) out.push({ field: 'followUpDue', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    else if (input.followUpDue < day) out.push({ field: 'followUpDue', code: 'date.past', nl: 'Kies vandaag of later.', en: 'Choose today or later.' });
  }
  return out;
}

export async function recordContact(ctx: AppContext, actor: Actor, input: ContactInput) {
  return runUseCase(ctx, actor, 'contact.record', async (tx) => {
    const deskId = deskOf(actor);
    const problems = checkContact(input, today(ctx));
    if (problems.length) throw invalidFields(problems);
    const row = await tx
      .insertInto('contact')
      .values({
        desk_id: deskId,
        channel: input.channel as ContactChannel,
        topic: input.topic as ContactTopic,
        summary: input.summary.trim(),
        contact_name: input.contactName?.trim() || null,
        follow_up: input.followUp?.trim() || null,
        follow_up_due: input.followUpDue || null,
        created_by: actor.userId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'contact.record', [row.id]);
    return { id: row.id };
  });
}

export async function listContacts(ctx: AppContext, actor: Actor, status: 'open' | 'done' = 'open') {
  return runUseCase(ctx, actor, 'contact.read', async (tx) => {
    const rows = await tx
      .selectFrom('contact')
      .leftJoin('request', 'request.id', 'contact.request_id')
      .select(['contact.id', 'contact.channel', 'contact.topic', 'contact.summary', 'contact.contact_name', 'contact.follow_up', 'contact.follow_up_due', 'contact.status', 'contact.created_at', 'contact.request_id', 'request.number as request_number'])
      .where('contact.desk_id', '=', deskOf(actor))
      .where('contact.status', '=', status)
      .orderBy('contact.created_at', 'desc')
      .limit(200)
      .execute();
    await audit(tx, actor, 'contact.list', rows.map((r) => r.id));
    const day = today(ctx);
    return rows.map((r) => ({
      id: r.id, channel: r.channel, topic: r.topic, summary: r.summary, contactName: r.contact_name, followUp: r.follow_up, followUpDue: r.follow_up_due,
      overdue: r.status === 'open' && r.follow_up_due !== null && r.follow_up_due < day, status: r.status, createdAt: r.created_at.toISOString(), requestId: r.request_id, requestNumber: r.request_number,
    }));
  });
}

async function ownContact(tx: Tx, actor: Actor, id: string) {
  const c = /^[0-9a-f-]{36}$/i.test(id) ? await tx.selectFrom('contact').selectAll().where('id', '=', id).where('desk_id', '=', deskOf(actor)).forUpdate().executeTakeFirst() : undefined;
  if (!c) throw notFound({ nl: 'Dit contact', en: 'This contact' });
  return c;
}

export async function getContact(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'contact.read', async (tx) => {
    const c = await ownContact(tx, actor, id);
    await audit(tx, actor, 'contact.read', [c.id]);
    return { id: c.id, channel: c.channel, topic: c.topic, summary: c.summary, contactName: c.contact_name, followUp: c.follow_up, followUpDue: c.follow_up_due, status: c.status, requestId: c.request_id };
  });
}

export async function closeContact(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'contact.record', async (tx) => {
    const c = await ownContact(tx, actor, id);
    await tx.updateTable('contact').set({ status: 'done', closed_at: ctx.now() }).where('id', '=', c.id).execute();
    await audit(tx, actor, 'contact.close', [c.id]);
    return { id: c.id, status: 'done' as const };
  });
}

/**
 * A childcare question becomes a request in one step, registered on the family's behalf with the consent the
 * desk worker recorded; the contact keeps the link and its follow-up closes. One transaction: all or nothing.
 */
export async function registerFromContact(ctx: AppContext, actor: Actor, contactId: string, input: RegistrationInput) {
  return runUseCase(ctx, actor, 'request.register', async (tx) => {
    const c = await ownContact(tx, actor, contactId);
    if (c.request_id) throw new UserError('conflict', 'contact.already_registered', null, { nl: 'Voor dit contact is al een aanvraag geregistreerd.', en: 'A request was already registered for this contact.' });
    const result = await registerInTransaction(tx, ctx, actor, input);
    const requestId = result.request?.id ?? null;
    const familyId = requestId ? (await tx.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select('child.family_id').where('request.id', '=', requestId).executeTakeFirst())?.family_id ?? null : null;
    await tx.updateTable('contact').set({ request_id: requestId, family_id: familyId, status: 'done', closed_at: ctx.now() }).where('id', '=', c.id).execute();
    return result;
  });
}
