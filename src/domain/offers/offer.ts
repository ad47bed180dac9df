// Offers: their states, the answers a family can give, and deadlines computed in Brussels time.
import { addDays, brusselsDate, type CalendarDate } from '../dates.ts';
import { UserError } from '../errors.ts';

export const OFFER_STATUSES = ['open', 'accepted', 'accepted_keep_waiting', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export type OfferAnswer = 'accept' | 'accept_keep_waiting' | 'decline';

/** Desks choose between 8 and 14 days to answer; 10 when they do not choose. */
export const DEFAULT_DEADLINE_DAYS = 10;
export const MIN_DEADLINE_DAYS = 8;
export const MAX_DEADLINE_DAYS = 14;

/** The last instant of a calendar day in Brussels (23:59:59.999 local time, summer or winter). */
export function endOfDayBrussels(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, 23 - offsetHours, 59, 59, 999));
    if (brusselsDate(candidate) === date && brusselsDate(new Date(candidate.getTime() + 1)) !== date) return candidate;
  }
  throw new Error(`no end of day found for ${date}`);
}

/** An offer made on `now` must be answered by the end of the day, `days` days later, Brussels time. */
export function offerDeadline(now: Date, days: number = DEFAULT_DEADLINE_DAYS): Date {
  return endOfDayBrussels(addDays(brusselsDate(now), days));
}

/** Checks a family's answer against the offer's state and deadline. */
export function checkAnswer(status: OfferStatus, deadline: Date, now: Date): void {
  if (status !== 'open') {
    throw new UserError('conflict', 'offer.not_open', null, {
      nl: 'Op dit aanbod kan u niet meer antwoorden: het is al beantwoord, vervallen of ingetrokken.',
      en: 'You can no longer answer this offer: it was already answered, has expired or was withdrawn.',
    });
  }
  if (now.getTime() > deadline.getTime()) {
    throw new UserError('conflict', 'offer.expired', null, {
      nl: 'De termijn om dit aanbod te beantwoorden is voorbij.',
      en: 'The time to answer this offer has passed.',
    });
  }
}
