// Use cases for exports to Excel and CSV: requests, placements and candidate lists, each within the actor's scope.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { guardCell, toCsv, type CellValue } from '../domain/export/cells.ts';
import { invalidFields } from '../domain/errors.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { audit, runUseCase, type AppContext } from './context.ts';
import type { Actor } from './permissions.ts';
import { listCandidates, type CandidateQuery } from './priority.ts';
import { loadRequestViews } from './request-views.ts';
import { locationScope, requestScope } from './scopes.ts';
import { OPEN_STATUSES, type RequestStatus } from '../domain/requests/lifecycle.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  rows: number;
}

/** A bigger export is refused: it would be a copy of the register rather than a working list. */
export const MAX_EXPORT_ROWS = 50_000;

const WEEKDAY = ['', 'ma', 'di', 'wo', 'do', 'vr'];
const PART: Record<string, string> = { full: '', morning: '-vm', afternoon: '-nm' };

/** Days in the notation the import reads back: "ma, di-vm, do". */
export function daysText(days: ReadonlyArray<{ weekday: number; part: string }> | unknown): string {
  return Array.isArray(days) ? days.map((d: { weekday: number; part: string }) => `${WEEKDAY[d.weekday] ?? d.weekday}${PART[d.part] ?? ''}`).join(', ') : '';
}

/** The same table as CSV (semicolons, BOM) or as an Excel sheet; text cells are guarded against formula injection in both. */
export async function sheetFile(name: string, format: ExportFormat, header: string[], rows: CellValue[][]): Promise<ExportFile> {
  if (format === 'csv') return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(header, rows), 'utf8'), rows: rows.length };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nabij';
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => guardCell(v)));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c) => (c.width = 18));
  return { fileName: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length };
}

function tooMany(): never {
  throw invalidFields([{ field: 'limit', code: 'export.too_large', nl: `Deze export heeft meer dan ${MAX_EXPORT_ROWS} rijen. Kies een status of een opvanglocatie.`, en: `This export has more than ${MAX_EXPORT_ROWS} rows. Choose a status or a location.` }]);
}

export interface RequestExportQuery {
  format: ExportFormat;
  /** 'open' (registered, active, offered: the waiting list), 'all', or one status. */
  status?: string;
  locationId?: string;
}

/**
 * The requests the actor may see (the desk its own, a provider those listing its locations), with the column names
 * the import reads: an exported list can be imported into another installation.
 */
export async function exportRequests(ctx: AppContext, actor: Actor, q: RequestExportQuery): Promise<ExportFile> {
  return runUseCase(ctx, actor, 'export.read', async (tx) => {
    let query = tx.selectFrom('request').where(requestScope(actor)).where('request.status', '<>', 'merged');
    const status = q.status ?? 'open';
    if (status === 'open') query = query.where('request.status', 'in', OPEN_STATUSES as RequestStatus[]);
    else if (status !== 'all') query = query.where('request.status', '=', status);
    if (q.locationId) {
      const loc = q.locationId;
      query = query.where((eb) => eb.exists(eb.selectFrom('request_location').whereRef('request_location.request_id', '=', 'request.id').where('request_location.location_id', '=', loc).select(sql`1`.as('one'))));
    }
    const ids = await query.select(['request.id', 'request.child_id']).orderBy('request.registered_on').orderBy('request.number').limit(MAX_EXPORT_ROWS + 1).execute();
    if (ids.length > MAX_EXPORT_ROWS) tooMany();
    const views = [];
    for (let i = 0; i < ids.length; i += 1000) views.push(...(await loadRequestViews(tx, actor, ids.slice(i, i + 1000).map((r) => r.id))));
    const places = new Map<string, string>();
    for (let i = 0; i < views.length; i += 1000) {
      const families = [...new Set(views.slice(i, i + 1000).map((v) => v.child.familyId))];
      if (families.length === 0) continue;
      const rows = await tx.selectFrom('family').innerJoin('municipality', 'municipality.nis_code', 'family.municipality_nis').select(['family.id', 'municipality.name']).where('family.id', 'in', families).execute();
      for (const r of rows) places.set(r.id, r.name);
    }
    const width = Math.max(3, ...views.map((v) => v.locations.length));
    const header = ['Aanvraagnummer', 'Status', 'Inschrijvingsdatum', 'Gewenste startdatum', 'Speling (weken)', 'Dagen', 'Dringend', 'Voornaam kind', 'Familienaam kind', 'Geboortedatum', 'Verwachte geboortedatum', 'Voornaam ouder 1', 'Familienaam ouder 1', 'E-mail', 'Telefoon', 'Taal', 'Gemeente', 'Loket', 'Kanaal', ...Array.from({ length: width }, (_, i) => `Voorkeur ${i + 1}`)];
    const rows = views.map((v): CellValue[] => [
      v.number, v.statusText.nl, v.registeredOn, v.desiredStartDate, v.flexibilityWeeks, daysText(v.careDays), v.urgent ? 'ja' : 'nee',
      v.child.givenName, v.child.familyName, v.child.birthDate, v.child.born ? null : v.child.dueDate,
      v.applicant.givenName, v.applicant.familyName, v.applicant.email, v.applicant.phone, v.applicant.preferredLanguage,
      places.get(v.child.familyId) ?? null, v.desk.name, v.channel,
      ...Array.from({ length: width }, (_, i) => v.locations[i]?.name ?? null),
    ]);
    await audit(tx, actor, 'export.requests', ids.map((r) => r.child_id));
    return sheetFile('aanvragen', q.format, header, rows);
  });
}

export interface PlacementExportQuery {
  format: ExportFormat;
  locationId?: string;
  /** Only placements running on this day. */
  activeOn?: string;
}

/** Placements at the locations the actor works with: a provider its own, a desk those in its area. */
export async function exportPlacements(ctx: AppContext, actor: Actor, q: PlacementExportQuery): Promise<ExportFile> {
  return runUseCase(ctx, actor, 'export.read', async (tx) => {
    if (q.activeOn !== undefined && !isCalendarDate(q.activeOn)) throw invalidFields([{ field: 'activeOn', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' }]);
    const r = await sql<{ location: string; child_id: string; given_name: string | null; family_name: string; birth_date: string | null; number: string | null; start_date: string; end_date: string; care_days: unknown; departed_on: string | null; departure_reason: string | null }>`
      select l.name as location, c.id as child_id, c.given_name, c.family_name, c.birth_date, r.number, p.start_date, p.end_date, p.care_days, p.departed_on, p.departure_reason
      from placement p join location l on l.id = p.location_id join child c on c.id = p.child_id left join request r on r.id = p.request_id
      where ${locationScope(actor)}
        ${q.locationId ? sql`and p.location_id = ${q.locationId}` : sql``}
        ${q.activeOn ? sql`and p.start_date <= ${q.activeOn} and p.end_date >= ${q.activeOn}` : sql``}
      order by l.name, p.start_date, c.family_name
      limit ${MAX_EXPORT_ROWS + 1}`.execute(tx);
    if (r.rows.length > MAX_EXPORT_ROWS) tooMany();
    const header = ['Opvanglocatie', 'Voornaam kind', 'Familienaam kind', 'Geboortedatum', 'Aanvraagnummer', 'Start', 'Einde', 'Dagen', 'Vertrokken op', 'Reden van vertrek'];
    const rows = r.rows.map((p): CellValue[] => [p.location, p.given_name, p.family_name, p.birth_date, p.number, p.start_date, p.end_date, daysText(p.care_days), p.departed_on, p.departure_reason]);
    await audit(tx, actor, 'export.placements', r.rows.map((p) => p.child_id));
    return sheetFile('plaatsingen', q.format, header, rows);
  });
}

/** The ranked candidate list for a free place, as the provider sees it on screen (same scope, same explanations). */
export async function exportCandidates(ctx: AppContext, actor: Actor, locationId: string, q: CandidateQuery & { format: ExportFormat }): Promise<ExportFile> {
  const { format, ...query } = q;
  const list = await listCandidates(ctx, actor, locationId, query);
  const header = ['Plaats', 'Aanvraagnummer', 'Inschrijvingsdatum', 'Gewenste startdatum', 'Dagen', 'Voorkeur', 'Voornaam kind', 'Familienaam kind', 'Geboren', 'Leeftijd bij start (maanden)', 'Voorrangsgroep', 'Uitleg'];
  const rows = list.candidates.map((c): CellValue[] => [
    c.position, c.number, c.registeredOn, c.desiredStartDate, daysText(c.careDays), c.preferenceRank, c.child.givenName, c.child.familyName, c.child.born ? 'ja' : 'nee', c.child.ageAtStartMonths, c.group?.label.nl ?? null, c.explanation.summary.nl,
  ]);
  return sheetFile(`kandidaten-${list.location.name.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}-${q.start}`, format, header, rows);
}
