// Backup and restore drill: pg_dump/pg_restore on PostgreSQL, and a dump and load of the PGlite data directory,
// each giving byte-for-byte the same query results and API answers as the original.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { runRound } from '../../src/app/matching-rounds.ts';
import { setCapacity } from '../../src/app/capacity.ts';
import { registerRequest } from '../../src/app/requests.ts';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PGliteDialect } from '../../src/db/pglite-dialect.ts';
import type { Database } from '../../src/db/schema.ts';
import { buildServer } from '../../src/http/server.ts';
import { FIXED_NOW, hasPostgres, postgres } from '../support/db.ts';
import { buildWorld, unbornRequest, type World } from '../support/fixtures.ts';

/** Every table's rows as sorted text, one string per table: what "identical query results" is measured on. */
async function tableTexts(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const r = await sql<{ s: string | null }>`select string_agg(x::text, E'\n' order by x::text) as s from ${sql.table(t)} x`.execute(db);
    out[t] = r.rows[0]?.s ?? '';
  }
  return out;
}

/** Byte-for-byte equal, table by table; a failure names the table instead of printing the database. */
function same(actual: Record<string, string>, expected: Record<string, string>) {
  assert.deepEqual(Object.keys(actual), Object.keys(expected));
  for (const [table, text] of Object.entries(expected)) assert.ok(actual[table] === text, `table ${table} differs after restore`);
}

/** A few API answers that read across many tables. */
async function answers(ctx: AppContext, w: World): Promise<string[]> {
  const app = await buildServer(ctx);
  try {
    const out: string[] = [];
    for (const [who, url] of [
      ['deskA', '/api/v1/requests?limit=500'],
      ['coordA', '/api/v1/matching-rounds'],
      ['coordA', '/api/v1/reports/yearly-figures?year=2026'],
      ['provider1', `/api/v1/locations/${w.loc1}/candidates?start=2027-09-01`],
    ] as const) {
      const r = await app.inject({ url, headers: { authorization: `Bearer ${w.tokens[who]}` } });
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      out.push(r.body);
    }
    return out;
  } finally {
    await app.close();
  }
}

/** Some of everything: requests with facts, capacity, a matching round with proposals, the audit trail. */
async function fill(ctx: AppContext): Promise<World> {
  const w = await buildWorld(ctx);
  await setCapacity(ctx, w.actors.provider1!, w.loc1, { validFrom: '2027-01-01', openSeats: [2, 2, 2, 2, 2] });
  for (let i = 0; i < 8; i++) {
    await registerRequest(ctx, w.actors.deskA!, unbornRequest(w, { applicant: { givenName: `Ouder${i}`, familyName: `Backup${i}`, email: `b${i}@mail.example` }, child: { familyName: `Backup${i}`, dueDate: `2027-0${1 + (i % 5)}-0${1 + i}` } }));
  }
  await runRound(ctx, w.actors.coordA!, { periodStart: '2027-09-01', mode: 'da', seed: 5 });
  return w;
}

describe('backup and restore drill', () => {
  it('PGlite: a dump of the data directory loads into a new instance with identical results', async () => {
    const lite = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
    await migrateToLatest(db);
    const ctx = { db, now: () => FIXED_NOW };
    const w = await fill(ctx);
    // API answers first: they add audit rows, which the table texts then include.
    const api = await answers(ctx, w);
    const tables = await tableTexts(db);
    const dump = await lite.dumpDataDir('gzip');
    await db.destroy();

    const restored = new PGlite({ loadDataDir: dump });
    const db2 = new Kysely<Database>({ dialect: new PGliteDialect(restored) });
    try {
      assert.ok(Object.keys(tables).length > 40);
      same(await tableTexts(db2), tables);
      assert.deepEqual(await answers({ db: db2, now: () => FIXED_NOW }, w), api);
    } finally {
      await db2.destroy();
    }
  });

  it('PostgreSQL: pg_dump and pg_restore into a new database give identical results', { skip: hasPostgres ? false : 'set DATABASE_URL to run the PostgreSQL part' }, async () => {
    const t = await postgres.open();
    const url = new URL(process.env.DATABASE_URL!);
    const target = `nabij_restore_${process.pid}_${Date.now()}`;
    const dir = mkdtempSync(join(tmpdir(), 'nabij-backup-'));
    try {
      const w = await fill(t.ctx);
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.db)).rows[0]!.s;
      const api = await answers(t.ctx, w);
      const tables = await tableTexts(t.ctx.db);
      const file = join(dir, 'nabij.dump');
      execFileSync('pg_dump', ['--format=custom', '--schema', schema, '--file', file, '--dbname', process.env.DATABASE_URL!]);
      await sql`create database ${sql.id(target)}`.execute(t.ctx.db);
      const targetUrl = new URL(url);
      targetUrl.pathname = `/${target}`;
      execFileSync('pg_restore', ['--exit-on-error', '--dbname', targetUrl.toString(), file]);
      const h = await connect({ url: targetUrl.toString(), schema, poolSize: 2 });
      try {
        same(await tableTexts(h.db), tables);
        assert.deepEqual(await answers({ db: h.db, now: () => FIXED_NOW }, w), api);
      } finally {
        await h.close();
      }
    } finally {
      await sql`drop database if exists ${sql.id(target)} with (force)`.execute(t.ctx.db);
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    }
  });
});
