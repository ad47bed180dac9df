// Candidate lists on PostgreSQL with 100,000 active requests, and evaluator throughput, each next to a same-run baseline.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { systemActor } from '../src/app/permissions.ts';
import { listCandidates } from '../src/app/priority.ts';
import { FLEMISH_RULE_SETS } from '../src/domain/rules/catalogue.ts';
import { evaluate } from '../src/domain/rules/evaluate.ts';
import type { Facts } from '../src/domain/rules/types.ts';
import { percentile, withBenchSchema, type Figure } from './lib.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const LOCATIONS = 300;
const QUERIES = 200;

/** The bench's installation: one desk, one organiser with `LOCATIONS` locations, `requests` active requests. */
export async function loadCandidateData(db: DatabaseHandle['db'], requests: number = REQUESTS) {
  const REQUESTS = requests;
  await sql`insert into municipality values ('24062', 'Leuven')`.execute(db);
  await sql`insert into desk (id, name) values ('00000000-0000-4000-8000-0000000000d1', 'Bench desk')`.execute(db);
  await sql`insert into desk_municipality values ('00000000-0000-4000-8000-0000000000d1', '24062')`.execute(db);
  await sql`insert into organiser (id, kbo, name) values ('00000000-0000-4000-8000-0000000000a1', '0410030183', 'Bench organiser')`.execute(db);
  await sql`insert into location (id, organiser_id, name, street, postal_code, municipality_nis, type, subsidy_step, licensed_capacity)
            select md5('l' || i)::uuid, '00000000-0000-4000-8000-0000000000a1', 'Locatie ' || i, 'Straat ' || i, '3000', '24062', 'group', 'T2', 40
            from generate_series(0, ${LOCATIONS - 1}) i`.execute(db);
  await sql`insert into family (id, municipality_nis) select md5('f' || i)::uuid, '24062' from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into guardian (id, family_id, given_name, family_name, family_name_key, email, email_key)
            select md5('g' || i)::uuid, md5('f' || i)::uuid, 'Ouder', 'F' || i, 'f' || i, 'p' || i || '@bench.example', 'p' || i || '@bench.example' from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into child (id, family_id, family_name, family_name_key, due_date)
            select md5('c' || i)::uuid, md5('f' || i)::uuid, 'F' || i, 'f' || i, date '2026-03-01' + (i % 330) from generate_series(1, ${REQUESTS}) i`.execute(db);
  await sql`insert into request (id, number, child_id, applicant_id, desk_id, desired_start_date, flexibility_weeks, care_days, status, registered_on, channel)
            select md5('r' || i)::uuid, 'NB-B-' || i, md5('c' || i)::uuid, md5('g' || i)::uuid, '00000000-0000-4000-8000-0000000000d1',
                   date '2026-03-01' + (i % 330) + 120 + (i % 60), (i % 4) * 2,
                   case i % 4 when 0 then '[{"weekday":1,"part":"full"},{"weekday":2,"part":"full"},{"weekday":3,"part":"full"},{"weekday":4,"part":"full"},{"weekday":5,"part":"full"}]'::jsonb
                              when 1 then '[{"weekday":1,"part":"full"},{"weekday":2,"part":"full"},{"weekday":4,"part":"full"}]'::jsonb
                              when 2 then '[{"weekday":2,"part":"full"},{"weekday":3,"part":"morning"}]'::jsonb
                              else '[{"weekday":1,"part":"full"},{"weekday":4,"part":"full"},{"weekday":5,"part":"full"}]'::jsonb end,
                   'active', date '2025-06-01' + (i % 500), 'import'
            from generate_series(1, ${REQUESTS}) i`.execute(db);
  // 1 to 5 wishes per request, skewed to popular locations (low numbers), as families choose.
  await sql`insert into request_location (request_id, rank, location_id)
            select md5('r' || i)::uuid, j, md5('l' || floor(${LOCATIONS} * power((abs(hashint4(i * 10 + j)) % 10000) / 10000.0, 2))::int)::uuid
            from generate_series(1, ${REQUESTS}) i, generate_series(1, 1 + i % 5) j
            on conflict do nothing`.execute(db);
  await sql`insert into fact_declaration (family_id, facts, sources, declared_on, channel)
            select md5('f' || i)::uuid,
                   jsonb_build_object('guardians', case when i % 5 = 0
                       then jsonb_build_array(jsonb_build_object('activities', jsonb_build_array(jsonb_build_object('kind', 'employed', 'fraction', (i % 6) / 5.0))))
                       else jsonb_build_array(jsonb_build_object('activities', jsonb_build_array(jsonb_build_object('kind', 'employed', 'fraction', 1))),
                                              jsonb_build_object('activities', jsonb_build_array(jsonb_build_object('kind', case when i % 3 = 0 then 'job_seeking' else 'employed' end, 'fraction', (i % 6) / 5.0)))) end,
                     'singleParent', i % 5 = 0, 'lowIncome', i % 7 = 0, 'fosterChild', i % 97 = 0, 'healthOrCareSituation', i % 11 = 0, 'noSecondaryDiploma', i % 9 = 0, 'siblings', '[]'::jsonb),
                   '{}'::jsonb, date '2025-06-01' + (i % 500), 'import'
            from generate_series(1, ${REQUESTS}) i where i % 4 <> 0`.execute(db);
  await sql`analyze`.execute(db);
}

function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  return fn().then((r) => [performance.now() - t0, r]);
}

export async function benchCandidates(): Promise<Figure[]> {
  return withBenchSchema(4, async (h) => {
    const [loadMs] = await timeIt(() => loadCandidateData(h.db));
    const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
    const actor = systemActor('cli');
    const locations = (await sql<{ id: string }>`select id from location order by name`.execute(h.db)).rows.map((r) => r.id);
    const starts = ['2027-01-04', '2027-02-01', '2027-03-01', '2027-04-05', '2027-05-03', '2027-06-07'];
    const places = Array.from({ length: QUERIES }, (_, i) => ({ location: locations[(i * 37) % locations.length] as string, start: starts[i % starts.length] as string }));
    await listCandidates(ctx, actor, places[0]!.location, { start: places[0]!.start }); // warm-up

    const full: number[] = [];
    const plain: number[] = [];
    let totalCandidates = 0;
    for (const p of places) {
      const [ms, r] = await timeIt(() => listCandidates(ctx, actor, p.location, { start: p.start }));
      full.push(ms);
      totalCandidates += r.total;
      // Baseline: the same candidate rows read with one plain SELECT, no facts, no rules, no ranking.
      const [base] = await timeIt(() =>
        sql`select r.id, r.number, r.registered_on, r.care_days from request_location rl join request r on r.id = rl.request_id
            where rl.location_id = ${p.location} and r.status in ('registered', 'active') and r.desired_start_date <= ${p.start}::date
              and ${p.start}::date <= greatest(r.desired_start_date, date '2026-11-24') + r.flexibility_weeks * 7`.execute(h.db),
      );
      plain.push(base);
    }
    full.sort((a, b) => a - b);
    plain.sort((a, b) => a - b);

    // Evaluator throughput on the bench's own fact shapes, next to a linear pass over the same facts.
    const sample = (await sql<{ facts: Facts }>`select facts from fact_declaration limit 20000`.execute(h.db)).rows.map((r) => r.facts);
    const loc = { id: locations[0] as string, subsidyStep: 'T2' as const, municipalityNis: '24062' };
    const N = 200_000;
    let sink = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const f = sample[i % sample.length] as Facts;
      sink += evaluate(FLEMISH_RULE_SETS, { registeredOn: '2025-09-01', evaluatedOn: '2026-11-24', placeStart: '2027-01-04', location: loc, facts: { atRegistration: f, latest: f } }).tier;
    }
    const evalMs = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < N; i++) {
      const f = sample[i % sample.length] as Facts;
      for (const g of f.guardians) for (const a of g.activities) sink += a.fraction;
    }
    const passMs = performance.now() - t1;
    if (Number.isNaN(sink)) console.log('');

    const p95 = percentile(full, 95);
    return [
      { name: `candidate list p50 (${REQUESTS.toLocaleString('en')} active requests, ${LOCATIONS} locations)`, value: percentile(full, 50), unit: 'ms', baseline: { name: 'plain SELECT of the same rows, p50', value: percentile(plain, 50), unit: 'ms' }, ratio: percentile(full, 50) / percentile(plain, 50), ratioMeaning: 'of the plain SELECT time' },
      { name: 'candidate list p95', value: p95, unit: 'ms', baseline: { name: 'plain SELECT p95', value: percentile(plain, 95), unit: 'ms' }, ratio: p95 / percentile(plain, 95), ratioMeaning: 'of the plain SELECT time', target: 'p95 < 50 ms', met: p95 < 50 },
      { name: 'candidates per list (mean)', value: totalCandidates / QUERIES, unit: 'candidates', note: `${QUERIES} places over ${LOCATIONS} locations` },
      { name: 'evaluator throughput', value: N / (evalMs / 1000), unit: 'evaluations/s', baseline: { name: 'linear pass over the same facts', value: N / (passMs / 1000), unit: 'facts/s' }, ratio: evalMs / passMs, ratioMeaning: 'the time of a linear pass' },
      { name: 'loading the bench data', value: loadMs / 1000, unit: 's' },
    ];
  });
}
