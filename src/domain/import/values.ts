// Reads the cell values of a waiting-list sheet: Dutch and ISO dates, weekdays and half days, yes/no, work fractions.
import { isCalendarDate, type CalendarDate } from '../dates.ts';
import type { CareDay, CarePart } from '../requests/registration.ts';
import type { ActivityKind } from '../rules/types.ts';
import { headerKey } from './columns.ts';

/**
 * A date as desks type it: 31/01/2027, 31-1-2027, 31.01.2027, 2027-01-31, or an Excel serial day number.
 * Two-digit years are refused: 01/02/27 could be 1927 for a parent or 2027 for a start.
 * Returns null for an empty cell and 'invalid' for text that is not a real date.
 */
export function parseDate(raw: string): CalendarDate | null | 'invalid' {
  const s = raw.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z)?)?$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(s);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  // Excel stores dates as days since 30 December 1899; a CSV saved without formatting shows that number.
  if (/^\d{5}$/.test(s)) {
    const n = Number(s);
    if (n >= 20000 && n <= 80000) return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
  }
  return 'invalid';
}

function checked(y: number, mo: number, d: number): CalendarDate | 'invalid' {
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : 'invalid';
}

const YES = new Set(['ja', 'j', 'x', 'yes', 'y', 'true', 'waar', '1', 'v', 'ok']);
const NO = new Set(['nee', 'n', 'neen', 'no', 'false', 'onwaar', '0', '']);

/** Yes or no; null when the text is neither. An empty cell is no. */
export function parseYesNo(raw: string): boolean | null {
  const k = headerKey(raw);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return null;
}

const WEEKDAYS: Record<string, number> = {
  ma: 1, maandag: 1, mon: 1, monday: 1, mo: 1,
  di: 2, dinsdag: 2, tue: 2, tuesday: 2, tu: 2,
  wo: 3, woensdag: 3, wed: 3, wednesday: 3, we: 3,
  do: 4, donderdag: 4, thu: 4, thursday: 4, th: 4,
  vr: 5, vrijdag: 5, fri: 5, friday: 5, fr: 5,
};
const PARTS: Record<string, CarePart> = {
  vm: 'morning', voormiddag: 'morning', am: 'morning', morning: 'morning', ochtend: 'morning',
  nm: 'afternoon', namiddag: 'afternoon', pm: 'afternoon', afternoon: 'afternoon', middag: 'afternoon',
  hd: 'full', volledig: 'full', vd: 'full', full: 'full', heledag: 'full', dag: 'full', volledigedag: 'full', fullday: 'full',
};
const WHOLE_WEEK = new Set(['voltijds', 'voltijd', 'fulltime', 'full time', '5 dagen', 'alle dagen', 'ma vr', 'maandag vrijdag', 'mon fri', 'monday friday', 'elke dag', 'every day']);

/**
 * Care days in one cell: "ma,di,do", "ma-vm, wo-nm", "maandag en dinsdag", "ma-vr" (a range of whole days),
 * "voltijds", or ISO numbers "1,2,4". Null when a part is not understood.
 */
export function parseCareDays(raw: string): CareDay[] | null {
  const s = raw.trim().toLowerCase();
  if (s === '') return [];
  if (WHOLE_WEEK.has(headerKey(s))) return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, part: 'full' as const }));
  const days: CareDay[] = [];
  for (const token of s.split(/\s*(?:[,;/+|&]|\ben\b|\band\b)\s*/).filter(Boolean)) {
    const t = token.trim();
    const range = /^([a-z]+)\s*(?:-|–|tot|t\/m|to)\s*([a-z]+)$/.exec(t);
    if (range && WEEKDAYS[range[1] as string] && WEEKDAYS[range[2] as string]) {
      const from = WEEKDAYS[range[1] as string] as number;
      const to = WEEKDAYS[range[2] as string] as number;
      if (to < from) return null;
      for (let d = from; d <= to; d++) days.push({ weekday: d, part: 'full' });
      continue;
    }
    const m = /^([a-z]+|[1-5])\s*[-:( ]?\s*([a-z ]+)?\)?$/.exec(t);
    if (!m) return null;
    const weekday = /^[1-5]$/.test(m[1] as string) ? Number(m[1]) : WEEKDAYS[m[1] as string];
    const part = m[2] ? PARTS[(m[2] as string).replace(/\s+/g, '')] : 'full';
    if (!weekday || !part) return null;
    days.push({ weekday, part });
  }
  return days;
}

/** One weekday column (a "maandag" column): empty or no = not that day; x, ja, hele dag = full; vm / nm = half day. */
export function parseDayCell(raw: string): CarePart | null | 'invalid' {
  const k = headerKey(raw).replace(/\s+/g, '');
  if (k === '' || NO.has(k)) return null;
  if (YES.has(k)) return 'full';
  return PARTS[k] ?? 'invalid';
}

/**
 * A parent's work or training as a desk notes it: "voltijds", "4/5", "80%", "0,8", "halftijds", "zelfstandige",
 * "werkzoekend", "VDAB-opleiding 4/5", "inburgering". Empty or "nee" is no activity; null when not understood.
 */
export function parseActivity(raw: string): Array<{ kind: ActivityKind; fraction: number }> | null {
  const k = headerKey(raw);
  if (k === '' || NO.has(k) || k === 'geen' || k === 'none') return [];
  let kind: ActivityKind = 'employed';
  if (/zelfstandig|self employed|freelance/.test(k)) kind = 'self_employed';
  else if (/werkzoek|job seek|werkloos|unemployed/.test(k)) kind = 'job_seeking';
  else if (/inburger|integration/.test(k)) kind = 'integration';
  else if (/nederlands|dutch/.test(k)) kind = 'dutch_course';
  else if (/vdab|intensie?f|intensive/.test(k)) kind = 'training_intensive';
  else if (/opleiding|studie|training|student|course/.test(k)) kind = 'vocational_training';
  let fraction = 1;
  const frac = /(\d+)\s*\/\s*(\d+)/.exec(raw);
  const pct = /(\d{1,3})\s*%/.exec(raw);
  const dec = /(?:^|\s)(0|1)[.,](\d+)/.exec(raw);
  if (frac) fraction = Number(frac[1]) / Number(frac[2]);
  else if (pct) fraction = Number(pct[1]) / 100;
  else if (dec) fraction = Number(`${dec[1]}.${dec[2]}`);
  else if (/halftijd|deeltijd|half time|part time/.test(k)) fraction = 0.5;
  else if (!/voltijd|full time|fulltime|ja|yes|werkt|zelfstandig|werkzoek|opleiding|inburger|nederlands|vdab|studie|training|course|employed|bediende|arbeider|student|intensie?f|intensive|werkloos|self employed|job seek|integration|dutch/.test(k)) return null;
  if (!(fraction > 0 && fraction <= 1)) return null;
  return [{ kind, fraction: Math.round(fraction * 100) / 100 }];
}

/** A list in one cell: "Zonnetje Centrum; Heverlee | 1000101" (comma, semicolon, pipe or line break). */
export function splitList(raw: string): string[] {
  return raw.split(/\s*[;|\n,]\s*/).map((x) => x.trim()).filter(Boolean);
}

/** "Peeters, Sarah" (family name first, with a comma) or "Sarah Peeters" (given name first). */
export function splitName(raw: string): { givenName: string; familyName: string } {
  const s = raw.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma >= 0) return { familyName: s.slice(0, comma).trim(), givenName: s.slice(comma + 1).trim() };
  const space = s.indexOf(' ');
  if (space < 0) return { givenName: '', familyName: s };
  return { givenName: s.slice(0, space), familyName: s.slice(space + 1) };
}
