// PostgreSQL only: many instances' worth of parallel registrations for one child still give one request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { registerRequest } from '../../src/app/requests.ts';
import { makeInsz } from '../../src/domain/identity/insz.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

describe('concurrent registrations on PostgreSQL', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let w: World;
  before(async () => {
    t = await postgres.open({ poolSize: 25 });
    w = await buildWorld(t.ctx);
  });
  after(() => t.close());

  async function race(inputs: Parameters<typeof registerRequest>[2][]) {
    const results = await Promise.allSettled(inputs.map((input) => registerRequest(t.ctx, w.actors.deskA!, input)));
    const failures = results.filter((r) => r.status === 'rejected');
    assert.deepEqual(failures, [], 'no registration may fail');
    return results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof registerRequest>>>).value);
  }

  it('50 parallel registrations of the same child by national number give exactly one request', async () => {
    const insz = makeInsz('2026-08-08', 77);
    const input = unbornRequest(w, { child: { familyName: 'Race', givenName: 'Ro', birthDate: '2026-08-08', insz }, desiredStartDate: '2027-01-04' });
    // Both parents, with different contact data, race each other.
    const results = await race(Array.from({ length: 50 }, (_, i) => ({ ...input, applicant: i % 2 ? { givenName: 'Ma', familyName: 'Race', email: 'ma@race.example' } : { givenName: 'Pa', familyName: 'Race', phone: '0470 50 50 50' } })));
    assert.equal(results.filter((r) => r.created).length, 1);
    const ids = new Set(results.map((r) => r.request?.id));
    assert.equal(ids.size, 1, 'every caller gets the same request back');
    const rows = await sql<{ n: number }>`select count(*)::int as n from request r join child c on c.id = r.child_id where c.insz = ${insz}`.execute(t.ctx.db);
    assert.equal(rows.rows[0]?.n, 1);
    const children = await sql<{ n: number }>`select count(*)::int as n from child where insz = ${insz}`.execute(t.ctx.db);
    assert.equal(children.rows[0]?.n, 1);
  });

  it('50 parallel registrations of the same unborn child by the same parent give exactly one request and one family', async () => {
    const input = unbornRequest(w, { applicant: { givenName: 'Ann', familyName: 'Unborn', email: 'ann@race.example' }, child: { familyName: 'Unborn', dueDate: '2027-04-04' } });
    const results = await race(Array.from({ length: 50 }, () => input));
    assert.equal(results.filter((r) => r.created).length, 1);
    const families = await sql<{ n: number }>`select count(distinct family_id)::int as n from guardian where email_key = 'ann@race.example'`.execute(t.ctx.db);
    assert.equal(families.rows[0]?.n, 1);
    const requests = await sql<{ n: number }>`select count(*)::int as n from request r join child c on c.id = r.child_id where c.family_name_key = 'unborn'`.execute(t.ctx.db);
    assert.equal(requests.rows[0]?.n, 1);
  });

  it('the database itself refuses a second open request for a child, whatever the code does', async () => {
    const r = (await race([unbornRequest(w, { applicant: { givenName: 'Db', familyName: 'Guard', email: 'db@race.example' }, child: { familyName: 'Guard', dueDate: '2027-04-04' } })]))[0]!;
    await assert.rejects(
      sql`insert into request (number, child_id, applicant_id, desk_id, desired_start_date, care_days, status, registered_on, channel)
          select 'NB-X', child_id, applicant_id, desk_id, desired_start_date, care_days, 'active', registered_on, channel from request where id = ${r.request!.id}`.execute(t.ctx.db),
      /request_one_open_per_child/,
    );
  });
});
