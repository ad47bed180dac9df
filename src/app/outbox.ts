// Writes a side effect (mail, notice, letter) into the outbox, in the same transaction as the change it belongs to.
import { sql, type RawBuilder } from 'kysely';
import type { AppContext, Tx } from './context.ts';

export async function enqueue(tx: Tx, ctx: AppContext, topic: string, recipient: Record<string, unknown>, payload: Record<string, unknown>): Promise<void> {
  await outboxInsert(ctx, topic, sql`${JSON.stringify(recipient)}::jsonb`, sql`${JSON.stringify(payload)}::jsonb`).execute(tx);
}

/**
 * The outbox row as a statement of its own or a part of a larger one (a registration writes it with its request):
 * `payload` is the select list's last expression and may go on with the rest of the select (`... from r`).
 */
export function outboxInsert(ctx: AppContext, topic: string, recipient: RawBuilder<unknown>, payload: RawBuilder<unknown>): RawBuilder<unknown> {
  const now = ctx.now();
  return sql`insert into outbox (topic, recipient, created_at, next_attempt_at, payload) select ${topic}, ${recipient}, ${now}::timestamptz, ${now}::timestamptz, ${payload}`;
}
