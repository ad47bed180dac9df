// Downloads from the workspace: the desk's or provider's requests, placements and candidate lists as Excel or CSV,
// through the same scoped and audited export use cases as the API.
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { exportCandidates, exportPlacements, exportRequests, type ExportFile, type ExportFormat } from '../../app/exports.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { catalogue } from './i18n.ts';
import type { View } from './layout.ts';
import { staffOf } from './routes.ts';

const tr = catalogue(
  { requests: 'Aanvragen downloaden', placements: 'Plaatsingen downloaden', candidates: 'Kandidaten downloaden', excel: 'Excel', csv: 'CSV' },
  { requests: 'Download requests', placements: 'Download placements', candidates: 'Download candidates', excel: 'Excel', csv: 'CSV' },
);

/** Links to one download in both formats, for the page that shows the same list. */
export function downloadLinks(v: View, what: 'requests' | 'placements' | 'candidates', base: string, query = ''): Html {
  const q = query ? `?${query}` : '';
  return html`<p class="downloads">${tr(v.lang, what)}: <a href="${base}.xlsx${q}" download>${tr(v.lang, 'excel')}</a> · <a href="${base}.csv${q}" download>${tr(v.lang, 'csv')}</a></p>`;
}

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply.header('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`).type(file.contentType).send(file.body);
}

const formatOf = (ext: string): ExportFormat => (ext === 'xlsx' ? 'xlsx' : 'csv');

export function registerExportPages(area: App, ctx: AppContext): void {
  const opts = { config: { action: 'export.read' as const }, schema: { hide: true } };
  area.get('/export/aanvragen.:ext', opts, async (request, reply) =>
    sendFile(reply, await exportRequests(ctx, staffOf(request), { format: formatOf((request.params as { ext: string }).ext) })));
  area.get('/export/plaatsingen.:ext', opts, async (request, reply) =>
    sendFile(reply, await exportPlacements(ctx, staffOf(request), { format: formatOf((request.params as { ext: string }).ext) })));
  area.get('/export/kandidaten/:id.:ext', opts, async (request, reply) => {
    const p = request.params as { id: string; ext: string };
    const start = String((request.query as Record<string, unknown>).start ?? '');
    return sendFile(reply, await exportCandidates(ctx, staffOf(request), p.id, { format: formatOf(p.ext), start }));
  });
}
