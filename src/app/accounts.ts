// Staff accounts and API tokens: creating them and turning a presented token into an actor.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { runUseCase, type AppContext } from './context.ts';
import { STAFF_ROLES, type Actor, type Channel, type Role } from './permissions.ts';

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
