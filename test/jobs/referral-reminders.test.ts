// Referral reminders through the job system: a referral nobody picked up in time puts mail in the outbox, once; the scheduler sends it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReferral, progressReferral, remindReferrals, withdrawConsent } from '../../src/app/family-support/referrals.ts';
import { importSocialMap, linkUser, setPickupDays } from '../../src/app/family-support/social-map.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { deliverReferralNotices } from '../../src/jobs/referral-mail.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import type { OutgoingMail } from '../../src/jobs/outbox-mail.ts';
import { flavours, type TestDb } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { CAW, CAW_PARENTING, socialMapDocument } from '../support/social-map.ts';

for (const flavour of flavours()) {
  describe(`referral reminders on ${flavour.name}`, () => {
    let t: TestDb;
    let w: World;
    let now = new Date('2026-11-24T09:00:00Z');
    const days = (n: number) => new Date(Date.parse('2026-11-24T09:00:00Z') + n * 86_400_000);
    const refer = async (key: string) => {
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: key, familyName: key, email: `${key}@mail.example` }, child: { familyName: key, dueDate: '2027-04-01' }, locationIds: [w.loc1] }));
      const g = await t.ctx.db.selectFrom('guardian').select('id').where('family_id', '=', r.request!.child.familyId).executeTakeFirstOrThrow();
      return createReferral(t.ctx, w.actors.provider1!, { familyId: r.request!.child.familyId, serviceId: CAW_PARENTING, question: 'Hulp gevraagd', consent: { givenByGuardianId: g.id, purpose: 'Doorverwijzen', dataCategories: ['contact'], validUntil: '2027-06-30' } });
    };
    const topics = async () => (await t.ctx.db.selectFrom('outbox').select(['topic', 'recipient', 'payload']).where('topic', 'like', 'referral.%').orderBy('id').execute()).map((o) => o.topic);

    before(async () => {
      t = await flavour.open({ now: () => now });
      w = await buildWorld(t.ctx);
      await importSocialMap(t.ctx, w.actors.admin!, socialMapDocument() as Parameters<typeof importSocialMap>[2]);
      await linkUser(t.ctx, w.actors.admin!, w.actors.partner!.userId!, CAW);
      await setPickupDays(t.ctx, w.actors.admin!, CAW, 5);
    });
    after(() => t.close());

    it('reminds the organisation and tells the referrer after the pickup time, once per referral', async () => {
      const waiting = await refer('Famwacht');
      const picked = await refer('Famopgenomen');
      const withdrawn = await refer('Famingetrokken');
      await progressReferral(t.ctx, w.actors.partner!, picked.id, { to: 'received' });
      const consent = await t.ctx.db.selectFrom('referral').select('consent_id').where('id', '=', withdrawn.id).executeTakeFirstOrThrow();
      await withdrawConsent(t.ctx, w.actors.deskA!, consent.consent_id);
      now = days(4);
      assert.equal(await remindReferrals(t.ctx), 0, 'not yet: the organisation has 5 days');
      now = days(5);
      assert.equal(await remindReferrals(t.ctx), 1, 'only the referral still waiting, with a consent that holds');
      assert.equal(await remindReferrals(t.ctx), 0, 'never twice');
      const rows = await t.ctx.db.selectFrom('outbox').select(['topic', 'recipient', 'payload']).where('topic', 'in', ['referral.reminder', 'referral.unanswered']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.topic, r.recipient]), [['referral.reminder', { organizationId: CAW }], ['referral.unanswered', { userId: w.actors.provider1!.userId }]]);
      assert.equal(rows[0]!.payload.referralId, waiting.id);
    });

    it('sends the notices from the scheduler, to the organisation’s staff and the referrer, without family data', async () => {
      const sent: OutgoingMail[] = [];
      const jobs = startScheduler(t.ctx, { everyMs: 3_600_000, send: async (m) => void sent.push(m) });
      await jobs.tick();
      await jobs.stop();
      const reminder = sent.find((m) => m.subject.startsWith('Herinnering'));
      assert.ok(reminder, JSON.stringify(sent.map((m) => m.subject)));
      assert.equal(reminder.to, 'onthaal@caw.example, partner@test.example');
      assert.equal(sent.find((m) => m.subject.startsWith('Uw doorverwijzing'))?.to, 'provider1@test.example');
      for (const m of sent) assert.doesNotMatch(m.text, /Fam[a-z]|Peeters|mail\.example/, 'no family data in mail');
      assert.ok(sent.some((m) => m.subject.startsWith('Toestemming ingetrokken')));
      assert.deepEqual(await deliverReferralNotices(t.ctx, async () => undefined), { sent: 0, failed: 0 }, 'all sent once');
      assert.ok((await topics()).includes('referral.sent'));
    });

    it('retries a failed send later', async () => {
      await refer('Famlater');
      const r = await deliverReferralNotices(t.ctx, async () => {
        throw new Error('smtp down');
      });
      assert.deepEqual(r, { sent: 0, failed: 1 });
      const row = await t.ctx.db.selectFrom('outbox').select(['attempts', 'last_error', 'sent_at']).where('topic', '=', 'referral.sent').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual([row.attempts, row.last_error, row.sent_at], [1, 'smtp down', null]);
    });
  });
}
