// The integration API's own use cases: capacity in bulk, placement reports, placements and requests per own location.
import { sql } from 'kysely';
import { isCalendarDate } from '../../domain/dates.ts';
import { invalidFields, UserError, type FieldProblem } from '../../domain/errors.ts';
import { audit, runUseCase, type AppContext } from '../context.ts';
import { ownLocation } from '../deviations.ts';
import type { Actor } from '../permissions.ts';
import { loadRequestViews } from '../request-views.ts';
import { NO_ID, requestScope } from '../scopes.ts';
import { emitForPlacement } from './events.ts';

/** At most this many problems are listed in one answer; the message gives the total. */
const MAX_DETAILS = 200;

function batchProblems(problems: FieldProblem[], kind: 'invalid' | 'not_found' = 'invalid'): UserError {
  const shown = problems.slice(0, MAX_DETAILS);
  const first = shown[0] as FieldProblem;
  const more = problems.length > MAX_DETAILS ? ` (${MAX_DETAILS} getoond / shown)` : '';
  if (kind === 'not_found') {
    return new UserError('not_found', 'batch.unknown_items', first.field, {
      nl: `${problems.length} regel(s) verwijzen naar iets dat niet bestaat of niet van uw organisator is. Er werd niets opgeslagen.${more}`,
      en: `${problems.length} item(s) refer to something that does not exist or is not your organiser’s. Nothing was stored.${more}`,
    }, shown);
  }
  if (problems.length === 1) return new UserError('invalid', first.code, first.field, { nl: `${first.nl} Er werd niets opgeslagen.`, en: `${first.en} Nothing was stored.` }, shown);
  return new UserError('invalid', 'batch.invalid_items', first.field, {
    nl: `${problems.length} fouten in de regels. Er werd niets opgeslagen; verbeter ze en stuur alles opnieuw.${more}`,
    en: `${problems.length} problems in the items. Nothing was stored; correct them and send everything again.${more}`,
  }, shown);
}

export interface CapacityItem {
  /** Nabij's location id, or the Opgroeien location id. */
  locationId?: string;
  opgroeienId?: string;
  validFrom: string;
  openSeats: number[];
  note?: string;
}

/**
 * Open seats per weekday for many locations and dates in one batch: all items are stored, or none, with a problem
 * per item. Locations are found by Nabij id or Opgroeien id and must belong to the actor's organiser.
 */
export async function publishCapacity(ctx: AppContext, actor: Actor, items: CapacityItem[]) {
  return runUseCase(ctx, actor, 'capacity.write', async (tx) => {
    const ids = [...new Set(items.map((i) => i.locationId).filter((x): x is string => !!x))];
    const ogs = [...new Set(items.map((i) => i.opgroeienId).filter((x): x is string => !!x))];
    const own = actor.role === 'admin' || actor.role === 'system' ? null : (actor.organiserId ?? NO_ID);
    const rows = await sql<{ id: string; opgroeien_id: string | null; licensed_capacity: number; opening_weekdays: number[] }>`
      select id, opgroeien_id, licensed_capacity, opening_weekdays from location
      where (id = any(${ids}::uuid[]) or opgroeien_id = any(${ogs}::text[])) and (${own}::uuid is null or organiser_id = ${own}::uuid)`.execute(tx);
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    const byOg = new Map(rows.rows.filter((r) => r.opgroeien_id).map((r) => [r.opgroeien_id as string, r]));

    const unknown: FieldProblem[] = [];
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    const resolved: Array<{ locationId: string; validFrom: string; seats: number[]; note: string | null }> = [];
    items.forEach((item, i) => {
      const at = `items.${i}`;
      if (!item.locationId === !item.opgroeienId) {
        problems.push({ field: `${at}.locationId`, code: 'batch.one_key', nl: 'Geef locationId of opgroeienId, niet allebei en niet geen van beide.', en: 'Give locationId or opgroeienId, not both and not neither.' });
        return;
      }
      const l = item.locationId ? byId.get(item.locationId) : byOg.get(item.opgroeienId as string);
      if (!l) {
        unknown.push({ field: item.locationId ? `${at}.locationId` : `${at}.opgroeienId`, code: 'location.not_found', nl: 'Deze opvanglocatie bestaat niet of is niet van uw organisator.', en: 'This location does not exist or is not your organiser’s.' });
        return;
      }
      if (!isCalendarDate(item.validFrom)) problems.push({ field: `${at}.validFrom`, code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
      const key = `${l.id} ${item.validFrom}`;
      const twice = seen.get(key);
      if (twice !== undefined) problems.push({ field: `${at}.validFrom`, code: 'batch.duplicate', nl: `Dezelfde locatie en datum staan al in regel ${twice}.`, en: `The same location and date are already in item ${twice}.` });
      seen.set(key, i);
      item.openSeats.forEach((n, d) => {
        if (n > l.licensed_capacity) problems.push({ field: `${at}.openSeats.${d}`, code: 'capacity.above_licence', nl: `Meer open plaatsen dan de vergunning toelaat (${l.licensed_capacity}).`, en: `More open seats than the licence allows (${l.licensed_capacity}).` });
        if (n > 0 && !l.opening_weekdays.includes(d + 1)) problems.push({ field: `${at}.openSeats.${d}`, code: 'capacity.closed_day', nl: 'De locatie is die dag gesloten.', en: 'The location is closed that day.' });
      });
      resolved.push({ locationId: l.id, validFrom: item.validFrom, seats: item.openSeats, note: item.note?.trim() || null });
    });
    // Someone else's location is answered like a missing one (404), so the batch reveals nothing about it.
    if (unknown.length) throw batchProblems(unknown, 'not_found');
    if (problems.length) throw batchProblems(problems);

    const col = (d: number) => resolved.map((r) => r.seats[d] as number);
    await sql`
      insert into location_capacity (location_id, valid_from, open_seats, note, recorded_by, recorded_at)
      select t.l, t.v, array[t.s1, t.s2, t.s3, t.s4, t.s5]::smallint[], t.n, ${actor.userId}::uuid, ${ctx.now()}::timestamptz
      from unnest(${resolved.map((r) => r.locationId)}::uuid[], ${resolved.map((r) => r.validFrom)}::date[], ${col(0)}::int[], ${col(1)}::int[], ${col(2)}::int[], ${col(3)}::int[], ${col(4)}::int[], ${resolved.map((r) => r.note)}::text[])
        as t(l, v, s1, s2, s3, s4, s5, n)
      on conflict (location_id, valid_from) do update
        set open_seats = excluded.open_seats, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`.execute(tx);
    await audit(tx, actor, 'capacity.write.bulk', []);
    return { stored: resolved.length, locations: new Set(resolved.map((r) => r.locationId)).size };
  });
}

export interface PlacementReport {
  placementId: string;
  /** The day the child actually started (only later than planned: an earlier start needs a new offer). */
  start?: string;
  /** The last day of care as now planned (only earlier than before: a longer stay needs a new offer). */
  end?: string;
  /** The child left: the last day it was cared for, with an optional reason. */
  departedOn?: string;
  reason?: string;
}

/**
 * Reports on placements at the organiser's locations, all or nothing. Changes can only shorten a placement, so
 * they free seats and can never overbook a location.
 */
export async function reportPlacements(ctx: AppContext, actor: Actor, items: PlacementReport[]) {
  return runUseCase(ctx, actor, 'placement.report', async (tx) => {
    const ids = [...new Set(items.map((i) => i.placementId))];
    const own = actor.role === 'admin' || actor.role === 'system' ? null : (actor.organiserId ?? NO_ID);
    const rows = await sql<{ id: string; start_date: string; end_date: string; child_id: string }>`
      select p.id, p.start_date, p.end_date, p.child_id from placement p join location l on l.id = p.location_id
      where p.id = any(${ids}::uuid[]) and (${own}::uuid is null or l.organiser_id = ${own}::uuid)
      for update of p`.execute(tx);
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    const unknown: FieldProblem[] = [];
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const changes: Array<{ id: string; start: string; end: string; departedOn: string | null; reason: string | null; childId: string }> = [];
    items.forEach((item, i) => {
      const at = `items.${i}`;
      const p = byId.get(item.placementId);
      if (!p) {
        unknown.push({ field: `${at}.placementId`, code: 'placement.not_found', nl: 'Deze plaatsing bestaat niet of is niet bij uw organisator.', en: 'This placement does not exist or is not at your organiser.' });
        return;
      }
      if (seen.has(p.id)) problems.push({ field: `${at}.placementId`, code: 'batch.duplicate', nl: 'Deze plaatsing staat al in een vorige regel.', en: 'This placement is already in an earlier item.' });
      seen.add(p.id);
      const before = problems.length;
      for (const f of ['start', 'end', 'departedOn'] as const) {
        const v = item[f];
        if (v !== undefined && !isCalendarDate(v)) problems.push({ field: `${at}.${f}`, code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
      }
      if (item.start === undefined && item.end === undefined && item.departedOn === undefined) {
        problems.push({ field: at, code: 'placement.nothing', nl: 'Geef een startdatum, einddatum of vertrekdatum.', en: 'Give a start, end or departure date.' });
      }
      if (problems.length > before) return;
      const start = item.start ?? p.start_date;
      const end = item.departedOn ?? item.end ?? p.end_date;
      if (start < p.start_date) problems.push({ field: `${at}.start`, code: 'placement.start_earlier', nl: 'Een vroegere start kan niet via een melding. Doe een nieuw aanbod.', en: 'An earlier start cannot be reported. Make a new offer.' });
      if (end > p.end_date) problems.push({ field: `${at}.${item.departedOn ? 'departedOn' : 'end'}`, code: 'placement.end_later', nl: 'Een langer verblijf kan niet via een melding. Doe een nieuw aanbod.', en: 'A longer stay cannot be reported. Make a new offer.' });
      if (end < start) problems.push({ field: `${at}.${item.departedOn ? 'departedOn' : 'end'}`, code: 'placement.end_before_start', nl: 'De laatste dag ligt vóór de eerste dag.', en: 'The last day is before the first day.' });
      if (item.reason && !item.departedOn) problems.push({ field: `${at}.reason`, code: 'placement.reason_without_departure', nl: 'Een reden hoort bij een vertrek (departedOn).', en: 'A reason goes with a departure (departedOn).' });
      changes.push({ id: p.id, start, end, departedOn: item.departedOn ?? null, reason: item.reason?.trim() || null, childId: p.child_id });
    });
    if (unknown.length) throw batchProblems(unknown, 'not_found');
    if (problems.length) throw batchProblems(problems);
    for (const c of changes) {
      await tx
        .updateTable('placement')
        .set({ start_date: c.start, end_date: c.end, reported_at: ctx.now(), ...(c.departedOn ? { departed_on: c.departedOn, departure_reason: c.reason } : {}) })
        .where('id', '=', c.id)
        .execute();
      await emitForPlacement(tx, ctx, 'placement.changed', c.id, { departedOn: c.departedOn });
    }
    await audit(tx, actor, 'placement.report', changes.map((c) => c.childId));
    return { stored: changes.length };
  });
}

export async function listPlacements(ctx: AppContext, actor: Actor, q: { locationId?: string; activeOn?: string; limit?: number; offset?: number }) {
  return runUseCase(ctx, actor, 'placement.read', async (tx) => {
    if (q.locationId) await ownLocation(tx, actor, q.locationId);
    if (q.activeOn !== undefined && !isCalendarDate(q.activeOn)) throw invalidFields([{ field: 'activeOn', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' }]);
    let query = tx
      .selectFrom('placement')
      .innerJoin('location', 'location.id', 'placement.location_id')
      .innerJoin('child', 'child.id', 'placement.child_id')
      .select(['placement.id', 'placement.location_id', 'location.name as location_name', 'placement.request_id', 'placement.child_id', 'child.given_name', 'child.family_name', 'placement.start_date', 'placement.end_date', 'placement.care_days', 'placement.departed_on', 'placement.departure_reason']);
    if (actor.role !== 'admin' && actor.role !== 'system') query = query.where('location.organiser_id', '=', actor.organiserId ?? NO_ID);
    if (q.locationId) query = query.where('placement.location_id', '=', q.locationId);
    if (q.activeOn) query = query.where('placement.start_date', '<=', q.activeOn).where('placement.end_date', '>=', q.activeOn);
    const rows = await query.orderBy('placement.start_date').orderBy('placement.id').limit(q.limit ?? 500).offset(q.offset ?? 0).execute();
    await audit(tx, actor, 'placement.read', rows.map((r) => r.child_id));
    // The location's and child's names are for the workspace; the integration API leaves them out.
    return rows.map((r) => ({ id: r.id, locationId: r.location_id, location: r.location_name, child: `${r.given_name ?? ''} ${r.family_name}`.trim(), requestId: r.request_id, start: r.start_date, end: r.end_date, careDays: r.care_days, departedOn: r.departed_on ?? null, departureReason: r.departure_reason ?? null }));
  });
}

/** The open (or all) requests that list one of the organiser's locations: 404 for someone else's location. */
export async function requestsAtLocation(ctx: AppContext, actor: Actor, locationId: string, q: { status?: 'open' | 'all'; limit?: number; offset?: number }) {
  return runUseCase(ctx, actor, 'request.read', async (tx) => {
    await ownLocation(tx, actor, locationId);
    let query = tx
      .selectFrom('request')
      .innerJoin('request_location', 'request_location.request_id', 'request.id')
      .select(['request.id', 'request.child_id'])
      .where('request_location.location_id', '=', locationId)
      .where(requestScope(actor));
    if ((q.status ?? 'open') === 'open') query = query.where('request.status', 'in', ['registered', 'active', 'offered']);
    const rows = await query.orderBy('request.registered_on').orderBy('request.number').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
    await audit(tx, actor, 'request.list', rows.map((r) => r.child_id));
    return { locationId, items: await loadRequestViews(tx, actor, rows.map((r) => r.id)) };
  });
}
