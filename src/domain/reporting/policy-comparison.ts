// Compares two matching outcomes per family group: who gets a place under the current rules and under an alternative.
import type { Facts } from '../rules/types.ts';
import { classifyVulnerability } from '../rules/vulnerability.ts';

export const COMPARED_GROUPS = ['all', 'vulnerable', 'single_parent', 'working', 'priority_group', 'no_priority_group'] as const;
export type ComparedGroup = (typeof COMPARED_GROUPS)[number];

export const GROUP_TEXT: Record<ComparedGroup, { nl: string; en: string }> = {
  all: { nl: 'alle kinderen', en: 'all children' },
  vulnerable: { nl: 'kwetsbare gezinnen', en: 'vulnerable families' },
  single_parent: { nl: 'alleenstaande ouders', en: 'single parents' },
  working: { nl: 'werkende gezinnen (elke ouder werkt of volgt een opleiding)', en: 'working families (every parent works or trains)' },
  priority_group: { nl: 'gezinnen in een voorrangsgroep', en: 'families in a priority group' },
  no_priority_group: { nl: 'gezinnen zonder voorrang', en: 'families without priority' },
};

export interface ComparedRequest {
  id: string;
  facts: Facts;
  /** The priority group under the current rules, or null. */
  currentGroup: string | null;
}

export function groupsOf(r: ComparedRequest): ComparedGroup[] {
  const out: ComparedGroup[] = ['all'];
  if (classifyVulnerability(r.facts).vulnerable) out.push('vulnerable');
  if (r.facts.singleParent) out.push('single_parent');
  if (r.facts.guardians.length > 0 && r.facts.guardians.every((g) => g.activities.some((a) => a.fraction > 0))) out.push('working');
  out.push(r.currentGroup ? 'priority_group' : 'no_priority_group');
  return out;
}

export interface GroupComparison {
  group: ComparedGroup;
  label: { nl: string; en: string };
  children: number;
  placedCurrent: number;
  placedAlternative: number;
  /** Placed under the alternative minus placed now: positive means the alternative helps this group. */
  difference: number;
}

/** `current` and `alternative` map request ids to the location each places it at (absent or null: no place). */
export function comparePolicies(requests: readonly ComparedRequest[], current: ReadonlyMap<string, string | null>, alternative: ReadonlyMap<string, string | null>) {
  const rows = new Map<ComparedGroup, GroupComparison>(COMPARED_GROUPS.map((g) => [g, { group: g, label: GROUP_TEXT[g], children: 0, placedCurrent: 0, placedAlternative: 0, difference: 0 }]));
  let changed = 0;
  for (const r of requests) {
    const now = current.get(r.id) ?? null;
    const alt = alternative.get(r.id) ?? null;
    if (now !== alt) changed++;
    for (const g of groupsOf(r)) {
      const row = rows.get(g)!;
      row.children++;
      if (now) row.placedCurrent++;
      if (alt) row.placedAlternative++;
      row.difference = row.placedAlternative - row.placedCurrent;
    }
  }
  return { groups: [...rows.values()], changedOutcomes: changed };
}
