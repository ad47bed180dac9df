// Independent checks of a matching result, written apart from the engine: capacity, listed wishes, siblings, justified
// envy and waste named per request, and the metrics of the outcome report.
import { SLOTS, WEEKDAYS, type CompiledInstance } from './instance.ts';

export interface NamedRequests {
  /** Requests (children) concerned, and the pairs (unit, wished location) found. */
  count: number;
  pairs: number;
  /** Each request with the number of its wishes concerned. */
  requests: Array<{ id: string; wishes: number }>;
}

export interface VerifierReport {
  /** Hard violations: a result with any of these is wrong. */
  capacityViolations: Array<{ location: string; weekday: number; half: 'morning' | 'afternoon'; load: number; capacity: number }>;
  unlistedPlacements: string[];
  siblingsSplit: string[];
  /**
   * Justified envy: a unit wants a location more than what it got, and the seats left there after removing every
   * placed unit with a worse priority (equal priorities stay) would fit it. Possible with weekday patterns (docs/matching.md).
   */
  justifiedEnvy: NamedRequests;
  /** Waste: a unit wants a location more than what it got and every seat it needs there is free. */
  waste: NamedRequests & { seatDays: number };
  metrics: {
    requests: number;
    placed: number;
    /** Index = wish number (0 = first choice); last entry = not placed. */
    rankDistribution: number[];
    utilisationPerWeekday: number[];
    byGroup: Record<string, { requests: number; placed: number }>;
    vulnerable: { requests: number; placed: number };
    siblingGroups: number;
    siblingGroupsTogether: number;
  };
}

/** True when the report has a hard violation (the CLI then exits with 2). */
export function hardViolations(r: VerifierReport): number {
  return r.capacityViolations.length + r.unlistedPlacements.length + r.siblingsSplit.length;
}

/**
 * Checks a request-level result (request index → location index, -1 when not placed) against the compiled instance.
 * It reads only the instance, never the engine's state.
 */
export function verify(compiled: CompiledInstance, requestLocation: Int32Array): VerifierReport {
  const { instance: inst, memberStart, members, requestSlots } = compiled;
  const { unitCount: U, locationCount: M, capacity, demand, children, prefStart, prefLocation, prefPriority } = inst;
  const load = new Int32Array(M * SLOTS);
  const unitAt = new Int32Array(U).fill(-1);
  const unlisted: string[] = [];
  const siblingsSplit: string[] = [];
  let siblingGroups = 0;
  let together = 0;
  const seatOf = (i: number, u: number, s: number) => (requestSlots ? (requestSlots[i * SLOTS + s] as number) : (demand[u * SLOTS + s] as number) / (children[u] as number));

  for (let u = 0; u < U; u++) {
    const a = memberStart[u] as number;
    const b = memberStart[u + 1] as number;
    const L0 = requestLocation[members[a] as number] as number;
    let split = false;
    for (let k = a; k < b; k++) {
      const i = members[k] as number;
      const L = requestLocation[i] as number;
      if (L !== L0) split = true;
      if (L < 0) continue;
      for (let s = 0; s < SLOTS; s++) load[L * SLOTS + s]! += seatOf(i, u, s);
      let listed = false;
      for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) if (prefLocation[p] === L) listed = true;
      if (!listed) unlisted.push(compiled.requestId(i));
    }
    if (b - a > 1) {
      siblingGroups++;
      if (split) siblingsSplit.push(compiled.requestId(members[a] as number));
      else if (L0 >= 0) together++;
    }
    if (!split) unitAt[u] = L0;
  }
  // Requests outside the period are in the report as not placed.
  for (let i = 0; i < compiled.requestCount; i++) if ((compiled.requestUnit[i] as number) < 0 && (requestLocation[i] as number) >= 0) unlisted.push(compiled.requestId(i));

  const capacityViolations: VerifierReport['capacityViolations'] = [];
  for (let L = 0; L < M; L++) {
    for (let s = 0; s < SLOTS; s++) {
      const v = load[L * SLOTS + s] as number;
      const c = capacity[L * SLOTS + s] as number;
      if (v > c) capacityViolations.push({ location: compiled.locationIds[L] as string, weekday: (s >> 1) + 1, half: s & 1 ? 'afternoon' : 'morning', load: v, capacity: c });
    }
  }

  // Per location, the placed units sorted by priority with running loads per slot: what stays when the worse ones leave.
  const placedStart = new Int32Array(M + 1);
  for (let u = 0; u < U; u++) if ((unitAt[u] as number) >= 0) placedStart[(unitAt[u] as number) + 1]!++;
  for (let L = 0; L < M; L++) placedStart[L + 1]! += placedStart[L] as number;
  const P = placedStart[M] as number;
  const placedUnit = new Int32Array(P);
  const placedPrio = new Float64Array(P);
  const fill = placedStart.slice(0, M);
  for (let u = 0; u < U; u++) {
    const L = unitAt[u] as number;
    if (L < 0) continue;
    let pr = NaN;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) if (prefLocation[p] === L) pr = prefPriority[p] as number;
    const k = fill[L]!++;
    placedUnit[k] = u;
    placedPrio[k] = pr;
  }
  const order = new Int32Array(P);
  for (let k = 0; k < P; k++) order[k] = k;
  // Insertion sort per location: the lists are short, and a comparator sort costs more at a million units.
  for (let L = 0; L < M; L++) {
    const a = placedStart[L] as number;
    const b = placedStart[L + 1] as number;
    for (let i = a + 1; i < b; i++) {
      const x = order[i] as number;
      const px = placedPrio[x] as number;
      let j = i - 1;
      for (; j >= a && (placedPrio[order[j] as number] as number) > px; j--) order[j + 1] = order[j] as number;
      order[j + 1] = x;
    }
  }
  const sortedPrio = new Float64Array(P);
  // cum[(k + L) * SLOTS + s]: load of the first k placed units at L (k = 0 … count).
  const cum = new Int32Array((P + M) * SLOTS);
  for (let L = 0; L < M; L++) {
    const a = placedStart[L] as number;
    const b = placedStart[L + 1] as number;
    for (let k = a; k < b; k++) {
      const x = order[k] as number;
      sortedPrio[k] = placedPrio[x] as number;
      const u = placedUnit[x] as number;
      const from = (k + L) * SLOTS;
      for (let s = 0; s < SLOTS; s++) cum[from + SLOTS + s] = (cum[from + s] as number) + (demand[u * SLOTS + s] as number);
    }
  }

  const envyByUnit = new Int32Array(U);
  const wasteByUnit = new Int32Array(U);
  let envyPairs = 0;
  let wastePairs = 0;
  // Seats a wasting unit could use, per location and slot, to count the seat-days left empty.
  const wantedFree = new Int32Array(M * SLOTS);
  for (let u = 0; u < U; u++) {
    const at = unitAt[u] as number;
    if (at === -1 && (requestLocation[members[memberStart[u] as number] as number] as number) >= 0) continue; // split: a hard violation already
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      const L = prefLocation[p] as number;
      if (L === at) break;
      const pr = prefPriority[p] as number;
      const a = placedStart[L] as number;
      const b = placedStart[L + 1] as number;
      let lo = a;
      let hi = b;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sortedPrio[mid] as number) <= pr) lo = mid + 1;
        else hi = mid;
      }
      const kept = (lo + L) * SLOTS;
      const all = (b + L) * SLOTS;
      let envy = true;
      let wasted = true;
      for (let s = 0; s < SLOTS; s++) {
        const need = demand[u * SLOTS + s] as number;
        if (need === 0) continue;
        const c = capacity[L * SLOTS + s] as number;
        if ((cum[kept + s] as number) + need > c) envy = false;
        if ((cum[all + s] as number) + need > c) wasted = false;
      }
      if (envy) {
        envyByUnit[u]!++;
        envyPairs++;
      }
      if (wasted) {
        wasteByUnit[u]!++;
        wastePairs++;
        for (let s = 0; s < SLOTS; s++) wantedFree[L * SLOTS + s]! += demand[u * SLOTS + s] as number;
      }
    }
  }
  let wastedHalves = 0;
  for (let L = 0; L < M; L++) {
    for (let s = 0; s < SLOTS; s++) {
      const w = wantedFree[L * SLOTS + s] as number;
      if (w > 0) wastedHalves += Math.min(w, (capacity[L * SLOTS + s] as number) - (load[L * SLOTS + s] as number));
    }
  }
  const named = (by: Int32Array, pairs: number): NamedRequests => {
    const requests: NamedRequests['requests'] = [];
    for (let u = 0; u < U; u++) {
      const n = by[u] as number;
      if (n > 0) for (let k = memberStart[u] as number; k < (memberStart[u + 1] as number); k++) requests.push({ id: compiled.requestId(members[k] as number), wishes: n });
    }
    return { count: requests.length, pairs, requests };
  };

  let maxRank = 1;
  for (let u = 0; u < U; u++) maxRank = Math.max(maxRank, (prefStart[u + 1] as number) - (prefStart[u] as number));
  const rankDistribution = new Array<number>(maxRank + 1).fill(0);
  const byGroup: Record<string, { requests: number; placed: number }> = {};
  const vulnerable = { requests: 0, placed: 0 };
  let placed = 0;
  for (let i = 0; i < compiled.requestCount; i++) {
    const L = requestLocation[i] as number;
    const g = (byGroup[compiled.groupNames[compiled.requestGroup[i] as number] as string] ??= { requests: 0, placed: 0 });
    g.requests++;
    const vul = compiled.vulnerable[i] === 1;
    if (vul) vulnerable.requests++;
    if (L < 0) {
      rankDistribution[maxRank]!++;
      continue;
    }
    placed++;
    g.placed++;
    if (vul) vulnerable.placed++;
    const u = compiled.requestUnit[i] as number;
    if (u < 0) continue;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      if (prefLocation[p] === L) {
        rankDistribution[p - (prefStart[u] as number)]!++;
        break;
      }
    }
  }
  const utilisationPerWeekday = Array.from({ length: WEEKDAYS }, (_, d) => {
    let used = 0;
    let cap = 0;
    for (let L = 0; L < M; L++) {
      for (const s of [2 * d, 2 * d + 1]) {
        used += load[L * SLOTS + s] as number;
        cap += capacity[L * SLOTS + s] as number;
      }
    }
    return cap === 0 ? 0 : used / cap;
  });

  return {
    capacityViolations,
    unlistedPlacements: unlisted,
    siblingsSplit,
    justifiedEnvy: named(envyByUnit, envyPairs),
    waste: { ...named(wasteByUnit, wastePairs), seatDays: wastedHalves / 2 },
    metrics: { requests: compiled.requestCount, placed, rankDistribution, utilisationPerWeekday, byGroup, vulnerable, siblingGroups, siblingGroupsTogether: together },
  };
}

/** The one-line summary the CLI prints and the round page shows: hard violations, then envy and waste. */
export function summary(r: VerifierReport): { nl: string; en: string } {
  const hard = hardViolations(r);
  if (hard > 0) return { nl: `de controle vond ${hard} harde fout(en)`, en: `the verifier found ${hard} hard violation(s)` };
  if (r.justifiedEnvy.count === 0 && r.waste.seatDays === 0) return { nl: 'controle zonder opmerkingen', en: 'verifier clean' };
  return {
    nl: `${r.justifiedEnvy.count} aanvragen met terechte afgunst, ${r.waste.seatDays} plaatsdagen verspild`,
    en: `${r.justifiedEnvy.count} requests have justified envy, ${r.waste.seatDays} seat-days wasted`,
  };
}
