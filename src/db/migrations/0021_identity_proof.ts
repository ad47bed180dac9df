// Linking needs proof: a national number claimed without proof, duplicate pairs waiting for it, and cross-desk merge agreement.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A national number given at registration or birth that another child record already holds. It stays apart
    -- (the unique index on child.insz is untouched) until a desk resolves the pair; the answer to the person who
    -- typed it looks the same as for a new number, so it tells nobody that the number is known.
    alter table child add column claimed_insz text check (claimed_insz ~ '^[0-9]{11}$');

    -- A pair that came from a registration whose details matched another family without proof (a typed phone,
    -- e-mail or national number): the desk checks with the family before it merges.
    alter table duplicate_candidate add column proof_pending boolean not null default false;
    -- A pair spanning two desks is merged once both desks agreed on the same surviving record:
    -- {"<desk id>": {"survivingChildId": …, "by": …, "at": …}, …}.
    alter table duplicate_candidate add column merge_agreement jsonb not null default '{}'::jsonb;
  `.execute(db);
}
