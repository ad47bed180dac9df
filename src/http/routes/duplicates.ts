// Routes for the desk's queue of possible duplicate children.
import type { AppContext } from '../../app/context.ts';
import { dismissDuplicate, listDuplicates, mergeDuplicate } from '../../app/duplicates.ts';
import { DuplicateQuery, IdParams, MergeBody } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerDuplicateRoutes(app: App, ctx: AppContext) {
  app.get('/duplicates', { config: { action: 'duplicate.read' }, schema: { tags: ['duplicates'], summary: 'Possible duplicate children, side by side', querystring: DuplicateQuery } }, (req) =>
    listDuplicates(ctx, req.actor, req.query.status),
  );
  app.post(
    '/duplicates/:id/merge',
    { config: { action: 'duplicate.resolve' }, schema: { tags: ['duplicates'], summary: 'Merge two child records', params: IdParams, body: MergeBody } },
    (req) => mergeDuplicate(ctx, req.actor, req.params.id, req.body.survivingChildId),
  );
  app.post('/duplicates/:id/dismiss', { config: { action: 'duplicate.resolve' }, schema: { tags: ['duplicates'], summary: 'Mark a pair as two different children', params: IdParams } }, (req) =>
    dismissDuplicate(ctx, req.actor, req.params.id),
  );
}
