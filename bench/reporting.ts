// Dashboard queries and yearly figures over 1,000,000 historical requests in PostgreSQL, next to a plain scan of the same rows.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { buildDashboard } from '../src/app/dashboard.ts';
import { deskFigures } from '../src/app/reporting.ts';
import { systemActor } from '../src/app/permissions.ts';
import { percentile, target, withBenchSchema, type Figure } from './lib.ts';

const REQUESTS = Number(process.env.BENCH_HISTORY ?? 1_000_000);
const MUNICIPALITIES = 20;
const DESKS = 10;
const LOCATIONS = 600;
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 20);
const TODAY = '2026-11-24';

/** Ten years of requests: most closed (placed, withdrawn, lapsed, found elsewhere), about 4% still open. */
export async function load(db: DatabaseHandle['db']) {
  await sql`insert into municipality select lpad((24000 + i)::text, 5, '0'), 'Gemeente ' || i from generate_series(1, ${MUNICIPALITIES}) i`.execute(db);
  await sql`insert into desk (id, name) select md5('d' || i)::uuid, 'Loket ' || i from generate_series(1, ${DESKS}) i`.execute(db);
  await sql`insert into desk_municipality select md5('d' || (1 + (i - 1) % ${DESKS}))::uuid, lpad((24000 + i)::text, 5, '0') from generate_series(1, ${MUNICIPALITIES}) i`.execute(db);
  await sql`insert into organiser (id, kbo, name) values ('00000000-0000-4000-8000-0000000000a1', '0410030183', 'Bench organiser')`.execute(db);
  await sql`insert into location (id, organiser_id, name, street, postal_code, municipality_nis, type, subsidy_step, licensed_capacity)
            select md5('l' || i)::uuid, '00000000-0000-4000-8000-0000000000a1', 'Locatie ' || i, 'Straat', '3000', lpad((24000 + 1 + i % ${MUNICIPALITIES})::text, 5, '0'), 'group', 'T2', 18 + i % 30
            from generate_series(0, ${LOCATIONS - 1}) i`.execute(db);
  await sql`insert into location_capacity (location_id, valid_from, open_seats)
            select md5('l' || i)::uuid, date '2026-01-01', array[18 + i % 30, 18 + i % 30, 18 + i % 30, 18 + i % 30, 10 + i % 20]::smallint[]
            from generate_series(0, ${LOCATIONS - 1}) i where i % 2 = 0`.execute(db);
  await sql`insert into family (id, municipality_nis) select md5('f' || i)::uuid, lpad((24000 + 1 + i % ${MUNICIPALITIES})::text, 5, '0') from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into guardian (id, family_id, given_name, family_name, family_name_key)
            select md5('g' || i)::uuid, md5('f' || i)::uuid, 'Ouder', 'F' || i, 'f' || i from generate_series(1, ${REQUESTS}) i`.execute(db);
  // Registration dates spread over 2017-2026; birth a few months after registration.
  await sql`insert into child (id, family_id, family_name, family_name_key, birth_date)
            select md5('c' || i)::uuid, md5('f' || i)::uuid, 'F' || i, 'f' || i, date '2017-01-01' + (i % 3600) + 150 from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into request (id, number, child_id, applicant_id, desk_id, desired_start_date, flexibility_weeks, care_days, urgent, status, registered_on, channel)
            select md5('r' || i)::uuid, 'NB-H-' || i, md5('c' || i)::uuid, md5('g' || i)::uuid, md5('d' || (1 + (i % ${MUNICIPALITIES}) % ${DESKS}))::uuid,
                   date '2017-01-01' + (i % 3600) + 300, 4,
                   case i % 3 when 0 then '[{"weekday":1,"part":"full"},{"weekday":2,"part":"full"},{"weekday":3,"part":"full"},{"weekday":4,"part":"full"},{"weekday":5,"part":"full"}]'::jsonb
                              when 1 then '[{"weekday":1,"part":"full"},{"weekday":2,"part":"full"},{"weekday":4,"part":"full"}]'::jsonb
                              else '[{"weekday":2,"part":"full"},{"weekday":3,"part":"morning"}]'::jsonb end,
                   i % 13 = 0,
                   case when date '2017-01-01' + (i % 3600) > date '2026-03-01' and i % 3 <> 0 then 'active'
                        when i % 25 = 0 then 'active'
                        when i % 10 < 6 then 'placed' when i % 10 = 6 then 'withdrawn' when i % 10 = 7 then 'lapsed' when i % 10 = 8 then 'found_elsewhere' else 'unknown_outcome' end,
                   date '2017-01-01' + (i % 3600), 'import'
            from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into request_location (request_id, rank, location_id)
            select md5('r' || i)::uuid, j, md5('l' || ((i * 7 + j * 13) % ${LOCATIONS}))::uuid from generate_series(1, ${REQUESTS}) i, generate_series(1, 1 + i % 3) j
            on conflict do nothing`.execute(db);
  await sql`insert into placement (child_id, location_id, request_id, start_date, end_date, care_days)
            select md5('c' || i)::uuid, md5('l' || ((i * 7 + 13) % ${LOCATIONS}))::uuid, md5('r' || i)::uuid, date '2017-01-01' + (i % 3600) + 300, date '2017-01-01' + (i % 3600) + 1100,
                   '[{"weekday":1,"part":"full"},{"weekday":2,"part":"full"},{"weekday":4,"part":"full"}]'::jsonb
            from generate_series(1, ${REQUESTS}) i where i % 10 < 6 and i % 25 <> 0 and not (date '2017-01-01' + (i % 3600) > date '2026-03-01' and i % 3 <> 0)`.execute(db);
  await sql`insert into fact_declaration (family_id, facts, sources, declared_on, channel)
            select md5('f' || i)::uuid,
                   jsonb_build_object('guardians', jsonb_build_array(jsonb_build_object('activities', jsonb_build_array(jsonb_build_object('kind', 'employed', 'fraction', 1)))),
                     'singleParent', i % 5 = 0, 'lowIncome', i % 7 = 0, 'fosterChild', false, 'healthOrCareSituation', i % 11 = 0, 'noSecondaryDiploma', i % 9 = 0, 'siblings', '[]'::jsonb),
                   '{}'::jsonb, date '2017-01-01' + (i % 3600), 'import'
            from generate_series(1, ${REQUESTS}) i where i % 4 <> 0 and (date '2017-01-01' + (i % 3600) > date '2026-03-01' or i % 25 = 0)`.execute(db);
  await sql`insert into birth_count select lpad((24000 + i)::text, 5, '0'), y, 800 + i * 10 from generate_series(1, ${MUNICIPALITIES}) i, generate_series(2020, 2026) y`.execute(db);
  await sql`analyze`.execute(db);
}

export async function benchReporting(): Promise<Figure[]> {
  return withBenchSchema(2, async (h) => {
    const t0 = performance.now();
    await load(h.db);
    const loadSeconds = (performance.now() - t0) / 1000;
    const ctx = { db: h.db, now: () => new Date(`${TODAY}T09:00:00Z`) };
    const counts = (await sql<{ total: number; open: number }>`select count(*)::int as total, count(*) filter (where status in ('registered', 'active', 'offered'))::int as open from request`.execute(h.db)).rows[0]!;
    const desk = (await sql<{ id: string }>`select md5('d1')::uuid as id`.execute(h.db)).rows[0]!.id;

    // Same-run baseline: one plain sequential pass over the same 1,000,000 request rows.
    const scan: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await sql`select count(*), count(distinct child_id) from request`.execute(h.db);
      scan.push(performance.now() - s);
    }
    scan.sort((a, b) => a - b);
    const scanP95 = percentile(scan, 95);

    const perQuery = new Map<string, { installation: number[]; desk: number[] }>();
    const record = (scope: 'installation' | 'desk') => (name: string, ms: number) => {
      const e = perQuery.get(name) ?? { installation: [], desk: [] };
      e[scope].push(ms);
      perQuery.set(name, e);
    };
    const whole: number[] = [];
    await h.db.transaction().execute((tx) => buildDashboard(tx, ctx, null, TODAY)); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await h.db.transaction().execute((tx) => buildDashboard(tx, ctx, null, TODAY, record('installation')));
      whole.push(performance.now() - s);
      await h.db.transaction().execute((tx) => buildDashboard(tx, ctx, desk, TODAY, record('desk')));
    }
    whole.sort((a, b) => a - b);

    const figures: Figure[] = [];
    for (const [name, t] of perQuery) {
      for (const scope of ['installation', 'desk'] as const) {
        const sorted = t[scope].sort((a, b) => a - b);
        const p95 = percentile(sorted, 95);
        figures.push({
          name: `dashboard query '${name}' p95 (${scope === 'installation' ? 'whole installation' : 'one desk'})`,
          value: p95,
          unit: 'ms',
          baseline: { name: 'plain scan of all requests, p95', value: scanP95, unit: 'ms' },
          ratio: p95 / scanP95,
          ratioMeaning: 'of the plain scan',
          ...target('p95 < 500 ms', '<', 500),
        });
      }
    }
    figures.push({ name: 'whole dashboard, all queries, p95 (whole installation)', value: percentile(whole, 95), unit: 'ms', baseline: { name: 'plain scan of all requests, p95', value: scanP95, unit: 'ms' }, ratio: percentile(whole, 95) / scanP95, ratioMeaning: 'of the plain scan' });

    const figs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await deskFigures(ctx, systemActor('cli'), { year: 2025 });
      figs.push(performance.now() - s);
    }
    figs.sort((a, b) => a - b);
    const yearScan = performance.now();
    await sql`select id, status, registered_on, desired_start_date, urgent from request where registered_on between '2025-01-01' and '2025-12-31'`.execute(h.db);
    const yearScanMs = performance.now() - yearScan;
    figures.push({ name: 'yearly figures 2025, whole installation (median of 5)', value: percentile(figs, 50), unit: 'ms', baseline: { name: 'plain SELECT of the same year’s requests', value: yearScanMs, unit: 'ms' }, ratio: percentile(figs, 50) / yearScanMs, ratioMeaning: 'of the plain SELECT' });
    figures.push({ name: 'history loaded', value: counts.total, unit: 'requests', note: `${counts.open} open; loaded in ${loadSeconds.toFixed(0)} s` });
    return figures;
  });
}
