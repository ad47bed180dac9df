// Public JSON-LD: the @context, locations, organisers and free capacity per municipality (no login needed).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { CONTEXT, freeCapacityJsonLd, locationsJsonLd, organisersJsonLd, type LinkedDataOptions } from '../../app/integration/linked-data.ts';
import { LinkedDataQuery } from '../integration-schemas.ts';
import type { App } from '../server.ts';

const TYPE = 'application/ld+json; charset=utf-8';

/** Absolute addresses for @id: taken from the request, so they work behind any host name. */
function options(req: FastifyRequest, context: string | undefined): LinkedDataOptions {
  const base = `${req.protocol}://${req.host}/api/v1`;
  return { base, contextUrl: context === 'link' ? `${base}/public/context.jsonld` : null };
}

export function registerLinkedDataRoutes(app: App, ctx: AppContext) {
  const config = { action: 'public.read' as const };
  const tags = ['linked data'];
  app.get('/public/context.jsonld', { config, schema: { tags, operationId: 'getJsonLdContext', summary: 'The JSON-LD @context: Nabij fields on OSLO terms' } }, async (_req, reply) =>
    reply.type(TYPE).header('cache-control', 'public, max-age=3600').send({ '@context': CONTEXT }),
  );
  app.get('/public/locations.jsonld', { config, schema: { tags, operationId: 'getLocationsJsonLd', summary: 'Childcare locations as JSON-LD (OSLO Organisatie Basis: Vestiging, Adresregister: adres)', querystring: LinkedDataQuery } }, async (req, reply) =>
    reply.type(TYPE).send(await locationsJsonLd(ctx, req.actor, options(req, req.query.context))),
  );
  app.get('/public/organisers.jsonld', { config, schema: { tags, operationId: 'getOrganisersJsonLd', summary: 'Organisers as JSON-LD (registered organisations with their KBO number)', querystring: LinkedDataQuery } }, async (req, reply) =>
    reply.type(TYPE).send(await organisersJsonLd(ctx, req.actor, options(req, req.query.context))),
  );
  app.get('/public/free-capacity.jsonld', { config, schema: { tags, operationId: 'getFreeCapacityJsonLd', summary: 'Free full-day seats per weekday over the next 3 months, per municipality, as JSON-LD', querystring: LinkedDataQuery } }, async (req, reply) =>
    reply.type(TYPE).send(await freeCapacityJsonLd(ctx, req.actor, options(req, req.query.context))),
  );
}
