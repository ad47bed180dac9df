// Tells PostgreSQL who is asking, per use-case transaction, so its row-level security filters rows a second time.
import { sql } from 'kysely';
import { ACTIONS, type Action, type Actor } from './permissions.ts';
import type { Tx } from './context.ts';

/** The database role every use case runs as; it owns nothing, so the tenant policies apply to it. */
export const APP_ROLE = 'nabij_app';

/**
 * Actions whose use cases reach across tenants by design, beyond the scope-'all' ones (public data, registration
 * with its installation-wide duplicate check, the social map): the application checks them row by row.
 */
const WIDE_ACTIONS = new Set<Action>([
  // A duplicate pair may span two desks; merging moves both children's requests and history.
  'duplicate.resolve',
  // A subject's export and erasure cover every row of the family, at any desk; the use case checks the family is in reach.
  'privacy.export',
  'privacy.erase',
  // An import registers new families, as registration does (scope 'all'): a new row is not yet visible to the
  // policy's own check. The use case itself keeps every row in the importing desk.
  'import.commit',
]);

/** The role the policies see: 'wide' for actions that are not limited to one tenant. */
export function databaseRole(actor: Actor, action: Action): string {
  if (actor.role === 'system') return 'system';
  if (ACTIONS[action].scope === 'all' || WIDE_ACTIONS.has(action)) return 'wide';
  return actor.role;
}

/**
 * Switches the transaction to the app role and records the actor's tenant; both end with the transaction.
 * JIT is off for it: the policies' sub-selects make the planner cost every row at each policy arm (though a role
 * runs one), so statements over a few thousand rows passed the JIT threshold and spent 0.4 to 1.9 s compiling for a
 * few milliseconds of work. Kept statements use their generic plan from the first run: planning one under row
 * security takes 2 to 10 ms, and for a short id list PostgreSQL kept planning it anew on every call, as custom plans
 * looked cheaper (docs/performance.md).
 */
export async function enterTenant(tx: Tx, actor: Actor, action: Action): Promise<void> {
  await sql`select
    set_config('role', ${APP_ROLE}, true),
    set_config('jit', 'off', true),
    set_config('plan_cache_mode', 'force_generic_plan', true),
    set_config('nabij.role', ${databaseRole(actor, action)}, true),
    set_config('nabij.desk_id', ${actor.deskId ?? ''}, true),
    set_config('nabij.organiser_id', ${actor.organiserId ?? ''}, true),
    set_config('nabij.user_id', ${actor.userId ?? ''}, true),
    set_config('nabij.family_id', ${actor.familyId ?? ''}, true)`.execute(tx);
}

/**
 * Runs one step of a use case over every tenant's rows, for a figure that names none of them: a parent's position
 * among all candidates at a location. The caller must return only that figure. The tenant comes back afterwards;
 * after an error the transaction is rolled back anyway.
 */
export async function acrossTenants<T>(tx: Tx, step: () => Promise<T>): Promise<T> {
  // One round trip: the select list is evaluated left to right, so the role is read before it is widened.
  const before = (await sql<{ role: string | null }>`select current_setting('nabij.role', true) as role, set_config('nabij.role', 'wide', true)`.execute(tx)).rows[0]?.role ?? '';
  const out = await step();
  await sql`select set_config('nabij.role', ${before}, true)`.execute(tx);
  return out;
}
