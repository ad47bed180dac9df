// Delivers the event feed to webhooks: in feed order, signed, retried with backoff, switched off after repeated failures.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { forbiddenAddress, guardedLookup, hostOf, type TargetPolicy } from '../app/integration/targets.ts';
import { MAX_FAILURES } from '../app/integration/webhooks.ts';
import { toCloudEvent, type EventRow } from '../domain/events/cloudevents.ts';
import { signPayload } from '../domain/events/signature.ts';
import { backoffSeconds } from './outbox-mail.ts';

export interface WebhookOptions {
  /** Events per webhook per turn. */
  batch?: number;
  timeoutMs?: number;
}

/** What a provider may read about a failed delivery: no error text from the network, no port or host details. */
export const DELIVERY_ERRORS = { connection: 'could not deliver: connection failed', redirect: 'could not deliver: HTTP 3xx', client: 'could not deliver: HTTP 4xx', server: 'could not deliver: HTTP 5xx' } as const;

class DeliveryFailed extends Error {}

/**
 * One POST with node:http(s), not fetch: the agent's DNS lookup refuses private addresses on every connection
 * (against DNS rebinding), an address literal is checked here as it skips DNS, and redirects are never followed.
 */
function post(target: string, body: string, signature: string, timeoutMs: number, policy: TargetPolicy): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: keyof typeof DELIVERY_ERRORS) => reject(new DeliveryFailed(DELIVERY_ERRORS[why]));
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return fail('connection');
    }
    const secure = url.protocol === 'https:';
    const host = hostOf(url);
    if ((!secure && !(policy.allowLocal && url.protocol === 'http:')) || (isIP(host) && forbiddenAddress(host, policy))) return fail('connection');
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'nabij-signature': signature, 'user-agent': 'Nabij-Webhooks/1' },
      lookup: guardedLookup(policy) as never,
      timeout: timeoutMs,
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      clearTimeout(timer);
      fail('connection');
    });
    req.on('response', (res) => {
      res.resume();
      res.on('error', () => undefined);
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve();
      else fail(status >= 500 ? 'server' : status >= 400 ? 'client' : status >= 300 ? 'redirect' : 'connection');
    });
    req.end(body);
  });
}

/**
 * One turn for one webhook that is due and has undelivered events, claimed with SKIP LOCKED so instances share the
 * work. Events go out one by one in feed order; the first failure stops the turn and schedules the next try.
 * Returns null when no webhook is due.
 */
export async function deliverOneWebhook(ctx: AppContext, options: WebhookOptions = {}): Promise<{ delivered: number; failed: boolean } | null> {
  const batch = options.batch ?? 50;
  const policy: TargetPolicy = { allowLocal: ctx.webhookAllowLocal === true };
  return ctx.db.transaction().execute(async (tx) => {
    const due = await sql<{ client_id: string; url: string; secret: string; delivered_position: string; failures: number; organiser_id: string }>`
      select w.client_id, w.url, w.secret, w.delivered_position, w.failures, c.organiser_id
      from webhook w join api_client c on c.id = w.client_id
      where w.disabled_at is null and c.revoked_at is null and w.next_attempt_at <= ${ctx.now()}
        and exists (select 1 from event e where e.organiser_id = c.organiser_id and e.position > w.delivered_position)
      order by w.next_attempt_at limit 1 for update of w skip locked`.execute(tx);
    const w = due.rows[0];
    if (!w) return null;
    const events = await tx
      .selectFrom('event')
      .select(['position', 'id', 'type', 'source', 'subject', 'time', 'data'])
      .where('organiser_id', '=', w.organiser_id)
      .where('position', '>', Number(w.delivered_position))
      .orderBy('position')
      .limit(batch)
      .execute();
    let delivered = 0;
    let position = Number(w.delivered_position);
    let error: string | null = null;
    for (const e of events) {
      const body = JSON.stringify(toCloudEvent(e as EventRow));
      try {
        await post(w.url, body, signPayload(w.secret, Math.floor(ctx.now().getTime() / 1000), body), options.timeoutMs ?? 5000, policy);
        delivered++;
        position = Number(e.position);
      } catch (err) {
        error = err instanceof DeliveryFailed ? err.message : DELIVERY_ERRORS.connection;
        break;
      }
    }
    if (error === null) {
      await tx.updateTable('webhook').set({ delivered_position: position, failures: 0, last_error: null, next_attempt_at: ctx.now() }).where('client_id', '=', w.client_id).execute();
      return { delivered, failed: false };
    }
    const failures = delivered > 0 ? 1 : w.failures + 1;
    await tx
      .updateTable('webhook')
      .set({
        delivered_position: position,
        failures,
        last_error: error,
        next_attempt_at: new Date(ctx.now().getTime() + backoffSeconds(failures) * 1000),
        ...(failures >= MAX_FAILURES ? { disabled_at: ctx.now() } : {}),
      })
      .where('client_id', '=', w.client_id)
      .execute();
    return { delivered, failed: true };
  });
}

/** Delivers until no webhook is due: each turn takes one webhook, so a slow receiver does not hold up the others for long. */
export async function deliverWebhooks(ctx: AppContext, options: WebhookOptions = {}): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (let turn = 0; turn < 1000; turn++) {
    const r = await deliverOneWebhook(ctx, options);
    if (!r) break;
    delivered += r.delivered;
    if (r.failed) failed++;
  }
  return { delivered, failed };
}
