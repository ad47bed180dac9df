// The desk's waiting-list import in the workspace: upload an Excel or CSV file, see the preview with every problem
// row, start the import (all rows or none) and follow its progress; plus the search for families and children.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { getImportReport, getImportProgress, listImports, previewImport, startImport, type ImportPreview } from '../../app/import/waiting-list.ts';
import { searchPeople } from '../../app/search.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { saveSession } from '../sessions.ts';
import { catalogue, say } from './i18n.ts';
import { addMenu, csrfField, errorSummary, inputField, notice, page, problemsFrom, table, type Problems } from './layout.ts';
import { one, send, staffOf, type Body } from './routes.ts';

const DESK_ROLES = ['desk_worker', 'desk_coordinator', 'admin'] as const;
/** The largest file a page accepts; bigger lists go through the CLI or the API. */
export const MAX_UPLOAD_BYTES = 10 * 1_048_576;

const tr = catalogue(
  {
    'menu.import': 'Wachtlijst importeren',
    'menu.search': 'Zoeken',
    'import.title': 'Een bestaande wachtlijst importeren',
    'import.intro': 'Kies het Excel- of CSV-bestand van uw wachtlijst. Nabij leest eerst alles na en toont elke rij met een probleem. Pas als het hele bestand klopt, importeert u alle rijen in één keer. De oorspronkelijke inschrijvingsdatum blijft bewaard, zodat de volgorde eerlijk blijft. Een tweede keer hetzelfde bestand importeren voegt niets toe.',
    'import.file': 'Bestand (.xlsx of .csv, hoogstens 10 MB)',
    'import.check': 'Bestand nalezen',
    'import.no_file': 'Kies een bestand.',
    'import.earlier': 'Eerdere imports',
    'import.none': 'Er zijn nog geen imports.',
    'col.when': 'Gestart',
    'col.file': 'Bestand',
    'col.status': 'Status',
    'col.rows': 'Rijen',
    'col.created': 'Nieuwe aanvragen',
    'col.skipped': 'Overgeslagen',
    'col.problems': 'Problemen',
    'preview.title': 'Nagelezen: {file}',
    'preview.summary': '{rows} rijen gelezen voor {desk}: {new} nieuwe aanvragen, {known} al eerder geïmporteerd, {problems} rij(en) met een probleem.',
    'preview.columns': 'Welke kolom welk gegeven vult',
    'preview.column': 'Kolom in het bestand',
    'preview.field': 'Gegeven in Nabij',
    'preview.ignored': 'niet gebruikt',
    'preview.problems': 'Rijen met een probleem',
    'preview.line': 'Regel',
    'preview.reason': 'Probleem',
    'preview.fix': 'Verbeter deze rijen in het bestand en lees het opnieuw na. Er is nog niets geïmporteerd.',
    'preview.ok': 'Het hele bestand klopt.',
    'preview.start': 'Alle {n} rijen importeren',
    'preview.coordinator': 'Alleen een coördinator van het loket kan de import starten.',
    'progress.title': 'Import',
    'progress.running': 'Bezig: {processed} van {total} rijen verwerkt.',
    'progress.done': 'Klaar: {created} nieuwe aanvragen, {skipped} overgeslagen (al geïmporteerd of al een open aanvraag).',
    'progress.refused': 'Niets geïmporteerd: {problems} rij(en) met een probleem.',
    'progress.failed': 'De import is gestopt; er is niets geïmporteerd.',
    'progress.refresh': 'Vernieuwen',
    'progress.label': 'Voortgang van de import',
    'status.running': 'bezig',
    'status.committed': 'klaar',
    'status.refused': 'geweigerd',
    'status.failed': 'mislukt',
    'search.title': 'Gezinnen en kinderen zoeken',
    'search.intro': 'Zoek op naam, geboortedatum of verwachte datum, rijksregisternummer (exact) of aanvraagnummer. Elke zoekopdracht komt in het auditlog, zonder wat u zocht.',
    'search.name': 'Naam van het kind of een ouder',
    'search.date': 'Geboortedatum of verwachte datum',
    'search.insz': 'Rijksregisternummer (exact)',
    'search.number': 'Aanvraagnummer',
    'search.submit': 'Zoeken',
    'search.results': 'Gevonden kinderen',
    'search.none': 'Niemand gevonden.',
    'search.more': 'Er zijn meer resultaten. Zoek preciezer.',
    'col.child': 'Kind',
    'col.date': 'Geboren of verwacht',
    'col.parents': 'Ouders',
    'col.requests': 'Aanvragen',
    'col.where': 'Woonplaats',
  },
  {
    'menu.import': 'Import a waiting list',
    'menu.search': 'Search',
    'import.title': 'Import an existing waiting list',
    'import.intro': 'Choose the Excel or CSV file of your waiting list. Nabij first checks everything and shows every row with a problem. Only when the whole file is right do you import all rows at once. The original registration date is kept, so the order stays fair. Importing the same file again adds nothing.',
    'import.file': 'File (.xlsx or .csv, at most 10 MB)',
    'import.check': 'Check the file',
    'import.no_file': 'Choose a file.',
    'import.earlier': 'Earlier imports',
    'import.none': 'There are no imports yet.',
    'col.when': 'Started',
    'col.file': 'File',
    'col.status': 'Status',
    'col.rows': 'Rows',
    'col.created': 'New requests',
    'col.skipped': 'Skipped',
    'col.problems': 'Problems',
    'preview.title': 'Checked: {file}',
    'preview.summary': '{rows} rows read for {desk}: {new} new requests, {known} imported before, {problems} row(s) with a problem.',
    'preview.columns': 'Which column fills which detail',
    'preview.column': 'Column in the file',
    'preview.field': 'Detail in Nabij',
    'preview.ignored': 'not used',
    'preview.problems': 'Rows with a problem',
    'preview.line': 'Line',
    'preview.reason': 'Problem',
    'preview.fix': 'Correct these rows in the file and check it again. Nothing is imported yet.',
    'preview.ok': 'The whole file is right.',
    'preview.start': 'Import all {n} rows',
    'preview.coordinator': 'Only a desk coordinator can start the import.',
    'progress.title': 'Import',
    'progress.running': 'Running: {processed} of {total} rows done.',
    'progress.done': 'Done: {created} new requests, {skipped} skipped (imported before or already an open request).',
    'progress.refused': 'Nothing imported: {problems} row(s) with a problem.',
    'progress.failed': 'The import stopped; nothing was imported.',
    'progress.refresh': 'Refresh',
    'progress.label': 'Progress of the import',
    'status.running': 'running',
    'status.committed': 'done',
    'status.refused': 'refused',
    'status.failed': 'failed',
    'search.title': 'Search families and children',
    'search.intro': 'Search by name, birth or due date, national number (exact) or request number. Every search goes into the audit log, without what you searched for.',
    'search.name': 'Name of the child or a parent',
    'search.date': 'Date of birth or due date',
    'search.insz': 'National number (exact)',
    'search.number': 'Request number',
    'search.submit': 'Search',
    'search.results': 'Children found',
    'search.none': 'Nobody found.',
    'search.more': 'There are more results. Search more precisely.',
    'col.child': 'Child',
    'col.date': 'Born or expected',
    'col.parents': 'Parents',
    'col.requests': 'Requests',
    'col.where': 'Lives in',
  },
);
type T = Parameters<typeof tr>[1];

interface Upload {
  content: Uint8Array;
  fileName: string;
}

/** The uploaded file from a multipart form (the field is named `file`). */
function uploadOf(body: Body): Upload | null {
  const raw = (body as unknown as Record<string, unknown>).file;
  const file = (Array.isArray(raw) ? raw[0] : raw) as { _buf?: Buffer; toBuffer?: () => Buffer; filename?: string } | Buffer | undefined;
  if (!file) return null;
  if (Buffer.isBuffer(file)) return file.length ? { content: new Uint8Array(file), fileName: 'wachtlijst' } : null;
  const buf = file._buf ?? null;
  return buf && buf.length ? { content: new Uint8Array(buf), fileName: file.filename ?? 'wachtlijst' } : null;
}

async function importPage(ctx: AppContext, request: FastifyRequest, p: Problems = {}, note: Html | null = null): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const earlier = await listImports(ctx, actor, { limit: 20 });
  return page(v, tr(v.lang, 'import.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'import.intro')}</p>
    <form method="post" action="/werkplek/loket/import/controle" enctype="multipart/form-data" novalidate>${csrfField(v)}
      <div class="field${p.file ? ' has-error' : ''}"><label for="f-file">${tr(v.lang, 'import.file')}</label>
        ${p.file ? html`<p class="error-text" id="f-file-error" lang="${p.file.lang}"><span class="visually-hidden">!</span> ${p.file.text}</p>` : ''}
        <input id="f-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"${p.file ? html` aria-invalid="true" aria-describedby="f-file-error"` : ''}></div>
      <div class="actions"><button type="submit">${tr(v.lang, 'import.check')}</button></div>
    </form>
    ${table(tr(v.lang, 'import.earlier'), [tr(v.lang, 'col.when'), tr(v.lang, 'col.file'), tr(v.lang, 'col.status'), tr(v.lang, 'col.rows'), tr(v.lang, 'col.created'), tr(v.lang, 'col.skipped'), tr(v.lang, 'col.problems')],
      earlier.map((b) => [html`<a href="/werkplek/loket/import/${b.batchId}">${b.startedAt.slice(0, 16).replace('T', ' ')}</a>`, b.fileName ?? '', tr(v.lang, `status.${b.status}` as T), b.total, b.created, b.skipped, b.problemCount]), { empty: tr(v.lang, 'import.none') })}`, { wide: true, notice: note });
}

function previewPage(request: FastifyRequest, pv: ImportPreview, canStart: boolean): string {
  const v = request.workspace.view;
  const ok = pv.problems.length === 0;
  return page(v, tr(v.lang, 'preview.title', { file: pv.fileName ?? '' }), html`
    <p>${tr(v.lang, 'preview.summary', { rows: pv.totalRows, desk: pv.deskName, new: pv.toImport, known: pv.alreadyImported, problems: pv.problemLines.length })}</p>
    ${pv.warnings.map((w) => notice('info', say(v.lang, w)))}
    ${ok
      ? html`${notice('ok', tr(v.lang, 'preview.ok'))}${canStart
          ? html`<form method="post" action="/werkplek/loket/import/start">${csrfField(v)}<div class="actions"><button type="submit">${tr(v.lang, 'preview.start', { n: pv.toImport })}</button></div></form>`
          : html`<p>${tr(v.lang, 'preview.coordinator')}</p>`}`
      : html`${notice('error', tr(v.lang, 'preview.fix'))}
        ${table(tr(v.lang, 'preview.problems'), [tr(v.lang, 'preview.line'), tr(v.lang, 'preview.column'), tr(v.lang, 'preview.reason')], pv.problems.slice(0, 500).map((x) => [x.line, x.column ?? '', say(v.lang, x)]))}`}
    ${table(tr(v.lang, 'preview.columns'), [tr(v.lang, 'preview.column'), tr(v.lang, 'preview.field')], pv.columns.map((c) => [c.column, c.field ?? tr(v.lang, 'preview.ignored')]))}
    <p><a href="/werkplek/loket/import">${tr(v.lang, 'import.title')}</a></p>`, { wide: true });
}

export function registerImportPages(area: App, ctx: AppContext): void {
  addMenu({ href: '/werkplek/loket/import', label: { nl: tr('nl', 'menu.import'), en: tr('en', 'menu.import') }, roles: DESK_ROLES, order: 35 });
  addMenu({ href: '/werkplek/zoeken', label: { nl: tr('nl', 'menu.search'), en: tr('en', 'menu.search') }, roles: ['desk_worker', 'desk_coordinator', 'provider_staff', 'partner', 'admin'], order: 5 });

  area.get('/loket/import', { config: { action: 'import.read' }, schema: { hide: true } }, async (request, reply) => send(reply, await importPage(ctx, request)));

  area.post('/loket/import/controle', { config: { action: 'import.preview' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.workspace.view;
    const file = uploadOf(request.body as Body);
    if (!file) return send(reply, await importPage(ctx, request, problemsFrom(v.lang, [{ field: 'file', nl: tr('nl', 'import.no_file'), en: tr('en', 'import.no_file') }])), 400);
    try {
      const pv = await previewImport(ctx, staffOf(request), file);
      // The checked file waits in the session (the database: any instance can start it), until it is imported.
      const session = request.workspace.session;
      session.draft = pv.problems.length ? null : { importFile: Buffer.from(file.content).toString('base64'), fileName: file.fileName };
      await saveSession(ctx, session);
      const actor = staffOf(request);
      return send(reply, previewPage(request, pv, actor.role === 'desk_coordinator' || actor.role === 'admin'), pv.problems.length ? 422 : 200);
    } catch (err) {
      if (!(err instanceof UserError) || !['invalid', 'unprocessable'].includes(err.kind)) throw err;
      const details = err.details.length ? err.details : [{ field: 'file', nl: err.nl, en: err.en }];
      return send(reply, await importPage(ctx, request, problemsFrom(v.lang, details.map((d) => ({ ...d, field: 'file' })))), 400);
    }
  });

  area.post('/loket/import/start', { config: { action: 'import.commit' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.workspace.view;
    const draft = request.workspace.session.draft as { importFile?: string; fileName?: string } | null;
    if (!draft?.importFile) return send(reply, await importPage(ctx, request, problemsFrom(v.lang, [{ field: 'file', nl: tr('nl', 'import.no_file'), en: tr('en', 'import.no_file') }])), 400);
    const { batchId } = await startImport(ctx, staffOf(request), { content: new Uint8Array(Buffer.from(draft.importFile, 'base64')), fileName: draft.fileName ?? 'wachtlijst' });
    request.workspace.session.draft = null;
    await saveSession(ctx, request.workspace.session);
    return reply.redirect(`/werkplek/loket/import/${batchId}`, 303);
  });

  // Progress as data, for the page's script; without JavaScript the page has a refresh link.
  area.get('/loket/import/:id/voortgang', { config: { action: 'import.read' }, schema: { hide: true } }, async (request, reply) => {
    const p = await getImportProgress(ctx, staffOf(request), (request.params as { id: string }).id);
    return reply.type('application/json').send({ status: p.status, processed: p.processed, total: p.total, created: p.created, skipped: p.skipped, problemCount: p.problemCount });
  });

  area.get('/loket/import/:id', { config: { action: 'import.read' }, schema: { hide: true } }, async (request, reply) => {
    const actor = staffOf(request);
    const v = request.workspace.view;
    const id = (request.params as { id: string }).id;
    const p = await getImportProgress(ctx, actor, id);
    const report = p.status === 'running' ? null : await getImportReport(ctx, actor, id);
    const status =
      p.status === 'running' ? tr(v.lang, 'progress.running', { processed: p.processed, total: p.total })
      : p.status === 'committed' ? tr(v.lang, 'progress.done', { created: p.created, skipped: p.skipped })
      : p.status === 'refused' ? tr(v.lang, 'progress.refused', { problems: p.problemCount })
      : tr(v.lang, 'progress.failed');
    return send(reply, page(v, tr(v.lang, 'progress.title'), html`
      <div data-poll="/werkplek/loket/import/${id}/voortgang" data-running="${p.status === 'running' ? 'yes' : 'no'}">
        <label for="import-progress">${tr(v.lang, 'progress.label')}</label>
        <progress id="import-progress" max="${Math.max(p.total, 1)}" value="${p.processed}">${p.processed} / ${p.total}</progress>
        <p role="status" aria-live="polite" data-poll-text="${tr(v.lang, 'progress.running', { processed: '{processed}', total: '{total}' })}" data-done-text="${tr(v.lang, 'progress.done', { created: '{created}', skipped: '{skipped}' })}">${status}</p>
      </div>
      ${p.status === 'running' ? html`<p><a href="/werkplek/loket/import/${id}">${tr(v.lang, 'progress.refresh')}</a></p>` : ''}
      ${report && report.problems.length ? table(tr(v.lang, 'preview.problems'), [tr(v.lang, 'preview.line'), tr(v.lang, 'preview.column'), tr(v.lang, 'preview.reason')], report.problems.slice(0, 500).map((x) => [x.line, x.column ?? '', say(v.lang, x)])) : ''}
      <p><a href="/werkplek/loket/import">${tr(v.lang, 'import.title')}</a></p>`));
  });

  const searchPage = (request: FastifyRequest, values: Record<string, string>, p: Problems, results: Html | null) => {
    const v = request.workspace.view;
    return page(v, tr(v.lang, 'search.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'search.intro')}</p>
      <form method="post" action="/werkplek/zoeken" novalidate>${csrfField(v)}
        ${p.q ? html`<p class="error-text" id="f-q" tabindex="-1" lang="${p.q.lang}">${p.q.text}</p>` : ''}
        ${inputField({ name: 'name', label: tr(v.lang, 'search.name'), value: values.name ?? '', problems: p })}
        ${inputField({ name: 'date', label: tr(v.lang, 'search.date'), value: values.date ?? '', problems: p })}
        ${inputField({ name: 'insz', label: tr(v.lang, 'search.insz'), value: values.insz ?? '', inputmode: 'numeric', problems: p })}
        ${inputField({ name: 'number', label: tr(v.lang, 'search.number'), value: values.number ?? '', problems: p })}
        <div class="actions"><button type="submit">${tr(v.lang, 'search.submit')}</button></div>
      </form>${results ?? ''}`, { wide: true });
  };
  area.get('/zoeken', { config: { action: 'search.people' }, schema: { hide: true } }, async (request, reply) => {
    staffOf(request);
    return send(reply, searchPage(request, {}, {}, null));
  });
  // A POST: a national number searched for never lands in an address bar, a browser history or an access log.
  area.post('/zoeken', { config: { action: 'search.people' }, schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const v = request.workspace.view;
    const values = { name: one(b, 'name'), date: one(b, 'date'), insz: one(b, 'insz'), number: one(b, 'number') };
    try {
      const r = await searchPeople(ctx, staffOf(request), values);
      const rows = r.children.map((c) => [
        `${c.givenName ?? ''} ${c.familyName}`.trim() + (c.inszMasked ? ` (${c.inszMasked})` : ''),
        c.birthDate ?? c.dueDate ?? '',
        c.family.municipality,
        c.family.guardians.map((g) => `${g.givenName} ${g.familyName}`).join(', '),
        c.requests.map((q) => `${q.number} · ${q.status} · ${q.desk}`).join('; '),
      ]);
      const results = html`${table(tr(v.lang, 'search.results'), [tr(v.lang, 'col.child'), tr(v.lang, 'col.date'), tr(v.lang, 'col.where'), tr(v.lang, 'col.parents'), tr(v.lang, 'col.requests')], rows, { empty: tr(v.lang, 'search.none') })}${r.more ? html`<p>${tr(v.lang, 'search.more')}</p>` : ''}`;
      return send(reply, searchPage(request, values, {}, results));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, searchPage(request, values, problemsFrom(v.lang, err.details), null), 400);
    }
  });
}
