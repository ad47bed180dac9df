// What every use case gets from the shell: the database, the clock and the installation's settings.
import type { Kysely, Transaction } from 'kysely';
import { sql, type RawBuilder } from 'kysely';
import { brusselsDate } from '../domain/dates.ts';
import type { Database } from '../db/schema.ts';
import { isStalePlan } from '../db/prepared.ts';
import { FLEMISH_RULE_SETS } from '../domain/rules/catalogue.ts';
import type { RuleSet } from '../domain/rules/types.ts';
import { authorise, type Action, type Actor } from './permissions.ts';
import { UserError } from '../domain/errors.ts';
import { flushEvents } from './integration/events.ts';
import { enterTenant } from './tenancy.ts';

export type Tx = Transaction<Database>;

export interface AppContext {
  db: Kysely<Database>;
  /** The current instant; tests pass a fixed one. */
  now: () => Date;
  /** The rule sets to judge with: the Flemish ones plus any local variants; default the Flemish ones. */
  ruleSets?: readonly RuleSet[];
  /** Kindergarten entry dates (instapdata); placements end the day before the first one after a child turns 2.5. */
  kindergartenEntryDates?: readonly string[];
  /** Secret for pseudonymous child keys in keyed aggregate exports; none means such exports are refused. */
  pseudonymSecret?: string;
  /** This installation's name in keyed exports. */
  installation?: string;
  /** The address families use, for links in mail (e.g. confirming an e-mail address). */
  publicUrl?: string;
  /** Years after its last request closed that a family is anonymised (GDPR retention); default 2. */
  retentionYears?: number;
  /** NABIJ_WEBHOOKS_ALLOW_LOCAL, for tests and local development only: webhooks may use http and loopback receivers. */
  webhookAllowLocal?: boolean;
  /** NABIJ_IMPORT_MAX_MB: the largest waiting-list upload, in bytes; default 10 MB. */
  importMaxBytes?: number;
}

export function ruleSets(ctx: AppContext): readonly RuleSet[] {
  return ctx.ruleSets ?? FLEMISH_RULE_SETS;
}

export function today(ctx: AppContext): string {
  return brusselsDate(ctx.now());
}

/**
 * Runs one use case: permission first, then everything in one transaction.
 * Serialisation failures and deadlocks between instances are retried a few times, and a statement planned before a
 * migration changed its table (see isStalePlan; each pooled connection meets that at most once).
 */
export async function runUseCase<T>(ctx: AppContext, actor: Actor, action: Action, work: (tx: Tx) => Promise<T>): Promise<T> {
  authorise(actor, action);
  const once = actor.idempotencyKey && !READ_ONLY.has(action) && !action.endsWith('.read') ? idempotent(actor, action, actor.idempotencyKey, work) : work;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (tx) => {
        await enterTenant(tx, actor, action);
        const result = await once(tx);
        // Feed events go last, in the same transaction: see flushEvents for why.
        await flushEvents(tx);
        return result;
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code === '40001' || code === '40P01' || isStalePlan(err)) && attempt < 5) continue;
      throw err;
    }
  }
}

/** Actions that change nothing: an idempotency key does not apply to them (nor stores their answers, such as search results). */
const READ_ONLY = new Set<string>(['deviation.letter', 'oauth.token', 'integration.client.manage', 'webhook.manage', 'import.preview', 'search.people']);

/**
 * Wraps a change so that a retry with the same key returns the stored answer. The key row is written in the same
 * transaction: a failed change stores nothing, and a concurrent duplicate waits for the first and then reads its answer.
 */
function idempotent<T>(actor: Actor, action: string, key: string, work: (tx: Tx) => Promise<T>) {
  return async (tx: Tx): Promise<T> => {
    const actorKey = actor.userId ?? `${actor.role}:${actor.deskId ?? actor.organiserId ?? '-'}`;
    const fresh = await tx.insertInto('idempotency_key').values({ actor_key: actorKey, key, action }).onConflict((oc) => oc.columns(['actor_key', 'key']).doNothing()).returning('key').executeTakeFirst();
    if (!fresh) {
      const row = await tx.selectFrom('idempotency_key').select(['action', 'result']).where('actor_key', '=', actorKey).where('key', '=', key).executeTakeFirstOrThrow();
      if (row.action !== action) {
        throw new UserError('unprocessable', 'idempotency.key_reused', 'Idempotency-Key', {
          nl: 'Deze sleutel werd al gebruikt voor een andere handeling. Kies een nieuwe sleutel.',
          en: 'This key was already used for another action. Choose a new key.',
        });
      }
      return row.result as T;
    }
    const result = await work(tx);
    await tx.updateTable('idempotency_key').set({ result: JSON.stringify(result ?? null) }).where('actor_key', '=', actorKey).where('key', '=', key).execute();
    return result;
  };
}

/** One audit row per use-case call that reads or changes personal data: ids only, never values. */
export async function audit(tx: Tx, actor: Actor, action: string, subjectIds: Array<string | null | undefined>): Promise<void> {
  const ids = [...new Set(subjectIds.filter((x): x is string => typeof x === 'string'))];
  await auditInsert(actor, action, sql`${ids}::uuid[]`).execute(tx);
}

/**
 * The audit row as a statement of its own or a part of a larger one (a registration writes it with its request):
 * `subjectIds` is the select list's last expression, distinct ids, and may go on with the rest of the select.
 */
export function auditInsert(actor: Actor, action: string, subjectIds: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into audit_log (actor_id, actor_role, action, channel, subject_ids) select ${actor.userId}::uuid, ${actor.role}, ${action}, ${actor.channel}, ${subjectIds}`;
}

/** Serialises work on one key (a national number, an e-mail address) until the transaction ends. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await lockKeys(tx, [key]);
}

/** lockKey for several keys in one statement, taken in the order given (callers sort them, so two never deadlock). */
export async function lockKeys(tx: Tx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`select ${lockedKeys(keys)}`.execute(tx);
}

/** The locks of lockKeys as an expression (the number of keys locked), to take them with a statement's other reads. */
export function lockedKeys(keys: readonly string[]): RawBuilder<number> {
  // count() evaluates its argument for every key, in the array's order.
  return sql<number>`(select count(pg_advisory_xact_lock(hashtextextended(k, 0)) is null) from unnest(${[...keys]}::text[]) as u(k))`;
}
