// A matching instance: locations with seats per weekday half, requests (or sibling groups) with ranked wishes, priorities
// and start windows. The engine works on flat typed arrays so a million requests fit in memory; `compile` builds them.
import { addDays, isCalendarDate } from '../dates.ts';
import { invalidFields, UserError, type FieldProblem } from '../errors.ts';

export const WEEKDAYS = 5;
/** Each weekday has a morning and an afternoon half: slot = 2 × weekday + half (0 = morning). */
export const SLOTS = 10;

/** The documented JSON form (schema: docs/matching-instance.schema.json). */
export interface InstanceJson {
  /** The start period of the round; a request whose start window misses it is not in the round. */
  period?: { from: string; to: string };
  /** The day the instance was made: a window that ran out while the family waited runs from this day. */
  today?: string;
  /** `capacity`: free seats per weekday (both halves); `halves`: free seats per half, Monday morning first. */
  locations: Array<{ id: string; name?: string; capacity?: number[]; halves?: number[] }>;
  requests: Array<{
    id: string;
    /** Seats needed per weekday, the whole day, Monday first: [1,1,0,1,0] = Monday, Tuesday and Thursday. */
    days?: number[];
    /** Or per half day, Monday morning first: [1,0, 0,0, …] = Monday morning only. */
    halves?: number[];
    /** Most wanted first. A lower priority number goes first at that location (rule tier, then tie-break). */
    preferences: Array<{ location: string; priority: number }>;
    /** Children of one family applying together: placed together or not at all. */
    siblingGroup?: string;
    /** Labels for the outcome report, e.g. the priority group and whether the family is vulnerable. */
    group?: string;
    vulnerable?: boolean;
    /** Desired start date and the weeks the family can wait after it: the start window. */
    start?: string;
    flexibilityWeeks?: number;
  }>;
}

/** The flat form. A unit is one request, or a sibling group proposing jointly. */
export interface Instance {
  locationCount: number;
  /** locationCount × SLOTS free seats. */
  capacity: Int32Array;
  unitCount: number;
  /** unitCount × SLOTS seats a unit needs (a sibling group adds up its children). */
  demand: Int32Array;
  /** Children in each unit: what placing it counts for. */
  children: Int32Array;
  /** Offsets into the preference arrays: unit u's wishes are prefStart[u] … prefStart[u+1]-1. */
  prefStart: Int32Array;
  prefLocation: Int32Array;
  /** Lower goes first. */
  prefPriority: Float64Array;
}

export interface CompiledInstance {
  instance: Instance;
  locationIds: string[];
  locationNames: string[];
  requestCount: number;
  requestId(i: number): string;
  /** The unit of each request, -1 when its start window misses the period. */
  requestUnit: Int32Array;
  /** Requests of each unit: members[memberStart[u] … memberStart[u+1]-1]. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Report labels per request. */
  groupNames: string[];
  requestGroup: Int32Array;
  vulnerable: Uint8Array;
  /** Per request: the first day it could start in the period (null without dates), and its window when outside. */
  startDate: Array<string | null> | null;
  outside: Map<number, { from: string; to: string }>;
  /** Per request: wishes left out because not every sibling listed them (location indices). */
  notAllSiblings: Map<number, number[]>;
  /** Seats per slot of each request (requestCount × SLOTS); null when every child of a unit needs an equal share. */
  requestSlots: Int32Array | null;
}

/** An instance the engine cannot use: the error names the path of the first problems, e.g. requests[12].preferences[0].priority. */
export class InstanceError extends UserError {
  constructor(problems: FieldProblem[]) {
    const e = invalidFields(problems);
    super('invalid', e.code, e.field, { nl: problems.map((p) => p.nl).join('; '), en: problems.map((p) => p.en).join('; ') }, problems);
    this.name = 'InstanceError';
  }
}

const MAX_PROBLEMS = 20;

class Problems {
  list: FieldProblem[] = [];
  add(field: string, code: string, nl: string, en: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, code, nl: `${field}: ${nl}`, en: `${field}: ${en}` });
  }
  get full() {
    return this.list.length >= MAX_PROBLEMS;
  }
}

function wholeList(p: Problems, path: string, v: unknown, length: number, needSome: boolean): v is number[] {
  if (!Array.isArray(v) || v.length !== length) {
    p.add(path, 'instance.list', `moet een lijst van ${length} gehele getallen zijn`, `must be a list of ${length} whole numbers`);
    return false;
  }
  let some = false;
  for (let i = 0; i < length; i++) {
    const x = v[i] as unknown;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) {
      p.add(`${path}[${i}]`, 'instance.whole', 'moet een geheel getal ≥ 0 zijn', 'must be a whole number ≥ 0');
      return false;
    }
    if (x > 0) some = true;
  }
  if (needSome && !some) {
    p.add(path, 'instance.no_days', 'vraagt op geen enkele dag een plaats', 'asks for a seat on no day');
    return false;
  }
  return true;
}

/** An entry's id: a non-empty text seen once in its list; returns false when the entry cannot be read further. */
function idOf(p: Problems, list: 'locations' | 'requests', i: number, x: { id?: unknown } | null, index: Map<string, number>): x is { id: string } {
  const path = `${list}[${i}]`;
  if (!x || typeof x !== 'object' || !isText(x.id)) {
    p.add(`${path}.id`, 'instance.id', 'moet een niet-lege tekst zijn', 'must be a non-empty text');
    return false;
  }
  const seen = index.get(x.id);
  if (seen !== undefined) p.add(`${path}.id`, 'instance.duplicate_id', `'${x.id}' komt twee keer voor (ook ${list}[${seen}])`, `'${x.id}' appears twice (also ${list}[${seen}])`);
  index.set(x.id, i);
  return true;
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/** Seats per slot from `days` (whole days) or `halves`; validated first. */
function slotsOf(p: Problems, path: string, full: unknown, halves: unknown, needSome: boolean, fullName: string): number[] | null {
  if ((full === undefined) === (halves === undefined)) {
    p.add(path, 'instance.days_or_halves', `heeft '${fullName}' of 'halves' nodig, niet beide`, `needs '${fullName}' or 'halves', not both`);
    return null;
  }
  if (halves !== undefined) return wholeList(p, `${path}.halves`, halves, SLOTS, needSome) ? halves : null;
  if (!wholeList(p, `${path}.${fullName}`, full, WEEKDAYS, needSome)) return null;
  const out = new Array<number>(SLOTS);
  for (let d = 0; d < WEEKDAYS; d++) out[2 * d] = out[2 * d + 1] = full[d] as number;
  return out;
}

/**
 * Checks the instance and builds the flat form. Sibling groups propose jointly to the locations every child listed, in
 * the first child's order, with the best (lowest) priority among the children at each location.
 */
export function compile(json: InstanceJson): CompiledInstance {
  const p = new Problems();
  if (json === null || typeof json !== 'object' || !Array.isArray(json.locations) || !Array.isArray(json.requests)) {
    p.add('instance', 'instance.shape', "heeft de lijsten 'locations' en 'requests' nodig", "needs the lists 'locations' and 'requests'");
    throw new InstanceError(p.list);
  }
  let period: { from: string; to: string } | null = null;
  if (json.period !== undefined) {
    const pr = json.period;
    if (!pr || !isText(pr.from) || !isText(pr.to) || !isCalendarDate(pr.from) || !isCalendarDate(pr.to) || pr.to < pr.from) p.add('period', 'instance.period', 'moet { from, to } zijn met twee datums, from niet na to', 'must be { from, to } with two dates, from not after to');
    else period = pr;
  }
  const today = json.today;
  if (today !== undefined && (!isText(today) || !isCalendarDate(today))) p.add('today', 'instance.date', 'moet een datum zijn (JJJJ-MM-DD)', 'must be a date (YYYY-MM-DD)');

  const M = json.locations.length;
  const locationIndex = new Map<string, number>();
  const capacity = new Int32Array(M * SLOTS);
  const locationIds = new Array<string>(M);
  const locationNames = new Array<string>(M);
  for (let i = 0; i < M; i++) {
    const l = json.locations[i] as InstanceJson['locations'][number];
    const path = `locations[${i}]`;
    if (!idOf(p, 'locations', i, l, locationIndex)) continue;
    locationIds[i] = l.id;
    locationNames[i] = typeof l.name === 'string' && l.name ? l.name : l.id;
    const slots = slotsOf(p, path, l.capacity, l.halves, false, 'capacity');
    if (slots) for (let s = 0; s < SLOTS; s++) capacity[i * SLOTS + s] = slots[s] as number;
  }

  const R = json.requests.length;
  const requestIds = new Array<string>(R);
  const requestIndex = new Map<string, number>();
  const requestSlots = new Int32Array(R * SLOTS);
  const requestUnit = new Int32Array(R).fill(-1);
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];
  const requestGroup = new Int32Array(R);
  const vulnerable = new Uint8Array(R);
  const startDate: Array<string | null> | null = period || json.requests.some((r) => r && r.start !== undefined) ? new Array<string | null>(R).fill(null) : null;
  const outside = new Map<number, { from: string; to: string }>();
  for (let i = 0; i < R && !p.full; i++) {
    const r = json.requests[i] as InstanceJson['requests'][number];
    const path = `requests[${i}]`;
    if (!idOf(p, 'requests', i, r, requestIndex)) continue;
    requestIds[i] = r.id;
    const slots = slotsOf(p, path, r.days, r.halves, true, 'days');
    if (slots) for (let s = 0; s < SLOTS; s++) requestSlots[i * SLOTS + s] = slots[s] as number;
    if (!Array.isArray(r.preferences)) p.add(`${path}.preferences`, 'instance.list', 'moet een lijst zijn', 'must be a list');
    else {
      const listed = new Set<string>();
      for (let k = 0; k < r.preferences.length; k++) {
        const q = r.preferences[k] as { location: unknown; priority: unknown };
        const qp = `${path}.preferences[${k}]`;
        if (!q || typeof q !== 'object') {
          p.add(qp, 'instance.object', 'moet { location, priority } zijn', 'must be { location, priority }');
          continue;
        }
        if (typeof q.priority !== 'number' || !Number.isFinite(q.priority)) p.add(`${qp}.priority`, 'instance.not_number', 'moet een getal zijn', 'must be a number');
        if (typeof q.location !== 'string' || !locationIndex.has(q.location)) p.add(`${qp}.location`, 'instance.unknown_location', `onbekende locatie ${JSON.stringify(q.location)}`, `unknown location ${JSON.stringify(q.location)}`);
        else if (listed.has(q.location)) p.add(`${qp}.location`, 'instance.duplicate_wish', `${q.location} staat twee keer in de wensen`, `${q.location} is listed twice`);
        else listed.add(q.location);
      }
    }
    if (r.siblingGroup !== undefined && !isText(r.siblingGroup)) p.add(`${path}.siblingGroup`, 'instance.text', 'moet een niet-lege tekst zijn', 'must be a non-empty text');
    if (r.group !== undefined && typeof r.group !== 'string') p.add(`${path}.group`, 'instance.text', 'moet een tekst zijn', 'must be a text');
    if (r.vulnerable !== undefined && typeof r.vulnerable !== 'boolean') p.add(`${path}.vulnerable`, 'instance.boolean', 'moet true of false zijn', 'must be true or false');
    if (r.start !== undefined && (!isText(r.start) || !isCalendarDate(r.start))) p.add(`${path}.start`, 'instance.date', 'moet een datum zijn (JJJJ-MM-DD)', 'must be a date (YYYY-MM-DD)');
    if (r.flexibilityWeeks !== undefined && (typeof r.flexibilityWeeks !== 'number' || !Number.isInteger(r.flexibilityWeeks) || r.flexibilityWeeks < 0)) p.add(`${path}.flexibilityWeeks`, 'instance.whole', 'moet een geheel getal ≥ 0 zijn', 'must be a whole number ≥ 0');
    const g = r.group ?? 'none';
    let gi = groupIndex.get(g);
    if (gi === undefined) {
      gi = groupNames.length;
      groupIndex.set(g, gi);
      groupNames.push(g);
    }
    requestGroup[i] = gi;
    vulnerable[i] = r.vulnerable ? 1 : 0;
  }
  if (p.list.length) throw new InstanceError(p.list);

  // Start windows: [start, max(start, today) + flexibility]; in the round when it meets the period.
  if (startDate) {
    for (let i = 0; i < R; i++) {
      const r = json.requests[i] as InstanceJson['requests'][number];
      if (r.start === undefined) {
        startDate[i] = period ? period.from : null;
        continue;
      }
      const to = addDays(today && today > r.start ? today : r.start, 7 * (r.flexibilityWeeks ?? 0));
      if (period && (r.start > period.to || to < period.from)) {
        outside.set(i, { from: r.start, to });
        continue;
      }
      startDate[i] = period && period.from > r.start ? period.from : r.start;
    }
  }

  // Units: a request alone, or the siblings of one group (in the order they first appear).
  const unitOfGroup = new Map<string, number>();
  const unitFirst: number[] = [];
  const unitSize: number[] = [];
  for (let i = 0; i < R; i++) {
    if (outside.has(i)) continue;
    const sg = (json.requests[i] as InstanceJson['requests'][number]).siblingGroup;
    if (sg !== undefined) {
      const u = unitOfGroup.get(sg);
      if (u !== undefined) {
        requestUnit[i] = u;
        unitSize[u]!++;
        continue;
      }
      unitOfGroup.set(sg, unitFirst.length);
    }
    requestUnit[i] = unitFirst.length;
    unitFirst.push(i);
    unitSize.push(1);
  }
  const U = unitFirst.length;
  const memberStart = new Int32Array(U + 1);
  for (let u = 0; u < U; u++) memberStart[u + 1] = (memberStart[u] as number) + (unitSize[u] as number);
  const members = new Int32Array(memberStart[U] as number);
  const fill = memberStart.slice(0, U);
  for (let i = 0; i < R; i++) {
    const u = requestUnit[i] as number;
    if (u >= 0) members[fill[u]!++] = i;
  }

  const demand = new Int32Array(U * SLOTS);
  const children = new Int32Array(U);
  const prefStart = new Int32Array(U + 1);
  let entries = 0;
  for (let u = 0; u < U; u++) entries += (json.requests[unitFirst[u] as number] as InstanceJson['requests'][number]).preferences.length;
  const prefLocation = new Int32Array(entries);
  const prefPriority = new Float64Array(entries);
  const notAllSiblings = new Map<number, number[]>();
  let used = 0;
  for (let u = 0; u < U; u++) {
    prefStart[u] = used;
    const a = memberStart[u] as number;
    const b = memberStart[u + 1] as number;
    children[u] = b - a;
    for (let k = a; k < b; k++) {
      const m = members[k] as number;
      for (let s = 0; s < SLOTS; s++) demand[u * SLOTS + s]! += requestSlots[m * SLOTS + s] as number;
    }
    const first = json.requests[members[a] as number] as InstanceJson['requests'][number];
    if (b - a === 1) {
      for (const q of first.preferences) {
        prefLocation[used] = locationIndex.get(q.location) as number;
        prefPriority[used++] = q.priority;
      }
      continue;
    }
    // Siblings: a location counts when every child listed it; the others are noted for the reasons.
    const best = new Map<string, number>();
    const count = new Map<string, number>();
    for (let k = a; k < b; k++) {
      for (const q of (json.requests[members[k] as number] as InstanceJson['requests'][number]).preferences) {
        count.set(q.location, (count.get(q.location) ?? 0) + 1);
        best.set(q.location, Math.min(best.get(q.location) ?? Infinity, q.priority));
      }
    }
    for (const q of first.preferences) {
      if (count.get(q.location) !== b - a) continue;
      prefLocation[used] = locationIndex.get(q.location) as number;
      prefPriority[used++] = best.get(q.location) as number;
    }
    for (let k = a; k < b; k++) {
      const m = members[k] as number;
      const left = (json.requests[m] as InstanceJson['requests'][number]).preferences.filter((q) => count.get(q.location) !== b - a).map((q) => locationIndex.get(q.location) as number);
      if (left.length) notAllSiblings.set(m, left);
    }
  }
  prefStart[U] = used;
  return {
    instance: { locationCount: M, capacity, unitCount: U, demand, children, prefStart, prefLocation: used === entries ? prefLocation : prefLocation.slice(0, used), prefPriority: used === entries ? prefPriority : prefPriority.slice(0, used) },
    locationIds,
    locationNames,
    requestCount: R,
    requestId: (i) => requestIds[i] as string,
    requestUnit,
    memberStart,
    members,
    groupNames,
    requestGroup,
    vulnerable,
    startDate,
    outside,
    notAllSiblings,
    requestSlots,
  };
}

/** One request per child, in unit order: the compiled form of a flat instance (generated or read from the compact format). */
export function compileFlat(instance: Instance, ids?: { request?: (i: number) => string; location?: (L: number) => string }): CompiledInstance {
  const U = instance.unitCount;
  let R = 0;
  for (let u = 0; u < U; u++) R += instance.children[u] as number;
  const memberStart = new Int32Array(U + 1);
  const requestUnit = new Int32Array(R);
  for (let u = 0; u < U; u++) {
    const a = memberStart[u] as number;
    const b = a + (instance.children[u] as number);
    memberStart[u + 1] = b;
    for (let k = a; k < b; k++) requestUnit[k] = u;
  }
  const members = new Int32Array(R);
  for (let i = 0; i < R; i++) members[i] = i;
  const locationIds = Array.from({ length: instance.locationCount }, (_, L) => ids?.location?.(L) ?? `L${L + 1}`);
  return {
    instance,
    locationIds,
    locationNames: locationIds,
    requestCount: R,
    requestId: ids?.request ?? ((i) => `R${i + 1}`),
    requestUnit,
    memberStart,
    members,
    groupNames: ['none'],
    requestGroup: new Int32Array(R),
    vulnerable: new Uint8Array(R),
    startDate: null,
    outside: new Map(),
    notAllSiblings: new Map(),
    requestSlots: null,
  };
}
