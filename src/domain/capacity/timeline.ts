// Capacity over time per weekday: open seats that change on dates, placements that hold half-days, and what stays free.
import { addDays, addMonths, isoWeekday, type CalendarDate } from '../dates.ts';

export const WEEKDAY_COUNT = 5;
/** Each weekday has a morning and an afternoon: a morning child and an afternoon child can share one seat. */
export type Half = 0 | 1;

export interface CapacityChange {
  validFrom: CalendarDate;
  /** Open (staffed) seats Monday to Friday from this date on. */
  openSeats: number[];
}

export interface Occupation {
  start: CalendarDate;
  end: CalendarDate;
  /** Per weekday (index 0 = Monday): which halves the child uses. */
  halves: Array<[boolean, boolean]>;
}

export interface CareDayLike {
  weekday: number;
  part: 'full' | 'morning' | 'afternoon' | string;
}

/** A care pattern (1 = Monday) as half-days per weekday. */
export function halvesOf(days: CareDayLike[]): Array<[boolean, boolean]> {
  const out: Array<[boolean, boolean]> = Array.from({ length: WEEKDAY_COUNT }, () => [false, false]);
  for (const d of days) {
    if (d.weekday < 1 || d.weekday > WEEKDAY_COUNT) continue;
    const h = out[d.weekday - 1] as [boolean, boolean];
    if (d.part !== 'afternoon') h[0] = true;
    if (d.part !== 'morning') h[1] = true;
  }
  return out;
}

/**
 * The day before a child may start kindergarten: the first entry date on or after the day it turns 2.5.
 * Entry dates (instapdata) are configuration; without them, the first weekday on or after that day.
 */
export function defaultPlacementEnd(birthDate: CalendarDate, entryDates: readonly CalendarDate[] = []): CalendarDate {
  const halfThird = addMonths(birthDate, 30);
  const entry = [...entryDates].sort().find((d) => d >= halfThird);
  if (entry) return addDays(entry, -1);
  let d = halfThird;
  while (isoWeekday(d) > 5) d = addDays(d, 1);
  return addDays(d, -1);
}

/** Dates where something changes inside [from, to]: segment starts. */
function breakpoints(from: CalendarDate, to: CalendarDate, changes: readonly CapacityChange[], occ: readonly Occupation[]): CalendarDate[] {
  const set = new Set<CalendarDate>([from]);
  for (const c of changes) if (c.validFrom > from && c.validFrom <= to) set.add(c.validFrom);
  for (const o of occ) {
    if (o.start > from && o.start <= to) set.add(o.start);
    const after = addDays(o.end, 1);
    if (after > from && after <= to) set.add(after);
  }
  return [...set].sort();
}

function openOn(date: CalendarDate, changes: readonly CapacityChange[]): number[] {
  let current: number[] = new Array<number>(WEEKDAY_COUNT).fill(0);
  for (const c of changes) if (c.validFrom <= date) current = c.openSeats;
  return current;
}

export interface FreeSeats {
  /** Per weekday: seats free for a full day over the whole range (the lowest point). */
  fullDay: number[];
  /** Per weekday and half: free seats over the whole range. */
  halves: Array<[number, number]>;
  /** Per weekday: the fewest open seats and the most seats used (busier half) in the range. */
  minOpen: number[];
  maxUsed: number[];
}

/**
 * Seats that stay free on each weekday for the whole range [from, to]: a child starting in the range
 * needs its seat every week, so the lowest point counts.
 */
export function freeSeats(from: CalendarDate, to: CalendarDate, changes: readonly CapacityChange[], occupations: readonly Occupation[]): FreeSeats {
  const sorted = [...changes].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const relevant = occupations.filter((o) => o.start <= to && o.end >= from);
  const min: Array<[number, number]> = Array.from({ length: WEEKDAY_COUNT }, () => [Infinity, Infinity]);
  const minOpen = new Array<number>(WEEKDAY_COUNT).fill(Infinity);
  const maxUsed = new Array<number>(WEEKDAY_COUNT).fill(0);
  for (const at of breakpoints(from, to, sorted, relevant)) {
    const open = openOn(at, sorted);
    for (let d = 0; d < WEEKDAY_COUNT; d++) {
      minOpen[d] = Math.min(minOpen[d] as number, open[d] ?? 0);
      for (const h of [0, 1] as const) {
        let used = 0;
        for (const o of relevant) if (o.start <= at && o.end >= at && (o.halves[d] as [boolean, boolean])[h]) used++;
        maxUsed[d] = Math.max(maxUsed[d] as number, used);
        const free = (open[d] ?? 0) - used;
        const cell = min[d] as [number, number];
        if (free < cell[h]) cell[h] = free;
      }
    }
  }
  const halves = min.map(([a, b]) => [Number.isFinite(a) ? a : 0, Number.isFinite(b) ? b : 0] as [number, number]);
  return { fullDay: halves.map(([a, b]) => Math.min(a, b)), halves, minOpen, maxUsed };
}

/** True when a child with this pattern fits for the whole range. */
export function fits(free: FreeSeats, pattern: Array<[boolean, boolean]>): boolean {
  return pattern.every(([am, pm], d) => (!am || (free.halves[d] as [number, number])[0] >= 1) && (!pm || (free.halves[d] as [number, number])[1] >= 1));
}

export interface MonthOccupancy {
  month: string;
  /** Per weekday: the fewest open seats, the most seats used (busier half), and the seats free all month. */
  open: number[];
  used: number[];
  free: number[];
}

/** Month by month from `start`: open, used and free seats per weekday (for charts and the what-if view). */
export function monthlyOccupancy(start: CalendarDate, months: number, changes: readonly CapacityChange[], occupations: readonly Occupation[]): MonthOccupancy[] {
  const out: MonthOccupancy[] = [];
  const first = `${start.slice(0, 7)}-01`;
  for (let i = 0; i < months; i++) {
    const from = addMonths(first, i);
    const to = addDays(addMonths(first, i + 1), -1);
    const f = freeSeats(from, to, changes, occupations);
    out.push({ month: from.slice(0, 7), open: f.minOpen, used: f.maxUsed, free: f.fullDay });
  }
  return out;
}
