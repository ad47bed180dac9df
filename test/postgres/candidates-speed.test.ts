// PostgreSQL only: the candidate list at 20,000 active requests stays within ten times its target at that size, so a
// slowdown like issue 28's (fifty-fold, from row security and JIT) fails CI while a slow or busy machine does not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor, type Actor } from '../../src/app/permissions.ts';
import { BENCH_ORGANISER, loadCandidateData, timeCandidateLists } from '../../bench/candidates.ts';
import { percentile } from '../../bench/lib.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

const REQUESTS = 20_000;
// The target is p95 < 50 ms at 100,000 requests; lists grow with the requests, so 10 ms at 20,000. Ten times that:
// measured here at 3 to 8 ms, a fifty-fold slowdown lands far above it and a machine three times slower well below.
// The median is checked, not p95: on a machine shared with other suites one stall moves p95, never the median.
const BOUND_MS = 100;

describe('candidate list speed on PostgreSQL', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  before(async () => {
    t = await postgres.open({ poolSize: 2 });
    await loadCandidateData(t.handle.db, REQUESTS);
  });
  after(() => t?.close());

  const actors: Array<[string, Actor]> = [
    ['the system (every row)', systemActor('cli')],
    ['provider staff (its tenant)', { userId: null, role: 'provider_staff', deskId: null, organiserId: BENCH_ORGANISER, channel: 'api' }],
  ];
  for (const [who, actor] of actors) {
    it(`lists the candidates for ${who} with a median under ${BOUND_MS} ms at ${REQUESTS.toLocaleString('en')} requests`, async (c) => {
      const r = await timeCandidateLists(t.handle.db, actor, 40);
      const p95 = percentile(r.full, 95);
      c.diagnostic(`p95 ${p95.toFixed(1)} ms, p50 ${percentile(r.full, 50).toFixed(1)} ms; plain SELECT p95 ${percentile(r.plain, 95).toFixed(1)} ms`);
      assert.ok(r.candidatesPerList >= 5, `the lists are not empty (${r.candidatesPerList} candidates on average)`);
      const p50 = percentile(r.full, 50);
      assert.ok(p50 < BOUND_MS, `median ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (plain SELECT of the same rows: p95 ${percentile(r.plain, 95).toFixed(1)} ms)`);
    });
  }
});
