// Routes for children and their families.
import { getChild, recordBirth } from '../../app/children.ts';
import type { AppContext } from '../../app/context.ts';
import { BirthBody, IdParams } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerFamilyRoutes(app: App, ctx: AppContext) {
  app.get('/children/:id', { config: { action: 'child.read' }, schema: { tags: ['children'], summary: 'A child with its family, requests and consents', params: IdParams } }, (req) =>
    getChild(ctx, req.actor, req.params.id),
  );
  app.post(
    '/children/:id/birth',
    { config: { action: 'child.record_birth' }, schema: { tags: ['children'], summary: 'Record the birth of a child registered before birth', params: IdParams, body: BirthBody } },
    (req) => recordBirth(ctx, req.actor, req.params.id, req.body),
  );
}
