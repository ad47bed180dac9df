// Reporting use cases: the desk's yearly figures with drill-down and exports, Opgroeien's provider files, keyed exports, birth numbers.
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { invalidFields, notFound, UserError, type FieldProblem } from '../domain/errors.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { yearlyFigures, outcome, type CountedRequest, type Figures } from '../domain/reporting/yearly-figures.ts';
import { combineKeyed, keyedRows, pseudonymKey, KEYED_FORMAT, type KeyedExport } from '../domain/reporting/pseudonym.ts';
import { countLocation, foRe19Xml, foRe30Xml, type CaredForChild } from '../domain/reporting/provider-registrations.ts';
import { audit, runUseCase, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { declarations, factsOn } from './priority.ts';
import { NO_ID } from './scopes.ts';
import { toCsv } from './follow-up.ts';

export const SOFTWARE = 'Nabij 0.1';

function checkYear(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < 2014 || year > 2100) {
    throw invalidFields([{ field, code: 'report.year', nl: 'Geef een jaar vanaf 2014, bijvoorbeeld 2025.', en: 'Give a year from 2014 on, for example 2025.' }]);
  }
}

/** Which desk's figures: the actor's own; analysts and administrators may name one, or take the whole installation. */
function deskFilter(actor: Actor, deskId: string | undefined): string | null {
  if (actor.role === 'desk_worker' || actor.role === 'desk_coordinator') {
    if (deskId && deskId !== actor.deskId) throw notFound({ nl: 'Dit loket', en: 'This desk' }, 'deskId');
    return actor.deskId ?? NO_ID;
  }
  return deskId ?? null;
}

export interface CountedRow {
  id: string;
  number: string;
  child_id: string;
  status: CountedRequest['status'];
  registered_on: string;
  desired_start_date: string;
  municipality_nis: string;
  urgent: boolean;
  vulnerable: boolean;
}

/** The year's requests as the counting rules see them; the residence comes from the request (kept by triggers). */
export async function countedRequests(tx: Tx, year: number, deskId: string | null): Promise<CountedRow[]> {
  const r = await sql<CountedRow>`
    select r.id, r.number, r.child_id, r.status, r.registered_on, r.desired_start_date, r.residence_nis as municipality_nis, r.urgent,
           r.child_id in (select c.id from family_vulnerability v join child c on c.family_id = v.family_id where v.vulnerable) as vulnerable
    from request r
    where r.registered_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date and r.status <> 'merged'
      and (${deskId}::uuid is null or r.desk_id = ${deskId}::uuid)
    order by r.registered_on, r.number`.execute(tx);
  return r.rows;
}

const toCounted = (r: CountedRow): CountedRequest => ({ id: r.id, status: r.status, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date, municipalityNis: r.municipality_nis, urgent: r.urgent, vulnerable: r.vulnerable });

export interface FiguresQuery {
  year: number;
  deskId?: string;
}

/**
 * The yearly figures as Opgroeien asks them, with the municipality names. They show what is known when they are made:
 * a request placed after the year ended counts as answered. Unique children are given too, for several desks at once.
 */
export async function deskFigures(ctx: AppContext, actor: Actor, q: FiguresQuery) {
  checkYear(q.year);
  return runUseCase(ctx, actor, 'report.figures', async (tx) => {
    const deskId = deskFilter(actor, q.deskId);
    const rows = await countedRequests(tx, q.year, deskId);
    const f = yearlyFigures(rows.map(toCounted), q.year);
    const names = new Map((await tx.selectFrom('municipality').select(['nis_code', 'name']).execute()).map((m) => [m.nis_code, m.name]));
    const unanswered = new Set(f.ids.unanswered);
    const children = new Set(rows.map((r) => r.child_id));
    const childrenUnanswered = new Set(rows.filter((r) => unanswered.has(r.id)).map((r) => r.child_id));
    return {
      year: q.year,
      deskId,
      total: f.total,
      uniqueChildren: { registered: children.size, unanswered: childrenUnanswered.size },
      byMunicipality: Object.entries(f.byMunicipality)
        .map(([nis, figures]) => ({ nisCode: nis, name: names.get(nis) ?? nis, ...figures }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    };
  });
}

export const MEASURES = ['registered', 'unanswered'] as const;
export const SUBCATEGORIES = ['urgent', 'vulnerable'] as const;

export interface DrillDownQuery extends FiguresQuery {
  measure: (typeof MEASURES)[number];
  subcategory?: (typeof SUBCATEGORIES)[number];
  municipality?: string;
}

/** The requests behind one number of the figures, for the desk (never for aggregate-only roles). Each read is audited. */
export async function figuresDrillDown(ctx: AppContext, actor: Actor, q: DrillDownQuery) {
  checkYear(q.year);
  return runUseCase(ctx, actor, 'report.drilldown', async (tx) => {
    const deskId = deskFilter(actor, q.deskId);
    const rows = await countedRequests(tx, q.year, deskId);
    const picked = rows.filter((r) => {
      const c = toCounted(r);
      if (q.measure === 'unanswered' && outcome(c, q.year) !== 'unanswered') return false;
      if (q.subcategory === 'urgent' && !r.urgent) return false;
      if (q.subcategory === 'vulnerable' && !r.vulnerable) return false;
      if (q.municipality && r.municipality_nis !== q.municipality) return false;
      return true;
    });
    await audit(tx, actor, 'report.drilldown', picked.map((r) => r.child_id));
    return {
      year: q.year,
      measure: q.measure,
      subcategory: q.subcategory ?? null,
      municipality: q.municipality ?? null,
      count: picked.length,
      requests: picked.map((r) => ({ id: r.id, number: r.number, status: r.status, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date, municipalityNis: r.municipality_nis, urgent: r.urgent, vulnerable: r.vulnerable })),
    };
  });
}

type FiguresResult = Awaited<ReturnType<typeof deskFigures>>;

const HEADER = ['gemeente', 'NIS-code', 'ingeschreven', 'onbeantwoord', 'dringend ingeschreven', 'dringend onbeantwoord', 'kwetsbaar gezin ingeschreven', 'kwetsbaar gezin onbeantwoord'];
const line = (name: string, nis: string, f: Figures) => [name, nis, f.registered, f.unanswered, f.urgent.registered, f.urgent.unanswered, f.vulnerable.registered, f.vulnerable.unanswered];

function figureLines(f: FiguresResult): Array<Array<string | number>> {
  return [...f.byMunicipality.map((m) => line(m.name, m.nisCode, m)), line('Totaal', '', f.total)];
}

export function figuresCsv(f: FiguresResult): string {
  return toCsv(HEADER, figureLines(f));
}

/** The same table as an Excel workbook, with a sheet that explains the counting rules. */
export async function figuresXlsx(f: FiguresResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = SOFTWARE;
  const ws = wb.addWorksheet(`Cijfers ${f.year}`);
  ws.addRow(HEADER).font = { bold: true };
  for (const l of figureLines(f)) ws.addRow(l);
  ws.lastRow!.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 16));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('Telregels');
  for (const t of [
    `Jaarcijfers lokaal loket kinderopvang ${f.year}: opvangvragen ingeschreven in ${f.year}.`,
    'Eén aanvrager met één kind is één vraag; een tweeling telt als twee vragen.',
    'Niet onbeantwoord: vervallen vragen (bijvoorbeeld na een miskraam), opvang elders gevonden (ook in een andere gemeente), afloop onbekend, ingetrokken.',
    'Onbeantwoord: nog open, met een gewenste start in het jaar of vroeger.',
    'Een vraag kan zowel dringend als van een kwetsbaar gezin zijn: de subcategorieën overlappen.',
    `Uniek aantal kinderen: ${f.uniqueChildren.registered} ingeschreven, ${f.uniqueChildren.unanswered} onbeantwoord.`,
  ]) notes.addRow([t]);
  notes.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- Opgroeien's provider files -------------------------------------------------------------------------------

export interface SubsidyGroupInput {
  opgroeienId: number;
  name: string;
  organiserId?: string;
  incomeTariffFrom?: string | null;
  incomeTariffUntil?: string | null;
  plusSubsidy?: boolean;
  locationIds: string[];
}

/** Registers a subsidy group and links its locations; provider staff only for their own organiser and locations. */
export async function saveSubsidyGroup(ctx: AppContext, actor: Actor, input: SubsidyGroupInput) {
  return runUseCase(ctx, actor, 'subsidy_group.write', async (tx) => {
    const organiserId = actor.role === 'provider_staff' ? actor.organiserId : input.organiserId;
    const problems: FieldProblem[] = [];
    if (!organiserId) problems.push({ field: 'organiserId', code: 'required', nl: 'Kies de organisator van de groep.', en: 'Choose the group’s organiser.' });
    if (!input.name.trim()) problems.push({ field: 'name', code: 'required', nl: 'Geef de groep een naam.', en: 'Give the group a name.' });
    for (const k of ['incomeTariffFrom', 'incomeTariffUntil'] as const) {
      const v = input[k];
      if (v != null && !isCalendarDate(v)) problems.push({ field: k, code: 'date', nl: 'Geef een datum als JJJJ-MM-DD.', en: 'Give a date as YYYY-MM-DD.' });
    }
    if (input.incomeTariffFrom && input.incomeTariffUntil && input.incomeTariffUntil < input.incomeTariffFrom) {
      problems.push({ field: 'incomeTariffUntil', code: 'date.order', nl: 'Het einde ligt voor het begin.', en: 'The end is before the start.' });
    }
    if (problems.length) throw invalidFields(problems);
    const locations = input.locationIds.length ? await tx.selectFrom('location').select(['id', 'organiser_id']).where('id', 'in', input.locationIds).execute() : [];
    const foreign = input.locationIds.filter((id) => locations.find((l) => l.id === id)?.organiser_id !== organiserId);
    if (foreign.length) {
      throw invalidFields(foreign.map((id) => ({ field: `locationIds[${input.locationIds.indexOf(id)}]`, code: 'location.not_own', nl: 'Deze locatie bestaat niet of hoort niet bij deze organisator.', en: 'This location does not exist or does not belong to this organiser.' })));
    }
    const taken = await tx.selectFrom('subsidy_group').select(['id', 'organiser_id']).where('opgroeien_id', '=', input.opgroeienId).executeTakeFirst();
    if (taken && taken.organiser_id !== organiserId) {
      throw new UserError('conflict', 'subsidy_group.taken', 'opgroeienId', { nl: 'Dit nummer hoort al bij een andere organisator.', en: 'This number already belongs to another organiser.' });
    }
    const values = { organiser_id: organiserId as string, opgroeien_id: input.opgroeienId, name: input.name.trim(), income_tariff_from: input.incomeTariffFrom ?? null, income_tariff_until: input.incomeTariffUntil ?? null, plus_subsidy: input.plusSubsidy ?? false };
    const row = taken
      ? await tx.updateTable('subsidy_group').set(values).where('id', '=', taken.id).returning('id').executeTakeFirstOrThrow()
      : await tx.insertInto('subsidy_group').values(values).returning('id').executeTakeFirstOrThrow();
    if (input.locationIds.length) await tx.updateTable('location').set({ subsidy_group_id: row.id }).where('id', 'in', input.locationIds).execute();
    await audit(tx, actor, 'subsidy_group.write', []);
    return { id: row.id, opgroeienId: input.opgroeienId, name: values.name, locationIds: input.locationIds };
  });
}

export const PROVIDER_FORMS = ['FO-RE-19', 'FO-RE-30'] as const;

/** One of Opgroeien's yearly provider files for a subsidy group, as XML that validates against Opgroeien's schema. */
export async function providerFile(ctx: AppContext, actor: Actor, subsidyGroupId: string, year: number, form: (typeof PROVIDER_FORMS)[number]) {
  checkYear(year);
  return runUseCase(ctx, actor, 'report.provider_file', async (tx) => {
    const group = await tx
      .selectFrom('subsidy_group')
      .innerJoin('organiser', 'organiser.id', 'subsidy_group.organiser_id')
      .select(['subsidy_group.id', 'subsidy_group.opgroeien_id', 'subsidy_group.name', 'subsidy_group.income_tariff_from', 'subsidy_group.income_tariff_until', 'subsidy_group.plus_subsidy', 'organiser.name as organiser', 'organiser.id as organiser_id'])
      .where('subsidy_group.id', '=', subsidyGroupId)
      .where((eb) => (actor.role === 'provider_staff' ? eb('organiser.id', '=', actor.organiserId ?? NO_ID) : sql<boolean>`true`))
      .executeTakeFirst();
    if (!group) throw notFound({ nl: 'Deze subsidiegroep', en: 'This subsidy group' });
    const from = `${year}-01-01`;
    const until = `${year}-12-31`;
    const locations = await tx.selectFrom('location').select(['id', 'name', 'opgroeien_id']).where('subsidy_group_id', '=', group.id).orderBy('name').execute();
    // Children cared for in the year: placements that overlap it, with the family's facts when the care started.
    const placed = locations.length
      ? await sql<{ location_id: string; child_id: string; family_id: string; start_date: string; deviation: boolean }>`
          select p.location_id, p.child_id, c.family_id, min(p.start_date)::text as start_date,
                 bool_or(exists (select 1 from deviation d where d.request_id = p.request_id and d.location_id = p.location_id)) as deviation
          from placement p join child c on c.id = p.child_id
          where p.location_id in (${sql.join(locations.map((l) => l.id))}) and p.start_date <= ${until}::date and p.end_date >= ${from}::date
          group by p.location_id, p.child_id, c.family_id`.execute(tx)
      : { rows: [] };
    const decl = await declarations(tx, [...new Set(placed.rows.map((p) => p.family_id))]);
    const perLocation = new Map<string, CaredForChild[]>();
    for (const p of placed.rows) {
      const list = perLocation.get(p.location_id) ?? [];
      list.push({ childId: p.child_id, facts: factsOn(decl.get(p.family_id), p.start_date), socialPedagogical: p.deviation });
      perLocation.set(p.location_id, list);
    }
    const clamp = (d: string | null, fallback: string) => (d === null ? fallback : d < from ? from : d > until ? until : d);
    const file = {
      year,
      groupId: group.opgroeien_id,
      groupName: group.name,
      organiserName: group.organiser,
      incomeTariff: { from: clamp(group.income_tariff_from, from), until: clamp(group.income_tariff_until, until) },
      plusSubsidy: group.plus_subsidy,
      locations: locations.map((l) => ({ opgroeienId: l.opgroeien_id, name: l.name, counts: countLocation(perLocation.get(l.id) ?? []) })),
      software: SOFTWARE,
    };
    await audit(tx, actor, 'report.provider_file', []);
    return { fileName: `${form}-${group.opgroeien_id}-${year}.xml`, xml: form === 'FO-RE-19' ? foRe19Xml(file) : foRe30Xml(file) };
  });
}

// ---- Keyed aggregates across installations -----------------------------------------------------------------------

/**
 * The year's counted requests of this installation (or of the coordinator's desk) with a pseudonymous child key
 * instead of any identity, for combining with other installations that use the same shared secret.
 */
export async function keyedExport(ctx: AppContext, actor: Actor, year: number): Promise<KeyedExport> {
  checkYear(year);
  return runUseCase(ctx, actor, 'report.keyed_export', async (tx) => {
    const secret = ctx.pseudonymSecret;
    if (!secret || secret.length < 16) {
      throw new UserError('unprocessable', 'report.no_pseudonym_secret', null, {
        nl: 'Deze installatie heeft geen geheime sleutel voor pseudoniemen (NABIJ_PSEUDONYM_SECRET, minstens 16 tekens). Vraag het aan de beheerder.',
        en: 'This installation has no secret for pseudonyms (NABIJ_PSEUDONYM_SECRET, at least 16 characters). Ask the administrator.',
      });
    }
    const deskId = deskFilter(actor, undefined);
    const rows = await countedRequests(tx, year, deskId);
    const childIds = [...new Set(rows.map((r) => r.child_id))];
    const identities = new Map<string, { insz: string | null; given_name: string | null; family_name: string; birth_date: string | null; due_date: string | null; guardians: string[] | null }>();
    for (let i = 0; i < childIds.length; i += 5000) {
      const chunk = childIds.slice(i, i + 5000);
      const ids = await sql<{ id: string; insz: string | null; given_name: string | null; family_name: string; birth_date: string | null; due_date: string | null; guardians: string[] | null }>`
        select c.id, c.insz, c.given_name, c.family_name, c.birth_date, c.due_date,
               array(select g.insz from guardian g where g.family_id = c.family_id and g.insz is not null) as guardians
        from child c where c.id in (${sql.join(chunk)})`.execute(tx);
      for (const x of ids.rows) identities.set(x.id, x);
    }
    const keyed = rows.map((r) => {
      const c = identities.get(r.child_id)!;
      return { ...toCounted(r), key: pseudonymKey(secret, { insz: c.insz, givenName: c.given_name, familyName: c.family_name, birthDate: c.birth_date, dueDate: c.due_date, guardianInsz: c.guardians ?? [] }) };
    });
    await audit(tx, actor, 'report.keyed_export', []);
    return { format: KEYED_FORMAT, installation: ctx.installation ?? 'nabij', year, keyAlgorithm: 'HMAC-SHA256/128', rows: keyedRows(keyed, year) };
  });
}

/** Combines keyed exports of several installations (no database needed; the analyst brings the files). */
export async function combineExports(ctx: AppContext, actor: Actor, exports: KeyedExport[]) {
  return runUseCase(ctx, actor, 'report.combine', async () => {
    try {
      return combineKeyed(exports);
    } catch (e) {
      throw new UserError('invalid', 'report.combine', 'exports', { nl: `Deze bestanden kunnen niet samen: ${(e as Error).message}`, en: `These files cannot be combined: ${(e as Error).message}` });
    }
  });
}

// ---- Birth numbers -------------------------------------------------------------------------------------------------

export interface BirthRow {
  nisCode: string;
  year: number;
  births: number;
}

/** Loads birth numbers all or nothing: every bad row is reported with its line number, and then nothing is stored. */
export async function loadBirths(ctx: AppContext, actor: Actor, rows: BirthRow[]) {
  return runUseCase(ctx, actor, 'statistics.write', async (tx) => {
    const known = new Set((await tx.selectFrom('municipality').select('nis_code').execute()).map((m) => m.nis_code));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const at = `rows[${i}]`;
      if (!known.has(r.nisCode)) problems.push({ field: `${at}.nisCode`, code: 'municipality.unknown', nl: `Regel ${i + 1}: gemeente ${r.nisCode} is niet gekend.`, en: `Line ${i + 1}: municipality ${r.nisCode} is not known.` });
      if (seen.has(`${r.nisCode}:${r.year}`)) problems.push({ field: `${at}.year`, code: 'births.duplicate', nl: `Regel ${i + 1}: deze gemeente en dit jaar staan er al.`, en: `Line ${i + 1}: this municipality and year are already listed.` });
      seen.add(`${r.nisCode}:${r.year}`);
    });
    if (problems.length) throw invalidFields(problems);
    for (const r of rows) {
      await tx.insertInto('birth_count').values({ nis_code: r.nisCode, year: r.year, births: r.births }).onConflict((oc) => oc.columns(['nis_code', 'year']).doUpdateSet({ births: r.births })).execute();
    }
    await audit(tx, actor, 'statistics.write', []);
    return { stored: rows.length };
  });
}
