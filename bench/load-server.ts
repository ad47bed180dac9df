// Child process for the load bench: the real app on a PostgreSQL schema, with the pool a production instance would use.
// BENCH_INSTANCES=2 runs two stateless instances on one port (node:cluster), as a deployment would on two cores.
import cluster from 'node:cluster';
import { connect } from '../src/db/connect.ts';
import { buildServer } from '../src/http/server.ts';
import { serveUntilTerm } from './child-server.ts';

const instances = Number(process.env.BENCH_INSTANCES ?? 1);
if (instances > 1 && cluster.isPrimary) {
  // The workers share one port; the first to listen prints it for the parent. SIGTERM stops them all.
  for (let i = 0; i < instances; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  const [url, schema] = process.argv.slice(2) as [string, string];
  const handle = await connect({ url, schema, poolSize: Number(process.env.BENCH_POOL ?? 10), prepare: process.env.BENCH_PREPARE !== 'off' });
  const app = await buildServer({ db: handle.db, now: () => new Date('2026-11-24T09:00:00Z') });
  await serveUntilTerm(app, () => handle.close());
}
