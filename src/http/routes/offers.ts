// Routes for offers: a provider offers a place, the answer is recorded, and a request's offers can be read.
import type { AppContext } from '../../app/context.ts';
import { answerOffer, listOffers, makeOffer } from '../../app/offers.ts';
import { IdParams, OfferAnswerBody, OfferBody } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerOfferRoutes(app: App, ctx: AppContext) {
  const idem = { description: 'Send an Idempotency-Key header: a retried request with the same key returns the first answer.' };
  app.post('/offers', { config: { action: 'offer.make' }, schema: { tags: ['offers'], summary: 'Offer a place with a deadline (seats are held until the answer)', ...idem, body: OfferBody } }, async (req, reply) =>
    reply.status(201).send(await makeOffer(ctx, req.actor, req.body)),
  );
  app.post('/offers/:id/answer', { config: { action: 'offer.answer' }, schema: { tags: ['offers'], summary: 'Accept, accept and keep waiting for a higher wish, or decline', ...idem, params: IdParams, body: OfferAnswerBody } }, (req) =>
    answerOffer(ctx, req.actor, req.params.id, req.body.answer),
  );
  app.get('/requests/:id/offers', { config: { action: 'offer.read' }, schema: { tags: ['offers'], summary: 'The offers for a request', params: IdParams } }, (req) => listOffers(ctx, req.actor, req.params.id));
}
