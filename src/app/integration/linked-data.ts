// The public data as JSON-LD on OSLO terms: locations, organisers and free capacity per municipality.
import { addDays, addMonths } from '../../domain/dates.ts';
import { freeSeats, halvesOf, WEEKDAY_COUNT, type CapacityChange, type Occupation } from '../../domain/capacity/timeline.ts';
import { runUseCase, today, type AppContext } from '../context.ts';
import type { Actor } from '../permissions.ts';

/**
 * The @context. OSLO terms where OSLO has them (Organisatie Basis on W3C org/regorg, Adresregister on locn and the
 * OSLO adres and generiek namespaces), schema.org where OSLO itself uses it, and a small Nabij vocabulary for
 * what no standard covers yet (subsidy step, open seats).
 */
export const CONTEXT = {
  '@version': 1.1,
  org: 'http://www.w3.org/ns/org#',
  regorg: 'http://www.w3.org/ns/regorg#',
  locn: 'http://www.w3.org/ns/locn#',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'http://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adres: 'https://data.vlaanderen.be/ns/adres#',
  generiek: 'https://data.vlaanderen.be/ns/generiek#',
  organisatie: 'https://data.vlaanderen.be/ns/organisatie#',
  nabij: 'urn:nabij:vocab:',
  Organisatie: 'regorg:RegisteredOrganization',
  Vestiging: 'org:Site',
  Kinderopvang: 'schema:ChildCare',
  Adresvoorstelling: 'locn:Address',
  Identificator: 'adms:Identifier',
  VrijeCapaciteit: 'nabij:FreeCapacity',
  voorkeursnaam: 'skos:prefLabel',
  wettelijkeNaam: 'regorg:legalName',
  registratie: { '@id': 'regorg:registration', '@type': '@id' },
  identificator: { '@id': 'adms:identifier', '@type': '@id' },
  notatie: 'skos:notation',
  naamruimte: 'generiek:naamruimte',
  lokaleIdentificator: 'generiek:lokaleIdentificator',
  toegekendDoorString: 'adms:schemaAgency',
  heeftVestiging: { '@id': 'org:hasSite', '@type': '@id' },
  vestigingVan: { '@id': 'org:siteOf', '@type': '@id' },
  vestigingsadres: { '@id': 'org:siteAddress', '@type': '@id' },
  straatnaamEnHuisnummer: 'locn:thoroughfare',
  postcode: 'locn:postCode',
  gemeentenaam: 'adres:gemeentenaam',
  volledigAdres: 'locn:fullAddress',
  gemeente: { '@id': 'locn:adminUnitL2', '@type': '@id' },
  vergundeCapaciteit: { '@id': 'schema:maximumAttendeeCapacity', '@type': 'xsd:integer' },
  subsidiestap: 'nabij:subsidyStep',
  opvangvorm: 'nabij:careType',
  openingsdagen: { '@id': 'nabij:openingWeekday', '@type': 'xsd:integer', '@container': '@list' },
  periodeBegin: { '@id': 'schema:startDate', '@type': 'xsd:date' },
  periodeEinde: { '@id': 'schema:endDate', '@type': 'xsd:date' },
  aantalLocaties: { '@id': 'nabij:locationCount', '@type': 'xsd:integer' },
  vrijePlaatsenPerWeekdag: { '@id': 'nabij:freeSeatsPerWeekday', '@type': 'xsd:integer', '@container': '@list' },
} as const;

/** Municipalities in OSLO's own URI space: the NIS code is the key other Flemish systems use. */
export function municipalityIri(nis: string): string {
  return `https://data.vlaanderen.be/id/gemeente/${nis}`;
}

function document(contextUrl: string | null, graph: unknown[]) {
  return { '@context': contextUrl ?? CONTEXT, '@graph': graph };
}

export interface LinkedDataOptions {
  /** Absolute address of the API (https://host/api/v1), for the @id of every node. */
  base: string;
  /** Link to the served context instead of embedding it. */
  contextUrl: string | null;
}

async function rows(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    const organisers = await tx.selectFrom('organiser').select(['id', 'kbo', 'name']).orderBy('name').execute();
    const locations = await tx
      .selectFrom('location')
      .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
      .select(['location.id', 'location.organiser_id', 'location.name', 'location.street', 'location.postal_code', 'location.municipality_nis', 'municipality.name as municipality', 'location.type', 'location.subsidy_step', 'location.licensed_capacity', 'location.opening_weekdays', 'location.opgroeien_id'])
      .orderBy('location.name')
      .execute();
    return { organisers, locations };
  });
}

export async function locationsJsonLd(ctx: AppContext, actor: Actor, o: LinkedDataOptions) {
  const { locations } = await rows(ctx, actor);
  return document(o.contextUrl, locations.map((l) => ({
    '@id': `${o.base}/locations/${l.id}`,
    '@type': ['Vestiging', 'Kinderopvang'],
    voorkeursnaam: l.name,
    identificator: [
      { '@type': 'Identificator', notatie: l.id, naamruimte: 'Nabij', toegekendDoorString: 'Nabij' },
      ...(l.opgroeien_id ? [{ '@type': 'Identificator', notatie: l.opgroeien_id, lokaleIdentificator: l.opgroeien_id, naamruimte: 'Opgroeien', toegekendDoorString: 'Opgroeien' }] : []),
    ],
    vestigingVan: `${o.base}/organisers/${l.organiser_id}`,
    vestigingsadres: {
      '@type': 'Adresvoorstelling',
      straatnaamEnHuisnummer: l.street,
      postcode: l.postal_code,
      gemeentenaam: l.municipality,
      gemeente: municipalityIri(l.municipality_nis),
      volledigAdres: `${l.street}, ${l.postal_code} ${l.municipality}`,
    },
    opvangvorm: l.type,
    subsidiestap: l.subsidy_step,
    vergundeCapaciteit: l.licensed_capacity,
    openingsdagen: l.opening_weekdays,
  })));
}

export async function organisersJsonLd(ctx: AppContext, actor: Actor, o: LinkedDataOptions) {
  const { organisers, locations } = await rows(ctx, actor);
  return document(o.contextUrl, organisers.map((g) => ({
    '@id': `${o.base}/organisers/${g.id}`,
    '@type': 'Organisatie',
    wettelijkeNaam: g.name,
    voorkeursnaam: g.name,
    registratie: { '@type': 'Identificator', notatie: g.kbo, naamruimte: 'KBO', toegekendDoorString: 'Kruispuntbank van Ondernemingen' },
    heeftVestiging: locations.filter((l) => l.organiser_id === g.id).map((l) => `${o.base}/locations/${l.id}`),
  })));
}

/** Free full-day seats per weekday over the coming months, summed per municipality (no location or child detail). */
export async function freeCapacityJsonLd(ctx: AppContext, actor: Actor, o: LinkedDataOptions, months = 3) {
  const from = today(ctx);
  const to = addDays(addMonths(from, months), -1);
  const data = await runUseCase(ctx, actor, 'public.read', async (tx) => {
    const locations = await tx
      .selectFrom('location')
      .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
      .select(['location.id', 'location.municipality_nis', 'municipality.name', 'location.licensed_capacity', 'location.opening_weekdays'])
      .execute();
    const capacity = await tx.selectFrom('location_capacity').select(['location_id', 'valid_from', 'open_seats']).where('valid_from', '<=', to).orderBy('valid_from').execute();
    const placements = await tx.selectFrom('placement').select(['location_id', 'start_date', 'end_date', 'care_days']).where('start_date', '<=', to).where('end_date', '>=', from).execute();
    return { locations, capacity, placements };
  });
  const changes = new Map<string, CapacityChange[]>();
  for (const c of data.capacity) changes.set(c.location_id, [...(changes.get(c.location_id) ?? []), { validFrom: c.valid_from, openSeats: c.open_seats }]);
  const occ = new Map<string, Occupation[]>();
  for (const p of data.placements) occ.set(p.location_id, [...(occ.get(p.location_id) ?? []), { start: p.start_date, end: p.end_date, halves: halvesOf(p.care_days) }]);
  const per = new Map<string, { name: string; count: number; free: number[] }>();
  for (const l of data.locations) {
    const stated = changes.get(l.id) ?? [{ validFrom: '1900-01-01', openSeats: Array.from({ length: WEEKDAY_COUNT }, (_, d) => (l.opening_weekdays.includes(d + 1) ? l.licensed_capacity : 0)) }];
    const free = freeSeats(from, to, stated, occ.get(l.id) ?? []).fullDay;
    const m = per.get(l.municipality_nis) ?? { name: l.name, count: 0, free: new Array<number>(WEEKDAY_COUNT).fill(0) };
    m.count++;
    free.forEach((n, d) => (m.free[d] = (m.free[d] as number) + Math.max(0, n)));
    per.set(l.municipality_nis, m);
  }
  return document(o.contextUrl, [...per.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([nis, m]) => ({
    '@id': `${o.base}/public/free-capacity.jsonld#${nis}`,
    '@type': 'VrijeCapaciteit',
    gemeente: municipalityIri(nis),
    gemeentenaam: m.name,
    periodeBegin: from,
    periodeEinde: to,
    aantalLocaties: m.count,
    vrijePlaatsenPerWeekdag: m.free,
  })));
}
