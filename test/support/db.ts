// Test databases: PGlite always, and PostgreSQL too when DATABASE_URL is set; one fresh schema per test file.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { connect, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export interface TestDb {
  handle: DatabaseHandle;
  ctx: AppContext;
  close(): Promise<void>;
}

export interface Flavour {
  name: 'pglite' | 'postgres';
  open(options?: { now?: () => Date; poolSize?: number }): Promise<TestDb>;
}

/** A fixed 'now' keeps every date rule reproducible: Tuesday 24 November 2026, 10:00 in Brussels. */
export const FIXED_NOW = new Date('2026-11-24T09:00:00Z');

export const pglite: Flavour = {
  name: 'pglite',
  async open(options = {}) {
    const handle = await connect({ dataDir: 'memory' });
    await migrateToLatest(handle.db);
    return { handle, ctx: { db: handle.db, now: options.now ?? (() => FIXED_NOW) }, close: () => handle.close() };
  },
};

export const postgres: Flavour = {
  name: 'postgres',
  async open(options = {}) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await connect({ url, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const handle = await connect({ url, schema, poolSize: options.poolSize ?? 10 });
    await migrateToLatest(handle.db);
    return {
      handle,
      ctx: { db: handle.db, now: options.now ?? (() => FIXED_NOW) },
      async close() {
        await handle.close();
        await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
        await admin.close();
      },
    };
  },
};

/** The databases every use-case suite runs on: PGlite, plus PostgreSQL when CI provides it. */
export function flavours(): Flavour[] {
  return process.env.DATABASE_URL ? [pglite, postgres] : [pglite];
}

export const hasPostgres = Boolean(process.env.DATABASE_URL);

/** Row counts of every table, to prove a refused request stored nothing. */
export async function rowCounts(ctx: AppContext): Promise<Record<string, number>> {
  const tables = ['family', 'guardian', 'child', 'request', 'request_location', 'request_event', 'consent', 'duplicate_candidate', 'child_merge', 'organiser', 'location', 'fact_declaration', 'family_vulnerability', 'location_rule_settings', 'deviation', 'deviation_advice', 'lottery_draw', 'location_capacity', 'matching_round', 'round_proposal', 'offer', 'outbox', 'placement', 'request_response', 'idempotency_key', 'subsidy_group', 'birth_count', 'api_client', 'api_access_token', 'event', 'webhook', 'sm_organization', 'sm_location', 'sm_service', 'sm_service_at_location', 'sm_contact', 'sm_schedule', 'referral', 'referral_note', 'concern', 'support_assignment', 'pilot', 'pilot_municipality', 'pilot_partner', 'practice', 'portal_account', 'account_token', 'callback_request', 'import_row', 'contact'];
  const r = await sql<Record<string, number>>`select ${sql.join(tables.map((t) => sql`(select count(*)::int from ${sql.table(t)}) as ${sql.id(t)}`))}`.execute(ctx.db);
  return r.rows[0] as Record<string, number>;
}
