// The real-demand dashboard: unique children waiting, unmet demand against free places, places per 100 children, trends.
import { sql } from 'kysely';
import { addMonths } from '../domain/dates.ts';
import { evaluate, selectRuleSet } from '../domain/rules/evaluate.ts';
import type { Facts } from '../domain/rules/types.ts';
import { audit, ruleSets, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { NO_FACTS } from './priority.ts';
import { notFound } from '../domain/errors.ts';
import { NO_ID } from './scopes.ts';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

export interface Dashboard {
  deskId: string | null;
  today: string;
  openChildren: number;
  byStartMonth: Bar[];
  byAgeAtStart: Bar[];
  byResidence: Bar[];
  byChosenMunicipality: Bar[];
  byDaysPerWeek: Bar[];
  byPriorityGroup: Bar[];
  /** Per month of the coming 12: children who want care by then and have no place, against free full-time places. */
  demandVsSupply: Array<{ month: string; waitingChildren: number; freePlaces: number }>;
  placesPer100: Array<{ nisCode: string; name: string; places: number; children: number; per100: number }>;
  trends: Array<{ year: number; registered: number; unanswered: number; uniqueChildren: number }>;
}

const AGE_BANDS: Array<[number, number, string]> = [
  [-99, 6, '0–5 maanden'],
  [6, 12, '6–11 maanden'],
  [12, 18, '12–17 maanden'],
  [18, 24, '18–23 maanden'],
  [24, 999, '24 maanden of ouder'],
];

function deskOf(actor: Actor, deskId: string | undefined): string | null {
  if (actor.role === 'desk_worker' || actor.role === 'desk_coordinator') {
    if (deskId && deskId !== actor.deskId) throw notFound({ nl: 'Dit loket', en: 'This desk' }, 'deskId');
    return actor.deskId ?? NO_ID;
  }
  return deskId ?? null;
}

/** Every query filters the desk's requests (or, for an analyst without a desk, the whole installation) in SQL. */
export async function demandDashboard(ctx: AppContext, actor: Actor, q: { deskId?: string } = {}): Promise<Dashboard> {
  return runUseCase(ctx, actor, 'report.dashboard', async (tx) => {
    const deskId = deskOf(actor, q.deskId);
    const day = today(ctx);
    const result = await buildDashboard(tx, ctx, deskId, day);
    await audit(tx, actor, 'report.dashboard', []);
    return result;
  });
}

/** `onTiming` receives each query's name and milliseconds (the benchmark reports them one by one). */
export async function buildDashboard(tx: Tx, ctx: AppContext, deskId: string | null, day: string, onTiming?: (name: string, ms: number) => void): Promise<Dashboard> {
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await run();
    onTiming?.(name, performance.now() - t0);
    return r;
  };
  // These queries are short but their estimates are high (12 months × every location): compiling them with JIT
  // costs more than running them.
  await sql`select set_config('jit', 'off', true)`.execute(tx);
  // Grouping tens of thousands of open requests should sort in memory, not on disk.
  await sql`select set_config('work_mem', '64MB', true)`.execute(tx);
  // The open requests come from report_open_request, one row per child with an open request (the database allows
  // one per child), kept in step by triggers (migration 0010): counting rows there counts unique children.
  const desk = sql`(${deskId}::uuid is null or o.desk_id = ${deskId}::uuid)`;
  const area = sql`(${deskId}::uuid is null or l.municipality_nis in (select nis_code from desk_municipality where desk_id = ${deskId}::uuid))`;
  const thisMonth = `${day.slice(0, 7)}-01`;
  const names = new Map((await tx.selectFrom('municipality').select(['nis_code', 'name']).execute()).map((m) => [m.nis_code, m.name]));

  const total = await timed('total', () => sql<{ n: number }>`select count(*)::int as n from report_open_request o where ${desk}`.execute(tx));

  const startMonth = await timed('startMonth', () => sql<{ k: string; n: number }>`
    select case when o.desired_start_date < ${thisMonth}::date then 'earlier' else to_char(o.desired_start_date, 'YYYY-MM') end as k, count(*)::int as n
    from report_open_request o where ${desk} group by 1 order by 1`.execute(tx));

  // Many children share a start and a birth date: the age is computed once per pair.
  const age = await timed('age', () => sql<{ months: number; n: number }>`
    select ((extract(year from age(p.desired_start_date, p.born_on)) * 12 + extract(month from age(p.desired_start_date, p.born_on)))::int) as months,
           sum(p.n)::int as n
    from (select o.desired_start_date, o.born_on, count(*) as n from report_open_request o where ${desk} group by 1, 2) p group by 1`.execute(tx));
  const ageBars = AGE_BANDS.map(([lo, hi, label]) => ({ key: label, label, value: age.rows.filter((a) => a.months >= lo && a.months < hi).reduce((s, a) => s + a.n, 0) }));

  const residence = await timed('residence', () => sql<{ k: string; n: number }>`
    select o.residence_nis as k, count(*)::int as n from report_open_request o where ${desk} group by 1 order by 2 desc, 1`.execute(tx));

  // chosen_nis lists each municipality once per request.
  const chosen = await timed('chosen', () => sql<{ k: string; n: number }>`
    select k, count(*)::int as n from report_open_request o cross join unnest(o.chosen_nis) as k where ${desk} group by 1 order by 2 desc, 1`.execute(tx));

  const days = await timed('days', () => sql<{ k: number; n: number }>`
    select o.days_per_week as k, count(*)::int as n from report_open_request o where ${desk} group by 1 order by 1`.execute(tx));

  // Priority groups are judged by the rules (data), not by SQL. Requests with the same registration date, residence
  // and facts (compared by their key) come as one row with their number, and each pattern is judged once. The facts
  // at registration fall back to the family's first declaration, as the rules read them.
  const openRows = await timed('openRows', () => sql<{ registered_on: string; municipality_nis: string; at_reg: string | null; latest: string | null; n: number }>`
    with g as (
      select o.registered_on, o.residence_nis, (array_agg(o.facts_at_registration))[1] as at_reg, (array_agg(o.facts_latest))[1] as latest, count(*)::int as n
      from report_open_request o where ${desk} and (o.facts_latest_on is null or o.facts_latest_on <= ${day}::date)
      group by o.registered_on, o.residence_nis, o.facts_at_registration_key, o.facts_latest_key)
    select g.registered_on, g.residence_nis as municipality_nis, (select a.facts::text from fact_declaration a where a.id = g.at_reg) as at_reg,
           (select z.facts::text from fact_declaration z where z.id = g.latest) as latest, g.n
    from g
    union all
    -- A family whose latest declaration is dated after the day: the one in force on the day.
    select o.registered_on, o.residence_nis, a.facts::text,
           coalesce((select d.facts::text from fact_declaration d where d.family_id = o.family_id and d.declared_on <= ${day}::date order by d.declared_on desc, d.created_at desc, d.id desc limit 1),
                    (select d.facts::text from fact_declaration d where d.family_id = o.family_id order by d.declared_on, d.created_at, d.id limit 1)), 1
    from report_open_request o left join fact_declaration a on a.id = o.facts_at_registration
    where ${desk} and o.facts_latest_on > ${day}::date`.execute(tx));
  const groupCounts = new Map<string, { label: string; n: number }>();
  const t0 = performance.now();
  const sets = ruleSets(ctx);
  const setOf = new Map<string, string>();
  const judged = new Map<string, { key: string; label: string }>();
  for (const r of openRows.rows) {
    const location = { id: '', subsidyStep: 'T2' as const, municipalityNis: r.municipality_nis };
    const setKey = `${r.registered_on}|${r.municipality_nis}`;
    let setId = setOf.get(setKey);
    if (setId === undefined) setOf.set(setKey, (setId = selectRuleSet(sets, r.registered_on, day, location).set?.id ?? '-'));
    const cacheKey = `${setId}|${r.municipality_nis}|${r.at_reg}|${r.latest}`;
    let verdict = judged.get(cacheKey);
    if (!verdict) {
      const parse = (t: string | null): Facts => (t ? (JSON.parse(t) as Facts) : NO_FACTS);
      const e = evaluate(sets, { registeredOn: r.registered_on, evaluatedOn: day, placeStart: day, location, facts: { atRegistration: parse(r.at_reg), latest: parse(r.latest) } });
      const g = e.groups.find((x) => x.id === e.decidingGroup);
      verdict = { key: g ? g.id : e.vulnerability.vulnerable ? 'vulnerable' : 'none', label: g ? g.label.nl : e.vulnerability.vulnerable ? 'kwetsbaar gezin' : 'geen voorrangsgroep' };
      judged.set(cacheKey, verdict);
    }
    const c = groupCounts.get(verdict.key) ?? { label: verdict.label, n: 0 };
    c.n += r.n;
    groupCounts.set(verdict.key, c);
  }
  onTiming?.('priorityGroups', performance.now() - t0);

  // Unmet demand: children without a place who want to start by the end of the month and are not yet 30 months old.
  // Children with the same start and birth date are counted together.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i));
  const waiting = await timed('waiting', () => sql<{ m: string; n: number }>`
    with w as (select o.desired_start_date as start, o.born_on as born, count(*) as n from report_open_request o where ${desk} group by 1, 2)
    select m.m::text as m, sum(w.n)::int as n
    from generate_series(${thisMonth}::date, ${thisMonth}::date + interval '11 months', interval '1 month') as m(m)
    join w on w.start < (m.m + interval '1 month') and w.born > (m.m - interval '30 months')
    group by m.m`.execute(tx));
  // Free places in full-time equivalents: seats per weekday (stated, or licensed on opening days) minus placements.
  const supply = await timed('supply', () => sql<{ m: string; seats: number; used: number }>`
    with months as (select m::date as m from generate_series(${thisMonth}::date, ${thisMonth}::date + interval '11 months', interval '1 month') as t(m)),
    locs as materialized (select l.id, l.licensed_capacity, l.opening_weekdays from location l where ${area}),
    seats as (
      select months.m, sum(coalesce(
        (select (select sum(x) from unnest(c.open_seats) x) from location_capacity c where c.location_id = locs.id and c.valid_from <= months.m order by c.valid_from desc limit 1),
        locs.licensed_capacity * (select count(*) from unnest(locs.opening_weekdays) d where d between 1 and 5)))::float8 as seats
      from months cross join locs group by months.m),
    -- Placements in the window once, summed per period: seat_days is each placement's seats per week.
    current as materialized (
      select p.start_date, p.end_date, sum(p.seat_days) as seat_days
      from placement p where p.end_date >= ${thisMonth}::date and p.start_date <= ${thisMonth}::date + interval '11 months' and p.location_id in (select id from locs)
      group by 1, 2),
    used as (
      select months.m, sum(current.seat_days)::float8 as used from months join current on current.start_date <= months.m and current.end_date >= months.m
      group by months.m)
    select seats.m::text as m, seats.seats, coalesce(used.used, 0) as used from seats left join used on used.m = seats.m`.execute(tx));

  const births = await timed('births', () => sql<{ nis_code: string; places: number; children: number }>`
    with b as (
      select nis_code,
             sum(case when year = ${Number(day.slice(0, 4)) - 1} or year = ${Number(day.slice(0, 4)) - 2} then births
                      when year = ${Number(day.slice(0, 4)) - 3} then births / 2.0 else 0 end)::float8 as children,
             count(*) filter (where year between ${Number(day.slice(0, 4)) - 3} and ${Number(day.slice(0, 4)) - 1}) as years
      from birth_count group by nis_code)
    select b.nis_code, coalesce((select sum(l.licensed_capacity) from location l where l.municipality_nis = b.nis_code and l.type <> 'kleuteropvang'), 0)::int as places, b.children
    from b where b.years = 3 and b.children > 0
      and (${deskId}::uuid is null or b.nis_code in (select nis_code from desk_municipality where desk_id = ${deskId}::uuid))
    order by b.nis_code`.execute(tx));

  // Registered requests and unique children per year from report_registration_year (one row per child, year and
  // desk; first_desk once per child and year); unanswered ones are open, so they come from report_open_request.
  const firstYear = Number(day.slice(0, 4)) - 5;
  const trends = await timed('trends', () => sql<{ year: number; registered: number; unanswered: number; unique_children: number }>`
    with y as (
      select y.year::int as year, sum(y.requests)::int as registered, count(*) filter (where ${deskId}::uuid is not null or y.first_desk)::int as unique_children
      from report_registration_year y where y.year >= ${firstYear} and (${deskId}::uuid is null or y.desk_id = ${deskId}::uuid) group by 1),
    u as (
      select extract(year from o.registered_on)::int as year, count(*)::int as unanswered from report_open_request o
      where o.registered_on >= ${`${firstYear}-01-01`}::date and o.desired_start_date <= make_date(extract(year from o.registered_on)::int, 12, 31) and ${desk}
      group by 1)
    select y.year, y.registered, coalesce(u.unanswered, 0) as unanswered, y.unique_children from y left join u on u.year = y.year order by 1`.execute(tx));

  const nameOf = (nis: string) => names.get(nis) ?? nis;
  const used = new Map(supply.rows.map((s) => [s.m.slice(0, 10), s]));
  return {
    deskId,
    today: day,
    openChildren: total.rows[0]?.n ?? 0,
    byStartMonth: startMonth.rows.map((r) => ({ key: r.k, label: r.k === 'earlier' ? 'al voorbij' : r.k, value: r.n })),
    byAgeAtStart: ageBars,
    byResidence: residence.rows.map((r) => ({ key: r.k, label: nameOf(r.k), value: r.n })),
    byChosenMunicipality: chosen.rows.map((r) => ({ key: r.k, label: nameOf(r.k), value: r.n })),
    byDaysPerWeek: days.rows.map((r) => ({ key: String(r.k), label: `${r.k} ${r.k === 1 ? 'dag' : 'dagen'}`, value: r.n })),
    byPriorityGroup: [...groupCounts.entries()].map(([key, v]) => ({ key, label: v.label, value: v.n })).sort((a, b) => b.value - a.value),
    demandVsSupply: months.map((m) => {
      const s = used.get(m);
      return { month: m.slice(0, 7), waitingChildren: waiting.rows.find((w) => w.m.slice(0, 10) === m)?.n ?? 0, freePlaces: s ? Math.max(0, Math.round(((s.seats - s.used) / 5) * 10) / 10) : 0 };
    }),
    placesPer100: births.rows.map((b) => ({ nisCode: b.nis_code, name: nameOf(b.nis_code), places: b.places, children: Math.round(b.children), per100: Math.round((b.places / b.children) * 1000) / 10 })),
    trends: trends.rows.map((t) => ({ year: t.year, registered: t.registered, unanswered: t.unanswered, uniqueChildren: t.unique_children })),
  };
}
