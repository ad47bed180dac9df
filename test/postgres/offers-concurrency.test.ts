// PostgreSQL only: racing accepts never overbook a weekday, and two app instances let each offer lapse exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { setCapacity } from '../../src/app/capacity.ts';
import { answerOffer, expireOffers, makeOffer } from '../../src/app/offers.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { connect } from '../../src/db/connect.ts';
import { freeSeats, halvesOf } from '../../src/domain/capacity/timeline.ts';
import { UserError } from '../../src/domain/errors.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

describe('offers under contention on PostgreSQL', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let w: World;
  const requests: string[] = [];
  before(async () => {
    t = await postgres.open({ poolSize: 20 });
    w = await buildWorld(t.ctx);
    await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [20, 0, 0, 0, 0] });
    for (let i = 0; i < 20; i++) {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-01-01', applicant: { givenName: `P${i}`, familyName: `Race${i}`, email: `race${i}@offer.example` }, child: { familyName: `Race${i}`, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', careDays: [{ weekday: 1, part: 'full' }], locationIds: [w.loc1] }));
      requests.push(r.request!.id);
    }
  });
  after(() => t.close());

  it('200 concurrent accepts for 20 offers competing for 10 Monday seats leave exactly 10 placements', async () => {
    const offers = [];
    for (const id of requests) offers.push(await makeOffer(t.ctx, w.actors.provider1!, { requestId: id, locationId: w.loc1, start: '2027-05-03' }));
    // Staff shortage after the offers went out: 10 seats left for 20 open offers.
    await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [10, 0, 0, 0, 0] });
    const attempts = offers.flatMap((o) => Array.from({ length: 10 }, () => o.id));
    const results = await Promise.allSettled(attempts.map((id) => answerOffer(t.ctx, w.actors.deskA!, id, 'accept')));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 10);
    for (const l of lost) {
      assert.ok(l.reason instanceof UserError, `unexpected ${l.reason}`);
      assert.equal(l.reason.kind, 'conflict');
      assert.ok(['offer.no_capacity', 'offer.not_open'].includes(l.reason.code), l.reason.code);
    }
    const placements = await t.ctx.db.selectFrom('placement').select(['start_date', 'end_date', 'care_days']).where('location_id', '=', w.loc1).execute();
    assert.equal(placements.length, 10);
    const free = freeSeats('2027-05-03', '2029-06-14', [{ validFrom: '2027-01-01', openSeats: [10, 0, 0, 0, 0] }], placements.map((p) => ({ start: p.start_date, end: p.end_date, halves: halvesOf(p.care_days) })));
    assert.ok(free.fullDay.every((x) => x >= 0), 'no weekday over capacity');
  });

  it('two app instances on one database let each of 1,000 offers lapse exactly once', async () => {
    // 1,000 open offers past their deadline: 20 requests × 50 locations, written directly for this test.
    await sql`insert into location (id, organiser_id, name, street, postal_code, municipality_nis, type, subsidy_step, licensed_capacity)
              select md5('x' || i)::uuid, ${w.organiser1}, 'Extra ' || i, 'Straat 1', '3000', '24062', 'group', 'T1', 20 from generate_series(1, 50) i`.execute(t.ctx.db);
    await sql`insert into offer (request_id, location_id, start_date, end_date, care_days, deadline)
              select r.id, md5('x' || i)::uuid, '2027-05-03', '2029-01-01', '[]'::jsonb, now() - interval '1 hour'
              from request r, generate_series(1, 50) i where r.id = any(${requests}::uuid[])`.execute(t.ctx.db);
    const url = process.env.DATABASE_URL as string;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    const instances = await Promise.all([connect({ url, schema, poolSize: 3 }), connect({ url, schema, poolSize: 3 })]);
    try {
      const run = async (db: (typeof instances)[number]) => {
        let total = 0;
        for (;;) {
          const n = await expireOffers({ db: db.db, now: () => new Date() }, 37);
          if (n === 0) return total;
          total += n;
        }
      };
      const [a, b] = await Promise.all(instances.map(run));
      assert.equal(a! + b!, 1000);
      assert.ok(a! > 0 && b! > 0, `both instances took part (${a} and ${b})`);
      const notices = await sql<{ n: number; distinct_offers: number }>`
        select count(*)::int as n, count(distinct payload->>'offerId')::int as distinct_offers from outbox where topic = 'offer.expired'`.execute(t.ctx.db);
      assert.deepEqual(notices.rows[0], { n: 1000, distinct_offers: 1000 });
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
