// Use cases for the Vroeg en Nabij pilot register: area, period and partners, checked against the call, and quarterly indicators.
import { sql } from 'kysely';
import { brusselsDate, isCalendarDate } from '../../domain/dates.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../../domain/errors.ts';
import { INDICATOR_COLUMNS, quarterIndicators } from '../../domain/family-support/indicators.ts';
import { pilotConditions, unmetProblems, type PartnerRole, type PilotFacts, type PilotLocation } from '../../domain/family-support/pilot.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import { toCsv } from '../follow-up.ts';
import type { Actor } from '../permissions.ts';

export interface PartnerInput {
  role: PartnerRole;
  locationId?: string;
  organiserId?: string;
  deskId?: string;
  organizationId?: string;
  name?: string;
  qualityLabel?: boolean;
}

export interface PilotInput {
  name: string;
  startDate: string;
  endDate: string;
  municipalities: string[];
  partners: PartnerInput[];
}

/** Which reference each role needs; the others must be left out so a partner is never two things at once. */
const NEEDS_REF: Record<PartnerRole, 'locationId' | 'organiserId' | 'deskId' | 'organizationOrName'> = {
  childcare_location: 'locationId',
  organiser: 'organiserId',
  lokaal_loket: 'deskId',
  huis_van_het_kind: 'organizationOrName',
  diagnostics: 'organizationOrName',
  other: 'organizationOrName',
};

/** Checks the form of the input and that every reference exists, item by item; then reads the facts the conditions need. */
async function factsOf(tx: Tx, input: PilotInput): Promise<PilotFacts> {
  const problems: FieldProblem[] = [];
  if (!input.name.trim()) problems.push({ field: 'name', code: 'required', nl: 'Geef de pilot een naam.', en: 'Give the pilot a name.' });
  if (!isCalendarDate(input.startDate)) problems.push({ field: 'startDate', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
  if (!isCalendarDate(input.endDate)) problems.push({ field: 'endDate', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
  const nis = [...new Set(input.municipalities)];
  if (nis.length !== input.municipalities.length) problems.push({ field: 'municipalities', code: 'pilot.municipality_twice', nl: 'Elke gemeente staat er één keer in.', en: 'Each municipality is listed once.' });
  const knownNis = nis.length ? await tx.selectFrom('municipality').select('nis_code').where('nis_code', 'in', nis).execute() : [];
  input.municipalities.forEach((m, i) => {
    if (!knownNis.some((k) => k.nis_code === m)) problems.push({ field: `municipalities.${i}`, code: 'municipality.unknown', nl: 'Deze gemeente kennen we niet.', en: 'This municipality is unknown.' });
  });
  const ids = (k: 'locationId' | 'organiserId' | 'deskId' | 'organizationId') => [...new Set(input.partners.map((p) => p[k]).filter((x): x is string => !!x))];
  const none = ['00000000-0000-0000-0000-000000000000'];
  const [locations, organisers, desks, orgs] = await Promise.all([
    tx.selectFrom('location').select(['id', 'organiser_id', 'municipality_nis', 'type', 'subsidy_step']).where('id', 'in', ids('locationId').length ? ids('locationId') : none).execute(),
    tx.selectFrom('organiser').select('id').where('id', 'in', ids('organiserId').length ? ids('organiserId') : none).execute(),
    tx.selectFrom('desk').select('id').where('id', 'in', ids('deskId').length ? ids('deskId') : none).execute(),
    tx.selectFrom('sm_organization').select('id').where('id', 'in', ids('organizationId').length ? ids('organizationId') : none).execute(),
  ]);
  const seen = new Map<string, number>();
  input.partners.forEach((p, i) => {
    const at = `partners.${i}`;
    const need = NEEDS_REF[p.role];
    const refs = { locationId: p.locationId, organiserId: p.organiserId, deskId: p.deskId };
    for (const [k, v] of Object.entries(refs)) {
      if (v && k !== need) problems.push({ field: `${at}.${k}`, code: 'pilot.partner_field', nl: 'Dit veld hoort niet bij deze rol.', en: 'This field does not belong to this role.' });
    }
    if (need === 'organizationOrName') {
      if (!p.organizationId && !p.name?.trim()) problems.push({ field: `${at}.organizationId`, code: 'pilot.partner_missing', nl: 'Kies een organisatie van de sociale kaart of geef een naam.', en: 'Choose an organisation from the social map or give a name.' });
    } else if (!p[need]) {
      problems.push({ field: `${at}.${need}`, code: 'pilot.partner_missing', nl: 'Dit veld is verplicht voor deze rol.', en: 'This field is required for this role.' });
    }
    if (p.qualityLabel && p.role !== 'childcare_location') problems.push({ field: `${at}.qualityLabel`, code: 'pilot.partner_field', nl: 'Een kwaliteitslabel hoort bij een kinderopvanglocatie.', en: 'A quality label belongs to a childcare location.' });
    if (p.locationId && !locations.some((l) => l.id === p.locationId)) problems.push({ field: `${at}.locationId`, code: 'location.unknown', nl: 'Deze opvanglocatie bestaat niet.', en: 'This location does not exist.' });
    if (p.organiserId && !organisers.some((l) => l.id === p.organiserId)) problems.push({ field: `${at}.organiserId`, code: 'organiser.unknown', nl: 'Deze organisator bestaat niet.', en: 'This organiser does not exist.' });
    if (p.deskId && !desks.some((l) => l.id === p.deskId)) problems.push({ field: `${at}.deskId`, code: 'desk.unknown', nl: 'Dit loket bestaat niet.', en: 'This desk does not exist.' });
    if (p.organizationId && !orgs.some((l) => l.id === p.organizationId)) problems.push({ field: `${at}.organizationId`, code: 'organization.unknown', nl: 'Deze organisatie staat niet op de sociale kaart.', en: 'This organisation is not on the social map.' });
    const key = `${p.role} ${p.locationId ?? p.organiserId ?? p.deskId ?? p.organizationId ?? p.name?.trim().toLowerCase()}`;
    const twice = seen.get(key);
    if (twice !== undefined) problems.push({ field: at, code: 'pilot.partner_twice', nl: `Deze partner staat al in regel ${twice}.`, en: `This partner is already listed in item ${twice}.` });
    seen.set(key, i);
  });
  if (problems.length) throw invalidFields(problems);
  return {
    municipalities: nis,
    startDate: input.startDate,
    endDate: input.endDate,
    locations: input.partners
      .filter((p) => p.role === 'childcare_location')
      .map((p): PilotLocation => {
        const l = locations.find((x) => x.id === p.locationId) as (typeof locations)[0];
        return { locationId: l.id, organiserId: l.organiser_id, municipalityNis: l.municipality_nis, type: l.type, subsidyStep: l.subsidy_step, qualityLabel: p.qualityLabel ?? false };
      }),
    organiserIds: input.partners.filter((p) => p.role === 'organiser').map((p) => p.organiserId as string),
    lokaalLoketCount: input.partners.filter((p) => p.role === 'lokaal_loket').length,
    huisVanHetKindCount: input.partners.filter((p) => p.role === 'huis_van_het_kind').length,
  };
}

/** Checks a pilot against the call without storing it: every condition with whether it is met. */
export async function checkPilot(ctx: AppContext, actor: Actor, input: PilotInput) {
  return runUseCase(ctx, actor, 'pilot.manage', async (tx) => {
    const conditions = pilotConditions(await factsOf(tx, input));
    return { ok: conditions.every((c) => c.met), conditions };
  });
}

async function store(tx: Tx, ctx: AppContext, actor: Actor, input: PilotInput, id: string | null) {
  const facts = await factsOf(tx, input);
  const unmet = unmetProblems(pilotConditions(facts));
  if (unmet.length) {
    throw new UserError(
      'unprocessable',
      unmet.length === 1 ? (unmet[0] as FieldProblem).code : 'pilot.conditions_unmet',
      (unmet[0] as FieldProblem).field,
      unmet.length === 1 ? (unmet[0] as FieldProblem) : { nl: `${unmet.length} voorwaarden van de oproep zijn niet voldaan. Er werd niets opgeslagen.`, en: `${unmet.length} conditions of the call are not met. Nothing was stored.` },
      unmet,
    );
  }
  const values = { name: input.name.trim(), start_date: input.startDate, end_date: input.endDate, updated_at: ctx.now() };
  let pilotId = id;
  if (pilotId) {
    await tx.updateTable('pilot').set(values).where('id', '=', pilotId).execute();
    await tx.deleteFrom('pilot_partner').where('pilot_id', '=', pilotId).execute();
    await tx.deleteFrom('pilot_municipality').where('pilot_id', '=', pilotId).execute();
  } else {
    pilotId = (await tx.insertInto('pilot').values({ ...values, created_by: actor.userId, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const pid = pilotId;
  await tx.insertInto('pilot_municipality').values(facts.municipalities.map((nis_code) => ({ pilot_id: pid, nis_code }))).execute();
  if (input.partners.length) {
    await tx
      .insertInto('pilot_partner')
      .values(input.partners.map((p) => ({ pilot_id: pid, role: p.role, location_id: p.locationId ?? null, organiser_id: p.organiserId ?? null, desk_id: p.deskId ?? null, organization_id: p.organizationId ?? null, name: p.name?.trim() || null, quality_label: p.qualityLabel ?? false })))
      .execute();
  }
  await audit(tx, actor, id ? 'pilot.update' : 'pilot.create', []);
  return pilotView(tx, pid);
}

export async function createPilot(ctx: AppContext, actor: Actor, input: PilotInput) {
  return runUseCase(ctx, actor, 'pilot.manage', (tx) => store(tx, ctx, actor, input, null));
}

export async function updatePilot(ctx: AppContext, actor: Actor, id: string, input: PilotInput) {
  return runUseCase(ctx, actor, 'pilot.manage', async (tx) => {
    const p = await tx.selectFrom('pilot').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound({ nl: 'Deze pilot', en: 'This pilot' });
    return store(tx, ctx, actor, input, id);
  });
}

async function pilotView(tx: Tx, id: string) {
  const p = await tx.selectFrom('pilot').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound({ nl: 'Deze pilot', en: 'This pilot' });
  const municipalities = await tx.selectFrom('pilot_municipality').innerJoin('municipality', 'municipality.nis_code', 'pilot_municipality.nis_code').select(['municipality.nis_code', 'municipality.name']).where('pilot_id', '=', id).orderBy('municipality.name').execute();
  const partners = await sql<{ id: string; role: PartnerRole; location_id: string | null; organiser_id: string | null; desk_id: string | null; organization_id: string | null; name: string | null; quality_label: boolean; display: string }>`
    select pp.id, pp.role, pp.location_id, pp.organiser_id, pp.desk_id, pp.organization_id, pp.name, pp.quality_label,
           coalesce(l.name, og.name, d.name, o.name, pp.name) as display
    from pilot_partner pp left join location l on l.id = pp.location_id left join organiser og on og.id = pp.organiser_id
      left join desk d on d.id = pp.desk_id left join sm_organization o on o.id = pp.organization_id
    where pp.pilot_id = ${id}::uuid order by pp.role, display, pp.id`.execute(tx);
  const input: PilotInput = {
    name: p.name,
    startDate: p.start_date,
    endDate: p.end_date,
    municipalities: municipalities.map((m) => m.nis_code),
    partners: partners.rows.map((r) => ({ role: r.role, ...(r.location_id ? { locationId: r.location_id } : {}), ...(r.organiser_id ? { organiserId: r.organiser_id } : {}), ...(r.desk_id ? { deskId: r.desk_id } : {}), ...(r.organization_id ? { organizationId: r.organization_id } : {}), ...(r.name ? { name: r.name } : {}), qualityLabel: r.quality_label })),
  };
  // The conditions are checked again on reading: a location's subsidy step may have changed since.
  const conditions = pilotConditions(await factsOf(tx, input));
  return {
    id: p.id,
    name: p.name,
    startDate: p.start_date,
    endDate: p.end_date,
    municipalities: municipalities.map((m) => ({ nisCode: m.nis_code, name: m.name })),
    partners: partners.rows.map((r) => ({ id: r.id, role: r.role, name: r.display, locationId: r.location_id, organiserId: r.organiser_id, deskId: r.desk_id, organizationId: r.organization_id, qualityLabel: r.quality_label })),
    conditions,
  };
}

export async function getPilot(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'pilot.read', (tx) => pilotView(tx, id));
}

export async function listPilots(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'pilot.read', async (tx) => {
    const rows = await tx.selectFrom('pilot').select(['id', 'name', 'start_date', 'end_date']).orderBy('start_date').orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, startDate: r.start_date, endDate: r.end_date }));
  });
}

/** The pilot's indicators per quarter, from referrals and concerns of families living in its area (aggregates only). */
export async function pilotIndicators(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'pilot.read', async (tx) => {
    const p = await tx.selectFrom('pilot').select(['id', 'name', 'start_date', 'end_date']).where('id', '=', id).executeTakeFirst();
    if (!p) throw notFound({ nl: 'Deze pilot', en: 'This pilot' });
    const referrals = await sql<{ family_id: string; vulnerable: boolean; sent_at: Date; received_at: Date | null; contact_made_at: Date | null; referrer_role: string }>`
      select r.family_id, coalesce(v.vulnerable, false) as vulnerable, r.sent_at, r.received_at, r.contact_made_at, r.referrer_role
      from referral r join family f on f.id = r.family_id
        join pilot_municipality pm on pm.nis_code = f.municipality_nis and pm.pilot_id = ${id}::uuid
        left join family_vulnerability v on v.family_id = r.family_id
      where r.sent_at < (${p.end_date}::date + 2)`.execute(tx);
    const concerns = await sql<{ created_at: Date }>`
      select k.created_at from concern k join family f on f.id = k.family_id
        join pilot_municipality pm on pm.nis_code = f.municipality_nis and pm.pilot_id = ${id}::uuid
      where k.created_at < (${p.end_date}::date + 2)`.execute(tx);
    const day = (d: Date | null) => (d ? brusselsDate(d) : null);
    const quarters = quarterIndicators(
      p.start_date,
      p.end_date,
      referrals.rows.map((r) => ({ familyId: r.family_id, vulnerable: r.vulnerable, sentOn: brusselsDate(r.sent_at), receivedOn: day(r.received_at), contactOn: day(r.contact_made_at), fromChildcare: r.referrer_role === 'provider_staff' })),
      concerns.rows.map((c) => ({ sharedOn: brusselsDate(c.created_at) })),
    );
    return { pilotId: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date, quarters };
  });
}

export function indicatorsCsv(r: Awaited<ReturnType<typeof pilotIndicators>>): string {
  return toCsv([...INDICATOR_COLUMNS], r.quarters.map((q) => INDICATOR_COLUMNS.map((c) => q[c])));
}
