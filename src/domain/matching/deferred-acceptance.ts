// Child-proposing deferred acceptance with half-day capacity that wastes no seat: greedy choice by priority, then refill.
import { SLOTS, type Instance } from './instance.ts';

export interface Matching {
  /** For each unit: the location it is placed at, or -1. */
  assignment: Int32Array;
  /** For each unit: the index of the wish it got (0 = first choice), or -1. */
  assignedRank: Int32Array;
  /** Proposals made (first phase) and units moved up into seats that stayed free (second phase). */
  proposals: number;
  refills: number;
  /** The seeded draw per unit: the order between equal priorities. */
  tie: Uint32Array;
}

/** Seeded generator (mulberry32): the tie-break between equal priorities, so a seed reproduces a result. */
export function seededRandom(seed: number): () => number {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}

export function seededUint32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The draw of each unit for a seed: the same in DA, optimal mode, the reasons and the C reference. */
export function drawTies(unitCount: number, seed: number): Uint32Array {
  const next = seededUint32(seed);
  const tie = new Uint32Array(unitCount);
  for (let u = 0; u < unitCount; u++) tie[u] = next();
  return tie;
}

const MULTI = 1 << 15;

/**
 * Runs deferred acceptance. Phase 1: a unit proposes to its wishes in order; the location chooses greedily among the
 * units it holds, best first (priority, then the seeded draw, then unit number), keeping each one that still fits, so
 * it never turns down a unit whose seats are all free. Phase 2: a location with seats that became free takes back, best
 * first, units it turned down that still want it and now fit. Units only move up in phase 2, so it ends.
 * Deterministic for a given instance and seed; bench/reference/da.c is the same algorithm in C.
 */
export function deferredAcceptance(inst: Instance, seed = 1): Matching {
  const { unitCount: U, locationCount: M, capacity, demand, prefStart, prefLocation, prefPriority } = inst;
  const E = prefLocation.length;
  const tie = drawTies(U, seed);

  // Per unit: the slots it needs as a bit mask; MULTI when some slot needs more than one seat (siblings).
  const mask = new Uint16Array(U);
  for (let u = 0; u < U; u++) {
    let m = 0;
    for (let s = 0; s < SLOTS; s++) {
      const x = demand[u * SLOTS + s] as number;
      if (x > 0) m |= 1 << s;
      if (x > 1) m |= MULTI;
    }
    mask[u] = m;
  }
  // Per location: free seats per slot, the slots with no seat free, and the slots with at least one seat at all.
  const free = Int32Array.from(capacity);
  const fullMask = new Uint16Array(M);
  const openMask = new Uint16Array(M);
  const entriesAt = new Int32Array(M);
  for (let p = 0; p < E; p++) entriesAt[prefLocation[p] as number]!++;
  // Held units per location in a fixed slot of one flat array, sorted best first: at most every seat-day plus one.
  const heldStart = new Int32Array(M + 1);
  for (let L = 0; L < M; L++) {
    let seats = 0;
    let full = 0;
    let open = 0;
    for (let s = 0; s < SLOTS; s++) {
      const c = capacity[L * SLOTS + s] as number;
      seats += c;
      if (c <= 0) full |= 1 << s;
      else open |= 1 << s;
    }
    fullMask[L] = full;
    openMask[L] = open;
    heldStart[L + 1] = (heldStart[L] as number) + Math.min(seats + 1, entriesAt[L] as number);
  }
  const slotsTotal = heldStart[M] as number;
  const heldUnit = new Int32Array(slotsTotal);
  const heldMask = new Uint16Array(slotsTotal);
  const heldPrio = new Float64Array(slotsTotal);
  const heldTie = new Uint32Array(slotsTotal);
  const heldCount = new Int32Array(M);

  const held = new Int32Array(U).fill(-1); // the entry p a unit is held on
  const next = new Int32Array(U);
  const stack = new Int32Array(U);
  let top = 0;
  for (let u = U - 1; u >= 0; u--) stack[top++] = u;
  // Every turn-down, for phase 2: at most one per entry.
  const rejUnit = new Int32Array(E);
  const rejPref = new Int32Array(E);
  let rejections = 0;
  const excess = new Int32Array(SLOTS);
  const sum = new Int32Array(SLOTS);
  let proposals = 0;

  const need = (u: number, m: number, s: number) => ((m & MULTI) === 0 ? 1 : (demand[u * SLOTS + s] as number));
  const fitsFree = (L: number, u: number, m: number): boolean => {
    if ((m & MULTI) === 0) return (m & fullMask[L]!) === 0;
    for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (free[L * SLOTS + s] as number)) return false;
    return true;
  };
  const neverFits = (L: number, u: number, m: number): boolean => {
    if ((m & MULTI) === 0) return (m & ~openMask[L]! & 0x3ff) !== 0;
    for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (capacity[L * SLOTS + s] as number)) return true;
    return false;
  };
  const take = (L: number, u: number, m: number, sign: number) => {
    const base = L * SLOTS;
    let full = fullMask[L] as number;
    for (let b = m & 0x3ff; b !== 0; b &= b - 1) {
      const s = 31 - Math.clz32(b & -b);
      const f = (free[base + s]! -= sign * need(u, m, s));
      if (f <= 0) full |= 1 << s;
      else full &= ~(1 << s);
    }
    fullMask[L] = full;
  };
  /** Inserts u in L's sorted list (best first: priority, draw, unit); returns its index. */
  const insert = (L: number, u: number, m: number, pr: number): number => {
    const a = heldStart[L] as number;
    const t = tie[u] as number;
    let i = a + (heldCount[L] as number);
    for (; i > a; i--) {
      const q = heldPrio[i - 1] as number;
      if (q < pr) break;
      if (q === pr) {
        const qt = heldTie[i - 1] as number;
        if (qt < t || (qt === t && (heldUnit[i - 1] as number) < u)) break;
      }
      heldUnit[i] = heldUnit[i - 1] as number;
      heldMask[i] = heldMask[i - 1] as number;
      heldPrio[i] = q;
      heldTie[i] = heldTie[i - 1] as number;
    }
    heldUnit[i] = u;
    heldMask[i] = m;
    heldPrio[i] = pr;
    heldTie[i] = t;
    heldCount[L]!++;
    return i;
  };

  // Phase 1.
  while (top > 0) {
    const u = stack[--top] as number;
    const end = prefStart[u + 1] as number;
    const m = mask[u] as number;
    let p = (prefStart[u] as number) + (next[u] as number);
    while (p < end && neverFits(prefLocation[p] as number, u, m)) p++;
    next[u] = p - (prefStart[u] as number) + 1;
    if (p >= end) continue;
    proposals++;
    const L = prefLocation[p] as number;
    const roomy = fitsFree(L, u, m);
    insert(L, u, m, prefPriority[p] as number);
    take(L, u, m, 1);
    held[u] = p;
    if (roomy) continue;
    rejections = choose(L, rejections);
  }

  /**
   * The greedy choice after an overflow, without walking the whole list: the first unit the greedy turns down is the
   * last one (from the best) whose suffix of the list still covers the excess on every overfull slot. Units that need
   * no overfull slot always fit. Rejected units leave the list and propose again.
   */
  function choose(L: number, rej: number): number {
    const base = L * SLOTS;
    const a = heldStart[L] as number;
    const n = heldCount[L] as number;
    let over = 0;
    for (let s = 0; s < SLOTS; s++) {
      const f = free[base + s] as number;
      if (f < 0) {
        over |= 1 << s;
        excess[s] = -f;
        sum[s] = 0;
      }
    }
    // Walk from the worst until the suffix covers the excess.
    let i = a + n - 1;
    let uncovered = over;
    for (; i >= a; i--) {
      const w = heldUnit[i] as number;
      const wm = heldMask[i] as number;
      for (let b = wm & over; b !== 0; b &= b - 1) {
        const s = 31 - Math.clz32(b & -b);
        if ((sum[s]! += need(w, wm, s)) >= (excess[s] as number)) uncovered &= ~(1 << s);
      }
      if (uncovered === 0) break;
    }
    let firstGone = -1;
    for (;;) {
      // i is turned down.
      const w = heldUnit[i] as number;
      const wm = heldMask[i] as number;
      for (let b = wm & over; b !== 0; b &= b - 1) {
        const s = 31 - Math.clz32(b & -b);
        const d = need(w, wm, s);
        excess[s]! -= d;
        sum[s]! -= d;
        if ((excess[s] as number) <= 0) over &= ~(1 << s);
      }
      take(L, w, wm, -1);
      rejUnit[rej] = w;
      rejPref[rej++] = held[w] as number;
      held[w] = -1;
      stack[top++] = w;
      heldUnit[i] = -1;
      if (firstGone < 0) firstGone = i;
      if (over === 0) break;
      // The next one turned down: move forward while the rest of the list still covers what is left.
      for (i++; ; i++) {
        const v = heldUnit[i] as number;
        if (v < 0) continue;
        const vm = heldMask[i] as number;
        let still = true;
        for (let b = vm & over; b !== 0; b &= b - 1) {
          const s = 31 - Math.clz32(b & -b);
          if ((sum[s] as number) - need(v, vm, s) < (excess[s] as number)) {
            still = false;
            break;
          }
        }
        if (!still) break;
        for (let b = vm & over; b !== 0; b &= b - 1) {
          const s = 31 - Math.clz32(b & -b);
          sum[s]! -= need(v, vm, s);
        }
      }
    }
    // Close the gaps left by the turned-down units.
    let k = firstGone;
    for (let j = firstGone; j < a + n; j++) {
      if ((heldUnit[j] as number) < 0) continue;
      heldUnit[k] = heldUnit[j] as number;
      heldMask[k] = heldMask[j] as number;
      heldPrio[k] = heldPrio[j] as number;
      heldTie[k] = heldTie[j] as number;
      k++;
    }
    heldCount[L] = k - a;
    return rej;
  }

  // Phase 2: pools of turned-down units per location (counting sort keeps the order of events).
  const poolStart = new Int32Array(M + 1);
  for (let r = 0; r < rejections; r++) poolStart[(prefLocation[rejPref[r] as number] as number) + 1]!++;
  for (let L = 0; L < M; L++) poolStart[L + 1]! += poolStart[L] as number;
  const poolFill = poolStart.slice(0, M);
  const poolPref = new Int32Array(rejections);
  const poolUnit = new Int32Array(rejections);
  for (let r = 0; r < rejections; r++) {
    const L = prefLocation[rejPref[r] as number] as number;
    const k = poolFill[L]!++;
    poolPref[k] = rejPref[r] as number;
    poolUnit[k] = rejUnit[r] as number;
  }
  const queue = new Int32Array(M);
  const queued = new Uint8Array(M);
  let qHead = 0;
  let qLen = 0;
  const enqueue = (L: number) => {
    if (queued[L] || poolStart[L] === poolStart[L + 1]) return;
    queued[L] = 1;
    queue[(qHead + qLen++) % M] = L;
  };
  for (let L = 0; L < M; L++) enqueue(L);
  let refills = 0;
  const cand: number[] = [];
  while (qLen > 0) {
    const L = queue[qHead] as number;
    qHead = (qHead + 1) % M;
    qLen--;
    queued[L] = 0;
    cand.length = 0;
    for (let k = poolStart[L] as number; k < (poolStart[L + 1] as number); k++) {
      const u = poolUnit[k] as number;
      const at = held[u] as number;
      if (at >= 0 && at <= (poolPref[k] as number)) continue;
      if (fitsFree(L, u, mask[u] as number)) cand.push(k);
    }
    if (cand.length === 0) continue;
    if (cand.length > 1) cand.sort((x, y) => compareEntry(poolPref[x] as number, poolUnit[x] as number, poolPref[y] as number, poolUnit[y] as number));
    for (const k of cand) {
      const u = poolUnit[k] as number;
      const m = mask[u] as number;
      if (!fitsFree(L, u, m)) continue;
      const from = held[u] as number;
      if (from >= 0) {
        const F = prefLocation[from] as number;
        remove(F, u);
        take(F, u, m, -1);
        enqueue(F);
      }
      insert(L, u, m, prefPriority[poolPref[k] as number] as number);
      take(L, u, m, 1);
      held[u] = poolPref[k] as number;
      refills++;
    }
  }

  function compareEntry(p: number, u: number, q: number, v: number): number {
    const a = prefPriority[p] as number;
    const b = prefPriority[q] as number;
    if (a !== b) return a < b ? -1 : 1;
    const ta = tie[u] as number;
    const tb = tie[v] as number;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return u - v;
  }
  function remove(L: number, u: number) {
    const a = heldStart[L] as number;
    const n = heldCount[L] as number;
    let i = a;
    while ((heldUnit[i] as number) !== u) i++;
    for (; i < a + n - 1; i++) {
      heldUnit[i] = heldUnit[i + 1] as number;
      heldMask[i] = heldMask[i + 1] as number;
      heldPrio[i] = heldPrio[i + 1] as number;
      heldTie[i] = heldTie[i + 1] as number;
    }
    heldCount[L] = n - 1;
  }

  const assignment = new Int32Array(U).fill(-1);
  const assignedRank = new Int32Array(U).fill(-1);
  for (let u = 0; u < U; u++) {
    const p = held[u] as number;
    if (p >= 0) {
      assignment[u] = prefLocation[p] as number;
      assignedRank[u] = p - (prefStart[u] as number);
    }
  }
  return { assignment, assignedRank, proposals, refills, tie };
}
