// Routes for matching rounds: run, read, reproduce, and the providers' answers to proposals.
import type { AppContext } from '../../app/context.ts';
import { answerProposal, getRound, listRounds, reproduceRound, runRound } from '../../app/matching-rounds.ts';
import { IdParams, ProposalAnswerBody, RoundBody } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerMatchingRoutes(app: App, ctx: AppContext) {
  app.post('/matching-rounds', { config: { action: 'matching.run' }, schema: { tags: ['matching'], summary: 'Run a matching round for a start month (snapshot, seed, metrics and verifier report are stored)', body: RoundBody } }, async (req, reply) =>
    reply.status(201).send(await runRound(ctx, req.actor, req.body)),
  );
  app.get('/matching-rounds', { config: { action: 'matching.read' }, schema: { tags: ['matching'], summary: 'The desk’s rounds' } }, (req) => listRounds(ctx, req.actor));
  app.get('/matching-rounds/:id', { config: { action: 'matching.read' }, schema: { tags: ['matching'], summary: 'A round: metrics and verifier report for the desk, own proposals for a provider', params: IdParams } }, (req) =>
    getRound(ctx, req.actor, req.params.id),
  );
  app.post('/matching-rounds/:id/reproduce', { config: { action: 'matching.read' }, schema: { tags: ['matching'], summary: 'Rerun a round on its stored snapshot and seed', params: IdParams } }, (req) =>
    reproduceRound(ctx, req.actor, req.params.id),
  );
  app.post('/round-proposals/:id/answer', { config: { action: 'matching.respond' }, schema: { tags: ['matching'], summary: 'Confirm a proposal, or reject it with a reason', params: IdParams, body: ProposalAnswerBody } }, (req) =>
    answerProposal(ctx, req.actor, req.params.id, req.body),
  );
}
