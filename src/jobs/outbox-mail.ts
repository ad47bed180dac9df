// Sends the families' mail from the outbox: after the change committed, with retries and backoff, one instance per row.
import { sql } from 'kysely';
import type { AppContext, Tx } from '../app/context.ts';
import { hasTemplate, render, type Mail } from '../app/mail-templates.ts';
import { proofFacts, proofOfRegistration } from '../app/letters.ts';

export interface OutgoingMail extends Mail {
  to: string;
  attachments?: Array<{ filename: string; content: Uint8Array; contentType: string }>;
  /** Stable per outbox row, so a resent message can be recognised. */
  messageId: string;
}

export type SendMail = (mail: OutgoingMail) => Promise<void>;

/** The outbox topics that are mail to the family (the others are notices for providers and desks). */
export const FAMILY_TOPICS = ['request.registered', 'offer.made', 'offer.reminder', 'offer.expired.family', 'placement.confirmed', 'request.lapsed'];

/** Wait before the next try: 30 s, 1 min, 2 min … at most one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

const LOCALE: Record<string, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE', ar: 'ar' };

/** One try at sending an outbox row: marked sent, or its failure recorded with the next try after the backoff. */
export async function attempt(tx: Tx, ctx: AppContext, row: { id: number; attempts: number }, send: () => Promise<void>): Promise<boolean> {
  const attempts = row.attempts + 1;
  try {
    await send();
    await tx.updateTable('outbox').set({ sent_at: ctx.now(), attempts, last_error: null }).where('id', '=', String(row.id)).execute();
    return true;
  } catch (err) {
    await tx
      .updateTable('outbox')
      .set({ attempts, last_error: String(err instanceof Error ? err.message : err).slice(0, 500), next_attempt_at: new Date(ctx.now().getTime() + backoffSeconds(attempts) * 1000) })
      .where('id', '=', String(row.id))
      .execute();
    return false;
  }
}

function brusselsDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(LOCALE[language] ?? 'nl-BE', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * Delivers up to `batch` pending family mails. Rows are claimed with FOR UPDATE SKIP LOCKED, so two instances never
 * take the same row; a failure is recorded with its backoff and the row is tried again later.
 * Families without an e-mail address are left for the printed-letter queue.
 */
export async function deliverMail(ctx: AppContext, send: SendMail, batch = 20): Promise<{ sent: number; failed: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await sql<{ id: number; topic: string; payload: Record<string, string>; attempts: number; email: string; language: string }>`
      select o.id, o.topic, o.payload, o.attempts, g.email, g.preferred_language as language
      from outbox o join guardian g on g.id = (o.recipient->>'guardianId')::uuid
      where o.sent_at is null and o.next_attempt_at <= ${ctx.now()} and g.email is not null
        and o.topic in (${sql.join(FAMILY_TOPICS)})
      order by o.id limit ${batch} for update of o skip locked`.execute(tx);
    let sent = 0;
    let failed = 0;
    for (const r of rows.rows) {
      if (!hasTemplate(r.topic)) continue;
      const p = r.payload;
      const mail = render(r.topic, r.language, {
        requestNumber: p.requestNumber ?? '',
        location: p.location,
        start: p.start,
        deadline: p.deadline ? brusselsDateTime(p.deadline, r.language) : undefined,
      });
      const proof = r.topic === 'request.registered' && p.requestId ? await proofFacts(tx, p.requestId) : null;
      const attachments = proof ? [{ filename: `inschrijving-${proof.requestNumber}.pdf`, content: await proofOfRegistration(proof), contentType: 'application/pdf' }] : undefined;
      if (await attempt(tx, ctx, r, () => send({ ...mail, to: r.email, messageId: `<outbox-${r.id}@nabij>`, ...(attachments ? { attachments } : {}) }))) sent++;
      else failed++;
    }
    return { sent, failed };
  });
}

/** Notices for providers: their staff's addresses get them (Dutch, with the English line below). */
export const PROVIDER_TOPICS = ['offer.declined', 'offer.withdrawn', 'offer.expired'];

const PROVIDER_TEXT: Record<string, (number: string, location: string) => { subject: string; text: string }> = {
  'offer.declined': (n, l) => ({ subject: `Aanbod geweigerd: ${n}`, text: `De familie weigerde het aanbod van ${l} voor aanvraag ${n}. De plaats is weer vrij.\nThe family declined the offer of ${l} for request ${n}. The place is free again.` }),
  'offer.withdrawn': (n, l) => ({ subject: `Aanbod ingetrokken: ${n}`, text: `Het aanbod van ${l} voor aanvraag ${n} is ingetrokken: de familie aanvaardde een plaats die ze liever had.\nThe offer of ${l} for request ${n} was withdrawn: the family accepted a place it preferred.` }),
  'offer.expired': (n, l) => ({ subject: `Aanbod vervallen: ${n}`, text: `De familie antwoordde niet op tijd op het aanbod van ${l} voor aanvraag ${n}. De plaats is weer vrij.\nThe family did not answer the offer of ${l} for request ${n} in time. The place is free again.` }),
};

export async function deliverProviderNotices(ctx: AppContext, send: SendMail, batch = 20): Promise<{ sent: number; failed: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await sql<{ id: number; topic: string; attempts: number; location: string; number: string; emails: string[] | null }>`
      select o.id, o.topic, o.attempts, l.name as location, coalesce(r.number, '') as number,
             (select array_agg(u.email order by u.email) from app_user u where u.role = 'provider_staff' and u.organiser_id = l.organiser_id) as emails
      from outbox o
      join location l on l.id = (o.recipient->>'locationId')::uuid
      left join offer f on f.id = (o.payload->>'offerId')::uuid
      left join request r on r.id = f.request_id
      where o.sent_at is null and o.next_attempt_at <= ${ctx.now()} and o.topic in (${sql.join(PROVIDER_TOPICS)})
      order by o.id limit ${batch} for update of o skip locked`.execute(tx);
    let sent = 0;
    let failed = 0;
    for (const r of rows.rows) {
      if (!r.emails?.length) {
        // No staff address known: nothing to send; the notice stays visible in the offer's history.
        await tx.updateTable('outbox').set({ sent_at: ctx.now(), last_error: 'no provider staff address' }).where('id', '=', String(r.id)).execute();
        continue;
      }
      const text = (PROVIDER_TEXT[r.topic] as (n: string, l: string) => { subject: string; text: string })(r.number, r.location);
      if (await attempt(tx, ctx, r, () => send({ ...text, dir: 'ltr', to: r.emails!.join(', '), messageId: `<outbox-${r.id}@nabij>` }))) sent++;
      else failed++;
    }
    return { sent, failed };
  });
}

/** Mail about the parent's own portal account: confirm the address, or set a new password. */
export const ACCOUNT_TOPICS = ['account.verify', 'account.reset'];

const ACCOUNT_TEXT: Record<string, Record<string, (link: string) => { subject: string; text: string }>> = {
  'account.verify': {
    nl: (l) => ({ subject: 'Bevestig uw e-mailadres', text: `Welkom bij Nabij. Klik op deze link om uw e-mailadres te bevestigen:\n${l}\nDe link werkt 48 uur. Hebt u geen account gemaakt? Dan mag u deze mail negeren.` }),
    en: (l) => ({ subject: 'Confirm your e-mail address', text: `Welcome to Nabij. Click this link to confirm your e-mail address:\n${l}\nThe link works for 48 hours. Did you not make an account? Then you can ignore this mail.` }),
    fr: (l) => ({ subject: 'Confirmez votre adresse e-mail', text: `Bienvenue sur Nabij. Cliquez sur ce lien pour confirmer votre adresse e-mail :\n${l}\nLe lien fonctionne 48 heures. Vous n'avez pas créé de compte ? Ignorez ce message.` }),
    ar: (l) => ({ subject: 'أكّد بريدك الإلكتروني', text: `مرحبًا بك في Nabij. اضغط على هذا الرابط لتأكيد بريدك الإلكتروني:\n${l}\nيعمل الرابط لمدة 48 ساعة. إذا لم تنشئ حسابًا، تجاهل هذه الرسالة.` }),
  },
  'account.reset': {
    nl: (l) => ({ subject: 'Een nieuw wachtwoord kiezen', text: `Met deze link kiest u een nieuw wachtwoord voor Nabij:\n${l}\nDe link werkt 2 uur. Vroeg u niets aan? Dan mag u deze mail negeren; uw wachtwoord blijft hetzelfde.` }),
    en: (l) => ({ subject: 'Choose a new password', text: `With this link you choose a new password for Nabij:\n${l}\nThe link works for 2 hours. Did you not ask for this? Then ignore this mail; your password stays the same.` }),
    fr: (l) => ({ subject: 'Choisir un nouveau mot de passe', text: `Avec ce lien, vous choisissez un nouveau mot de passe pour Nabij :\n${l}\nLe lien fonctionne 2 heures. Vous n'avez rien demandé ? Ignorez ce message ; votre mot de passe ne change pas.` }),
    ar: (l) => ({ subject: 'اختر كلمة مرور جديدة', text: `بهذا الرابط تختار كلمة مرور جديدة لـ Nabij:\n${l}\nيعمل الرابط لمدة ساعتين. إذا لم تطلب ذلك، تجاهل هذه الرسالة؛ كلمة المرور تبقى كما هي.` }),
  },
};

/**
 * Sends account mail. The link holds a one-time secret: once sent, it is removed from the outbox row, so the
 * outbox never keeps a usable link.
 */
export async function deliverAccountMail(ctx: AppContext, send: SendMail, batch = 20): Promise<{ sent: number; failed: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await sql<{ id: number; topic: string; payload: Record<string, string>; attempts: number; email: string; language: string }>`
      select o.id, o.topic, o.payload, o.attempts, a.email, a.language
      from outbox o join portal_account a on a.id = (o.recipient->>'accountId')::uuid
      where o.sent_at is null and o.next_attempt_at <= ${ctx.now()} and a.email is not null and o.topic in (${sql.join(ACCOUNT_TOPICS)})
      order by o.id limit ${batch} for update of o skip locked`.execute(tx);
    let sent = 0;
    let failed = 0;
    for (const r of rows.rows) {
      const texts = ACCOUNT_TEXT[r.topic] as Record<string, (link: string) => { subject: string; text: string }>;
      const lang = texts[r.language] ? r.language : 'nl';
      const mail = (texts[lang] as (link: string) => { subject: string; text: string })(`${ctx.publicUrl ?? 'http://localhost:3000'}${r.payload.path ?? '/portaal'}`);
      if (await attempt(tx, ctx, r, () => send({ ...mail, dir: lang === 'ar' ? 'rtl' : 'ltr', to: r.email, messageId: `<outbox-${r.id}@nabij>` }))) {
        sent++;
        await tx.updateTable('outbox').set({ payload: JSON.stringify({ language: lang, sent: true }) }).where('id', '=', String(r.id)).execute();
      } else failed++;
    }
    return { sent, failed };
  });
}
