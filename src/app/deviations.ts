// The deviation register: places given outside the rule order, the advice behind each, the yearly quota and the report.
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { sql } from 'kysely';
import { isCalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { selectRuleSet } from '../domain/rules/evaluate.ts';
import { deviationFits, deviationsAllowed } from '../domain/rules/quota.ts';
import { audit, ruleSets, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { locationScope, NO_ID, requestScope } from './scopes.ts';
import { acrossTenants } from './tenancy.ts';
import { winAnsi } from './letters.ts';

export const DEVIATION_GROUNDS = {
  child_interest: { nl: 'in het belang van het kind', en: 'in the interest of the child' },
  health_or_welfare: { nl: 'omwille van een gezondheids- of welzijnssituatie in het gezin', en: 'because of a health or welfare situation in the family' },
} as const;

export interface AdviceInput {
  adviserOrganisation: string;
  adviserType: string;
  adviceDate: string;
  ground: keyof typeof DEVIATION_GROUNDS;
  note?: string;
}

/** A deviation refers to advice given earlier (adviceId), or carries the advice itself. */
export interface DeviationInput extends Partial<AdviceInput> {
  requestId: string;
  adviceId?: string;
}

/** Distinct children with a placement at the location in the year: the base of every yearly quota. */
async function childrenCaredFor(tx: Tx, locationId: string, year: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(distinct child_id)::int as n from placement
    where location_id = ${locationId} and start_date <= ${`${year}-12-31`}::date and end_date >= ${`${year}-01-01`}::date`.execute(tx);
  return r.rows[0]?.n ?? 0;
}

export async function ownLocation(tx: Tx, actor: Actor, locationId: string) {
  const r = await sql<{ id: string; name: string; organiser_id: string; subsidy_step: 'T0' | 'T1' | 'T2' | 'T3'; municipality_nis: string }>`
    select l.id, l.name, l.organiser_id, l.subsidy_step, l.municipality_nis from location l where l.id = ${locationId} and ${locationScope(actor)}`.execute(tx);
  const l = r.rows[0];
  if (!l || (actor.role === 'provider_staff' && l.organiser_id !== actor.organiserId)) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' });
  return l;
}

/** The rule set judging this request at this location; refuses when no rules apply or the adviser type is not allowed. */
function ruleSetForAdvice(ctx: AppContext, registeredOn: string, l: { id: string; subsidy_step: 'T0' | 'T1' | 'T2' | 'T3'; municipality_nis: string }, adviserType: string) {
  const { set } = selectRuleSet(ruleSets(ctx), registeredOn, today(ctx), { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis });
  if (!set) {
    throw new UserError('unprocessable', 'deviation.no_rules', null, {
      nl: 'Voor deze locatie gelden geen voorrangsregels. Een afwijking of advies is dus niet nodig.',
      en: 'No priority rules apply to this location, so no deviation or advice is needed.',
    });
  }
  if (!set.deviationAdvisers.includes(adviserType)) {
    throw new UserError('unprocessable', 'deviation.adviser_not_allowed', 'adviserType', {
      nl: `Dit soort organisatie mag geen advies geven voor een afwijking. Toegelaten: ${set.deviationAdvisers.join(', ')}.`,
      en: `This kind of organisation may not advise a deviation. Allowed: ${set.deviationAdvisers.join(', ')}.`,
    });
  }
  return set;
}

function checkAdvice(input: Partial<AdviceInput>, day: string): AdviceInput {
  const problems = [];
  if (!input.adviserOrganisation?.trim()) problems.push({ field: 'adviserOrganisation', code: 'required', nl: 'Vul de organisatie in die het advies gaf.', en: 'Enter the organisation that gave the advice.' });
  if (!input.adviserType?.trim()) problems.push({ field: 'adviserType', code: 'required', nl: 'Kies het soort organisatie.', en: 'Choose the kind of organisation.' });
  if (!input.adviceDate || !isCalendarDate(input.adviceDate) || input.adviceDate > day) problems.push({ field: 'adviceDate', code: 'date.invalid', nl: 'Geef de datum van het advies; die ligt niet in de toekomst.', en: 'Give the advice date; it is not in the future.' });
  if (!input.ground || !(input.ground in DEVIATION_GROUNDS)) problems.push({ field: 'ground', code: 'required', nl: 'Kies de grond van het advies.', en: 'Choose the ground of the advice.' });
  if (problems.length) throw invalidFields(problems);
  return input as AdviceInput;
}

export async function requestAtLocation(tx: Tx, requestId: string, locationId: string) {
  const r = await tx
    .selectFrom('request')
    .select(['request.id', 'request.registered_on', 'request.child_id', 'request.desk_id'])
    .where('request.id', '=', requestId)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('request_location').whereRef('request_location.request_id', '=', 'request.id').where('request_location.location_id', '=', locationId).select(sql`1`.as('one'))),
        eb.and([eb('request.accepts_any_location', '=', true), eb.exists(eb.selectFrom('location').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'location.municipality_nis').whereRef('desk_municipality.desk_id', '=', 'request.desk_id').where('location.id', '=', locationId).select(sql`1`.as('one')))]),
      ]),
    )
    .executeTakeFirst();
  if (!r) throw notFound({ nl: 'Een aanvraag voor deze locatie met dit nummer', en: 'A request for this location with this id' }, 'requestId');
  return r;
}

/** A desk or partner organisation advises a deviation for a request at a location; the provider receives the letter. */
export async function giveAdvice(ctx: AppContext, actor: Actor, requestId: string, input: AdviceInput & { locationId: string }) {
  return runUseCase(ctx, actor, 'deviation.advise', async (tx) => {
    const visible = await tx.selectFrom('request').select('id').where('id', '=', requestId).where(requestScope(actor)).executeTakeFirst();
    if (!visible) throw notFound({ nl: 'Deze aanvraag', en: 'This request' });
    const advice = checkAdvice(input, today(ctx));
    const l = (await sql<{ id: string; subsidy_step: 'T0' | 'T1' | 'T2' | 'T3'; municipality_nis: string }>`select id, subsidy_step, municipality_nis from location where id = ${input.locationId}`.execute(tx)).rows[0];
    if (!l) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' }, 'locationId');
    const request = await requestAtLocation(tx, requestId, input.locationId);
    ruleSetForAdvice(ctx, request.registered_on, l, advice.adviserType);
    const row = await tx
      .insertInto('deviation_advice')
      .values({ request_id: requestId, location_id: input.locationId, adviser_organisation: advice.adviserOrganisation.trim(), adviser_type: advice.adviserType, advice_date: advice.adviceDate, ground: advice.ground, note: advice.note?.trim() || null, given_by: actor.userId, given_by_role: actor.role })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'deviation.advise', [request.child_id]);
    return { id: row.id, requestId, locationId: input.locationId };
  });
}

/**
 * Records a deviation: refused without advice from an adviser type the rule set allows, and refused when
 * the location's yearly quota (deviations ≤ 10% of children cared for, or what the rule set says) is used up.
 */
export async function recordDeviation(ctx: AppContext, actor: Actor, locationId: string, input: DeviationInput) {
  return runUseCase(ctx, actor, 'deviation.record', (tx) => recordDeviationInTransaction(tx, ctx, actor, locationId, input));
}

/** The deviation itself, for use cases that record it together with the offer it allows (one transaction). */
export async function recordDeviationInTransaction(tx: Tx, ctx: AppContext, actor: Actor, locationId: string, input: DeviationInput) {
  {
    const l = await ownLocation(tx, actor, locationId);
    const day = today(ctx);
    const year = Number(day.slice(0, 4));
    const request = await requestAtLocation(tx, input.requestId, locationId);
    let adviceId: string;
    let advice: AdviceInput;
    if (input.adviceId) {
      const a = await tx.selectFrom('deviation_advice').selectAll().where('id', '=', input.adviceId).where('request_id', '=', input.requestId).where('location_id', '=', locationId).executeTakeFirst();
      if (!a) throw notFound({ nl: 'Een advies voor deze aanvraag en locatie', en: 'Advice for this request and location' }, 'adviceId');
      adviceId = a.id;
      advice = { adviserOrganisation: a.adviser_organisation, adviserType: a.adviser_type, adviceDate: a.advice_date, ground: a.ground, note: a.note ?? undefined };
    } else {
      advice = checkAdvice(input, day);
      adviceId = '';
    }
    const set = ruleSetForAdvice(ctx, request.registered_on, l, advice.adviserType);
    // Serialise deviations per location so two at once cannot both take the last unit of quota.
    await sql`select id from location where id = ${locationId} for update`.execute(tx);
    // The quota counts every deviation here, also for a request this provider can no longer read (the family took
    // the location off its list): only the number leaves this step.
    const existing = await acrossTenants(tx, async () => (await sql<{ n: number }>`select count(*)::int as n from deviation where location_id = ${locationId} and year = ${year}`.execute(tx)).rows[0]?.n ?? 0);
    const placedHere = await tx.selectFrom('placement').select('id').where('location_id', '=', locationId).where('child_id', '=', request.child_id).where('start_date', '<=', `${year}-12-31`).where('end_date', '>=', `${year}-01-01`).executeTakeFirst();
    // The child placed through this deviation is cared for this year too.
    const caredFor = (await childrenCaredFor(tx, locationId, year)) + (placedHere ? 0 : 1);
    const max = set.quotas.deviationMaxPercent;
    if (!deviationFits(existing, caredFor, max)) {
      const allowed = deviationsAllowed(caredFor, max);
      throw new UserError('conflict', 'deviation.quota_exceeded', null, {
        nl: `De afwijkingsquota voor ${year} is op: hoogstens ${max}% van ${caredFor} opgevangen kinderen, dus ${allowed} afwijking(en). Er zijn er al ${existing}.`,
        en: `The deviation quota for ${year} is used up: at most ${max}% of ${caredFor} children cared for, so ${allowed} deviation(s). There are already ${existing}.`,
      });
    }
    const already = await tx.selectFrom('deviation').select('id').where('location_id', '=', locationId).where('request_id', '=', input.requestId).executeTakeFirst();
    if (already) {
      throw new UserError('conflict', 'deviation.exists', 'requestId', { nl: 'Voor deze aanvraag is op deze locatie al een afwijking geregistreerd.', en: 'A deviation is already recorded for this request at this location.' });
    }
    if (!adviceId) {
      // Advice handed over on paper: the provider records it, and it gets its letter like any other.
      adviceId = (
        await tx
          .insertInto('deviation_advice')
          .values({ request_id: input.requestId, location_id: locationId, adviser_organisation: advice.adviserOrganisation.trim(), adviser_type: advice.adviserType, advice_date: advice.adviceDate, ground: advice.ground, note: advice.note?.trim() || null, given_by: actor.userId, given_by_role: actor.role })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const row = await tx
      .insertInto('deviation')
      .values({
        advice_id: adviceId,
        location_id: locationId,
        request_id: input.requestId,
        year,
        rule_set_id: set.id,
        adviser_organisation: advice.adviserOrganisation.trim(),
        adviser_type: advice.adviserType,
        advice_date: advice.adviceDate,
        ground: advice.ground,
        note: advice.note?.trim() || null,
        recorded_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'deviation.record', [request.child_id]);
    return { id: row.id, adviceId, year, ruleSetId: set.id, quota: { maxPercent: max, caredFor, allowed: deviationsAllowed(caredFor, max), used: existing + 1 } };
  }
}

/** Per organiser and location: deviations used against the quota in a year, and the advisers involved. */
export async function deviationReport(ctx: AppContext, actor: Actor, year: number) {
  return runUseCase(ctx, actor, 'deviation.read', async (tx) => {
    // Counted over every tenant, as the quota is: a deviation here for a family this reader cannot see still uses
    // the location's quota. Only counts and adviser organisations leave this step; the locations are the actor's own.
    const rows = await acrossTenants(tx, () => sql<{ location_id: string; location: string; organiser: string; deviations: number; advisers: string[] | null; subsidy_step: 'T2' | 'T3'; municipality_nis: string }>`
      select l.id as location_id, l.name as location, o.name as organiser, count(d.id)::int as deviations, l.subsidy_step, l.municipality_nis,
             array_remove(array_agg(distinct d.adviser_organisation), null) as advisers
      from location l join organiser o on o.id = l.organiser_id
      left join deviation d on d.location_id = l.id and d.year = ${year}
      where l.subsidy_step in ('T2', 'T3') and (${actor.role === 'analyst'} or ${locationScope(actor)})
      group by l.id, l.name, o.name order by o.name, l.name`.execute(tx));
    // Each location's quota comes from the rule set in force for it at the end of that year (or today).
    const onDate = `${year}-12-31` < today(ctx) ? `${year}-12-31` : today(ctx);
    const out = [];
    for (const r of rows.rows) {
      const { set } = selectRuleSet(ruleSets(ctx), onDate, onDate, { id: r.location_id, subsidyStep: r.subsidy_step, municipalityNis: r.municipality_nis });
      const maxPercent = set?.quotas.deviationMaxPercent ?? 0;
      const caredFor = await childrenCaredFor(tx, r.location_id, year);
      const allowed = deviationsAllowed(caredFor, maxPercent);
      out.push({ locationId: r.location_id, location: r.location, organiser: r.organiser, ruleSetId: set?.id ?? null, maxPercent, caredFor, deviations: r.deviations, allowed, shareOfQuotaPercent: allowed ? Math.round((r.deviations * 100) / allowed) : r.deviations ? 100 : 0, advisers: r.advisers ?? [] });
    }
    return { year, locations: out };
  });
}

/** The advice letter as a one-page PDF: filled in from the recorded deviation, for the provider's file. */
export async function adviceLetter(ctx: AppContext, actor: Actor, adviceId: string): Promise<Uint8Array> {
  const data = await runUseCase(ctx, actor, 'deviation.letter', async (tx) => {
    // The provider of the location receives it; the desk of the request and the adviser who gave it may read it too.
    const d = await sql<{ id: string; adviser_organisation: string; adviser_type: string; advice_date: string; ground: keyof typeof DEVIATION_GROUNDS; note: string | null; location: string; organiser: string; number: string; child_id: string; registered_on: string; subsidy_step: 'T0' | 'T1' | 'T2' | 'T3'; municipality_nis: string; location_id: string }>`
      select a.id, a.adviser_organisation, a.adviser_type, a.advice_date, a.ground, a.note, l.name as location, o.name as organiser, r.number, r.child_id,
             r.registered_on, l.subsidy_step, l.municipality_nis, l.id as location_id
      from deviation_advice a join location l on l.id = a.location_id join organiser o on o.id = l.organiser_id join request r on r.id = a.request_id
      where a.id = ${adviceId}
        and (${actor.role === 'admin' || actor.role === 'system'}
          or l.organiser_id = ${actor.role === 'provider_staff' ? (actor.organiserId ?? NO_ID) : NO_ID}
          or r.desk_id = ${actor.deskId ?? NO_ID}
          or a.given_by = ${actor.userId ?? NO_ID})`.execute(tx);
    const row = d.rows[0];
    if (!row) throw notFound({ nl: 'Dit advies', en: 'This advice' });
    await audit(tx, actor, 'deviation.letter', [row.child_id]);
    return row;
  });
  const { set } = selectRuleSet(ruleSets(ctx), data.registered_on, today(ctx), { id: data.location_id, subsidyStep: data.subsidy_step, municipalityNis: data.municipality_nis });
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Advies afwijking voorrangsregels ${data.number}`);
  pdf.setLanguage('nl-BE');
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 780;
  const line = (text: string, f = font, size = 11) => {
    page.drawText(winAnsi(text), { x: 56, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 9;
  };
  line('Advies om af te wijken van de voorrangsregels', bold, 16);
  line('Advice to deviate from the priority rules', font, 11);
  y -= 10;
  line(`Aanvraag / request: ${data.number}`);
  line(`Opvanglocatie / location: ${data.location} (${data.organiser})`);
  line(`Adviserende organisatie / adviser: ${data.adviser_organisation} (${data.adviser_type})`);
  line(`Datum advies / advice date: ${data.advice_date}`);
  line(`Grond / ground: ${DEVIATION_GROUNDS[data.ground].nl} / ${DEVIATION_GROUNDS[data.ground].en}`);
  if (set) line(`Regelset / rule set: ${set.id} v${set.version}`);
  if (data.note) {
    y -= 6;
    line('Toelichting / explanation:', bold);
    for (const chunk of data.note.match(/.{1,90}(\s|$)/g) ?? []) line(chunk.trim());
  }
  y -= 20;
  const max = set?.quotas.deviationMaxPercent ?? 10;
  line(`De opvang mag voor hoogstens ${max}% van de opgevangen kinderen per jaar afwijken, op advies van een organisatie`, font, 9);
  line('die met gezinnen werkt. Dit advies wordt bewaard in het afwijkingsregister van Nabij.', font, 9);
  return pdf.save();
}
