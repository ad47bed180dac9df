// Request schemas for the JSON API: the contract that validation and the OpenAPI document both come from.
import { Type, type Static } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-f-]+$', description: 'Identifier (uuid, lower case)' });
export const IdParams = Type.Object({ id: Uuid });
export const CalendarDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Language = Type.Union([Type.Literal('nl'), Type.Literal('en'), Type.Literal('fr'), Type.Literal('ar')], { description: 'Preferred language for letters and mail' });

export const OrganiserBody = Type.Object(
  {
    kbo: Type.String({ minLength: 9, maxLength: 16, description: 'KBO enterprise number, e.g. 0123.456.749' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const LocationBody = Type.Object(
  {
    organiserId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    street: Type.String({ minLength: 1, maxLength: 200 }),
    postalCode: Type.String({ pattern: '^[0-9]{4}$' }),
    municipalityNis: Type.String({ pattern: '^[0-9]{5}$', description: 'NIS code of the municipality' }),
    type: Type.Union([Type.Literal('group'), Type.Literal('family'), Type.Literal('kleuteropvang')]),
    subsidyStep: Type.Union([Type.Literal('T0'), Type.Literal('T1'), Type.Literal('T2'), Type.Literal('T3')]),
    licensedCapacity: Type.Integer({ minimum: 1, maximum: 200 }),
    minAgeMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 144 })),
    maxAgeMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 156 })),
    openingWeekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 })),
    opgroeienId: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$', description: 'Opgroeien location id' })),
  },
  { additionalProperties: false },
);

export const LocationQuery = Type.Object(
  {
    municipalityNis: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
    organiserId: Type.Optional(Uuid),
    type: Type.Optional(Type.Union([Type.Literal('group'), Type.Literal('family'), Type.Literal('kleuteropvang')])),
    subsidyStep: Type.Optional(Type.Union([Type.Literal('T0'), Type.Literal('T1'), Type.Literal('T2'), Type.Literal('T3')])),
  },
  { additionalProperties: false },
);

const Guardian = Type.Object(
  {
    givenName: Name,
    familyName: Name,
    email: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    insz: Type.Optional(Type.String({ maxLength: 20, description: 'National number (INSZ) or BIS number; optional' })),
    preferredLanguage: Type.Optional(Language),
  },
  { additionalProperties: false },
);

const CareDay = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 5, description: '1 = Monday … 5 = Friday' }),
    part: Type.Union([Type.Literal('full'), Type.Literal('morning'), Type.Literal('afternoon')]),
    from: Type.Optional(Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$' })),
    to: Type.Optional(Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$' })),
  },
  { additionalProperties: false },
);

export const RegistrationBody = Type.Object(
  {
    applicant: Guardian,
    otherGuardian: Type.Optional(Guardian),
    residence: Type.Object(
      {
        municipalityNis: Type.String({ pattern: '^[0-9]{5}$' }),
        street: Type.Optional(Type.String({ maxLength: 200 })),
        postalCode: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
      },
      { additionalProperties: false },
    ),
    child: Type.Object(
      {
        insz: Type.Optional(Type.String({ maxLength: 20 })),
        givenName: Type.Optional(Type.String({ maxLength: 100 })),
        familyName: Name,
        birthDate: Type.Optional(CalendarDate),
        dueDate: Type.Optional(CalendarDate),
        birthOrder: Type.Optional(Type.Integer({ minimum: 1, maximum: 6, description: 'Order within twins or triplets' })),
      },
      { additionalProperties: false },
    ),
    desiredStartDate: CalendarDate,
    flexibilityWeeks: Type.Optional(Type.Integer({ minimum: 0, maximum: 52 })),
    careDays: Type.Array(CareDay, { maxItems: 5 }),
    locationIds: Type.Array(Uuid, { maxItems: 50, description: 'Chosen locations, most wanted first' }),
    urgent: Type.Optional(Type.Boolean()),
    acceptAnyLocation: Type.Optional(Type.Boolean({ description: 'The family also accepts any location in the desk’s area' })),
    registeredOn: Type.Optional(CalendarDate),
    consent: Type.Object({ processing: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type RegistrationBodyT = Static<typeof RegistrationBody>;

export const RequestQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 30 })),
    locationId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    to: Type.Union(['active', 'withdrawn', 'lapsed', 'found_elsewhere', 'offered', 'placed', 'registered'].map((s) => Type.Literal(s))),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const BirthBody = Type.Object(
  {
    birthDate: CalendarDate,
    insz: Type.Optional(Type.String({ maxLength: 20 })),
    givenName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const DuplicateQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('merged'), Type.Literal('not_duplicate')])) },
  { additionalProperties: false },
);

export const MergeBody = Type.Object({ survivingChildId: Uuid }, { additionalProperties: false });

const Activity = Type.Object(
  {
    kind: Type.Union(['employed', 'self_employed', 'job_seeking', 'vocational_training', 'training_intensive', 'integration', 'qualifying_course', 'dutch_course'].map((k) => Type.Literal(k))),
    fraction: Type.Number({ minimum: 0, maximum: 1, description: 'Part of a full-time week: 0.8 = 4/5' }),
  },
  { additionalProperties: false },
);
const Source = Type.Object(
  { source: Type.Union([Type.Literal('sworn_statement'), Type.Literal('attest'), Type.Literal('desk_observation')]), attestType: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const FactsBody = Type.Object(
  {
    guardians: Type.Array(Type.Object({ activities: Type.Array(Activity, { maxItems: 5 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 2 }),
    singleParent: Type.Boolean(),
    lowIncome: Type.Boolean(),
    fosterChild: Type.Boolean(),
    healthOrCareSituation: Type.Boolean(),
    noSecondaryDiploma: Type.Boolean(),
    dutchSpeaking: Type.Optional(Type.Boolean()),
    siblings: Type.Array(Type.Object({ locationId: Uuid, from: CalendarDate, to: Type.Union([CalendarDate, Type.Null()]) }, { additionalProperties: false }), { maxItems: 10 }),
    sources: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Source)),
    declaredOn: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);

const TieBreakSchema = Type.Union([
  Type.Object({ policy: Type.Literal('registration_order') }, { additionalProperties: false }),
  Type.Object({ policy: Type.Literal('batch_window'), monthsBeforeStart: Type.Integer({ minimum: 0, maximum: 24 }) }, { additionalProperties: false }),
  Type.Object({ policy: Type.Literal('lottery') }, { additionalProperties: false }),
]);

export const RuleSettingsBody = Type.Object(
  { groupOrder: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }), Type.Null()])), tieBreak: Type.Optional(Type.Union([TieBreakSchema, Type.Null()])) },
  { additionalProperties: false },
);

export const CandidateQuerySchema = Type.Object(
  {
    start: CalendarDate,
    weekdays: Type.Optional(Type.String({ pattern: '^[1-7](,[1-7]){0,6}$', description: 'Free weekdays, e.g. 1,2,4' })),
    weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    startMonth: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' })),
    minAgeMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    maxAgeMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    seed: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const adviceFields = {
  adviserOrganisation: Type.String({ minLength: 1, maxLength: 200 }),
  adviserType: Type.String({ minLength: 1, maxLength: 60, description: 'One of the rule set’s deviationAdvisers, e.g. ocmw, caw, kind_en_gezin' }),
  adviceDate: CalendarDate,
  ground: Type.Union([Type.Literal('child_interest'), Type.Literal('health_or_welfare')]),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

export const AdviceBody = Type.Object({ locationId: Uuid, ...adviceFields }, { additionalProperties: false });

export const DeviationBody = Type.Object(
  {
    requestId: Uuid,
    adviceId: Type.Optional(Type.String({ format: 'uuid', pattern: '^[0-9a-f-]+$', description: 'Advice given earlier by a desk or partner; otherwise give the advice fields' })),
    adviserOrganisation: Type.Optional(adviceFields.adviserOrganisation),
    adviserType: Type.Optional(adviceFields.adviserType),
    adviceDate: Type.Optional(CalendarDate),
    ground: Type.Optional(adviceFields.ground),
    note: Type.Optional(adviceFields.note),
  },
  { additionalProperties: false },
);

export const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });

export const CapacityBody = Type.Object(
  {
    validFrom: CalendarDate,
    openSeats: Type.Array(Type.Integer({ minimum: 0, maximum: 200 }), { minItems: 5, maxItems: 5, description: 'Open (staffed) seats Monday to Friday' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const PeriodQuery = Type.Object({ from: CalendarDate, to: CalendarDate }, { additionalProperties: false });
export const MonthsQuery = Type.Object({ months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) }, { additionalProperties: false });
export const WhatIfQuery = Type.Object({ requestId: Uuid, start: CalendarDate }, { additionalProperties: false });

export const RoundBody = Type.Object(
  {
    periodStart: CalendarDate,
    mode: Type.Optional(Type.Union([Type.Literal('da'), Type.Literal('optimal')])),
    seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
    timeLimitSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  },
  { additionalProperties: false },
);
export const ProposalAnswerBody = Type.Object(
  { decision: Type.Union([Type.Literal('confirm'), Type.Literal('reject')]), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const OfferBody = Type.Object(
  {
    requestId: Uuid,
    locationId: Uuid,
    start: CalendarDate,
    careDays: Type.Optional(Type.Array(CareDay, { minItems: 1, maxItems: 5 })),
    roundProposalId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export const OfferAnswerBody = Type.Object(
  { answer: Type.Union([Type.Literal('accept'), Type.Literal('accept_keep_waiting'), Type.Literal('decline')]) },
  { additionalProperties: false },
);

export const ResponseBody = Type.Object(
  {
    locationId: Uuid,
    kind: Type.Union([Type.Literal('seen'), Type.Literal('candidate'), Type.Literal('no_place')], { description: 'seen, candidate, or no place possible (with a reason); an offer is made with POST /offers' }),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const DeskSettingsBody = Type.Object(
  {
    offerDeadlineDays: Type.Optional(Type.Integer({ minimum: 8, maximum: 14, description: 'Days a family has to answer an offer' })),
    responseDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'Days a provider has to respond to a new request' })),
    noPlaceWarningMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
    maxLocations: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 50 }), Type.Null()])),
  },
  { additionalProperties: false },
);
