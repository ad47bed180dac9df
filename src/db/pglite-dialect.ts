// Kysely dialect for the embedded PGlite database: PostgreSQL's SQL, one session shared behind a lock.
// Written here instead of depending on kysely-pglite, which pulls in a CLI tool chain we do not need.
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** Same value shapes as the pg driver is given in connect.ts: dates stay 'YYYY-MM-DD', int8 becomes a number. */
const PARSERS = { 1082: (v: string) => v, 20: (v: string) => Number(v) };

class PGliteConnection implements DatabaseConnection {
  readonly #db: PGlite;
  constructor(db: PGlite) {
    this.#db = db;
  }
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (q.parameters.length === 0) {
      // Without parameters use the simple protocol, which (like pg) accepts several statements, as in migrations.
      const results = await this.#db.exec(q.sql, { rowMode: 'object', parsers: PARSERS });
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as R[], numAffectedRows: BigInt(last?.affectedRows ?? 0) };
    }
    const r = await this.#db.query<R>(q.sql, q.parameters as unknown[], { rowMode: 'object', parsers: PARSERS });
    return { rows: r.rows, numAffectedRows: BigInt(r.affectedRows ?? 0) };
  }
  async *streamQuery<R>(q: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over its wire protocol; the rows come at once and are handed on in chunks.
    const r = await this.executeQuery<R>(q);
    for (let i = 0; i < r.rows.length; i += chunkSize) yield { rows: r.rows.slice(i, i + chunkSize) };
  }
}

/** PGlite is one session: a transaction must own it from BEGIN to COMMIT, so connections queue here. */
class PGliteDriver implements Driver {
  readonly #db: PGlite;
  #tail: Promise<void> = Promise.resolve();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(db: PGlite) {
    this.#db = db;
  }
  async init(): Promise<void> {
    await this.#db.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => mine);
    await previous;
    const conn = new PGliteConnection(this.#db);
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection, settings: { isolationLevel?: string }): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
  }
  async destroy(): Promise<void> {
    await this.#tail;
    await this.#db.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #db: PGlite;
  constructor(db: PGlite) {
    this.#db = db;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
