// Use cases for capacity over time: stating open seats, free seats for a period, month-by-month occupancy and what-if.
import { sql } from 'kysely';
import { addDays, addMonths, isCalendarDate, type CalendarDate } from '../domain/dates.ts';
import { invalidFields, notFound, type FieldProblem } from '../domain/errors.ts';
import { defaultPlacementEnd, fits, freeSeats, halvesOf, monthlyOccupancy, WEEKDAY_COUNT, type CapacityChange, type Occupation } from '../domain/capacity/timeline.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from './context.ts';
import type { Actor } from './permissions.ts';
import { locationScope, requestScope } from './scopes.ts';

async function reachableLocation(tx: Tx, actor: Actor, id: string, write = false) {
  const r = await sql<{ id: string; name: string; organiser_id: string; licensed_capacity: number; opening_weekdays: number[] }>`
    select l.id, l.name, l.organiser_id, l.licensed_capacity, l.opening_weekdays from location l where l.id = ${id} and ${locationScope(actor)}`.execute(tx);
  const l = r.rows[0];
  if (!l || (write && actor.role === 'provider_staff' && l.organiser_id !== actor.organiserId)) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' });
  return l;
}

/**
 * The stated capacity and the placements of a location that touch [from, to]. Without any statement the licensed
 * capacity on the opening days counts, and the answer says it was not stated.
 */
export async function loadCapacity(tx: Tx, locationId: string, from: CalendarDate, to: CalendarDate) {
  const l = await tx.selectFrom('location').select(['licensed_capacity', 'opening_weekdays']).where('id', '=', locationId).executeTakeFirstOrThrow();
  const rows = await tx.selectFrom('location_capacity').select(['valid_from', 'open_seats']).where('location_id', '=', locationId).orderBy('valid_from').execute();
  const changes: CapacityChange[] = rows.length
    ? rows.map((r) => ({ validFrom: r.valid_from, openSeats: r.open_seats }))
    : [{ validFrom: '1900-01-01', openSeats: Array.from({ length: WEEKDAY_COUNT }, (_, d) => (l.opening_weekdays.includes(d + 1) ? l.licensed_capacity : 0)) }];
  const placements = await tx
    .selectFrom('placement')
    .select(['start_date', 'end_date', 'care_days'])
    .where('location_id', '=', locationId)
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .execute();
  const occupations: Occupation[] = placements.map((p) => ({ start: p.start_date, end: p.end_date, halves: halvesOf(p.care_days) }));
  return { changes, occupations, stated: rows.length > 0 };
}

export interface CapacityInput {
  validFrom: CalendarDate;
  openSeats: number[];
  note?: string;
}

export async function setCapacity(ctx: AppContext, actor: Actor, locationId: string, input: CapacityInput) {
  return runUseCase(ctx, actor, 'capacity.write', async (tx) => {
    const l = await reachableLocation(tx, actor, locationId, true);
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(input.validFrom)) problems.push({ field: 'validFrom', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    // The API schema checks this too; pages, imports and the CLI reach this use case without it.
    if (input.openSeats.length !== 5) problems.push({ field: 'openSeats', code: 'capacity.weekdays', nl: 'Geef het aantal plaatsen voor elke weekdag, maandag tot vrijdag.', en: 'Give the number of seats for every weekday, Monday to Friday.' });
    input.openSeats.forEach((n, d) => {
      if (!Number.isInteger(n) || n < 0) problems.push({ field: `openSeats.${d}`, code: 'capacity.not_a_count', nl: 'Geef een geheel aantal plaatsen, 0 of meer.', en: 'Give a whole number of seats, 0 or more.' });
      else if (n > l.licensed_capacity) problems.push({ field: `openSeats.${d}`, code: 'capacity.above_licence', nl: `Meer open plaatsen dan de vergunning toelaat (${l.licensed_capacity}).`, en: `More open seats than the licence allows (${l.licensed_capacity}).` });
      if (n > 0 && !l.opening_weekdays.includes(d + 1)) problems.push({ field: `openSeats.${d}`, code: 'capacity.closed_day', nl: 'De locatie is die dag gesloten.', en: 'The location is closed that day.' });
    });
    if (problems.length) throw invalidFields(problems);
    await tx
      .insertInto('location_capacity')
      .values({ location_id: locationId, valid_from: input.validFrom, open_seats: input.openSeats, note: input.note?.trim() || null, recorded_by: actor.userId })
      .onConflict((oc) => oc.columns(['location_id', 'valid_from']).doUpdateSet({ open_seats: input.openSeats, note: input.note?.trim() || null, recorded_by: actor.userId, recorded_at: ctx.now() }))
      .execute();
    await audit(tx, actor, 'capacity.write', []);
    const rows = await tx.selectFrom('location_capacity').select(['valid_from', 'open_seats', 'note']).where('location_id', '=', locationId).orderBy('valid_from').execute();
    return { locationId, changes: rows.map((r) => ({ validFrom: r.valid_from, openSeats: r.open_seats, note: r.note })) };
  });
}

export async function getFreeSeats(ctx: AppContext, actor: Actor, locationId: string, from: CalendarDate, to: CalendarDate) {
  return runUseCase(ctx, actor, 'capacity.read', async (tx) => {
    await reachableLocation(tx, actor, locationId);
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) throw invalidFields([{ field: 'to', code: 'date.order', nl: 'Geef een geldige periode: de einddatum ligt niet vóór de begindatum.', en: 'Give a valid period: the end date is not before the start date.' }]);
    const c = await loadCapacity(tx, locationId, from, to);
    return { locationId, from, to, stated: c.stated, changes: c.changes, free: freeSeats(from, to, c.changes, c.occupations) };
  });
}

export async function getOccupancy(ctx: AppContext, actor: Actor, locationId: string, months = 12) {
  return runUseCase(ctx, actor, 'capacity.read', async (tx) => {
    await reachableLocation(tx, actor, locationId);
    const from = `${today(ctx).slice(0, 7)}-01`;
    const to = addDays(addMonths(from, months), -1);
    const c = await loadCapacity(tx, locationId, from, to);
    return { locationId, stated: c.stated, changes: c.changes, months: monthlyOccupancy(from, months, c.changes, c.occupations) };
  });
}

/** Occupancy over the next 3 and 6 months with and without placing one request's child from a start date. */
export async function whatIf(ctx: AppContext, actor: Actor, locationId: string, requestId: string, start: CalendarDate) {
  return runUseCase(ctx, actor, 'capacity.read', async (tx) => {
    await reachableLocation(tx, actor, locationId);
    const r = await tx
      .selectFrom('request')
      .innerJoin('child', 'child.id', 'request.child_id')
      .select(['request.id', 'request.care_days', 'child.id as child_id', 'child.birth_date', 'child.due_date'])
      .where('request.id', '=', requestId)
      .where(requestScope(actor))
      .executeTakeFirst();
    if (!r) throw notFound({ nl: 'Deze aanvraag', en: 'This request' }, 'requestId');
    if (!isCalendarDate(start)) throw invalidFields([{ field: 'start', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' }]);
    const end = defaultPlacementEnd((r.birth_date ?? r.due_date) as string, ctx.kindergartenEntryDates);
    const c = await loadCapacity(tx, locationId, `${start.slice(0, 7)}-01`, addMonths(start, 6));
    const child: Occupation = { start, end, halves: halvesOf(r.care_days) };
    const horizon = (months: number) => ({
      months,
      without: monthlyOccupancy(start, months, c.changes, c.occupations),
      with: monthlyOccupancy(start, months, c.changes, [...c.occupations, child]),
    });
    await audit(tx, actor, 'capacity.what_if', [r.child_id]);
    return {
      locationId,
      requestId,
      start,
      placementEnd: end,
      fitsFor3Months: fits(freeSeats(start, addDays(addMonths(start, 3), -1), c.changes, c.occupations), child.halves),
      fitsFor6Months: fits(freeSeats(start, addDays(addMonths(start, 6), -1), c.changes, c.occupations), child.halves),
      threeMonths: horizon(3),
      sixMonths: horizon(6),
    };
  });
}
