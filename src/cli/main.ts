// The `nabij` command: migrate, seed and serve (later issues add more commands here).
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.ts';
import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_TOKENS, isSeeded, seedDemo } from '../demo/seed.ts';
import { buildServer } from '../http/server.ts';

const USAGE = `Gebruik / usage: nabij <command> [options]

  migrate            bring the database schema up to date
  seed [--families N] load the demo installation (only into an empty database)
  serve [--demo]     start the web server; --demo migrates and seeds an empty database first

Database: DATABASE_URL (PostgreSQL) or, without it, embedded PGlite in NABIJ_DATA_DIR (default ./data).
Server: PORT (default 3000), HOST (default 127.0.0.1).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, families: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const handle = await connect({ url: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = { db: handle.db, now: () => new Date() };
  const where = handle.driver === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL';
  switch (command) {
    case 'migrate': {
      const done = await migrateToLatest(handle.db);
      console.log(done.length ? `Migrated ${where}: ${done.join(', ')}` : `${where} is up to date.`);
      await handle.close();
      return 0;
    }
    case 'seed': {
      await migrateToLatest(handle.db);
      if (await isSeeded(ctx)) {
        console.log(`${where} already holds data; the demo is only loaded into an empty database.`);
      } else {
        const families = values.families ? Number(values.families) : 200;
        if (!Number.isInteger(families) || families < 1) throw new Error('--families takes a whole number above 0');
        const r = await seedDemo(ctx, families);
        console.log(`Demo loaded into ${where}: ${r.requests} requests.`);
      }
      await handle.close();
      return 0;
    }
    case 'serve': {
      if (values.demo) {
        await migrateToLatest(handle.db);
        if (!(await isSeeded(ctx))) {
          console.log('Loading the demo data (first start only)…');
          const r = await seedDemo(ctx);
          console.log(`Demo loaded: ${r.requests} requests.`);
        }
      }
      const app = await buildServer(ctx, { logger: { level: config.logLevel } });
      const stop = async () => {
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const base = `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
      console.log(`\nNabij runs on ${base} (${where}). API documentation: ${base}/api/docs`);
      if (values.demo) {
        console.log('Demo tokens (Authorization: Bearer <token>):');
        for (const [token, u] of Object.entries(DEMO_TOKENS)) console.log(`  ${token.padEnd(24)} ${u.role}`);
      }
      return -1;
    }
    default:
      console.error(`Unknown command '${command}'.\n\n${USAGE}`);
      await handle.close();
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
