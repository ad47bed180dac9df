// Appends feed events in the transaction of the change that causes them, and reads the feed for a subscriber.
import { sql } from 'kysely';
import { toCloudEvent, type CloudEvent, type EventType } from '../../domain/events/cloudevents.ts';
import { UserError } from '../../domain/errors.ts';
import type { AppContext, Tx } from '../context.ts';
import { audit, runUseCase } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { NO_ID } from '../scopes.ts';

interface PendingEvent {
  type: EventType;
  source: string;
  subject: string;
  organiser_id: string | null;
  location_id: string | null;
  desk_id: string | null;
  data: string;
  time: Date;
}

/** Events a transaction will append when its use case ends; keyed by the transaction itself. */
const pending = new WeakMap<Tx, PendingEvent[]>();

/** One fixed advisory-lock key for "appending to the feed". */
const FEED_LOCK = 7_362_001;

export function emit(tx: Tx, ctx: AppContext, e: { type: EventType; source: string; subject: string; organiserId: string | null; locationId?: string | null; deskId?: string | null; data: Record<string, unknown> }): void {
  const list = pending.get(tx) ?? [];
  list.push({ type: e.type, source: e.source, subject: e.subject, organiser_id: e.organiserId, location_id: e.locationId ?? null, desk_id: e.deskId ?? null, data: JSON.stringify(e.data), time: ctx.now() });
  pending.set(tx, list);
}

/**
 * Writes the transaction's pending events, as the last step before commit (runUseCase calls it).
 *
 * Why the lock: positions come from an identity sequence, and sequences hand out numbers at insert time, not commit
 * time. Without the lock, transaction A could take position 10 and commit after B took 11 and committed; a reader
 * that saw 11 would store cursor 11 and never see 10. The transaction-scoped advisory lock makes appends take turns
 * from "take a position" to "commit", so positions become visible strictly in order. Taking it last keeps the
 * serialised part short (one insert and the commit) and avoids lock-order deadlocks with the row locks the use case
 * already holds. The cost is that event-writing commits queue behind each other; the bench measures it.
 */
export async function flushEvents(tx: Tx): Promise<void> {
  const list = pending.get(tx);
  if (!list?.length) return;
  pending.delete(tx);
  // One statement: the lock is taken (the CTE's row is read) before any row takes its position from the sequence.
  await sql`
    with turn as (select pg_advisory_xact_lock(${FEED_LOCK}))
    insert into event (type, source, subject, organiser_id, location_id, desk_id, data, time)
    select e.type, e.source, e.subject, e.organiser_id, e.location_id, e.desk_id, e.data::jsonb, e.time
    from turn, jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as e(type text, source text, subject text, organiser_id uuid, location_id uuid, desk_id uuid, data text, time timestamptz)`.execute(tx);
}

/** A request's wish as its feed event describes it: the location, its organiser and the request's current fields. */
export interface RequestWishRow {
  organiser_id: string;
  location_id: string;
  number: string;
  status: string;
  desired_start_date: string;
  care_days: unknown;
  desk_id: string;
  rank: number;
}

/** The organisers concerned by a request: those whose locations it lists, each with only its own locations. */
export async function emitForRequest(tx: Tx, ctx: AppContext, type: EventType, requestId: string, extra: Record<string, unknown> = {}, formerLocationIds: readonly string[] = []): Promise<void> {
  const rows = await sql<RequestWishRow>`
    select l.organiser_id, l.id as location_id, r.number, r.status, r.desired_start_date, r.care_days, r.desk_id, rl.rank
    from request r join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id
    where r.id = ${requestId} order by rl.rank`.execute(tx);
  await emitForRequestRows(tx, ctx, type, requestId, rows.rows, extra, formerLocationIds);
}

/** emitForRequest for a caller that has just written the request and its wishes and so knows the rows (in rank order). */
export async function emitForRequestRows(tx: Tx, ctx: AppContext, type: EventType, requestId: string, rows: readonly RequestWishRow[], extra: Record<string, unknown> = {}, formerLocationIds: readonly string[] = []): Promise<void> {
  const byOrganiser = new Map<string, RequestWishRow[]>();
  for (const r of rows) byOrganiser.set(r.organiser_id, [...(byOrganiser.get(r.organiser_id) ?? []), r]);
  const removed = formerLocationIds.filter((id) => !rows.some((r) => r.location_id === id));
  for (const [organiserId, own] of byOrganiser) {
    const first = own[0] as (typeof own)[number];
    const gone = removed.length ? await organiserLocations(tx, organiserId, removed) : [];
    emit(tx, ctx, {
      type,
      source: `urn:nabij:desk:${first.desk_id}`,
      subject: requestId,
      organiserId,
      deskId: first.desk_id,
      data: { requestId, number: first.number, status: first.status, desiredStartDate: first.desired_start_date, careDays: first.care_days, locations: own.map((x) => ({ id: x.location_id, rank: x.rank })), ...(gone.length ? { removedLocations: gone } : {}), ...extra },
    });
  }
  // An organiser whose every location was taken off the request still hears of it: its candidate lists must drop it.
  if (removed.length) {
    const left = await sql<{ organiser_id: string; location_id: string }>`select organiser_id, id as location_id from location where id = any(${[...removed]}::uuid[])`.execute(tx);
    const r = await sql<{ number: string; status: string; desk_id: string }>`select number, status, desk_id from request where id = ${requestId}`.execute(tx);
    const req = r.rows[0];
    const organisers = [...new Set(left.rows.map((x) => x.organiser_id))].filter((o) => !byOrganiser.has(o));
    for (const organiserId of req ? organisers : []) {
      emit(tx, ctx, {
        type,
        source: `urn:nabij:desk:${req!.desk_id}`,
        subject: requestId,
        organiserId,
        deskId: req!.desk_id,
        data: { requestId, number: req!.number, status: req!.status, locations: [], removedLocations: left.rows.filter((x) => x.organiser_id === organiserId).map((x) => x.location_id), ...extra },
      });
    }
  }
}

async function organiserLocations(tx: Tx, organiserId: string, ids: readonly string[]): Promise<string[]> {
  const r = await sql<{ id: string }>`select id from location where organiser_id = ${organiserId} and id = any(${[...ids]}::uuid[])`.execute(tx);
  return r.rows.map((x) => x.id);
}

/** The organiser of the offer's location. */
export async function emitForOffer(tx: Tx, ctx: AppContext, type: EventType, offerId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const o = await sql<{ organiser_id: string; location_id: string; request_id: string; start_date: string; end_date: string; status: string; deadline: Date; placement_id: string | null; desk_id: string }>`
    select l.organiser_id, o.location_id, o.request_id, o.start_date, o.end_date, o.status, o.deadline, o.placement_id, r.desk_id
    from offer o join location l on l.id = o.location_id join request r on r.id = o.request_id where o.id = ${offerId}`.execute(tx);
  const r = o.rows[0];
  if (!r) return;
  emit(tx, ctx, {
    type,
    source: `urn:nabij:location:${r.location_id}`,
    subject: offerId,
    organiserId: r.organiser_id,
    locationId: r.location_id,
    deskId: r.desk_id,
    data: { offerId, requestId: r.request_id, locationId: r.location_id, start: r.start_date, end: r.end_date, status: r.status, deadline: new Date(r.deadline).toISOString(), placementId: r.placement_id, ...extra },
  });
}

export async function emitForPlacement(tx: Tx, ctx: AppContext, type: EventType, placementId: string, extra: Record<string, unknown> = {}): Promise<void> {
  const p = await sql<{ organiser_id: string; location_id: string; request_id: string | null; start_date: string; end_date: string; care_days: unknown }>`
    select l.organiser_id, p.location_id, p.request_id, p.start_date, p.end_date, p.care_days
    from placement p join location l on l.id = p.location_id where p.id = ${placementId}`.execute(tx);
  const r = p.rows[0];
  if (!r) return;
  emit(tx, ctx, {
    type,
    source: `urn:nabij:location:${r.location_id}`,
    subject: placementId,
    organiserId: r.organiser_id,
    locationId: r.location_id,
    data: { placementId, requestId: r.request_id, locationId: r.location_id, start: r.start_date, end: r.end_date, careDays: r.care_days, ...extra },
  });
}

export interface FeedQuery {
  after: number;
  limit: number;
}

export interface FeedPage {
  events: CloudEvent[];
  /** The cursor to ask with next time: the last position returned, or the one asked with when nothing is new. */
  next: string;
  /** True when the page was full: ask again at once. */
  more: boolean;
}

/** The subscriber's events after a cursor, oldest first, filtered to its organiser in SQL. */
export async function readFeed(ctx: AppContext, actor: Actor, q: FeedQuery): Promise<FeedPage> {
  return runUseCase(ctx, actor, 'events.read', async (tx) => {
    if (actor.role === 'provider_staff' && !actor.organiserId) {
      throw new UserError('forbidden', 'events.no_organiser', null, { nl: 'U werkt niet voor een organisator.', en: 'You do not work for an organiser.' });
    }
    let query = tx.selectFrom('event').select(['position', 'id', 'type', 'source', 'subject', 'time', 'data']).where('position', '>', q.after);
    if (actor.role !== 'admin' && actor.role !== 'system') query = query.where('organiser_id', '=', actor.organiserId ?? NO_ID);
    const rows = await query.orderBy('position').limit(q.limit).execute();
    const events = rows.map(toCloudEvent);
    const subjects = [...new Set(rows.map((r) => r.data.requestId).filter((x): x is string => typeof x === 'string'))];
    if (subjects.length) await audit(tx, actor, 'events.read', subjects);
    return { events, next: events.length ? (events[events.length - 1] as CloudEvent).nabijposition : String(q.after), more: rows.length === q.limit };
  });
}
