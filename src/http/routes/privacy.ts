// Routes for the audit search and a family's GDPR rights: export (JSON, PDF) and erasure.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app/context.ts';
import { eraseFamily, exportFamily, exportFamilyPdf, searchAudit } from '../../app/privacy.ts';
import { CalendarDate, IdParams, Uuid } from '../schemas.ts';
import type { App } from '../server.ts';

const AuditQuery = Type.Object(
  {
    personId: Type.Optional(Uuid),
    actorId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    from: Type.Optional(CalendarDate),
    to: Type.Optional(CalendarDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const ErasureBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export function registerPrivacyRoutes(app: App, ctx: AppContext) {
  app.get('/audit', { config: { action: 'audit.read' }, schema: { tags: ['privacy'], summary: 'Search the audit log by person, actor, action and period (ids only, never values)', querystring: AuditQuery } }, (req) =>
    searchAudit(ctx, req.actor, req.query),
  );
  app.get('/families/:id/export.json', { config: { action: 'privacy.export' }, schema: { tags: ['privacy'], summary: 'All data of a family and the audit of who saw it (GDPR access request)', params: IdParams } }, async (req, reply) =>
    reply.header('content-disposition', 'attachment; filename="gegevens-gezin.json"').send(await exportFamily(ctx, req.actor, req.params.id)),
  );
  app.get('/families/:id/export.pdf', { config: { action: 'privacy.export' }, schema: { tags: ['privacy'], summary: 'The same export as PDF', params: IdParams } }, async (req, reply) =>
    reply.type('application/pdf').header('content-disposition', 'attachment; filename="gegevens-gezin.pdf"').send(Buffer.from(await exportFamilyPdf(ctx, req.actor, req.params.id))),
  );
  app.post('/families/:id/erasure', { config: { action: 'privacy.erase' }, schema: { tags: ['privacy'], summary: 'Anonymise a family on request, once no request is open and no placement runs', params: IdParams, body: ErasureBody } }, (req) =>
    eraseFamily(ctx, req.actor, req.params.id, req.body),
  );
}
