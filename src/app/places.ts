// Use cases for the supply side's reference data: municipalities, desks, organisers and locations.
import { invalidFields, notFound, UserError, type FieldProblem } from '../domain/errors.ts';
import { formatKbo, isValidKbo, normaliseKbo } from '../domain/identity/kbo.ts';
import { audit, runUseCase, type AppContext } from './context.ts';
import type { Actor } from './permissions.ts';

export const LOCATION_TYPES = ['group', 'family', 'kleuteropvang'] as const;
export const SUBSIDY_STEPS = ['T0', 'T1', 'T2', 'T3'] as const;
/** Family care (gezinsopvang) takes at most 8 children at once; 7 from 2027, set when that rule is in force. */
export const FAMILY_CARE_MAX = 8;

export async function listMunicipalities(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'public.read', (tx) =>
    tx.selectFrom('municipality').select(['nis_code as nisCode', 'name']).orderBy('name').execute(),
  );
}

export async function listDesks(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    const desks = await tx.selectFrom('desk').select(['id', 'name', 'email', 'phone', 'max_locations']).orderBy('name').execute();
    const served = await tx.selectFrom('desk_municipality').select(['desk_id', 'nis_code']).execute();
    return desks.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      phone: d.phone,
      maxLocations: d.max_locations,
      municipalities: served.filter((s) => s.desk_id === d.id).map((s) => s.nis_code),
    }));
  });
}

export interface OrganiserInput {
  kbo: string;
  name: string;
}

function organiserView(o: { id: string; kbo: string; name: string }) {
  return { id: o.id, kbo: o.kbo, kboFormatted: formatKbo(o.kbo), name: o.name };
}

export async function createOrganiser(ctx: AppContext, actor: Actor, input: OrganiserInput) {
  return runUseCase(ctx, actor, 'organiser.create', async (tx) => {
    const problems: FieldProblem[] = [];
    if (!isValidKbo(input.kbo)) {
      problems.push({ field: 'kbo', code: 'kbo.invalid', nl: 'Dit ondernemingsnummer klopt niet. Kijk de cijfers na.', en: 'This enterprise number is not valid. Please check the digits.' });
    }
    if (!input.name.trim()) problems.push({ field: 'name', code: 'required', nl: 'Vul de naam in.', en: 'Enter the name.' });
    if (problems.length) throw invalidFields(problems);
    const kbo = normaliseKbo(input.kbo);
    const inserted = await tx
      .insertInto('organiser')
      .values({ kbo, name: input.name.trim() })
      .onConflict((oc) => oc.column('kbo').doNothing())
      .returning(['id', 'kbo', 'name'])
      .executeTakeFirst();
    if (!inserted) {
      throw new UserError('conflict', 'organiser.exists', 'kbo', {
        nl: `Er is al een organisator met ondernemingsnummer ${formatKbo(kbo)}.`,
        en: `An organiser with enterprise number ${formatKbo(kbo)} already exists.`,
      });
    }
    return organiserView(inserted);
  });
}

export async function listOrganisers(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'public.read', async (tx) =>
    (await tx.selectFrom('organiser').select(['id', 'kbo', 'name']).orderBy('name').execute()).map(organiserView),
  );
}

export async function getOrganiser(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    const o = await tx.selectFrom('organiser').select(['id', 'kbo', 'name']).where('id', '=', id).executeTakeFirst();
    if (!o) throw notFound({ nl: 'Deze organisator', en: 'This organiser' });
    return organiserView(o);
  });
}

export interface LocationInput {
  organiserId: string;
  name: string;
  street: string;
  postalCode: string;
  municipalityNis: string;
  type: (typeof LOCATION_TYPES)[number];
  subsidyStep: (typeof SUBSIDY_STEPS)[number];
  licensedCapacity: number;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  openingWeekdays?: number[];
  opgroeienId?: string;
}

const LOCATION_COLUMNS = [
  'location.id',
  'location.organiser_id',
  'location.name',
  'location.street',
  'location.postal_code',
  'location.municipality_nis',
  'location.type',
  'location.subsidy_step',
  'location.licensed_capacity',
  'location.min_age_months',
  'location.max_age_months',
  'location.opening_weekdays',
  'location.opgroeien_id',
] as const;

type LocationRow = {
  id: string;
  organiser_id: string;
  name: string;
  street: string;
  postal_code: string;
  municipality_nis: string;
  type: string;
  subsidy_step: string;
  licensed_capacity: number;
  min_age_months: number;
  max_age_months: number;
  opening_weekdays: number[];
  opgroeien_id: string | null;
  municipality_name: string;
  organiser_name: string;
};

function locationView(l: LocationRow) {
  return {
    id: l.id,
    organiser: { id: l.organiser_id, name: l.organiser_name },
    name: l.name,
    address: { street: l.street, postalCode: l.postal_code, municipalityNis: l.municipality_nis, municipality: l.municipality_name },
    type: l.type,
    subsidyStep: l.subsidy_step,
    incomeTariff: l.subsidy_step === 'T2' || l.subsidy_step === 'T3',
    licensedCapacity: l.licensed_capacity,
    ageRangeMonths: { min: l.min_age_months, max: l.max_age_months },
    openingWeekdays: l.opening_weekdays,
    opgroeienId: l.opgroeien_id,
  };
}

export type LocationView = ReturnType<typeof locationView>;

function locationQuery(tx: Parameters<Parameters<typeof runUseCase>[3]>[0]) {
  return tx
    .selectFrom('location')
    .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
    .innerJoin('organiser', 'organiser.id', 'location.organiser_id')
    .select([...LOCATION_COLUMNS, 'municipality.name as municipality_name', 'organiser.name as organiser_name']);
}

export async function createLocation(ctx: AppContext, actor: Actor, input: LocationInput) {
  return runUseCase(ctx, actor, 'location.create', async (tx) => {
    if (actor.role === 'provider_staff' && actor.organiserId !== input.organiserId) {
      throw new UserError('forbidden', 'auth.other_organiser', 'organiserId', {
        nl: 'U kunt alleen locaties toevoegen voor uw eigen organisator.',
        en: 'You can only add locations for your own organiser.',
      });
    }
    const problems: FieldProblem[] = [];
    const min = input.minAgeMonths ?? 0;
    const max = input.maxAgeMonths ?? (input.type === 'kleuteropvang' ? 144 : 36);
    const weekdays = input.openingWeekdays ?? [1, 2, 3, 4, 5];
    if (!input.name.trim()) problems.push({ field: 'name', code: 'required', nl: 'Vul de naam in.', en: 'Enter the name.' });
    if (!input.street.trim()) problems.push({ field: 'street', code: 'required', nl: 'Vul de straat en het huisnummer in.', en: 'Enter the street and number.' });
    if (input.type === 'family' && input.licensedCapacity > FAMILY_CARE_MAX) {
      problems.push({ field: 'licensedCapacity', code: 'capacity.family_max', nl: `Gezinsopvang heeft hoogstens ${FAMILY_CARE_MAX} plaatsen.`, en: `Family care has at most ${FAMILY_CARE_MAX} places.` });
    }
    if (max <= min) problems.push({ field: 'maxAgeMonths', code: 'age.order', nl: 'De maximumleeftijd ligt boven de minimumleeftijd.', en: 'The maximum age must be above the minimum age.' });
    if (weekdays.length === 0 || new Set(weekdays).size !== weekdays.length) {
      problems.push({ field: 'openingWeekdays', code: 'weekdays.invalid', nl: 'Kies elke openingsdag één keer.', en: 'Choose each opening day once.' });
    }
    if (problems.length) throw invalidFields(problems);
    const organiser = await tx.selectFrom('organiser').select('id').where('id', '=', input.organiserId).executeTakeFirst();
    if (!organiser) throw notFound({ nl: 'Deze organisator', en: 'This organiser' }, 'organiserId');
    const municipality = await tx.selectFrom('municipality').select('nis_code').where('nis_code', '=', input.municipalityNis).executeTakeFirst();
    if (!municipality) throw notFound({ nl: 'Deze gemeente', en: 'This municipality' }, 'municipalityNis');
    if (input.opgroeienId) {
      const taken = await tx.selectFrom('location').select('id').where('opgroeien_id', '=', input.opgroeienId).executeTakeFirst();
      if (taken) {
        throw new UserError('conflict', 'location.opgroeien_id_taken', 'opgroeienId', {
          nl: 'Een andere locatie heeft dit dossiernummer van Opgroeien al.',
          en: 'Another location already has this Opgroeien id.',
        });
      }
    }
    const row = await tx
      .insertInto('location')
      .values({
        organiser_id: input.organiserId,
        name: input.name.trim(),
        street: input.street.trim(),
        postal_code: input.postalCode,
        municipality_nis: input.municipalityNis,
        type: input.type,
        subsidy_step: input.subsidyStep,
        licensed_capacity: input.licensedCapacity,
        min_age_months: min,
        max_age_months: max,
        opening_weekdays: [...weekdays].sort(),
        opgroeien_id: input.opgroeienId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return locationView((await locationQuery(tx).where('location.id', '=', row.id).executeTakeFirstOrThrow()) as LocationRow);
  });
}

export interface LocationFilter {
  municipalityNis?: string;
  organiserId?: string;
  type?: string;
  subsidyStep?: string;
}

export async function listLocations(ctx: AppContext, actor: Actor, filter: LocationFilter = {}) {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    let q = locationQuery(tx);
    if (filter.municipalityNis) q = q.where('location.municipality_nis', '=', filter.municipalityNis);
    if (filter.organiserId) q = q.where('location.organiser_id', '=', filter.organiserId);
    if (filter.type) q = q.where('location.type', '=', filter.type as LocationInput['type']);
    if (filter.subsidyStep) q = q.where('location.subsidy_step', '=', filter.subsidyStep as LocationInput['subsidyStep']);
    return (await q.orderBy('location.name').execute()).map((l) => locationView(l as LocationRow));
  });
}

export async function getLocation(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'public.read', async (tx) => {
    const l = await locationQuery(tx).where('location.id', '=', id).executeTakeFirst();
    if (!l) throw notFound({ nl: 'Deze opvanglocatie', en: 'This childcare location' });
    return locationView(l as LocationRow);
  });
}

export interface DeskSettings {
  offerDeadlineDays?: number;
  responseDays?: number;
  noPlaceWarningMonths?: number;
  maxLocations?: number | null;
}

/** A desk coordinator sets the desk's own times: 8–14 days to answer an offer, the providers' response time, and so on. */
export async function updateDeskSettings(ctx: AppContext, actor: Actor, deskId: string, input: DeskSettings) {
  return runUseCase(ctx, actor, 'desk.settings', async (tx) => {
    if (actor.role !== 'admin' && actor.deskId !== deskId) throw notFound({ nl: 'Dit loket', en: 'This desk' });
    const set: Record<string, number | null> = {};
    if (input.offerDeadlineDays !== undefined) set.offer_deadline_days = input.offerDeadlineDays;
    if (input.responseDays !== undefined) set.response_days = input.responseDays;
    if (input.noPlaceWarningMonths !== undefined) set.no_place_warning_months = input.noPlaceWarningMonths;
    if (input.maxLocations !== undefined) set.max_locations = input.maxLocations;
    const row = Object.keys(set).length
      ? await tx.updateTable('desk').set(set).where('id', '=', deskId).returning(['id', 'offer_deadline_days', 'response_days', 'no_place_warning_months', 'max_locations']).executeTakeFirst()
      : await tx.selectFrom('desk').select(['id', 'offer_deadline_days', 'response_days', 'no_place_warning_months', 'max_locations']).where('id', '=', deskId).executeTakeFirst();
    if (!row) throw notFound({ nl: 'Dit loket', en: 'This desk' });
    await audit(tx, actor, 'desk.settings', []);
    return { id: row.id, offerDeadlineDays: row.offer_deadline_days, responseDays: row.response_days, noPlaceWarningMonths: row.no_place_warning_months, maxLocations: row.max_locations };
  });
}
