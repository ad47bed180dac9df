// Offers accepted per second on PostgreSQL under contention (several offers per seat), next to a plain write of the same rows.
import { sql } from 'kysely';
import { createUserWithToken } from '../src/app/accounts.ts';
import { setCapacity } from '../src/app/capacity.ts';
import { answerOffer, makeOffer } from '../src/app/offers.ts';
import { systemActor, type Actor } from '../src/app/permissions.ts';
import { createLocation, createOrganiser } from '../src/app/places.ts';
import { registerRequest } from '../src/app/requests.ts';
import { makeKbo } from '../src/domain/identity/kbo.ts';
import { percentile, target, withBenchSchema, type Figure } from './lib.ts';

const LOCATIONS = 20;
const OFFERS_PER_LOCATION = 20;
const SEATS = 10;
const CONCURRENCY = 20;

async function timed<T>(items: T[], work: (x: T) => Promise<unknown>) {
  const latencies: number[] = [];
  let ok = 0;
  let i = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < items.length) {
        const x = items[i++] as T;
        const s = performance.now();
        try {
          await work(x);
          ok++;
        } catch {
          // a lost race is an expected answer (409) here
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: items.length / seconds, ok, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchOffers(): Promise<Figure[]> {
  return withBenchSchema(CONCURRENCY, async (h) => {
    const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
    const system = systemActor('cli');
    await h.db.insertInto('municipality').values({ nis_code: '24062', name: 'Leuven' }).execute();
    const desk = await h.db.insertInto('desk').values({ name: 'Bench', email: null, phone: null, max_locations: null }).returning('id').executeTakeFirstOrThrow();
    await h.db.insertInto('desk_municipality').values({ desk_id: desk.id, nis_code: '24062' }).execute();
    const o = await createOrganiser(ctx, system, { kbo: makeKbo(4_100_301), name: 'Bench' });
    const provider = await createUserWithToken(h.db, { name: 'p', email: 'p@bench.example', role: 'provider_staff', organiserId: o.id });
    const deskUser = await createUserWithToken(h.db, { name: 'd', email: 'd@bench.example', role: 'desk_worker', deskId: desk.id });
    const providerActor: Actor = { userId: provider.userId, role: 'provider_staff', deskId: null, organiserId: o.id, channel: 'api' };
    const deskActor: Actor = { userId: deskUser.userId, role: 'desk_worker', deskId: desk.id, organiserId: null, channel: 'api' };
    const offers: string[] = [];
    for (let L = 0; L < LOCATIONS; L++) {
      const loc = await createLocation(ctx, system, { organiserId: o.id, name: `L${L}`, street: 'S 1', postalCode: '3000', municipalityNis: '24062', type: 'group', subsidyStep: 'T1', licensedCapacity: 40 });
      await setCapacity(ctx, providerActor, loc.id, { validFrom: '2027-01-01', openSeats: [OFFERS_PER_LOCATION, 0, 0, 0, 0] });
      for (let k = 0; k < OFFERS_PER_LOCATION; k++) {
        const r = await registerRequest(ctx, system, { applicant: { givenName: 'B', familyName: `F${L}-${k}`, email: `f${L}-${k}@bench.example` }, residence: { municipalityNis: '24062' }, child: { familyName: `F${L}-${k}`, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [{ weekday: 1, part: 'full' }], locationIds: [loc.id], consent: { processing: true } });
        offers.push((await makeOffer(ctx, providerActor, { requestId: r.request!.id, locationId: loc.id, start: '2027-05-03' })).id);
      }
      // Fewer seats than open offers: accepts race for them.
      await setCapacity(ctx, providerActor, loc.id, { validFrom: '2027-01-01', openSeats: [SEATS, 0, 0, 0, 0] });
    }
    await sql`analyze`.execute(h.db);
    const shuffled = [...offers].sort(() => Math.random() - 0.5);
    const accept = await timed(shuffled, (id) => answerOffer(ctx, deskActor, id, 'accept'));
    // Baseline: the same number of transactions writing a placement row and an offer status, with no checks or locks.
    const rows = await h.db.selectFrom('offer').innerJoin('request', 'request.id', 'offer.request_id').select(['offer.id', 'request.child_id', 'offer.location_id']).execute();
    const plain = await timed(rows, (r) =>
      h.db.transaction().execute(async (tx) => {
        await tx.insertInto('placement').values({ child_id: r.child_id, location_id: r.location_id, start_date: '2027-05-03', end_date: '2029-06-14', care_days: '[]' }).execute();
        await tx.updateTable('offer').set({ answered_at: new Date() }).where('id', '=', r.id).execute();
      }),
    );
    return [
      { name: `offers answered per second (${offers.length} accepts, ${LOCATIONS * SEATS} seats, ${CONCURRENCY} at once)`, value: accept.perSecond, unit: 'answers/s', baseline: { name: 'plain placement insert + offer update, no checks', value: plain.perSecond, unit: 'tx/s' }, ratio: accept.perSecond / plain.perSecond, ratioMeaning: 'of the plain writes', note: `${accept.ok} accepted (must be ${LOCATIONS * SEATS})` },
      { name: 'accept latency p50', value: accept.p50, unit: 'ms', baseline: { name: 'plain p50', value: plain.p50, unit: 'ms' } },
      { name: 'accept latency p99', value: accept.p99, unit: 'ms', baseline: { name: 'plain p99', value: plain.p99, unit: 'ms' } },
      { name: 'seats overbooked', value: accept.ok - LOCATIONS * SEATS, unit: 'placements', ...target('0', '=', 0) },
    ];
  });
}
