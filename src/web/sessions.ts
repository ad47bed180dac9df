// Browser sessions kept in the database, so that any app instance serves any request: cookie, CSRF token, language, form draft.
// A visitor who has only looked around has no row: the cookie carries the language and a random key the CSRF token
// is derived from, and the row is written the first time the session holds something (a draft, a login step).
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { sha256 } from '../app/portal/accounts.ts';

export const SESSION_COOKIE = 'nabij_sessie';

/** Over https a cookie is named `__Host-…`: the browser then keeps it to this exact host, path / and https only. */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}
/** A logged-in session ends after 8 hours; an anonymous one (language, CSRF token) after 2. */
const HOURS = { account: 8, anonymous: 2 };

export interface Session {
  idHash: string;
  accountId: string | null;
  /** A staff member's session (the workspace); a session has an account or a user, not both. */
  userId: string | null;
  csrf: string;
  language: string;
  draft: Record<string, unknown> | null;
  oidc: Record<string, string> | null;
  /** False until the session holds something; then saveSession writes its row. */
  stored: boolean;
  /** The random key of a session without a row (its cookie carries it). */
  key?: string;
}

const ANONYMOUS_COOKIE = /^a\.([a-z]{2})\.([A-Za-z0-9_-]{43})$/;

/** A visitor's session with no row yet. Its CSRF token is a hash of the cookie's key, which only the browser holds. */
function unstored(key: string, language: string): Session {
  return { idHash: sha256(key), key, accountId: null, userId: null, csrf: sha256(`csrf:${key}`).slice(0, 32), language, draft: null, oidc: null, stored: false };
}

/** The cookie value of a session without a row: language and key, so nothing is written for a visit. */
export function anonymousCookie(s: Session): string {
  return `a.${s.language}.${s.key ?? ''}`;
}

/** A fresh visitor's session, not yet stored. */
export function anonymousSession(language: string): { cookie: string; session: Session } {
  const session = unstored(randomBytes(32).toString('base64url'), language);
  return { cookie: anonymousCookie(session), session };
}

export async function loadSession(ctx: AppContext, cookie: string | undefined): Promise<Session | null> {
  if (!cookie || cookie.length > 100) return null;
  const anonymous = ANONYMOUS_COOKIE.exec(cookie);
  const key = anonymous ? (anonymous[2] as string) : cookie;
  const row = await ctx.db.selectFrom('web_session').selectAll().where('id_hash', '=', sha256(key)).where('expires_at', '>', ctx.now()).executeTakeFirst();
  if (row) return { idHash: row.id_hash, accountId: row.account_id, userId: row.user_id, csrf: row.csrf_token, language: row.language, draft: row.draft, oidc: row.oidc, stored: true };
  return anonymous ? unstored(key, anonymous[1] as string) : null;
}

/** A new session (also on every login, so a session id known before the login is worthless after it). */
export async function startSession(ctx: AppContext, values: { accountId?: string | null; userId?: string | null; language: string; draft?: Record<string, unknown> | null }): Promise<{ cookie: string; session: Session }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const hours = values.accountId || values.userId ? HOURS.account : HOURS.anonymous;
  const idHash = sha256(cookie);
  await ctx.db
    .insertInto('web_session')
    .values({ id_hash: idHash, account_id: values.accountId ?? null, user_id: values.userId ?? null, csrf_token: csrf, language: values.language, draft: values.draft ? JSON.stringify(values.draft) : null, expires_at: new Date(ctx.now().getTime() + hours * 3_600_000) })
    .execute();
  return { cookie, session: { idHash, accountId: values.accountId ?? null, userId: values.userId ?? null, csrf, language: values.language, draft: values.draft ?? null, oidc: null, stored: true } };
}

/** Writes what the session holds; a session without a row gets one now (an anonymous one lasts 2 hours). */
export async function saveSession(ctx: AppContext, s: Session): Promise<void> {
  if (!s.stored) {
    if (!s.draft && !s.oidc) return;
    await ctx.db
      .insertInto('web_session')
      .values({ id_hash: s.idHash, account_id: null, user_id: null, csrf_token: s.csrf, language: s.language, draft: s.draft ? JSON.stringify(s.draft) : null, oidc: s.oidc ? JSON.stringify(s.oidc) : null, expires_at: new Date(ctx.now().getTime() + HOURS.anonymous * 3_600_000) })
      .onConflict((oc) => oc.column('id_hash').doUpdateSet({ language: s.language, draft: s.draft ? JSON.stringify(s.draft) : null, oidc: s.oidc ? JSON.stringify(s.oidc) : null }))
      .execute();
    s.stored = true;
    return;
  }
  await ctx.db
    .updateTable('web_session')
    .set({ language: s.language, draft: s.draft ? JSON.stringify(s.draft) : null, oidc: s.oidc ? JSON.stringify(s.oidc) : null })
    .where('id_hash', '=', s.idHash)
    .execute();
}

export async function endSession(ctx: AppContext, s: Session): Promise<void> {
  await ctx.db.deleteFrom('web_session').where('id_hash', '=', s.idHash).execute();
}

/**
 * Switches the session's language: a stored session keeps it in its row; one without a row keeps it in its cookie,
 * so the new cookie value is returned for the caller to set.
 */
export async function switchLanguage(ctx: AppContext, s: Session, language: string): Promise<string | null> {
  s.language = language;
  if (s.stored) {
    await saveSession(ctx, s);
    return null;
  }
  return anonymousCookie(s);
}

/** Removes expired sessions (a job). */
export async function purgeSessions(ctx: AppContext): Promise<number> {
  const r = await ctx.db.deleteFrom('web_session').where('expires_at', '<=', ctx.now()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
