// Child process for the crash tests: serves the API (and optionally the jobs) on a test schema, prints its port, and runs until killed.
import { connect } from '../../src/db/connect.ts';
import { buildServer } from '../../src/http/server.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';

const [url, schema] = process.argv.slice(2) as [string, string];
const h = await connect({ url, schema, poolSize: 4 });
const ctx = { db: h.db, now: () => new Date('2026-11-24T09:00:00Z') };
const app = await buildServer(ctx);
// With NABIJ_JOBS=on the jobs run too, often, and resume an interrupted import at once (as a restarted instance would).
if (process.env.NABIJ_JOBS === 'on') startScheduler(ctx, { everyMs: 200, importStaleMs: 0 });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`port ${(app.server.address() as { port: number }).port}\n`);
