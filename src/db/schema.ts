// Kysely table types: the shape of every table as the application reads and writes it.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Calendar dates travel as 'YYYY-MM-DD' strings (the date type parser is switched off). */
type DateColumn = string;
type Json<T> = ColumnType<T, string, string>;

export interface MunicipalityTable {
  nis_code: string;
  name: string;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
}
export interface DeskTable {
  id: Generated<string>;
  name: string;
  email: string | null;
  phone: string | null;
  max_locations: number | null;
  offer_deadline_days: ColumnType<number, number | undefined, number>;
  response_days: ColumnType<number, number | undefined, number>;
  no_place_warning_months: ColumnType<number, number | undefined, number>;
  address: ColumnType<string | null, string | null | undefined, string | null>;
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>;
  family_centre_name: ColumnType<string | null, string | null | undefined, string | null>;
  family_centre_address: ColumnType<string | null, string | null | undefined, string | null>;
  family_centre_phone: ColumnType<string | null, string | null | undefined, string | null>;
  family_centre_email: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}
export interface DeskMunicipalityTable {
  desk_id: string;
  nis_code: string;
}
export interface OrganiserTable {
  id: Generated<string>;
  kbo: string;
  name: string;
  created_at: CreatedAt;
}
export interface LocationTable {
  id: Generated<string>;
  organiser_id: string;
  name: string;
  street: string;
  postal_code: string;
  municipality_nis: string;
  type: 'group' | 'family' | 'kleuteropvang';
  subsidy_step: 'T0' | 'T1' | 'T2' | 'T3';
  licensed_capacity: number;
  min_age_months: number;
  max_age_months: number;
  opening_weekdays: number[];
  opgroeien_id: string | null;
  subsidy_group_id: ColumnType<string | null, string | null | undefined, string | null>;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
}
export interface FamilyTable {
  id: Generated<string>;
  municipality_nis: string;
  street: string | null;
  postal_code: string | null;
  preferred_language: string;
  created_at: CreatedAt;
  /** Set when the family was anonymised: on request, or by the retention job. */
  anonymised_at: NullableTimestamp;
}
export interface GuardianTable {
  id: Generated<string>;
  family_id: string;
  given_name: string;
  family_name: string;
  family_name_key: string;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  phone_key: string | null;
  insz: string | null;
  preferred_language: string;
  created_at: CreatedAt;
}
export interface ChildTable {
  id: Generated<string>;
  family_id: string;
  insz: string | null;
  given_name: string | null;
  given_name_key: string | null;
  family_name: string;
  family_name_key: string;
  birth_date: DateColumn | null;
  due_date: DateColumn | null;
  birth_order: number;
  merged_into: string | null;
  /** A national number given without proof while another child record holds it (see 0021). */
  claimed_insz: Generated<string | null>;
  created_at: CreatedAt;
}
export interface RequestTable {
  id: Generated<string>;
  number: string;
  child_id: string;
  applicant_id: string;
  desk_id: string;
  desired_start_date: DateColumn;
  flexibility_weeks: number;
  care_days: Json<Array<{ weekday: number; part: string; from?: string; to?: string }>>;
  urgent: boolean;
  accepts_any_location: ColumnType<boolean, boolean | undefined, boolean>;
  status: string;
  merged_into: string | null;
  registered_on: DateColumn;
  channel: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The family's municipality, set by triggers (migration 0010). */
  residence_nis: ColumnType<string, never, never>;
}
export interface RequestLocationTable {
  request_id: string;
  rank: number;
  location_id: string;
}
export interface RequestEventTable {
  id: Generated<string>;
  request_id: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_id: string | null;
  actor_role: string;
  channel: string;
  at: CreatedAt;
}
export interface ConsentTable {
  id: Generated<string>;
  family_id: string;
  child_id: string | null;
  subject: string;
  purpose: string;
  given_by: string | null;
  recorded_by: string | null;
  channel: string;
  granted_at: CreatedAt;
  valid_until: DateColumn | null;
  withdrawn_at: NullableTimestamp;
  recipient_organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  recipient_user_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  data_categories: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawal_channel: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface DuplicateCandidateTable {
  id: Generated<string>;
  child_a: string;
  child_b: string;
  score: number;
  reasons: Json<string[]>;
  status: ColumnType<'open' | 'merged' | 'not_duplicate', 'open' | 'merged' | 'not_duplicate' | undefined, 'open' | 'merged' | 'not_duplicate'>;
  created_at: CreatedAt;
  resolved_at: NullableTimestamp;
  resolved_by: string | null;
  proof_pending: Generated<boolean>;
  merge_agreement: ColumnType<Record<string, MergeAgreement>, string | undefined, string>;
}
/** One desk's agreement to merge a pair that spans two desks. */
export interface MergeAgreement {
  survivingChildId: string;
  by: string | null;
  at: string;
}
export interface ChildMergeTable {
  id: Generated<string>;
  surviving_child: string;
  merged_child: string;
  moved: Json<Record<string, unknown>>;
  actor_id: string | null;
  at: CreatedAt;
}
export interface AppUserTable {
  id: Generated<string>;
  name: string;
  email: string;
  role: string;
  desk_id: string | null;
  organiser_id: string | null;
  sm_organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}
export interface ApiTokenTable {
  token_hash: string;
  user_id: string;
  label: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}
export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  actor_role: string;
  action: string;
  channel: string;
  subject_ids: string[];
}

export interface FactDeclarationTable {
  id: Generated<string>;
  family_id: string;
  child_id: string | null;
  facts: Json<unknown>;
  sources: Json<Record<string, unknown>>;
  declared_on: DateColumn;
  recorded_by: string | null;
  channel: string;
  created_at: CreatedAt;
}
export interface FamilyVulnerabilityTable {
  family_id: string;
  vulnerable: boolean;
  characteristics: Json<unknown>;
  computed_at: Timestamp;
}
export interface LocationRuleSettingsTable {
  location_id: string;
  group_order: string[] | null;
  tie_break: Json<unknown> | null;
  updated_at: Timestamp;
  updated_by: string | null;
}
export interface PlacementTable {
  id: Generated<string>;
  child_id: string;
  location_id: string;
  request_id: string | null;
  start_date: DateColumn;
  end_date: DateColumn;
  care_days: Json<Array<{ weekday: number; part: string }>>;
  /** Generated from care_days (migration 0010). */
  seat_days: ColumnType<string | null, never, never>;
  created_at: CreatedAt;
  departed_on?: DateColumn | null;
  departure_reason?: string | null;
  reported_at?: NullableTimestamp;
}
export interface DeviationAdviceTable {
  id: Generated<string>;
  request_id: string;
  location_id: string;
  adviser_organisation: string;
  adviser_type: string;
  advice_date: DateColumn;
  ground: 'child_interest' | 'health_or_welfare';
  note: string | null;
  given_by: string | null;
  given_by_role: string;
  created_at: CreatedAt;
}
export interface DeviationTable {
  id: Generated<string>;
  advice_id: string;
  location_id: string;
  request_id: string;
  year: number;
  rule_set_id: string;
  adviser_organisation: string;
  adviser_type: string;
  advice_date: DateColumn;
  ground: 'child_interest' | 'health_or_welfare';
  note: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
}
export interface LotteryDrawTable {
  id: Generated<string>;
  location_id: string;
  seed: string;
  place_start: DateColumn;
  drawn_at: CreatedAt;
  drawn_by: string | null;
  numbers: Json<Record<string, number>>;
}

export interface LocationCapacityTable {
  location_id: string;
  valid_from: DateColumn;
  open_seats: number[];
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface MatchingRoundTable {
  id: Generated<string>;
  desk_id: string;
  period_start: DateColumn;
  mode: 'da' | 'optimal';
  seed: number;
  input: Json<unknown>;
  input_hash: string;
  outcome: Json<unknown>;
  verifier: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface RoundProposalTable {
  id: Generated<string>;
  round_id: string;
  request_id: string;
  location_id: string;
  wish: number;
  reason: Json<{ nl: string; en: string }>;
  status: ColumnType<'proposed' | 'confirmed' | 'rejected', 'proposed' | undefined, 'confirmed' | 'rejected'>;
  rejection_reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface OfferTable {
  id: Generated<string>;
  request_id: string;
  location_id: string;
  start_date: DateColumn;
  end_date: DateColumn;
  care_days: Json<Array<{ weekday: number; part: string }>>;
  deadline: Timestamp;
  status: ColumnType<string, string | undefined, string>;
  round_proposal_id: string | null;
  deviation_id: string | null;
  placement_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  answered_at: NullableTimestamp;
  answered_by: string | null;
  answer_channel: string | null;
  reminded_at: NullableTimestamp;
}
export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  recipient: Json<Record<string, unknown>>;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
}
export interface IdempotencyKeyTable {
  actor_key: string;
  key: string;
  action: string;
  result: Json<unknown> | null;
  created_at: CreatedAt;
}

export interface RequestResponseTable {
  request_id: string;
  location_id: string;
  kind: 'seen' | 'candidate' | 'offered' | 'no_place';
  reason: string | null;
  first_at: Timestamp;
  updated_at: Timestamp;
  responded_by: string | null;
}

export interface SubsidyGroupTable {
  id: Generated<string>;
  organiser_id: string;
  /** Opgroeien's number for the group (int8, parsed to a number). */
  opgroeien_id: number;
  name: string;
  income_tariff_from: DateColumn | null;
  income_tariff_until: DateColumn | null;
  plus_subsidy: ColumnType<boolean, boolean | undefined, boolean>;
}
export interface BirthCountTable {
  nis_code: string;
  year: number;
  births: number;
}
/** Kept by triggers (migration 0010): the open requests as the dashboard counts them. */
export interface ReportOpenRequestTable {
  child_id: string;
  request_id: string;
  family_id: string;
  desk_id: string;
  registered_on: DateColumn;
  desired_start_date: DateColumn;
  born_on: DateColumn;
  residence_nis: string;
  days_per_week: number;
  chosen_nis: string[];
  facts_at_registration: string | null;
  facts_at_registration_key: string | null;
  facts_latest: string | null;
  facts_latest_key: string | null;
  facts_latest_on: DateColumn | null;
}
/** Kept by triggers (migration 0010): requests per child, registration year and desk. */
export interface ReportRegistrationYearTable {
  child_id: string;
  year: number;
  desk_id: string;
  requests: number;
  first_desk: boolean;
}
export interface ApiClientTable {
  id: Generated<string>;
  organiser_id: string;
  name: string;
  secret_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  rotated_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}
export interface ApiAccessTokenTable {
  token_hash: string;
  client_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}
export interface EventTable {
  position: Generated<number>;
  id: Generated<string>;
  type: string;
  source: string;
  subject: string;
  organiser_id: string | null;
  location_id: string | null;
  desk_id: string | null;
  data: Json<Record<string, unknown>>;
  time: Timestamp;
}
export interface WebhookTable {
  client_id: string;
  url: string;
  secret: string;
  delivered_position: ColumnType<number, number | undefined, number>;
  failures: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  disabled_at: NullableTimestamp;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

type Opt<T> = ColumnType<T, T | undefined, T>;

export interface SmOrganizationTable {
  id: Generated<string>;
  name: string;
  alternate_name: string | null;
  description: string | null;
  email: string | null;
  website: string | null;
  tax_id: string | null;
  pickup_days: Opt<number>;
  updated_at: Timestamp;
}
export interface SmLocationTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  description: string | null;
  address_1: string;
  city: string;
  postal_code: string;
  municipality_nis: string;
  latitude: number | null;
  longitude: number | null;
}
export interface SmServiceTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  eligibility_description: string | null;
  min_age_months: number | null;
  max_age_months: number | null;
  needs: Opt<string[]>;
  target_groups: Opt<string[]>;
  languages: Opt<string[]>;
}
export interface SmServiceAtLocationTable {
  id: Generated<string>;
  service_id: string;
  location_id: string;
}
export interface SmContactTable {
  id: Generated<string>;
  organization_id: string;
  service_id: string | null;
  name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
}
export interface SmScheduleTable {
  id: Generated<string>;
  location_id: string | null;
  service_id: string | null;
  weekdays: number[];
  opens_at: string;
  closes_at: string;
  description: string | null;
}
export interface ReferralTable {
  id: Generated<string>;
  family_id: string;
  child_id: string | null;
  service_id: string;
  organization_id: string;
  consent_id: string;
  need: string | null;
  question: string;
  referrer_id: string | null;
  referrer_role: string;
  referrer_desk_id: string | null;
  referrer_organiser_id: string | null;
  status: Opt<string>;
  outcome: string | null;
  decline_reason: string | null;
  sent_at: Timestamp;
  received_at: NullableTimestamp;
  contact_made_at: NullableTimestamp;
  support_started_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  declined_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
}
export interface ReferralNoteTable {
  id: Generated<string>;
  referral_id: string;
  author_id: string | null;
  text: string;
  created_at: CreatedAt;
}
export interface ConcernTable {
  id: Generated<string>;
  family_id: string;
  child_id: string | null;
  consent_id: string;
  author_id: string | null;
  author_role: string;
  topic: string;
  observation: string;
  question: string | null;
  status: Opt<string>;
  created_at: CreatedAt;
  closed_at: NullableTimestamp;
  closed_by: string | null;
}
export interface SupportAssignmentTable {
  id: Generated<string>;
  child_id: string;
  location_id: string;
  service_id: string;
  organization_id: string;
  start_date: DateColumn;
  end_date: DateColumn | null;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface PilotTable {
  id: Generated<string>;
  name: string;
  start_date: DateColumn;
  end_date: DateColumn;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
export interface PilotMunicipalityTable {
  pilot_id: string;
  nis_code: string;
}
export interface PilotPartnerTable {
  id: Generated<string>;
  pilot_id: string;
  role: string;
  location_id: string | null;
  organiser_id: string | null;
  desk_id: string | null;
  organization_id: string | null;
  name: string | null;
  quality_label: Opt<boolean>;
}
export interface PracticeTable {
  id: Generated<string>;
  title: string;
  problem: string;
  what_worked: string;
  tips: string | null;
  municipality_nis: string;
  author_id: string | null;
  created_at: CreatedAt;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
export interface PortalAccountTable {
  id: Generated<string>;
  email: Nullable<string>;
  email_verified_at: NullableTimestamp;
  password_hash: Nullable<string>;
  oidc_issuer: Nullable<string>;
  oidc_subject: Nullable<string>;
  given_name: Nullable<string>;
  family_name: Nullable<string>;
  insz: Nullable<string>;
  language: ColumnType<string, string | undefined, string>;
  family_id: Nullable<string>;
  guardian_id: Nullable<string>;
  created_at: CreatedAt;
}
export interface WebSessionTable {
  id_hash: string;
  account_id: Nullable<string>;
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  csrf_token: string;
  language: ColumnType<string, string | undefined, string>;
  draft: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  oidc: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}
export interface ContactTable {
  id: Generated<string>;
  desk_id: string;
  channel: 'walk_in' | 'phone' | 'mail' | 'partner' | 'portal';
  topic: 'childcare' | 'parenting' | 'health' | 'finances' | 'other';
  summary: string;
  contact_name: Nullable<string>;
  family_id: Nullable<string>;
  request_id: Nullable<string>;
  follow_up: Nullable<string>;
  follow_up_due: Nullable<string>;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
  closed_at: Nullable<Date>;
}
export interface AccountTokenTable {
  token_hash: string;
  account_id: string;
  purpose: 'verify_email' | 'reset_password';
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}
export interface LoginAttemptTable {
  key: string;
  /** Tries in this window that failed or are still being checked. */
  failures: Generated<number>;
  window_start: Generated<Date>;
}
export interface CallbackRequestTable {
  id: Generated<string>;
  desk_id: string;
  account_id: Nullable<string>;
  family_id: Nullable<string>;
  name: string;
  phone: string;
  topic: 'registration' | 'offer' | 'priority' | 'other';
  message: Nullable<string>;
  language: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  handled_at: NullableTimestamp;
  handled_by: Nullable<string>;
}

export interface ImportBatchTable {
  id: Generated<string>;
  desk_id: string;
  created_by: string | null;
  channel: string;
  file_name: string | null;
  file_sha256: string;
  status: ColumnType<'running' | 'committed' | 'refused' | 'failed', 'running' | 'committed' | 'refused' | 'failed' | undefined, 'running' | 'committed' | 'refused' | 'failed'>;
  total: ColumnType<number, number | undefined, number>;
  processed: ColumnType<number, number | undefined, number>;
  created: ColumnType<number, number | undefined, number>;
  skipped: ColumnType<number, number | undefined, number>;
  problem_count: ColumnType<number, number | undefined, number>;
  report: Json<unknown> | null;
  error: string | null;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
  /** A background import's file, kept while it runs so another instance can resume it after a crash. */
  file: Uint8Array | null;
  file_format: string | null;
  mapping: Json<Record<string, string>> | null;
  attempts: ColumnType<number, number | undefined, number>;
}
export interface ImportRowTable {
  desk_id: string;
  fingerprint: string;
  batch_id: string;
  line: number;
  request_id: string | null;
}

export interface Database {
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
  sm_organization: SmOrganizationTable;
  sm_location: SmLocationTable;
  sm_service: SmServiceTable;
  sm_service_at_location: SmServiceAtLocationTable;
  sm_contact: SmContactTable;
  sm_schedule: SmScheduleTable;
  referral: ReferralTable;
  referral_note: ReferralNoteTable;
  concern: ConcernTable;
  support_assignment: SupportAssignmentTable;
  pilot: PilotTable;
  pilot_municipality: PilotMunicipalityTable;
  pilot_partner: PilotPartnerTable;
  practice: PracticeTable;
  portal_account: PortalAccountTable;
  web_session: WebSessionTable;
  contact: ContactTable;
  account_token: AccountTokenTable;
  login_attempt: LoginAttemptTable;
  callback_request: CallbackRequestTable;
  subsidy_group: SubsidyGroupTable;
  birth_count: BirthCountTable;
  report_open_request: ReportOpenRequestTable;
  report_registration_year: ReportRegistrationYearTable;
  request_response: RequestResponseTable;
  offer: OfferTable;
  outbox: OutboxTable;
  idempotency_key: IdempotencyKeyTable;
  matching_round: MatchingRoundTable;
  round_proposal: RoundProposalTable;
  location_capacity: LocationCapacityTable;
  fact_declaration: FactDeclarationTable;
  family_vulnerability: FamilyVulnerabilityTable;
  location_rule_settings: LocationRuleSettingsTable;
  placement: PlacementTable;
  deviation: DeviationTable;
  deviation_advice: DeviationAdviceTable;
  lottery_draw: LotteryDrawTable;
  municipality: MunicipalityTable;
  desk: DeskTable;
  desk_municipality: DeskMunicipalityTable;
  organiser: OrganiserTable;
  location: LocationTable;
  family: FamilyTable;
  guardian: GuardianTable;
  child: ChildTable;
  request: RequestTable;
  request_location: RequestLocationTable;
  request_event: RequestEventTable;
  consent: ConsentTable;
  duplicate_candidate: DuplicateCandidateTable;
  child_merge: ChildMergeTable;
  app_user: AppUserTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  api_client: ApiClientTable;
  api_access_token: ApiAccessTokenTable;
  event: EventTable;
  webhook: WebhookTable;
}
