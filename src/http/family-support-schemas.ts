// Request and response schemas for family support: the social map in HSDS shape, referrals, consent, concerns, support, pilots, practices.
import { Type, type TLiteral, type TSchema } from '@sinclair/typebox';
import { DATA_CATEGORIES } from '../domain/family-support/consent.ts';
import { PARTNER_ROLES } from '../domain/family-support/pilot.ts';
import { REFERRAL_OUTCOMES, REFERRAL_STATUSES } from '../domain/family-support/referral.ts';
import { CONCERN_TOPICS } from '../app/family-support/concerns.ts';
import { CalendarDate, Uuid } from './schemas.ts';

// Null first: with type coercion on, Ajv would otherwise turn a null into 0 or '' for the first branch.
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Text = (max: number) => Type.String({ maxLength: max });
const OptText = (max: number) => Type.Optional(Nullable(Text(max)));
const Literals = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.Union(xs.map((x) => Type.Literal(x)) as TLiteral<T>[]));
const Nis = Type.String({ pattern: '^[0-9]{5}$', description: 'NIS code of the municipality' });
const Instant = Type.String({ description: 'Instant, ISO 8601 (UTC)' });
const NullableInstant = Nullable(Instant);

// HSDS objects accept the standard's other fields and ignore them, so exports of other directories can be read.
const Phone = Type.Object({ id: Type.Optional(Uuid), number: Type.String({ minLength: 1, maxLength: 40 }) });
const Contact = Type.Object({ id: Type.Optional(Uuid), name: OptText(200), title: OptText(200), email: OptText(200), phones: Type.Optional(Type.Array(Phone, { maxItems: 5 })) });
const Schedule = Type.Object({
  id: Type.Optional(Uuid),
  freq: Type.Optional(Type.Literal('WEEKLY')),
  byday: Type.String({ minLength: 2, maxLength: 30, description: 'Days as iCal BYDAY, e.g. MO,TU,TH' }),
  opens_at: Type.String({ maxLength: 8, description: 'HH:MM' }),
  closes_at: Type.String({ maxLength: 8, description: 'HH:MM' }),
  description: OptText(300),
});
const Address = Type.Object({
  id: Type.Optional(Uuid),
  address_1: Type.String({ minLength: 1, maxLength: 200 }),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  postal_code: Type.String({ maxLength: 10 }),
  country: Type.Optional(Type.String({ maxLength: 2 })),
  address_type: Type.Optional(Type.Literal('physical')),
  nabij_nis_code: Type.String({ maxLength: 5, description: 'Nabij profile: NIS code of the municipality' }),
});
const Location = Type.Object({
  id: Type.Optional(Uuid),
  location_type: Type.Optional(Type.Literal('physical')),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: OptText(2000),
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  addresses: Type.Array(Address, { minItems: 1, maxItems: 1 }),
  schedules: Type.Optional(Type.Array(Schedule, { maxItems: 30 })),
});
const Language = Type.Object({ id: Type.Optional(Uuid), code: Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'ISO 639 code, e.g. nl, ar' }), name: OptText(100) });
const Attribute = Type.Object({
  id: Type.Optional(Uuid),
  taxonomy_term: Type.Object({ id: Type.Optional(Uuid), code: Type.String({ minLength: 1, maxLength: 60 }), name: OptText(200), taxonomy: Type.String({ maxLength: 60, description: 'nabij-need or nabij-target-group' }) }),
});
const ServiceAtLocation = Type.Object({ id: Type.Optional(Uuid), location_id: Uuid });
const Service = Type.Object({
  id: Type.Optional(Uuid),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  alternate_name: OptText(200),
  description: OptText(4000),
  url: OptText(500),
  email: OptText(200),
  status: Literals(['active', 'inactive', 'defunct', 'temporarily closed']),
  eligibility_description: OptText(2000),
  minimum_age: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 120, description: 'Years' }))),
  maximum_age: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 120, description: 'Years' }))),
  languages: Type.Optional(Type.Array(Language, { maxItems: 40 })),
  attributes: Type.Optional(Type.Array(Attribute, { maxItems: 40 })),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 20 })),
  phones: Type.Optional(Type.Array(Phone, { maxItems: 5 })),
  schedules: Type.Optional(Type.Array(Schedule, { maxItems: 30 })),
  service_at_locations: Type.Optional(Type.Array(ServiceAtLocation, { maxItems: 100 })),
});
export const HsdsOrganizationBody = Type.Object({
  id: Type.Optional(Uuid),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  alternate_name: OptText(200),
  description: OptText(4000),
  email: OptText(200),
  website: OptText(500),
  tax_id: OptText(20),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 20 })),
  locations: Type.Optional(Type.Array(Location, { maxItems: 200 })),
  services: Type.Optional(Type.Array(Service, { maxItems: 200 })),
});
export const HsdsDocumentBody = Type.Object({
  hsds_version: Type.Optional(Type.String({ maxLength: 10 })),
  organizations: Type.Array(HsdsOrganizationBody, { maxItems: 2000 }),
});

// The export as it is written: every field present, so a client can rely on it.
const PhoneOut = Type.Object({ id: Uuid, number: Type.String() });
const ContactOut = Type.Object({ id: Uuid, name: Nullable(Type.String()), title: Nullable(Type.String()), email: Nullable(Type.String()), phones: Type.Array(PhoneOut) });
const ScheduleOut = Type.Object({ id: Uuid, freq: Type.Literal('WEEKLY'), byday: Type.String(), opens_at: Type.String(), closes_at: Type.String(), description: Nullable(Type.String()) });
const HsdsOrganizationOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  alternate_name: Nullable(Type.String()),
  description: Nullable(Type.String()),
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  tax_id: Nullable(Type.String()),
  contacts: Type.Array(ContactOut),
  locations: Type.Array(
    Type.Object({
      id: Uuid,
      location_type: Type.Literal('physical'),
      name: Type.String(),
      description: Nullable(Type.String()),
      latitude: Nullable(Type.Number()),
      longitude: Nullable(Type.Number()),
      addresses: Type.Array(Type.Object({ id: Uuid, address_1: Type.String(), city: Type.String(), postal_code: Type.String(), country: Type.String(), address_type: Type.Literal('physical'), nabij_nis_code: Type.String() })),
      schedules: Type.Array(ScheduleOut),
    }),
  ),
  services: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      alternate_name: Nullable(Type.String()),
      description: Nullable(Type.String()),
      url: Nullable(Type.String()),
      email: Nullable(Type.String()),
      status: Type.String(),
      eligibility_description: Nullable(Type.String()),
      minimum_age: Nullable(Type.Number()),
      maximum_age: Nullable(Type.Number()),
      languages: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Nullable(Type.String()) })),
      attributes: Type.Array(Type.Object({ id: Uuid, taxonomy_term: Type.Object({ id: Uuid, code: Type.String(), name: Nullable(Type.String()), taxonomy: Type.String() }) })),
      contacts: Type.Array(ContactOut),
      phones: Type.Array(PhoneOut),
      schedules: Type.Array(ScheduleOut),
      service_at_locations: Type.Array(Type.Object({ id: Uuid, location_id: Uuid })),
    }),
  ),
});
export const HsdsOrganization = HsdsOrganizationOut;
export const HsdsDocument = Type.Object({ hsds_version: Type.String(), organizations: Type.Array(HsdsOrganizationOut) });
export const ImportResult = Type.Object({ organizations: Type.Integer(), locations: Type.Integer(), services: Type.Integer() });
export const OrganizationSummary = Type.Object({ id: Uuid, name: Type.String(), services: Type.Integer(), locations: Type.Integer(), members: Type.Integer(), pickupDays: Type.Integer() });
export const OrganizationSettingsBody = Type.Object({ pickupDays: Type.Integer({ minimum: 1, maximum: 60, description: 'Days a referral may wait to be picked up before a reminder goes out' }) }, { additionalProperties: false });
export const OrganizationSettings = Type.Object({ organizationId: Uuid, pickupDays: Type.Integer() });
export const LinkUserBody = Type.Object({ organizationId: Nullable(Uuid) }, { additionalProperties: false });
export const LinkUserResult = Type.Object({ userId: Uuid, organizationId: Nullable(Uuid) });

const Term = Type.Object({ code: Type.String(), nl: Type.String(), en: Type.String() });
export const Vocabularies = Type.Object({ needs: Type.Array(Term), targetGroups: Type.Array(Term) });
export const ServiceSearchQuery = Type.Object(
  {
    need: Type.Optional(Type.String({ maxLength: 40, description: 'A need code from /social-map/vocabularies' })),
    ageMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'The child’s age in months' })),
    municipalityNis: Type.Optional(Nis),
    language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'ISO 639 language code' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words in the name or description' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
const Hours = Type.Object({ weekdays: Type.Array(Type.Integer()), opensAt: Type.String(), closesAt: Type.String(), description: Nullable(Type.String()) });
export const PublicService = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  organization: Type.Object({ id: Uuid, name: Type.String(), website: Nullable(Type.String()) }),
  url: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  eligibility: Nullable(Type.String()),
  minAgeMonths: Nullable(Type.Integer()),
  maxAgeMonths: Nullable(Type.Integer()),
  needs: Type.Array(Type.String()),
  targetGroups: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  hours: Type.Array(Hours),
  locations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), street: Type.String(), postalCode: Type.String(), city: Type.String(), municipalityNis: Type.String(), latitude: Nullable(Type.Number()), longitude: Nullable(Type.Number()), hours: Type.Array(Hours) })),
});

const ConsentBody = Type.Object(
  {
    givenByGuardianId: Uuid,
    purpose: Type.String({ minLength: 1, maxLength: 500, description: 'What the data is shared for, in words the family understands' }),
    dataCategories: Type.Array(Literals(DATA_CATEGORIES), { minItems: 1, maxItems: 3, description: 'contact: the parents’ contact data; child: the child’s name and birth date; situation: the referrer’s description' }),
    validUntil: CalendarDate,
  },
  { additionalProperties: false },
);
export const ReferralBody = Type.Object(
  {
    familyId: Uuid,
    childId: Type.Optional(Uuid),
    serviceId: Uuid,
    need: Type.Optional(Type.String({ maxLength: 40 })),
    question: Type.String({ minLength: 1, maxLength: 2000, description: 'Why the family is referred; shared only with the situation category' }),
    consent: ConsentBody,
  },
  { additionalProperties: false },
);
export const ReferralQuery = Type.Object(
  { box: Type.Optional(Literals(['sent', 'received'])), status: Type.Optional(Literals(REFERRAL_STATUSES)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) },
  { additionalProperties: false },
);
export const ReferralStepBody = Type.Object(
  { to: Literals(REFERRAL_STATUSES.filter((s) => s !== 'sent')), outcome: Type.Optional(Literals(REFERRAL_OUTCOMES)), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const NoteBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export const NoteResult = Type.Object({ id: Uuid, at: Instant });
const progressFields = {
  id: Uuid,
  service: Type.Object({ id: Uuid, name: Type.String() }),
  organization: Type.Object({ id: Uuid, name: Type.String() }),
  status: Literals(REFERRAL_STATUSES),
  sentAt: Instant,
  receivedAt: NullableInstant,
  contactMadeAt: NullableInstant,
  supportStartedAt: NullableInstant,
  closedAt: NullableInstant,
  declinedAt: NullableInstant,
};
/** The referrer's view has the progress fields only; the receiver's adds the shared data (view = receiver). */
export const ReferralView = Type.Object({
  view: Literals(['progress', 'receiver']),
  ...progressFields,
  consent: Type.Object({ id: Uuid, validUntil: Nullable(Type.String()), withdrawnAt: Type.Optional(NullableInstant), purpose: Type.Optional(Type.String()), dataCategories: Type.Optional(Type.Array(Type.String())) }),
  outcome: Type.Optional(Nullable(Type.String())),
  declineReason: Type.Optional(Nullable(Type.String())),
  need: Type.Optional(Nullable(Type.String())),
  question: Type.Optional(Nullable(Type.String())),
  referrer: Type.Optional(Type.Object({ name: Nullable(Type.String()), email: Nullable(Type.String()), role: Type.String() })),
  family: Type.Optional(
    Nullable(
      Type.Object({
        street: Nullable(Type.String()),
        postalCode: Nullable(Type.String()),
        municipality: Nullable(Type.String()),
        guardians: Type.Array(Type.Object({ givenName: Type.String(), familyName: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), preferredLanguage: Type.String() })),
      }),
    ),
  ),
  child: Type.Optional(Nullable(Type.Object({ givenName: Nullable(Type.String()), familyName: Type.String(), birthDate: Nullable(Type.String()), dueDate: Nullable(Type.String()) }))),
  notes: Type.Optional(Type.Array(Type.Object({ id: Uuid, text: Type.String(), author: Nullable(Type.String()), at: Instant }))),
});

export const ConsentView = Type.Object({
  id: Uuid,
  subject: Type.String(),
  purpose: Type.String(),
  dataCategories: Type.Array(Type.String()),
  recipientOrganization: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  recipientUserIds: Type.Array(Uuid),
  grantedAt: Instant,
  validUntil: Nullable(Type.String()),
  withdrawnAt: NullableInstant,
  state: Literals(['valid', 'withdrawn', 'expired']),
});
export const WithdrawResult = Type.Object({ id: Uuid, withdrawnAt: Instant });

export const ConcernBody = Type.Object(
  {
    familyId: Uuid,
    childId: Type.Optional(Uuid),
    topic: Literals(CONCERN_TOPICS),
    observation: Type.String({ minLength: 1, maxLength: 1000, description: 'What was noticed, in a few sentences' }),
    question: Type.Optional(Type.String({ maxLength: 500, description: 'What the author asks of the others' })),
    consent: Type.Object(
      { givenByGuardianId: Uuid, purpose: Type.String({ minLength: 1, maxLength: 500 }), validUntil: CalendarDate, recipientUserIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, description: 'The people the concern is shared with' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export const ConcernView = Type.Object({
  id: Uuid,
  familyId: Uuid,
  topic: Type.String(),
  observation: Type.String(),
  question: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Instant,
  closedAt: NullableInstant,
  author: Nullable(Type.String()),
  child: Nullable(Type.Object({ givenName: Nullable(Type.String()), familyName: Type.String(), birthDate: Nullable(Type.String()), dueDate: Nullable(Type.String()) })),
  guardians: Type.Array(Type.String()),
  sharedWith: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  consent: Type.Object({ id: Uuid, validUntil: Nullable(Type.String()), withdrawnAt: NullableInstant }),
});
export const ConcernSummary = Type.Object({ id: Uuid, topic: Type.String(), status: Type.String(), createdAt: Instant, closedAt: NullableInstant, author: Nullable(Type.String()), mine: Type.Boolean() });
export const ConcernQuery = Type.Object({ status: Type.Optional(Literals(['open', 'closed'])) }, { additionalProperties: false });
export const ConcernClosed = Type.Object({ id: Uuid, status: Type.Literal('closed'), closedAt: Instant });

export const SupportBody = Type.Object(
  {
    childId: Uuid,
    locationId: Uuid,
    serviceId: Uuid,
    startDate: CalendarDate,
    endDate: Type.Optional(Nullable(CalendarDate)),
    contactName: Type.String({ minLength: 1, maxLength: 200 }),
    contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const SupportQuery = Type.Object({ locationId: Type.Optional(Uuid), childId: Type.Optional(Uuid) }, { additionalProperties: false });
export const SupportView = Type.Object({
  id: Uuid,
  child: Type.Object({ id: Uuid, givenName: Nullable(Type.String()), familyName: Type.String() }),
  location: Type.Object({ id: Uuid, name: Type.String() }),
  service: Type.Object({ id: Uuid, name: Type.String(), organization: Type.String() }),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  contact: Type.Object({ name: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()) }),
});

export const PilotBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    startDate: CalendarDate,
    endDate: CalendarDate,
    municipalities: Type.Array(Nis, { minItems: 1, maxItems: 50, description: 'The pilot’s area' }),
    partners: Type.Array(
      Type.Object(
        {
          role: Literals(PARTNER_ROLES),
          locationId: Type.Optional(Uuid),
          organiserId: Type.Optional(Uuid),
          deskId: Type.Optional(Uuid),
          organizationId: Type.Optional(Uuid),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          qualityLabel: Type.Optional(Type.Boolean({ description: 'A kleuteropvang holds a quality label' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
const ConditionOut = Type.Object({ code: Type.String(), met: Type.Boolean(), nl: Type.String(), en: Type.String() });
export const PilotCheck = Type.Object({ ok: Type.Boolean(), conditions: Type.Array(ConditionOut) });
export const PilotView = Type.Object({
  id: Uuid,
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  municipalities: Type.Array(Type.Object({ nisCode: Type.String(), name: Type.String() })),
  partners: Type.Array(Type.Object({ id: Uuid, role: Type.String(), name: Nullable(Type.String()), locationId: Nullable(Uuid), organiserId: Nullable(Uuid), deskId: Nullable(Uuid), organizationId: Nullable(Uuid), qualityLabel: Type.Boolean() })),
  conditions: Type.Array(ConditionOut),
});
export const PilotSummary = Type.Object({ id: Uuid, name: Type.String(), startDate: Type.String(), endDate: Type.String() });
export const PilotIndicators = Type.Object({
  pilotId: Uuid,
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  quarters: Type.Array(
    Type.Object({
      quarter: Type.String({ description: 'e.g. 2025-Q1' }),
      from: Type.String(),
      to: Type.String(),
      referralsMade: Type.Integer(),
      referralsAccepted: Type.Integer({ description: 'Of the referrals made in the quarter, those the partner received' }),
      medianDaysToFirstContact: Nullable(Type.Number()),
      familiesReached: Type.Integer({ description: 'Families with a first contact in the quarter' }),
      familiesReachedVulnerable: Type.Integer(),
      childcareReferrals: Type.Integer({ description: 'Referrals made by childcare staff' }),
      concernsShared: Type.Integer(),
    }),
  ),
});

export const PracticeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 150 }),
    problem: Type.String({ minLength: 1, maxLength: 2000 }),
    whatWorked: Type.String({ minLength: 1, maxLength: 2000 }),
    tips: Type.Optional(Type.String({ maxLength: 2000 })),
    municipalityNis: Nis,
  },
  { additionalProperties: false },
);
export const PracticeQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200 })), municipalityNis: Type.Optional(Nis), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) },
  { additionalProperties: false },
);
export const PracticeView = Type.Object({
  id: Uuid,
  title: Type.String(),
  problem: Type.String(),
  whatWorked: Type.String(),
  tips: Nullable(Type.String()),
  municipality: Type.Object({ nisCode: Type.String(), name: Type.String() }),
  author: Nullable(Type.String()),
  createdAt: Instant,
});
