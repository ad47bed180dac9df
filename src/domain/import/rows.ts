// Turns the rows of a waiting-list sheet into registrations and declared facts, with every problem by line and column.
import { createHash } from 'node:crypto';
import type { CalendarDate } from '../dates.ts';
import { emailKey, nameKey, phoneKey } from '../identity/names.ts';
import { checkRegistration, type CareDay, type GuardianInput, type RegistrationInput } from '../requests/registration.ts';
import type { Facts } from '../rules/types.ts';
import type { Table } from './csv.ts';
import type { ImportField, Mapping } from './columns.ts';
import { parseActivity, parseCareDays, parseDate, parseDayCell, parseYesNo, splitList, splitName } from './values.ts';

export interface ImportSetting {
  today: CalendarDate;
  /** The desk's cap on chosen locations (null: no cap). */
  maxLocations: number | null;
  /** The municipalities the desk serves: a family must live in one of them. */
  deskMunicipalities: ReadonlyArray<{ nis: string; name: string }>;
  /** Every municipality the installation knows, to tell "another desk's area" from "unknown". */
  municipalities: ReadonlyArray<{ nis: string; name: string }>;
  /** The locations a row may choose, by id, Opgroeien number or name. */
  locations: ReadonlyArray<{ id: string; name: string; opgroeienId: string | null }>;
}

/** Facts as declareFacts takes them: the household's situation at registration, sworn by the family. */
export interface ImportFacts extends Facts {
  declaredOn: CalendarDate;
}

export interface ImportRow {
  line: number;
  /** Hash of everything the row says, after reading: the same row in a later file has the same fingerprint. */
  fingerprint: string;
  registration: RegistrationInput;
  facts: ImportFacts | null;
}

export interface RowProblem {
  line: number;
  /** The header of the column the problem is in, when there is one. */
  column: string | null;
  field: string;
  code: string;
  nl: string;
  en: string;
}

export interface CheckedImport {
  rows: ImportRow[];
  problems: RowProblem[];
  /** Lines with at least one problem, ascending. */
  problemLines: number[];
}

/** The longest cell a row may have in a mapped column. */
const MAX_CELL = 200;
const FACT_FIELDS: ImportField[] = ['facts.singleParent', 'facts.lowIncome', 'facts.fosterChild', 'facts.healthOrCareSituation', 'facts.noSecondaryDiploma', 'facts.dutchSpeaking', 'facts.work1', 'facts.work2', 'facts.siblingLocation'];
const LANGUAGES: Record<string, string> = { nl: 'nl', nederlands: 'nl', dutch: 'nl', fr: 'fr', frans: 'fr', french: 'fr', francais: 'fr', en: 'en', engels: 'en', english: 'en', ar: 'ar', arabisch: 'ar', arabic: 'ar' };

/** Which columns a registration problem's field comes from, to name the column in the report. */
const FIELD_COLUMNS: Array<[RegExp, ImportField[]]> = [
  [/^applicant\.givenName/, ['parent1.givenName', 'parent1.name']],
  [/^applicant\.familyName/, ['parent1.familyName', 'parent1.name']],
  [/^applicant\.email/, ['parent1.email', 'parent1.phone', 'residence.street']],
  [/^applicant\.phone/, ['parent1.phone']],
  [/^applicant\.insz/, ['parent1.insz']],
  [/^otherGuardian\.givenName/, ['parent2.givenName', 'parent2.name']],
  [/^otherGuardian\.familyName/, ['parent2.familyName', 'parent2.name']],
  [/^otherGuardian\.email/, ['parent2.email']],
  [/^otherGuardian\.phone/, ['parent2.phone']],
  [/^otherGuardian\.insz/, ['parent2.insz']],
  [/^child\.insz/, ['child.insz']],
  [/^child\.birthDate/, ['child.birthDate', 'child.bornOrDue', 'child.dueDate']],
  [/^child\.dueDate/, ['child.dueDate', 'child.bornOrDue', 'child.birthDate']],
  [/^child\.familyName/, ['child.familyName', 'child.name']],
  [/^child\.birthOrder/, ['child.birthOrder']],
  [/^registeredOn/, ['registeredOn']],
  [/^desiredStartDate/, ['desiredStartDate']],
  [/^flexibilityWeeks/, ['flexibilityWeeks']],
  [/^careDays/, ['careDays', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5']],
  [/^locationIds/, ['locations', 'location.1']],
  [/^residence/, ['residence.municipality']],
];

function msg(nl: string, en: string) {
  return { nl, en };
}

const TEXT = {
  date: msg('Deze datum begrijpen we niet of ze bestaat niet. Schrijf ze als 31/01/2027 of 2027-01-31.', 'This date is not understood or does not exist. Write it as 31/01/2027 or 2027-01-31.'),
  days: msg('Deze dagen begrijpen we niet. Schrijf bijvoorbeeld "ma, di, do" of "ma-vm, wo-nm".', 'These days are not understood. Write for example "ma, di, do" or "ma-vm, wo-nm".'),
  dayCell: msg('Schrijf x of ja voor een hele dag, vm of nm voor een halve dag, of laat leeg.', 'Write x or ja for a whole day, vm or nm for a half day, or leave it empty.'),
  yesNo: msg('Schrijf ja of nee.', 'Write yes or no.'),
  work: msg('Deze werksituatie begrijpen we niet. Schrijf bijvoorbeeld "voltijds", "4/5", "80%", "werkzoekend" of "opleiding".', 'This work situation is not understood. Write for example "voltijds", "4/5", "80%", "werkzoekend" or "opleiding".'),
  startRequired: msg('Vul de gewenste startdatum in.', 'Fill in the desired start date.'),
  registeredRequired: msg('Vul de inschrijvingsdatum in: zo blijft de volgorde van inschrijven eerlijk.', 'Fill in the registration date: it keeps the order of registration fair.'),
  municipalityUnknown: msg('Deze gemeente kennen we niet. Schrijf de naam of de NIS-code.', 'This municipality is unknown. Write its name or NIS code.'),
  municipalityRequired: msg('Vul de gemeente in waar het gezin woont.', 'Fill in the municipality the family lives in.'),
  municipalityOtherDesk: msg('Deze gemeente hoort niet bij dit loket. Het loket van die gemeente schrijft dit gezin in.', 'This municipality does not belong to this desk. The desk of that municipality registers this family.'),
  birthOrder: msg('Het volgnummer bij een meerling is een getal van 1 tot 6.', 'The order within a multiple birth is a number from 1 to 6.'),
  flexibility: msg('De speling is een aantal weken (een getal).', 'The flexibility is a number of weeks.'),
};

/** The stable hash of a row's meaning, so that re-importing the same file finds the rows it already imported. */
export function rowFingerprint(registration: RegistrationInput, facts: ImportFacts | null): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical({ registration, facts }))).digest('hex').slice(0, 40);
}

/** Excel drops the leading zero of a national number stored as a number (parents born 2000–2009). */
function inszCell(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  return /^\d{10}$/.test(s) ? `0${s}` : s;
}

/**
 * Checks every row and returns the registrations for the good ones and all problems of the others. It never stops at
 * the first problem: a desk fixes the whole file in one go. Rows that describe the same child twice are a problem;
 * two children of the same parent and due date with different names are twins and get birth orders 1, 2, ….
 */
export function checkImport(table: Table, mapping: Mapping, setting: ImportSetting): CheckedImport {
  const columnOf = new Map<ImportField, number>();
  mapping.forEach((f, i) => {
    if (f && !columnOf.has(f)) columnOf.set(f, i);
  });
  const header = (f: ImportField) => {
    const i = columnOf.get(f);
    return i === undefined ? null : (table.headers[i] ?? null);
  };
  const mapped = (f: ImportField) => columnOf.has(f);
  const factsMapped = FACT_FIELDS.some(mapped);

  const byNis = new Map(setting.municipalities.map((m) => [m.nis, m]));
  const byName = new Map(setting.municipalities.map((m) => [nameKey(m.name), m]));
  const deskNis = new Set(setting.deskMunicipalities.map((m) => m.nis));
  const locById = new Map(setting.locations.map((l) => [l.id.toLowerCase(), l.id]));
  const locByCode = new Map(setting.locations.filter((l) => l.opgroeienId).map((l) => [l.opgroeienId as string, l.id]));
  const locByName = new Map<string, string[]>();
  for (const l of setting.locations) locByName.set(nameKey(l.name), [...(locByName.get(nameKey(l.name)) ?? []), l.id]);

  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, Array<{ line: number; given: string }>>();

  for (const { line, cells } of table.rows) {
    const get = (f: ImportField) => {
      const i = columnOf.get(f);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const mine: RowProblem[] = [];
    const add = (f: ImportField | null, field: string, code: string, text: { nl: string; en: string }) =>
      mine.push({ line, column: f ? header(f) : null, field, code, ...text });
    const date = (f: ImportField): CalendarDate | undefined => {
      const d = parseDate(get(f));
      if (d === 'invalid') {
        add(f, f, 'date.invalid', TEXT.date);
        return undefined;
      }
      return d ?? undefined;
    };

    // The API takes names and addresses up to 100–200 characters; a longer cell is a pasting mistake.
    mapping.forEach((f, i) => {
      if (f && (cells[i] ?? '').length > MAX_CELL) add(f, f, 'too_long', msg(`Deze cel is te lang (hoogstens ${MAX_CELL} tekens).`, `This cell is too long (at most ${MAX_CELL} characters).`));
    });

    // People.
    const person = (prefix: 'parent1' | 'parent2' | 'child') => {
      const full = splitName(get(`${prefix}.name` as ImportField));
      return {
        givenName: get(`${prefix}.givenName` as ImportField) || full.givenName,
        familyName: get(`${prefix}.familyName` as ImportField) || full.familyName,
      };
    };
    const p1 = person('parent1');
    const p2 = person('parent2');
    const c = person('child');
    const language = LANGUAGES[get('parent1.language').toLowerCase()] ?? 'nl';
    const guardian = (prefix: 'parent1' | 'parent2', names: { givenName: string; familyName: string }): GuardianInput => ({
      givenName: names.givenName,
      familyName: names.familyName,
      ...(get(`${prefix}.email` as ImportField) ? { email: get(`${prefix}.email` as ImportField) } : {}),
      ...(get(`${prefix}.phone` as ImportField) ? { phone: get(`${prefix}.phone` as ImportField) } : {}),
      ...(inszCell(get(`${prefix}.insz` as ImportField)) ? { insz: inszCell(get(`${prefix}.insz` as ImportField)) as string } : {}),
      preferredLanguage: language,
    });
    const applicant = guardian('parent1', p1);
    const hasParent2 = Boolean(p2.givenName || p2.familyName || get('parent2.email') || get('parent2.phone'));
    const other = hasParent2 ? guardian('parent2', { givenName: p2.givenName, familyName: p2.familyName || p1.familyName }) : undefined;

    // The child's dates: one "born or due" column means a due date when it lies after today.
    let birthDate = date('child.birthDate');
    let dueDate = date('child.dueDate');
    const either = date('child.bornOrDue');
    if (either && !birthDate && !dueDate) {
      if (either > setting.today) dueDate = either;
      else birthDate = either;
    }
    let birthOrder: number | undefined;
    if (get('child.birthOrder')) {
      birthOrder = Number(get('child.birthOrder'));
      if (!Number.isInteger(birthOrder) || birthOrder < 1 || birthOrder > 6) add('child.birthOrder', 'child.birthOrder', 'range', TEXT.birthOrder);
    }

    // Where the family lives: it decides the desk.
    let municipalityNis: string | undefined;
    const place = get('residence.municipality');
    if (place) {
      const m = byNis.get(place) ?? byName.get(nameKey(place)) ?? byName.get(nameKey(place.replace(/^\d{4}\s+/, '')));
      if (!m) add('residence.municipality', 'residence.municipalityNis', 'residence.unknown', TEXT.municipalityUnknown);
      else if (!deskNis.has(m.nis)) add('residence.municipality', 'residence.municipalityNis', 'residence.other_desk', TEXT.municipalityOtherDesk);
      else municipalityNis = m.nis;
    } else if (setting.deskMunicipalities.length === 1) municipalityNis = setting.deskMunicipalities[0]?.nis;
    else add('residence.municipality', 'residence.municipalityNis', 'residence.required', TEXT.municipalityRequired);

    const desiredStartDate = date('desiredStartDate');
    if (!desiredStartDate && !mine.some((p) => p.field === 'desiredStartDate')) add('desiredStartDate', 'desiredStartDate', 'required', TEXT.startRequired);
    const registeredOn = date('registeredOn');
    if (mapped('registeredOn') && !registeredOn && !mine.some((p) => p.field === 'registeredOn')) add('registeredOn', 'registeredOn', 'required', TEXT.registeredRequired);
    let flexibilityWeeks: number | undefined;
    if (get('flexibilityWeeks')) {
      flexibilityWeeks = Number(get('flexibilityWeeks').replace(',', '.'));
      if (!Number.isFinite(flexibilityWeeks)) add('flexibilityWeeks', 'flexibilityWeeks', 'number', TEXT.flexibility);
    }
    let urgent = false;
    if (get('urgent')) {
      const u = parseYesNo(get('urgent'));
      if (u === null) add('urgent', 'urgent', 'yes_no', TEXT.yesNo);
      urgent = u ?? false;
    }

    // Days: a list in one cell, one column per weekday, or both (the weekday columns win for their day).
    const careDays = new Map<number, CareDay>();
    if (get('careDays')) {
      const list = parseCareDays(get('careDays'));
      if (!list) add('careDays', 'careDays', 'care_days.invalid', TEXT.days);
      for (const d of list ?? []) careDays.set(d.weekday, d);
    }
    for (let wd = 1; wd <= 5; wd++) {
      const f = `day.${wd}` as ImportField;
      if (!mapped(f)) continue;
      const part = parseDayCell(get(f));
      if (part === 'invalid') add(f, `careDays.${wd}`, 'care_day.invalid', TEXT.dayCell);
      else if (part) careDays.set(wd, { weekday: wd, part });
    }

    // Locations, in the order of preference.
    const resolve = (ref: string, f: ImportField, field: string): string | null => {
      const id = locById.get(ref.toLowerCase()) ?? locByCode.get(ref.replace(/\s/g, ''));
      if (id) return id;
      const named = locByName.get(nameKey(ref)) ?? [];
      if (named.length === 1) return named[0] as string;
      if (named.length > 1) {
        add(f, field, 'location.ambiguous', msg(`Er zijn meerdere opvanglocaties met de naam '${ref}'. Gebruik het nummer van Opgroeien.`, `Several childcare locations are called '${ref}'. Use the Opgroeien number.`));
      } else {
        add(f, field, 'location.unknown', msg(`De opvanglocatie '${ref}' kennen we niet. Gebruik de naam of het nummer van Opgroeien.`, `The childcare location '${ref}' is unknown. Use its name or Opgroeien number.`));
      }
      return null;
    };
    const refs: Array<[string, ImportField]> = [
      ...splitList(get('locations')).map((r): [string, ImportField] => [r, 'locations']),
      ...(['location.1', 'location.2', 'location.3', 'location.4', 'location.5'] as const).filter((f) => get(f)).map((f): [string, ImportField] => [get(f), f]),
    ];
    const locationIds: string[] = [];
    refs.forEach(([ref, f], i) => {
      const id = resolve(ref, f, `locationIds.${i}`);
      if (id) locationIds.push(id);
    });

    // Priority facts: only when the sheet has such columns and this row fills one of them.
    let facts: ImportFacts | null = null;
    if (factsMapped && FACT_FIELDS.some((f) => get(f) !== '')) {
      const yes = (f: ImportField) => {
        const v = parseYesNo(get(f));
        if (v === null) add(f, f, 'yes_no', TEXT.yesNo);
        return v ?? false;
      };
      const work = (f: ImportField) => {
        const a = parseActivity(get(f));
        if (a === null) add(f, f, 'work.invalid', TEXT.work);
        return a ?? [];
      };
      const singleParent = yes('facts.singleParent');
      const guardians = singleParent || !(hasParent2 || get('facts.work2')) ? [{ activities: work('facts.work1') }] : [{ activities: work('facts.work1') }, { activities: work('facts.work2') }];
      const siblings: Facts['siblings'] = [];
      if (get('facts.siblingLocation')) {
        const id = resolve(get('facts.siblingLocation'), 'facts.siblingLocation', 'facts.siblings.0.locationId');
        const from = date('facts.siblingFrom') ?? registeredOn ?? setting.today;
        if (id) siblings.push({ locationId: id, from, to: null });
      }
      facts = {
        guardians,
        singleParent,
        lowIncome: yes('facts.lowIncome'),
        fosterChild: yes('facts.fosterChild'),
        healthOrCareSituation: yes('facts.healthOrCareSituation'),
        noSecondaryDiploma: yes('facts.noSecondaryDiploma'),
        ...(mapped('facts.dutchSpeaking') && get('facts.dutchSpeaking') ? { dutchSpeaking: yes('facts.dutchSpeaking') } : {}),
        siblings,
        declaredOn: registeredOn ?? setting.today,
      };
    }

    // The same child twice in the file, or twins: same parent and the same (due) date.
    const who = applicant.insz ?? (applicant.email ? emailKey(applicant.email) : applicant.phone ? `${phoneKey(applicant.phone)}:${nameKey(p1.familyName)}` : `${nameKey(p1.givenName)}:${nameKey(p1.familyName)}`);
    const when = birthDate ?? dueDate ?? '';
    const childInsz = inszCell(get('child.insz'));
    const key = childInsz ? `insz:${childInsz.replace(/\D/g, '')}` : `${who}|${when}`;
    const earlier = seen.get(key) ?? [];
    const given = nameKey(c.givenName);
    const same = earlier.find((e) => e.given === given || childInsz);
    if (same) {
      add(null, 'row', 'row.duplicate', msg(`Deze rij beschrijft hetzelfde kind als rij ${same.line}.`, `This row describes the same child as line ${same.line}.`));
    } else if (when || childInsz) {
      earlier.push({ line, given });
      seen.set(key, earlier);
      if (birthOrder === undefined && earlier.length > 1) birthOrder = earlier.length;
    }

    const registration: RegistrationInput = {
      applicant,
      ...(other ? { otherGuardian: other } : {}),
      residence: { municipalityNis: municipalityNis ?? '', ...(get('residence.street') ? { street: get('residence.street') } : {}), ...(get('residence.postalCode') ? { postalCode: get('residence.postalCode') } : {}) },
      child: {
        familyName: c.familyName || p1.familyName,
        ...(c.givenName ? { givenName: c.givenName } : {}),
        ...(childInsz ? { insz: childInsz } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(dueDate ? { dueDate } : {}),
        ...(birthOrder !== undefined ? { birthOrder } : {}),
      },
      desiredStartDate: desiredStartDate ?? '',
      ...(flexibilityWeeks !== undefined ? { flexibilityWeeks } : {}),
      careDays: [...careDays.values()].sort((a, b) => a.weekday - b.weekday),
      locationIds,
      urgent,
      ...(registeredOn ? { registeredOn } : {}),
      consent: { processing: true },
    };

    // The registration rules of the portal and the desk apply unchanged; their problems get this row's line.
    if (desiredStartDate) {
      const { problems: checks } = checkRegistration(registration, { today: setting.today, maxLocations: setting.maxLocations });
      for (const p of checks) {
        // A location that could not be read was already reported; "choose one" would only repeat it.
        if (p.code === 'locations.required' && refs.length > 0) continue;
        const cols = FIELD_COLUMNS.find(([re]) => re.test(p.field))?.[1] ?? [];
        const col = cols.find((f) => mapped(f)) ?? null;
        // A date that could not be read was reported already; "give a date" would only repeat it.
        if (mine.some((m) => m.code === 'date.invalid' && (m.field === p.field || (cols as string[]).includes(m.field)))) continue;
        mine.push({ line, column: col ? header(col) : null, field: p.field, code: p.code, nl: p.nl, en: p.en });
      }
    }
    if (mine.length) {
      problems.push(...mine);
      continue;
    }
    rows.push({ line, fingerprint: rowFingerprint(registration, facts), registration, facts });
  }
  return { rows, problems, problemLines: [...new Set(problems.map((p) => p.line))].sort((a, b) => a - b) };
}
