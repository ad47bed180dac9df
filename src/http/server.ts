// Builds the Fastify app: authentication, the permission check per route, OpenAPI, error mapping and all routes.
import { createHash } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import { actorForToken } from '../app/accounts.ts';
import type { AppContext } from '../app/context.ts';
import { ANONYMOUS, authorise, isAction, type Action, type Actor } from '../app/permissions.ts';
import { UserError } from '../domain/errors.ts';
import { handleError, rejectNonFiniteNumbers, rejectUnsafeText } from './errors.ts';
import { registerCapacityRoutes } from './routes/capacity.ts';
import { registerDuplicateRoutes } from './routes/duplicates.ts';
import { registerFollowUpRoutes } from './routes/follow-up.ts';
import { registerMatchingRoutes } from './routes/matching.ts';
import { registerOfferRoutes } from './routes/offers.ts';
import { registerFamilyRoutes } from './routes/families.ts';
import { registerPlaceRoutes } from './routes/places.ts';
import { registerPriorityRoutes } from './routes/priority.ts';
import { registerRequestRoutes } from './routes/requests.ts';
import { registerReportingRoutes } from './routes/reporting.ts';
import { registerIntegrationRoutes } from './routes/integration.ts';
import { registerLinkedDataRoutes } from './routes/linked-data.ts';
import { registerFamilySupportRoutes } from './routes/family-support.ts';
import { registerImportRoutes } from './routes/imports.ts';
import { registerPrivacyRoutes } from './routes/privacy.ts';
import { ACCESS_TOKEN_PREFIX, actorForAccessToken } from '../app/integration/clients.ts';
import { registerPortal, type PortalOptions } from '../web/portal/routes.ts';
import { WORKSPACE_MODULES } from '../web/workspace/modules.ts';
import { registerWorkspace } from '../web/workspace/routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Every route with the action it declares, in registration order (the authorisation matrix test reads it). */
    routeActions: RouteAction[];
  }
  interface FastifyContextConfig {
    /** The permission this route needs; a route without one stops the server from starting. */
    action?: Action;
  }
}

export interface RouteAction {
  method: string;
  url: string;
  action: Action;
  /** The query parameters its schema names, so generated tests can fill tenant ids in. */
  query: string[];
}

// ajv-formats is CommonJS: its default export arrives wrapped once more under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface ServerOptions {
  logger?: boolean | object;
  /** Adds routes before start-up (tests use it to prove the permission guard). */
  extend?: (app: App) => void;
  /** The parent portal's government login and public address. */
  portal?: PortalOptions;
  /** NABIJ_TRUST_PROXY: the proxies whose X-Forwarded-For gives the client address (request.ip); none by default. */
  trustProxy?: boolean | number | string;
}

/**
 * The policy for the few HTML pages under /api (the dashboard): no scripts but our own, and only the exact inline
 * style blocks the page carries (allowed by their hash, so nothing injected can style or script the page).
 */
function pagePolicy(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  return [`default-src 'self'`, `script-src 'self'`, `style-src 'self' ${hashes.join(' ')}`.trim(), `img-src 'self' data:`, `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`, `form-action 'self'`].join('; ');
}

function newAjv(coerceTypes: 'array' | false): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, addUsedSchema: false, strict: false });
  addFormats(ajv);
  return ajv;
}

/** Routes served by plugins (API documentation) that carry no personal data. */
const EXEMPT_PREFIXES = ['/api/docs'];

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    // A hop count is accepted at run time (proxy-addr), though Fastify's types name only true, addresses and a function.
    trustProxy: (options.trustProxy ?? false) as boolean | string,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Query strings and paths are text, so their numbers and lists are coerced; a JSON body is never coerced:
  // `"givenName": 5` or `["a"]` is a 400 naming the field, not the string "5".
  const validators = { coercing: newAjv('array'), strict: newAjv(false) };
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? validators.strict : validators.coercing).compile(schema));

  const routeActions: RouteAction[] = [];
  app.decorate('routeActions', routeActions);
  app.addHook('onRoute', (route) => {
    if (EXEMPT_PREFIXES.some((p) => route.url.startsWith(p))) return;
    const action = (route.config as { action?: string } | undefined)?.action;
    if (!action || !isAction(action)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission action (config.action).`);
    }
    const query = Object.keys((route.schema?.querystring as { properties?: object } | undefined)?.properties ?? {});
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeActions.push({ method, url: route.url, action, query });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Nabij API', version: '1', description: 'Eén inschrijving per kind, eerlijke toewijzing en een breed gezinsloket. One childcare registration per child, fair matching and a broad family desk.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic', description: 'client_id and client_secret, for the token endpoint only' } } },
      security: [{ bearer: [] }],
    },
  });
  // The documentation runs only its own bundled scripts: no inline script, no other origin, no framing.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: "default-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'",
  });

  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    const header = request.headers.authorization;
    // HTTP Basic carries client credentials to the token endpoint; it identifies nobody elsewhere.
    if (!header || /^Basic\s/i.test(header)) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const token = m?.[1];
    const actor = !token ? null : token.startsWith(ACCESS_TOKEN_PREFIX) ? await actorForAccessToken(ctx, token) : await actorForToken(ctx.db, token, 'api');
    if (!actor) {
      throw new UserError('unauthenticated', 'auth.invalid_token', null, {
        nl: 'Uw sleutel is ongeldig of ingetrokken. Meld u opnieuw aan.',
        en: 'Your token is invalid or revoked. Please log in again.',
      });
    }
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && key.trim()) {
      if (key.length > 200) throw new UserError('invalid', 'idempotency.key_too_long', 'Idempotency-Key', { nl: 'De sleutel is te lang (hoogstens 200 tekens).', en: 'The key is too long (at most 200 characters).' });
      // The key is scoped to the method and address: the same key on another target is another request.
      request.actor = { ...actor, idempotencyKey: `${request.method} ${request.url.split('?')[0]} ${key.trim()}` };
    } else request.actor = actor;
  });
  // Permission before validation: someone without access learns nothing from the error messages.
  app.addHook('preValidation', async (request) => {
    const action = request.routeOptions.config.action;
    if (action) authorise(request.actor, action);
  });
  app.addHook('preHandler', async (request) => {
    const parts = [
      { context: 'querystring', value: request.query },
      { context: 'params', value: request.params },
      { context: 'body', value: request.body },
    ];
    rejectNonFiniteNumbers(parts);
    rejectUnsafeText(parts);
  });
  // Security headers on every answer; the portal sets its own stricter page policy first, and those are kept.
  const hsts = ctx.publicUrl?.startsWith('https://') ?? false;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('X-Content-Type-Options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('Referrer-Policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options')) reply.header('X-Frame-Options', 'DENY');
    if (hsts) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', html ? pagePolicy(typeof payload === 'string' ? payload : '') : "default-src 'none'; frame-ancestors 'none'");
      // Answers about families must not linger in shared caches or the browser's history.
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'route.not_found', status: 404, field: null, nl: `Het adres ${request.method} ${request.url.split('?')[0]} bestaat niet.`, en: `The address ${request.method} ${request.url.split('?')[0]} does not exist.`, details: [] },
    });
  });

  app.get('/', { config: { action: 'public.read' }, schema: { hide: true } }, async (_req, reply) => reply.redirect('/portaal'));
  app.get('/health', { config: { action: 'public.read' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      registerPlaceRoutes(api as App, ctx);
      registerRequestRoutes(api as App, ctx);
      registerFamilyRoutes(api as App, ctx);
      registerDuplicateRoutes(api as App, ctx);
      registerPriorityRoutes(api as App, ctx);
      registerCapacityRoutes(api as App, ctx);
      registerMatchingRoutes(api as App, ctx);
      registerOfferRoutes(api as App, ctx);
      registerFollowUpRoutes(api as App, ctx);
      registerReportingRoutes(api as App, ctx);
      registerIntegrationRoutes(api as App, ctx);
      registerLinkedDataRoutes(api as App, ctx);
      registerFamilySupportRoutes(api as App, ctx);
      registerImportRoutes(api as App, ctx);
      registerPrivacyRoutes(api as App, ctx);
    },
    { prefix: '/api/v1' },
  );
  registerPortal(app, ctx, options.portal);
  registerWorkspace(app, ctx, WORKSPACE_MODULES, { ...(options.portal?.publicUrl ? { publicUrl: options.portal.publicUrl } : {}) });
  options.extend?.(app);
  await app.ready();
  return app;
}
