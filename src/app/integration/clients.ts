// API clients for provider software: issuing, rotating and revoking them, and OAuth 2.0 client-credentials tokens.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { notFound, UserError } from '../../domain/errors.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { loginCounters, succeeded, takeTry } from '../limits.ts';
import { NO_ID } from '../scopes.ts';

/** Access tokens live one hour; clients ask for a new one with their credentials. */
export const TOKEN_SECONDS = 3600;
export const ACCESS_TOKEN_PREFIX = 'nbj_at_';
const SECRET_PREFIX = 'nbj_cs_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Secrets carry 256 random bits, so one SHA-256 is enough (no password stretching needed). */
function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

function clientView(c: { id: string; organiser_id: string; name: string; created_at: Date; rotated_at: Date | null; revoked_at: Date | null }) {
  return { id: c.id, clientId: c.id, organiserId: c.organiser_id, name: c.name, createdAt: c.created_at.toISOString(), rotatedAt: c.rotated_at?.toISOString() ?? null, revokedAt: c.revoked_at?.toISOString() ?? null };
}

/** People manage clients; a client cannot mint or rotate clients (it would outlive its own revocation). */
function refuseClients(actor: Actor): void {
  if (actor.clientId) {
    throw new UserError('forbidden', 'integration.people_only', null, {
      nl: 'Alleen een medewerker kan API-sleutels beheren, niet de software zelf.',
      en: 'Only a staff member can manage API clients, not the software itself.',
    });
  }
}

/** The organiser a provider acts for, or the one an administrator names. */
async function targetOrganiser(tx: Tx, actor: Actor, organiserId: string | undefined): Promise<string> {
  const id = actor.role === 'provider_staff' ? (organiserId ?? actor.organiserId) : organiserId;
  if (!id) throw new UserError('invalid', 'required', 'organiserId', { nl: 'Kies de organisator.', en: 'Choose the organiser.' });
  const o = await tx.selectFrom('organiser').select('id').where('id', '=', id).executeTakeFirst();
  if (!o || (actor.role === 'provider_staff' && id !== actor.organiserId)) throw notFound({ nl: 'Deze organisator', en: 'This organiser' }, 'organiserId');
  return o.id;
}

async function ownClient(tx: Tx, actor: Actor, id: string) {
  let q = tx.selectFrom('api_client').selectAll().where('id', '=', UUID.test(id) ? id : NO_ID);
  if (actor.role !== 'admin' && actor.role !== 'system') q = q.where('organiser_id', '=', actor.organiserId ?? NO_ID);
  if (actor.clientId) q = q.where('id', '=', actor.clientId);
  const c = await q.forUpdate().executeTakeFirst();
  if (!c) throw notFound({ nl: 'Deze API-sleutel', en: 'This API client' });
  return c;
}

export async function createClient(ctx: AppContext, actor: Actor, input: { organiserId?: string; name: string }) {
  return runUseCase(ctx, actor, 'integration.client.manage', async (tx) => {
    refuseClients(actor);
    const organiserId = await targetOrganiser(tx, actor, input.organiserId);
    if (!input.name.trim()) throw new UserError('invalid', 'required', 'name', { nl: 'Geef de sleutel een naam, bijvoorbeeld de naam van uw software.', en: 'Give the client a name, for example your software’s name.' });
    const secret = newSecret();
    const c = await tx.insertInto('api_client').values({ organiser_id: organiserId, name: input.name.trim(), secret_hash: sha256(secret), created_by: actor.userId }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, actor, 'integration.client.create', []);
    return { ...clientView(c), clientSecret: secret };
  });
}

export async function listClients(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'integration.client.read', async (tx) => {
    let q = tx.selectFrom('api_client').selectAll();
    if (actor.role !== 'admin' && actor.role !== 'system') q = q.where('organiser_id', '=', actor.organiserId ?? NO_ID);
    if (actor.clientId) q = q.where('id', '=', actor.clientId);
    return (await q.orderBy('created_at').execute()).map(clientView);
  });
}

/** A new secret; the old one and every token issued with it stop working at once. */
export async function rotateClient(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'integration.client.manage', async (tx) => {
    refuseClients(actor);
    const c = await ownClient(tx, actor, id);
    if (c.revoked_at) throw new UserError('conflict', 'integration.client_revoked', null, { nl: 'Deze sleutel is ingetrokken. Maak een nieuwe.', en: 'This client was revoked. Create a new one.' });
    const secret = newSecret();
    const row = await tx.updateTable('api_client').set({ secret_hash: sha256(secret), rotated_at: ctx.now() }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
    await tx.deleteFrom('api_access_token').where('client_id', '=', c.id).execute();
    await audit(tx, actor, 'integration.client.rotate', []);
    return { ...clientView(row), clientSecret: secret };
  });
}

export async function revokeClient(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'integration.client.manage', async (tx) => {
    refuseClients(actor);
    const c = await ownClient(tx, actor, id);
    const row = await tx.updateTable('api_client').set({ revoked_at: c.revoked_at ?? ctx.now() }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
    await tx.deleteFrom('api_access_token').where('client_id', '=', c.id).execute();
    await tx.updateTable('webhook').set({ disabled_at: ctx.now(), last_error: 'client revoked' }).where('client_id', '=', c.id).where('disabled_at', 'is', null).execute();
    await audit(tx, actor, 'integration.client.revoke', []);
    return clientView(row);
  });
}

export interface TokenInput {
  grantType: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
}

const INVALID_CLIENT = () =>
  new UserError('unauthenticated', 'oauth.invalid_client', 'client_id', {
    nl: 'Deze client_id en dit client_secret horen niet samen, of de sleutel is ingetrokken.',
    en: 'This client_id and client_secret do not match, or the client was revoked.',
  });

/**
 * OAuth 2.0 client credentials grant: a bearer token for one hour. Wrong secrets are limited like passwords
 * (src/app/limits.ts): per client id, per client id at this address, and per address.
 */
export async function issueToken(ctx: AppContext, actor: Actor, input: TokenInput, address = 'unknown') {
  const counters = input.clientId && input.clientSecret ? loginCounters('oauth', input.clientId.toLowerCase(), address) : null;
  if (counters) await takeTry(ctx, counters);
  const issued = await runUseCase(ctx, actor, 'oauth.token', async (tx) => {
    if (input.grantType !== 'client_credentials') {
      throw new UserError('invalid', 'oauth.unsupported_grant_type', 'grant_type', { nl: 'Gebruik grant_type=client_credentials.', en: 'Use grant_type=client_credentials.' });
    }
    if (!input.clientId || !input.clientSecret) {
      throw new UserError('unauthenticated', 'oauth.invalid_client', input.clientId ? 'client_secret' : 'client_id', {
        nl: 'Stuur client_id en client_secret (HTTP Basic of in het formulier).',
        en: 'Send client_id and client_secret (HTTP Basic or in the form body).',
      });
    }
    const c = await tx.selectFrom('api_client').select(['id', 'secret_hash', 'revoked_at']).where('id', '=', UUID.test(input.clientId) ? input.clientId : NO_ID).executeTakeFirst();
    const presented = Buffer.from(sha256(input.clientSecret), 'hex');
    // Compare in constant time, and spend the same effort when the client does not exist.
    const stored = Buffer.from(c?.secret_hash ?? sha256('no client'), 'hex');
    if (!c || c.revoked_at || !timingSafeEqual(presented, stored)) throw INVALID_CLIENT();
    const token = ACCESS_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await tx.deleteFrom('api_access_token').where('client_id', '=', c.id).where('expires_at', '<', ctx.now()).execute();
    await tx.insertInto('api_access_token').values({ token_hash: sha256(token), client_id: c.id, expires_at: new Date(ctx.now().getTime() + TOKEN_SECONDS * 1000) }).execute();
    return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS };
  });
  // A wrong secret keeps its try counted (the use case threw); a right one gives it back.
  if (counters) await succeeded(ctx, counters);
  return issued;
}

/** The actor behind an access token: provider staff of the client's organiser, on the API channel; null when unknown, expired or revoked. */
export async function actorForAccessToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const row = await ctx.db
    .selectFrom('api_access_token')
    .innerJoin('api_client', 'api_client.id', 'api_access_token.client_id')
    .select(['api_client.id', 'api_client.organiser_id'])
    .where('api_access_token.token_hash', '=', sha256(token))
    .where('api_access_token.expires_at', '>', ctx.now())
    .where('api_client.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return { userId: row.id, role: 'provider_staff', deskId: null, organiserId: row.organiser_id, channel: 'api', clientId: row.id };
}
