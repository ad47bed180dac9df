// Routes for waiting-list imports (preview, commit, progress), exports to Excel and CSV, and people search.
import type { AppContext } from '../../app/context.ts';
import { exportCandidates, exportPlacements, exportRequests, type ExportFile } from '../../app/exports.ts';
import { commitImport, getImportProgress, getImportReport, listImports, previewImport, startImport, type ImportFile, type ImportOutcome } from '../../app/import/waiting-list.ts';
import { MAX_IMPORT_BYTES, tooLarge } from '../../app/import/read.ts';
import { searchPeople } from '../../app/search.ts';
import { UserError } from '../../domain/errors.ts';
import { handleError } from '../errors.ts';
import type { RowProblem } from '../../domain/import/rows.ts';
import { CandidateExportQuery, ImportJsonBody, ImportListQuery, ImportQuery, PeopleSearchBody, PlacementExportQuery, RequestExportQuery, XLSX_TYPE } from '../import-schemas.ts';
import { IdParams } from '../schemas.ts';
import type { App } from '../server.ts';
import type { Static } from '@sinclair/typebox';

/** The upload as a raw body (text/csv or the xlsx type, options in the query) or as JSON with the file in base64. */
const UploadBody = {
  content: {
    'application/json': { schema: ImportJsonBody },
    'text/csv': { schema: { description: 'The CSV file itself (; or , separated, UTF-8 or Windows-1252)' } },
    [XLSX_TYPE]: { schema: { description: 'The Excel file itself (first sheet, headers on the first row)' } },
  },
};

function mappingFromQuery(text: string | undefined): Record<string, string> | undefined {
  if (!text?.trim()) return undefined;
  const out: Record<string, string> = {};
  for (const pair of text.split(';')) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new UserError('invalid', 'mapping.format', 'mapping', { nl: 'Schrijf de koppeling als veld=Kolom, gescheiden door puntkomma’s.', en: 'Write the mapping as field=Column pairs separated by semicolons.' });
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return out;
}

const noFile = () =>
  new UserError('invalid', 'import.file_missing', 'file', {
    nl: 'Stuur het bestand mee: als text/csv of xlsx in de inhoud, of als JSON met contentBase64.',
    en: 'Send the file: as text/csv or xlsx in the body, or as JSON with contentBase64.',
  });

/** A 413 that names the field the file came in, with the limit in both languages. */
function uploadTooLarge(maxBytes: number, field: string): UserError {
  return Object.assign(tooLarge(maxBytes, field), { httpStatus: 413 });
}

function upload(body: unknown, query: Static<typeof ImportQuery>, maxBytes: number): { file: ImportFile; deskId?: string; mapping?: Record<string, string> } {
  if (Buffer.isBuffer(body)) {
    if (body.byteLength > maxBytes) throw uploadTooLarge(maxBytes, 'file');
    const mapping = mappingFromQuery(query.mapping);
    return { file: { content: body, ...(query.fileName ? { fileName: query.fileName } : {}), ...(query.format ? { format: query.format } : {}) }, ...(query.deskId ? { deskId: query.deskId } : {}), ...(mapping ? { mapping } : {}) };
  }
  const b = body as Static<typeof ImportJsonBody> | undefined;
  if (!b || typeof b !== 'object' || typeof b.contentBase64 !== 'string') throw noFile();
  // Checked on the text, before decoding: base64 is four characters for three bytes.
  if (Math.floor((b.contentBase64.length * 3) / 4) - 2 > maxBytes) throw uploadTooLarge(maxBytes, 'contentBase64');
  const content = Buffer.from(b.contentBase64, 'base64');
  if (content.byteLength > maxBytes) throw uploadTooLarge(maxBytes, 'contentBase64');
  return { file: { content, ...(b.fileName ? { fileName: b.fileName } : {}), ...(b.format ? { format: b.format } : {}) }, ...((b.deskId ?? query.deskId) ? { deskId: (b.deskId ?? query.deskId) as string } : {}), ...(b.mapping ? { mapping: b.mapping } : {}) };
}

/** A refused import as an error answer: each problem row as a detail, the whole report next to it. */
function refusal(o: ImportOutcome) {
  const lines = o.problemLines.length;
  return {
    error: {
      code: 'import.refused',
      status: 422,
      field: 'file',
      nl: `Er is niets geïmporteerd: ${lines} ${lines === 1 ? 'rij heeft' : 'rijen hebben'} een probleem. Verbeter ze en importeer opnieuw.`,
      en: `Nothing was imported: ${lines} ${lines === 1 ? 'row has' : 'rows have'} a problem. Fix them and import again.`,
      details: o.problems.map((p: RowProblem) => ({ field: `rows.${p.line}.${p.field}`, code: p.code, nl: `Rij ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.nl}`, en: `Line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.en}` })),
    },
    report: o,
  };
}

function send(reply: { type(t: string): { header(k: string, v: string): { send(b: Buffer): unknown } } }, f: ExportFile) {
  return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
}

export function registerImportRoutes(app: App, ctx: AppContext) {
  const maxBytes = ctx.importMaxBytes ?? MAX_IMPORT_BYTES;
  // The size is checked from Content-Length before a byte is read, and again while reading a body without one.
  const bodyLimit = Math.ceil((maxBytes * 4) / 3) + 65_536;
  const tags = ['imports'];
  app.register(async (uploads) => {
    // Raw uploads: the bytes reach the use case untouched (the format is detected from them).
    uploads.addContentTypeParser(['text/csv', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    uploads.setErrorHandler((err, req, reply) => {
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const json = String(req.headers['content-type'] ?? '').startsWith('application/json');
        return handleError(uploadTooLarge(maxBytes, json ? 'contentBase64' : 'file') as never, req, reply);
      }
      if ((err as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return handleError(noFile() as never, req, reply);
      return handleError(err as never, req, reply);
    });
    const up = uploads as App;
    up.post('/imports/preview', { config: { action: 'import.preview' }, bodyLimit, schema: { tags, operationId: 'previewImport', summary: 'Check a waiting list (xlsx or csv) without importing: every problem row by line, and what would be created', querystring: ImportQuery, body: UploadBody } }, async (req) => {
      const u = upload(req.body, req.query, maxBytes);
      return previewImport(ctx, req.actor, u.file, { ...(u.deskId ? { deskId: u.deskId } : {}), ...(u.mapping ? { mapping: u.mapping } : {}) });
    });
    up.post('/imports', { config: { action: 'import.commit' }, bodyLimit, schema: { tags, operationId: 'commitImport', summary: 'Import a waiting list all or nothing (200), refused with every problem row (422), or in the background (202, ?background=true)', querystring: ImportQuery, body: UploadBody } }, async (req, reply) => {
      const u = upload(req.body, req.query, maxBytes);
      const options = { ...(u.deskId ? { deskId: u.deskId } : {}), ...(u.mapping ? { mapping: u.mapping } : {}) };
      if (req.query.background) {
        const { batchId } = await startImport(ctx, req.actor, u.file, options);
        return reply.status(202).header('location', `/api/v1/imports/${batchId}`).send({ batchId });
      }
      const o = await commitImport(ctx, req.actor, u.file, options);
      return o.status === 'refused' ? reply.status(422).send(refusal(o)) : reply.send(o);
    });
  });
  app.get('/imports', { config: { action: 'import.read' }, schema: { tags, operationId: 'listImports', summary: 'The desk’s imports, newest first', querystring: ImportListQuery } }, (req) => listImports(ctx, req.actor, req.query));
  app.get('/imports/:id', { config: { action: 'import.read' }, schema: { tags, operationId: 'getImportProgress', summary: 'Where an import stands (poll this while it runs)', params: IdParams } }, (req) => getImportProgress(ctx, req.actor, req.params.id));
  app.get('/imports/:id/report', { config: { action: 'import.read' }, schema: { tags, operationId: 'getImportReport', summary: 'A finished import’s outcome with its problem rows', params: IdParams } }, (req) => getImportReport(ctx, req.actor, req.params.id));

  const exportTags = ['exports'];
  app.get('/exports/requests', { config: { action: 'export.read' }, schema: { tags: exportTags, operationId: 'exportRequests', summary: 'Requests as Excel or CSV (the waiting list by default); the columns can be imported again', querystring: RequestExportQuery } }, async (req, reply) =>
    send(reply, await exportRequests(ctx, req.actor, { format: req.query.format ?? 'xlsx', ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.locationId ? { locationId: req.query.locationId } : {}) })),
  );
  app.get('/exports/placements', { config: { action: 'export.read' }, schema: { tags: exportTags, operationId: 'exportPlacements', summary: 'Placements at the locations one works with, as Excel or CSV', querystring: PlacementExportQuery } }, async (req, reply) =>
    send(reply, await exportPlacements(ctx, req.actor, { format: req.query.format ?? 'xlsx', ...(req.query.locationId ? { locationId: req.query.locationId } : {}), ...(req.query.activeOn ? { activeOn: req.query.activeOn } : {}) })),
  );
  app.get('/exports/locations/:id/candidates', { config: { action: 'candidates.read' }, schema: { tags: exportTags, operationId: 'exportCandidates', summary: 'The ranked candidate list for a free place, as Excel or CSV', params: IdParams, querystring: CandidateExportQuery } }, async (req, reply) => {
    const { format, weekdays, ...q } = req.query;
    return send(reply, await exportCandidates(ctx, req.actor, req.params.id, { ...q, format: format ?? 'xlsx', ...(weekdays ? { weekdays: weekdays.split(',').map(Number) } : {}) }));
  });

  app.post('/search/people', { config: { action: 'search.people' }, schema: { tags: ['search'], operationId: 'searchPeople', summary: 'Find children and families by name, birth or due date, national number (exact) or request number; audited', body: PeopleSearchBody } }, (req) =>
    searchPeople(ctx, req.actor, req.body),
  );
}
