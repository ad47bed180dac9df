// Consent for sharing a family's data with another organisation or named people: what, with whom, why, until when.
import { addDays, isCalendarDate, type CalendarDate } from '../dates.ts';
import type { FieldProblem } from '../errors.ts';

/** The parts of a family's data a consent can cover. */
export const DATA_CATEGORIES = ['contact', 'child', 'situation'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Longest validity a consent may ask for: two years, the length of a pilot. */
export const MAX_CONSENT_DAYS = 731;

export interface ConsentInput {
  givenByGuardianId: string;
  purpose: string;
  dataCategories: DataCategory[];
  validUntil: CalendarDate;
}

export interface ConsentRecord {
  validUntil: CalendarDate | null;
  withdrawnAt: Date | string | null;
}

export type ConsentState = 'valid' | 'withdrawn' | 'expired';

/** A consent counts from the moment it is given until the end of its last day, unless withdrawn. */
export function consentState(c: ConsentRecord, today: CalendarDate): ConsentState {
  if (c.withdrawnAt) return 'withdrawn';
  if (c.validUntil !== null && c.validUntil < today) return 'expired';
  return 'valid';
}

/** Field problems of a new consent; `at` is the path of the consent in the body. */
export function checkConsent(input: ConsentInput, today: CalendarDate, at = 'consent'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.purpose?.trim()) problems.push({ field: `${at}.purpose`, code: 'consent.purpose_required', nl: 'Schrijf waarvoor de gegevens gedeeld worden.', en: 'Write what the data is shared for.' });
  if (!input.dataCategories?.length) problems.push({ field: `${at}.dataCategories`, code: 'consent.categories_required', nl: 'Kies welke gegevens gedeeld worden.', en: 'Choose which data is shared.' });
  if (new Set(input.dataCategories).size !== input.dataCategories.length) problems.push({ field: `${at}.dataCategories`, code: 'consent.categories_twice', nl: 'Elke soort gegevens staat er maar één keer in.', en: 'Each kind of data is listed once.' });
  if (!isCalendarDate(input.validUntil) || input.validUntil < today) {
    problems.push({ field: `${at}.validUntil`, code: 'consent.valid_until_past', nl: 'De toestemming moet vandaag of later aflopen.', en: 'The consent must end today or later.' });
  } else if (input.validUntil > addDays(today, MAX_CONSENT_DAYS)) {
    problems.push({ field: `${at}.validUntil`, code: 'consent.valid_until_too_far', nl: 'Een toestemming geldt hoogstens twee jaar. Vraag ze daarna opnieuw.', en: 'A consent lasts at most two years. Ask again after that.' });
  }
  return problems;
}
