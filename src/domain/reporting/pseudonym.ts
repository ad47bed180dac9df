// Pseudonymous child keys and keyed aggregates: counting unique children across desks and installations without sharing identities.
import { createHmac } from 'node:crypto';
import { nameKey } from '../identity/names.ts';
import { countInto, emptyFigures, outcome, type CountedRequest, type Figures, type Outcome } from './yearly-figures.ts';

export interface ChildIdentity {
  insz: string | null;
  givenName: string | null;
  familyName: string;
  birthDate: string | null;
  dueDate: string | null;
  /** National numbers of the guardians: they tell apart two unborn children with the same surname and due date. */
  guardianInsz: readonly string[];
}

export type KeyBasis = 'insz' | 'born_identity' | 'unborn_identity';

/**
 * The text that is keyed. With an INSZ that is all it takes; without one, the normalised identity data:
 * born children by name and birth date, unborn ones by surname, due month and a guardian's INSZ.
 * The due month rather than the day, because two desks often note slightly different due dates.
 */
export function keyMaterial(c: ChildIdentity): { basis: KeyBasis; material: string } {
  if (c.insz) return { basis: 'insz', material: `insz|${c.insz}` };
  if (c.birthDate) return { basis: 'born_identity', material: `born|${nameKey(c.familyName)}|${nameKey(c.givenName ?? '')}|${c.birthDate}` };
  const guardian = [...c.guardianInsz].sort()[0] ?? '';
  return { basis: 'unborn_identity', material: `unborn|${nameKey(c.familyName)}|${(c.dueDate ?? '').slice(0, 7)}|${guardian}` };
}

/** HMAC-SHA256 with the installation's (or the region's shared) secret, cut to 128 bits: unique enough, and no way back. */
export function pseudonymKey(secret: string, c: ChildIdentity): string {
  if (secret.length < 16) throw new Error('The pseudonym secret must be at least 16 characters');
  return createHmac('sha256', secret).update(keyMaterial(c).material).digest('hex').slice(0, 32);
}

export const KEYED_FORMAT = 'nabij.keyed-aggregates/1';

/** One counted request, as it leaves the installation: a key and coarse attributes, no names, numbers or dates. */
export interface KeyedRow {
  /** Pseudonymous child key. */
  k: string;
  /** Municipality of residence (NIS code). */
  m: string;
  o: Outcome;
  u: boolean;
  v: boolean;
}

export interface KeyedExport {
  format: typeof KEYED_FORMAT;
  installation: string;
  year: number;
  keyAlgorithm: 'HMAC-SHA256/128';
  rows: KeyedRow[];
}

/** The rows of an installation's export for a year: one per counted request (merged duplicates left out, as in the figures). */
export function keyedRows(requests: ReadonlyArray<CountedRequest & { key: string }>, year: number): KeyedRow[] {
  const rows: KeyedRow[] = [];
  for (const r of requests) {
    if (r.status === 'merged' || Number(r.registeredOn.slice(0, 4)) !== year) continue;
    rows.push({ k: r.key, m: r.municipalityNis, o: outcome(r, year), u: r.urgent, v: r.vulnerable });
  }
  // Sorted by key, so the file's order says nothing about when or where a family registered.
  return rows.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
}

export type CombinedFigures = Figures;

export interface Combined {
  year: number;
  installations: string[];
  /** Unique children: a child known in several installations counts once. */
  unique: CombinedFigures & { byMunicipality: Record<string, CombinedFigures> };
  /** The plain sum of each installation's own counts, for comparison. */
  rawSum: CombinedFigures;
  /** Children that appear in more than one installation. */
  sharedChildren: number;
}

/**
 * Combines exports of one year. Per child: answered if any installation found a place, otherwise unanswered if any
 * still counts it unanswered; urgent or vulnerable if any says so; the municipality of the first installation in
 * name order that knows the child (so the result does not depend on the order of the files).
 */
export function combineKeyed(exports: readonly KeyedExport[]): Combined {
  if (!exports.length) throw new Error('Nothing to combine');
  const year = exports[0]!.year;
  for (const e of exports) {
    if (e.format !== KEYED_FORMAT) throw new Error(`Unknown format in the export of ${e.installation}: ${String(e.format)}`);
    if (e.year !== year) throw new Error(`The exports are of different years (${year} and ${e.year})`);
  }
  const sorted = [...exports].sort((a, b) => (a.installation < b.installation ? -1 : 1));
  const rawSum = emptyFigures();
  const perChild = new Map<string, { m: string; outcomes: Set<Outcome>; u: boolean; v: boolean; seenIn: Set<string> }>();
  for (const e of sorted) {
    for (const r of e.rows) {
      countInto(rawSum, r.o === 'unanswered', r.u, r.v);
      const c = perChild.get(r.k) ?? { m: r.m, outcomes: new Set<Outcome>(), u: false, v: false, seenIn: new Set<string>() };
      c.outcomes.add(r.o);
      c.u ||= r.u;
      c.v ||= r.v;
      c.seenIn.add(e.installation);
      perChild.set(r.k, c);
    }
  }
  const unique = { ...emptyFigures(), byMunicipality: {} as Record<string, CombinedFigures> };
  let sharedChildren = 0;
  for (const c of perChild.values()) {
    const unanswered = !c.outcomes.has('answered') && c.outcomes.has('unanswered');
    countInto(unique, unanswered, c.u, c.v);
    countInto((unique.byMunicipality[c.m] ??= emptyFigures()), unanswered, c.u, c.v);
    if (c.seenIn.size > 1) sharedChildren++;
  }
  return { year, installations: sorted.map((e) => e.installation), unique, rawSum, sharedChildren };
}
