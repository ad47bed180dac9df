// Routes for public reference data and its upkeep: municipalities, desks, organisers, locations.
import { updateDeskSettings, createLocation, createOrganiser, getLocation, getOrganiser, listDesks, listLocations, listMunicipalities, listOrganisers } from '../../app/places.ts';
import type { AppContext } from '../../app/context.ts';
import { DeskSettingsBody, IdParams, LocationBody, LocationQuery, OrganiserBody } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerPlaceRoutes(app: App, ctx: AppContext) {
  const pub = { action: 'public.read' as const };
  app.get('/municipalities', { config: pub, schema: { tags: ['places'], summary: 'Municipalities (NIS code and name)' } }, (req) => listMunicipalities(ctx, req.actor));
  app.get('/desks', { config: pub, schema: { tags: ['places'], summary: 'Local childcare desks and the municipalities they serve' } }, (req) => listDesks(ctx, req.actor));
  app.put('/desks/:id/settings', { config: { action: 'desk.settings' }, schema: { tags: ['places'], summary: 'The desk’s own settings (offer deadline 8–14 days, response time, warning time, location cap)', params: IdParams, body: DeskSettingsBody } }, (req) =>
    updateDeskSettings(ctx, req.actor, req.params.id, req.body),
  );
  app.get('/organisers', { config: pub, schema: { tags: ['places'], summary: 'Childcare organisers' } }, (req) => listOrganisers(ctx, req.actor));
  app.get('/organisers/:id', { config: pub, schema: { tags: ['places'], params: IdParams } }, (req) => getOrganiser(ctx, req.actor, req.params.id));
  app.post('/organisers', { config: { action: 'organiser.create' }, schema: { tags: ['places'], summary: 'Register an organiser (KBO number checked)', body: OrganiserBody } }, async (req, reply) =>
    reply.status(201).send(await createOrganiser(ctx, req.actor, req.body)),
  );
  app.get('/locations', { config: pub, schema: { tags: ['places'], summary: 'Childcare locations', querystring: LocationQuery } }, (req) => listLocations(ctx, req.actor, req.query));
  app.get('/locations/:id', { config: pub, schema: { tags: ['places'], params: IdParams } }, (req) => getLocation(ctx, req.actor, req.params.id));
  app.post('/locations', { config: { action: 'location.create' }, schema: { tags: ['places'], summary: 'Add a childcare location', body: LocationBody } }, async (req, reply) =>
    reply.status(201).send(await createLocation(ctx, req.actor, req.body)),
  );
}
