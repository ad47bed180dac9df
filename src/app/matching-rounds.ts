// Matching rounds: a desk runs a round for a start month on a snapshot of requests and capacity; providers answer its proposals.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { addDays, addMonths, isCalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, UserError } from '../domain/errors.ts';
import { freeSeats, halvesOf, type Occupation } from '../domain/capacity/timeline.ts';
import type { InstanceJson } from '../domain/matching/instance.ts';
import { requestLocations, runMatchingAsync } from '../domain/matching/run.ts';
import { verify } from '../domain/matching/verify.ts';
import { loadCapacity } from './capacity.ts';
import { audit, lockKey, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { fittingCandidatesAt, loadRuleSettings, rankAtLocation, type FittingRow } from './priority.ts';
import { solveInWorker } from './solver.ts';
import type { TieBreak } from '../domain/rules/types.ts';
import { offerInTransaction } from './offers.ts';

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** A child starting in the round needs its seat at least this long; the free seats over that span count. */
export const ROUND_SEAT_MONTHS = 6;

export interface RoundInput {
  /** First day of the start month, e.g. 2027-09-01. */
  periodStart: string;
  mode?: 'da' | 'optimal';
  seed?: number;
  timeLimitSeconds?: number;
}

/** Builds the round's instance from the database: the snapshot that is stored and can be rerun. A simulation passes another tie-break and records no draws. */
export async function snapshot(tx: Tx, ctx: AppContext, actor: Actor, deskId: string, periodStart: string, options: { tieBreak?: TieBreak; recordDraw?: boolean } = {}): Promise<InstanceJson> {
  const locations = await tx
    .selectFrom('location')
    .innerJoin('desk_municipality', 'desk_municipality.nis_code', 'location.municipality_nis')
    .select(['location.id', 'location.name', 'location.subsidy_step', 'location.municipality_nis', 'location.min_age_months', 'location.max_age_months'])
    .where('desk_municipality.desk_id', '=', deskId)
    .orderBy('location.id')
    .execute();
  // Proposals of earlier rounds that providers have not answered yet keep their requests and their seats.
  const pending = await sql<{ request_id: string; location_id: string; care_days: Array<{ weekday: number; part: string }>; start_date: string; end_date: string }>`
    select p.request_id, p.location_id, r.care_days, m.period_start as start_date, (m.period_start + interval '6 months')::date as end_date
    from round_proposal p join matching_round m on m.id = p.round_id join request r on r.id = p.request_id
    where m.desk_id = ${deskId} and p.status = 'proposed' and r.status in ('registered', 'active', 'offered')`.execute(tx);
  const waiting = new Set(pending.rows.map((p) => p.request_id));
  // The same fit as a candidate list (start window, age at start), limited to the desk's own requests.
  const perLocation = new Map<string, FittingRow[]>();
  // A request is in the round when its start window meets the month, not only when it starts on the first.
  const monthEnd = addDays(addMonths(periodStart, 1), -1);
  const fitting = await fittingCandidatesAt(tx, ctx, locations.map((l) => ({ location: l, free: new Set([1, 2, 3, 4, 5]) })), { start: periodStart, startUntil: monthEnd }, deskId);
  for (const l of locations) {
    perLocation.set(l.id, fitting.get(l.id)!.filter((r) => r.desk_id === deskId && r.rank !== null && !waiting.has(r.id)));
  }
  const allRows = [...perLocation.values()].flat();
  const out: InstanceJson = { period: { from: periodStart, to: monthEnd }, today: today(ctx), locations: [], requests: [] };
  const prefs = new Map<string, InstanceJson['requests'][number]>();
  const openByFamily = new Map<string, Set<string>>();
  for (const r of allRows) openByFamily.set(r.family_id, (openByFamily.get(r.family_id) ?? new Set()).add(r.id));
  for (const l of locations) {
    const until = addDays(addMonths(periodStart, ROUND_SEAT_MONTHS), -1);
    // Seats already taken: placements, open offers, and proposals still waiting for the provider's answer.
    const c = await loadCapacity(tx, l.id, periodStart, until);
    const offers = await tx.selectFrom('offer').select(['start_date', 'end_date', 'care_days']).where('location_id', '=', l.id).where('status', '=', 'open').where('start_date', '<=', until).where('end_date', '>=', periodStart).execute();
    const held: Occupation[] = [
      ...offers.map((o) => ({ start: o.start_date, end: o.end_date, halves: halvesOf(o.care_days) })),
      ...pending.rows.filter((p) => p.location_id === l.id).map((p) => ({ start: p.start_date, end: p.end_date, halves: halvesOf(p.care_days) })),
    ];
    // Per half day: a morning child and an afternoon child share a seat.
    out.locations.push({ id: l.id, name: l.name, halves: freeSeats(periodStart, until, c.changes, [...c.occupations, ...held]).halves.flatMap(([am, pm]) => [Math.max(0, am), Math.max(0, pm)]) });
    const here = perLocation.get(l.id) ?? [];
    const settings = await loadRuleSettings(tx, l.id);
    const { ranked } = await rankAtLocation(tx, ctx, actor, { id: l.id, subsidyStep: l.subsidy_step, municipalityNis: l.municipality_nis }, settings, here, periodStart, `round:${l.id}:${periodStart}`, options);
    for (const x of ranked) {
      const r = x.candidate.row;
      let entry = prefs.get(r.id);
      if (!entry) {
        const siblings = openByFamily.get(r.family_id) as Set<string>;
        entry = {
          id: r.id,
          halves: halvesOf(r.care_days).flatMap(([am, pm]) => [am ? 1 : 0, pm ? 1 : 0]),
          start: r.desired_start_date,
          flexibilityWeeks: r.flexibility_weeks,
          preferences: [],
          ...(siblings.size > 1 ? { siblingGroup: r.family_id } : {}),
          group: x.candidate.evaluation.decidingGroup ?? 'none',
          vulnerable: x.candidate.evaluation.vulnerability.vulnerable,
        };
        prefs.set(r.id, entry);
      }
      // The position in the location's ranked list is the priority there.
      (entry.preferences as Array<{ location: string; priority: number; rank?: number }>).push({ location: l.id, priority: x.position, rank: r.rank ?? 0 });
    }
  }
  for (const entry of prefs.values()) {
    const withRank = entry.preferences as Array<{ location: string; priority: number; rank?: number }>;
    withRank.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    entry.preferences = withRank.map(({ location, priority }) => ({ location, priority }));
    out.requests.push(entry);
  }
  out.requests.sort((a, b) => (a.id < b.id ? -1 : 1));
  return out;
}

/** Key order does not survive jsonb, so snapshots are hashed in a canonical form with sorted keys. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/** What a round stores and answers: the verifier's counts, envy and waste included. */
function verifierCounts(report: ReturnType<typeof verify>) {
  return { capacityViolations: report.capacityViolations.length, unlistedPlacements: report.unlistedPlacements.length, siblingsSplit: report.siblingsSplit.length, justifiedEnvy: report.justifiedEnvy.count, wastedSeatDays: report.waste.seatDays };
}

function checkRound(actor: Actor, input: RoundInput): string {
  if (!actor.deskId) throw new UserError('forbidden', 'auth.no_desk', null, { nl: 'Een ronde hoort bij een loket, en u werkt niet voor een loket.', en: 'A round belongs to a desk, and you do not work for a desk.' });
  if (!isCalendarDate(input.periodStart) || !input.periodStart.endsWith('-01')) {
    throw invalidFields([{ field: 'periodStart', code: 'period.month', nl: 'Geef de eerste dag van een maand, bijvoorbeeld 2027-09-01.', en: 'Give the first day of a month, for example 2027-09-01.' }]);
  }
  return actor.deskId;
}

/**
 * Runs a round. DA takes milliseconds and runs inside the transaction. Optimal mode takes its snapshot in one
 * transaction, solves with no connection held, and stores in a second one only if the snapshot is still what the
 * database says (otherwise: a conflict, run the round again).
 */
export async function runRound(ctx: AppContext, actor: Actor, input: RoundInput) {
  const mode = input.mode ?? 'da';
  const timeLimitSeconds = input.timeLimitSeconds ?? 120;
  const seedFor = (deskId: string) => input.seed ?? (Number.parseInt(hash([deskId, input.periodStart, ctx.now().toISOString()]).slice(0, 8), 16) % 2_000_000_000) + 1;
  const store = async (tx: Tx, deskId: string, seed: number, instance: InstanceJson, result: Awaited<ReturnType<typeof runMatchingAsync>>) => {
    const report = verify(result.compiled, requestLocations(result.compiled, result.assignment));
    const o = result.optimal;
    const outcome = { timeLimitSeconds, proposals: result.proposals, optimal: o && { source: o.source, status: o.status, solverStatus: o.solverStatus, proven: o.proven, gap: o.gap, placedChildren: o.placedChildren, daPlacedChildren: o.daPlacedChildren, nodes: o.nodes, seconds: o.seconds } };
    const round = await tx
      .insertInto('matching_round')
      .values({ desk_id: deskId, period_start: input.periodStart, mode, seed, input: JSON.stringify(instance), input_hash: hash(instance), outcome: JSON.stringify(outcome), verifier: JSON.stringify(report), created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const proposals = result.proposals.filter((p) => p.location !== null);
    if (proposals.length) {
      await tx
        .insertInto('round_proposal')
        .values(proposals.map((p) => ({ round_id: round.id, request_id: p.requestId, location_id: p.location as string, wish: p.wish as number, reason: JSON.stringify(p.reason) })))
        .execute();
    }
    await audit(tx, actor, 'matching.run', []);
    return { id: round.id, periodStart: input.periodStart, mode, seed, inputHash: hash(instance), metrics: report.metrics, verifier: verifierCounts(report), optimal: outcome.optimal, proposals: proposals.length };
  };

  if (mode === 'da') {
    return runUseCase(ctx, actor, 'matching.run', async (tx) => {
      const deskId = checkRound(actor, input);
      // One round at a time per desk and month: two at once would propose the same seats twice.
      await lockKey(tx, `round:${deskId}:${input.periodStart}`);
      const seed = seedFor(deskId);
      const instance = await snapshot(tx, ctx, actor, deskId, input.periodStart);
      return store(tx, deskId, seed, instance, await runMatchingAsync(instance, { seed, mode }));
    });
  }
  // The snapshot transaction stores no idempotency answer: the second one does.
  const { idempotencyKey: _key, ...plain } = actor;
  const taken = await runUseCase(ctx, plain as Actor, 'matching.run', async (tx) => {
    const deskId = checkRound(actor, input);
    await lockKey(tx, `round:${deskId}:${input.periodStart}`);
    return { deskId, seed: seedFor(deskId), instance: await snapshot(tx, ctx, actor, deskId, input.periodStart) };
  });
  // The integer program runs in a worker thread, outside any transaction: a long solve holds no connection.
  const result = await runMatchingAsync(taken.instance, { seed: taken.seed, mode, solveAsync: solveInWorker, timeLimitSeconds });
  return runUseCase(ctx, actor, 'matching.run', async (tx) => {
    await lockKey(tx, `round:${taken.deskId}:${input.periodStart}`);
    const now = await snapshot(tx, ctx, actor, taken.deskId, input.periodStart, { recordDraw: false });
    if (hash(now) !== hash(taken.instance)) {
      throw new UserError('conflict', 'round.changed', null, { nl: 'Terwijl de ronde rekende, veranderden aanvragen of plaatsen. Draai de ronde opnieuw.', en: 'Requests or places changed while the round was computing. Run the round again.' });
    }
    return store(tx, taken.deskId, taken.seed, taken.instance, result);
  });
}

/** The desk sees the whole round; a provider only the proposals for its own locations. */
export async function getRound(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'matching.read', async (tx) => {
    const round = await tx.selectFrom('matching_round').selectAll().where('id', '=', id).executeTakeFirst();
    const isDesk = round && (actor.role === 'admin' || round.desk_id === actor.deskId);
    if (!round || (!isDesk && actor.role !== 'provider_staff')) throw notFound({ nl: 'Deze ronde', en: 'This round' });
    let q = tx
      .selectFrom('round_proposal')
      .innerJoin('location', 'location.id', 'round_proposal.location_id')
      .innerJoin('request', 'request.id', 'round_proposal.request_id')
      .select(['round_proposal.id', 'round_proposal.request_id', 'request.number', 'round_proposal.location_id', 'location.name as location', 'round_proposal.wish', 'round_proposal.reason', 'round_proposal.status', 'round_proposal.rejection_reason'])
      .where('round_proposal.round_id', '=', id);
    if (!isDesk) q = q.where('location.organiser_id', '=', actor.organiserId ?? '00000000-0000-0000-0000-000000000000');
    const proposals = await q.orderBy('location.name').orderBy('request.number').execute();
    if (!isDesk && proposals.length === 0) throw notFound({ nl: 'Deze ronde', en: 'This round' });
    // A round names requests: reading it is a read of personal data.
    await audit(tx, actor, 'matching.read', proposals.map((p) => p.request_id));
    const verifier = round.verifier as ReturnType<typeof verify>;
    return {
      id: round.id,
      periodStart: round.period_start,
      mode: round.mode,
      seed: round.seed,
      inputHash: round.input_hash,
      createdAt: round.created_at.toISOString(),
      ...(isDesk ? await deskView(tx, verifier) : {}),
      proposals: proposals.map((p) => ({ id: p.id, requestId: p.request_id, number: p.number, locationId: p.location_id, location: p.location, wish: p.wish, reason: p.reason, status: p.status, rejectionReason: p.rejection_reason })),
    };
  });
}

/** Envy and waste named per request; rounds stored before they were named hold a count only. */
function envyAndWaste(v: ReturnType<typeof verify>): { justifiedEnvy: ReturnType<typeof verify>['justifiedEnvy']; waste: ReturnType<typeof verify>['waste'] } {
  const old = v.justifiedEnvy as unknown;
  const envy = typeof old === 'number' ? { count: old, pairs: old, requests: [] } : v.justifiedEnvy;
  return { justifiedEnvy: envy, waste: v.waste ?? { count: 0, pairs: 0, requests: [], seatDays: 0 } };
}

/** The desk's part of a round: metrics and the verifier, with the request numbers of the families with envy or waste. */
async function deskView(tx: Tx, verifier: ReturnType<typeof verify>) {
  const { justifiedEnvy, waste } = envyAndWaste(verifier);
  const ids = [...new Set([...justifiedEnvy.requests, ...waste.requests].map((r) => r.id))];
  const rows = ids.length ? await tx.selectFrom('request').select(['id', 'number']).where('id', 'in', ids).execute() : [];
  const number = new Map(rows.map((r) => [r.id, r.number]));
  const named = (list: Array<{ id: string; wishes: number }>) => list.map((r) => ({ ...r, number: number.get(r.id) ?? null }));
  return {
    metrics: verifier.metrics,
    verifier: { capacityViolations: verifier.capacityViolations, unlistedPlacements: verifier.unlistedPlacements, siblingsSplit: verifier.siblingsSplit, justifiedEnvy: { ...justifiedEnvy, requests: named(justifiedEnvy.requests) }, waste: { ...waste, requests: named(waste.requests) } },
  };
}

/** Reruns a stored round on its stored snapshot and seed: the same proposals must come out. */
export async function reproduceRound(ctx: AppContext, actor: Actor, id: string) {
  const stored = await runUseCase(ctx, actor, 'matching.read', async (tx) => {
    const round = await tx.selectFrom('matching_round').selectAll().where('id', '=', id).executeTakeFirst();
    if (!round || (actor.role !== 'admin' && round.desk_id !== actor.deskId)) throw notFound({ nl: 'Deze ronde', en: 'This round' });
    return round;
  });
  const instance = stored.input as InstanceJson;
  const before = stored.outcome as { proposals: unknown; timeLimitSeconds?: number };
  const again = await runMatchingAsync(instance, { seed: stored.seed, mode: stored.mode, solveAsync: solveInWorker, timeLimitSeconds: before.timeLimitSeconds ?? 120 });
  return { id, inputHash: hash(instance), inputUnchanged: hash(instance) === stored.input_hash, sameProposals: hash(again.proposals) === hash(before.proposals) };
}

export interface ProposalAnswer {
  decision: 'confirm' | 'reject';
  reason?: string;
}

/** A provider confirms a proposal (it becomes an offer in the offers work) or rejects it with a reason (the request waits on). */
export async function answerProposal(ctx: AppContext, actor: Actor, proposalId: string, answer: ProposalAnswer) {
  return runUseCase(ctx, actor, 'matching.respond', async (tx) => {
    const p = await tx
      .selectFrom('round_proposal')
      .innerJoin('location', 'location.id', 'round_proposal.location_id')
      .innerJoin('request', 'request.id', 'round_proposal.request_id')
      .innerJoin('matching_round', 'matching_round.id', 'round_proposal.round_id')
      .select(['round_proposal.id', 'round_proposal.status', 'round_proposal.request_id', 'round_proposal.location_id', 'matching_round.period_start', 'location.organiser_id', 'request.child_id', 'request.status as request_status', 'request.desired_start_date'])
      .where('round_proposal.id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!p || (actor.role === 'provider_staff' && p.organiser_id !== actor.organiserId)) throw notFound({ nl: 'Dit voorstel', en: 'This proposal' });
    if (p.status !== 'proposed') {
      throw new UserError('conflict', 'proposal.already_answered', 'decision', { nl: 'Op dit voorstel is al geantwoord.', en: 'This proposal has already been answered.' });
    }
    if (answer.decision === 'confirm' && !['registered', 'active', 'offered'].includes(p.request_status)) {
      throw new UserError('conflict', 'proposal.request_closed', 'decision', { nl: 'Deze aanvraag wacht niet meer op een plaats.', en: 'This request is no longer waiting for a place.' });
    }
    if (answer.decision === 'reject' && !answer.reason?.trim()) {
      throw invalidFields([{ field: 'reason', code: 'required', nl: 'Geef de reden waarom u dit voorstel weigert.', en: 'Give the reason why you reject this proposal.' }]);
    }
    const status = answer.decision === 'confirm' ? 'confirmed' : 'rejected';
    await tx
      .updateTable('round_proposal')
      .set({ status, rejection_reason: status === 'rejected' ? (answer.reason as string).trim() : null, decided_by: actor.userId, decided_at: ctx.now() })
      .where('id', '=', proposalId)
      .execute();
    // Confirming is offering: the offer (with its deadline and held seats) is made in the same transaction.
    const offer =
      status === 'confirmed'
        ? await offerInTransaction(tx, ctx, actor, { requestId: p.request_id, locationId: p.location_id, start: later(later(p.period_start, p.desired_start_date), today(ctx)), roundProposalId: proposalId })
        : null;
    await audit(tx, actor, `matching.proposal.${status}`, [p.child_id]);
    return { id: proposalId, status, offer };
  });
}

export async function listRounds(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'matching.read', async (tx) => {
    let q = tx.selectFrom('matching_round').select(['matching_round.id', 'matching_round.period_start', 'matching_round.mode', 'matching_round.seed', 'matching_round.created_at']);
    // A provider sees the rounds that proposed a place at one of its locations; the desk all of its own.
    if (actor.role === 'provider_staff') {
      q = q.where((eb) =>
        eb.exists(
          eb.selectFrom('round_proposal').innerJoin('location', 'location.id', 'round_proposal.location_id').select('round_proposal.id')
            .whereRef('round_proposal.round_id', '=', 'matching_round.id').where('location.organiser_id', '=', actor.organiserId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      );
    } else if (actor.role !== 'admin') q = q.where('matching_round.desk_id', '=', actor.deskId ?? '00000000-0000-0000-0000-000000000000');
    const rows = await q.orderBy('matching_round.created_at', 'desc').limit(100).execute();
    return rows.map((r) => ({ id: r.id, periodStart: r.period_start, mode: r.mode, seed: r.seed, createdAt: r.created_at.toISOString() }));
  });
}
