// Staff accounts, API tokens and staff login: creating them and turning a token or a session into an actor.
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { checkNewPassword, DUMMY_HASH, hashPassword, verifyPassword } from '../domain/accounts/passwords.ts';
import { invalidFields, UserError } from '../domain/errors.ts';
import { audit, runUseCase, type AppContext } from './context.ts';
import { ANONYMOUS, STAFF_ROLES, type Actor, type Channel, type Role } from './permissions.ts';
import { wrongLogin } from './portal/accounts.ts';
import { forgetAccount, loginCounters, succeeded, takeTry } from './limits.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  deskId?: string | null;
  organiserId?: string | null;
}

/** Creates a staff account with one API token; the token is returned once and only its hash is kept. */
export async function createUserWithToken(db: Kysely<Database>, user: NewUser, token = `nbj_${randomBytes(24).toString('base64url')}`) {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('app_user')
      .values({ name: user.name, email: user.email.toLowerCase(), role: user.role, desk_id: user.deskId ?? null, organiser_id: user.organiserId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('api_token').values({ token_hash: hashToken(token), user_id: row.id, label: 'default' }).execute();
    return { userId: row.id, token };
  });
}

/** The actor behind a bearer token, or null when the token is unknown or revoked. */
export async function actorForToken(db: Kysely<Database>, token: string, channel: Channel): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['app_user.id', 'app_user.role', 'app_user.desk_id', 'app_user.organiser_id'])
    .where('api_token.token_hash', '=', hashToken(token))
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !(STAFF_ROLES as readonly string[]).includes(row.role)) return null;
  return { userId: row.id, role: row.role as Role, deskId: row.desk_id, organiserId: row.organiser_id, channel };
}

export async function getMe(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'me.read', async (tx) => {
    const u = await tx.selectFrom('app_user').select(['id', 'name', 'email', 'role', 'desk_id', 'organiser_id']).where('id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    return u ? { id: u.id, name: u.name, email: u.email, role: u.role, deskId: u.desk_id, organiserId: u.organiser_id } : null;
  });
}

/** The actor behind a staff member's browser session, or null when the account no longer exists or is no staff role. */
export async function staffActor(db: Kysely<Database>, userId: string, channel: Channel = 'web'): Promise<(Actor & { name: string; email: string }) | null> {
  const row = await db.selectFrom('app_user').select(['id', 'name', 'email', 'role', 'desk_id', 'organiser_id']).where('id', '=', userId).executeTakeFirst();
  if (!row || !(STAFF_ROLES as readonly string[]).includes(row.role)) return null;
  return { userId: row.id, role: row.role as Role, deskId: row.desk_id, organiserId: row.organiser_id, channel, name: row.name, email: row.email };
}

/**
 * Staff login with e-mail and password (the embedded default; production uses the municipality's single sign-on).
 * The same limits as the portal (src/app/limits.ts), counted before the password is checked.
 */
export async function staffLogIn(ctx: AppContext, input: { email: string; password: string }, clientKey: string): Promise<{ userId: string }> {
  const email = input.email.trim().toLowerCase();
  const counters = loginCounters('staff-login', email, clientKey);
  await takeTry(ctx, counters);
  const web: Actor = { ...ANONYMOUS, channel: 'web' };
  const outcome = await runUseCase(ctx, web, 'account.self', async (tx) => {
    const user = await tx.selectFrom('app_user').select(['id', 'password_hash', 'role']).where(sql`lower(email)`, '=', email).executeTakeFirst();
    const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !user.password_hash || !ok || !(STAFF_ROLES as readonly string[]).includes(user.role)) return { failed: true as const };
    await audit(tx, { ...web, userId: user.id }, 'staff.log_in', [user.id]);
    return { failed: false as const, userId: user.id };
  });
  if (outcome.failed) throw wrongLogin();
  await succeeded(ctx, counters);
  return { userId: outcome.userId };
}

/** Sets a staff member's password (the CLI, or the demo); the rules are the portal's. */
export async function setStaffPassword(db: Kysely<Database>, email: string, password: string): Promise<void> {
  const problems = checkNewPassword(password);
  if (problems.length) throw invalidFields(problems);
  const hash = await hashPassword(password);
  const r = await db.updateTable('app_user').set({ password_hash: hash }).where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new UserError('not_found', 'user.not_found', 'email', { nl: 'Er is geen medewerker met dit e-mailadres.', en: 'There is no staff member with this e-mail address.' });
  await forgetAccount({ db, now: () => new Date() }, 'staff-login', email);
  // Whoever was logged in with the old password is logged out.
  await db.deleteFrom('web_session').where('user_id', 'in', db.selectFrom('app_user').select('id').where(sql`lower(email)`, '=', email.trim().toLowerCase())).execute();
}
