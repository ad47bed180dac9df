// The proof rules: when a registration may join a family the installation already knows (docs/security.md §8).
import { sql } from 'kysely';
import { emailKey } from '../domain/identity/names.ts';
import type { Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { familyScope } from './scopes.ts';

/**
 * What the caller has proven about itself, beyond what it typed: a parent's confirmed e-mail address (the
 * confirmation link was the one-time proof) and the national number of a government login.
 */
export interface Proof {
  verifiedEmail?: string | null;
  governmentInsz?: string | null;
}

/** How a known guardian was recognised: only some of these are proof, and only for some callers. */
export type MatchedBy = 'insz' | 'email' | 'phone';

/**
 * Whether the caller may join the family that a typed detail pointed to. Staff may join the families they already
 * work with (their desk's area and requests, a partner's own registrations): linking shows them nothing new.
 * A parent joins only the own family, or a guardian whose national number or e-mail address the parent proved.
 * Everything else is a match without proof: the registration makes its own family and the desks get the pair.
 */
export async function mayJoinFamily(tx: Tx, actor: Actor, familyId: string, match: { guardian?: { by: MatchedBy; insz: string | null; emailKey: string | null } }, proof: Proof = {}): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role === 'parent') {
    if (actor.familyId && actor.familyId === familyId) return true;
    const g = match.guardian;
    if (!g) return false;
    if (g.by === 'insz') return Boolean(proof.governmentInsz && g.insz === proof.governmentInsz);
    if (g.by === 'email') return Boolean(proof.verifiedEmail && g.emailKey === emailKey(proof.verifiedEmail));
    return false;
  }
  const r = await sql<{ one: number }>`select 1 as one from family f where f.id = ${familyId}::uuid and ${familyScope(actor)}`.execute(tx);
  return r.rows.length > 0;
}
