// The demo installation is usable as shipped: requests in every state, duplicates to resolve, explained candidate lists.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listCandidates } from '../../src/app/priority.ts';
import { listLocations } from '../../src/app/places.ts';
import { listDuplicates } from '../../src/app/duplicates.ts';
import { systemActor } from '../../src/app/permissions.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { pglite, type TestDb } from '../support/db.ts';
import { searchServices } from '../../src/app/family-support/social-map.ts';
import { getPilot, listPilots } from '../../src/app/family-support/pilots.ts';
import { ANONYMOUS } from '../../src/app/permissions.ts';

describe('demo data', () => {
  let t: TestDb;
  before(async () => {
    t = await pglite.open();
    await seedDemo(t.ctx, 80);
  });
  after(() => t.close());

  it('has requests in every state and children to deduplicate', async () => {
    const states = await sql<{ status: string }>`select distinct status from request order by status`.execute(t.ctx.db);
    assert.deepEqual(states.rows.map((r) => r.status), ['active', 'found_elsewhere', 'lapsed', 'offered', 'placed', 'registered', 'withdrawn']);
    assert.ok((await listDuplicates(t.ctx, systemActor('cli'))).length >= 1);
  });

  it('shows, for an income-tariff location, each candidate’s group, position and explanation', async () => {
    const locations = (await listLocations(t.ctx, systemActor('cli'))).filter((l) => l.incomeTariff);
    let seen = 0;
    for (const l of locations) {
      for (const start of ['2026-12-07', '2027-01-04', '2027-03-01']) {
        const list = await listCandidates(t.ctx, systemActor('cli'), l.id, { start });
        assert.equal(list.ruleSet?.id, 'vlaanderen-a');
        list.candidates.forEach((c, i) => {
          assert.equal(c.position, i + 1);
          assert.ok(c.explanation.summary.nl && c.explanation.ruleSetReason.nl);
          if (c.group) assert.match(c.explanation.summary.nl, new RegExp(`^Voorrang: ${c.group.label.nl}`));
          if (i > 0) assert.ok(list.candidates[i - 1]!.tier <= c.tier);
        });
        seen += list.candidates.filter((c) => c.group).length;
      }
    }
    assert.ok(seen > 0, 'some demo candidates are in a priority group');
  });

  it('has a social map, a pilot that meets the call, and referrals in several states', async () => {
    const found = await searchServices(t.ctx, ANONYMOUS, { need: 'money', municipalityNis: '24062', language: 'ar' });
    assert.ok(found.some((s) => s.name === 'Budget en rechten'));
    const [pilot] = await listPilots(t.ctx, systemActor('cli'));
    assert.ok((await getPilot(t.ctx, systemActor('cli'), pilot!.id)).conditions.every((c) => c.met));
    const states = await sql<{ status: string }>`select distinct status from referral order by status`.execute(t.ctx.db);
    assert.deepEqual(states.rows.map((r) => r.status), ['contact_made', 'received', 'sent', 'support_started']);
  });
});
