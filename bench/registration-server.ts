// Child process for the registration bench: serves either the real app or a bare one-INSERT route on PostgreSQL.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { buildServer } from '../src/http/server.ts';

const [mode, url, schema] = process.argv.slice(2) as ['app' | 'bare', string, string];
const handle = await connect({ url, schema, poolSize: 10 });
const ctx = { db: handle.db, now: () => new Date('2026-11-24T09:00:00Z') };

let app;
if (mode === 'app') {
  app = await buildServer(ctx);
} else {
  // The baseline: same framework, same JSON body, one INSERT of it, nothing else.
  app = Fastify();
  app.post('/api/v1/requests', async (req, reply) => {
    await sql`insert into bench_bare (body) values (${JSON.stringify(req.body)}::jsonb)`.execute(handle.db);
    return reply.status(201).send({ ok: true });
  });
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await handle.close();
  process.exit(0);
});
