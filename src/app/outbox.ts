// Writes a side effect (mail, notice, letter) into the outbox, in the same transaction as the change it belongs to.
import type { AppContext, Tx } from './context.ts';

export async function enqueue(tx: Tx, ctx: AppContext, topic: string, recipient: Record<string, unknown>, payload: Record<string, unknown>): Promise<void> {
  const now = ctx.now();
  await tx.insertInto('outbox').values({ topic, recipient: JSON.stringify(recipient), payload: JSON.stringify(payload), created_at: now, next_attempt_at: now }).execute();
}
