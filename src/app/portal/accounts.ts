// Parents' portal accounts: sign up, confirm the address, log in (password or government login), reset the password.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { invalidFields, UserError, type FieldProblem } from '../../domain/errors.ts';
import { checkNewPassword, DUMMY_HASH, EMAIL_RE, hashPassword, verifyPassword } from '../../domain/accounts/passwords.ts';
import { maskInsz, parseInsz } from '../../domain/identity/insz.ts';
import { brusselsDate } from '../../domain/dates.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import { enqueue } from '../outbox.ts';
import { ANONYMOUS, type Actor } from '../permissions.ts';
import { forgetAccount, LIMITS, loginCounters, succeeded, takeTry } from '../limits.ts';

export const LANGUAGES = ['nl', 'en', 'fr', 'ar'] as const;
export type PortalLanguage = (typeof LANGUAGES)[number];

export { LIMITS } from '../limits.ts';
const LINK_HOURS = { verify_email: 48, reset_password: 2 } as const;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function webActor(): Actor {
  return { ...ANONYMOUS, channel: 'web' };
}

async function issueLink(tx: Tx, ctx: AppContext, accountId: string, purpose: 'verify_email' | 'reset_password', language: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await tx
    .insertInto('account_token')
    .values({ token_hash: sha256(token), account_id: accountId, purpose, expires_at: new Date(ctx.now().getTime() + LINK_HOURS[purpose] * 3_600_000) })
    .execute();
  const path = purpose === 'verify_email' ? `/portaal/bevestig?token=${token}` : `/portaal/nieuw-wachtwoord?token=${token}`;
  await enqueue(tx, ctx, purpose === 'verify_email' ? 'account.verify' : 'account.reset', { accountId }, { path, language });
  return token;
}

function emailProblems(email: string): FieldProblem[] {
  return EMAIL_RE.test(email) && email.length <= 254 ? [] : [{ field: 'email', code: 'email.invalid', nl: 'Dit e-mailadres is niet geldig.', en: 'This e-mail address is not valid.' }];
}

export interface SignUpInput {
  email: string;
  password: string;
  language: PortalLanguage;
}

/**
 * Makes an account and mails a confirmation link. An address that already has an account gets a mail too (a reset
 * link) and the same answer, so the form does not reveal who has an account.
 */
export async function signUp(ctx: AppContext, input: SignUpInput, clientKey: string): Promise<{ mailed: true }> {
  const email = input.email.trim().toLowerCase();
  const problems = [...emailProblems(email), ...checkNewPassword(input.password)];
  if (problems.length) throw invalidFields(problems);
  const passwordHash = await hashPassword(input.password);
  await takeTry(ctx, [{ key: `signup:${clientKey}`, max: LIMITS.perClient }]);
  return runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const existing = await tx.selectFrom('portal_account').select(['id', 'language']).where(sql`lower(email)`, '=', email).executeTakeFirst();
    if (existing) {
      await issueLink(tx, ctx, existing.id, 'reset_password', existing.language);
      return { mailed: true as const };
    }
    const account = await tx.insertInto('portal_account').values({ email, password_hash: passwordHash, language: input.language }).returning('id').executeTakeFirstOrThrow();
    await issueLink(tx, ctx, account.id, 'verify_email', input.language);
    await audit(tx, { ...webActor(), userId: account.id }, 'account.sign_up', [account.id]);
    return { mailed: true as const };
  });
}

const badLink = () =>
  new UserError('unprocessable', 'auth.link_invalid', 'token', {
    nl: 'Deze link werkt niet meer. Misschien is hij al gebruikt of te oud. Vraag een nieuwe aan.',
    en: 'This link no longer works. It may have been used already or be too old. Ask for a new one.',
  });

async function useLink(tx: Tx, ctx: AppContext, token: string, purpose: 'verify_email' | 'reset_password') {
  const row = await tx
    .selectFrom('account_token')
    .select(['account_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= ctx.now()) throw badLink();
  await tx.updateTable('account_token').set({ used_at: ctx.now() }).where('token_hash', '=', sha256(token)).execute();
  return row.account_id;
}

export async function verifyEmail(ctx: AppContext, token: string): Promise<{ accountId: string }> {
  return runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const accountId = await useLink(tx, ctx, token, 'verify_email');
    await tx.updateTable('portal_account').set({ email_verified_at: ctx.now() }).where('id', '=', accountId).execute();
    await audit(tx, { ...webActor(), userId: accountId }, 'account.verify_email', [accountId]);
    return { accountId };
  });
}

export const wrongLogin = () =>
  new UserError('unauthenticated', 'auth.wrong_login', 'password', {
    nl: 'Dit e-mailadres en wachtwoord passen niet bij elkaar. Kijk ze na, of vraag een nieuw wachtwoord aan.',
    en: 'This e-mail address and password do not match. Check them, or ask for a new password.',
  });

/**
 * Checks e-mail and password within the limits of src/app/limits.ts: the try is counted before the password is
 * checked, so concurrent wrong passwords cannot pass the limit; a success gives its try back.
 */
export async function logIn(ctx: AppContext, input: { email: string; password: string }, clientKey: string): Promise<{ accountId: string }> {
  const email = input.email.trim().toLowerCase();
  const counters = loginCounters('login', email, clientKey);
  await takeTry(ctx, counters);
  const outcome = await runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const account = await tx.selectFrom('portal_account').select(['id', 'password_hash', 'email_verified_at']).where(sql`lower(email)`, '=', email).executeTakeFirst();
    const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_HASH);
    if (!account || !account.password_hash || !ok) return { failed: true as const };
    if (!account.email_verified_at) {
      throw new UserError('forbidden', 'auth.email_not_verified', 'email', {
        nl: 'Bevestig eerst uw e-mailadres met de link in de mail die we u stuurden. Geen mail gekregen? Kijk bij ongewenste mail, of maak het account opnieuw aan.',
        en: 'First confirm your e-mail address with the link in the mail we sent you. No mail? Check your spam folder, or sign up again.',
      });
    }
    await audit(tx, { ...webActor(), userId: account.id }, 'account.log_in', [account.id]);
    return { failed: false as const, accountId: account.id };
  }).catch(async (e: unknown) => {
    // The right password for an address not yet confirmed is no failed guess.
    if (e instanceof UserError && e.code === 'auth.email_not_verified') await succeeded(ctx, counters);
    throw e;
  });
  // A wrong password keeps its try counted.
  if (outcome.failed) throw wrongLogin();
  await succeeded(ctx, counters);
  return { accountId: outcome.accountId };
}

/** Mails a reset link when the address has an account; the answer is the same either way. */
export async function requestPasswordReset(ctx: AppContext, emailInput: string, clientKey: string): Promise<{ mailed: true }> {
  const email = emailInput.trim().toLowerCase();
  const problems = emailProblems(email);
  if (problems.length) throw invalidFields(problems);
  await takeTry(ctx, [{ key: `reset:${clientKey}`, max: LIMITS.perClient }]);
  return runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const account = await tx.selectFrom('portal_account').select(['id', 'language']).where(sql`lower(email)`, '=', email).executeTakeFirst();
    if (account) await issueLink(tx, ctx, account.id, 'reset_password', account.language);
    return { mailed: true as const };
  });
}

/** Sets a new password from a reset link; the link also proves the address, so it counts as confirmed. */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<{ accountId: string }> {
  const problems = checkNewPassword(password);
  if (problems.length) throw invalidFields(problems);
  const hash = await hashPassword(password);
  return runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const accountId = await useLink(tx, ctx, token, 'reset_password');
    await tx.updateTable('portal_account').set({ password_hash: hash, email_verified_at: sql`coalesce(email_verified_at, ${ctx.now()})` as never }).where('id', '=', accountId).execute();
    // Every other session of this account ends: whoever knew the old password is logged out.
    await tx.deleteFrom('web_session').where('account_id', '=', accountId).execute();
    await audit(tx, { ...webActor(), userId: accountId }, 'account.reset_password', [accountId]);
    return { accountId };
  }).then(async (r) => {
    // The owner proved the mailbox: tries others made on this account no longer keep them out.
    const row = await ctx.db.selectFrom('portal_account').select('email').where('id', '=', r.accountId).executeTakeFirst();
    if (row?.email) await forgetAccount(ctx, 'login', row.email);
    return r;
  });
}

export interface GovernmentClaims {
  issuer: string;
  sub: string;
  givenName?: string;
  familyName?: string;
  /** The national number (rijksregisternummer) from the `rrn` claim. */
  rrn?: string;
}

/** The account behind a government login: found by issuer and subject, made on first use. */
export async function accountForGovernmentLogin(ctx: AppContext, claims: GovernmentClaims, language: PortalLanguage): Promise<{ accountId: string }> {
  const parsed = claims.rrn ? parseInsz(claims.rrn, { today: brusselsDate(ctx.now()) }) : null;
  const rrn = parsed?.ok ? parsed.insz.value : null;
  return runUseCase(ctx, webActor(), 'account.self', async (tx) => {
    const found = await tx.selectFrom('portal_account').select('id').where('oidc_issuer', '=', claims.issuer).where('oidc_subject', '=', claims.sub).executeTakeFirst();
    const values = { given_name: claims.givenName ?? null, family_name: claims.familyName ?? null, insz: rrn };
    if (found) {
      await tx.updateTable('portal_account').set(values).where('id', '=', found.id).execute();
      await audit(tx, { ...webActor(), userId: found.id }, 'account.log_in', [found.id]);
      return { accountId: found.id };
    }
    // A parent already known by national number (registered at the desk) gets that family.
    const guardian = rrn ? await tx.selectFrom('guardian').select(['id', 'family_id']).where('insz', '=', rrn).executeTakeFirst() : undefined;
    const made = await tx
      .insertInto('portal_account')
      .values({ oidc_issuer: claims.issuer, oidc_subject: claims.sub, language, ...values, family_id: guardian?.family_id ?? null, guardian_id: guardian?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { ...webActor(), userId: made.id }, 'account.sign_up', [made.id, guardian?.id]);
    return { accountId: made.id };
  });
}

export interface AccountView {
  id: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  /** Only the birth-date part is shown. */
  inszMasked: string | null;
  hasInsz: boolean;
  language: string;
  familyId: string | null;
  guardianId: string | null;
  viaGovernmentLogin: boolean;
}

export async function loadAccount(tx: Tx | AppContext['db'], accountId: string): Promise<AccountView | null> {
  const a = await tx.selectFrom('portal_account').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!a) return null;
  return {
    id: a.id,
    email: a.email,
    givenName: a.given_name,
    familyName: a.family_name,
    inszMasked: a.insz ? maskInsz(a.insz) : null,
    hasInsz: a.insz !== null,
    language: a.language,
    familyId: a.family_id,
    guardianId: a.guardian_id,
    viaGovernmentLogin: a.oidc_subject !== null,
  };
}

/** The actor a logged-in parent acts as: the account, and the family once the first registration linked it. */
export function parentActor(account: AccountView): Actor {
  return { userId: account.id, role: 'parent', deskId: null, organiserId: null, familyId: account.familyId, channel: 'web' };
}
