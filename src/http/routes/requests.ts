// Routes for childcare requests: register (once per child), read, list and change status.
import { getMe } from '../../app/accounts.ts';
import type { AppContext } from '../../app/context.ts';
import { getRequest, listRequests, registerRequest, transitionRequest } from '../../app/requests.ts';
import { IdParams, RegistrationBody, RequestQuery, TransitionBody } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerRequestRoutes(app: App, ctx: AppContext) {
  app.get('/me', { config: { action: 'me.read' }, schema: { tags: ['account'], summary: 'The logged-in account' } }, (req) => getMe(ctx, req.actor));
  app.post(
    '/requests',
    {
      config: { action: 'request.register' },
      schema: {
        tags: ['requests'],
        summary: 'Register a childcare request',
        description: 'Creates the request (201), or returns the child’s open request (200) with a message: one open request per child.',
        body: RegistrationBody,
      },
    },
    async (req, reply) => {
      const result = await registerRequest(ctx, req.actor, req.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
  app.get('/requests', { config: { action: 'request.read' }, schema: { tags: ['requests'], summary: 'Requests the caller may see', querystring: RequestQuery } }, (req) =>
    listRequests(ctx, req.actor, req.query),
  );
  app.get('/requests/:id', { config: { action: 'request.read' }, schema: { tags: ['requests'], params: IdParams } }, (req) => getRequest(ctx, req.actor, req.params.id));
  app.post(
    '/requests/:id/transitions',
    { config: { action: 'request.transition' }, schema: { tags: ['requests'], summary: 'Move a request to another status', params: IdParams, body: TransitionBody } },
    (req) => transitionRequest(ctx, req.actor, req.params.id, req.body),
  );
}
