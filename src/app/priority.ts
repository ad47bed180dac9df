// Use cases for the priority rules: declared facts, provider rule settings and the explained candidate list for a free place.
import { sql } from 'kysely';
import { inIds } from '../db/prepared.ts';
import { isCalendarDate, type CalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../domain/errors.ts';
import { effectiveTiers, evaluate, selectRuleSet, type LocationForRules } from '../domain/rules/evaluate.ts';
import { rankCandidates, tieBreakText } from '../domain/rules/ranking.ts';
import { ACTIVITY_KINDS, type Facts, type RuleSet, type TieBreak } from '../domain/rules/types.ts';
import { classifyVulnerability } from '../domain/rules/vulnerability.ts';
import { audit, ruleSets, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { familyScope, locationScope } from './scopes.ts';

export const NO_FACTS: Facts = { guardians: [], singleParent: false, lowIncome: false, fosterChild: false, healthOrCareSituation: false, noSecondaryDiploma: false, siblings: [] };

export type EvidenceSource = 'sworn_statement' | 'attest' | 'desk_observation';

export interface FactsInput extends Facts {
  /** Per fact: where it comes from; facts without an entry come from the family's sworn statement. */
  sources?: Record<string, { source: EvidenceSource; attestType?: string }>;
  declaredOn?: CalendarDate;
}

const FACT_NAMES = ['guardians', 'singleParent', 'lowIncome', 'fosterChild', 'healthOrCareSituation', 'noSecondaryDiploma', 'dutchSpeaking', 'siblings'];

function checkFacts(input: FactsInput, day: CalendarDate): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (input.guardians.length < 1 || input.guardians.length > 2) {
    out.push({ field: 'guardians', code: 'facts.guardians', nl: 'Geef de situatie van één of twee ouders in het gezin.', en: 'Give the situation of one or two parents in the household.' });
  }
  if (input.singleParent && input.guardians.length !== 1) {
    out.push({ field: 'singleParent', code: 'facts.single_parent_guardians', nl: 'Een alleenstaande ouder heeft één ouder in het gezin.', en: 'A single parent has one parent in the household.' });
  }
  input.guardians.forEach((g, i) =>
    g.activities.forEach((a, j) => {
      if (!(ACTIVITY_KINDS as readonly string[]).includes(a.kind)) out.push({ field: `guardians.${i}.activities.${j}.kind`, code: 'choice', nl: 'Kies een soort activiteit uit de lijst.', en: 'Choose a kind of activity from the list.' });
      if (!(a.fraction >= 0 && a.fraction <= 1)) out.push({ field: `guardians.${i}.activities.${j}.fraction`, code: 'range', nl: 'Geef een deel van een voltijdse week, van 0 tot 1 (0,8 is 4/5).', en: 'Give a part of a full-time week, from 0 to 1 (0.8 is 4/5).' });
    }),
  );
  input.siblings.forEach((s, i) => {
    if (!isCalendarDate(s.from)) out.push({ field: `siblings.${i}.from`, code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    if (s.to !== null && (!isCalendarDate(s.to) || s.to < s.from)) out.push({ field: `siblings.${i}.to`, code: 'date.order', nl: 'De einddatum ligt na de begindatum.', en: 'The end date is after the start date.' });
  });
  for (const name of Object.keys(input.sources ?? {})) {
    if (!FACT_NAMES.includes(name)) out.push({ field: `sources.${name}`, code: 'unknown_field', nl: 'Dit gegeven kennen we niet.', en: 'This fact is unknown.' });
  }
  if (input.declaredOn !== undefined && (!isCalendarDate(input.declaredOn) || input.declaredOn > day)) {
    out.push({ field: 'declaredOn', code: 'date.invalid', nl: 'De datum van de verklaring kan niet in de toekomst liggen.', en: 'The declaration date cannot be in the future.' });
  }
  return out;
}

async function reachableFamily(tx: Tx, actor: Actor, familyId: string) {
  const r = await sql<{ id: string }>`select f.id from family f where f.id = ${familyId} and ${familyScope(actor)}`.execute(tx);
  if (!r.rows[0]) throw notFound({ nl: 'Dit gezin', en: 'This family' });
}

/** Records what a family declares (a sworn statement by default) and recomputes its vulnerable-family classification. */
export async function declareFacts(ctx: AppContext, actor: Actor, familyId: string, input: FactsInput) {
  return runUseCase(ctx, actor, 'facts.declare', (tx) => declareFactsInTransaction(tx, ctx, actor, familyId, input));
}

/** The body of declareFacts, for use cases that record facts together with other changes in one transaction. */
export async function declareFactsInTransaction(tx: Tx, ctx: AppContext, actor: Actor, familyId: string, input: FactsInput) {
  await reachableFamily(tx, actor, familyId);
  const day = today(ctx);
  const problems = checkFacts(input, day);
  if (problems.length) throw invalidFields(problems);
  for (const s of input.siblings) {
    const exists = await tx.selectFrom('location').select('id').where('id', '=', s.locationId).executeTakeFirst();
    if (!exists) throw notFound({ nl: 'De opvanglocatie van de broer of zus', en: 'The sibling’s childcare location' }, 'siblings');
  }
  const { sources, declaredOn, ...facts } = input;
  const allSources = Object.fromEntries(FACT_NAMES.map((n) => [n, sources?.[n] ?? { source: 'sworn_statement' }]));
  await tx
    .insertInto('fact_declaration')
    .values({ family_id: familyId, child_id: null, facts: JSON.stringify(facts), sources: JSON.stringify(allSources), declared_on: declaredOn ?? day, recorded_by: actor.userId, channel: actor.channel })
    .execute();
  const latest = await latestFacts(tx, [familyId]);
  const v = classifyVulnerability(latest.get(familyId) ?? NO_FACTS);
  await tx
    .insertInto('family_vulnerability')
    .values({ family_id: familyId, vulnerable: v.vulnerable, characteristics: JSON.stringify(v.characteristics.map((c) => ({ id: c.id, present: c.present }))), computed_at: ctx.now() })
    .onConflict((oc) => oc.column('family_id').doUpdateSet({ vulnerable: v.vulnerable, characteristics: JSON.stringify(v.characteristics.map((c) => ({ id: c.id, present: c.present }))), computed_at: ctx.now() }))
    .execute();
  await audit(tx, actor, 'facts.declare', [familyId]);
  return { familyId, vulnerability: v };
}

export async function getFacts(ctx: AppContext, actor: Actor, familyId: string) {
  return runUseCase(ctx, actor, 'facts.read', async (tx) => {
    await reachableFamily(tx, actor, familyId);
    const rows = await tx.selectFrom('fact_declaration').select(['facts', 'sources', 'declared_on', 'channel', 'created_at']).where('family_id', '=', familyId).orderBy('declared_on').orderBy('created_at').execute();
    const latest = (rows[rows.length - 1]?.facts as Facts | undefined) ?? null;
    await audit(tx, actor, 'facts.read', [familyId]);
    return {
      familyId,
      latest,
      vulnerability: latest ? classifyVulnerability(latest) : null,
      history: rows.map((r) => ({ declaredOn: r.declared_on, facts: r.facts as Facts, sources: r.sources, channel: r.channel, recordedAt: r.created_at.toISOString() })),
    };
  });
}

/** The facts of each family now, with siblings placed in care added to the declared ones. */
async function latestFacts(tx: Tx, familyIds: string[]): Promise<Map<string, Facts>> {
  const all = await declarations(tx, familyIds);
  return new Map([...all.entries()].map(([id, ds]) => [id, (ds[ds.length - 1] as { facts: Facts }).facts]));
}

export async function declarations(tx: Tx, familyIds: string[]): Promise<Map<string, Array<{ declaredOn: CalendarDate; facts: Facts }>>> {
  const out = new Map<string, Array<{ declaredOn: CalendarDate; facts: Facts }>>();
  if (familyIds.length === 0) return out;
  const rows = await tx.selectFrom('fact_declaration').select(['family_id', 'declared_on', 'facts']).where(inIds(sql.ref('family_id'), familyIds)).orderBy('family_id').orderBy('declared_on').orderBy('created_at').execute();
  for (const r of rows) {
    const list = out.get(r.family_id) ?? [];
    list.push({ declaredOn: r.declared_on, facts: r.facts as Facts });
    out.set(r.family_id, list);
  }
  return out;
}

/** The declaration in force on a date (the first one when all are later: a statement made soon after registering). */
export function factsOn(list: Array<{ declaredOn: CalendarDate; facts: Facts }> | undefined, date: CalendarDate): Facts {
  if (!list?.length) return NO_FACTS;
  const before = list.filter((d) => d.declaredOn <= date);
  return (before[before.length - 1] ?? list[0])!.facts;
}

export interface RuleSettingsInput {
  groupOrder?: string[] | null;
  tieBreak?: TieBreak | null;
}

async function loadLocation(tx: Tx, actor: Actor, locationId: string) {
  const r = await sql<{ id: string; name: string; organiser_id: string; subsidy_step: 'T0' | 'T1' | 'T2' | 'T3'; municipality_nis: string; opening_weekdays: number[]; min_age_months: number; max_age_months: number }>`
    select l.id, l.name, l.organiser_id, l.subsidy_step, l.municipality_nis, l.opening_weekdays, l.min_age_months, l.max_age_months
    from location l where l.id = ${locationId} and ${locationScope(actor)}`.execute(tx);
  const l = r.rows[0];
  if (!l) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' });
  return l;
}

/** A provider chooses the group order (where the rule set allows it) and the tie-break for a location. */
export async function setRuleSettings(ctx: AppContext, actor: Actor, locationId: string, input: RuleSettingsInput) {
  return runUseCase(ctx, actor, 'location.rule_settings', async (tx) => {
    const l = await loadLocation(tx, actor, locationId);
    if (actor.role === 'provider_staff' && l.organiser_id !== actor.organiserId) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' });
    const loc: LocationForRules = { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis };
    const day = today(ctx);
    const { set } = selectRuleSet(ruleSets(ctx), day, day, loc);
    if (input.groupOrder) {
      if (!set || set.providerMayReorder.length === 0) {
        throw new UserError('unprocessable', 'rules.no_reorder', 'groupOrder', {
          nl: 'De regels die nu gelden laten niet toe dat u de volgorde van de groepen kiest.',
          en: 'The rules in force now do not let you choose the order of the groups.',
        });
      }
      effectiveTiers(set, input.groupOrder);
    }
    await tx
      .insertInto('location_rule_settings')
      .values({ location_id: locationId, group_order: input.groupOrder ?? null, tie_break: input.tieBreak ? JSON.stringify(input.tieBreak) : null, updated_at: ctx.now(), updated_by: actor.userId })
      .onConflict((oc) => oc.column('location_id').doUpdateSet({ group_order: input.groupOrder ?? null, tie_break: input.tieBreak ? JSON.stringify(input.tieBreak) : null, updated_at: ctx.now(), updated_by: actor.userId }))
      .execute();
    await audit(tx, actor, 'location.rule_settings', []);
    return { locationId, groupOrder: input.groupOrder ?? null, tieBreak: input.tieBreak ?? null };
  });
}

/** A stored group order applies only while the rule set in force lets the provider reorder exactly those groups. */
function usableGroupOrder(set: RuleSet | null, order: string[] | null): string[] | undefined {
  if (!set || !order) return undefined;
  try {
    effectiveTiers(set, order);
    return order;
  } catch (e) {
    if (e instanceof UserError) return undefined;
    throw e;
  }
}

export interface RankableRow {
  id: string;
  number: string;
  registered_on: CalendarDate;
  child_id: string;
  family_id: string;
}

export async function loadRuleSettings(tx: Tx, locationId: string) {
  return (await tx.selectFrom('location_rule_settings').select(['group_order', 'tie_break']).where('location_id', '=', locationId).executeTakeFirst()) ?? null;
}

/** What the rules read about families besides the request: their declarations and their children's placements. */
export interface FamilyRecords {
  decl: Awaited<ReturnType<typeof declarations>>;
  placed: Array<{ family_id: string; child_id: string; location_id: string; start_date: CalendarDate; end_date: CalendarDate | null }>;
}

/** Loads the records of these families once, for ranking them at several locations. */
export async function familyRecords(tx: Tx, familyIds: string[]): Promise<FamilyRecords> {
  const decl = await declarations(tx, familyIds);
  const placed = familyIds.length
    ? await tx.selectFrom('placement').innerJoin('child', 'child.id', 'placement.child_id').select(['child.family_id', 'placement.child_id', 'placement.location_id', 'placement.start_date', 'placement.end_date']).where(inIds(sql.ref('child.family_id'), familyIds)).execute()
    : [];
  return { decl, placed };
}

/**
 * Judges candidate requests for a place at one location starting on `placeStart` and ranks them: the rule evaluation
 * per request, then the location's tie-break. A lottery draw is recorded the first time it is made.
 */
export async function rankAtLocation<R extends RankableRow>(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  loc: LocationForRules,
  settings: { group_order: string[] | null; tie_break: unknown } | null,
  rows: R[],
  placeStart: CalendarDate,
  seedOverride?: string,
  /** A simulation ranks under another tie-break and records no lottery draw. */
  options: { tieBreak?: TieBreak; recordDraw?: boolean; known?: FamilyRecords } = {},
) {
  const day = today(ctx);
  const { decl, placed } = options.known ?? (await familyRecords(tx, [...new Set(rows.map((r) => r.family_id))]));
  const { set } = selectRuleSet(ruleSets(ctx), day, day, loc);
  const groupOrder = usableGroupOrder(set, settings?.group_order ?? null);
  // Placements by family, looked up per candidate (a filter over all of them per candidate grew with their product).
  const placedByFamily = new Map<string, FamilyRecords['placed']>();
  for (const p of placed) placedByFamily.set(p.family_id, [...(placedByFamily.get(p.family_id) ?? []), p]);
  const judged = rows.map((r) => {
    // Siblings in care here come from placements too, not only from what the family declared.
    const inCare = (placedByFamily.get(r.family_id) ?? []).filter((p) => p.child_id !== r.child_id).map((p) => ({ locationId: p.location_id, from: p.start_date, to: p.end_date }));
    const withPlacedSiblings = (f: Facts): Facts => ({ ...f, siblings: [...f.siblings, ...inCare] });
    const list = decl.get(r.family_id);
    const evaluation = evaluate(ruleSets(ctx), {
      registeredOn: r.registered_on,
      evaluatedOn: day,
      placeStart,
      location: loc,
      groupOrder,
      facts: { atRegistration: withPlacedSiblings(factsOn(list, r.registered_on)), latest: withPlacedSiblings(factsOn(list, day)) },
    });
    return { row: r, evaluation, requestId: r.id, number: r.number, registeredOn: r.registered_on, tier: evaluation.tier };
  });
  const policy: TieBreak = options.tieBreak ?? (settings?.tie_break as TieBreak | null) ?? set?.tieBreak ?? { policy: 'registration_order' };
  const seed = seedOverride ?? `${loc.id}:${placeStart}`;
  const ranked = rankCandidates(judged, policy, { seed, placeStart });
  if (policy.policy !== 'registration_order' && ranked.length && options.recordDraw !== false) {
    const exists = await tx.selectFrom('lottery_draw').select('id').where('location_id', '=', loc.id).where('seed', '=', seed).where('place_start', '=', placeStart).executeTakeFirst();
    if (!exists) {
      await tx.insertInto('lottery_draw').values({ location_id: loc.id, seed, place_start: placeStart, drawn_by: actor.userId, numbers: JSON.stringify(Object.fromEntries(ranked.map((x) => [x.candidate.requestId, x.lottery]))) }).execute();
    }
  }
  return { ranked, set, groupOrder, policy, seed };
}

/** A location as the candidate search reads it. */
export interface FittingLocation {
  id: string;
  municipality_nis: string;
  min_age_months: number;
  max_age_months: number;
}

/** Open requests that list the location (or accept any in the area) and fit a place: days, start window and age. */
export async function fittingCandidates(tx: Tx, ctx: AppContext, l: FittingLocation, q: Omit<CandidateQuery, 'weekdays' | 'seed'>, free: Set<number>) {
  return (await fittingCandidatesAt(tx, ctx, [{ location: l, free }], q)).get(l.id) ?? [];
}

/**
 * The same for several locations in one statement (a parent's chosen locations, a desk's area in a matching round):
 * one look at the open requests instead of one per location. The answer holds every location asked for.
 * `areaOf`: the places are every location in this desk's area. The statement then names the area instead of a list
 * of ids, so its kept (generic) plan is made for the area's size: a plan made for a list of a few locations reads
 * each of 300,000 wishes' requests one by one, three times slower than hashing them.
 */
export async function fittingCandidatesAt(tx: Tx, ctx: AppContext, places: Array<{ location: FittingLocation; free: Set<number> }>, q: Omit<CandidateQuery, 'weekdays' | 'seed'>, areaOf?: string) {
  const day = today(ctx);
  const out = new Map(places.map((p) => [p.location.id, [] as FittingRow[]]));
  if (places.length === 0) return out;
  const ids = places.map((p) => p.location.id);
  const nis = places.map((p) => p.location.municipality_nis);
  const here = areaOf
    ? sql`(select l.id, l.municipality_nis as nis from location l join desk_municipality a on a.nis_code = l.municipality_nis where a.desk_id = ${areaOf})`
    : sql`unnest(${ids}::uuid[], ${nis}::text[])`;
  const wished = areaOf ? sql`rl.location_id in (select id from ${here} as here(id, nis))` : sql`rl.location_id = any(${ids}::uuid[])`;
  // A family still waiting past its window still wants a place: the window runs from today then.
  // Each wish meets its request once (row security checks a row each time it is read), and families who accept any
  // location come from a partial index, not from a pass over every request.
  const rows = await sql<FittingRow & { location_id: string }>`
    with listed as (
      select rl.location_id, rl.request_id as id, rl.rank from request_location rl where ${wished}
      union all
      -- Families who accept any location in their desk's area are candidates too, without a rank.
      select here.id, r.id, null from ${here} as here(id, nis)
        join desk_municipality dm on dm.nis_code = here.nis join request r on r.desk_id = dm.desk_id
      where r.accepts_any_location and r.status in ('registered', 'active', 'offered')
        and not exists (select 1 from request_location x where x.request_id = r.id and x.location_id = here.id)
    )
    select listed.location_id, r.id, r.number, r.registered_on, r.desired_start_date, r.flexibility_weeks, r.care_days, r.desk_id,
           c.id as child_id, c.family_id, c.given_name, c.family_name, c.birth_date, c.due_date, listed.rank
    from listed join request r on r.id = listed.id join child c on c.id = r.child_id
    where r.status in ('registered', 'active', 'offered') and r.desired_start_date <= ${q.startUntil ?? q.start}::date
      and ${q.start}::date <= greatest(r.desired_start_date, ${day}::date) + r.flexibility_weeks * 7`.execute(tx);

  const byId = new Map(places.map((p) => [p.location.id, p]));
  for (const { location_id, ...r } of rows.rows) {
    // A location added to the area since the caller read it is not asked for.
    const place = byId.get(location_id);
    if (!place) continue;
    const { location: l, free } = place;
    if (!r.care_days.every((d) => free.has(d.weekday))) continue;
    if (q.weekday !== undefined && !r.care_days.some((d) => d.weekday === q.weekday)) continue;
    if (q.startMonth && !r.desired_start_date.startsWith(q.startMonth)) continue;
    const age = monthsBetween((r.birth_date ?? r.due_date) as string, q.start);
    if (age < l.min_age_months || age >= l.max_age_months) continue;
    if (q.minAgeMonths !== undefined && age < q.minAgeMonths) continue;
    if (q.maxAgeMonths !== undefined && age > q.maxAgeMonths) continue;
    out.get(location_id)!.push(r);
  }
  return out;
}

/** An open request as a candidate at a location. */
export interface FittingRow {
  id: string;
  number: string;
  registered_on: string;
  desired_start_date: string;
  flexibility_weeks: number;
  care_days: Array<{ weekday: number; part: string }>;
  child_id: string;
  family_id: string;
  given_name: string | null;
  family_name: string;
  birth_date: string | null;
  due_date: string | null;
  rank: number | null;
  desk_id: string;
}


export interface CandidateQuery {
  /** Start date of the free place. */
  start: CalendarDate;
  /** A place that can start any day from `start` to this date (a round's month): windows that meet it fit. */
  startUntil?: CalendarDate;
  /** Weekdays the place is free (1 = Monday); default: the location's opening days. */
  weekdays?: number[];
  /** Filters for the provider. */
  weekday?: number;
  startMonth?: string;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  /** Seed for a lottery tie-break; default: one per location and start date. */
  seed?: string;
}

function monthsBetween(from: CalendarDate, to: CalendarDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * The ranked candidates for a free place: open requests that list the location, whose days fit the free days
 * and whose start fits, each judged by the rules with its explanation.
 */
export async function listCandidates(ctx: AppContext, actor: Actor, locationId: string, q: CandidateQuery) {
  return runUseCase(ctx, actor, 'candidates.read', async (tx) => {
    const l = await loadLocation(tx, actor, locationId);
    if (!isCalendarDate(q.start)) throw invalidFields([{ field: 'start', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' }]);
    const free = new Set(q.weekdays ?? l.opening_weekdays);
    const settings = await loadRuleSettings(tx, locationId);
    const loc: LocationForRules = { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis };

    const fitting = await fittingCandidates(tx, ctx, l, q, free);
    // A provider cannot pick the lottery seed: it would let it draw again until the family it wants comes first.
    const seedOverride = actor.role === 'provider_staff' ? undefined : q.seed;
    const { ranked, set, groupOrder, policy, seed } = await rankAtLocation(tx, ctx, actor, loc, settings ?? null, fitting, q.start, seedOverride);
    // The facts behind groups not met (income, health) are for the family's own desk only.
    const sensitiveFor = (deskId: string) => actor.role === 'admin' || actor.role === 'system' || (actor.deskId !== null && actor.deskId === deskId);
    await audit(tx, actor, 'candidates.read', ranked.map((x) => x.candidate.row.child_id));
    return {
      location: { id: l.id, name: l.name, subsidyStep: l.subsidy_step },
      place: { start: q.start, weekdays: [...free].sort() },
      ruleSet: set ? { id: set.id, version: set.version, title: set.title } : null,
      groupOrder: groupOrder ?? null,
      tieBreak: { ...policy, text: tieBreakText(policy), seed: policy.policy === 'registration_order' ? null : seed },
      total: ranked.length,
      candidates: ranked.map((x) => {
        const r = x.candidate.row;
        const e = x.candidate.evaluation;
        const best = e.groups.find((g) => g.id === e.decidingGroup);
        return {
          position: x.position,
          requestId: r.id,
          number: r.number,
          registeredOn: r.registered_on,
          desiredStartDate: r.desired_start_date,
          careDays: r.care_days,
          preferenceRank: r.rank,
          child: { givenName: r.given_name, familyName: r.family_name, born: r.birth_date !== null, ageAtStartMonths: monthsBetween((r.birth_date ?? r.due_date) as string, q.start) },
          group: best ? { id: best.id, label: best.label, absolute: best.absolute } : null,
          tier: e.tier,
          lottery: x.lottery,
          vulnerableFamily: e.vulnerability.vulnerable,
          explanation: {
            summary: e.summary,
            ruleSetReason: e.ruleSetReason,
            // Providers see the groups met, never the facts behind groups not met (income, health).
            groups: e.groups.filter((g) => sensitiveFor(r.desk_id) || g.met).map((g) => ({ id: g.id, label: g.label, met: g.met, text: g.text })),
            ...(sensitiveFor(r.desk_id) ? { vulnerability: e.vulnerability.reason } : {}),
          },
        };
      }),
    };
  });
}

