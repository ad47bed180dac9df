// Routes of the integration API: OAuth token, API clients, webhooks, the event feed and the bulk calls for provider software.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app/context.ts';
import { publishCapacity, listPlacements, reportPlacements, requestsAtLocation } from '../../app/integration/bulk.ts';
import { createClient, issueToken, listClients, revokeClient, rotateClient } from '../../app/integration/clients.ts';
import { readFeed } from '../../app/integration/events.ts';
import { getWebhook, removeWebhook, setWebhook } from '../../app/integration/webhooks.ts';
import { parseCursor } from '../../domain/events/cloudevents.ts';
import { UserError } from '../../domain/errors.ts';
import { BulkCapacityBody, BulkResult, ClientBody, ClientView, ClientWithSecret, FeedPage, FeedQuery, LocationRequestsQuery, PlacementQuery, PlacementReportBody, TokenBody, TokenResponse, WebhookBody, WebhookView, WebhookWithSecret } from '../integration-schemas.ts';
import { IdParams } from '../schemas.ts';
import type { App } from '../server.ts';

const tags = ['integration'];
const idem = 'Send an Idempotency-Key header: a retry with the same key returns the first answer and stores nothing twice.';

/** client_id and client_secret from HTTP Basic (each form-encoded, as RFC 6749 asks). */
function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!m) return {};
  const text = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return {};
  try {
    return { id: decodeURIComponent(text.slice(0, colon).replace(/\+/g, ' ')), secret: decodeURIComponent(text.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return {};
  }
}

export function registerIntegrationRoutes(app: App, ctx: AppContext) {
  // The token endpoint takes the form encoding OAuth clients send; the parser is limited to this small plugin.
  app.register(async (oauth) => {
    oauth.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    (oauth as App).post(
      '/oauth/token',
      {
        config: { action: 'oauth.token' },
        schema: {
          tags,
          operationId: 'createToken',
          summary: 'OAuth 2.0 client credentials: exchange client_id and client_secret for a bearer token (1 hour)',
          security: [{ basic: [] }],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenBody,
          response: { 200: TokenResponse },
        },
      },
      async (req, reply) => {
        const basic = basicCredentials(req.headers.authorization);
        const body = (req.body ?? {}) as { grant_type?: string; client_id?: string; client_secret?: string };
        reply.header('cache-control', 'no-store');
        return issueToken(ctx, req.actor, { grantType: body.grant_type, clientId: basic.id ?? body.client_id, clientSecret: basic.secret ?? body.client_secret }, req.ip);
      },
    );
  });

  app.get('/integration/clients', { config: { action: 'integration.client.read' }, schema: { tags, operationId: 'listClients', summary: 'The API clients of your organiser (never their secrets)', response: { 200: Type.Array(ClientView) } } }, (req) => listClients(ctx, req.actor));
  app.post('/integration/clients', { config: { action: 'integration.client.manage' }, schema: { tags, operationId: 'createClient', summary: 'Issue an API client for provider software; the secret is shown once', body: ClientBody, response: { 201: ClientWithSecret } } }, async (req, reply) =>
    reply.status(201).send(await createClient(ctx, req.actor, req.body)),
  );
  app.post('/integration/clients/:id/rotate', { config: { action: 'integration.client.manage' }, schema: { tags, operationId: 'rotateClient', summary: 'A new secret, shown once; the old secret and its tokens stop at once', params: IdParams, response: { 200: ClientWithSecret } } }, (req) =>
    rotateClient(ctx, req.actor, req.params.id),
  );
  app.post('/integration/clients/:id/revoke', { config: { action: 'integration.client.manage' }, schema: { tags, operationId: 'revokeClient', summary: 'Revoke a client: its tokens and webhook stop at once', params: IdParams, response: { 200: ClientView } } }, (req) =>
    revokeClient(ctx, req.actor, req.params.id),
  );
  app.put('/integration/clients/:id/webhook', { config: { action: 'webhook.manage' }, schema: { tags, operationId: 'setWebhook', summary: 'Set the client’s webhook (or switch it back on); the signing secret is shown when new', params: IdParams, body: WebhookBody, response: { 200: WebhookWithSecret } } }, (req) =>
    setWebhook(ctx, req.actor, req.params.id, req.body),
  );
  app.get('/integration/clients/:id/webhook', { config: { action: 'webhook.manage' }, schema: { tags, operationId: 'getWebhook', summary: 'The webhook’s delivery state: cursor, failures, switched off or not', params: IdParams, response: { 200: WebhookView } } }, (req) =>
    getWebhook(ctx, req.actor, req.params.id),
  );
  app.delete('/integration/clients/:id/webhook', { config: { action: 'webhook.manage' }, schema: { tags, operationId: 'removeWebhook', summary: 'Remove the webhook', params: IdParams } }, (req) => removeWebhook(ctx, req.actor, req.params.id));

  app.get('/events', { config: { action: 'events.read' }, schema: { tags, operationId: 'readEvents', summary: 'The event feed (CloudEvents 1.0 JSON) of your organiser, oldest first, after a cursor', querystring: FeedQuery, response: { 200: FeedPage } } }, (req) => {
    const after = parseCursor(req.query.after);
    if (after === null) throw new UserError('invalid', 'events.cursor', 'querystring.after', { nl: 'Deze cursor is ongeldig. Gebruik de waarde van `next`.', en: 'This cursor is not valid. Use the value of `next`.' });
    return readFeed(ctx, req.actor, { after, limit: req.query.limit ?? 100 });
  });

  app.post('/integration/capacity', { config: { action: 'capacity.write' }, bodyLimit: 8 * 1_048_576, schema: { tags, operationId: 'publishCapacity', summary: 'Open seats per weekday from a date on, for many locations at once: all items or none, with a problem per item', description: idem, body: BulkCapacityBody, response: { 200: BulkResult } } }, (req) =>
    publishCapacity(ctx, req.actor, req.body.items),
  );
  app.post('/integration/placements', { config: { action: 'placement.report' }, bodyLimit: 4 * 1_048_576, schema: { tags, operationId: 'reportPlacements', summary: 'Report actual starts, earlier ends and departures of placements: all items or none', description: idem, body: PlacementReportBody, response: { 200: BulkResult } } }, (req) =>
    reportPlacements(ctx, req.actor, req.body.items),
  );
  app.get('/integration/placements', { config: { action: 'placement.read' }, schema: { tags, operationId: 'listPlacements', summary: 'Placements at your organiser’s locations', querystring: PlacementQuery } }, async (req) =>
    // Provider software gets ids and dates; names stay in the workspace, which shows them to the provider's staff.
    (await listPlacements(ctx, req.actor, req.query)).map(({ child: _child, location: _location, ...rest }) => rest),
  );
  app.get('/integration/locations/:id/requests', { config: { action: 'request.read' }, schema: { tags, operationId: 'listLocationRequests', summary: 'Requests that list one of your locations (open ones by default)', params: IdParams, querystring: LocationRequestsQuery } }, (req) =>
    requestsAtLocation(ctx, req.actor, req.params.id, req.query),
  );
}
