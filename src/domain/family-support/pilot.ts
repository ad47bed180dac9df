// The Vroeg en Nabij call's conditions for a pilot, checked on plain data: each unmet condition is one clear message.
import type { FieldProblem } from '../errors.ts';

export const PARTNER_ROLES = ['huis_van_het_kind', 'childcare_location', 'organiser', 'lokaal_loket', 'diagnostics', 'other'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** A childcare location partner with the facts the conditions need (read from the location register). */
export interface PilotLocation {
  locationId: string;
  organiserId: string;
  municipalityNis: string;
  type: 'group' | 'family' | 'kleuteropvang';
  subsidyStep: 'T0' | 'T1' | 'T2' | 'T3';
  /** Declared for a kleuteropvang: it holds a quality label. */
  qualityLabel: boolean;
}

export interface PilotFacts {
  municipalities: string[];
  startDate: string;
  endDate: string;
  locations: PilotLocation[];
  /** Organisers named as partners in their own right. */
  organiserIds: string[];
  lokaalLoketCount: number;
  huisVanHetKindCount: number;
}

export interface Condition {
  code: string;
  met: boolean;
  nl: string;
  en: string;
}

/** Babies and toddlers with the income-tariff subsidy: group or family care at step T2 or T3. */
export function isIncomeTariffInfantCare(l: PilotLocation): boolean {
  return l.type !== 'kleuteropvang' && (l.subsidyStep === 'T2' || l.subsidyStep === 'T3');
}

/**
 * Every condition of the call, met or not, in a fixed order. A kleuteropvang counts towards the two locations only
 * with a quality label; locations outside the pilot's area do not count.
 */
export function pilotConditions(p: PilotFacts): Condition[] {
  const area = new Set(p.municipalities);
  const inArea = p.locations.filter((l) => area.has(l.municipalityNis));
  const counting = inArea.filter((l) => l.type !== 'kleuteropvang' || l.qualityLabel);
  const organisers = new Set([...p.locations.map((l) => l.organiserId), ...p.organiserIds]);
  const unlabelled = p.locations.filter((l) => l.type === 'kleuteropvang' && !l.qualityLabel);
  const outside = p.locations.filter((l) => !area.has(l.municipalityNis));
  const c = (code: string, met: boolean, nl: string, en: string): Condition => ({ code, met, nl, en });
  return [
    c('pilot.period', p.startDate < p.endDate, 'De pilot eindigt na zijn startdatum.', 'The pilot ends after its start date.'),
    c('pilot.area', p.municipalities.length > 0, 'Het werkingsgebied telt minstens 1 gemeente.', 'The area has at least 1 municipality.'),
    c('pilot.huis_van_het_kind', p.huisVanHetKindCount >= 1, 'Een Huis van het Kind is partner van de pilot.', 'A Huis van het Kind is a partner of the pilot.'),
    c('pilot.locations_in_area', outside.length === 0, 'Alle kinderopvanglocaties liggen in het werkingsgebied.', 'All childcare locations lie in the pilot’s area.'),
    c('pilot.two_locations', counting.length >= 2, 'Minstens 2 kinderopvanglocaties in het werkingsgebied doen mee.', 'At least 2 childcare locations in the area take part.'),
    c('pilot.income_tariff_location', inArea.some(isIncomeTariffInfantCare), 'Minstens 1 locatie vangt baby’s en peuters op met subsidie inkomenstarief.', 'At least 1 location cares for babies and toddlers with the income-tariff subsidy.'),
    c('pilot.kleuteropvang_label', unlabelled.length === 0, 'Een kleuteropvang doet alleen mee met een kwaliteitslabel.', 'A kleuteropvang takes part only with a quality label.'),
    c('pilot.two_organisers', organisers.size >= 2, 'Minstens 2 organisatoren zijn betrokken.', 'At least 2 organisers are involved.'),
    c('pilot.lokaal_loket', p.lokaalLoketCount >= 1, 'Het Lokaal Loket Kinderopvang is betrokken.', 'The Lokaal Loket Kinderopvang is involved.'),
  ];
}

/** Where in the request body each condition points, so a form can show the message next to the right field. */
const FIELD: Record<string, string> = {
  'pilot.period': 'endDate',
  'pilot.area': 'municipalities',
  'pilot.huis_van_het_kind': 'partners',
  'pilot.locations_in_area': 'partners',
  'pilot.two_locations': 'partners',
  'pilot.income_tariff_location': 'partners',
  'pilot.kleuteropvang_label': 'partners',
  'pilot.two_organisers': 'partners',
  'pilot.lokaal_loket': 'partners',
};

export function unmetProblems(conditions: Condition[]): FieldProblem[] {
  return conditions.filter((c) => !c.met).map((c) => ({ field: FIELD[c.code] ?? 'partners', code: c.code, nl: `Niet voldaan: ${c.nl}`, en: `Not met: ${c.en}` }));
}
