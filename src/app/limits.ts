// Limits on guessing secrets (passwords, API client secrets): atomic try counters per account, account at an address, and address.
import { sql } from 'kysely';
import { UserError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

/**
 * Tries allowed per key in a fixed window of 15 minutes. The pair of an account and a client address is tight (the
 * person typing), the account over all addresses a little wider (guessing from many addresses), the address alone
 * high (a school or an office behind one address holds many people, and their mistakes are not one attacker's).
 */
export const LIMITS = { perPair: 5, perAccount: 10, perAddress: 300, perClient: 30, windowMinutes: 15 };

export const tooMany = () =>
  new UserError('rate_limited', 'auth.too_many_attempts', null, {
    nl: `Te veel pogingen. Wacht ${LIMITS.windowMinutes} minuten en probeer opnieuw, of vraag een nieuw wachtwoord aan.`,
    en: `Too many attempts. Wait ${LIMITS.windowMinutes} minutes and try again, or ask for a new password.`,
  });

export interface Counter {
  key: string;
  max: number;
}

/** The three counters of a login: the account, the account at this address, and this address. */
export function loginCounters(kind: 'login' | 'staff-login' | 'oauth', account: string, address: string): Counter[] {
  const a = account.slice(0, 254);
  return [
    { key: `${kind}:${a}`, max: LIMITS.perAccount },
    { key: `${kind}-pair:${a}|${address}`, max: LIMITS.perPair },
    { key: `login-client:${address}`, max: LIMITS.perAddress },
  ];
}

/**
 * Counts a try on every counter in one statement and refuses it when any is over its limit, before the secret is
 * checked. Row locks order concurrent tries, so of forty at once no more than the limit get through. A refused try
 * is given back, so tries refused for one counter do not fill the others (the account's limit must not fill up
 * from an attacker who is already stopped at his own address). Runs outside any use case's transaction.
 */
export async function takeTry(ctx: AppContext, counters: Counter[]): Promise<void> {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - LIMITS.windowMinutes * 60_000);
  const list = [...new Map(counters.map((c) => [c.key, c])).values()].sort((x, y) => (x.key < y.key ? -1 : 1));
  const rows = await sql<{ key: string; failures: number }>`
    insert into login_attempt as a (key, failures, window_start)
    values ${sql.join(list.map((c) => sql`(${c.key}, 1, ${now})`))}
    on conflict (key) do update set
      failures = case when a.window_start <= ${cutoff} then 1 else a.failures + 1 end,
      window_start = case when a.window_start <= ${cutoff} then excluded.window_start else a.window_start end
    returning a.key, a.failures`.execute(ctx.db);
  const max = new Map(list.map((c) => [c.key, c.max]));
  if (rows.rows.some((r) => Number(r.failures) > (max.get(r.key) ?? 0))) {
    await giveBack(ctx, list);
    throw tooMany();
  }
}

/** Takes a try back: it was refused, or it succeeded (a success is no failure). */
export async function giveBack(ctx: AppContext, counters: Counter[]): Promise<void> {
  const keys = counters.map((c) => c.key);
  // Rows are locked in key order, as takeTry's insert takes them: an update in any other order deadlocks under a burst.
  await sql`with locked as (select key from login_attempt where key = any (${keys}::text[]) order by key for update)
    update login_attempt a set failures = greatest(a.failures - 1, 0) from locked where a.key = locked.key`.execute(ctx.db);
}

/**
 * After a success: the try is given back, and the pair's earlier mistakes are forgotten (whoever typed them at this
 * address now knows the secret). Expired counters are cleared on the way.
 */
export async function succeeded(ctx: AppContext, counters: Counter[]): Promise<void> {
  const pair = counters.filter((c) => c.key.includes('-pair:')).map((c) => c.key);
  await giveBack(ctx, counters.filter((c) => !pair.includes(c.key)));
  const cutoff = new Date(ctx.now().getTime() - LIMITS.windowMinutes * 60_000);
  await sql`with locked as (select key from login_attempt where key = any (${pair}::text[]) order by key for update)
    delete from login_attempt a using locked where a.key = locked.key`.execute(ctx.db);
  // Expired counters of others: whatever is not busy now (a row another try holds waits for the next success).
  await sql`delete from login_attempt where key in (select key from login_attempt where window_start <= ${cutoff} for update skip locked)`.execute(ctx.db);
}

/** Forgets an account's counters: its owner proved the mailbox (a password reset) or an administrator set it. */
export async function forgetAccount(ctx: AppContext, kind: 'login' | 'staff-login', account: string): Promise<void> {
  const a = account.trim().toLowerCase();
  await sql`delete from login_attempt where key = ${`${kind}:${a}`} or starts_with(key, ${`${kind}-pair:${a}|`})`.execute(ctx.db);
}
