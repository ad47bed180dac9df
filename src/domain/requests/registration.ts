// Checks a new childcare request (child, care pattern, start date, chosen locations) before anything is stored.
import { addDays, addMonths, isCalendarDate, type CalendarDate } from '../dates.ts';
import type { FieldProblem } from '../errors.ts';
import { parseInsz, type Insz } from '../identity/insz.ts';

export const CARE_PARTS = ['full', 'morning', 'afternoon'] as const;
export type CarePart = (typeof CARE_PARTS)[number];

export interface CareDay {
  /** ISO weekday, 1 = Monday … 5 = Friday. */
  weekday: number;
  part: CarePart;
  from?: string;
  to?: string;
}

export interface GuardianInput {
  givenName: string;
  familyName: string;
  email?: string;
  phone?: string;
  insz?: string;
  preferredLanguage?: string;
}

export interface ChildInput {
  insz?: string;
  givenName?: string;
  familyName: string;
  birthDate?: CalendarDate;
  dueDate?: CalendarDate;
  /** 1 for a single child; 2, 3 … for the next child of twins or triplets with the same due date. */
  birthOrder?: number;
}

export interface RegistrationInput {
  applicant: GuardianInput;
  otherGuardian?: GuardianInput;
  residence: { municipalityNis: string; street?: string; postalCode?: string };
  child: ChildInput;
  desiredStartDate: CalendarDate;
  flexibilityWeeks?: number;
  careDays: CareDay[];
  locationIds: string[];
  urgent?: boolean;
  /** The family also accepts any location in the desk's area, after the ones it ranked. */
  acceptAnyLocation?: boolean;
  /** The original registration date, for desk workers and imports: keeps registration order fair. */
  registeredOn?: CalendarDate;
  consent: { processing: boolean };
}

export interface RegistrationContext {
  today: CalendarDate;
  /** The desk's cap on chosen locations; null means no cap (as in Leuven). */
  maxLocations: number | null;
}

export interface CheckedRegistration {
  childInsz: Insz | null;
  applicantInsz: Insz | null;
  otherGuardianInsz: Insz | null;
  childBirthDate: CalendarDate | null;
  registeredOn: CalendarDate;
}

/** Children in childcare or out-of-school care are younger than 12; older numbers are typing mistakes. */
const MAX_CHILD_AGE_YEARS = 12;
/** A due date may be up to ten months ahead, and a little behind when the birth has not been reported yet. */
const DUE_DATE_MAX_AHEAD_DAYS = 300;
const DUE_DATE_MAX_BEHIND_DAYS = 60;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function p(field: string, code: string, nl: string, en: string): FieldProblem {
  return { field, code, nl, en };
}

const INSZ_TEXT: Record<string, [string, string]> = {
  format: ['Een rijksregisternummer heeft 11 cijfers.', 'A national number has 11 digits.'],
  checksum: ['Dit rijksregisternummer klopt niet. Kijk de cijfers na.', 'This national number is not valid. Please check the digits.'],
  date: ['De geboortedatum in dit rijksregisternummer bestaat niet.', 'The birth date in this national number does not exist.'],
  future: ['De geboortedatum in dit rijksregisternummer ligt in de toekomst.', 'The birth date in this national number is in the future.'],
};

function checkGuardian(g: GuardianInput, field: string, today: CalendarDate, out: FieldProblem[]): Insz | null {
  if (!g.givenName.trim()) out.push(p(`${field}.givenName`, 'required', 'Vul de voornaam in.', 'Enter the given name.'));
  if (!g.familyName.trim()) out.push(p(`${field}.familyName`, 'required', 'Vul de familienaam in.', 'Enter the family name.'));
  if (g.email !== undefined && !EMAIL_RE.test(g.email.trim())) {
    out.push(p(`${field}.email`, 'email.invalid', 'Dit e-mailadres is niet geldig.', 'This e-mail address is not valid.'));
  }
  if (g.phone !== undefined && g.phone.replace(/\D/g, '').length < 8) {
    out.push(p(`${field}.phone`, 'phone.invalid', 'Dit telefoonnummer is te kort.', 'This phone number is too short.'));
  }
  if (g.insz === undefined || g.insz.trim() === '') return null;
  const r = parseInsz(g.insz, { today });
  if (!r.ok) {
    out.push(p(`${field}.insz`, `insz.${r.problem}`, ...(INSZ_TEXT[r.problem] as [string, string])));
    return null;
  }
  return r.insz;
}

/** Returns every problem at once, so a form can show each one next to its field. */
export function checkRegistration(input: RegistrationInput, ctx: RegistrationContext): { problems: FieldProblem[]; checked: CheckedRegistration } {
  const out: FieldProblem[] = [];
  const { today } = ctx;
  const applicantInsz = checkGuardian(input.applicant, 'applicant', today, out);
  const otherGuardianInsz = input.otherGuardian ? checkGuardian(input.otherGuardian, 'otherGuardian', today, out) : null;
  const a = input.applicant;
  if (!a.email?.trim() && !a.phone?.trim() && !input.residence.street?.trim()) {
    out.push(
      p('applicant.email', 'contact.required', 'Geef een e-mailadres, een telefoonnummer of een adres, zodat we u kunnen bereiken.', 'Give an e-mail address, a phone number or an address, so that we can reach you.'),
    );
  }

  const c = input.child;
  if (!c.familyName.trim()) out.push(p('child.familyName', 'required', 'Vul de familienaam van het kind in.', "Enter the child's family name."));
  let childInsz: Insz | null = null;
  let childBirthDate: CalendarDate | null = c.birthDate ?? null;
  const oldestBirthDate = addMonths(today, -12 * MAX_CHILD_AGE_YEARS);
  if (c.insz?.trim()) {
    const r = parseInsz(c.insz, { today, birthYearFrom: Number(oldestBirthDate.slice(0, 4)) });
    if (!r.ok) out.push(p('child.insz', `insz.${r.problem}`, ...(INSZ_TEXT[r.problem] as [string, string])));
    else {
      childInsz = r.insz;
      if (childBirthDate && r.insz.birthDate && r.insz.birthDate !== childBirthDate) {
        out.push(p('child.insz', 'insz.birth_date_mismatch', 'Dit rijksregisternummer past niet bij de geboortedatum.', 'This national number does not match the birth date.'));
      }
      childBirthDate ??= r.insz.birthDate;
      if (c.dueDate && !c.birthDate) {
        out.push(p('child.dueDate', 'child.unborn_with_insz', 'Een kind met een rijksregisternummer is geboren: geef de geboortedatum in plaats van de verwachte datum.', 'A child with a national number is born: give the birth date instead of the due date.'));
      }
    }
  }
  if (c.birthDate && c.dueDate) {
    out.push(p('child.dueDate', 'child.born_and_unborn', 'Geef een geboortedatum of een verwachte geboortedatum, niet allebei.', 'Give a birth date or a due date, not both.'));
  }
  if (!childBirthDate && !c.dueDate && !(c.insz?.trim() && !childInsz)) {
    out.push(p('child.birthDate', 'child.date_required', 'Geef de geboortedatum of, voor een kind dat nog niet geboren is, de verwachte geboortedatum.', 'Give the birth date or, for a child not yet born, the due date.'));
  }
  if (c.birthDate !== undefined) {
    if (!isCalendarDate(c.birthDate)) out.push(p('child.birthDate', 'date.invalid', 'Deze datum bestaat niet.', 'This date does not exist.'));
    else if (c.birthDate > today) out.push(p('child.birthDate', 'date.future', 'Een geboortedatum kan niet in de toekomst liggen. Is uw kind nog niet geboren? Geef dan de verwachte datum.', 'A birth date cannot be in the future. Is your child not born yet? Then give the due date.'));
    else if (c.birthDate < oldestBirthDate) out.push(p('child.birthDate', 'child.too_old', `Kinderopvang is voor kinderen jonger dan ${MAX_CHILD_AGE_YEARS} jaar.`, `Childcare is for children younger than ${MAX_CHILD_AGE_YEARS}.`));
  }
  if (c.dueDate !== undefined) {
    if (!isCalendarDate(c.dueDate)) out.push(p('child.dueDate', 'date.invalid', 'Deze datum bestaat niet.', 'This date does not exist.'));
    else if (c.dueDate > addDays(today, DUE_DATE_MAX_AHEAD_DAYS)) out.push(p('child.dueDate', 'due_date.too_far', 'De verwachte geboortedatum ligt meer dan 10 maanden verder.', 'The due date is more than 10 months away.'));
    else if (c.dueDate < addDays(today, -DUE_DATE_MAX_BEHIND_DAYS)) out.push(p('child.dueDate', 'due_date.past', 'De verwachte geboortedatum is al meer dan 2 maanden voorbij. Geef de geboortedatum.', 'The due date passed more than 2 months ago. Give the birth date.'));
  }
  if (c.birthOrder !== undefined && (!Number.isInteger(c.birthOrder) || c.birthOrder < 1 || c.birthOrder > 6)) {
    out.push(p('child.birthOrder', 'range', 'Het volgnummer bij een meerling ligt tussen 1 en 6.', 'The order within a multiple birth is between 1 and 6.'));
  }

  const registeredOn = input.registeredOn ?? today;
  if (input.registeredOn !== undefined) {
    if (!isCalendarDate(input.registeredOn)) out.push(p('registeredOn', 'date.invalid', 'Deze datum bestaat niet.', 'This date does not exist.'));
    else if (input.registeredOn > today) out.push(p('registeredOn', 'date.future', 'De inschrijvingsdatum kan niet in de toekomst liggen.', 'The registration date cannot be in the future.'));
  }
  const start = input.desiredStartDate;
  if (!isCalendarDate(start)) out.push(p('desiredStartDate', 'date.invalid', 'Deze datum bestaat niet.', 'This date does not exist.'));
  else {
    const bornOrDue = childBirthDate ?? (c.dueDate && isCalendarDate(c.dueDate) ? c.dueDate : null);
    if (bornOrDue && start < bornOrDue) {
      out.push(p('desiredStartDate', 'start.before_birth', 'De startdatum ligt vóór de (verwachte) geboortedatum.', 'The start date is before the (expected) birth date.'));
    } else if (isCalendarDate(registeredOn) && start < registeredOn) {
      out.push(p('desiredStartDate', 'start.before_registration', 'De startdatum ligt vóór de inschrijvingsdatum.', 'The start date is before the registration date.'));
    } else if (start > addMonths(today, 36)) {
      out.push(p('desiredStartDate', 'start.too_far', 'De startdatum ligt meer dan 3 jaar verder.', 'The start date is more than 3 years away.'));
    }
  }
  const flex = input.flexibilityWeeks ?? 0;
  if (!Number.isInteger(flex) || flex < 0 || flex > 52) {
    out.push(p('flexibilityWeeks', 'range', 'Het aantal weken speling ligt tussen 0 en 52.', 'The flexibility is between 0 and 52 weeks.'));
  }

  if (input.careDays.length === 0) out.push(p('careDays', 'care_days.required', 'Kies minstens één dag.', 'Choose at least one day.'));
  const seen = new Set<number>();
  input.careDays.forEach((d, i) => {
    const f = `careDays.${i}`;
    if (!Number.isInteger(d.weekday) || d.weekday < 1 || d.weekday > 5) out.push(p(`${f}.weekday`, 'weekday.invalid', 'Kies een dag van maandag tot vrijdag.', 'Choose a day from Monday to Friday.'));
    else if (seen.has(d.weekday)) out.push(p(`${f}.weekday`, 'weekday.twice', 'Elke dag mag maar één keer voorkomen.', 'Each day may appear only once.'));
    seen.add(d.weekday);
    if ((d.from === undefined) !== (d.to === undefined)) out.push(p(`${f}.to`, 'time.pair', 'Geef zowel een begin- als een einduur, of geen van beide.', 'Give both a start and an end time, or neither.'));
    else if (d.from !== undefined && d.to !== undefined) {
      if (!TIME_RE.test(d.from)) out.push(p(`${f}.from`, 'time.invalid', 'Schrijf het uur als 07:30.', 'Write the time as 07:30.'));
      else if (!TIME_RE.test(d.to)) out.push(p(`${f}.to`, 'time.invalid', 'Schrijf het uur als 17:30.', 'Write the time as 17:30.'));
      else if (d.from >= d.to) out.push(p(`${f}.to`, 'time.order', 'Het einduur ligt na het beginuur.', 'The end time must be after the start time.'));
    }
  });

  if (input.locationIds.length === 0) out.push(p('locationIds', 'locations.required', 'Kies minstens één opvanglocatie.', 'Choose at least one childcare location.'));
  if (new Set(input.locationIds).size !== input.locationIds.length) out.push(p('locationIds', 'locations.twice', 'Elke opvanglocatie mag maar één keer in uw lijst staan.', 'Each childcare location may appear only once in your list.'));
  if (ctx.maxLocations !== null && input.locationIds.length > ctx.maxLocations) {
    out.push(p('locationIds', 'locations.too_many', `U kunt hier hoogstens ${ctx.maxLocations} opvanglocaties kiezen.`, `You can choose at most ${ctx.maxLocations} childcare locations here.`));
  }
  if (input.consent.processing !== true) {
    out.push(p('consent.processing', 'consent.required', 'Zonder uw toestemming kunnen we uw aanvraag niet verwerken.', 'Without your consent we cannot process your request.'));
  }
  return { problems: out, checked: { childInsz, applicantInsz, otherGuardianInsz, childBirthDate, registeredOn } };
}

/** Recording the birth of a child that was registered before it was born. */
export function checkBirth(dueDate: CalendarDate | null, birthDate: CalendarDate, insz: string | undefined, today: CalendarDate): { problems: FieldProblem[]; insz: Insz | null } {
  const out: FieldProblem[] = [];
  let parsed: Insz | null = null;
  if (!isCalendarDate(birthDate)) out.push(p('birthDate', 'date.invalid', 'Deze datum bestaat niet.', 'This date does not exist.'));
  else if (birthDate > today) out.push(p('birthDate', 'date.future', 'Een geboortedatum kan niet in de toekomst liggen.', 'A birth date cannot be in the future.'));
  else if (dueDate && (birthDate < addDays(dueDate, -140) || birthDate > addDays(dueDate, 45))) {
    out.push(p('birthDate', 'birth.far_from_due', 'Deze geboortedatum ligt te ver van de verwachte datum. Is het wel hetzelfde kind?', 'This birth date is too far from the due date. Is it the same child?'));
  }
  if (insz?.trim()) {
    const r = parseInsz(insz, { today, birthYearFrom: Number(today.slice(0, 4)) - MAX_CHILD_AGE_YEARS });
    if (!r.ok) out.push(p('insz', `insz.${r.problem}`, ...(INSZ_TEXT[r.problem] as [string, string])));
    else if (r.insz.birthDate && r.insz.birthDate !== birthDate) out.push(p('insz', 'insz.birth_date_mismatch', 'Dit rijksregisternummer past niet bij de geboortedatum.', 'This national number does not match the birth date.'));
    else parsed = r.insz;
  }
  return { problems: out, insz: parsed };
}
