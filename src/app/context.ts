// What every use case gets from the shell: the database, the clock and the installation's settings.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { brusselsDate } from '../domain/dates.ts';
import type { Database } from '../db/schema.ts';
import { FLEMISH_RULE_SETS } from '../domain/rules/catalogue.ts';
import type { RuleSet } from '../domain/rules/types.ts';
import { authorise, type Action, type Actor } from './permissions.ts';

export type Tx = Transaction<Database>;

export interface AppContext {
  db: Kysely<Database>;
  /** The current instant; tests pass a fixed one. */
  now: () => Date;
  /** The rule sets to judge with: the Flemish ones plus any local variants; default the Flemish ones. */
  ruleSets?: readonly RuleSet[];
  /** Kindergarten entry dates (instapdata); placements end the day before the first one after a child turns 2.5. */
  kindergartenEntryDates?: readonly string[];
}

export function ruleSets(ctx: AppContext): readonly RuleSet[] {
  return ctx.ruleSets ?? FLEMISH_RULE_SETS;
}

export function today(ctx: AppContext): string {
  return brusselsDate(ctx.now());
}

/**
 * Runs one use case: permission first, then everything in one transaction.
 * Serialisation failures and deadlocks between instances are retried a few times.
 */
export async function runUseCase<T>(ctx: AppContext, actor: Actor, action: Action, work: (tx: Tx) => Promise<T>): Promise<T> {
  authorise(actor, action);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(work);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 5) continue;
      throw err;
    }
  }
}

/** One audit row per use-case call that reads or changes personal data: ids only, never values. */
export async function audit(tx: Tx, actor: Actor, action: string, subjectIds: Array<string | null | undefined>): Promise<void> {
  const ids = [...new Set(subjectIds.filter((x): x is string => typeof x === 'string'))];
  await tx
    .insertInto('audit_log')
    .values({ actor_id: actor.userId, actor_role: actor.role, action, channel: actor.channel, subject_ids: ids })
    .execute();
}

/** Serialises work on one key (a national number, an e-mail address) until the transaction ends. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
