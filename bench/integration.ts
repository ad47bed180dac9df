// Integration API at scale on PostgreSQL: a bulk capacity upload (5,000 locations × 12 months) and reading 100,000
// feed events, each next to a plain SELECT of the same rows in the same run.
import { sql } from 'kysely';
import { createClient } from '../src/app/integration/clients.ts';
import type { Actor } from '../src/app/permissions.ts';
import { buildServer } from '../src/http/server.ts';
import { makeKbo } from '../src/domain/identity/kbo.ts';
import { target, withBenchSchema, type Figure } from './lib.ts';

const LOCATIONS = 5_000;
const MONTHS = 12;
const BATCH = 10_000;
const EVENTS = 100_000;
const PAGE = 1_000;

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

export async function benchIntegration(): Promise<Figure[]> {
  return withBenchSchema(4, async (h) => {
    const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
    await h.db.insertInto('municipality').values({ nis_code: '24062', name: 'Leuven' }).execute();
    const org = await h.db.insertInto('organiser').values({ kbo: makeKbo(4_100_301), name: 'Bench' }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into location (organiser_id, name, street, postal_code, municipality_nis, type, subsidy_step, licensed_capacity, min_age_months, max_age_months, opening_weekdays)
      select ${org.id}::uuid, 'L' || g, 'Straat ' || g, '3000', '24062', 'group', 'T1', 30, 0, 36, '{1,2,3,4,5}' from generate_series(1, ${LOCATIONS}) g`.execute(h.db);
    const locations = (await h.db.selectFrom('location').select('id').orderBy('name').execute()).map((l) => l.id);
    const staff: Actor = { userId: null, role: 'provider_staff', deskId: null, organiserId: org.id, channel: 'api' };
    const client = await createClient(ctx, staff, { name: 'bench' });
    const app = await buildServer(ctx);
    const token = (await app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } })).json().access_token as string;
    const auth = { authorization: `Bearer ${token}` };

    // 1. Bulk capacity: 60,000 items through HTTP (validation, scope, one transaction per batch of 10,000).
    const items = locations.flatMap((locationId, i) => Array.from({ length: MONTHS }, (_, m) => ({ locationId, validFrom: `2027-${String(m + 1).padStart(2, '0')}-01`, openSeats: [10 + (i % 5), 10, 10, 10, 8] })));
    const upload = await time(async () => {
      for (let i = 0; i < items.length; i += BATCH) {
        const r = await app.inject({ method: 'POST', url: '/api/v1/integration/capacity', headers: auth, payload: { items: items.slice(i, i + BATCH) } });
        if (r.statusCode !== 200) throw new Error(`upload failed: ${r.body}`);
      }
    });
    const stored = (await sql<{ n: number }>`select count(*)::int as n from location_capacity`.execute(h.db)).rows[0]?.n ?? 0;
    await sql`analyze location_capacity`.execute(h.db);
    const selectCapacity = await time(() => sql`select location_id, valid_from, open_seats, note from location_capacity`.execute(h.db));
    const plainInsert = await time(() => sql`create table capacity_copy as select location_id, valid_from, open_seats, note from location_capacity`.execute(h.db));

    // 2. The feed: 100,000 events for the organiser (written in bulk here; appending is measured by the offers bench).
    await sql`insert into event (type, source, subject, organiser_id, location_id, data, time)
      select 'offer.made', 'urn:nabij:location:x', gen_random_uuid()::text, ${org.id}::uuid, null, jsonb_build_object('offerId', gen_random_uuid(), 'requestId', gen_random_uuid(), 'start', '2027-05-03', 'status', 'open'), now()
      from generate_series(1, ${EVENTS})`.execute(h.db);
    // Another organiser's events in between, which the feed must skip.
    await sql`insert into event (type, source, subject, organiser_id, data, time) select 'offer.made', 'urn:x', 'x', gen_random_uuid(), '{}'::jsonb, now() from generate_series(1, ${EVENTS / 2})`.execute(h.db);
    await sql`analyze event`.execute(h.db);
    let read = 0;
    const feed = await time(async () => {
      let after = '0';
      for (;;) {
        const r = await app.inject({ method: 'GET', url: `/api/v1/events?after=${after}&limit=${PAGE}`, headers: auth });
        const page = r.json() as { events: unknown[]; next: string; more: boolean };
        read += page.events.length;
        after = page.next;
        if (!page.more) break;
      }
    });
    const selectEvents = await time(() => sql`select position, id, type, source, subject, time, data from event where organiser_id = ${org.id} order by position`.execute(h.db));
    await app.close();

    const rowsPerSecond = (n: number, ms: number) => (n / ms) * 1000;
    return [
      {
        name: `bulk capacity upload (${LOCATIONS} locations × ${MONTHS} months = ${items.length} items, HTTP, batches of ${BATCH})`,
        value: rowsPerSecond(items.length, upload.ms),
        unit: 'items/s',
        baseline: { name: 'plain SELECT of the same rows', value: rowsPerSecond(stored, selectCapacity.ms), unit: 'rows/s' },
        ratio: upload.ms / selectCapacity.ms,
        ratioMeaning: 'times the plain SELECT’s time',
        note: `upload ${upload.ms.toFixed(0)} ms; plain SELECT ${selectCapacity.ms.toFixed(0)} ms; plain INSERT … SELECT copy ${plainInsert.ms.toFixed(0)} ms; ${stored} rows stored`,
      },
      {
        name: 'bulk capacity upload vs a plain INSERT of the same rows',
        value: upload.ms,
        unit: 'ms',
        baseline: { name: 'plain INSERT … SELECT (no checks)', value: plainInsert.ms, unit: 'ms' },
        ratio: upload.ms / plainInsert.ms,
        ratioMeaning: 'times the plain INSERT’s time',
      },
      {
        name: `feed read (${read} events in pages of ${PAGE}, HTTP, CloudEvents JSON)`,
        value: rowsPerSecond(read, feed.ms),
        unit: 'events/s',
        baseline: { name: 'plain SELECT of the same rows (one query)', value: rowsPerSecond(selectEvents.result.rows.length, selectEvents.ms), unit: 'rows/s' },
        ratio: feed.ms / selectEvents.ms,
        ratioMeaning: 'times the plain SELECT’s time',
        note: `feed ${feed.ms.toFixed(0)} ms (${Math.ceil(read / PAGE)} pages); plain SELECT ${selectEvents.ms.toFixed(0)} ms`,
      },
      { name: 'feed events missed', value: EVENTS - read, unit: 'events', note: `${read} of ${EVENTS} read`, ...target('none missed', '=', 0) },
    ];
  });
}
