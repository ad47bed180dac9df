// A matching instance: locations with seats per weekday, requests (or sibling groups) with ranked wishes and priorities.
// The engine works on flat typed arrays so a million requests fit in memory; `compile` builds them from the JSON form.

export const WEEKDAYS = 5;

/** The documented JSON form (schema: docs/matching-instance.schema.json). */
export interface InstanceJson {
  /** `name` is what the reasons show; the id is used when there is none. */
  locations: Array<{ id: string; name?: string; capacity: number[] }>;
  requests: Array<{
    id: string;
    /** Seats needed per weekday, Monday first: [1,1,0,1,0] = Monday, Tuesday and Thursday. */
    days: number[];
    /** Most wanted first. A lower priority number goes first at that location (rule tier, then tie-break). */
    preferences: Array<{ location: string; priority: number }>;
    /** Children of one family applying together: placed together or not at all. */
    siblingGroup?: string;
    /** Labels for the outcome report, e.g. the priority group and whether the family is vulnerable. */
    group?: string;
    vulnerable?: boolean;
  }>;
}

/** The flat form. A unit is one request, or a sibling group proposing jointly. */
export interface Instance {
  locationCount: number;
  /** locationCount × WEEKDAYS free seats. */
  capacity: Int32Array;
  unitCount: number;
  /** unitCount × WEEKDAYS seats a unit needs (a sibling group adds up its children). */
  demand: Int32Array;
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
  /** Request indices (into the JSON requests) of each unit. */
  unitRequests: number[][];
}

export class InstanceError extends Error {}

/**
 * Builds the flat form. Sibling groups propose jointly to the locations every child listed, in the first child's order,
 * with the best (lowest) priority among the children at each location.
 */
export function compile(json: InstanceJson): CompiledInstance {
  const locationIndex = new Map<string, number>();
  json.locations.forEach((l, i) => {
    if (locationIndex.has(l.id)) throw new InstanceError(`location ${l.id} appears twice`);
    if (l.capacity.length !== WEEKDAYS || l.capacity.some((c) => !Number.isInteger(c) || c < 0)) throw new InstanceError(`location ${l.id}: capacity needs ${WEEKDAYS} whole numbers ≥ 0`);
    locationIndex.set(l.id, i);
  });
  const capacity = new Int32Array(json.locations.length * WEEKDAYS);
  json.locations.forEach((l, i) => l.capacity.forEach((c, d) => (capacity[i * WEEKDAYS + d] = c)));

  const units: number[][] = [];
  const groups = new Map<string, number>();
  json.requests.forEach((r, i) => {
    if (r.days.length !== WEEKDAYS || r.days.some((x) => !Number.isInteger(x) || x < 0) || r.days.every((x) => x === 0)) throw new InstanceError(`request ${r.id}: days needs ${WEEKDAYS} whole numbers ≥ 0, at least one above 0`);
    for (const p of r.preferences) if (!locationIndex.has(p.location)) throw new InstanceError(`request ${r.id}: unknown location ${p.location}`);
    if (r.siblingGroup !== undefined) {
      const g = groups.get(r.siblingGroup);
      if (g !== undefined) {
        (units[g] as number[]).push(i);
        return;
      }
      groups.set(r.siblingGroup, units.length);
    }
    units.push([i]);
  });

  const demand = new Int32Array(units.length * WEEKDAYS);
  const prefStart = new Int32Array(units.length + 1);
  const locs: number[] = [];
  const prios: number[] = [];
  units.forEach((members, u) => {
    prefStart[u] = locs.length;
    for (const m of members) (json.requests[m] as InstanceJson['requests'][number]).days.forEach((x, d) => (demand[u * WEEKDAYS + d]! += x));
    const first = json.requests[members[0] as number] as InstanceJson['requests'][number];
    const seen = new Set<string>();
    for (const p of first.preferences) {
      if (seen.has(p.location)) continue;
      seen.add(p.location);
      let best = Infinity;
      let everyone = true;
      for (const m of members) {
        const mine = (json.requests[m] as InstanceJson['requests'][number]).preferences.find((q) => q.location === p.location);
        if (!mine) everyone = false;
        else best = Math.min(best, mine.priority);
      }
      if (!everyone) continue;
      locs.push(locationIndex.get(p.location) as number);
      prios.push(best);
    }
  });
  prefStart[units.length] = locs.length;
  return {
    instance: { locationCount: json.locations.length, capacity, unitCount: units.length, demand, prefStart, prefLocation: Int32Array.from(locs), prefPriority: Float64Array.from(prios) },
    locationIds: json.locations.map((l) => l.id),
    locationNames: json.locations.map((l) => l.name ?? l.id),
    unitRequests: units,
  };
}
