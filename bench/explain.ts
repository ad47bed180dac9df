// EXPLAIN ANALYZE of the hot statements as the app runs them (nabij_app, each role's settings, prepared), via auto_explain.
// Usage: npx node bench/explain.ts [schema]  (DATABASE_URL; without a schema it loads the candidate bench's data).
// Each call runs seven times, so the last one uses the plan a pooled connection keeps (generic after five runs); the
// table shows that run's statements, slowest first, and bench/results/explain.txt holds their plans.
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { runUseCase } from '../src/app/context.ts';
import { noPlaceYet } from '../src/app/follow-up.ts';
import { systemActor, type Actor } from '../src/app/permissions.ts';
import { fittingCandidatesAt, listCandidates } from '../src/app/priority.ts';
import { getRequest, listRequests, registerRequest } from '../src/app/requests.ts';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadCandidateData } from './candidates.ts';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const given = process.argv[2];
const schema = given ?? `explain_${Date.now().toString(36)}`;
const plans: string[] = [];
let heard: string[] = [];
const h = await connect({ url, schema, poolSize: 1, notice: (m) => heard.push(m) });
if (!given) {
  await sql`create schema ${sql.id(schema)}`.execute(h.db);
  await migrateToLatest(h.db);
  await loadCandidateData(h.db, Number(process.env.BENCH_REQUESTS ?? 100_000));
}
const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
const DESK = '00000000-0000-4000-8000-0000000000d1';
const ORG = '00000000-0000-4000-8000-0000000000a1';
const desk: Actor = { userId: null, role: 'desk_worker', deskId: DESK, organiserId: null, channel: 'api' };
const coordinator: Actor = { ...desk, role: 'desk_coordinator' };
const provider: Actor = { userId: null, role: 'provider_staff', deskId: null, organiserId: ORG, channel: 'api' };
const system = systemActor('cli');
const popular = (await sql<{ id: string }>`select md5('l' || 5)::uuid::text as id`.execute(h.db)).rows[0]!.id;
const all = (await sql<{ id: string; municipality_nis: string; min_age_months: number; max_age_months: number }>`select id, municipality_nis, min_age_months, max_age_months from location order by id`.execute(h.db)).rows;
const someRequest = (await sql<{ id: string }>`select md5('r' || 7)::uuid::text as id`.execute(h.db)).rows[0]!.id;
let n = 0;
const registration = () => ({
  applicant: { givenName: 'Explain', familyName: `Familie${n}`, email: `explain${n}-${Date.now()}@bench.example`, preferredLanguage: 'nl' as const },
  residence: { municipalityNis: '24062', street: `Straat ${n}`, postalCode: '3000' },
  child: { familyName: `Familie${n++}`, dueDate: '2027-03-01' },
  desiredStartDate: '2027-09-01',
  flexibilityWeeks: 4,
  careDays: [1, 2, 4].map((weekday) => ({ weekday, part: 'full' as const })),
  locationIds: [all[0]!.id, all[1]!.id],
  consent: { processing: true },
});

const calls: Array<[string, () => Promise<unknown>]> = [
  ['candidate list, system', () => listCandidates(ctx, system, popular, { start: '2027-01-04' })],
  ['candidate list, desk worker', () => listCandidates(ctx, desk, popular, { start: '2027-01-04' })],
  ['candidate list, provider staff', () => listCandidates(ctx, provider, popular, { start: '2027-01-04' })],
  ['round candidate step (all locations), desk coordinator', () => runUseCase(ctx, coordinator, 'matching.run', (tx) => fittingCandidatesAt(tx, ctx, all.map((location) => ({ location, free: new Set([1, 2, 3, 4, 5]) })), { start: '2027-01-04' }, DESK))],
  ['registration, desk worker', () => registerRequest(ctx, desk, registration())],
  ['request by id, desk worker', () => getRequest(ctx, desk, someRequest)],
  ['request by id, provider staff', () => getRequest(ctx, provider, someRequest)],
  ['request list (50), desk worker', () => listRequests(ctx, desk, { limit: 50 })],
  ['request list (50) at a location, provider staff', () => listRequests(ctx, provider, { locationId: popular, limit: 50 })],
  ['follow-up: no place yet, desk worker', () => noPlaceYet(ctx, desk)],
];

const only = process.env.EXPLAIN_ONLY;
console.log(`schema ${schema}; every figure is the 7th run of the call`);
for (const [name, call] of calls) {
  if (only && !name.includes(only)) continue;
  for (let i = 0; i < 7; i++) {
    await sql`load 'auto_explain'`.execute(h.db);
    await sql`select set_config('auto_explain.log_min_duration', '0', false), set_config('auto_explain.log_analyze', 'on', false), set_config('auto_explain.log_level', 'notice', false), set_config('client_min_messages', 'notice', false)`.execute(h.db);
    heard = [];
    const t0 = performance.now();
    await call();
    const wall = performance.now() - t0;
    if (i < 6) continue;
    const statements = heard.filter((m) => m.startsWith('duration:')).map((m) => ({ ms: Number(/duration: ([\d.]+) ms/.exec(m)?.[1] ?? 0), text: m }));
    statements.sort((a, b) => b.ms - a.ms);
    const sum = statements.reduce((s, x) => s + x.ms, 0);
    console.log(`\n${name}: ${wall.toFixed(1)} ms wall, ${statements.length} statements, ${sum.toFixed(1)} ms in the executor`);
    for (const s of statements.slice(0, 3)) {
      const query = /Query Text: ([\s\S]*?)\n\S/.exec(s.text)?.[1]?.replace(/\s+/g, ' ').slice(0, 110) ?? '';
      const jit = /JIT:[\s\S]*?Total ([\d.]+) ms/.exec(s.text)?.[1];
      console.log(`  ${s.ms.toFixed(2).padStart(9)} ms${jit ? ` (JIT ${jit} ms)` : ''}  ${query}`);
    }
    plans.push(`==== ${name}: ${wall.toFixed(1)} ms wall\n${statements.map((s) => s.text).join('\n\n')}`);
  }
}
writeFileSync('bench/results/explain.txt', plans.join('\n\n'));
console.log('\nplans → bench/results/explain.txt');
if (!given && process.env.BENCH_KEEP_SCHEMA !== '1') await sql`drop schema ${sql.id(schema)} cascade`.execute(h.db);
await h.close();
