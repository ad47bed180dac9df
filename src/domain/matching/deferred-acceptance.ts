// Child-proposing deferred acceptance with weekday capacity: each location holds its best proposals that fit, day by day.
import { WEEKDAYS, type Instance } from './instance.ts';

export interface Matching {
  /** For each unit: the location it is placed at, or -1. */
  assignment: Int32Array;
  /** For each unit: the index of the wish it got (0 = first choice), or -1. */
  assignedRank: Int32Array;
  /**
   * For each preference entry: the weekday (0 = Monday) that was full with higher-priority proposals when this wish
   * was turned down, -1 when it was not turned down (or never tried), -2 when the location never has room for it.
   */
  blockedDay: Int8Array;
  proposals: number;
}

/** Seeded generator (mulberry32): the tie-break between equal priorities, so a seed reproduces a result. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs deferred acceptance. A unit proposes to its wishes in order; the location keeps it tentatively and, while some
 * weekday is over capacity, turns down the lowest-priority unit that needs that day. Equal priorities are ordered by a
 * seeded draw. Deterministic for a given instance and seed.
 */
export function deferredAcceptance(inst: Instance, seed = 1): Matching {
  const { unitCount, locationCount, capacity, demand, prefStart, prefLocation, prefPriority } = inst;
  const rand = seededRandom(seed);
  const tie = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) tie[u] = rand();

  const next = new Int32Array(unitCount);
  const heldPref = new Int32Array(unitCount).fill(-1);
  const load = new Int32Array(locationCount * WEEKDAYS);
  // Per location, the held units and (in parallel) their priority there and their weekday mask: scanned contiguously.
  const held: number[][] = Array.from({ length: locationCount }, () => []);
  const heldPrio: number[][] = Array.from({ length: locationCount }, () => []);
  const mask = new Uint8Array(unitCount);
  for (let u = 0; u < unitCount; u++) for (let d = 0; d < WEEKDAYS; d++) if ((demand[u * WEEKDAYS + d] as number) > 0) mask[u]! |= 1 << d;
  const blockedDay = new Int8Array(prefLocation.length).fill(-1);
  const stack = new Int32Array(unitCount);
  let top = 0;
  for (let u = unitCount - 1; u >= 0; u--) stack[top++] = u;
  let proposals = 0;


  while (top > 0) {
    const u = stack[--top] as number;
    const end = prefStart[u + 1] as number;
    let p = (prefStart[u] as number) + (next[u] as number);
    if (p >= end) continue;
    // Skip wishes the location can never fit: fewer seats than the unit needs on some day.
    for (; p < end; p++) {
      const L = prefLocation[p] as number;
      let fits = true;
      for (let d = 0; d < WEEKDAYS; d++) if ((demand[u * WEEKDAYS + d] as number) > (capacity[L * WEEKDAYS + d] as number)) fits = false;
      if (fits) break;
      blockedDay[p] = -2;
    }
    next[u] = p - (prefStart[u] as number) + 1;
    if (p >= end) continue;
    proposals++;
    const L = prefLocation[p] as number;
    const list = held[L] as number[];
    const prio = heldPrio[L] as number[];
    list.push(u);
    prio.push(prefPriority[p] as number);
    heldPref[u] = p;
    for (let d = 0; d < WEEKDAYS; d++) load[L * WEEKDAYS + d]! += demand[u * WEEKDAYS + d] as number;
    for (let d = 0; d < WEEKDAYS; d++) {
      const slot = L * WEEKDAYS + d;
      while ((load[slot] as number) > (capacity[slot] as number)) {
        // The lowest-priority held unit that needs day d (equal priorities: the seeded draw decides).
        const bit = 1 << d;
        let wi = -1;
        let wp = -Infinity;
        for (let i = 0; i < list.length; i++) {
          const v = list[i] as number;
          if (((mask[v] as number) & bit) === 0) continue;
          const x = prio[i] as number;
          if (x > wp || (x === wp && (tie[v] as number) > (tie[list[wi] as number] as number))) {
            wi = i;
            wp = x;
          }
        }
        const w = list[wi] as number;
        list[wi] = list[list.length - 1] as number;
        prio[wi] = prio[prio.length - 1] as number;
        list.pop();
        prio.pop();
        for (let e = 0; e < WEEKDAYS; e++) load[L * WEEKDAYS + e]! -= demand[w * WEEKDAYS + e] as number;
        blockedDay[heldPref[w] as number] = d;
        heldPref[w] = -1;
        stack[top++] = w;
      }
    }
  }

  const assignment = new Int32Array(unitCount).fill(-1);
  const assignedRank = new Int32Array(unitCount).fill(-1);
  for (let u = 0; u < unitCount; u++) {
    const p = heldPref[u] as number;
    if (p >= 0) {
      assignment[u] = prefLocation[p] as number;
      assignedRank[u] = p - (prefStart[u] as number);
    }
  }
  return { assignment, assignedRank, blockedDay, proposals };
}
