// Routes for providers' first responses and the desk's follow-up lists (JSON, or CSV for Excel).
import type { AppContext } from '../../app/context.ts';
import { noPlaceYet, overdueResponses, respondToRequest, toCsv } from '../../app/follow-up.ts';
import { IdParams, ResponseBody } from '../schemas.ts';
import { printLetters, proofForRequest } from '../../app/letters.ts';
import type { App } from '../server.ts';

export function registerFollowUpRoutes(app: App, ctx: AppContext) {
  app.post('/requests/:id/responses', { config: { action: 'request.respond' }, schema: { tags: ['follow-up'], summary: 'A provider’s response to a request for its location', params: IdParams, body: ResponseBody } }, (req) =>
    respondToRequest(ctx, req.actor, req.params.id, req.body),
  );
  app.get('/follow-up/overdue-responses', { config: { action: 'followup.read' }, schema: { tags: ['follow-up'], summary: 'Requests a provider did not answer within the desk’s time (default 21 days)' } }, (req) =>
    overdueResponses(ctx, req.actor),
  );
  app.get('/follow-up/overdue-responses.csv', { config: { action: 'followup.read' }, schema: { tags: ['follow-up'], summary: 'The same list as CSV' } }, async (req, reply) => {
    const r = await overdueResponses(ctx, req.actor);
    const csv = toCsv(['organisator', 'locatie', 'aanvraag', 'ingeschreven op', 'dagen zonder antwoord'], r.rows.map((x) => [x.organiser, x.location, x.number, x.registeredOn, x.daysWaiting]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="te-laat-beantwoord.csv"').send(csv);
  });
  app.post('/follow-up/letters.pdf', { config: { action: 'followup.read' }, schema: { tags: ['follow-up'], summary: 'Print the pending letters for families without e-mail (marks them as sent); 204 when there are none' } }, async (req, reply) => {
    const r = await printLetters(ctx, req.actor);
    if (!r.pdf) return reply.status(204).send();
    return reply.type('application/pdf').header('x-letter-count', String(r.count)).send(Buffer.from(r.pdf));
  });
  app.get('/requests/:id/proof.pdf', { config: { action: 'request.read' }, schema: { tags: ['requests'], summary: 'The proof of registration as PDF', params: IdParams } }, async (req, reply) =>
    reply.type('application/pdf').send(Buffer.from(await proofForRequest(ctx, req.actor, req.params.id))),
  );
  app.get('/follow-up/no-place-yet', { config: { action: 'followup.read' }, schema: { tags: ['follow-up'], summary: 'Families without a place within the desk’s warning time (default 6 months) before their start' } }, (req) =>
    noPlaceYet(ctx, req.actor),
  );
  app.get('/follow-up/no-place-yet.csv', { config: { action: 'followup.read' }, schema: { tags: ['follow-up'], summary: 'The same list as CSV' } }, async (req, reply) => {
    const r = await noPlaceYet(ctx, req.actor);
    const csv = toCsv(['aanvraag', 'gewenste start', 'status', 'kind', 'telefoon', 'e-mail'], r.rows.map((x) => [x.number, x.desiredStartDate, x.status, x.child, x.phone, x.email]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="nog-geen-plaats.csv"').send(csv);
  });
}
