// Runs the numbered, forward-only migrations; the same files serve PGlite and PostgreSQL.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_rules.ts';
import * as m0003 from './migrations/0003_capacity.ts';
import * as m0004 from './migrations/0004_matching.ts';
import * as m0005 from './migrations/0005_offers.ts';
import * as m0006 from './migrations/0006_reporting.ts';
import * as m0007 from './migrations/0007_integration.ts';
import * as m0008 from './migrations/0008_portal.ts';
import * as m0009 from './migrations/0009_family_support.ts';
import * as m0010 from './migrations/0010_reporting_speed.ts';
import * as m0011 from './migrations/0011_row_security.ts';
import * as m0012 from './migrations/0012_audit_privacy.ts';
import * as m0013 from './migrations/0013_import.ts';
import * as m0015 from './migrations/0015_workspace.ts';
import * as m0016 from './migrations/0016_import_resume.ts';
import * as m0017 from './migrations/0017_report_refresh_order.ts';
import * as m0018 from './migrations/0018_policy_speed.ts';
import * as m0019 from './migrations/0019_family_reach.ts';
import * as m0020 from './migrations/0020_more_row_security.ts';
import * as m0021 from './migrations/0021_identity_proof.ts';
import * as m0022 from './migrations/0022_cheap_row_security.ts';
import * as m0023 from './migrations/0023_login_limits.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_rules': m0002,
  '0003_capacity': m0003,
  '0004_matching': m0004,
  '0005_offers': m0005,
  '0006_reporting': m0006,
  '0007_integration': m0007,
  '0008_portal': m0008,
  '0009_family_support': m0009,
  '0010_reporting_speed': m0010,
  '0011_row_security': m0011,
  '0012_audit_privacy': m0012,
  '0013_import': m0013,
  '0015_workspace': m0015,
  '0016_import_resume': m0016,
  '0017_report_refresh_order': m0017,
  '0018_policy_speed': m0018,
  '0019_family_reach': m0019,
  '0020_more_row_security': m0020,
  '0021_identity_proof': m0021,
  '0022_cheap_row_security': m0022,
  '0023_login_limits': m0023,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Name the schema: otherwise Kysely finds another schema's migration tables on a shared server and skips creating its own.
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? 'public';
  // Unordered: branches add numbers side by side (0006, 0007), and a database may have run the higher one first.
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableSchema: schema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
