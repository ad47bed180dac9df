// Mail from the outbox against a real SMTP server, including a server that is down for a while.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { setCapacity } from '../../src/app/capacity.ts';
import { makeOffer } from '../../src/app/offers.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { deliverMail } from '../../src/jobs/outbox-mail.ts';
import { smtpSender } from '../../src/jobs/smtp.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { pglite, type TestDb } from '../support/db.ts';

interface Received {
  to: string;
  raw: string;
}

function startSmtp(received: Received[], port = 0): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        done();
      });
    },
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function decodeSubject(raw: string): string {
  const line = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return line.replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

describe('mail from the outbox (real SMTP server)', () => {
  let t: TestDb;
  let w: World;
  let now = new Date('2026-11-24T09:00:00Z');
  const received: Received[] = [];
  let server: SMTPServer;
  let port = 0;
  const offerFor = async (key: string, language: 'nl' | 'ar' = 'nl') => {
    const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-01-01', applicant: { givenName: key, familyName: key, email: `${key}@mail.example`, preferredLanguage: language }, child: { familyName: key, dueDate: '2026-12-15' }, desiredStartDate: '2027-05-03', locationIds: [w.loc2] }));
    await makeOffer(t.ctx, w.actors.provider1!, { requestId: r.request!.id, locationId: w.loc2, start: '2027-05-03' });
  };

  before(async () => {
    t = await pglite.open({ now: () => now });
    w = await buildWorld(t.ctx);
    await setCapacity(t.ctx, w.actors.provider1!, w.loc2, { validFrom: '2027-01-01', openSeats: [5, 5, 5, 5, 5] });
    server = await startSmtp(received);
    port = (server.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
  });

  const send = () => deliverMail(t.ctx, smtpSender({ host: '127.0.0.1', port, from: 'Nabij <loket@nabij.example>' }));

  it('sends the offer mail in the family’s language, once', async () => {
    await offerFor('annemie');
    await offerFor('youssef', 'ar');
    assert.deepEqual(await send(), { sent: 4, failed: 0 }, 'registered and offer, for two families');
    assert.deepEqual(await send(), { sent: 0, failed: 0 }, 'nothing is sent twice');
    const subjects = received.filter((m) => m.to === 'annemie@mail.example').map((m) => decodeSubject(m.raw));
    assert.equal(subjects.length, 2);
    assert.match(subjects[0]!, /^Uw aanvraag is ingeschreven \(NB-2026-\d+\)$/);
    assert.match(subjects[1]!, /^Er is een plaats voor uw kind \(NB-2026-\d+\)$/);
    const registered = received.find((m) => m.to === 'annemie@mail.example')!.raw;
    assert.match(registered, /Content-Type: application\/pdf; name=inschrijving-NB-2026-\d+\.pdf/, 'the proof of registration is attached');
    const ar = received.filter((m) => m.to === 'youssef@mail.example')[1];
    assert.match(decodeSubject(ar!.raw), /^يوجد مكان لطفلك/);
    const html = /Content-Type: text\/html[\s\S]*?base64\r\n\r\n([\s\S]*?)\r\n--/.exec(ar!.raw)?.[1] ?? '';
    assert.match(Buffer.from(html.replace(/\r\n/g, ''), 'base64').toString('utf8'), /^<div dir="rtl">/);
  });

  it('keeps the mail when the server is down, and sends it once after it is back', async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await offerFor('bert');
    assert.deepEqual(await send(), { sent: 0, failed: 2 });
    const row = await t.ctx.db.selectFrom('outbox').select(['attempts', 'next_attempt_at', 'last_error']).where('sent_at', 'is', null).where('topic', '=', 'offer.made').executeTakeFirstOrThrow();
    assert.equal(row.attempts, 1);
    assert.equal(row.next_attempt_at.toISOString(), '2026-11-24T09:00:30.000Z', 'tried again after 30 seconds');
    server = await startSmtp(received, port);
    assert.deepEqual(await send(), { sent: 0, failed: 0 }, 'not before the backoff');
    now = new Date('2026-11-24T09:00:31Z');
    assert.deepEqual(await send(), { sent: 2, failed: 0 });
    assert.equal(received.filter((m) => m.to === 'bert@mail.example').length, 2, 'each message once');
  });

  it('tells the provider’s staff when a family declines', async () => {
    const { answerOffer } = await import('../../src/app/offers.ts');
    const { deliverProviderNotices } = await import('../../src/jobs/outbox-mail.ts');
    const open = await t.ctx.db.selectFrom('offer').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow();
    await answerOffer(t.ctx, w.actors.deskA!, open.id, 'decline');
    const r = await deliverProviderNotices(t.ctx, smtpSender({ host: '127.0.0.1', port, from: 'Nabij <loket@nabij.example>' }));
    assert.deepEqual(r, { sent: 1, failed: 0 });
    const notice = received[received.length - 1]!;
    assert.equal(notice.to, 'provider1@test.example');
    assert.match(decodeSubject(notice.raw), /^Aanbod geweigerd: NB-2026-\d+$/);
  });

  it('reminds families 3 days before the deadline, once', async () => {
    const { remindOffers } = await import('../../src/app/offers.ts');
    now = new Date('2026-12-01T22:00:00Z');
    assert.equal(await remindOffers(t.ctx), 0, 'more than 3 days left');
    now = new Date('2026-12-02T09:00:00Z');
    assert.equal(await remindOffers(t.ctx), 2, 'the two offers still open');
    assert.equal(await remindOffers(t.ctx), 0);
    assert.deepEqual(await send(), { sent: 2, failed: 0 });
    assert.match(decodeSubject(received[received.length - 1]!.raw), /Vergeet niet te antwoorden|لا تنس الرد/);
  });
});

describe('the job scheduler', () => {
  it('lapses overdue offers on its own, and stops cleanly', async () => {
    const { startScheduler } = await import('../../src/jobs/scheduler.ts');
    let now = new Date('2026-11-24T09:00:00Z');
    const t = await pglite.open({ now: () => now });
    try {
      const w = await buildWorld(t.ctx);
      await setCapacity(t.ctx, w.actors.provider1!, w.loc2, { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
      const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { locationIds: [w.loc2], desiredStartDate: '2027-05-03' }));
      await makeOffer(t.ctx, w.actors.provider1!, { requestId: r.request!.id, locationId: w.loc2, start: '2027-05-03' });
      now = new Date('2026-12-10T09:00:00Z');
      const errors: unknown[] = [];
      const jobs = startScheduler(t.ctx, { everyMs: 20, onError: (_job, err) => errors.push(err) });
      for (let i = 0; i < 100; i++) {
        const o = await t.ctx.db.selectFrom('offer').select('status').executeTakeFirstOrThrow();
        if (o.status === 'expired') break;
        await new Promise((res) => setTimeout(res, 20));
      }
      await jobs.stop();
      assert.equal((await t.ctx.db.selectFrom('offer').select('status').executeTakeFirstOrThrow()).status, 'expired');
      assert.deepEqual(errors, []);
    } finally {
      await t.close();
    }
  });
});
