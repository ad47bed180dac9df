// Opens the database: PostgreSQL through pg when DATABASE_URL is set, otherwise embedded PGlite in ./data.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { prepareStatements } from './prepared.ts';
import type { Database } from './schema.ts';

const DATE_OID = 1082;
const INT8_OID = 20;

export type Driver = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  driver: Driver;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A postgres:// URL; without one PGlite is used. */
  url?: string;
  /** PGlite folder; 'memory' keeps everything in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to work in (tests use one fresh schema per file). */
  schema?: string;
  poolSize?: number;
  /** Sees every statement sent, BEGIN and COMMIT included (the load bench counts statements per call with it). */
  log?: (event: LogEvent) => void;
  /** PostgreSQL only: run statements with parameters as named prepared statements (default on; see prepared.ts). */
  prepare?: boolean;
  /** PostgreSQL only: hears the server's notices on every connection (bench/explain.ts reads auto_explain's plans). */
  notice?: (message: string) => void;
}

export async function connect(options: ConnectOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE_OID) return (v: string) => v;
          if (oid === INT8_OID) return (v: string) => Number(v);
          return pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server ends (a restart, an administrator, a dropped database) reaches the pool as
    // an 'error' event; unheard, it would stop the whole process. The pool already discards that connection and
    // opens a new one for the next query, which reports the error if the server is really gone.
    pool.on('error', () => {});
    if (options.prepare !== false) pool.on('connect', (client) => prepareStatements(client as unknown as Parameters<typeof prepareStatements>[0]));
    const notice = options.notice;
    if (notice) pool.on('connect', (client) => client.on('notice', (n) => notice(n.message ?? '')));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
    return { db, driver: 'postgres', close: () => db.destroy() };
  }
  const dir = options.dataDir ?? './data';
  if (dir !== 'memory') mkdirSync(dir, { recursive: true });
  const lite = new PGlite(dir === 'memory' ? undefined : dir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(lite), ...(options.log ? { log: options.log } : {}) });
  return { db, driver: 'pglite', close: () => db.destroy() };
}
