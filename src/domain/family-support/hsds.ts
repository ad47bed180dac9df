// The social map in Open Referral HSDS 3.0 shape: the vocabularies, checks per item, and stable ids for derived objects.
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../errors.ts';

export const HSDS_VERSION = '3.0';

/** What a family may need help with: the search vocabulary (HSDS taxonomy 'nabij-need'). */
export const NEEDS: Record<string, { nl: string; en: string }> = {
  parenting: { nl: 'opvoeding', en: 'parenting' },
  development: { nl: 'ontwikkeling van het kind', en: 'child development' },
  health: { nl: 'gezondheid', en: 'health' },
  pregnancy: { nl: 'zwangerschap en geboorte', en: 'pregnancy and birth' },
  childcare: { nl: 'kinderopvang', en: 'childcare' },
  money: { nl: 'geld en rechten', en: 'money and rights' },
  housing: { nl: 'wonen', en: 'housing' },
  language: { nl: 'taal', en: 'language' },
  work: { nl: 'werk en opleiding', en: 'work and training' },
  meeting: { nl: 'ontmoeting en spel', en: 'meeting and play' },
  disability: { nl: 'handicap en zorgnoden', en: 'disability and care needs' },
  wellbeing: { nl: 'welzijn en psychische zorg', en: 'wellbeing and mental health' },
  diagnostics: { nl: 'diagnostiek', en: 'diagnostics' },
};

/** Who a service is for (HSDS taxonomy 'nabij-target-group'). */
export const TARGET_GROUPS: Record<string, { nl: string; en: string }> = {
  expecting_parents: { nl: 'aanstaande ouders', en: 'expecting parents' },
  parents: { nl: 'ouders', en: 'parents' },
  babies: { nl: 'baby’s', en: 'babies' },
  toddlers: { nl: 'peuters', en: 'toddlers' },
  preschoolers: { nl: 'kleuters', en: 'preschoolers' },
  vulnerable_families: { nl: 'gezinnen in een kwetsbare situatie', en: 'families in vulnerable situations' },
  newcomers: { nl: 'nieuwkomers', en: 'newcomers' },
  professionals: { nl: 'professionals', en: 'professionals' },
};

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const NEED_VOCABULARY = 'nabij-need';
export const TARGET_VOCABULARY = 'nabij-target-group';

export interface HsdsPhone {
  id?: string;
  number: string;
}
export interface HsdsContact {
  id?: string;
  name?: string | null;
  title?: string | null;
  email?: string | null;
  phones?: HsdsPhone[];
}
export interface HsdsSchedule {
  id?: string;
  freq?: 'WEEKLY';
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string | null;
}
export interface HsdsAddress {
  id?: string;
  address_1: string;
  city: string;
  postal_code: string;
  country?: string;
  address_type?: 'physical';
  /** Nabij profile: the municipality's NIS code, so the map can be searched by municipality. */
  nabij_nis_code: string;
}
export interface HsdsLocation {
  id?: string;
  location_type?: 'physical';
  name: string;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  addresses: HsdsAddress[];
  schedules?: HsdsSchedule[];
}
export interface HsdsLanguage {
  id?: string;
  code: string;
  name?: string | null;
}
export interface HsdsAttribute {
  id?: string;
  taxonomy_term: { id?: string; code: string; name?: string | null; taxonomy: string };
}
export interface HsdsServiceAtLocation {
  id?: string;
  location_id: string;
}
export interface HsdsService {
  id?: string;
  name: string;
  alternate_name?: string | null;
  description?: string | null;
  url?: string | null;
  email?: string | null;
  status: (typeof SERVICE_STATUSES)[number];
  eligibility_description?: string | null;
  /** Years, as HSDS has it; Nabij keeps whole months. */
  minimum_age?: number | null;
  maximum_age?: number | null;
  languages?: HsdsLanguage[];
  attributes?: HsdsAttribute[];
  contacts?: HsdsContact[];
  phones?: HsdsPhone[];
  schedules?: HsdsSchedule[];
  service_at_locations?: HsdsServiceAtLocation[];
}
export interface HsdsOrganization {
  id?: string;
  name: string;
  alternate_name?: string | null;
  description?: string | null;
  email?: string | null;
  website?: string | null;
  tax_id?: string | null;
  contacts?: HsdsContact[];
  locations?: HsdsLocation[];
  services?: HsdsService[];
}
export interface HsdsDocument {
  hsds_version: string;
  organizations: HsdsOrganization[];
}

/** A stable uuid for an object Nabij does not store separately (an address, a phone, a language), from its owner. */
export function derivedId(ownerId: string, kind: string, key: string): string {
  const h = createHash('sha256').update(`${ownerId}/${kind}/${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function yearsToMonths(years: number | null | undefined): number | null {
  return years === null || years === undefined ? null : Math.round(years * 12);
}
export function monthsToYears(months: number | null): number | null {
  return months === null ? null : Math.round((months / 12) * 100) / 100;
}

/** Weekday numbers (1 = Monday) from an iCal BYDAY list such as 'MO,TU'; null when a part is not a weekday. */
export function parseByday(byday: string): number[] | null {
  const parts = byday.split(',').map((s) => s.trim().toUpperCase());
  const days = parts.map((p) => (WEEKDAY_CODES as readonly string[]).indexOf(p) + 1);
  if (!parts.length || days.some((d) => d < 1) || new Set(days).size !== days.length) return null;
  return days.sort((a, b) => a - b);
}
export function formatByday(days: number[]): string {
  return days.map((d) => WEEKDAY_CODES[d - 1]).join(',');
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$/;

function p(field: string, code: string, nl: string, en: string): FieldProblem {
  return { field, code, nl, en };
}

function checkSchedules(list: HsdsSchedule[] | undefined, at: string, out: FieldProblem[]) {
  (list ?? []).forEach((s, i) => {
    const f = `${at}.${i}`;
    if (!parseByday(s.byday)) out.push(p(`${f}.byday`, 'hsds.byday', 'Geef de dagen als MO,TU,WE,TH,FR,SA,SU, elk één keer.', 'Give the days as MO,TU,WE,TH,FR,SA,SU, each once.'));
    if (!TIME.test(s.opens_at)) out.push(p(`${f}.opens_at`, 'hsds.time', 'Schrijf het uur als UU:MM, bijvoorbeeld 09:00.', 'Write the time as HH:MM, for example 09:00.'));
    if (!TIME.test(s.closes_at)) out.push(p(`${f}.closes_at`, 'hsds.time', 'Schrijf het uur als UU:MM, bijvoorbeeld 17:00.', 'Write the time as HH:MM, for example 17:00.'));
    else if (TIME.test(s.opens_at) && s.closes_at.slice(0, 5) <= s.opens_at.slice(0, 5)) out.push(p(`${f}.closes_at`, 'hsds.closes_before_opens', 'Het sluitingsuur ligt na het openingsuur.', 'The closing time is after the opening time.'));
  });
}

function checkContacts(list: HsdsContact[] | undefined, at: string, out: FieldProblem[]) {
  (list ?? []).forEach((c, i) => {
    if (!c.name?.trim() && !c.email?.trim() && !(c.phones ?? []).length) out.push(p(`${at}.${i}`, 'hsds.contact_empty', 'Een contact heeft een naam, e-mailadres of telefoonnummer.', 'A contact has a name, e-mail address or phone number.'));
    if ((c.phones ?? []).length > 1) out.push(p(`${at}.${i}.phones`, 'hsds.one_phone', 'Nabij bewaart één telefoonnummer per contact.', 'Nabij keeps one phone number per contact.'));
  });
}

/**
 * The checks a schema cannot make for one organization with its locations and services. `at` is the organization's
 * path in the request (for example `organizations.3`), so every problem names its item.
 */
export function checkOrganization(o: HsdsOrganization, at: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const pre = at ? `${at}.` : '';
  if (!o.name.trim()) out.push(p(`${pre}name`, 'required', 'Geef de naam van de organisatie.', 'Give the organisation’s name.'));
  checkContacts(o.contacts, `${pre}contacts`, out);
  const locationIds = new Set((o.locations ?? []).map((l) => l.id).filter(Boolean));
  (o.locations ?? []).forEach((l, i) => {
    const f = `${pre}locations.${i}`;
    if (l.addresses.length !== 1) out.push(p(`${f}.addresses`, 'hsds.one_address', 'Een locatie heeft precies één adres.', 'A location has exactly one address.'));
    const a = l.addresses[0];
    if (a && !/^[0-9]{5}$/.test(a.nabij_nis_code)) out.push(p(`${f}.addresses.0.nabij_nis_code`, 'hsds.nis_code', 'Geef de NIS-code van de gemeente (5 cijfers).', 'Give the municipality’s NIS code (5 digits).'));
    if (a && !/^[0-9]{4}$/.test(a.postal_code)) out.push(p(`${f}.addresses.0.postal_code`, 'hsds.postal_code', 'Een postcode heeft 4 cijfers.', 'A postal code has 4 digits.'));
    checkSchedules(l.schedules, `${f}.schedules`, out);
  });
  (o.services ?? []).forEach((s, i) => {
    const f = `${pre}services.${i}`;
    if (!s.name.trim()) out.push(p(`${f}.name`, 'required', 'Geef de naam van het aanbod.', 'Give the service’s name.'));
    const min = yearsToMonths(s.minimum_age);
    const max = yearsToMonths(s.maximum_age);
    if (min !== null && max !== null && min > max) out.push(p(`${f}.maximum_age`, 'hsds.age_range', 'De maximumleeftijd ligt niet onder de minimumleeftijd.', 'The maximum age is not below the minimum age.'));
    (s.attributes ?? []).forEach((a, j) => {
      const t = a.taxonomy_term;
      const known = t.taxonomy === NEED_VOCABULARY ? NEEDS : t.taxonomy === TARGET_VOCABULARY ? TARGET_GROUPS : null;
      if (!known) out.push(p(`${f}.attributes.${j}.taxonomy_term.taxonomy`, 'hsds.taxonomy', `Nabij kent de taxonomieën ${NEED_VOCABULARY} en ${TARGET_VOCABULARY}.`, `Nabij knows the taxonomies ${NEED_VOCABULARY} and ${TARGET_VOCABULARY}.`));
      else if (!Object.hasOwn(known, t.code)) out.push(p(`${f}.attributes.${j}.taxonomy_term.code`, 'hsds.term', `Onbekende code. Kies uit: ${Object.keys(known).join(', ')}.`, `Unknown code. Choose from: ${Object.keys(known).join(', ')}.`));
    });
    const codes = (s.languages ?? []).map((l) => l.code.toLowerCase());
    if (new Set(codes).size !== codes.length) out.push(p(`${f}.languages`, 'hsds.language_twice', 'Elke taal staat er één keer in.', 'Each language is listed once.'));
    checkContacts(s.contacts, `${f}.contacts`, out);
    if ((s.phones ?? []).length > 1) out.push(p(`${f}.phones`, 'hsds.one_phone', 'Nabij bewaart één telefoonnummer per aanbod.', 'Nabij keeps one phone number per service.'));
    checkSchedules(s.schedules, `${f}.schedules`, out);
    const seen = new Set<string>();
    (s.service_at_locations ?? []).forEach((sal, j) => {
      if (!locationIds.has(sal.location_id)) out.push(p(`${f}.service_at_locations.${j}.location_id`, 'hsds.location_unknown', 'Deze locatie staat niet bij dezelfde organisatie.', 'This location is not listed under the same organisation.'));
      if (seen.has(sal.location_id)) out.push(p(`${f}.service_at_locations.${j}.location_id`, 'hsds.location_twice', 'Deze locatie staat er al.', 'This location is already listed.'));
      seen.add(sal.location_id);
    });
  });
  return out;
}

/** Every id used twice in a document (an organization, location, service, contact or schedule), by path. */
export function duplicateIds(orgs: HsdsOrganization[]): FieldProblem[] {
  const seen = new Map<string, string>();
  const out: FieldProblem[] = [];
  const note = (id: string | undefined, field: string) => {
    if (!id) return;
    const k = id.toLowerCase();
    const first = seen.get(k);
    if (first) out.push(p(field, 'hsds.id_twice', `Deze id staat ook bij ${first}.`, `This id is also used at ${first}.`));
    else seen.set(k, field);
  };
  orgs.forEach((o, i) => {
    const at = `organizations.${i}`;
    note(o.id, `${at}.id`);
    (o.contacts ?? []).forEach((c, j) => note(c.id, `${at}.contacts.${j}.id`));
    (o.locations ?? []).forEach((l, j) => {
      note(l.id, `${at}.locations.${j}.id`);
      (l.schedules ?? []).forEach((s, k) => note(s.id, `${at}.locations.${j}.schedules.${k}.id`));
    });
    (o.services ?? []).forEach((s, j) => {
      note(s.id, `${at}.services.${j}.id`);
      (s.contacts ?? []).forEach((c, k) => note(c.id, `${at}.services.${j}.contacts.${k}.id`));
      (s.schedules ?? []).forEach((x, k) => note(x.id, `${at}.services.${j}.schedules.${k}.id`));
      (s.service_at_locations ?? []).forEach((x, k) => note(x.id, `${at}.services.${j}.service_at_locations.${k}.id`));
    });
  });
  return out;
}
