// A pilot's indicators per quarter, counted from plain rows: referrals, acceptance, time to first contact, reach, concerns.
import { daysBetween, type CalendarDate } from '../dates.ts';

export interface ReferralFact {
  familyId: string;
  vulnerable: boolean;
  /** Calendar dates in Brussels. */
  sentOn: CalendarDate;
  receivedOn: CalendarDate | null;
  contactOn: CalendarDate | null;
  fromChildcare: boolean;
}

export interface ConcernFact {
  sharedOn: CalendarDate;
}

export interface QuarterIndicators {
  quarter: string;
  from: CalendarDate;
  to: CalendarDate;
  referralsMade: number;
  referralsAccepted: number;
  medianDaysToFirstContact: number | null;
  familiesReached: number;
  familiesReachedVulnerable: number;
  childcareReferrals: number;
  concernsShared: number;
}

/** The quarters (e.g. 2024-Q3) that overlap a period, each cut to the period. */
export function quartersOf(start: CalendarDate, end: CalendarDate): Array<{ quarter: string; from: CalendarDate; to: CalendarDate }> {
  const out: Array<{ quarter: string; from: CalendarDate; to: CalendarDate }> = [];
  let y = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3);
  for (;;) {
    const qFrom = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    if (qFrom > end) break;
    const lastMonth = q * 3 + 3;
    const qTo = `${y}-${String(lastMonth).padStart(2, '0')}-${lastMonth === 3 || lastMonth === 12 ? '31' : '30'}`;
    out.push({ quarter: `${y}-Q${q + 1}`, from: qFrom < start ? start : qFrom, to: qTo > end ? end : qTo });
    q++;
    if (q === 4) {
      q = 0;
      y++;
    }
  }
  return out;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Referrals count in the quarter they were sent (a cohort): how many were made, how many the partner accepted, and
 * the median days from sending to first contact. A family is reached in the quarter of its first contact; it counts
 * once per quarter however many referrals it has.
 */
export function quarterIndicators(start: CalendarDate, end: CalendarDate, referrals: ReferralFact[], concerns: ConcernFact[]): QuarterIndicators[] {
  return quartersOf(start, end).map(({ quarter, from, to }) => {
    const within = (d: CalendarDate | null) => d !== null && d >= from && d <= to;
    const made = referrals.filter((r) => within(r.sentOn));
    const reached = new Map<string, boolean>();
    for (const r of referrals) if (within(r.contactOn)) reached.set(r.familyId, (reached.get(r.familyId) ?? false) || r.vulnerable);
    return {
      quarter,
      from,
      to,
      referralsMade: made.length,
      referralsAccepted: made.filter((r) => r.receivedOn !== null).length,
      medianDaysToFirstContact: median(made.filter((r) => r.contactOn !== null).map((r) => daysBetween(r.sentOn, r.contactOn as CalendarDate))),
      familiesReached: reached.size,
      familiesReachedVulnerable: [...reached.values()].filter(Boolean).length,
      childcareReferrals: made.filter((r) => r.fromChildcare).length,
      concernsShared: concerns.filter((c) => within(c.sharedOn)).length,
    };
  });
}

export const INDICATOR_COLUMNS = ['quarter', 'from', 'to', 'referralsMade', 'referralsAccepted', 'medianDaysToFirstContact', 'familiesReached', 'familiesReachedVulnerable', 'childcareReferrals', 'concernsShared'] as const;
