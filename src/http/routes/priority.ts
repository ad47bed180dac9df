// Routes for the priority rules: rule sets, declared facts, provider settings, candidate lists and deviations.
import { ruleSets, type AppContext } from '../../app/context.ts';
import { adviceLetter, deviationReport, giveAdvice, recordDeviation } from '../../app/deviations.ts';
import { declareFacts, getFacts, listCandidates, setRuleSettings } from '../../app/priority.ts';
import { AdviceBody, CandidateQuerySchema, DeviationBody, FactsBody, IdParams, RuleSettingsBody, YearQuery } from '../schemas.ts';
import type { App } from '../server.ts';

export function registerPriorityRoutes(app: App, ctx: AppContext) {
  app.get('/rule-sets', { config: { action: 'public.read' }, schema: { tags: ['rules'], summary: 'The priority-rule sets this installation judges with, as data' } }, async () => ruleSets(ctx));
  app.post('/families/:id/facts', { config: { action: 'facts.declare' }, schema: { tags: ['rules'], summary: 'Record the facts a family declares (sworn statement by default)', params: IdParams, body: FactsBody } }, async (req, reply) =>
    reply.status(201).send(await declareFacts(ctx, req.actor, req.params.id, req.body)),
  );
  app.get('/families/:id/facts', { config: { action: 'facts.read' }, schema: { tags: ['rules'], summary: 'A family’s declared facts, their history and its vulnerable-family classification', params: IdParams } }, (req) =>
    getFacts(ctx, req.actor, req.params.id),
  );
  app.put('/locations/:id/rule-settings', { config: { action: 'location.rule_settings' }, schema: { tags: ['rules'], summary: 'Group order (where allowed) and tie-break for a location', params: IdParams, body: RuleSettingsBody } }, (req) =>
    setRuleSettings(ctx, req.actor, req.params.id, req.body),
  );
  app.get('/locations/:id/candidates', { config: { action: 'candidates.read' }, schema: { tags: ['rules'], summary: 'Ranked, explained candidates for a free place', params: IdParams, querystring: CandidateQuerySchema } }, (req) =>
    listCandidates(ctx, req.actor, req.params.id, { ...req.query, weekdays: req.query.weekdays?.split(',').map(Number) }),
  );
  app.post('/locations/:id/deviations', { config: { action: 'deviation.record' }, schema: { tags: ['rules'], summary: 'Record a place given outside the rule order, with its advice', params: IdParams, body: DeviationBody } }, async (req, reply) =>
    reply.status(201).send(await recordDeviation(ctx, req.actor, req.params.id, req.body)),
  );
  app.get('/deviations/report', { config: { action: 'deviation.read' }, schema: { tags: ['rules'], summary: 'Deviations per organiser and location against the yearly quota', querystring: YearQuery } }, (req) =>
    deviationReport(ctx, req.actor, req.query.year),
  );
  app.post('/requests/:id/deviation-advice', { config: { action: 'deviation.advise' }, schema: { tags: ['rules'], summary: 'Advise a provider to deviate from the rule order for this request', params: IdParams, body: AdviceBody } }, async (req, reply) =>
    reply.status(201).send(await giveAdvice(ctx, req.actor, req.params.id, req.body)),
  );
  app.get('/deviation-advice/:id/letter.pdf', { config: { action: 'deviation.letter' }, schema: { tags: ['rules'], summary: 'The advice letter as PDF', params: IdParams } }, async (req, reply) =>
    reply.type('application/pdf').send(Buffer.from(await adviceLetter(ctx, req.actor, req.params.id))),
  );
}
