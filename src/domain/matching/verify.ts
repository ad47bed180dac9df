// Independent checks of a matching result, written apart from the engine: capacity, listed wishes, siblings, justified envy, metrics.
import { WEEKDAYS, type CompiledInstance, type InstanceJson } from './instance.ts';

export interface VerifierReport {
  capacityViolations: Array<{ location: string; weekday: number; load: number; capacity: number }>;
  unlistedPlacements: string[];
  siblingsSplit: string[];
  /** Pairs (request or sibling group, location) where the unit wants the location more than what it got, and
   * the seats left after removing every placed unit with a worse priority there would fit it. */
  justifiedEnvy: number;
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

/**
 * Checks a request-level result (requestId → location id or null) against the JSON instance.
 * The compiled form is used only to know which requests form a sibling unit.
 */
export function verify(json: InstanceJson, compiled: CompiledInstance, placedAt: Map<string, string | null>): VerifierReport {
  const locIndex = new Map(json.locations.map((l, i) => [l.id, i]));
  const load = new Int32Array(json.locations.length * WEEKDAYS);
  const unlisted: string[] = [];
  const byGroup: Record<string, { requests: number; placed: number }> = {};
  const vulnerable = { requests: 0, placed: 0 };
  const maxRank = Math.max(1, ...json.requests.map((r) => r.preferences.length));
  const rankDistribution = new Array<number>(maxRank + 1).fill(0);
  let placed = 0;

  json.requests.forEach((r) => {
    const at = placedAt.get(r.id) ?? null;
    const g = (byGroup[r.group ?? 'none'] ??= { requests: 0, placed: 0 });
    g.requests++;
    if (r.vulnerable) vulnerable.requests++;
    if (at === null) {
      rankDistribution[maxRank]!++;
      return;
    }
    placed++;
    g.placed++;
    if (r.vulnerable) vulnerable.placed++;
    const rank = r.preferences.findIndex((p) => p.location === at);
    if (rank < 0) unlisted.push(r.id);
    else rankDistribution[rank]!++;
    const L = locIndex.get(at);
    if (L === undefined) return;
    r.days.forEach((x, d) => (load[L * WEEKDAYS + d]! += x));
  });

  const capacityViolations: VerifierReport['capacityViolations'] = [];
  json.locations.forEach((l, L) =>
    l.capacity.forEach((c, d) => {
      const v = load[L * WEEKDAYS + d] as number;
      if (v > c) capacityViolations.push({ location: l.id, weekday: d + 1, load: v, capacity: c });
    }),
  );

  let siblingGroups = 0;
  let together = 0;
  const siblingsSplit: string[] = [];
  const groups = new Map<string, string[]>();
  for (const r of json.requests) if (r.siblingGroup !== undefined) groups.set(r.siblingGroup, [...(groups.get(r.siblingGroup) ?? []), r.id]);
  for (const [g, members] of groups) {
    if (members.length < 2) continue;
    siblingGroups++;
    const places = new Set(members.map((m) => placedAt.get(m) ?? null));
    if (places.size === 1) {
      if (!places.has(null)) together++;
    } else siblingsSplit.push(g);
  }

  // Justified envy, per unit: per location, the placed units sorted by priority with running day loads.
  const units = compiled.unitRequests.map((members) => members.map((m) => json.requests[m] as InstanceJson['requests'][number]));
  const unitPriorityAt = (unit: InstanceJson['requests'][number][], loc: string): number | null => {
    let best: number | null = null;
    for (const r of unit) {
      const p = r.preferences.find((x) => x.location === loc);
      if (!p) return null;
      best = best === null ? p.priority : Math.min(best, p.priority);
    }
    return best;
  };
  const perLocation = json.locations.map(() => [] as Array<{ priority: number; days: number[] }>);
  units.forEach((unit) => {
    const at = placedAt.get((unit[0] as InstanceJson['requests'][number]).id) ?? null;
    if (at === null) return;
    const L = locIndex.get(at);
    const pr = unitPriorityAt(unit, at);
    if (L === undefined || pr === null) return;
    const days = new Array<number>(WEEKDAYS).fill(0);
    for (const r of unit) r.days.forEach((x, d) => (days[d]! += x));
    (perLocation[L] as Array<{ priority: number; days: number[] }>).push({ priority: pr, days });
  });
  const prefix = perLocation.map((list) => {
    list.sort((a, b) => a.priority - b.priority);
    const cum: number[][] = [new Array<number>(WEEKDAYS).fill(0)];
    for (const x of list) cum.push((cum[cum.length - 1] as number[]).map((v, d) => v + (x.days[d] as number)));
    return { priorities: list.map((x) => x.priority), cum };
  });
  let justifiedEnvy = 0;
  units.forEach((unit) => {
    const first = unit[0] as InstanceJson['requests'][number];
    const at = placedAt.get(first.id) ?? null;
    const need = new Array<number>(WEEKDAYS).fill(0);
    for (const r of unit) r.days.forEach((x, d) => (need[d]! += x));
    for (const p of first.preferences) {
      if (p.location === at) break;
      const pr = unitPriorityAt(unit, p.location);
      const L = locIndex.get(p.location);
      if (pr === null || L === undefined) continue;
      const { priorities, cum } = prefix[L] as { priorities: number[]; cum: number[][] };
      // Units at least as high in priority keep their seats; everything below could make room.
      let lo = 0;
      let hi = priorities.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((priorities[mid] as number) <= pr) lo = mid + 1;
        else hi = mid;
      }
      const kept = cum[lo] as number[];
      const cap = (json.locations[L] as InstanceJson['locations'][number]).capacity;
      if (need.every((x, d) => x === 0 || (kept[d] as number) + x <= (cap[d] as number))) justifiedEnvy++;
    }
  });

  const utilisationPerWeekday = Array.from({ length: WEEKDAYS }, (_, d) => {
    let used = 0;
    let cap = 0;
    json.locations.forEach((l, L) => {
      used += load[L * WEEKDAYS + d] as number;
      cap += l.capacity[d] as number;
    });
    return cap === 0 ? 0 : used / cap;
  });

  return {
    capacityViolations,
    unlistedPlacements: unlisted,
    siblingsSplit,
    justifiedEnvy,
    metrics: { requests: json.requests.length, placed, rankDistribution, utilisationPerWeekday, byGroup, vulnerable, siblingGroups, siblingGroupsTogether: together },
  };
}
