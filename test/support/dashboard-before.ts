// The dashboard's and yearly figures' queries as they were before migration 0010, kept to check that both give the same numbers.
import { sql } from 'kysely';
import { addMonths } from '../../src/domain/dates.ts';
import { evaluate, selectRuleSet } from '../../src/domain/rules/evaluate.ts';
import type { Facts } from '../../src/domain/rules/types.ts';
import { ruleSets, type AppContext, type Tx } from '../../src/app/context.ts';
import type { Dashboard } from '../../src/app/dashboard.ts';
import type { CountedRow } from '../../src/app/reporting.ts';
import { NO_FACTS } from '../../src/app/priority.ts';

const AGE_BANDS: Array<[number, number, string]> = [
  [-99, 6, '0–5 maanden'],
  [6, 12, '6–11 maanden'],
  [12, 18, '12–17 maanden'],
  [18, 24, '18–23 maanden'],
  [24, 999, '24 maanden of ouder'],
];

export async function buildDashboardBefore(tx: Tx, ctx: AppContext, deskId: string | null, day: string, onTiming?: (name: string, ms: number) => void): Promise<Dashboard> {
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await run();
    onTiming?.(name, performance.now() - t0);
    return r;
  };
  // These queries are short but their estimates are high (12 months × every location): compiling them with JIT
  // costs more than running them.
  await sql`select set_config('jit', 'off', true)`.execute(tx);
  const desk = sql`(${deskId}::uuid is null or r.desk_id = ${deskId}::uuid)`;
  const area = sql`(${deskId}::uuid is null or l.municipality_nis in (select nis_code from desk_municipality where desk_id = ${deskId}::uuid))`;
  const thisMonth = `${day.slice(0, 7)}-01`;
  const names = new Map((await tx.selectFrom('municipality').select(['nis_code', 'name']).execute()).map((m) => [m.nis_code, m.name]));
  const open = sql`r.status in ('registered', 'active', 'offered')`;

  const total = await timed('total', () => sql<{ n: number }>`select count(distinct r.child_id)::int as n from request r where ${open} and ${desk}`.execute(tx));

  const startMonth = await timed('startMonth', () => sql<{ k: string; n: number }>`
    select case when r.desired_start_date < ${thisMonth}::date then 'earlier' else to_char(r.desired_start_date, 'YYYY-MM') end as k, count(distinct r.child_id)::int as n
    from request r where ${open} and ${desk} group by 1 order by 1`.execute(tx));

  const age = await timed('age', () => sql<{ months: number; n: number }>`
    select ((extract(year from age(r.desired_start_date, coalesce(c.birth_date, c.due_date))) * 12
            + extract(month from age(r.desired_start_date, coalesce(c.birth_date, c.due_date))))::int) as months,
           count(distinct r.child_id)::int as n
    from request r join child c on c.id = r.child_id where ${open} and ${desk} group by 1`.execute(tx));
  const ageBars = AGE_BANDS.map(([lo, hi, label]) => ({ key: label, label, value: age.rows.filter((a) => a.months >= lo && a.months < hi).reduce((s, a) => s + a.n, 0) }));

  const residence = await timed('residence', () => sql<{ k: string; n: number }>`
    select f.municipality_nis as k, count(distinct r.child_id)::int as n
    from request r join child c on c.id = r.child_id join family f on f.id = c.family_id where ${open} and ${desk} group by 1 order by 2 desc`.execute(tx));

  const chosen = await timed('chosen', () => sql<{ k: string; n: number }>`
    select l.municipality_nis as k, count(distinct r.child_id)::int as n
    from request r join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id where ${open} and ${desk} group by 1 order by 2 desc`.execute(tx));

  const days = await timed('days', () => sql<{ k: number; n: number }>`
    select (select count(distinct d->>'weekday') from jsonb_array_elements(r.care_days) d)::int as k, count(distinct r.child_id)::int as n
    from request r where ${open} and ${desk} group by 1 order by 1`.execute(tx));

  // Priority groups are judged by the rules (data), not by SQL. The facts come as JSON text, so that families with
  // the same facts under the same rule set are judged once (a desk has thousands of families, but few fact patterns).
  const openRows = await timed('openRows', () => sql<{ registered_on: string; municipality_nis: string; at_reg: string | null; latest: string | null; first: string | null }>`
    select r.registered_on, f.municipality_nis,
           (select d.facts::text from fact_declaration d where d.family_id = c.family_id and d.declared_on <= r.registered_on order by d.declared_on desc, d.created_at desc limit 1) as at_reg,
           (select d.facts::text from fact_declaration d where d.family_id = c.family_id and d.declared_on <= ${day}::date order by d.declared_on desc, d.created_at desc limit 1) as latest,
           (select d.facts::text from fact_declaration d where d.family_id = c.family_id order by d.declared_on, d.created_at limit 1) as first
    from request r join child c on c.id = r.child_id join family f on f.id = c.family_id where ${open} and ${desk}`.execute(tx));
  const groupCounts = new Map<string, { label: string; n: number }>();
  const t0 = performance.now();
  const sets = ruleSets(ctx);
  const judged = new Map<string, { key: string; label: string }>();
  for (const r of openRows.rows) {
    const location = { id: '', subsidyStep: 'T2' as const, municipalityNis: r.municipality_nis };
    const setId = selectRuleSet(sets, r.registered_on, day, location).set?.id ?? '-';
    const atReg = r.at_reg ?? r.first;
    const latest = r.latest ?? r.first;
    const cacheKey = `${setId}|${r.municipality_nis}|${atReg}|${latest}`;
    let verdict = judged.get(cacheKey);
    if (!verdict) {
      const parse = (t: string | null): Facts => (t ? (JSON.parse(t) as Facts) : NO_FACTS);
      const e = evaluate(sets, { registeredOn: r.registered_on, evaluatedOn: day, placeStart: day, location, facts: { atRegistration: parse(atReg), latest: parse(latest) } });
      const g = e.groups.find((x) => x.id === e.decidingGroup);
      verdict = { key: g ? g.id : e.vulnerability.vulnerable ? 'vulnerable' : 'none', label: g ? g.label.nl : e.vulnerability.vulnerable ? 'kwetsbaar gezin' : 'geen voorrangsgroep' };
      judged.set(cacheKey, verdict);
    }
    const c = groupCounts.get(verdict.key) ?? { label: verdict.label, n: 0 };
    c.n++;
    groupCounts.set(verdict.key, c);
  }
  onTiming?.('priorityGroups', performance.now() - t0);

  // Unmet demand: children without a place who want to start by the end of the month and are not yet 30 months old.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i));
  const waiting = await timed('waiting', () => sql<{ m: string; n: number }>`
    with w as (
      select r.child_id, min(r.desired_start_date) as start, min(coalesce(c.birth_date, c.due_date)) as born
      from request r join child c on c.id = r.child_id where ${open} and ${desk} group by r.child_id)
    select m.m::text as m, count(*)::int as n
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
    -- Placements in the window once, each with its seats per week (a half day is half a seat).
    current as materialized (
      select p.start_date, p.end_date, (select sum(case when d->>'part' = 'full' then 1 else 0.5 end) from jsonb_array_elements(p.care_days) d) as seat_days
      from placement p where p.end_date >= ${thisMonth}::date and p.start_date <= ${thisMonth}::date + interval '11 months' and p.location_id in (select id from locs)),
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

  const firstYear = Number(day.slice(0, 4)) - 5;
  const trends = await timed('trends', () => sql<{ year: number; registered: number; unanswered: number; unique_children: number }>`
    select extract(year from r.registered_on)::int as year, count(*)::int as registered,
           count(*) filter (where ${open} and r.desired_start_date <= make_date(extract(year from r.registered_on)::int, 12, 31))::int as unanswered,
           count(distinct r.child_id)::int as unique_children
    from request r where r.status <> 'merged' and r.registered_on >= ${`${firstYear}-01-01`}::date and ${desk}
    group by 1 order by 1`.execute(tx));

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

export async function countedRequestsBefore(tx: Tx, year: number, deskId: string | null): Promise<CountedRow[]> {
  const r = await sql<CountedRow>`
    select r.id, r.number, r.child_id, r.status, r.registered_on, r.desired_start_date, f.municipality_nis, r.urgent, coalesce(v.vulnerable, false) as vulnerable
    from request r join child c on c.id = r.child_id join family f on f.id = c.family_id
    left join family_vulnerability v on v.family_id = f.id
    where r.registered_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date and r.status <> 'merged'
      and (${deskId}::uuid is null or r.desk_id = ${deskId}::uuid)
    order by r.registered_on, r.number`.execute(tx);
  return r.rows;
}
