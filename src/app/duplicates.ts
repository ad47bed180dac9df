// Possible duplicate children: finding them, the desk's queue, merging two records and marking them as different.
import { sql, type RawBuilder } from 'kysely';
import { inIds } from '../db/prepared.ts';
import { addDays } from '../domain/dates.ts';
import { notFound, UserError } from '../domain/errors.ts';
import { compareChildren, DUE_DATE_WINDOW_DAYS, DUPLICATE_REASON_TEXT, type ChildIdentity, type DuplicateReason } from '../domain/identity/duplicates.ts';
import { maskInsz } from '../domain/identity/insz.ts';
import { OPEN_STATUSES, type RequestStatus } from '../domain/requests/lifecycle.ts';
import { audit, runUseCase, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { childScope } from './scopes.ts';
import { emitForRequest } from './integration/events.ts';
import { acrossTenants } from './tenancy.ts';
import type { MergeAgreement } from '../db/schema.ts';

/** A child as duplicate detection compares it, with its family. */
export interface FamilyChildIdentity extends ChildIdentity {
  familyId: string;
}

/** The children with their guardians' keys, in one statement. */
async function identities(tx: Tx, childIds: string[]): Promise<FamilyChildIdentity[]> {
  if (childIds.length === 0) return [];
  const rows = await sql<{ id: string; family_id: string; insz: string | null; given_name_key: string | null; family_name_key: string; birth_date: string | null; due_date: string | null; contact_keys: string[]; guardian_name_keys: string[] }>`
    select c.id, c.family_id, c.insz, c.given_name_key, c.family_name_key, c.birth_date, c.due_date,
      array(select k from guardian g, lateral (values (g.email_key), (g.phone_key)) as v(k) where g.family_id = c.family_id and k is not null) as contact_keys,
      array(select g.family_name_key from guardian g where g.family_id = c.family_id) as guardian_name_keys
    from child c where ${inIds(sql.ref('c.id'), childIds)}`.execute(tx);
  return rows.rows.map((c) => ({
    id: c.id,
    familyId: c.family_id,
    insz: c.insz,
    givenNameKey: c.given_name_key,
    familyNameKey: c.family_name_key,
    birthDate: c.birth_date,
    dueDate: c.due_date,
    contactKeys: c.contact_keys,
    guardianNameKeys: c.guardian_name_keys,
  }));
}

/**
 * The children of other families that may be this one: three indexed look-ups, each bounded by the date window (same
 * family name, a guardian with the same family name, or a guardian with a shared e-mail address or phone number).
 * A statement of its own or a part of a larger one (a registration runs it with its writes); null without a date.
 */
export function possibleDuplicates(me: ChildIdentity, familyId: RawBuilder<unknown>): RawBuilder<{ id: string }> | null {
  const anchor = me.birthDate ?? me.dueDate;
  if (!anchor) return null;
  const from = addDays(anchor, -DUE_DATE_WINDOW_DAYS);
  const to = addDays(anchor, DUE_DATE_WINDOW_DAYS);
  const nameKeys = [...new Set([me.familyNameKey, ...me.guardianNameKeys])];
  return sql<{ id: string }>`
    select x.id from (
      select c.id, c.family_id from child c
        where c.family_name_key = any(${nameKeys}::text[]) and coalesce(c.birth_date, c.due_date) between ${from} and ${to} and c.merged_into is null
      union
      select c.id, c.family_id from guardian g join child c on c.family_id = g.family_id
        where g.family_name_key = ${me.familyNameKey} and coalesce(c.birth_date, c.due_date) between ${from} and ${to} and c.merged_into is null
      union
      select c.id, c.family_id from guardian g join child c on c.family_id = g.family_id
        where (g.email_key = any(${me.contactKeys}::text[]) or g.phone_key = any(${me.contactKeys}::text[]))
          and coalesce(c.birth_date, c.due_date) between ${from} and ${to} and c.merged_into is null
      limit 200) x
    where x.family_id <> ${familyId}`;
}

/**
 * Looks for other children that may be this one (in other families: within one family registration already matches)
 * and puts each pair in the desk's queue. Candidates come from indexed look-ups on date, name and contact.
 * `known`: the child as its caller has just written it (a new family's registration), which saves reading it back;
 * `nearbyIds`: what possibleDuplicates found, when the caller ran it with its own statement.
 */
export async function queuePossibleDuplicates(tx: Tx, childId: string, options: { unproven?: { childId: string | null; familyIds: string[] }; known?: FamilyChildIdentity; nearbyIds?: string[] } = {}): Promise<number> {
  const unproven = options.unproven ?? { childId: null, familyIds: [] };
  const me = options.known ?? (await identities(tx, [childId]))[0];
  if (!me) return 0;
  let queued = 0;
  // A national number that another record holds, given without proof: the strongest signal, and the desks check it.
  if (unproven.childId) queued += await queuePair(tx, childId, unproven.childId, 5, ['same_national_number'], true);
  const nearby = options.nearbyIds ?? (await possibleDuplicates(me, sql`${me.familyId}::uuid`)?.execute(tx))?.rows.map((r) => r.id) ?? [];
  const others = await identities(tx, nearby);
  for (const other of others) {
    if (other.id === unproven.childId) continue;
    const verdict = compareChildren(me, other);
    if (!verdict.possible) continue;
    queued += await queuePair(tx, me.id, other.id, verdict.score, verdict.reasons, unproven.familyIds.includes(other.familyId));
  }
  return queued;
}

/** Puts one pair in the queue (once); `proofPending` marks a registration that matched the other family without proof. */
export async function queuePair(tx: Tx, x: string, y: string, score: number, reasons: string[], proofPending: boolean): Promise<number> {
  const [a, b] = x < y ? [x, y] : [y, x];
  const r = await tx
    .insertInto('duplicate_candidate')
    .values({ child_a: a, child_b: b, score, reasons: JSON.stringify(reasons), proof_pending: proofPending })
    .onConflict((oc) => oc.columns(['child_a', 'child_b']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/** Where a child is known: the desks of its requests, or else the desk of its family's municipality. */
async function desksOf(tx: Tx, childId: string): Promise<Array<{ id: string; name: string }>> {
  const r = await sql<{ id: string; name: string }>`
    select d.id, d.name from desk d where d.id in (select r.desk_id from request r where r.child_id = ${childId})
    union
    select d.id, d.name from child c join family f on f.id = c.family_id join desk_municipality dm on dm.nis_code = f.municipality_nis join desk d on d.id = dm.desk_id
      where c.id = ${childId} and not exists (select 1 from request r where r.child_id = ${childId})
    order by name`.execute(tx);
  return r.rows;
}

/** The desk staff of `deskId` reach the child: used to check the other desk's agreement on a cross-desk pair. */
async function deskReaches(tx: Tx, deskId: string, childId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select ${childScope({ userId: null, role: 'desk_worker', deskId, organiserId: null, channel: 'api' })} as ok from child c where c.id = ${childId}`.execute(tx);
  return r.rows[0]?.ok ?? false;
}

/**
 * One side of a pair. A desk sees its own side in full; of a side it does not reach it sees only which desk knows
 * that child (read across tenants: no names, dates, numbers or contacts leave this step).
 */
async function childSide(tx: Tx, actor: Actor, childId: string) {
  const reach = await acrossTenants(tx, async () => {
    const r = await sql<{ reachable: boolean }>`select ${childScope(actor)} as reachable from child c where c.id = ${childId}`.execute(tx);
    const row = r.rows[0];
    return row ? { reachable: row.reachable, desks: await desksOf(tx, childId) } : null;
  });
  if (!reach) return null;
  if (!reach.reachable) {
    return {
      reachable: false,
      view: { id: childId, reachable: false, knownAt: reach.desks.map((d) => d.name), givenName: null, familyName: null, birthDate: null, dueDate: null, inszMasked: null, guardians: [], requests: [] },
    };
  }
  const c = await sql<{
    id: string;
    insz: string | null;
    claimed_insz: string | null;
    given_name: string | null;
    family_name: string;
    birth_date: string | null;
    due_date: string | null;
    family_id: string;
  }>`select c.id, c.insz, c.claimed_insz, c.given_name, c.family_name, c.birth_date, c.due_date, c.family_id from child c where c.id = ${childId}`.execute(tx);
  const row = c.rows[0];
  if (!row) return null;
  const guardians = await tx.selectFrom('guardian').select(['id', 'given_name', 'family_name', 'email', 'phone']).where('family_id', '=', row.family_id).orderBy('created_at').execute();
  const requests = await tx
    .selectFrom('request')
    .innerJoin('desk', 'desk.id', 'request.desk_id')
    .select(['request.id', 'request.number', 'request.status', 'request.registered_on', 'request.desired_start_date', 'desk.name as desk_name'])
    .where('request.child_id', '=', childId)
    .orderBy('request.registered_on')
    .execute();
  const insz = row.insz ?? row.claimed_insz;
  return {
    reachable: true,
    view: {
      id: row.id,
      reachable: true,
      knownAt: reach.desks.map((d) => d.name),
      givenName: row.given_name,
      familyName: row.family_name as string | null,
      birthDate: row.birth_date,
      dueDate: row.due_date,
      inszMasked: insz ? maskInsz(insz) : null,
      guardians: guardians.map((g) => ({ id: g.id, givenName: g.given_name, familyName: g.family_name, email: g.email, phone: g.phone })),
      requests: requests.map((r) => ({ id: r.id, number: r.number, status: r.status, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date, desk: r.desk_name })),
    },
  };
}

type CandidateRow = { id: string; child_a: string; child_b: string; score: number; reasons: string[]; status: string; created_at: Date; proof_pending: boolean; merge_agreement: Record<string, MergeAgreement> };

async function candidateView(tx: Tx, actor: Actor, candidate: CandidateRow) {
  const a = await childSide(tx, actor, candidate.child_a);
  const b = await childSide(tx, actor, candidate.child_b);
  if (!a || !b || !(a.reachable || b.reachable)) return null;
  const own = actor.deskId ? candidate.merge_agreement[actor.deskId] : undefined;
  return {
    id: candidate.id,
    status: candidate.status,
    score: candidate.score,
    reasons: candidate.reasons.map((r) => ({ code: r, ...DUPLICATE_REASON_TEXT[r as DuplicateReason] })),
    createdAt: candidate.created_at.toISOString(),
    /** The registration matched the other family without proof: check with the family before merging. */
    proofPending: candidate.proof_pending,
    /** The pair spans two desks: a merge needs both desks' agreement on the record that stays. */
    crossDesk: !(a.reachable && b.reachable),
    agreedSurvivor: own?.survivingChildId ?? null,
    otherDeskAgreed: Object.keys(candidate.merge_agreement).some((d) => d !== actor.deskId),
    children: [a.view, b.view] as const,
    reach: [a.reachable, b.reachable] as const,
  };
}

export async function listDuplicates(ctx: AppContext, actor: Actor, status: 'open' | 'merged' | 'not_duplicate' = 'open') {
  return runUseCase(ctx, actor, 'duplicate.read', async (tx) => {
    // Pairs are found across tenants (a pair may span two desks); each side is then shown as far as the desk reaches it.
    const rows = await acrossTenants(tx, () => tx
      .selectFrom('duplicate_candidate as d')
      .innerJoin('child as ca', 'ca.id', 'd.child_a')
      .innerJoin('child as cb', 'cb.id', 'd.child_b')
      .select(['d.id', 'd.child_a', 'd.child_b', 'd.score', 'd.reasons', 'd.status', 'd.created_at', 'd.proof_pending', 'd.merge_agreement'])
      .where('d.status', '=', status)
      .where((eb) => (status === 'open' ? eb.and([eb('ca.merged_into', 'is', null), eb('cb.merged_into', 'is', null)]) : sql<boolean>`true`))
      .orderBy('d.score', 'desc')
      .orderBy('d.created_at')
      .limit(200)
      .execute());
    const views = [];
    for (const r of rows) {
      const v = await candidateView(tx, actor, { ...r, reasons: r.reasons as unknown as string[] });
      if (v) views.push(v);
    }
    await audit(tx, actor, 'duplicate.list', views.flatMap((v) => v.children.filter((c) => c.reachable).map((c) => c.id)));
    return views;
  });
}

async function loadOpenCandidate(tx: Tx, actor: Actor, id: string) {
  const c = await tx
    .selectFrom('duplicate_candidate')
    .select(['id', 'child_a', 'child_b', 'score', 'reasons', 'status', 'created_at', 'proof_pending', 'merge_agreement'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const view = c ? await candidateView(tx, actor, { ...c, reasons: c.reasons as unknown as string[] }) : null;
  if (!c || !view) throw notFound({ nl: 'Dit mogelijke dubbel', en: 'This possible duplicate' });
  if (c.status !== 'open') {
    throw new UserError('conflict', 'duplicate.already_resolved', null, {
      nl: 'Over dit mogelijke dubbel is al beslist.',
      en: 'This possible duplicate has already been resolved.',
    });
  }
  return { ...c, reach: view.reach };
}

export async function dismissDuplicate(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'duplicate.resolve', async (tx) => {
    const c = await loadOpenCandidate(tx, actor, id);
    await tx.updateTable('duplicate_candidate').set({ status: 'not_duplicate', resolved_at: ctx.now(), resolved_by: actor.userId }).where('id', '=', id).execute();
    await audit(tx, actor, 'duplicate.dismiss', [c.child_a, c.child_b]);
    return { id, status: 'not_duplicate' as const };
  });
}

/**
 * Merges two child records into the surviving one: requests, history and consents follow it.
 * When both have an open request, the one registered first stays (registration order stays fair);
 * the other is marked merged and its extra locations are added at the end of the list.
 */
export async function mergeDuplicate(ctx: AppContext, actor: Actor, id: string, survivingChildId: string) {
  return runUseCase(ctx, actor, 'duplicate.resolve', async (tx) => {
    const c = await loadOpenCandidate(tx, actor, id);
    if (survivingChildId !== c.child_a && survivingChildId !== c.child_b) {
      throw new UserError('invalid', 'duplicate.survivor_not_in_pair', 'survivingChildId', {
        nl: 'Kies een van de twee kinderen als het record dat blijft.',
        en: 'Choose one of the two children as the record that stays.',
      });
    }
    // A pair across two desks moves a child into the other desk's family only when both desks chose the same survivor.
    if (!(c.reach[0] && c.reach[1])) {
      const deskId = actor.deskId as string;
      const agreement = { ...c.merge_agreement, [deskId]: { survivingChildId, by: actor.userId, at: ctx.now().toISOString() } };
      const notReached = c.reach[0] ? c.child_b : c.child_a;
      let otherAgrees = false;
      for (const [other, a] of Object.entries(agreement)) {
        if (other !== deskId && a.survivingChildId === survivingChildId && (await deskReaches(tx, other, notReached))) otherAgrees = true;
      }
      if (!otherAgrees) {
        await tx.updateTable('duplicate_candidate').set({ merge_agreement: JSON.stringify(agreement) }).where('id', '=', id).execute();
        await audit(tx, actor, 'duplicate.merge_agree', [c.reach[0] ? c.child_a : c.child_b]);
        return { id, status: 'awaiting_other_desk' as const, survivingChildId };
      }
    }
    const mergedChildId = survivingChildId === c.child_a ? c.child_b : c.child_a;
    const [survivor, merged] = await Promise.all(
      [survivingChildId, mergedChildId].map((cid) => tx.selectFrom('child').selectAll().where('id', '=', cid).forUpdate().executeTakeFirstOrThrow()),
    );
    if (!survivor || !merged) throw new Error('child rows vanished under lock');
    if (survivor.merged_into || merged.merged_into) {
      throw new UserError('conflict', 'duplicate.child_already_merged', 'survivingChildId', {
        nl: 'Een van deze kinderen is al samengevoegd met een ander record. Bekijk de lijst opnieuw.',
        en: 'One of these children was already merged into another record. Please look at the list again.',
      });
    }

    const open = await tx
      .selectFrom('request')
      .select(['id', 'child_id', 'registered_on', 'number', 'status'])
      .where('child_id', 'in', [survivor.id, merged.id])
      .where('status', 'in', OPEN_STATUSES as RequestStatus[])
      .orderBy('registered_on')
      .orderBy('number')
      .forUpdate()
      .execute();
    let folded: { from: string; into: string } | null = null;
    if (open.length === 2) {
      const [keep, fold] = open as [(typeof open)[0], (typeof open)[0]];
      const keepLocations = await tx.selectFrom('request_location').select(['location_id', 'rank']).where('request_id', '=', keep.id).execute();
      const foldLocations = await tx.selectFrom('request_location').select(['location_id', 'rank']).where('request_id', '=', fold.id).orderBy('rank').execute();
      let next = Math.max(0, ...keepLocations.map((l) => l.rank));
      const extra = foldLocations.filter((l) => !keepLocations.some((k) => k.location_id === l.location_id));
      if (extra.length) {
        await tx.insertInto('request_location').values(extra.map((l) => ({ request_id: keep.id, rank: ++next, location_id: l.location_id }))).execute();
      }
      await tx.updateTable('request').set({ status: 'merged', merged_into: keep.id, updated_at: ctx.now() }).where('id', '=', fold.id).execute();
      await tx
        .insertInto('request_event')
        .values({ request_id: fold.id, from_status: fold.status, to_status: 'merged', reason: `Dubbele inschrijving, samengevoegd met ${keep.number}`, actor_id: actor.userId, actor_role: actor.role, channel: actor.channel })
        .execute();
      folded = { from: fold.id, into: keep.id };
      await emitForRequest(tx, ctx, 'request.closed', fold.id, { mergedInto: keep.id });
    }
    const moved = await tx.selectFrom('request').select('id').where('child_id', '=', merged.id).execute();
    // Mark the merged record first, so its national number no longer counts as taken.
    await tx.updateTable('child').set({ merged_into: survivor.id }).where('id', '=', merged.id).execute();
    const fill: Record<string, unknown> = {};
    // The survivor takes a national number that is now free: the merged record's, or one claimed without proof.
    if (!survivor.insz) {
      for (const n of [merged.insz, survivor.claimed_insz, merged.claimed_insz]) {
        if (!n) continue;
        const held = await tx.selectFrom('child').select('id').where('insz', '=', n).where('merged_into', 'is', null).executeTakeFirst();
        if (!held) {
          fill.insz = n;
          break;
        }
      }
    }
    const number = (fill.insz as string | undefined) ?? survivor.insz;
    if (survivor.claimed_insz && (survivor.claimed_insz === number || survivor.claimed_insz === merged.insz)) fill.claimed_insz = null;
    if (!survivor.given_name && merged.given_name) Object.assign(fill, { given_name: merged.given_name, given_name_key: merged.given_name_key });
    if (!survivor.birth_date && merged.birth_date) fill.birth_date = merged.birth_date;
    if (Object.keys(fill).length) await tx.updateTable('child').set(fill).where('id', '=', survivor.id).execute();
    await tx.updateTable('request').set({ child_id: survivor.id }).where('child_id', '=', merged.id).execute();
    const consents = await tx.updateTable('consent').set({ child_id: survivor.id }).where('child_id', '=', merged.id).returning('id').execute();
    await tx
      .insertInto('child_merge')
      .values({
        surviving_child: survivor.id,
        merged_child: merged.id,
        moved: JSON.stringify({ requests: moved.map((r) => r.id), consents: consents.map((x) => x.id), folded, filledFields: Object.keys(fill) }),
        actor_id: actor.userId,
      })
      .execute();
    await tx.updateTable('duplicate_candidate').set({ status: 'merged', resolved_at: ctx.now(), resolved_by: actor.userId }).where('id', '=', id).execute();
    await audit(tx, actor, 'duplicate.merge', [survivor.id, merged.id]);
    return { id, status: 'merged' as const, survivingChildId: survivor.id, mergedChildId: merged.id, movedRequests: moved.map((r) => r.id), foldedRequest: folded };
  });
}
