// Synthetic matching instances at any scale: realistic day patterns, 1–10 wishes skewed to popular locations,
// siblings, priority groups, and seats from licensed sizes of 8–100. Seeded, so a size and seed give the same instance.
import { seededRandom } from './deferred-acceptance.ts';
import { SLOTS, WEEKDAYS, type Instance, type InstanceJson } from './instance.ts';

export interface GenerateOptions {
  requests: number;
  locations: number;
  seed?: number;
  maxPreferences?: number;
  /** Share of units that are two siblings applying together. */
  siblingShare?: number;
  /** Free seat-days in the round as a share of the seat-days asked. */
  supplyRatio?: number;
  /** 'single': every request needs Monday only (the textbook case); default: realistic weekday patterns. */
  days?: 'weekdays' | 'single';
  /** Share of requests that need mornings or afternoons only. */
  halfDayShare?: number;
  /** 'tiers': priorities are the rule tier alone, so the seeded draw decides inside a tier. */
  priorities?: 'strict' | 'tiers';
}

const PATTERNS: Array<[number, number]> = [
  [5, 0.35],
  [4, 0.25],
  [3, 0.25],
  [2, 0.1],
  [1, 0.05],
];

/** Generates the flat form directly (a million requests without a million objects). */
export function generateFlat(o: GenerateOptions): { instance: Instance; tiers: Int8Array; siblings: Uint8Array } {
  const rnd = seededRandom(o.seed ?? 1);
  const maxPrefs = o.maxPreferences ?? 10;
  const M = o.locations;
  // Popularity: Zipf-like weights over a shuffled order of locations.
  const order = Array.from({ length: M }, (_, i) => i);
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const cumulative = new Float64Array(M);
  let total = 0;
  for (let i = 0; i < M; i++) {
    total += 1 / Math.pow(i + 1, 0.8);
    cumulative[i] = total;
  }
  const pickLocation = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = M - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo] as number;
  };

  const N = o.requests;
  const demand = new Int32Array(N * SLOTS);
  const children = new Int32Array(N);
  const prefStart = new Int32Array(N + 1);
  const tiers = new Int8Array(N);
  const siblings = new Uint8Array(N);
  const locs = new Int32Array(N * maxPrefs);
  let used = 0;
  let seatDays = 0;
  const chosen = new Int32Array(maxPrefs);
  for (let u = 0; u < N; u++) {
    const size = rnd() < (o.siblingShare ?? 0.02) ? 2 : 1;
    siblings[u] = size === 2 ? 1 : 0;
    children[u] = size;
    let x = rnd();
    let days = 5;
    for (const [d, share] of PATTERNS) {
      if (x < share) {
        days = d;
        break;
      }
      x -= share;
    }
    const dayList = [0, 1, 2, 3, 4];
    // Half days draw their own numbers, so the default instance stays what it was.
    const half = o.halfDayShare ? (rnd() < o.halfDayShare ? (rnd() < 0.5 ? 1 : 2) : 3) : 3;
    if (o.days === 'single') days = 1;
    for (let i = 0; i < days; i++) {
      const j = i + Math.floor(rnd() * (WEEKDAYS - i));
      [dayList[i], dayList[j]] = [dayList[j] as number, dayList[i] as number];
      const d = o.days === 'single' ? 0 : (dayList[i] as number);
      if (half & 1) demand[u * SLOTS + 2 * d] = size;
      if (half & 2) demand[u * SLOTS + 2 * d + 1] = size;
    }
    seatDays += days * size * (half === 3 ? 1 : 0.5);
    const t = rnd();
    tiers[u] = t < 0.35 ? 1 : t < 0.5 ? 2 : 99;
    // 1–10 wishes, most families listing a few.
    const k = Math.min(maxPrefs, Math.max(1, Math.round(1 + Math.abs(rnd() + rnd() + rnd() - 1.5) * 3.5)));
    prefStart[u] = used;
    let n = 0;
    for (let tries = 0; n < k && tries < k * 4; tries++) {
      const L = pickLocation();
      let dup = false;
      for (let i = 0; i < n; i++) if (chosen[i] === L) dup = true;
      if (dup) continue;
      chosen[n++] = L;
      locs[used++] = L;
    }
  }
  prefStart[N] = used;
  const prefLocation = locs.slice(0, used);
  const prefPriority = new Float64Array(used);
  for (let u = 0; u < N; u++) for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) prefPriority[p] = o.priorities === 'tiers' ? (tiers[u] as number) : (tiers[u] as number) * 1e7 + u;

  // Seats: licensed sizes 8–100, the free part scaled so supply is a share of what is asked.
  const licensed = new Float64Array(M);
  let licensedTotal = 0;
  for (let L = 0; L < M; L++) {
    licensed[L] = 8 + Math.floor(Math.pow(rnd(), 2) * 92);
    licensedTotal += licensed[L] as number;
  }
  const supply = (o.supplyRatio ?? 0.6) * seatDays;
  const capacity = new Int32Array(M * SLOTS);
  const spread = o.days === 'single' ? 1 : WEEKDAYS;
  for (let L = 0; L < M; L++) {
    const perDay = ((licensed[L] as number) / licensedTotal) * (supply / spread);
    for (let d = 0; d < WEEKDAYS; d++) {
      const c = Math.max(0, Math.round(perDay * (0.8 + 0.4 * rnd())));
      const seats = o.days === 'single' && d > 0 ? 0 : c;
      capacity[L * SLOTS + 2 * d] = capacity[L * SLOTS + 2 * d + 1] = seats;
    }
  }
  return { instance: { locationCount: M, capacity, unitCount: N, demand, children, prefStart, prefLocation, prefPriority }, tiers, siblings };
}

/** The same model in the documented JSON form; a sibling unit becomes two requests with one siblingGroup. */
export function generateInstance(o: GenerateOptions): InstanceJson {
  const { instance: inst, tiers, siblings } = generateFlat(o);
  const locations = Array.from({ length: inst.locationCount }, (_, L) => ({ id: `L${L + 1}`, capacity: Array.from({ length: WEEKDAYS }, (_, d) => inst.capacity[L * SLOTS + 2 * d] as number) }));
  const requests: InstanceJson['requests'] = [];
  for (let u = 0; u < inst.unitCount; u++) {
    const size = siblings[u] ? 2 : 1;
    const slots = Array.from(inst.demand.subarray(u * SLOTS, u * SLOTS + SLOTS), (x) => (x > 0 ? 1 : 0));
    let whole = true;
    for (let d = 0; d < WEEKDAYS; d++) if (slots[2 * d] !== slots[2 * d + 1]) whole = false;
    const pattern = whole ? { days: Array.from({ length: WEEKDAYS }, (_, d) => slots[2 * d] as number) } : { halves: slots };
    const preferences = [];
    for (let p = inst.prefStart[u] as number; p < (inst.prefStart[u + 1] as number); p++) preferences.push({ location: `L${(inst.prefLocation[p] as number) + 1}`, priority: inst.prefPriority[p] as number });
    const tier = tiers[u] as number;
    for (let c = 0; c < size; c++) {
      requests.push({ id: `R${u + 1}${size > 1 ? `-${c + 1}` : ''}`, ...pattern, preferences, ...(size > 1 ? { siblingGroup: `G${u + 1}` } : {}), group: tier === 1 ? 'work' : tier === 2 ? 'priority' : 'none', vulnerable: tier === 2 && u % 3 === 0 });
    }
  }
  return { locations, requests };
}
