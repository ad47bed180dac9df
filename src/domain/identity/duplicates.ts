// Decides whether two child records may be the same child when there is no national number to compare.
import { daysBetween, type CalendarDate } from '../dates.ts';

/** What the duplicate check knows about one child and its guardians. */
export interface ChildIdentity {
  id: string;
  insz: string | null;
  givenNameKey: string | null;
  familyNameKey: string;
  birthDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  /** Normalised e-mail addresses and phone numbers of the guardians. */
  contactKeys: string[];
  /** Normalised family names of the guardians (children often carry one of them). */
  guardianNameKeys: string[];
}

export type DuplicateReason = 'same_national_number' | 'same_birth_date' | 'due_date_close' | 'birth_near_due_date' | 'same_family_name' | 'same_given_name' | 'shared_contact';

/** Window around an expected birth date in which another record may be the same child. */
export const DUE_DATE_WINDOW_DAYS = 30;

export interface DuplicateVerdict {
  possible: boolean;
  reasons: DuplicateReason[];
  /** Number of matching signals: a higher score is shown first in the queue. */
  score: number;
}

function datesMatch(a: ChildIdentity, b: ChildIdentity): DuplicateReason | null {
  if (a.birthDate && b.birthDate) return a.birthDate === b.birthDate ? 'same_birth_date' : null;
  const within = (x: CalendarDate, y: CalendarDate) => Math.abs(daysBetween(x, y)) <= DUE_DATE_WINDOW_DAYS;
  if (a.dueDate && b.dueDate && !a.birthDate && !b.birthDate) return within(a.dueDate, b.dueDate) ? 'due_date_close' : null;
  const born = a.birthDate ? a : b;
  const unborn = a.birthDate ? b : a;
  if (born.birthDate && unborn.dueDate) return within(born.birthDate, unborn.dueDate) ? 'birth_near_due_date' : null;
  return null;
}

/**
 * A possible duplicate needs a matching date (birth date, or within 30 days of a due date)
 * and at least a matching name or a shared guardian contact.
 * Two different national numbers are never the same child.
 */
export function compareChildren(a: ChildIdentity, b: ChildIdentity): DuplicateVerdict {
  const none: DuplicateVerdict = { possible: false, reasons: [], score: 0 };
  if (a.id === b.id) return none;
  if (a.insz && b.insz && a.insz !== b.insz) return none;
  const dateReason = datesMatch(a, b);
  if (!dateReason) return none;
  const reasons: DuplicateReason[] = [dateReason];
  const familyKeysA = new Set([a.familyNameKey, ...a.guardianNameKeys]);
  if (familyKeysA.has(b.familyNameKey) || b.guardianNameKeys.some((k) => k === a.familyNameKey)) reasons.push('same_family_name');
  if (a.givenNameKey && b.givenNameKey && a.givenNameKey === b.givenNameKey) reasons.push('same_given_name');
  const contactsA = new Set(a.contactKeys);
  if (b.contactKeys.some((k) => contactsA.has(k))) reasons.push('shared_contact');
  // Different given names on two born children is strong evidence of two children (twins, cousins).
  const differentNames = a.givenNameKey && b.givenNameKey && a.givenNameKey !== b.givenNameKey && a.birthDate && b.birthDate;
  const possible = reasons.length >= 2 && !differentNames;
  return { possible, reasons, score: reasons.length };
}

export const DUPLICATE_REASON_TEXT: Record<DuplicateReason, { nl: string; en: string }> = {
  same_national_number: { nl: 'Zelfde rijksregisternummer', en: 'Same national number' },
  same_birth_date: { nl: 'Zelfde geboortedatum', en: 'Same birth date' },
  due_date_close: { nl: 'Verwachte geboortedatum ligt minder dan 30 dagen uit elkaar', en: 'Due dates less than 30 days apart' },
  birth_near_due_date: { nl: 'Geboren binnen 30 dagen van de verwachte datum', en: 'Born within 30 days of the due date' },
  same_family_name: { nl: 'Zelfde familienaam', en: 'Same family name' },
  same_given_name: { nl: 'Zelfde voornaam', en: 'Same given name' },
  shared_contact: { nl: 'Zelfde e-mailadres of telefoonnummer van een ouder', en: 'Same e-mail address or phone number of a parent' },
};
