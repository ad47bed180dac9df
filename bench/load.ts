// Load: a mix of parent-portal, provider and desk calls against the real app on PostgreSQL: 200 users with think time,
// and without pauses next to the same-run baseline of each call of the mix alone.
import autocannon from 'autocannon';
import { createUserWithToken } from '../src/app/accounts.ts';
import { setCapacity } from '../src/app/capacity.ts';
import { systemActor } from '../src/app/permissions.ts';
import { createLocation, createOrganiser } from '../src/app/places.ts';
import { registerRequest } from '../src/app/requests.ts';
import { connect } from '../src/db/connect.ts';
import { buildServer } from '../src/http/server.ts';
import { makeKbo } from '../src/domain/identity/kbo.ts';
import { SESSION_COOKIE, startSession } from '../src/web/sessions.ts';
import { startChildServer } from './child-server.ts';
import { percentile, target, withBenchSchema, type Figure } from './lib.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Mean think time between a user's calls in the paced run. */
const THINK_MS = 2000;
/** The paced run is longer: its p99 should rest on a few thousand calls. */
const PACED_SECONDS = DURATION * 3;
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 400);
const NOW = new Date('2026-11-24T09:00:00Z');

function startServer(url: string, schema: string) {
  // BENCH_SERVER_ARGS passes Node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  return startChildServer('bench/load-server.ts', [url, schema], (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean));
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  /** p99 per call of the mix (paced runs only), to see which call sets the tail. */
  perCall?: Array<{ call: string; p99: number; count: number }>;
}

/** A call of the mix by its route, ids left out. */
const callName = (r: autocannon.Request) => `${r.method} ${(r.path ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;

async function hammer(port: number, connections: number, requests: autocannon.Request[], seconds = DURATION): Promise<Run> {
  const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, total: r.requests.total };
}

/**
 * Waits until the server has worked off what the previous run left in flight (autocannon stops sending, the server
 * still answers every call it accepted): a cheap call must answer within 50 ms, or 30 s pass.
 */
async function settle(port: number, probe: autocannon.Request): Promise<void> {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${port}${probe.path}`, { headers: probe.headers as Record<string, string> }).then((r) => r.arrayBuffer());
    if (performance.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Users who read before they click: each waits a random think time (exponential, mean `thinkMs`) after every answer.
 * autocannon only paces in whole-second windows, which fires each second's calls in one burst; this loop does not.
 */
async function thinkingUsers(port: number, users: number, requests: autocannon.Request[], thinkMs: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  const byCall = new Map<string, number[]>();
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(Array.from({ length: users }, async (_, u) => {
    await sleep(Math.random() * thinkMs); // users arrive spread out, not all at once
    for (let i = u; Date.now() < end; i++) {
      const r = requests[i % requests.length]!;
      const req = typeof r.setupRequest === 'function' ? r.setupRequest({ ...r }, {}) : r;
      const t0 = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}${r.path}`, { method: r.method ?? 'GET', headers: req.headers as Record<string, string>, ...(req.body ? { body: req.body as string } : {}) });
        await res.arrayBuffer();
        if (res.status >= 400) errors++;
      } catch {
        errors++;
      }
      const took = performance.now() - t0;
      latencies.push(took);
      const name = callName(r);
      byCall.set(name, [...(byCall.get(name) ?? []), took]);
      await sleep(-Math.log(1 - Math.random()) * thinkMs);
    }
  }));
  latencies.sort((a, b) => a - b);
  const perCall = [...byCall].map(([call, v]) => ({ call, count: v.length, p99: percentile(v.sort((a, b) => a - b), 99) }));
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, total: latencies.length, perCall };
}

/**
 * Statements each call of the mix sends to PostgreSQL (BEGIN and COMMIT included), one call at a time in this
 * process. Round trips, not slow queries, set the pace here, so this count is the figure to push down.
 */
async function statementsPerCall(url: string, schema: string, mix: autocannon.Request[]): Promise<Figure[]> {
  let count = 0;
  // BENCH_LOAD_SQL=1 prints each statement with its time, to see which one a call spends its time on.
  const show = process.env.BENCH_LOAD_SQL === '1';
  const h = await connect({ url, schema, poolSize: 2, log: (e) => { count++; if (show) console.log(`  ${e.queryDurationMillis.toFixed(2)} ms  ${e.query.sql.replace(/\s+/g, ' ').slice(0, 220)}`); } });
  const app = await buildServer({ db: h.db, now: () => NOW });
  const figures: Figure[] = [];
  try {
    for (const r of mix) {
      const req = typeof r.setupRequest === 'function' ? r.setupRequest({ ...r }, {}) : r;
      const route = callName(r);
      count = 0;
      if (show) console.log(route);
      const res = await app.inject({ method: r.method as 'GET', url: r.path ?? '/', headers: req.headers as Record<string, string>, ...(req.body ? { payload: req.body as string } : {}) });
      if (res.statusCode >= 400) throw new Error(`${route} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      figures.push({ name: `statements: ${route}`, value: count, unit: 'statements', note: `sent to PostgreSQL for one call; answer ${Math.round(res.rawPayload.length / 1024)} kB` });
    }
  } finally {
    await app.close();
    await h.close();
  }
  return figures;
}

export async function benchLoad(): Promise<Figure[]> {
  return withBenchSchema(4, async (h, url, schema) => {
    const ctx = { db: h.db, now: () => NOW };
    const system = systemActor('cli');
    await h.db.insertInto('municipality').values([{ nis_code: '24062', name: 'Leuven' }, { nis_code: '44021', name: 'Gent' }]).execute();
    const deskA = await h.db.insertInto('desk').values({ name: 'Loket Leuven', email: null, phone: null, max_locations: null }).returning('id').executeTakeFirstOrThrow();
    const deskB = await h.db.insertInto('desk').values({ name: 'Loket Gent', email: null, phone: null, max_locations: null }).returning('id').executeTakeFirstOrThrow();
    await h.db.insertInto('desk_municipality').values([{ desk_id: deskA.id, nis_code: '24062' }, { desk_id: deskB.id, nis_code: '44021' }]).execute();
    const org = await createOrganiser(ctx, system, { kbo: makeKbo(4_100_301), name: 'Load vzw' });
    const locs: string[] = [];
    // Locations 0–3 hold the seeded queues the parent's page and the provider's list read; the registrations of the
    // mix choose 4–7, so every run ranks the same queues (otherwise each run measures a longer queue than the last).
    for (let i = 0; i < 8; i++) {
      const l = await createLocation(ctx, system, { organiserId: org.id, name: `Locatie ${i}`, street: 'S 1', postalCode: '3000', municipalityNis: '24062', type: 'group', subsidyStep: 'T2', licensedCapacity: 40 });
      locs.push(l.id);
    }
    const desk = await createUserWithToken(h.db, { name: 'desk', email: 'desk@load.example', role: 'desk_worker', deskId: deskA.id }, 'load-desk');
    const provider = await createUserWithToken(h.db, { name: 'provider', email: 'provider@load.example', role: 'provider_staff', organiserId: org.id }, 'load-provider');
    for (const l of locs) await setCapacity(ctx, { userId: provider.userId, role: 'provider_staff', deskId: null, organiserId: org.id, channel: 'cli' }, l, { validFrom: '2027-01-01', openSeats: [4, 4, 4, 4, 4] });
    const deskActor = { userId: desk.userId, role: 'desk_worker' as const, deskId: deskA.id, organiserId: null, channel: 'cli' as const };
    const body = (i: number, tag: string, offset = 0) => ({
      applicant: { givenName: 'Load', familyName: `Familie${tag}${i}`, email: `p${tag}${i}@load.example`, preferredLanguage: 'nl' as const },
      residence: { municipalityNis: '24062', street: `Straat ${i}`, postalCode: '3000' },
      child: { familyName: `Familie${tag}${i}`, dueDate: `2027-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}` },
      desiredStartDate: '2027-09-01',
      flexibilityWeeks: 4,
      careDays: [1, 2, 4].map((weekday) => ({ weekday, part: 'full' as const })),
      locationIds: [locs[offset + (i % 4)]!, locs[offset + ((i + 1) % 4)]!],
      urgent: false,
      consent: { processing: true },
    });
    const requestIds: string[] = [];
    let familyId = '';
    for (let i = 0; i < FAMILIES; i++) {
      const r = await registerRequest(ctx, deskActor, body(i, 's'));
      requestIds.push(r.request!.id);
      if (i === 0) familyId = (r.request as { child: { familyId: string } }).child.familyId;
    }
    // A parent with a portal session, looking at the own requests.
    const account = await h.db.insertInto('portal_account').values({ email: 'ouder@load.example', email_verified_at: NOW, family_id: familyId, given_name: 'Load', family_name: 'Ouder' }).returning('id').executeTakeFirstOrThrow();
    const { cookie } = await startSession(ctx, { accountId: account.id, language: 'nl' });

    const desk_ = { authorization: 'Bearer load-desk' };
    const prov = { authorization: 'Bearer load-provider' };
    let n = 0;
    const mix: autocannon.Request[] = [
      { method: 'GET', path: '/portaal/aanvragen', headers: { cookie: `${SESSION_COOKIE}=${cookie}` } },
      { method: 'GET', path: '/portaal' },
      { method: 'GET', path: `/api/v1/integration/locations/${locs[0]}/requests?limit=50`, headers: prov },
      { method: 'GET', path: '/api/v1/events?limit=100', headers: prov },
      { method: 'GET', path: '/api/v1/requests?limit=50', headers: desk_ },
      { method: 'GET', path: `/api/v1/requests/${requestIds[7]}`, headers: desk_ },
      { method: 'GET', path: '/api/v1/follow-up/no-place-yet', headers: desk_ },
      { method: 'POST', path: '/api/v1/requests', headers: { ...desk_, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify(body(n++, `l${process.pid}x`, 4)) }) },
    ];
    const figures: Figure[] = [...(await statementsPerCall(url, schema, mix))];
    const server = await startServer(url, schema);
    try {
      await hammer(server.port, 10, mix); // warm-up: plans, pools, JIT
      if (process.env.BENCH_LOAD_EACH) {
        // Diagnosis: each call of the mix alone, to see which one sets the pace.
        for (const r of mix) {
          const one = await autocannon({ url: `http://127.0.0.1:${server.port}`, connections: 10, duration: 3, requests: [r] });
          console.log(`${r.method} ${r.path}: ${one.requests.average} req/s, p50 ${one.latency.p50} ms, non2xx ${one.non2xx}`);
        }
      }
      // The headline: people read a page before the next click. 200 users who each wait 2 s on average between
      // calls. This runs first, on a settled server: after a saturating run the server and PostgreSQL are still
      // working off the backlog (and vacuuming), which would be measured as this run's tail.
      await settle(server.port, mix[5]!);
      const paced = await thinkingUsers(server.port, 200, mix, THINK_MS, PACED_SECONDS);
      const tag = `200 users, ${THINK_MS / 1000} s think time`;
      figures.push(
        { name: `${tag}: latency p99`, value: paced.p99, unit: 'ms', ...target('p99 < 250 ms', '<', 250) },
        { name: `${tag}: errors`, value: paced.errors, unit: 'count', note: `${paced.total} requests in ${PACED_SECONDS} s`, ...target('zero errors', '=', 0) },
        { name: `${tag}: throughput`, value: paced.rps, unit: 'req/s' },
        { name: `${tag}: latency p50`, value: paced.p50, unit: 'ms' },
        ...(paced.perCall ?? []).map((c) => ({ name: `${tag}: p99 of ${c.call}`, value: c.p99, unit: 'ms', note: `${c.count} calls` })),
      );
      // Then without pauses: each call of the mix alone at 200 users, and the mix. A mix cannot run faster than its
      // cheapest call alone; its ratio to that call shows how far the dearer calls pull it down (goal ≥ 0.5×). By
      // Little's law a p99 under 250 ms without pauses would need over 800 req/s here, so that is no target.
      const alone: Array<{ call: string; rps: number; p99: number }> = [];
      for (const r of mix) {
        await settle(server.port, mix[5]!);
        const one = await hammer(server.port, 200, [r], Math.max(2, Math.round(DURATION / 2)));
        alone.push({ call: callName(r), rps: one.rps, p99: one.p99 });
        figures.push({ name: `200 users, no pauses, ${callName(r)} alone: throughput`, value: one.rps, unit: 'req/s', note: `p99 ${one.p99} ms, ${one.errors} errors` });
      }
      await settle(server.port, mix[5]!);
      const run = await hammer(server.port, 200, mix);
      const cheapest = alone.reduce((a, b) => (b.rps > a.rps ? b : a));
      // Each call is one in eight of the mix: if they did not slow each other down, the mix would run at the harmonic mean.
      const expected = mix.length / alone.reduce((n, a) => n + 1 / a.rps, 0);
      figures.push(
        { name: '200 users, no pauses: mix throughput', value: run.rps, unit: 'req/s', baseline: { name: `cheapest call alone (${cheapest.call})`, value: cheapest.rps, unit: 'req/s' }, ratio: run.rps / cheapest.rps, ratioMeaning: 'of its cheapest call alone', ...target('≥ 0.5× its cheapest call', '>=', 0.5, { of: 'ratio', goal: true }), note: `the calls alone predict ${expected.toFixed(0)} req/s for the mix (${(run.rps / expected).toFixed(2)}× of that)` },
        { name: '200 users, no pauses: mix latency p50', value: run.p50, unit: 'ms' },
        { name: '200 users, no pauses: mix latency p99', value: run.p99, unit: 'ms' },
        { name: '200 users, no pauses: mix errors', value: run.errors, unit: 'count', note: `${run.total} requests in ${DURATION} s: portal, provider and desk calls, 1 in 8 a registration`, ...target('zero errors', '=', 0) },
      );
    } finally {
      await server.stop();
    }
    return figures;
  });
}
