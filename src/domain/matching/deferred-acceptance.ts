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
  // Held units per location in a fixed slot of one flat array, as a heap with the worst on top: at most every seat-day plus one.
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
  // Every turn-down, for phase 2: at most one per entry.
  const rejUnit = new Int32Array(E);
  const rejPref = new Int32Array(E);
  const { proposals, rejections } = phaseOne(inst, tie, mask, free, fullMask, openMask, heldStart, heldUnit, heldMask, heldPrio, heldTie, heldCount, held, rejUnit, rejPref);

  const need = (u: number, m: number, s: number) => ((m & MULTI) === 0 ? 1 : (demand[u * SLOTS + s] as number));
  const fitsFree = (L: number, u: number, m: number): boolean => {
    if ((m & MULTI) === 0) return (m & fullMask[L]!) === 0;
    for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (free[L * SLOTS + s] as number)) return false;
    return true;
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
      heldCount[L] = pushUnit(heldStart[L] as number, heldCount[L] as number, u, m, prefPriority[poolPref[k] as number] as number, tie[u] as number, heldUnit, heldMask, heldPrio, heldTie);
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
  /** Takes u out of L's heap: the last unit fills its place and moves to where it belongs. */
  function remove(L: number, u: number) {
    const a = heldStart[L] as number;
    const n = heldCount[L] as number;
    let i = a;
    while ((heldUnit[i] as number) !== u) i++;
    const last = a + n - 1;
    if (i !== last) {
      const v = heldUnit[last] as number;
      const vm = heldMask[last] as number;
      const vp = heldPrio[last] as number;
      const vt = heldTie[last] as number;
      // Rebuild the part below i by removing the last and re-adding v: simple, and removals are rare (phase 2 only).
      heldCount[L] = n - 1;
      const sub = i - a;
      // Sift v down from i, then up.
      heldUnit[i] = v;
      heldMask[i] = vm;
      heldPrio[i] = vp;
      heldTie[i] = vt;
      siftUp(a, i);
      siftDown(a, n - 1, sub);
      return;
    }
    heldCount[L] = n - 1;
  }
  function worse(x: number, y: number): boolean {
    const px = heldPrio[x] as number;
    const py = heldPrio[y] as number;
    return px > py || (px === py && ((heldTie[x] as number) > (heldTie[y] as number) || ((heldTie[x] as number) === (heldTie[y] as number) && (heldUnit[x] as number) > (heldUnit[y] as number))));
  }
  function swap(x: number, y: number) {
    const u = heldUnit[x] as number;
    const m = heldMask[x] as number;
    const p = heldPrio[x] as number;
    const t = heldTie[x] as number;
    heldUnit[x] = heldUnit[y] as number;
    heldMask[x] = heldMask[y] as number;
    heldPrio[x] = heldPrio[y] as number;
    heldTie[x] = heldTie[y] as number;
    heldUnit[y] = u;
    heldMask[y] = m;
    heldPrio[y] = p;
    heldTie[y] = t;
  }
  function siftUp(a: number, i: number) {
    while (i > a) {
      const up = a + ((i - a - 1) >> 1);
      if (!worse(i, up)) return;
      swap(i, up);
      i = up;
    }
  }
  function siftDown(a: number, n: number, k: number) {
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) return;
      if (c + 1 < n && worse(a + c + 1, a + c)) c++;
      if (!worse(a + c, a + k)) return;
      swap(a + c, a + k);
      k = c;
    }
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

/**
 * Phase 1 in one loop with every step written out: it is the hot path at a million requests (bench/matching.ts runs
 * it next to bench/reference/da.c). The greedy choice after an overflow does not walk the whole list: the first unit
 * the greedy turns down is the last one (from the best) whose suffix of the list still covers the excess on every
 * overfull slot; units that need no overfull slot always fit.
 */
function phaseOne(
  inst: Instance, tie: Uint32Array, mask: Uint16Array, free: Int32Array, fullMask: Uint16Array, openMask: Uint16Array,
  heldStart: Int32Array, heldUnit: Int32Array, heldMask: Uint16Array, heldPrio: Float64Array, heldTie: Uint32Array, heldCount: Int32Array,
  held: Int32Array, rejUnit: Int32Array, rejPref: Int32Array,
): { proposals: number; rejections: number } {
  const { unitCount: U, capacity, demand, prefStart, prefLocation, prefPriority } = inst;
  const next = new Int32Array(U);
  const stack = new Int32Array(U);
  let top = 0;
  for (let u = U - 1; u >= 0; u--) stack[top++] = u;
  const excess = new Int32Array(SLOTS);
  const sum = new Int32Array(SLOTS);
  let longest = 0;
  for (let L = 0; L < inst.locationCount; L++) longest = Math.max(longest, (heldStart[L + 1] as number) - (heldStart[L] as number));
  const popUnit = new Int32Array(longest);
  const popMask = new Uint16Array(longest);
  const popPrio = new Float64Array(longest);
  const popTie = new Uint32Array(longest);
  let proposals = 0;
  let rej = 0;
  while (top > 0) {
    const u = stack[--top] as number;
    const end = prefStart[u + 1] as number;
    const m = mask[u] as number;
    const multi = (m & MULTI) !== 0;
    let p = (prefStart[u] as number) + (next[u] as number);
    // Skip wishes the location can never fit: fewer seats than the unit needs on some slot.
    for (; p < end; p++) {
      const L = prefLocation[p] as number;
      if (!multi) {
        if ((m & ~(openMask[L] as number) & 0x3ff) === 0) break;
      } else {
        let never = false;
        for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (capacity[L * SLOTS + s] as number)) never = true;
        if (!never) break;
      }
    }
    next[u] = p - (prefStart[u] as number) + 1;
    if (p >= end) continue;
    proposals++;
    const L = prefLocation[p] as number;
    const base = L * SLOTS;
    let roomy = true;
    if (!multi) roomy = (m & (fullMask[L] as number)) === 0;
    else for (let s = 0; s < SLOTS; s++) if ((demand[u * SLOTS + s] as number) > (free[base + s] as number)) roomy = false;
    // Push u on L's heap: the worst (priority, draw, unit) on top.
    const a = heldStart[L] as number;
    let n = pushUnit(a, heldCount[L] as number, u, m, prefPriority[p] as number, tie[u] as number, heldUnit, heldMask, heldPrio, heldTie);
    heldCount[L] = n;
    held[u] = p;
    // Take the seats.
    let full = fullMask[L] as number;
    for (let b = m & 0x3ff; b !== 0; b &= b - 1) {
      const s = 31 - Math.clz32(b & -b);
      const f = (free[base + s]! -= multi ? (demand[u * SLOTS + s] as number) : 1);
      if (f <= 0) full |= 1 << s;
    }
    fullMask[L] = full;
    if (roomy) continue;

    // The greedy choice. Excess per overfull slot:
    let over = 0;
    for (let s = 0; s < SLOTS; s++) {
      const f = free[base + s] as number;
      if (f < 0) {
        over |= 1 << s;
        excess[s] = -f;
        sum[s] = 0;
      }
    }
    // Pop the worst until the popped ones cover the excess; the last one popped is the first the greedy turns down.
    let c = 0;
    let uncovered = over;
    while (uncovered !== 0) {
      const w = heldUnit[a] as number;
      const wm = heldMask[a] as number;
      popUnit[c] = w;
      popMask[c] = wm;
      popPrio[c] = heldPrio[a] as number;
      popTie[c++] = heldTie[a] as number;
      n = popTop(a, n, heldUnit, heldMask, heldPrio, heldTie);
      for (let b = wm & over; b !== 0; b &= b - 1) {
        const s = 31 - Math.clz32(b & -b);
        if ((sum[s]! += (wm & MULTI) === 0 ? 1 : (demand[w * SLOTS + s] as number)) >= (excess[s] as number)) uncovered &= ~(1 << s);
      }
    }
    let j = c - 1;
    for (;;) {
      // j is turned down: its seats come free and it proposes again.
      const w = popUnit[j] as number;
      const wm = popMask[j] as number;
      const wMulti = (wm & MULTI) !== 0;
      let fm = fullMask[L] as number;
      for (let b = wm & 0x3ff; b !== 0; b &= b - 1) {
        const s = 31 - Math.clz32(b & -b);
        const d = wMulti ? (demand[w * SLOTS + s] as number) : 1;
        if ((over & (1 << s)) !== 0) {
          excess[s]! -= d;
          sum[s]! -= d;
          if ((excess[s] as number) <= 0) over &= ~(1 << s);
        }
        if ((free[base + s]! += d) > 0) fm &= ~(1 << s);
      }
      fullMask[L] = fm;
      rejUnit[rej] = w;
      rejPref[rej++] = held[w] as number;
      held[w] = -1;
      stack[top++] = w;
      popUnit[j] = -1;
      if (over === 0) break;
      // The next one turned down: move toward the worst while the rest still covers what is left.
      for (j--; ; j--) {
        const v = popUnit[j] as number;
        if (v < 0) continue;
        const vm = popMask[j] as number;
        let b = vm & over;
        if (b === 0) continue;
        const vMulti = (vm & MULTI) !== 0;
        let still = true;
        for (let x = b; x !== 0; x &= x - 1) {
          const s = 31 - Math.clz32(x & -x);
          if ((sum[s] as number) - (vMulti ? (demand[v * SLOTS + s] as number) : 1) < (excess[s] as number)) {
            still = false;
            break;
          }
        }
        if (!still) break;
        for (; b !== 0; b &= b - 1) {
          const s = 31 - Math.clz32(b & -b);
          sum[s]! -= vMulti ? (demand[v * SLOTS + s] as number) : 1;
        }
      }
    }
    // The popped units that stay go back on the heap.
    for (let x = 0; x < c; x++) if ((popUnit[x] as number) >= 0) n = pushUnit(a, n, popUnit[x] as number, popMask[x] as number, popPrio[x] as number, popTie[x] as number, heldUnit, heldMask, heldPrio, heldTie);
    heldCount[L] = n;
  }
  return { proposals, rejections: rej };
}

/** Removes the top (worst) of the heap at [a, a+n); returns the new size. */
function popTop(a: number, n: number, unit: Int32Array, mask: Uint16Array, prio: Float64Array, tie: Uint32Array): number {
  const last = a + n - 1;
  const u = unit[last] as number;
  const m = mask[last] as number;
  const pr = prio[last] as number;
  const t = tie[last] as number;
  n--;
  let i = a;
  for (;;) {
    let child = a + 2 * (i - a) + 1;
    if (child >= a + n) break;
    // The worse of the two children.
    const r = child + 1;
    if (r < a + n) {
      const cp = prio[child] as number;
      const rp = prio[r] as number;
      if (rp > cp || (rp === cp && ((tie[r] as number) > (tie[child] as number) || ((tie[r] as number) === (tie[child] as number) && (unit[r] as number) > (unit[child] as number))))) child = r;
    }
    const q = prio[child] as number;
    if (!(q > pr || (q === pr && ((tie[child] as number) > t || ((tie[child] as number) === t && (unit[child] as number) > u))))) break;
    unit[i] = unit[child] as number;
    mask[i] = mask[child] as number;
    prio[i] = q;
    tie[i] = tie[child] as number;
    i = child;
  }
  if (n > 0) {
    unit[i] = u;
    mask[i] = m;
    prio[i] = pr;
    tie[i] = t;
  }
  return n;
}

/** Adds a unit to the heap at [a, a+n); returns the new size. */
function pushUnit(a: number, n: number, u: number, m: number, pr: number, t: number, unit: Int32Array, mask: Uint16Array, prio: Float64Array, tie: Uint32Array): number {
  let i = a + n;
  while (i > a) {
    const up = a + ((i - a - 1) >> 1);
    const q = prio[up] as number;
    if (q > pr || (q === pr && ((tie[up] as number) > t || ((tie[up] as number) === t && (unit[up] as number) > u)))) break;
    unit[i] = unit[up] as number;
    mask[i] = mask[up] as number;
    prio[i] = q;
    tie[i] = tie[up] as number;
    i = up;
  }
  unit[i] = u;
  mask[i] = m;
  prio[i] = pr;
  tie[i] = t;
  return n + 1;
}
