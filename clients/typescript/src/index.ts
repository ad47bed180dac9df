// The Nabij reference client: generated operations plus token handling, the event feed and webhook checks.
import { NabijApi } from './generated.ts';
import { clientCredentials, Transport, type TransportOptions } from './runtime.ts';
import type { ReadEventsResponse } from './generated.ts';

export * from './generated.ts';
export { clientCredentials, NabijError, Transport, type TokenSource, type TransportOptions } from './runtime.ts';
export { verifySignature, type VerifyOptions } from './webhooks.ts';

/** A client for provider software: logs in with its client id and secret and renews the token itself. */
export function connect(options: { baseUrl: string; clientId: string; clientSecret: string; fetch?: typeof fetch }): NabijApi {
  const t: TransportOptions = { baseUrl: options.baseUrl, token: clientCredentials(options.baseUrl, options.clientId, options.clientSecret, options.fetch), ...(options.fetch ? { fetch: options.fetch } : {}) };
  return new NabijApi(new Transport(t));
}

export type FeedEvent = ReadEventsResponse['events'][number];

/**
 * Reads the feed from a cursor until it is caught up. Store the returned cursor only after handling the events:
 * reading again from it gives exactly the events that came after.
 */
export async function readFeedFrom(api: NabijApi, cursor: string | undefined, limit = 500): Promise<{ events: FeedEvent[]; cursor: string }> {
  const events: FeedEvent[] = [];
  let after = cursor;
  for (;;) {
    const page = await api.readEvents({ query: { ...(after !== undefined ? { after } : {}), limit } });
    events.push(...page.events);
    after = page.next;
    if (!page.more) return { events, cursor: after };
  }
}
