// The fields a waiting-list import understands, their Dutch and English header names, and the column mapping.
import type { FieldProblem } from '../errors.ts';

/** Every field a column can fill. Numbered fields (location.1, day.1) cover the "one column per choice" layouts. */
export const IMPORT_FIELDS = [
  'child.name', 'child.givenName', 'child.familyName', 'child.birthDate', 'child.dueDate', 'child.bornOrDue', 'child.insz', 'child.birthOrder',
  'parent1.name', 'parent1.givenName', 'parent1.familyName', 'parent1.email', 'parent1.phone', 'parent1.insz', 'parent1.language',
  'parent2.name', 'parent2.givenName', 'parent2.familyName', 'parent2.email', 'parent2.phone', 'parent2.insz',
  'residence.street', 'residence.postalCode', 'residence.municipality',
  'desiredStartDate', 'flexibilityWeeks', 'careDays', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5',
  'locations', 'location.1', 'location.2', 'location.3', 'location.4', 'location.5',
  'registeredOn', 'urgent',
  'facts.singleParent', 'facts.lowIncome', 'facts.fosterChild', 'facts.healthOrCareSituation', 'facts.noSecondaryDiploma', 'facts.dutchSpeaking',
  'facts.work1', 'facts.work2', 'facts.siblingLocation', 'facts.siblingFrom',
  'externalId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A column's header name, lower case, without accents or punctuation: "E-mail ouder 1" → "e mail ouder 1". */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const numbered = (n: number, nl: string[], en: string[]) => [...nl.map((w) => `${w} ${n}`), ...en.map((w) => `${w} ${n}`)];
const parent2 = (nl: string[], en: string[]) => [...nl.flatMap((w) => [`${w} ouder 2`, `${w} partner`, `${w} tweede ouder`]), ...en.flatMap((w) => [`parent 2 ${w}`, `${w} parent 2`, `partner ${w}`])];

/**
 * Header names per field (Dutch first, then English), as found in Flemish desks' sheets. They are compared after
 * headerKey, so case, accents, dashes and brackets do not matter.
 */
export const SYNONYMS: Record<ImportField, string[]> = {
  'child.name': ['naam kind', 'kind', 'naam van het kind', 'child', 'child name', 'name of child'],
  'child.givenName': ['voornaam kind', 'voornaam van het kind', 'roepnaam kind', 'child given name', 'child first name', 'first name child'],
  'child.familyName': ['familienaam kind', 'achternaam kind', 'naam kind familienaam', 'child family name', 'child last name', 'child surname', 'last name child'],
  'child.birthDate': ['geboortedatum', 'geboortedatum kind', 'geboren op', 'birth date', 'date of birth', 'dob', 'child birth date'],
  'child.dueDate': ['verwachte geboortedatum', 'vermoedelijke geboortedatum', 'vermoedelijke bevallingsdatum', 'verwachte bevallingsdatum', 'uitgerekende datum', 'due date', 'expected birth date', 'expected date of birth'],
  'child.bornOrDue': ['geboortedatum of verwachte datum', 'verwachte geboortedatum', 'geboortedatum of vermoedelijke bevallingsdatum', 'geboortedatum verwachte geboortedatum', 'birth or due date', 'birth date or due date'],
  'child.insz': ['rijksregisternummer kind', 'insz kind', 'rrn kind', 'rijksregisternummer', 'insz', 'rrn', 'child national number', 'national number', 'child insz'],
  'child.birthOrder': ['meerling', 'volgnummer meerling', 'rang meerling', 'birth order', 'multiple birth order'],
  'parent1.name': ['naam ouder', 'ouder', 'ouder 1', 'naam ouder 1', 'aanvrager', 'naam aanvrager', 'parent', 'parent 1', 'parent name', 'applicant', 'applicant name'],
  'parent1.givenName': ['voornaam ouder', 'voornaam ouder 1', 'voornaam aanvrager', 'parent given name', 'parent first name', 'parent 1 given name', 'applicant given name'],
  'parent1.familyName': ['familienaam ouder', 'familienaam ouder 1', 'achternaam ouder', 'familienaam aanvrager', 'parent family name', 'parent last name', 'parent surname', 'parent 1 family name', 'applicant family name'],
  'parent1.email': ['e mail', 'email', 'e mailadres', 'emailadres', 'mail', 'e mail ouder', 'e mail ouder 1', 'e mail aanvrager', 'email address', 'e mail address', 'parent email', 'parent 1 email'],
  'parent1.phone': ['telefoon', 'telefoonnummer', 'tel', 'gsm', 'gsm nummer', 'telefoon ouder', 'telefoon ouder 1', 'gsm ouder', 'phone', 'phone number', 'mobile', 'telephone', 'parent phone', 'parent 1 phone'],
  'parent1.insz': ['rijksregisternummer ouder', 'rijksregisternummer ouder 1', 'insz ouder', 'rrn ouder', 'rijksregisternummer aanvrager', 'parent national number', 'parent insz', 'applicant national number'],
  'parent1.language': ['taal', 'voorkeurtaal', 'thuistaal', 'language', 'preferred language'],
  'parent2.name': ['ouder 2', 'partner', 'tweede ouder', 'naam ouder 2', 'naam partner', 'parent 2', 'second parent', 'parent 2 name', 'partner name'],
  'parent2.givenName': parent2(['voornaam'], ['given name', 'first name']),
  'parent2.familyName': parent2(['familienaam', 'achternaam'], ['family name', 'last name', 'surname']),
  'parent2.email': parent2(['e mail', 'email'], ['email', 'e mail']),
  'parent2.phone': parent2(['telefoon', 'gsm'], ['phone']),
  'parent2.insz': parent2(['rijksregisternummer', 'insz'], ['national number']),
  'residence.street': ['straat', 'adres', 'straat en nummer', 'straat en huisnummer', 'straat nr', 'address', 'street', 'street address'],
  'residence.postalCode': ['postcode', 'post code', 'postal code', 'zip', 'zip code'],
  'residence.municipality': ['gemeente', 'woonplaats', 'stad', 'woonplaats gezin', 'nis', 'nis code', 'municipality', 'city', 'town', 'place of residence'],
  desiredStartDate: ['gewenste startdatum', 'start', 'gewenste start', 'startdatum', 'start opvang', 'begindatum', 'begindatum opvang', 'gewenste begindatum', 'vanaf', 'desired start date', 'desired start', 'start date', 'start of care'],
  flexibilityWeeks: ['speling', 'speling weken', 'flexibiliteit', 'flexibiliteit weken', 'flexibility', 'flexibility weeks'],
  careDays: ['dagen', 'opvangdagen', 'gewenste dagen', 'dagen opvang', 'opvangplan', 'days', 'care days', 'weekdays'],
  'day.1': ['maandag', 'ma', 'monday', 'mon'],
  'day.2': ['dinsdag', 'di', 'tuesday', 'tue'],
  'day.3': ['woensdag', 'wo', 'wednesday', 'wed'],
  'day.4': ['donderdag', 'do', 'thursday', 'thu'],
  'day.5': ['vrijdag', 'vr', 'friday', 'fri'],
  locations: ['opvanglocatie', 'opvanglocaties', 'locatie', 'locaties', 'gekozen locaties', 'gekozen opvanglocaties', 'voorkeur', 'voorkeuren', 'kinderopvang', 'locations', 'location', 'chosen locations', 'preferred locations', 'preferences'],
  'location.1': numbered(1, ['voorkeur', 'keuze', 'locatie', 'opvanglocatie', 'voorkeurlocatie'], ['preference', 'choice', 'location']),
  'location.2': numbered(2, ['voorkeur', 'keuze', 'locatie', 'opvanglocatie', 'voorkeurlocatie'], ['preference', 'choice', 'location']),
  'location.3': numbered(3, ['voorkeur', 'keuze', 'locatie', 'opvanglocatie', 'voorkeurlocatie'], ['preference', 'choice', 'location']),
  'location.4': numbered(4, ['voorkeur', 'keuze', 'locatie', 'opvanglocatie', 'voorkeurlocatie'], ['preference', 'choice', 'location']),
  'location.5': numbered(5, ['voorkeur', 'keuze', 'locatie', 'opvanglocatie', 'voorkeurlocatie'], ['preference', 'choice', 'location']),
  registeredOn: ['inschrijvingsdatum', 'datum inschrijving', 'ingeschreven op', 'datum aanvraag', 'aanvraagdatum', 'datum aanmelding', 'aangemeld op', 'registratiedatum', 'registration date', 'registered on', 'date registered', 'application date'],
  urgent: ['dringend', 'dringende opvang', 'urgent', 'spoed', 'urgent care'],
  'facts.singleParent': ['alleenstaande ouder', 'alleenstaand', 'eenoudergezin', 'alleenstaanden', 'single parent'],
  'facts.lowIncome': ['laag inkomen', 'laaginkomen', 'beperkt inkomen', 'low income'],
  'facts.fosterChild': ['pleegkind', 'pleegkinderen', 'foster child'],
  'facts.healthOrCareSituation': ['gezondheid of zorg', 'zorgsituatie', 'gezinslid met handicap', 'gezinslidhandicap', 'sociaal pedagogisch', 'health or care situation', 'health or care'],
  'facts.noSecondaryDiploma': ['geen diploma secundair', 'laag opleidingsniveau', 'laagopleidingsniveau', 'no secondary diploma', 'no secondary school diploma'],
  'facts.dutchSpeaking': ['nederlandstalig', 'kennis nederlands', 'dutch speaking', 'dutch speaker'],
  'facts.work1': ['werk ouder 1', 'werk ouder', 'werksituatie ouder 1', 'werksituatie', 'werk of opleiding ouder 1', 'werk opleiding', 'werkopleiding', 'tewerkstelling ouder 1', 'work parent 1', 'work', 'work or training', 'work or training parent 1'],
  'facts.work2': ['werk ouder 2', 'werksituatie ouder 2', 'werk of opleiding ouder 2', 'tewerkstelling ouder 2', 'werk partner', 'work parent 2', 'work or training parent 2'],
  'facts.siblingLocation': ['broer of zus in opvang', 'broer zus in opvang', 'broer zus', 'broer of zus', 'opvang broer of zus', 'sibling', 'sibling location', 'sibling in care'],
  'facts.siblingFrom': ['broer of zus sinds', 'broer zus sinds', 'sibling since', 'sibling from'],
  externalId: ['nr', 'nummer', 'dossiernummer', 'volgnummer', 'id', 'referentie', 'ref', 'number', 'file number', 'reference'],
};

/** Which field (if any) each column fills, by position. */
export type Mapping = Array<ImportField | null>;

const BY_KEY: Map<string, ImportField[]> = (() => {
  const m = new Map<string, ImportField[]>();
  for (const f of IMPORT_FIELDS) for (const s of SYNONYMS[f]) {
    const k = headerKey(s);
    m.set(k, [...(m.get(k) ?? []), f]);
  }
  return m;
})();

/**
 * Finds the field for each header. A header known for two fields (verwachte geboortedatum) takes the first one
 * not taken yet; a field is filled by one column only, the leftmost.
 */
export function detectMapping(headers: readonly string[]): Mapping {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const options = BY_KEY.get(headerKey(h)) ?? [];
    const f = options.find((o) => !taken.has(o)) ?? null;
    if (f) taken.add(f);
    return f;
  });
}

/**
 * An explicit mapping on top of the detected one: field → header name (or 1-based column number). The named column
 * then fills that field, and no other column does.
 */
export function applyOverride(headers: readonly string[], detected: Mapping, override: Record<string, string>): { mapping: Mapping; problems: FieldProblem[] } {
  const mapping = [...detected];
  const problems: FieldProblem[] = [];
  for (const [field, column] of Object.entries(override)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: `mapping.${field}`, code: 'mapping.unknown_field', nl: `Het veld '${field}' kennen we niet.`, en: `The field '${field}' is unknown.` });
      continue;
    }
    const index = /^\d+$/.test(column.trim()) ? Number(column) - 1 : headers.findIndex((h) => headerKey(h) === headerKey(column));
    if (index < 0 || index >= headers.length) {
      problems.push({ field: `mapping.${field}`, code: 'mapping.unknown_column', nl: `De kolom '${column}' staat niet in het bestand.`, en: `The column '${column}' is not in the file.` });
      continue;
    }
    for (let i = 0; i < mapping.length; i++) if (mapping[i] === field) mapping[i] = null;
    mapping[index] = field as ImportField;
  }
  return { mapping, problems };
}

/** The mapping is usable when it can name the child, date it, and knows days, start and locations. */
export function missingFields(mapping: Mapping): FieldProblem[] {
  const has = (...fs: ImportField[]) => fs.some((f) => mapping.includes(f));
  const need: Array<[boolean, string, string, string]> = [
    [has('child.familyName', 'child.name', 'parent1.familyName', 'parent1.name'), 'child.familyName', 'de naam van het kind', "the child's name"],
    [has('child.birthDate', 'child.dueDate', 'child.bornOrDue', 'child.insz'), 'child.birthDate', 'de geboortedatum of verwachte datum', 'the birth or due date'],
    [has('parent1.familyName', 'parent1.name', 'parent1.givenName'), 'parent1.name', 'de naam van de ouder', "the parent's name"],
    [has('desiredStartDate'), 'desiredStartDate', 'de gewenste startdatum', 'the desired start date'],
    [has('careDays', 'day.1', 'day.2', 'day.3', 'day.4', 'day.5'), 'careDays', 'de opvangdagen', 'the care days'],
    [has('locations', 'location.1'), 'locations', 'de gekozen opvanglocaties', 'the chosen locations'],
  ];
  return need
    .filter(([ok]) => !ok)
    .map(([, field, nl, en]) => ({ field: `mapping.${field}`, code: 'mapping.missing', nl: `Geen kolom gevonden voor ${nl}. Geef aan welke kolom dat is.`, en: `No column found for ${en}. Say which column it is.` }));
}
