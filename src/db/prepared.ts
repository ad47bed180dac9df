// Named prepared statements on each pooled PostgreSQL connection, so a statement is planned once per connection.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

// The tenant policies make planning cost more than running for most statements (a few ms against a fraction of one),
// and every call of a use case sends the same texts again. Naming a statement lets PostgreSQL keep its plan: after
// five runs it switches to a generic plan when that costs no more. Caps keep a long-lived connection small: texts with
// long IN lists vary with the list length, so only so many distinct texts are kept per connection.
const MAX_NAMES_PER_CONNECTION = 500;
const MAX_PARAMETERS = 100;

type Query = (...args: unknown[]) => unknown;

/**
 * `column in (ids)` written so its statement keeps a good plan: up to MAX_PARAMETERS ids as one parameter each (a text
 * per list length, each planned for its length), more as one array (a statement with hundreds of parameters is not
 * kept, so it was planned again on every call: 5 to 10 ms for the candidate list's families under row security).
 */
export function inIds(column: RawBuilder<unknown>, ids: readonly string[]): RawBuilder<boolean> {
  if (ids.length === 0) return sql<boolean>`false`;
  return ids.length <= MAX_PARAMETERS ? sql<boolean>`${column} in (${sql.join([...ids])})` : sql<boolean>`${column} = any(${[...ids]}::uuid[])`;
}

/**
 * A kept statement that reads `*` from a table a migration has since changed (two instances on one database during a
 * rolling deploy): PostgreSQL refuses to run it with its old result type. The connection then renames all its
 * statements, so they are planned again, and a use case that met this error runs once more.
 */
export function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/** Wraps a pg client's query(text, values) so that statements with parameters run as named prepared statements. */
export function prepareStatements(client: { query: Query }): void {
  const plain = client.query.bind(client) as Query;
  const known = new Set<string>();
  // Part of every name: after a stale plan it changes, so each statement is prepared again under a new name.
  let generation = 0;
  client.query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    // Statements without parameters stay plain: BEGIN, COMMIT, SET and migration DDL (which may hold several commands).
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || values.length > MAX_PARAMETERS || rest.length) return plain(text, values, ...rest);
    const name = `n${generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    if (!known.has(name)) {
      if (known.size >= MAX_NAMES_PER_CONNECTION) return plain(text, values);
      known.add(name);
    }
    return (plain({ name, text, values }) as Promise<unknown>).catch((err: unknown) => {
      if (isStalePlan(err)) {
        generation++;
        known.clear();
      }
      throw err;
    });
  };
}
