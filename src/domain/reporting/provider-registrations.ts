// Opgroeien's yearly provider files: children cared for from priority groups (FO-RE-19) and from vulnerable families (FO-RE-30), as XML.
import { UserError } from '../errors.ts';
import type { Facts } from '../rules/types.ts';
import { classifyVulnerability } from '../rules/vulnerability.ts';

/** A child cared for at a location during the year, with the facts its family declared. */
export interface CaredForChild {
  childId: string;
  facts: Facts;
  /** The place was given outside the rule order on a social or pedagogical advice (a recorded deviation). */
  socialPedagogical: boolean;
}

/** FO-RE-19's priority groups, in the order of the form. */
export const PRIORITY_DETAILS = ['WerkOpleiding', 'Alleenstaanden', 'LaagInkomen', 'Pleegkinderen', 'GezinslidHandicap', 'GezinslidZelfzorgvermogen', 'SociaalPedagogisch', 'LaagOpleidingsniveau'] as const;
/** FO-RE-30's characteristics of vulnerable families, in the order of the form. */
export const VULNERABLE_DETAILS = ['WerkOpleiding', 'Alleenstaanden', 'LaagInkomen', 'GezinslidHandicap', 'GezinslidZelfzorgvermogen', 'SociaalPedagogisch', 'LaagOpleidingsniveau'] as const;
type Detail = (typeof PRIORITY_DETAILS)[number];

/**
 * Nabij records one fact for "a health or care situation in the family" and does not tell a disability apart from
 * reduced self-reliance; it reports it as GezinslidHandicap and leaves GezinslidZelfzorgvermogen empty (allowed by the schema).
 */
export const NOT_RECORDED: ReadonlySet<Detail> = new Set(['GezinslidZelfzorgvermogen']);

function details(c: CaredForChild): Set<Detail> {
  const f = c.facts;
  const out = new Set<Detail>();
  // Work or training: every guardian works, seeks work or trains (at least part time).
  if (f.guardians.length > 0 && f.guardians.every((g) => g.activities.some((a) => a.fraction > 0))) out.add('WerkOpleiding');
  if (f.singleParent) out.add('Alleenstaanden');
  if (f.lowIncome) out.add('LaagInkomen');
  if (f.fosterChild) out.add('Pleegkinderen');
  if (f.healthOrCareSituation) out.add('GezinslidHandicap');
  if (c.socialPedagogical) out.add('SociaalPedagogisch');
  if (f.noSecondaryDiploma) out.add('LaagOpleidingsniveau');
  return out;
}

export interface LocationCounts {
  total: number;
  fromPriorityGroups: number;
  fromVulnerableFamilies: number;
  priorityDetails: Record<Detail, number>;
  vulnerableDetails: Record<Detail, number>;
}

/** Counts one location's children; a child counts once per line, and may count in several detail lines. */
export function countLocation(children: readonly CaredForChild[]): LocationCounts {
  const zero = () => Object.fromEntries(PRIORITY_DETAILS.map((d) => [d, 0])) as Record<Detail, number>;
  const out: LocationCounts = { total: 0, fromPriorityGroups: 0, fromVulnerableFamilies: 0, priorityDetails: zero(), vulnerableDetails: zero() };
  const seen = new Set<string>();
  for (const c of children) {
    if (seen.has(c.childId)) continue;
    seen.add(c.childId);
    out.total++;
    const d = details(c);
    const vulnerable = classifyVulnerability(c.facts).vulnerable;
    // "Uit voorrangsgroepen" includes the children of vulnerable families.
    if (d.size > 0 || vulnerable) out.fromPriorityGroups++;
    for (const x of d) out.priorityDetails[x]++;
    if (vulnerable) {
      out.fromVulnerableFamilies++;
      for (const x of d) out.vulnerableDetails[x]++;
    }
  }
  return out;
}

export interface SubsidyGroupFile {
  year: number;
  groupId: number;
  groupName: string;
  organiserName: string;
  /** The income-tariff period within the year. */
  incomeTariff: { from: string; until: string };
  plusSubsidy: boolean;
  locations: Array<{ opgroeienId: string | null; name: string; counts: LocationCounts }>;
  software: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Opgroeien's names are at most 50 characters; longer names are cut, as the form itself would. */
function name50(s: string): string {
  return esc([...s].slice(0, 50).join(''));
}

/** The forms allow at most 999 per line; more means the data is wrong, not the form. */
function count(n: number, where: string): string {
  if (n > 999) {
    throw new UserError('unprocessable', 'report.count_too_large', null, {
      nl: `${where}: meer dan 999 kinderen op één lijn. Kijk de plaatsingen van deze locatie na.`,
      en: `${where}: more than 999 children on one line. Check this location's placements.`,
    });
  }
  return String(n);
}

function checkLocations(f: SubsidyGroupFile) {
  if (!f.locations.length) {
    throw new UserError('unprocessable', 'report.no_locations', null, {
      nl: 'Deze subsidiegroep heeft geen locaties. Koppel eerst de locaties aan de groep.',
      en: 'This subsidy group has no locations. Link its locations to the group first.',
    });
  }
  const missing = f.locations.filter((l) => !l.opgroeienId).map((l) => l.name);
  if (missing.length) {
    throw new UserError('unprocessable', 'report.location_without_opgroeien_id', null, {
      nl: `Deze locaties hebben nog geen dossiernummer van Opgroeien: ${missing.join(', ')}. Vul het eerst in.`,
      en: `These locations have no Opgroeien id yet: ${missing.join(', ')}. Fill it in first.`,
    });
  }
}

function header(form: 'FO-RE-19' | 'FO-RE-30', version: string, software: string): string {
  return `  <Header>
    <DocumentIndicator>${form}</DocumentIndicator>
    <FormVersion>${version}</FormVersion>
    <MinReaderVersion>9.1</MinReaderVersion>
    <UsedViewer>${esc(software)}</UsedViewer>
  </Header>`;
}

function documentData(f: SubsidyGroupFile): string {
  return `  <DocumentGegevens>
    <NaamSubsidiegroep>${name50(f.groupName)}</NaamSubsidiegroep>
    <NaamOrganisator>${name50(f.organiserName)}</NaamOrganisator>
    <SubsidiegroepId>${f.groupId}</SubsidiegroepId>
    <Jaar>${f.year}</Jaar>
  </DocumentGegevens>`;
}

function detailLines(list: readonly Detail[], counts: Record<Detail, number>, where: string, indent: string): string {
  return list.map((d) => `${indent}<${d}>${NOT_RECORDED.has(d) ? '' : count(counts[d], where)}</${d}>`).join('\n');
}

/** The frame both forms share: header, group data, the list of locations, the check flag and parameters. */
function formDocument(form: 'FO-RE-19' | 'FO-RE-30', version: string, listTag: string, f: SubsidyGroupFile, locations: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<KindEnGezin>
${header(form, version, f.software)}
${documentData(f)}
  <${listTag}>
${locations.join('\n')}
  </${listTag}>
  <FormulierGecontroleerd>J</FormulierGecontroleerd>
  <Parameters>
    <ParamVerschilRatio>999</ParamVerschilRatio>
  </Parameters>
</KindEnGezin>
`;
}

/** The lines every location starts with in both forms: its ids and the group's income-tariff period. */
function locationHead(f: SubsidyGroupFile, l: SubsidyGroupFile['locations'][number]): string {
  return `      <LocatieId>${l.opgroeienId}</LocatieId>
      <LocatieNaam>${name50(l.name)}</LocatieNaam>
      <MaxVergundeCapaciteit>999</MaxVergundeCapaciteit>
      <InkomensTarief>
        <DatumBegin>${f.incomeTariff.from}</DatumBegin>
        <DatumEind>${f.incomeTariff.until}</DatumEind>
      </InkomensTarief>`;
}

/** FO-RE-19: children cared for from the priority groups, per location. Sent for the year before, by XML (the check values are 999). */
export function foRe19Xml(f: SubsidyGroupFile): string {
  checkLocations(f);
  const locations = f.locations.map((l) => {
    const c = l.counts;
    const where = l.name;
    return `    <Voorrangsgroep>
${locationHead(f, l)}
      <KenmerkPlusSubsidie>${f.plusSubsidy ? 'J' : 'N'}</KenmerkPlusSubsidie>
      <AantalOpgevangenKinderen>
        <Totaal>${count(c.total, where)}</Totaal>
        <UitVoorrangsgroepen>${count(c.fromPriorityGroups, where)}</UitVoorrangsgroepen>
        <UitKwetsbareGezinnen>${count(c.fromVulnerableFamilies, where)}</UitKwetsbareGezinnen>
      </AantalOpgevangenKinderen>
      <DetailsVoorrangsgroep>
${detailLines(PRIORITY_DETAILS, c.priorityDetails, where, '        ')}
      </DetailsVoorrangsgroep>
    </Voorrangsgroep>`;
  });
  return formDocument('FO-RE-19', '1.1', 'Voorrangsgroepen', f, locations);
}

/** FO-RE-30: children cared for from vulnerable families, per location; only for groups with the plus subsidy. */
export function foRe30Xml(f: SubsidyGroupFile): string {
  if (!f.plusSubsidy) {
    throw new UserError('unprocessable', 'report.no_plus_subsidy', null, {
      nl: 'FO-RE-30 is alleen voor subsidiegroepen met een plussubsidie (trap 3). Deze groep heeft er geen.',
      en: 'FO-RE-30 is only for subsidy groups with a plus subsidy (step 3). This group has none.',
    });
  }
  checkLocations(f);
  const locations = f.locations.map((l) => {
    const c = l.counts;
    const where = l.name;
    return `    <KwetsbareGezin>
${locationHead(f, l)}
      <AantalOpgevangenKinderen>
        <Totaal>${count(c.total, where)}</Totaal>
        <UitKwetsbareGezinnen>${count(c.fromVulnerableFamilies, where)}</UitKwetsbareGezinnen>
      </AantalOpgevangenKinderen>
      <DetailsKwetsbareGezin>
${detailLines(VULNERABLE_DETAILS, c.vulnerableDetails, where, '        ')}
      </DetailsKwetsbareGezin>
    </KwetsbareGezin>`;
  });
  return formDocument('FO-RE-30', '1.3', 'KwetsbareGezinnen', f, locations);
}
