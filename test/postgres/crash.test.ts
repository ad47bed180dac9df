// PostgreSQL only: a process killed (SIGKILL) after a change and before its mail goes out loses no mail and sends none twice.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { setCapacity } from '../../src/app/capacity.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { deliverMail } from '../../src/jobs/outbox-mail.ts';
import { smtpSender } from '../../src/jobs/smtp.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';
import { hasPostgres, postgres, type TestDb } from '../support/db.ts';

describe('crash between a change and its mail', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL-only suites' }, () => {
  let t: TestDb;
  let w: World;
  let server: SMTPServer;
  const received: string[] = [];
  before(async () => {
    t = await postgres.open();
    w = await buildWorld(t.ctx);
    await setCapacity(t.ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
  });

  it('SIGKILL after the offer committed: the mail is sent once after restart', async () => {
    const r = await registerRequest(t.ctx, w.actors.deskA!, unbornRequest(w, { registeredOn: '2026-01-01', desiredStartDate: '2027-05-03', locationIds: [w.loc1] }));
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
    const child = spawn(process.execPath, ['test/support/offer-then-hang.ts', process.env.DATABASE_URL as string, schema, r.request!.id, w.loc1, w.actors.provider1!.userId as string, w.organiser1], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // "After restart": a fresh sender on the same database.
    const send = smtpSender({ host: '127.0.0.1', port: (server.server.address() as AddressInfo).port, from: 'Nabij <loket@nabij.example>' });
    const first = await deliverMail(t.ctx, send);
    const second = await deliverMail(t.ctx, send);
    assert.deepEqual([first.sent, second.sent], [2, 0], 'registration and offer mail, each once');
    const offerRows = await sql<{ n: number }>`select count(*)::int as n from outbox where topic = 'offer.made' and sent_at is not null`.execute(t.ctx.db);
    assert.equal(offerRows.rows[0]!.n, 1);
    assert.deepEqual(received, ['sarah.peeters@mail.example', 'sarah.peeters@mail.example']);
  });
});
