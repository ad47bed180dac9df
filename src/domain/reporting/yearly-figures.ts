// Opgroeien's yearly desk figures: registered and unanswered requests, with the urgent and vulnerable-family subcategories.
import type { CalendarDate } from '../dates.ts';

/** One request as the counting rules see it, at the moment the figures are made. */
export interface CountedRequest {
  id: string;
  /** One applicant plus one child is one request: several people asking for the same child have been merged. */
  status: 'registered' | 'active' | 'offered' | 'placed' | 'withdrawn' | 'lapsed' | 'found_elsewhere' | 'merged' | 'unknown_outcome';
  registeredOn: CalendarDate;
  desiredStartDate: CalendarDate;
  municipalityNis: string;
  urgent: boolean;
  vulnerable: boolean;
}

export type Outcome = 'answered' | 'unanswered' | 'not_counted_unanswered' | 'pending';

/**
 * What a request counts as for year Y:
 * - placed: answered;
 * - lapsed (e.g. a miscarriage), care found elsewhere (also in another municipality), withdrawn, unknown outcome:
 *   never unanswered;
 * - still open (registered, active, offered) with a desired start in Y or before: unanswered;
 * - still open with a start after Y: pending, counted next year.
 */
export function outcome(r: CountedRequest, year: number): Outcome {
  if (r.status === 'placed') return 'answered';
  if (['lapsed', 'found_elsewhere', 'withdrawn', 'unknown_outcome'].includes(r.status)) return 'not_counted_unanswered';
  return Number(r.desiredStartDate.slice(0, 4)) <= year ? 'unanswered' : 'pending';
}

export interface Figures {
  registered: number;
  unanswered: number;
  urgent: { registered: number; unanswered: number };
  vulnerable: { registered: number; unanswered: number };
}

export interface YearlyFigures {
  year: number;
  total: Figures;
  byMunicipality: Record<string, Figures>;
  /** The request ids behind each number, for drilling down. */
  ids: { registered: string[]; unanswered: string[] };
}

export function emptyFigures(): Figures {
  return { registered: 0, unanswered: 0, urgent: { registered: 0, unanswered: 0 }, vulnerable: { registered: 0, unanswered: 0 } };
}

/** Counts one request (or one child) into a set of figures. */
export function countInto(f: Figures, unanswered: boolean, urgent: boolean, vulnerable: boolean): void {
  f.registered++;
  if (unanswered) f.unanswered++;
  if (urgent) {
    f.urgent.registered++;
    if (unanswered) f.urgent.unanswered++;
  }
  if (vulnerable) {
    f.vulnerable.registered++;
    if (unanswered) f.vulnerable.unanswered++;
  }
}

/** Counts the requests registered in `year`. Merged duplicates are not requests of their own; the subcategories may overlap. */
export function yearlyFigures(requests: readonly CountedRequest[], year: number): YearlyFigures {
  const total = emptyFigures();
  const byMunicipality: Record<string, Figures> = {};
  const ids = { registered: [] as string[], unanswered: [] as string[] };
  for (const r of requests) {
    if (r.status === 'merged' || Number(r.registeredOn.slice(0, 4)) !== year) continue;
    const unanswered = outcome(r, year) === 'unanswered';
    for (const f of [total, (byMunicipality[r.municipalityNis] ??= emptyFigures())]) countInto(f, unanswered, r.urgent, r.vulnerable);
    ids.registered.push(r.id);
    if (unanswered) ids.unanswered.push(r.id);
  }
  return { year, total, byMunicipality, ids };
}
