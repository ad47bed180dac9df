// Candidate lists on PostgreSQL with 100,000 active requests, and evaluator throughput, each next to a same-run baseline.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { systemActor, type Actor } from '../src/app/permissions.ts';
import { runUseCase } from '../src/app/context.ts';
import { fittingCandidatesAt, listCandidates, type FittingLocation } from '../src/app/priority.ts';
import { FLEMISH_RULE_SETS } from '../src/domain/rules/catalogue.ts';
import { evaluate } from '../src/domain/rules/evaluate.ts';
import type { Facts } from '../src/domain/rules/types.ts';
import { percentile, target, withBenchSchema, type Figure } from './lib.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const LOCATIONS = 300;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);

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

export const BENCH_DESK = '00000000-0000-4000-8000-0000000000d1';
export const BENCH_ORGANISER = '00000000-0000-4000-8000-0000000000a1';
const NOW = new Date('2026-11-24T09:00:00Z');

/**
 * Times `queries` candidate lists (places spread over the locations and six start dates) for one actor, each next to
 * the same candidate rows read with one plain SELECT as the table owner (no row security, no facts, no ranking).
 * Returns both sorted, in ms; the CI guard (test/postgres/candidates-speed.test.ts) runs this at 20,000 requests.
 */
export async function timeCandidateLists(db: DatabaseHandle['db'], actor: Actor, queries: number) {
  const ctx = { db, now: () => NOW };
  const locations = (await sql<{ id: string }>`select id from location order by name`.execute(db)).rows.map((r) => r.id);
  const starts = ['2027-01-04', '2027-02-01', '2027-03-01', '2027-04-05', '2027-05-03', '2027-06-07'];
  const places = Array.from({ length: queries }, (_, i) => ({ location: locations[(i * 37) % locations.length] as string, start: starts[i % starts.length] as string }));
  // Warm-up: each pooled connection keeps its statements' plans after a few runs, as a running instance does.
  for (const p of places.slice(0, 10)) await listCandidates(ctx, actor, p.location, { start: p.start });
  const full: number[] = [];
  const plain: number[] = [];
  let candidates = 0;
  for (const p of places) {
    const [ms, r] = await timeIt(() => listCandidates(ctx, actor, p.location, { start: p.start }));
    full.push(ms);
    candidates += r.total;
    const [base] = await timeIt(() =>
      sql`select r.id, r.number, r.registered_on, r.care_days from request_location rl join request r on r.id = rl.request_id
          where rl.location_id = ${p.location} and r.status in ('registered', 'active', 'offered') and r.desired_start_date <= ${p.start}::date
            and ${p.start}::date <= greatest(r.desired_start_date, date '2026-11-24') + r.flexibility_weeks * 7`.execute(db),
    );
    plain.push(base);
  }
  return { full: full.sort((a, b) => a - b), plain: plain.sort((a, b) => a - b), candidatesPerList: candidates / queries };
}

/** A matching round's candidate step: every location of the desk's area in one statement, as the desk coordinator. */
async function timeRoundStep(db: DatabaseHandle['db'], runs: number) {
  const ctx = { db, now: () => NOW };
  const coordinator: Actor = { userId: null, role: 'desk_coordinator', deskId: BENCH_DESK, organiserId: null, channel: 'api' };
  const area = (await sql<FittingLocation>`select l.id, l.municipality_nis, l.min_age_months, l.max_age_months from location l join desk_municipality dm on dm.nis_code = l.municipality_nis where dm.desk_id = ${BENCH_DESK}`.execute(db)).rows;
  const step: number[] = [];
  const plain: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const [ms, out] = await timeIt(() => runUseCase(ctx, coordinator, 'matching.run', (tx) => fittingCandidatesAt(tx, ctx, area.map((location) => ({ location, free: new Set([1, 2, 3, 4, 5]) })), { start: '2027-01-04' }, BENCH_DESK)));
    step.push(ms);
    rows = [...out.values()].reduce((n, l) => n + l.length, 0);
    const [base] = await timeIt(() =>
      sql`select rl.location_id, r.id, r.number, r.registered_on, r.care_days, c.family_id, c.birth_date, c.due_date
          from request_location rl join request r on r.id = rl.request_id join child c on c.id = r.child_id
          where rl.location_id in (select l.id from location l join desk_municipality dm on dm.nis_code = l.municipality_nis where dm.desk_id = ${BENCH_DESK})
            and r.status in ('registered', 'active', 'offered') and r.desired_start_date <= date '2027-01-04'
            and date '2027-01-04' <= greatest(r.desired_start_date, date '2026-11-24') + r.flexibility_weeks * 7`.execute(db),
    );
    plain.push(base);
  }
  return { step: step.sort((a, b) => a - b), plain: plain.sort((a, b) => a - b), rows, locations: area.length };
}

export async function benchCandidates(): Promise<Figure[]> {
  return withBenchSchema(4, async (h) => {
    const [loadMs] = await timeIt(() => loadCandidateData(h.db));
    const system = await timeCandidateLists(h.db, systemActor('cli'), QUERIES);
    const provider = await timeCandidateLists(h.db, { userId: null, role: 'provider_staff', deskId: null, organiserId: BENCH_ORGANISER, channel: 'api' }, QUERIES / 2);
    const round = await timeRoundStep(h.db, 5);
    const locations = (await sql<{ id: string }>`select id from location order by name`.execute(h.db)).rows.map((r) => r.id);

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

    const size = `${REQUESTS.toLocaleString('en')} active requests, ${LOCATIONS} locations`;
    const p95 = percentile(system.full, 95);
    const providerP95 = percentile(provider.full, 95);
    const roundMedian = percentile(round.step, 50);
    return [
      { name: `candidate list p50 (${size})`, value: percentile(system.full, 50), unit: 'ms', baseline: { name: 'plain SELECT of the same rows, p50', value: percentile(system.plain, 50), unit: 'ms' }, ratio: percentile(system.full, 50) / percentile(system.plain, 50), ratioMeaning: 'of the plain SELECT time' },
      { name: 'candidate list p95', value: p95, unit: 'ms', baseline: { name: 'plain SELECT p95', value: percentile(system.plain, 95), unit: 'ms' }, ratio: p95 / percentile(system.plain, 95), ratioMeaning: 'of the plain SELECT time', ...target('p95 < 50 ms', '<', 50) },
      { name: 'candidate list p95, provider staff (row security with its tenant)', value: providerP95, unit: 'ms', baseline: { name: 'plain SELECT p95', value: percentile(provider.plain, 95), unit: 'ms' }, ratio: providerP95 / percentile(provider.plain, 95), ratioMeaning: 'of the plain SELECT time', ...target('p95 < 50 ms', '<', 50), note: `${QUERIES / 2} lists` },
      { name: 'candidates per list (mean)', value: system.candidatesPerList, unit: 'candidates', note: `${QUERIES} places over ${LOCATIONS} locations` },
      { name: `desk-wide round: candidate step, median of ${round.step.length}`, value: roundMedian, unit: 'ms', baseline: { name: 'plain SELECT of the same rows (owner)', value: percentile(round.plain, 50), unit: 'ms' }, ratio: roundMedian / percentile(round.plain, 50), ratioMeaning: 'of the plain SELECT time', note: `${round.locations} locations in one statement, ${round.rows.toLocaleString('en')} fitting wishes, desk coordinator` },
      { name: 'evaluator throughput', value: N / (evalMs / 1000), unit: 'evaluations/s', baseline: { name: 'linear pass over the same facts', value: N / (passMs / 1000), unit: 'facts/s' }, ratio: evalMs / passMs, ratioMeaning: 'the time of a linear pass' },
      { name: 'loading the bench data', value: loadMs / 1000, unit: 's' },
    ];
  });
}
