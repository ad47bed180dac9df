// Sends the referral notices from the outbox to staff: new referral, reminder, no pickup yet, consent withdrawn. No family data in mail.
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { attempt, type SendMail } from './outbox-mail.ts';

export const REFERRAL_TOPICS = ['referral.sent', 'referral.reminder', 'referral.unanswered', 'referral.consent_withdrawn'];

/** Dutch with the English line below, like the provider notices; the mail only says where to look in Nabij. */
const TEXT: Record<string, (ref: string, days: string) => { subject: string; text: string }> = {
  'referral.sent': (ref) => ({ subject: `Nieuwe doorverwijzing (${ref})`, text: `Uw organisatie kreeg een doorverwijzing in Nabij. Open Nabij om ze te bekijken.\nYour organisation received a referral in Nabij. Open Nabij to see it.` }),
  'referral.reminder': (ref, days) => ({ subject: `Herinnering: doorverwijzing wacht (${ref})`, text: `Een doorverwijzing wacht al meer dan ${days} dagen. Neemt iemand ze op?\nA referral has been waiting more than ${days} days. Can someone pick it up?` }),
  'referral.unanswered': (ref, days) => ({ subject: `Uw doorverwijzing is nog niet opgenomen (${ref})`, text: `Uw doorverwijzing is na ${days} dagen nog niet opgenomen. De organisatie kreeg een herinnering.\nYour referral was not picked up after ${days} days. The organisation was reminded.` }),
  'referral.consent_withdrawn': (ref) => ({ subject: `Toestemming ingetrokken (${ref})`, text: `Het gezin trok zijn toestemming in. U hebt geen toegang meer tot deze doorverwijzing.\nThe family withdrew its consent. You no longer have access to this referral.` }),
};

/**
 * Delivers up to `batch` referral notices: to the staff tied to the receiving organisation (and its own address),
 * or to the referrer. Rows are claimed with SKIP LOCKED; a failure is retried after the backoff.
 */
export async function deliverReferralNotices(ctx: AppContext, send: SendMail, batch = 20): Promise<{ sent: number; failed: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await sql<{ id: number; topic: string; attempts: number; payload: Record<string, unknown>; emails: string[] | null }>`
      select x.id, x.topic, x.attempts, x.payload,
        case when x.recipient ? 'organizationId' then
          (select array_agg(distinct e order by e) from (
             select u.email as e from app_user u where u.sm_organization_id = (x.recipient->>'organizationId')::uuid
             union select o.email from sm_organization o where o.id = (x.recipient->>'organizationId')::uuid and o.email is not null) m)
        else (select array[u.email] from app_user u where u.id = (x.recipient->>'userId')::uuid) end as emails
      from outbox x
      where x.sent_at is null and x.next_attempt_at <= ${ctx.now()} and x.topic in (${sql.join(REFERRAL_TOPICS)})
      order by x.id limit ${batch} for update of x skip locked`.execute(tx);
    let sent = 0;
    let failed = 0;
    for (const r of rows.rows) {
      if (!r.emails?.length) {
        await tx.updateTable('outbox').set({ sent_at: ctx.now(), last_error: 'no address for this organisation or person' }).where('id', '=', String(r.id)).execute();
        continue;
      }
      const ref = String(r.payload.referralId ?? '').slice(0, 8);
      const mail = (TEXT[r.topic] as (ref: string, days: string) => { subject: string; text: string })(ref, String(r.payload.pickupDays ?? ''));
      const to = r.emails.join(', ');
      if (await attempt(tx, ctx, r, () => send({ ...mail, dir: 'ltr', to, messageId: `<outbox-${r.id}@nabij>` }))) sent++;
      else failed++;
    }
    return { sent, failed };
  });
}
