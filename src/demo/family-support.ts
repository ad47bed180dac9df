// Demo family support for Leuven and Herent: a small social map, a Vroeg en Nabij pilot, referrals in several states, a concern, practices.
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { shareConcern } from '../app/family-support/concerns.ts';
import { createPilot } from '../app/family-support/pilots.ts';
import { addPractice } from '../app/family-support/practices.ts';
import { createReferral, progressReferral } from '../app/family-support/referrals.ts';
import { importSocialMap, linkUser } from '../app/family-support/social-map.ts';
import type { HsdsOrganization } from '../domain/family-support/hsds.ts';
import { addMonths } from '../domain/dates.ts';
import { systemActor, type Actor, type Role } from '../app/permissions.ts';

const id = (n: number) => `d3a0f000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const need = (code: string) => ({ taxonomy_term: { code, taxonomy: 'nabij-need' } });
const group = (code: string) => ({ taxonomy_term: { code, taxonomy: 'nabij-target-group' } });
const lang = (...codes: string[]) => codes.map((code) => ({ code }));
const weekdays = (opens: string, closes: string, byday = 'MO,TU,WE,TH,FR') => [{ byday, opens_at: opens, closes_at: closes }];
const address = (street: string, postal: string, city: string, nis: string) => [{ address_1: street, postal_code: postal, city, nabij_nis_code: nis }];

export const DEMO_ORGS = { hvhk: id(1), ocmw: id(2), caw: id(3), cos: id(4), rth: id(5) };

const MAP: HsdsOrganization[] = [
  {
    id: DEMO_ORGS.hvhk,
    name: 'Huis van het Kind Leuven',
    description: 'Onthaal, consultatiebureau, spel en ontmoeting en een loket voor alle vragen van ouders.',
    email: 'huisvanhetkind@leuven.example',
    website: 'https://huisvanhetkind.leuven.example',
    locations: [
      { id: id(11), name: 'Huis van het Kind Centrum', latitude: 50.8798, longitude: 4.7005, addresses: address('Brusselsestraat 63', '3000', 'Leuven', '24062'), schedules: weekdays('09:00', '17:00') },
      { id: id(12), name: 'Huis van het Kind Herent', addresses: address('Wilsonstraat 1', '3020', 'Herent', '24038'), schedules: weekdays('09:00', '12:00', 'TU,TH') },
    ],
    services: [
      { id: id(21), name: 'Consultatiebureau', description: 'Gratis opvolging van de groei en gezondheid van uw baby en peuter.', status: 'active', minimum_age: 0, maximum_age: 3, languages: lang('nl', 'fr', 'en'), attributes: [need('health'), need('development'), group('babies'), group('toddlers')], service_at_locations: [{ location_id: id(11) }, { location_id: id(12) }] },
      { id: id(22), name: 'Spel en ontmoeting', description: 'Ouders en kinderen spelen samen en leren elkaar kennen.', status: 'active', maximum_age: 6, languages: lang('nl', 'ar', 'tr'), attributes: [need('meeting'), group('parents'), group('newcomers')], service_at_locations: [{ location_id: id(11) }] },
      { id: id(23), name: 'Loket kinderopvang en gezinsvragen', description: 'Voor al uw vragen over kinderopvang, premies en opvoeding.', status: 'active', languages: lang('nl', 'en', 'fr', 'ar'), attributes: [need('childcare'), need('money'), group('expecting_parents'), group('parents')], service_at_locations: [{ location_id: id(11) }, { location_id: id(12) }] },
    ],
  },
  {
    id: DEMO_ORGS.ocmw,
    name: 'OCMW Leuven',
    description: 'Sociale dienst: rechten, budget, huisvesting.',
    email: 'sociale.dienst@ocmw.example',
    locations: [{ id: id(13), name: 'Sociaal Huis', addresses: address('Andreas Vesaliusstraat 47', '3000', 'Leuven', '24062'), schedules: weekdays('08:30', '12:00') }],
    services: [
      { id: id(24), name: 'Budget en rechten', description: 'Hulp bij geldzorgen, premies en toelagen.', status: 'active', languages: lang('nl', 'fr', 'en', 'ar'), attributes: [need('money'), need('housing'), group('vulnerable_families')], service_at_locations: [{ location_id: id(13) }] },
    ],
  },
  {
    id: DEMO_ORGS.caw,
    name: 'CAW Oost-Brabant',
    description: 'Algemeen welzijnswerk.',
    contacts: [{ name: 'Onthaal gezinswerking', email: 'gezin@caw.example', phones: [{ number: '016 00 11 22' }] }],
    locations: [{ id: id(14), name: 'CAW Leuven', addresses: address('Diestsestraat 1', '3000', 'Leuven', '24062') }],
    services: [
      { id: id(25), name: 'Opvoedingsondersteuning aan huis', description: 'Een begeleider komt bij u thuis met tips over slapen, eten en grenzen.', status: 'active', minimum_age: 0, maximum_age: 12, languages: lang('nl', 'fr', 'ar'), attributes: [need('parenting'), need('wellbeing'), group('parents')], service_at_locations: [{ location_id: id(14) }] },
    ],
  },
  {
    id: DEMO_ORGS.cos,
    name: 'Centrum voor Ontwikkelingsstoornissen Leuven',
    locations: [{ id: id(15), name: 'COS Gasthuisberg', addresses: address('Herestraat 49', '3000', 'Leuven', '24062') }],
    services: [{ id: id(26), name: 'Ontwikkelingsonderzoek', status: 'active', minimum_age: 0, maximum_age: 7, eligibility_description: 'Na verwijzing door een arts of het consultatiebureau.', languages: lang('nl', 'en'), attributes: [need('diagnostics'), need('development'), group('babies'), group('toddlers'), group('preschoolers')], service_at_locations: [{ location_id: id(15) }] }],
  },
  {
    id: DEMO_ORGS.rth,
    name: 'Thuisbegeleidingsdienst De Brug (VAPH)',
    locations: [{ id: id(16), name: 'De Brug', addresses: address('Kerkstraat 10', '3020', 'Herent', '24038') }],
    services: [{ id: id(27), name: 'Handicapspecifieke ondersteuning in de kinderopvang', description: 'Bijschakeling: een begeleider komt naar de opvang van uw kind.', status: 'active', maximum_age: 6, languages: lang('nl'), attributes: [need('disability'), group('babies'), group('toddlers')], service_at_locations: [{ location_id: id(16) }] }],
  },
];

async function userOf(ctx: AppContext, role: Role, organiserId: string | null): Promise<Actor | null> {
  const u = await ctx.db.selectFrom('app_user').select(['id', 'desk_id', 'organiser_id']).where('role', '=', role).$if(organiserId !== null, (q) => q.where('organiser_id', '=', organiserId as string)).orderBy('created_at').executeTakeFirst();
  return u ? { userId: u.id, role, deskId: u.desk_id, organiserId: u.organiser_id, channel: 'cli' } : null;
}

export async function seedFamilySupport(ctx: AppContext, deskId: string, locations: Array<{ id: string; name: string; organiser: { id: string } }>, today: string): Promise<void> {
  const system = systemActor('cli');
  await importSocialMap(ctx, system, { organizations: MAP });
  const partner = await userOf(ctx, 'partner', null);
  if (partner) await linkUser(ctx, system, partner.userId as string, DEMO_ORGS.ocmw);

  const byName = (name: string) => locations.find((l) => l.name === name)?.id as string;
  const end = addMonths(today, 6) > '2026-08-31' ? addMonths(today, 6) : '2026-08-31';
  await createPilot(ctx, system, {
    name: 'Vroeg en Nabij Leuven-Herent',
    startDate: '2024-09-01',
    endDate: end,
    municipalities: ['24062', '24038'],
    partners: [
      { role: 'huis_van_het_kind', organizationId: DEMO_ORGS.hvhk },
      { role: 'childcare_location', locationId: byName('Zonnetje Centrum') },
      { role: 'childcare_location', locationId: byName('Stedelijk Kinderdagverblijf Heverlee') },
      { role: 'childcare_location', locationId: byName('Stedelijke Kleuteropvang Wilsele'), qualityLabel: true },
      { role: 'childcare_location', locationId: byName('Onthaalouder Marleen') },
      { role: 'lokaal_loket', deskId },
      { role: 'diagnostics', organizationId: DEMO_ORGS.cos },
      { role: 'other', organizationId: DEMO_ORGS.caw },
    ],
  });

  // Childcare staff of the first organiser refer a few families they know from requests at their locations.
  const provider = await userOf(ctx, 'provider_staff', locations[0]?.organiser.id ?? null);
  if (provider && partner) {
    const families = await sql<{ family_id: string; child_id: string; guardian_id: string }>`
      select distinct on (c.family_id) c.family_id, c.id as child_id, r.applicant_id as guardian_id
      from request r join child c on c.id = r.child_id join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id
      where l.organiser_id = ${provider.organiserId}::uuid order by c.family_id limit 4`.execute(ctx.db);
    const steps: Array<Array<'received' | 'contact_made' | 'support_started'>> = [[], ['received'], ['received', 'contact_made'], ['received', 'contact_made', 'support_started']];
    for (const [i, f] of families.rows.entries()) {
      const r = await createReferral(ctx, provider, {
        familyId: f.family_id,
        childId: f.child_id,
        serviceId: id(24),
        need: 'money',
        question: 'Het gezin heeft vragen over de kosten van de opvang en over het groeipakket.',
        consent: { givenByGuardianId: f.guardian_id, purpose: 'Samen met het OCMW bekijken welke steun het gezin kan krijgen.', dataCategories: ['contact', 'situation'], validUntil: addMonths(today, 12) },
      });
      for (const to of steps[i] ?? []) await progressReferral(ctx, partner, r.id, { to });
    }
    const first = families.rows[0];
    if (first) {
      await shareConcern(ctx, provider, {
        familyId: first.family_id,
        childId: first.child_id,
        topic: 'development',
        observation: 'Het kind zegt nog weinig woordjes en reageert soms niet op zijn naam.',
        question: 'Kan het consultatiebureau meekijken bij het volgende bezoek?',
        consent: { givenByGuardianId: first.guardian_id, purpose: 'Samen de ontwikkeling van het kind opvolgen.', validUntil: addMonths(today, 6), recipientUserIds: [partner.userId as string] },
      });
    }
  }

  const desk = await userOf(ctx, 'desk_worker', null);
  const author = desk ?? system;
  await addPractice(ctx, author, { title: 'Wachtlijst samen overlopen', problem: 'Ouders weten niet waar ze staan en bellen elke week.', whatWorked: 'Een maandelijks belrondje met elke organisator; daarna een korte mail aan de ouders.', tips: 'Spreek vooraf af welke status elke organisator invult.', municipalityNis: '24062' });
  await addPractice(ctx, author, { title: 'Attesten voor 4/5de opleiding', problem: 'Ouders in een inburgeringstraject dachten dat ze geen voorrang hadden.', whatWorked: 'Samen met het Agentschap Integratie en Inburgering een korte uitleg gemaakt in eenvoudig Nederlands.', municipalityNis: '24038' });
  await addPractice(ctx, author, { title: 'Advies tot afwijking', problem: 'Organisatoren wisten niet dat het loket zelf advies tot afwijking kan geven.', whatWorked: 'Een voorbeeldadvies op het lokaal overleg kinderopvang besproken.', tips: 'Breng in kaart welke organisatoren de 10% gebruiken.', municipalityNis: '24062' });
}
