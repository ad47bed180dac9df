// Webhook settings per API client: where to deliver the feed, the signing secret, and its delivery state.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { notFound, UserError } from '../../domain/errors.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { NO_ID } from '../scopes.ts';
import { addressesOf, forbiddenAddress, hostOf } from './targets.ts';

/** Consecutive failed deliveries after which a webhook is switched off until someone sets it again. */
export const MAX_FAILURES = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The client, if the actor may manage it: its own organiser's clients, or only itself when a client asks. */
async function manageableClient(tx: Tx, actor: Actor, clientId: string) {
  let q = tx.selectFrom('api_client').select(['id', 'organiser_id', 'revoked_at']).where('id', '=', UUID.test(clientId) ? clientId : NO_ID);
  if (actor.role !== 'admin' && actor.role !== 'system') q = q.where('organiser_id', '=', actor.organiserId ?? NO_ID);
  if (actor.clientId) q = q.where('id', '=', actor.clientId);
  const c = await q.executeTakeFirst();
  if (!c) throw notFound({ nl: 'Deze API-sleutel', en: 'This API client' });
  return c;
}

function view(w: { client_id: string; url: string; delivered_position: number | string; failures: number; next_attempt_at: Date; disabled_at: Date | null; last_error: string | null }) {
  return {
    clientId: w.client_id,
    url: w.url,
    deliveredCursor: String(w.delivered_position),
    failures: w.failures,
    nextAttemptAt: w.next_attempt_at.toISOString(),
    status: w.disabled_at ? ('disabled' as const) : ('active' as const),
    disabledAt: w.disabled_at?.toISOString() ?? null,
    lastError: w.last_error,
  };
}

const badUrl = () =>
  new UserError('invalid', 'webhook.url', 'url', { nl: 'Geef een volledig https-adres zonder gebruikersnaam, bijvoorbeeld https://software.example/nabij.', en: 'Give a full https address without a user name, for example https://software.example/nabij.' });

/**
 * Only https to a public address: an address (or a name resolving now to one) that is loopback, private, link-local,
 * cloud metadata and the like is refused. A name that does not resolve yet is kept: delivery checks every connection.
 */
async function checkUrl(ctx: AppContext, url: string): Promise<void> {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  const policy = { allowLocal: ctx.webhookAllowLocal === true };
  const scheme = u?.protocol === 'https:' || (policy.allowLocal && u?.protocol === 'http:');
  if (!u || !scheme || u.username || u.password) throw badUrl();
  const addresses = await addressesOf(hostOf(u));
  if (addresses.some((a) => forbiddenAddress(a, policy))) {
    throw new UserError('invalid', 'webhook.address_not_public', 'url', {
      nl: 'Dit adres wijst naar een intern of privé-netwerk. Geef het publieke https-adres van uw software.',
      en: 'This address points to an internal or private network. Give the public https address of your software.',
    });
  }
}

export interface WebhookInput {
  url: string;
  /** A new signing secret (the old one stops at once). A new webhook always gets one. */
  rotateSecret?: boolean;
  /** Where delivery starts for a new webhook: events from now on (default) or the whole feed. */
  from?: 'now' | 'start';
}

/** Sets the webhook (creates, changes the address, or switches it back on after failures). The secret is shown only when new. */
export async function setWebhook(ctx: AppContext, actor: Actor, clientId: string, input: WebhookInput) {
  return runUseCase(ctx, actor, 'webhook.manage', async (tx) => {
    const c = await manageableClient(tx, actor, clientId);
    if (c.revoked_at) throw new UserError('conflict', 'integration.client_revoked', null, { nl: 'Deze sleutel is ingetrokken.', en: 'This client was revoked.' });
    await checkUrl(ctx, input.url);
    const existing = await tx.selectFrom('webhook').select(['client_id', 'url', 'disabled_at']).where('client_id', '=', c.id).forUpdate().executeTakeFirst();
    const secret = !existing || input.rotateSecret ? `whsec_${randomBytes(32).toString('base64url')}` : null;
    if (!existing) {
      const last = input.from === 'start' ? 0 : Number((await sql<{ p: string | null }>`select max(position) as p from event where organiser_id = ${c.organiser_id}`.execute(tx)).rows[0]?.p ?? 0);
      await tx.insertInto('webhook').values({ client_id: c.id, url: input.url, secret: secret as string, delivered_position: last, next_attempt_at: ctx.now() }).execute();
    } else {
      // Saving the same address again never hurries the next try: the backoff stands (no quick probing). A new
      // address starts afresh; a switched-off webhook is switched on, its next try no earlier than planned.
      const moved = existing.url !== input.url;
      const state = moved
        ? { failures: 0, last_error: null, disabled_at: null, next_attempt_at: ctx.now() }
        : existing.disabled_at
          ? { failures: 0, disabled_at: null, next_attempt_at: sql<Date>`greatest(next_attempt_at, ${ctx.now()})` }
          : {};
      await tx
        .updateTable('webhook')
        .set({ url: input.url, updated_at: ctx.now(), ...state, ...(secret ? { secret } : {}) })
        .where('client_id', '=', c.id)
        .execute();
    }
    await audit(tx, actor, 'webhook.set', []);
    const w = await tx.selectFrom('webhook').selectAll().where('client_id', '=', c.id).executeTakeFirstOrThrow();
    return { ...view(w), secret };
  });
}

export async function getWebhook(ctx: AppContext, actor: Actor, clientId: string) {
  return runUseCase(ctx, actor, 'webhook.manage', async (tx) => {
    const c = await manageableClient(tx, actor, clientId);
    const w = await tx.selectFrom('webhook').selectAll().where('client_id', '=', c.id).executeTakeFirst();
    if (!w) throw notFound({ nl: 'Deze webhook', en: 'This webhook' });
    return view(w);
  });
}

export async function removeWebhook(ctx: AppContext, actor: Actor, clientId: string) {
  return runUseCase(ctx, actor, 'webhook.manage', async (tx) => {
    const c = await manageableClient(tx, actor, clientId);
    const gone = await tx.deleteFrom('webhook').where('client_id', '=', c.id).returning('client_id').executeTakeFirst();
    if (!gone) throw notFound({ nl: 'Deze webhook', en: 'This webhook' });
    await audit(tx, actor, 'webhook.remove', []);
    return { clientId: c.id, removed: true };
  });
}
