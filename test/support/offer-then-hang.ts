// Child process for the crash test: makes an offer (committed, mail waiting in the outbox), then hangs until killed.
import { makeOffer } from '../../src/app/offers.ts';
import { connect } from '../../src/db/connect.ts';

const [url, schema, requestId, locationId, userId, organiserId] = process.argv.slice(2) as [string, string, string, string, string, string];
const h = await connect({ url, schema, poolSize: 1 });
const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
await makeOffer(ctx, { userId, role: 'provider_staff', deskId: null, organiserId, channel: 'api' }, { requestId, locationId, start: '2027-05-03' });
process.stdout.write('committed\n');
setInterval(() => {}, 1000);
