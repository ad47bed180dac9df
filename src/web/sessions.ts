// Browser sessions kept in the database, so that any app instance serves any request: cookie, CSRF token, language, form draft.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { sha256 } from '../app/portal/accounts.ts';

export const SESSION_COOKIE = 'nabij_sessie';
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
}

export async function loadSession(ctx: AppContext, cookie: string | undefined): Promise<Session | null> {
  if (!cookie || cookie.length > 100) return null;
  const row = await ctx.db.selectFrom('web_session').selectAll().where('id_hash', '=', sha256(cookie)).where('expires_at', '>', ctx.now()).executeTakeFirst();
  if (!row) return null;
  return { idHash: row.id_hash, accountId: row.account_id, userId: row.user_id, csrf: row.csrf_token, language: row.language, draft: row.draft, oidc: row.oidc };
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
  return { cookie, session: { idHash, accountId: values.accountId ?? null, userId: values.userId ?? null, csrf, language: values.language, draft: values.draft ?? null, oidc: null } };
}

export async function saveSession(ctx: AppContext, s: Session): Promise<void> {
  await ctx.db
    .updateTable('web_session')
    .set({ language: s.language, draft: s.draft ? JSON.stringify(s.draft) : null, oidc: s.oidc ? JSON.stringify(s.oidc) : null })
    .where('id_hash', '=', s.idHash)
    .execute();
}

export async function endSession(ctx: AppContext, s: Session): Promise<void> {
  await ctx.db.deleteFrom('web_session').where('id_hash', '=', s.idHash).execute();
}

/** Removes expired sessions (a job). */
export async function purgeSessions(ctx: AppContext): Promise<number> {
  const r = await ctx.db.deleteFrom('web_session').where('expires_at', '<=', ctx.now()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
