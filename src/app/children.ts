// Use cases for a child and its family: reading them, and recording the birth of a child registered before birth.
import { sql } from 'kysely';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { maskInsz } from '../domain/identity/insz.ts';
import { nameKey } from '../domain/identity/names.ts';
import { checkBirth } from '../domain/requests/registration.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { childScope } from './scopes.ts';
import { queuePair } from './duplicates.ts';
import { acrossTenants } from './tenancy.ts';

/** A desk reaches a child with a request at that desk or living in its area. */
async function reachableChild(tx: Tx, actor: Actor, id: string, lock = false) {
  const r = await sql<{ id: string; family_id: string; birth_date: string | null; due_date: string | null; insz: string | null; merged_into: string | null }>`
    select c.id, c.family_id, c.birth_date, c.due_date, c.insz, c.merged_into from child c
    where c.id = ${id} and ${childScope(actor)}
    ${lock ? sql`for update of c` : sql``}`.execute(tx);
  const row = r.rows[0];
  if (!row) throw notFound({ nl: 'Dit kind', en: 'This child' });
  return row;
}

async function childView(tx: Tx, id: string) {
  const c = await tx.selectFrom('child').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const family = await tx.selectFrom('family').innerJoin('municipality', 'municipality.nis_code', 'family.municipality_nis').select(['family.id', 'family.street', 'family.postal_code', 'family.preferred_language', 'municipality.name as municipality', 'family.municipality_nis']).where('family.id', '=', c.family_id).executeTakeFirstOrThrow();
  const guardians = await tx.selectFrom('guardian').select(['id', 'given_name', 'family_name', 'email', 'phone', 'insz', 'preferred_language']).where('family_id', '=', c.family_id).orderBy('created_at').execute();
  const requests = await tx.selectFrom('request').select(['id', 'number', 'status', 'registered_on', 'desired_start_date']).where('child_id', '=', id).orderBy('registered_on').execute();
  const consents = await tx.selectFrom('consent').select(['id', 'subject', 'purpose', 'granted_at', 'valid_until', 'withdrawn_at']).where('family_id', '=', c.family_id).orderBy('granted_at').execute();
  return {
    id: c.id,
    givenName: c.given_name,
    familyName: c.family_name,
    born: c.birth_date !== null,
    birthDate: c.birth_date,
    dueDate: c.due_date,
    birthOrder: c.birth_order,
    inszMasked: (c.insz ?? c.claimed_insz) ? maskInsz((c.insz ?? c.claimed_insz) as string) : null,
    mergedInto: c.merged_into,
    family: {
      id: family.id,
      municipalityNis: family.municipality_nis,
      municipality: family.municipality,
      street: family.street,
      postalCode: family.postal_code,
      preferredLanguage: family.preferred_language,
      guardians: guardians.map((g) => ({ id: g.id, givenName: g.given_name, familyName: g.family_name, email: g.email, phone: g.phone, inszMasked: g.insz ? maskInsz(g.insz) : null, preferredLanguage: g.preferred_language })),
    },
    requests: requests.map((r) => ({ id: r.id, number: r.number, status: r.status, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date })),
    consents: consents.map((x) => ({ id: x.id, subject: x.subject, purpose: x.purpose, grantedAt: x.granted_at.toISOString(), validUntil: x.valid_until, withdrawnAt: x.withdrawn_at?.toISOString() ?? null })),
  };
}

export type ChildView = Awaited<ReturnType<typeof childView>>;

export async function getChild(ctx: AppContext, actor: Actor, id: string): Promise<ChildView> {
  return runUseCase(ctx, actor, 'child.read', async (tx) => {
    const c = await reachableChild(tx, actor, id);
    const guardians = await tx.selectFrom('guardian').select('id').where('family_id', '=', c.family_id).execute();
    await audit(tx, actor, 'child.read', [c.id, c.family_id, ...guardians.map((g) => g.id)]);
    return childView(tx, id);
  });
}

export interface BirthInput {
  birthDate: string;
  insz?: string;
  givenName?: string;
}

/** The unborn-to-born step: due date stays for the record, birth date and national number are added. */
export async function recordBirth(ctx: AppContext, actor: Actor, id: string, input: BirthInput): Promise<ChildView> {
  return runUseCase(ctx, actor, 'child.record_birth', async (tx): Promise<ChildView> => {
    const c = await reachableChild(tx, actor, id, true);
    if (c.merged_into) {
      throw new UserError('conflict', 'child.merged', null, { nl: 'Dit kind is samengevoegd met een ander record.', en: 'This child was merged into another record.' });
    }
    if (c.birth_date) {
      throw new UserError('conflict', 'child.already_born', 'birthDate', { nl: 'De geboorte van dit kind is al geregistreerd.', en: 'The birth of this child has already been recorded.' });
    }
    const { problems, insz } = checkBirth(c.due_date, input.birthDate, input.insz, today(ctx));
    if (problems.length) throw invalidFields(problems);
    // A national number another record holds is kept apart and the pair goes to the desks' queue; the answer is the
    // same as for a new number, so recording a birth never tells whether a number is known elsewhere.
    // The holder may be at another desk: looked up across tenants, and only its id leaves the step (into the queue).
    const other = await acrossTenants(tx, async () => {
      const held = insz ? await tx.selectFrom('child').select('id').where('insz', '=', insz.value).where('merged_into', 'is', null).where('id', '<>', id).executeTakeFirst() : undefined;
      if (held) await queuePair(tx, id, held.id, 5, ['same_national_number'], true);
      return held;
    });
    await tx
      .updateTable('child')
      .set({
        birth_date: input.birthDate,
        insz: other ? null : (insz?.value ?? null),
        claimed_insz: other && insz ? insz.value : null,
        ...(input.givenName?.trim() ? { given_name: input.givenName.trim(), given_name_key: nameKey(input.givenName) } : {}),
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'child.record_birth', [id, c.family_id, other?.id]);
    return childView(tx, id);
  });
}
