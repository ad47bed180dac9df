// Belgian national number (INSZ / rijksregisternummer) and BIS number: check digits, birth date, sex, formatting.
import { isCalendarDate, type CalendarDate } from '../dates.ts';

export type InszKind = 'rijksregister' | 'bis';

export interface Insz {
  /** 11 digits, no punctuation. */
  value: string;
  kind: InszKind;
  /** Full birth date, or null when month or day is registered as unknown (00). */
  birthDate: CalendarDate | null;
  birthYear: number;
  /** M, F, or null when a BIS number does not record it. */
  sex: 'M' | 'F' | null;
}

export type InszProblem = 'format' | 'checksum' | 'date' | 'future';

export interface InszOptions {
  /** The reference day: a birth date after it is impossible. */
  today: CalendarDate;
  /** When set, the birth year must lie in this window; it also decides the century when both would fit. */
  birthYearFrom?: number;
}

/** Strips the usual punctuation people type: dots, dashes, spaces and slashes. */
export function normaliseInsz(input: string): string {
  return input.replace(/[\s.\-/]/g, '');
}

function checkDigits(base: number): number {
  return 97 - (base % 97);
}

/**
 * Parses and validates an INSZ or BIS number.
 * The check digits decide the century (births from 2000 on are computed on 2YYMMDDSSS).
 * Note: moving the second year digit by 6 can turn a valid 20xx number into a valid 19xx one
 * (2·10⁹ − 6·10⁷ ≡ 0 mod 97), so callers that know the person is a young child pass birthYearFrom.
 */
export function parseInsz(input: string, options: InszOptions): { ok: true; insz: Insz } | { ok: false; problem: InszProblem } {
  const value = normaliseInsz(input);
  if (!/^\d{11}$/.test(value)) return { ok: false, problem: 'format' };
  const base = Number(value.slice(0, 9));
  const check = Number(value.slice(9));
  const yy = Number(value.slice(0, 2));
  const candidates: number[] = [];
  if (checkDigits(base) === check) candidates.push(1900 + yy);
  if (checkDigits(2_000_000_000 + base) === check) candidates.push(2000 + yy);
  if (candidates.length === 0) return { ok: false, problem: 'checksum' };

  const rawMonth = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const seq = Number(value.slice(6, 9));
  let kind: InszKind = 'rijksregister';
  let month = rawMonth;
  let sexKnown = true;
  if (rawMonth >= 40) {
    kind = 'bis';
    month = rawMonth - 40;
  } else if (rawMonth >= 20) {
    kind = 'bis';
    month = rawMonth - 20;
    sexKnown = false;
  }
  if (month > 12 || day > 31) return { ok: false, problem: 'date' };

  const todayYear = Number(options.today.slice(0, 4));
  const plausible = candidates.filter((y) => y <= todayYear && (options.birthYearFrom === undefined || y >= options.birthYearFrom));
  if (plausible.length === 0) return { ok: false, problem: candidates.some((y) => y > todayYear) ? 'future' : 'date' };
  const year = plausible[plausible.length - 1] as number;

  let birthDate: CalendarDate | null = null;
  if (month > 0 && day > 0) {
    birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (!isCalendarDate(birthDate)) return { ok: false, problem: 'date' };
    if (birthDate > options.today) return { ok: false, problem: 'future' };
  }
  const sex = sexKnown ? (seq % 2 === 1 ? 'M' : 'F') : null;
  return { ok: true, insz: { value, kind, birthDate, birthYear: year, sex } };
}

/** Builds a valid number from its parts; used by the demo data and the tests. */
export function makeInsz(birthDate: CalendarDate, sequence: number, bis: 'none' | 'sex-known' | 'sex-unknown' = 'none'): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const monthOffset = bis === 'sex-known' ? 40 : bis === 'sex-unknown' ? 20 : 0;
  const base9 = `${y.slice(2)}${String(Number(m) + monthOffset).padStart(2, '0')}${d}${String(sequence).padStart(3, '0')}`;
  const base = Number(base9) + (Number(y) >= 2000 ? 2_000_000_000 : 0);
  return base9 + String(checkDigits(base)).padStart(2, '0');
}

/** YY.MM.DD-SSS.CC */
export function formatInsz(value: string): string {
  return `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}-${value.slice(6, 9)}.${value.slice(9)}`;
}

/** Shows only the birth-date part, for screens and letters: the number is never shown in full. */
export function maskInsz(value: string): string {
  return `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}-***.**`;
}
