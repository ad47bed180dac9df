// What the referral pages need besides the referral itself: the families one may refer, and counts for the "Today" tile.
import { sql } from 'kysely';
import { audit, runUseCase, today, type AppContext } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { consentHolds, familyReach, isReferrer, worksFor } from './access.ts';

export interface ReferableFamily {
  id: string;
  municipality: string;
  guardians: Array<{ id: string; givenName: string; familyName: string }>;
  children: Array<{ id: string; givenName: string | null; familyName: string; birthDate: string | null; dueDate: string | null }>;
}

/**
 * The families the actor may refer (the same reach `createReferral` checks), newest first, found by a parent's or
 * child's name. Names only: enough to pick the family and the parent who consents.
 */
export async function referableFamilies(ctx: AppContext, actor: Actor, query: { q?: string; id?: string; limit?: number } = {}): Promise<ReferableFamily[]> {
  return runUseCase(ctx, actor, 'referral.create', async (tx) => {
    const q = query.q?.trim().toLowerCase() || null;
    const rows = await sql<{ id: string; municipality: string }>`
      select f.id, m.name as municipality from family f join municipality m on m.nis_code = f.municipality_nis
      where ${familyReach(actor, today(ctx))}
        and (${query.id ?? null}::uuid is null or f.id = ${query.id ?? null}::uuid)
        and (${q}::text is null
          or exists (select 1 from guardian g where g.family_id = f.id and position(${q}::text in lower(g.given_name || ' ' || g.family_name)) > 0)
          or exists (select 1 from child c where c.family_id = f.id and c.merged_into is null and position(${q}::text in lower(coalesce(c.given_name, '') || ' ' || c.family_name)) > 0))
      order by f.created_at desc, f.id limit ${query.limit ?? 20}`.execute(tx);
    const ids = rows.rows.map((r) => r.id);
    if (!ids.length) return [];
    const [guardians, children] = await Promise.all([
      tx.selectFrom('guardian').select(['id', 'family_id', 'given_name', 'family_name']).where('family_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
      tx.selectFrom('child').select(['id', 'family_id', 'given_name', 'family_name', 'birth_date', 'due_date']).where('family_id', 'in', ids).where('merged_into', 'is', null).orderBy('created_at').orderBy('id').execute(),
    ]);
    await audit(tx, actor, 'referral.families', ids);
    return rows.rows.map((f) => ({
      id: f.id,
      municipality: f.municipality,
      guardians: guardians.filter((g) => g.family_id === f.id).map((g) => ({ id: g.id, givenName: g.given_name, familyName: g.family_name })),
      children: children.filter((c) => c.family_id === f.id).map((c) => ({ id: c.id, givenName: c.given_name, familyName: c.family_name, birthDate: c.birth_date, dueDate: c.due_date })),
    }));
  });
}

/** Counts only, no personal data (so not audited): what waits for the actor's organisation, and the actor's open referrals. */
export async function referralCounts(ctx: AppContext, actor: Actor): Promise<{ waiting: number; following: number; sentOpen: number }> {
  return runUseCase(ctx, actor, 'referral.read', async (tx) => {
    const received = sql`(${worksFor(actor, sql`r.organization_id`)} and ${consentHolds(today(ctx))})`;
    const r = await sql<{ waiting: number; following: number; sent_open: number }>`
      select count(*) filter (where ${received} and r.status = 'sent')::int as waiting,
             count(*) filter (where ${received} and r.status in ('received', 'contact_made', 'support_started'))::int as following,
             count(*) filter (where ${isReferrer(actor)} and r.status not in ('closed', 'declined'))::int as sent_open
      from referral r join consent c on c.id = r.consent_id`.execute(tx);
    const row = r.rows[0] ?? { waiting: 0, following: 0, sent_open: 0 };
    return { waiting: row.waiting, following: row.following, sentOpen: row.sent_open };
  });
}
