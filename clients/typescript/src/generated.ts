// Generated from the Nabij OpenAPI document by `npm run client:generate`. Do not edit: change the routes and generate again.
import type { Transport } from './runtime.ts';

export interface GetAuditQuery {
  /** Identifier (uuid, lower case) */
  personId?: string;
  /** Identifier (uuid, lower case) */
  actorId?: string;
  action?: string;
  /** Calendar date, YYYY-MM-DD */
  from?: string;
  /** Calendar date, YYYY-MM-DD */
  to?: string;
  limit?: number;
  offset?: number;
}

export type GetAuditResponse = unknown;

export interface GetAuditInput {
  query?: GetAuditQuery;
  headers?: Record<string, string>;
}

export interface GetChildrenByIdParams {
  id: string;
}

export type GetChildrenByIdResponse = unknown;

export interface GetChildrenByIdInput {
  params: GetChildrenByIdParams;
  headers?: Record<string, string>;
}

export interface PostChildrenByIdBirthParams {
  id: string;
}

export type PostChildrenByIdBirthBody = {
  /** Calendar date, YYYY-MM-DD */
  birthDate: string;
  insz?: string;
  givenName?: string;
};

export type PostChildrenByIdBirthResponse = unknown;

export interface PostChildrenByIdBirthInput {
  params: PostChildrenByIdBirthParams;
  body: PostChildrenByIdBirthBody;
  headers?: Record<string, string>;
}

export interface GetConcernsQuery {
  status?: ("open" | "closed");
}

export type GetConcernsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  topic: string;
  status: string;
  /** Instant, ISO 8601 (UTC) */
  createdAt: string;
  closedAt: (null | string);
  author: (null | string);
  mine: boolean;
}>;

export interface GetConcernsInput {
  query?: GetConcernsQuery;
  headers?: Record<string, string>;
}

export type PostConcernsBody = {
  /** Identifier (uuid, lower case) */
  familyId: string;
  /** Identifier (uuid, lower case) */
  childId?: string;
  topic: ("development" | "wellbeing" | "health" | "family_situation" | "other");
  /** What was noticed, in a few sentences */
  observation: string;
  /** What the author asks of the others */
  question?: string;
  consent: {
    /** Identifier (uuid, lower case) */
    givenByGuardianId: string;
    purpose: string;
    /** Calendar date, YYYY-MM-DD */
    validUntil: string;
    /** The people the concern is shared with */
    recipientUserIds: Array<string>;
  };
};

export type PostConcernsResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** Identifier (uuid, lower case) */
  familyId: string;
  topic: string;
  observation: string;
  question: (null | string);
  status: string;
  /** Instant, ISO 8601 (UTC) */
  createdAt: string;
  closedAt: (null | string);
  author: (null | string);
  child: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  guardians: Array<string>;
  sharedWith: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  }>;
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt: (null | string);
  };
};

export interface PostConcernsInput {
  body: PostConcernsBody;
  headers?: Record<string, string>;
}

export interface GetConcernsByIdParams {
  id: string;
}

export type GetConcernsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** Identifier (uuid, lower case) */
  familyId: string;
  topic: string;
  observation: string;
  question: (null | string);
  status: string;
  /** Instant, ISO 8601 (UTC) */
  createdAt: string;
  closedAt: (null | string);
  author: (null | string);
  child: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  guardians: Array<string>;
  sharedWith: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  }>;
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt: (null | string);
  };
};

export interface GetConcernsByIdInput {
  params: GetConcernsByIdParams;
  headers?: Record<string, string>;
}

export interface PostConcernsByIdCloseParams {
  id: string;
}

export type PostConcernsByIdCloseResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  status: "closed";
  /** Instant, ISO 8601 (UTC) */
  closedAt: string;
};

export interface PostConcernsByIdCloseInput {
  params: PostConcernsByIdCloseParams;
  headers?: Record<string, string>;
}

export interface PostConsentsByIdWithdrawParams {
  id: string;
}

export type PostConsentsByIdWithdrawResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** Instant, ISO 8601 (UTC) */
  withdrawnAt: string;
};

export interface PostConsentsByIdWithdrawInput {
  params: PostConsentsByIdWithdrawParams;
  headers?: Record<string, string>;
}

export type GetDesksResponse = unknown;

export interface GetDesksInput {
  headers?: Record<string, string>;
}

export interface PutDesksByIdSettingsParams {
  id: string;
}

export type PutDesksByIdSettingsBody = {
  /** Days a family has to answer an offer */
  offerDeadlineDays?: number;
  /** Days a provider has to respond to a new request */
  responseDays?: number;
  noPlaceWarningMonths?: number;
  maxLocations?: (number | null);
};

export type PutDesksByIdSettingsResponse = unknown;

export interface PutDesksByIdSettingsInput {
  params: PutDesksByIdSettingsParams;
  body: PutDesksByIdSettingsBody;
  headers?: Record<string, string>;
}

export interface GetDeviationAdviceByIdLetterPdfParams {
  id: string;
}

export type GetDeviationAdviceByIdLetterPdfResponse = unknown;

export interface GetDeviationAdviceByIdLetterPdfInput {
  params: GetDeviationAdviceByIdLetterPdfParams;
  headers?: Record<string, string>;
}

export interface GetDeviationsReportQuery {
  year: number;
}

export type GetDeviationsReportResponse = unknown;

export interface GetDeviationsReportInput {
  query: GetDeviationsReportQuery;
  headers?: Record<string, string>;
}

export interface GetDuplicatesQuery {
  status?: ("open" | "merged" | "not_duplicate");
}

export type GetDuplicatesResponse = unknown;

export interface GetDuplicatesInput {
  query?: GetDuplicatesQuery;
  headers?: Record<string, string>;
}

export interface PostDuplicatesByIdDismissParams {
  id: string;
}

export type PostDuplicatesByIdDismissResponse = unknown;

export interface PostDuplicatesByIdDismissInput {
  params: PostDuplicatesByIdDismissParams;
  headers?: Record<string, string>;
}

export interface PostDuplicatesByIdMergeParams {
  id: string;
}

export type PostDuplicatesByIdMergeBody = {
  /** Identifier (uuid, lower case) */
  survivingChildId: string;
};

export type PostDuplicatesByIdMergeResponse = unknown;

export interface PostDuplicatesByIdMergeInput {
  params: PostDuplicatesByIdMergeParams;
  body: PostDuplicatesByIdMergeBody;
  headers?: Record<string, string>;
}

export interface ReadEventsQuery {
  /** The cursor from the previous page (`next`); leave out to start at the beginning */
  after?: string;
  /** Events per page (default 100) */
  limit?: number;
}

export type ReadEventsResponse = {
  events: Array<{
    specversion: "1.0";
    id: string;
    source: string;
    /** be.nabij.request.registered, be.nabij.offer.accepted, … */
    type: string;
    subject: string;
    time: string;
    datacontenttype: "application/json";
    /** Feed position of this event */
    nabijposition: string;
    data: {
      [key: string]: unknown;
    };
  }>;
  /** The cursor to send as `after` next time */
  next: string;
  /** The page was full: ask again at once */
  more: boolean;
};

export interface ReadEventsInput {
  query?: ReadEventsQuery;
  headers?: Record<string, string>;
}

export interface ExportCandidatesParams {
  id: string;
}

export interface ExportCandidatesQuery {
  format?: ("csv" | "xlsx");
  /** Calendar date, YYYY-MM-DD */
  start: string;
  /** Free weekdays, e.g. 1,2,4 */
  weekdays?: string;
  weekday?: number;
  startMonth?: string;
  minAgeMonths?: number;
  maxAgeMonths?: number;
}

export type ExportCandidatesResponse = unknown;

export interface ExportCandidatesInput {
  params: ExportCandidatesParams;
  query: ExportCandidatesQuery;
  headers?: Record<string, string>;
}

export interface ExportPlacementsQuery {
  format?: ("csv" | "xlsx");
  /** Identifier (uuid, lower case) */
  locationId?: string;
  /** Calendar date, YYYY-MM-DD */
  activeOn?: string;
}

export type ExportPlacementsResponse = unknown;

export interface ExportPlacementsInput {
  query?: ExportPlacementsQuery;
  headers?: Record<string, string>;
}

export interface ExportRequestsQuery {
  format?: ("csv" | "xlsx");
  status?: ("open" | "all" | "registered" | "active" | "offered" | "placed" | "withdrawn" | "lapsed" | "found_elsewhere" | "unknown_outcome");
  /** Identifier (uuid, lower case) */
  locationId?: string;
}

export type ExportRequestsResponse = unknown;

export interface ExportRequestsInput {
  query?: ExportRequestsQuery;
  headers?: Record<string, string>;
}

export interface GetFamiliesByIdConsentsParams {
  id: string;
}

export type GetFamiliesByIdConsentsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  subject: string;
  purpose: string;
  dataCategories: Array<string>;
  recipientOrganization: (null | {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  });
  recipientUserIds: Array<string>;
  /** Instant, ISO 8601 (UTC) */
  grantedAt: string;
  validUntil: (null | string);
  withdrawnAt: (null | string);
  state: ("valid" | "withdrawn" | "expired");
}>;

export interface GetFamiliesByIdConsentsInput {
  params: GetFamiliesByIdConsentsParams;
  headers?: Record<string, string>;
}

export interface PostFamiliesByIdErasureParams {
  id: string;
}

export type PostFamiliesByIdErasureBody = {
  reason: string;
};

export type PostFamiliesByIdErasureResponse = unknown;

export interface PostFamiliesByIdErasureInput {
  params: PostFamiliesByIdErasureParams;
  body: PostFamiliesByIdErasureBody;
  headers?: Record<string, string>;
}

export interface GetFamiliesByIdExportJsonParams {
  id: string;
}

export type GetFamiliesByIdExportJsonResponse = unknown;

export interface GetFamiliesByIdExportJsonInput {
  params: GetFamiliesByIdExportJsonParams;
  headers?: Record<string, string>;
}

export interface GetFamiliesByIdExportPdfParams {
  id: string;
}

export type GetFamiliesByIdExportPdfResponse = unknown;

export interface GetFamiliesByIdExportPdfInput {
  params: GetFamiliesByIdExportPdfParams;
  headers?: Record<string, string>;
}

export interface GetFamiliesByIdFactsParams {
  id: string;
}

export type GetFamiliesByIdFactsResponse = unknown;

export interface GetFamiliesByIdFactsInput {
  params: GetFamiliesByIdFactsParams;
  headers?: Record<string, string>;
}

export interface PostFamiliesByIdFactsParams {
  id: string;
}

export type PostFamiliesByIdFactsBody = {
  guardians: Array<{
    activities: Array<{
      kind: ("employed" | "self_employed" | "job_seeking" | "vocational_training" | "training_intensive" | "integration" | "qualifying_course" | "dutch_course");
      /** Part of a full-time week: 0.8 = 4/5 */
      fraction: number;
    }>;
  }>;
  singleParent: boolean;
  lowIncome: boolean;
  fosterChild: boolean;
  healthOrCareSituation: boolean;
  noSecondaryDiploma: boolean;
  dutchSpeaking?: boolean;
  siblings: Array<{
    /** Identifier (uuid, lower case) */
    locationId: string;
    /** Calendar date, YYYY-MM-DD */
    from: string;
    to: (string | null);
  }>;
  sources?: {
    [key: string]: unknown;
  };
  /** Calendar date, YYYY-MM-DD */
  declaredOn?: string;
};

export type PostFamiliesByIdFactsResponse = unknown;

export interface PostFamiliesByIdFactsInput {
  params: PostFamiliesByIdFactsParams;
  body: PostFamiliesByIdFactsBody;
  headers?: Record<string, string>;
}

export type PostFollowUpLettersPdfResponse = unknown;

export interface PostFollowUpLettersPdfInput {
  headers?: Record<string, string>;
}

export type GetFollowUpNoPlaceYetResponse = unknown;

export interface GetFollowUpNoPlaceYetInput {
  headers?: Record<string, string>;
}

export type GetFollowUpNoPlaceYetCsvResponse = unknown;

export interface GetFollowUpNoPlaceYetCsvInput {
  headers?: Record<string, string>;
}

export type GetFollowUpOverdueResponsesResponse = unknown;

export interface GetFollowUpOverdueResponsesInput {
  headers?: Record<string, string>;
}

export type GetFollowUpOverdueResponsesCsvResponse = unknown;

export interface GetFollowUpOverdueResponsesCsvInput {
  headers?: Record<string, string>;
}

export interface ListImportsQuery {
  /** Identifier (uuid, lower case) */
  deskId?: string;
  limit?: number;
}

export type ListImportsResponse = unknown;

export interface ListImportsInput {
  query?: ListImportsQuery;
  headers?: Record<string, string>;
}

export interface CommitImportQuery {
  /** Identifier (uuid, lower case) */
  deskId?: string;
  fileName?: string;
  format?: ("csv" | "xlsx");
  /** field=Column pairs separated by semicolons, e.g. child.dueDate=Verwacht;locations=Voorkeur */
  mapping?: string;
  /** Commit only: answer 202 with the batch id at once and import in the background */
  background?: boolean;
}

export type CommitImportBody = {
  fileName?: string;
  /** The .xlsx or .csv file, base64-encoded */
  contentBase64: string;
  /** Detected from the bytes when left out */
  format?: ("csv" | "xlsx");
  /** Identifier (uuid, lower case) */
  deskId?: string;
  /** Field → column header (or 1-based column number), on top of the mapping found from the headers; see docs/import.md */
  mapping?: {
    [key: string]: unknown;
  };
};

export type CommitImportResponse = unknown;

export interface CommitImportInput {
  query?: CommitImportQuery;
  body: CommitImportBody;
  headers?: Record<string, string>;
}

export interface PreviewImportQuery {
  /** Identifier (uuid, lower case) */
  deskId?: string;
  fileName?: string;
  format?: ("csv" | "xlsx");
  /** field=Column pairs separated by semicolons, e.g. child.dueDate=Verwacht;locations=Voorkeur */
  mapping?: string;
  /** Commit only: answer 202 with the batch id at once and import in the background */
  background?: boolean;
}

export type PreviewImportBody = {
  fileName?: string;
  /** The .xlsx or .csv file, base64-encoded */
  contentBase64: string;
  /** Detected from the bytes when left out */
  format?: ("csv" | "xlsx");
  /** Identifier (uuid, lower case) */
  deskId?: string;
  /** Field → column header (or 1-based column number), on top of the mapping found from the headers; see docs/import.md */
  mapping?: {
    [key: string]: unknown;
  };
};

export type PreviewImportResponse = unknown;

export interface PreviewImportInput {
  query?: PreviewImportQuery;
  body: PreviewImportBody;
  headers?: Record<string, string>;
}

export interface GetImportProgressParams {
  id: string;
}

export type GetImportProgressResponse = unknown;

export interface GetImportProgressInput {
  params: GetImportProgressParams;
  headers?: Record<string, string>;
}

export interface GetImportReportParams {
  id: string;
}

export type GetImportReportResponse = unknown;

export interface GetImportReportInput {
  params: GetImportReportParams;
  headers?: Record<string, string>;
}

export type PublishCapacityBody = {
  items: Array<{
    /** Identifier (uuid, lower case) */
    locationId?: string;
    /** Opgroeien location id, instead of locationId */
    opgroeienId?: string;
    /** Calendar date, YYYY-MM-DD */
    validFrom: string;
    /** Open (staffed) seats Monday to Friday */
    openSeats: Array<number>;
    note?: string;
  }>;
};

export type PublishCapacityResponse = {
  stored: number;
  locations?: number;
};

export interface PublishCapacityInput {
  body: PublishCapacityBody;
  headers?: Record<string, string>;
}

export type ListClientsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  /** The client_id for the token endpoint (same as id) */
  clientId: string;
  /** Identifier (uuid, lower case) */
  organiserId: string;
  name: string;
  createdAt: string;
  rotatedAt: (string | null);
  revokedAt: (string | null);
}>;

export interface ListClientsInput {
  headers?: Record<string, string>;
}

export type CreateClientBody = {
  /** For example the name of the provider software */
  name: string;
  /** Identifier (uuid, lower case) */
  organiserId?: string;
};

export type CreateClientResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** The client_id for the token endpoint (same as id) */
  clientId: string;
  /** Identifier (uuid, lower case) */
  organiserId: string;
  name: string;
  createdAt: string;
  rotatedAt: (string | null);
  revokedAt: (string | null);
  /** Shown once: store it now */
  clientSecret: string;
};

export interface CreateClientInput {
  body: CreateClientBody;
  headers?: Record<string, string>;
}

export interface RevokeClientParams {
  id: string;
}

export type RevokeClientResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** The client_id for the token endpoint (same as id) */
  clientId: string;
  /** Identifier (uuid, lower case) */
  organiserId: string;
  name: string;
  createdAt: string;
  rotatedAt: (string | null);
  revokedAt: (string | null);
};

export interface RevokeClientInput {
  params: RevokeClientParams;
  headers?: Record<string, string>;
}

export interface RotateClientParams {
  id: string;
}

export type RotateClientResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** The client_id for the token endpoint (same as id) */
  clientId: string;
  /** Identifier (uuid, lower case) */
  organiserId: string;
  name: string;
  createdAt: string;
  rotatedAt: (string | null);
  revokedAt: (string | null);
  /** Shown once: store it now */
  clientSecret: string;
};

export interface RotateClientInput {
  params: RotateClientParams;
  headers?: Record<string, string>;
}

export interface RemoveWebhookParams {
  id: string;
}

export type RemoveWebhookResponse = unknown;

export interface RemoveWebhookInput {
  params: RemoveWebhookParams;
  headers?: Record<string, string>;
}

export interface GetWebhookParams {
  id: string;
}

export type GetWebhookResponse = {
  /** Identifier (uuid, lower case) */
  clientId: string;
  url: string;
  deliveredCursor: string;
  failures: number;
  nextAttemptAt: string;
  status: ("active" | "disabled");
  disabledAt: (string | null);
  lastError: (string | null);
};

export interface GetWebhookInput {
  params: GetWebhookParams;
  headers?: Record<string, string>;
}

export interface SetWebhookParams {
  id: string;
}

export type SetWebhookBody = {
  /** Where events are POSTed (one CloudEvent per request) */
  url: string;
  /** Issue a new signing secret */
  rotateSecret?: boolean;
  /** For a new webhook: deliver events from now on (default) or the whole feed */
  from?: ("now" | "start");
};

export type SetWebhookResponse = {
  /** Identifier (uuid, lower case) */
  clientId: string;
  url: string;
  deliveredCursor: string;
  failures: number;
  nextAttemptAt: string;
  status: ("active" | "disabled");
  disabledAt: (string | null);
  lastError: (string | null);
  /** The signing secret, only when new or rotated */
  secret: (string | null);
};

export interface SetWebhookInput {
  params: SetWebhookParams;
  body: SetWebhookBody;
  headers?: Record<string, string>;
}

export interface ListLocationRequestsParams {
  id: string;
}

export interface ListLocationRequestsQuery {
  status?: ("open" | "all");
  limit?: number;
  offset?: number;
}

export type ListLocationRequestsResponse = unknown;

export interface ListLocationRequestsInput {
  params: ListLocationRequestsParams;
  query?: ListLocationRequestsQuery;
  headers?: Record<string, string>;
}

export interface ListPlacementsQuery {
  /** Identifier (uuid, lower case) */
  locationId?: string;
  /** Calendar date, YYYY-MM-DD */
  activeOn?: string;
  limit?: number;
  offset?: number;
}

export type ListPlacementsResponse = unknown;

export interface ListPlacementsInput {
  query?: ListPlacementsQuery;
  headers?: Record<string, string>;
}

export type ReportPlacementsBody = {
  items: Array<{
    /** Identifier (uuid, lower case) */
    placementId: string;
    /** Calendar date, YYYY-MM-DD */
    start?: string;
    /** Calendar date, YYYY-MM-DD */
    end?: string;
    /** Calendar date, YYYY-MM-DD */
    departedOn?: string;
    reason?: string;
  }>;
};

export type ReportPlacementsResponse = {
  stored: number;
  locations?: number;
};

export interface ReportPlacementsInput {
  body: ReportPlacementsBody;
  headers?: Record<string, string>;
}

export interface GetLocationsQuery {
  municipalityNis?: string;
  /** Identifier (uuid, lower case) */
  organiserId?: string;
  type?: ("group" | "family" | "kleuteropvang");
  subsidyStep?: ("T0" | "T1" | "T2" | "T3");
}

export type GetLocationsResponse = unknown;

export interface GetLocationsInput {
  query?: GetLocationsQuery;
  headers?: Record<string, string>;
}

export type PostLocationsBody = {
  /** Identifier (uuid, lower case) */
  organiserId: string;
  name: string;
  street: string;
  postalCode: string;
  /** NIS code of the municipality */
  municipalityNis: string;
  type: ("group" | "family" | "kleuteropvang");
  subsidyStep: ("T0" | "T1" | "T2" | "T3");
  licensedCapacity: number;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  openingWeekdays?: Array<number>;
  /** Opgroeien location id */
  opgroeienId?: string;
};

export type PostLocationsResponse = unknown;

export interface PostLocationsInput {
  body: PostLocationsBody;
  headers?: Record<string, string>;
}

export interface GetLocationsByIdParams {
  id: string;
}

export type GetLocationsByIdResponse = unknown;

export interface GetLocationsByIdInput {
  params: GetLocationsByIdParams;
  headers?: Record<string, string>;
}

export interface GetLocationsByIdCandidatesParams {
  id: string;
}

export interface GetLocationsByIdCandidatesQuery {
  /** Calendar date, YYYY-MM-DD */
  start: string;
  /** Free weekdays, e.g. 1,2,4 */
  weekdays?: string;
  weekday?: number;
  startMonth?: string;
  minAgeMonths?: number;
  maxAgeMonths?: number;
  seed?: string;
}

export type GetLocationsByIdCandidatesResponse = unknown;

export interface GetLocationsByIdCandidatesInput {
  params: GetLocationsByIdCandidatesParams;
  query: GetLocationsByIdCandidatesQuery;
  headers?: Record<string, string>;
}

export interface PutLocationsByIdCapacityParams {
  id: string;
}

export type PutLocationsByIdCapacityBody = {
  /** Calendar date, YYYY-MM-DD */
  validFrom: string;
  /** Open (staffed) seats Monday to Friday */
  openSeats: Array<number>;
  note?: string;
};

export type PutLocationsByIdCapacityResponse = unknown;

export interface PutLocationsByIdCapacityInput {
  params: PutLocationsByIdCapacityParams;
  body: PutLocationsByIdCapacityBody;
  headers?: Record<string, string>;
}

export interface PostLocationsByIdDeviationsParams {
  id: string;
}

export type PostLocationsByIdDeviationsBody = {
  /** Identifier (uuid, lower case) */
  requestId: string;
  /** Advice given earlier by a desk or partner; otherwise give the advice fields */
  adviceId?: string;
  adviserOrganisation?: string;
  /** One of the rule set’s deviationAdvisers, e.g. ocmw, caw, kind_en_gezin */
  adviserType?: string;
  /** Calendar date, YYYY-MM-DD */
  adviceDate?: string;
  ground?: ("child_interest" | "health_or_welfare");
  note?: string;
};

export type PostLocationsByIdDeviationsResponse = unknown;

export interface PostLocationsByIdDeviationsInput {
  params: PostLocationsByIdDeviationsParams;
  body: PostLocationsByIdDeviationsBody;
  headers?: Record<string, string>;
}

export interface GetLocationsByIdFreeSeatsParams {
  id: string;
}

export interface GetLocationsByIdFreeSeatsQuery {
  /** Calendar date, YYYY-MM-DD */
  from: string;
  /** Calendar date, YYYY-MM-DD */
  to: string;
}

export type GetLocationsByIdFreeSeatsResponse = unknown;

export interface GetLocationsByIdFreeSeatsInput {
  params: GetLocationsByIdFreeSeatsParams;
  query: GetLocationsByIdFreeSeatsQuery;
  headers?: Record<string, string>;
}

export interface GetLocationsByIdOccupancyParams {
  id: string;
}

export interface GetLocationsByIdOccupancyQuery {
  months?: number;
}

export type GetLocationsByIdOccupancyResponse = unknown;

export interface GetLocationsByIdOccupancyInput {
  params: GetLocationsByIdOccupancyParams;
  query?: GetLocationsByIdOccupancyQuery;
  headers?: Record<string, string>;
}

export interface PutLocationsByIdRuleSettingsParams {
  id: string;
}

export type PutLocationsByIdRuleSettingsBody = {
  groupOrder?: (Array<string> | null);
  tieBreak?: (({
    policy: "registration_order";
  } | {
    policy: "batch_window";
    monthsBeforeStart: number;
  } | {
    policy: "lottery";
  }) | null);
};

export type PutLocationsByIdRuleSettingsResponse = unknown;

export interface PutLocationsByIdRuleSettingsInput {
  params: PutLocationsByIdRuleSettingsParams;
  body: PutLocationsByIdRuleSettingsBody;
  headers?: Record<string, string>;
}

export interface GetLocationsByIdWhatIfParams {
  id: string;
}

export interface GetLocationsByIdWhatIfQuery {
  /** Identifier (uuid, lower case) */
  requestId: string;
  /** Calendar date, YYYY-MM-DD */
  start: string;
}

export type GetLocationsByIdWhatIfResponse = unknown;

export interface GetLocationsByIdWhatIfInput {
  params: GetLocationsByIdWhatIfParams;
  query: GetLocationsByIdWhatIfQuery;
  headers?: Record<string, string>;
}

export type GetMatchingRoundsResponse = unknown;

export interface GetMatchingRoundsInput {
  headers?: Record<string, string>;
}

export type PostMatchingRoundsBody = {
  /** Calendar date, YYYY-MM-DD */
  periodStart: string;
  mode?: ("da" | "optimal");
  seed?: number;
  timeLimitSeconds?: number;
};

export type PostMatchingRoundsResponse = unknown;

export interface PostMatchingRoundsInput {
  body: PostMatchingRoundsBody;
  headers?: Record<string, string>;
}

export interface GetMatchingRoundsByIdParams {
  id: string;
}

export type GetMatchingRoundsByIdResponse = unknown;

export interface GetMatchingRoundsByIdInput {
  params: GetMatchingRoundsByIdParams;
  headers?: Record<string, string>;
}

export interface PostMatchingRoundsByIdReproduceParams {
  id: string;
}

export type PostMatchingRoundsByIdReproduceResponse = unknown;

export interface PostMatchingRoundsByIdReproduceInput {
  params: PostMatchingRoundsByIdReproduceParams;
  headers?: Record<string, string>;
}

export type GetMeResponse = unknown;

export interface GetMeInput {
  headers?: Record<string, string>;
}

export type GetMunicipalitiesResponse = unknown;

export interface GetMunicipalitiesInput {
  headers?: Record<string, string>;
}

export type CreateTokenBody = {
  /** Always client_credentials */
  grant_type?: string;
  /** Or send it with HTTP Basic */
  client_id?: string;
  /** Or send it with HTTP Basic */
  client_secret?: string;
  /** Ignored: a client always acts for its own organiser */
  scope?: string;
};

export type CreateTokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
};

export interface CreateTokenInput {
  body: CreateTokenBody;
  headers?: Record<string, string>;
}

export type PostOffersBody = {
  /** Identifier (uuid, lower case) */
  requestId: string;
  /** Identifier (uuid, lower case) */
  locationId: string;
  /** Calendar date, YYYY-MM-DD */
  start: string;
  careDays?: Array<{
    /** 1 = Monday … 5 = Friday */
    weekday: number;
    part: ("full" | "morning" | "afternoon");
    from?: string;
    to?: string;
  }>;
  /** Identifier (uuid, lower case) */
  roundProposalId?: string;
};

export type PostOffersResponse = unknown;

export interface PostOffersInput {
  body: PostOffersBody;
  headers?: Record<string, string>;
}

export interface PostOffersByIdAnswerParams {
  id: string;
}

export type PostOffersByIdAnswerBody = {
  answer: ("accept" | "accept_keep_waiting" | "decline");
};

export type PostOffersByIdAnswerResponse = unknown;

export interface PostOffersByIdAnswerInput {
  params: PostOffersByIdAnswerParams;
  body: PostOffersByIdAnswerBody;
  headers?: Record<string, string>;
}

export type GetOrganisersResponse = unknown;

export interface GetOrganisersInput {
  headers?: Record<string, string>;
}

export type PostOrganisersBody = {
  /** KBO enterprise number, e.g. 0123.456.749 */
  kbo: string;
  name: string;
};

export type PostOrganisersResponse = unknown;

export interface PostOrganisersInput {
  body: PostOrganisersBody;
  headers?: Record<string, string>;
}

export interface GetOrganisersByIdParams {
  id: string;
}

export type GetOrganisersByIdResponse = unknown;

export interface GetOrganisersByIdInput {
  params: GetOrganisersByIdParams;
  headers?: Record<string, string>;
}

export type GetPilotsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}>;

export interface GetPilotsInput {
  headers?: Record<string, string>;
}

export type PostPilotsBody = {
  name: string;
  /** Calendar date, YYYY-MM-DD */
  startDate: string;
  /** Calendar date, YYYY-MM-DD */
  endDate: string;
  /** The pilot’s area */
  municipalities: Array<string>;
  partners: Array<{
    role: ("huis_van_het_kind" | "childcare_location" | "organiser" | "lokaal_loket" | "diagnostics" | "other");
    /** Identifier (uuid, lower case) */
    locationId?: string;
    /** Identifier (uuid, lower case) */
    organiserId?: string;
    /** Identifier (uuid, lower case) */
    deskId?: string;
    /** Identifier (uuid, lower case) */
    organizationId?: string;
    name?: string;
    /** A kleuteropvang holds a quality label */
    qualityLabel?: boolean;
  }>;
};

export type PostPilotsResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  municipalities: Array<{
    nisCode: string;
    name: string;
  }>;
  partners: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    role: string;
    name: (null | string);
    locationId: (null | string);
    organiserId: (null | string);
    deskId: (null | string);
    organizationId: (null | string);
    qualityLabel: boolean;
  }>;
  conditions: Array<{
    code: string;
    met: boolean;
    nl: string;
    en: string;
  }>;
};

export interface PostPilotsInput {
  body: PostPilotsBody;
  headers?: Record<string, string>;
}

export type PostPilotsCheckBody = {
  name: string;
  /** Calendar date, YYYY-MM-DD */
  startDate: string;
  /** Calendar date, YYYY-MM-DD */
  endDate: string;
  /** The pilot’s area */
  municipalities: Array<string>;
  partners: Array<{
    role: ("huis_van_het_kind" | "childcare_location" | "organiser" | "lokaal_loket" | "diagnostics" | "other");
    /** Identifier (uuid, lower case) */
    locationId?: string;
    /** Identifier (uuid, lower case) */
    organiserId?: string;
    /** Identifier (uuid, lower case) */
    deskId?: string;
    /** Identifier (uuid, lower case) */
    organizationId?: string;
    name?: string;
    /** A kleuteropvang holds a quality label */
    qualityLabel?: boolean;
  }>;
};

export type PostPilotsCheckResponse = {
  ok: boolean;
  conditions: Array<{
    code: string;
    met: boolean;
    nl: string;
    en: string;
  }>;
};

export interface PostPilotsCheckInput {
  body: PostPilotsCheckBody;
  headers?: Record<string, string>;
}

export interface GetPilotsByIdParams {
  id: string;
}

export type GetPilotsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  municipalities: Array<{
    nisCode: string;
    name: string;
  }>;
  partners: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    role: string;
    name: (null | string);
    locationId: (null | string);
    organiserId: (null | string);
    deskId: (null | string);
    organizationId: (null | string);
    qualityLabel: boolean;
  }>;
  conditions: Array<{
    code: string;
    met: boolean;
    nl: string;
    en: string;
  }>;
};

export interface GetPilotsByIdInput {
  params: GetPilotsByIdParams;
  headers?: Record<string, string>;
}

export interface PutPilotsByIdParams {
  id: string;
}

export type PutPilotsByIdBody = {
  name: string;
  /** Calendar date, YYYY-MM-DD */
  startDate: string;
  /** Calendar date, YYYY-MM-DD */
  endDate: string;
  /** The pilot’s area */
  municipalities: Array<string>;
  partners: Array<{
    role: ("huis_van_het_kind" | "childcare_location" | "organiser" | "lokaal_loket" | "diagnostics" | "other");
    /** Identifier (uuid, lower case) */
    locationId?: string;
    /** Identifier (uuid, lower case) */
    organiserId?: string;
    /** Identifier (uuid, lower case) */
    deskId?: string;
    /** Identifier (uuid, lower case) */
    organizationId?: string;
    name?: string;
    /** A kleuteropvang holds a quality label */
    qualityLabel?: boolean;
  }>;
};

export type PutPilotsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  municipalities: Array<{
    nisCode: string;
    name: string;
  }>;
  partners: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    role: string;
    name: (null | string);
    locationId: (null | string);
    organiserId: (null | string);
    deskId: (null | string);
    organizationId: (null | string);
    qualityLabel: boolean;
  }>;
  conditions: Array<{
    code: string;
    met: boolean;
    nl: string;
    en: string;
  }>;
};

export interface PutPilotsByIdInput {
  params: PutPilotsByIdParams;
  body: PutPilotsByIdBody;
  headers?: Record<string, string>;
}

export interface GetPilotsByIdIndicatorsParams {
  id: string;
}

export type GetPilotsByIdIndicatorsResponse = {
  /** Identifier (uuid, lower case) */
  pilotId: string;
  name: string;
  startDate: string;
  endDate: string;
  quarters: Array<{
    /** e.g. 2025-Q1 */
    quarter: string;
    from: string;
    to: string;
    referralsMade: number;
    /** Of the referrals made in the quarter, those the partner received */
    referralsAccepted: number;
    medianDaysToFirstContact: (null | number);
    /** Families with a first contact in the quarter */
    familiesReached: number;
    familiesReachedVulnerable: number;
    /** Referrals made by childcare staff */
    childcareReferrals: number;
    concernsShared: number;
  }>;
};

export interface GetPilotsByIdIndicatorsInput {
  params: GetPilotsByIdIndicatorsParams;
  headers?: Record<string, string>;
}

export interface GetPilotsByIdIndicatorsCsvParams {
  id: string;
}

export type GetPilotsByIdIndicatorsCsvResponse = unknown;

export interface GetPilotsByIdIndicatorsCsvInput {
  params: GetPilotsByIdIndicatorsCsvParams;
  headers?: Record<string, string>;
}

export interface GetPracticesQuery {
  q?: string;
  /** NIS code of the municipality */
  municipalityNis?: string;
  limit?: number;
  offset?: number;
}

export type GetPracticesResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  title: string;
  problem: string;
  whatWorked: string;
  tips: (null | string);
  municipality: {
    nisCode: string;
    name: string;
  };
  author: (null | string);
  /** Instant, ISO 8601 (UTC) */
  createdAt: string;
}>;

export interface GetPracticesInput {
  query?: GetPracticesQuery;
  headers?: Record<string, string>;
}

export type PostPracticesBody = {
  title: string;
  problem: string;
  whatWorked: string;
  tips?: string;
  /** NIS code of the municipality */
  municipalityNis: string;
};

export type PostPracticesResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  title: string;
  problem: string;
  whatWorked: string;
  tips: (null | string);
  municipality: {
    nisCode: string;
    name: string;
  };
  author: (null | string);
  /** Instant, ISO 8601 (UTC) */
  createdAt: string;
};

export interface PostPracticesInput {
  body: PostPracticesBody;
  headers?: Record<string, string>;
}

export type GetJsonLdContextResponse = unknown;

export interface GetJsonLdContextInput {
  headers?: Record<string, string>;
}

export interface GetFreeCapacityJsonLdQuery {
  /** Embed the @context (default) or link to the one Nabij serves */
  context?: ("embed" | "link");
}

export type GetFreeCapacityJsonLdResponse = unknown;

export interface GetFreeCapacityJsonLdInput {
  query?: GetFreeCapacityJsonLdQuery;
  headers?: Record<string, string>;
}

export interface GetLocationsJsonLdQuery {
  /** Embed the @context (default) or link to the one Nabij serves */
  context?: ("embed" | "link");
}

export type GetLocationsJsonLdResponse = unknown;

export interface GetLocationsJsonLdInput {
  query?: GetLocationsJsonLdQuery;
  headers?: Record<string, string>;
}

export interface GetOrganisersJsonLdQuery {
  /** Embed the @context (default) or link to the one Nabij serves */
  context?: ("embed" | "link");
}

export type GetOrganisersJsonLdResponse = unknown;

export interface GetOrganisersJsonLdInput {
  query?: GetOrganisersJsonLdQuery;
  headers?: Record<string, string>;
}

export interface GetReferralsQuery {
  box?: ("sent" | "received");
  status?: ("sent" | "received" | "contact_made" | "support_started" | "closed" | "declined");
  limit?: number;
  offset?: number;
}

export type GetReferralsResponse = Array<{
  view: ("progress" | "receiver");
  /** Identifier (uuid, lower case) */
  id: string;
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  status: ("sent" | "received" | "contact_made" | "support_started" | "closed" | "declined");
  /** Instant, ISO 8601 (UTC) */
  sentAt: string;
  receivedAt: (null | string);
  contactMadeAt: (null | string);
  supportStartedAt: (null | string);
  closedAt: (null | string);
  declinedAt: (null | string);
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt?: (null | string);
    purpose?: string;
    dataCategories?: Array<string>;
  };
  outcome?: (null | string);
  declineReason?: (null | string);
  need?: (null | string);
  question?: (null | string);
  referrer?: {
    name: (null | string);
    email: (null | string);
    role: string;
  };
  family?: (null | {
    street: (null | string);
    postalCode: (null | string);
    municipality: (null | string);
    guardians: Array<{
      givenName: string;
      familyName: string;
      email: (null | string);
      phone: (null | string);
      preferredLanguage: string;
    }>;
  });
  child?: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  notes?: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    text: string;
    author: (null | string);
    /** Instant, ISO 8601 (UTC) */
    at: string;
  }>;
}>;

export interface GetReferralsInput {
  query?: GetReferralsQuery;
  headers?: Record<string, string>;
}

export type PostReferralsBody = {
  /** Identifier (uuid, lower case) */
  familyId: string;
  /** Identifier (uuid, lower case) */
  childId?: string;
  /** Identifier (uuid, lower case) */
  serviceId: string;
  need?: string;
  /** Why the family is referred; shared only with the situation category */
  question: string;
  consent: {
    /** Identifier (uuid, lower case) */
    givenByGuardianId: string;
    /** What the data is shared for, in words the family understands */
    purpose: string;
    /** contact: the parents’ contact data; child: the child’s name and birth date; situation: the referrer’s description */
    dataCategories: Array<("contact" | "child" | "situation")>;
    /** Calendar date, YYYY-MM-DD */
    validUntil: string;
  };
};

export type PostReferralsResponse = {
  view: ("progress" | "receiver");
  /** Identifier (uuid, lower case) */
  id: string;
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  status: ("sent" | "received" | "contact_made" | "support_started" | "closed" | "declined");
  /** Instant, ISO 8601 (UTC) */
  sentAt: string;
  receivedAt: (null | string);
  contactMadeAt: (null | string);
  supportStartedAt: (null | string);
  closedAt: (null | string);
  declinedAt: (null | string);
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt?: (null | string);
    purpose?: string;
    dataCategories?: Array<string>;
  };
  outcome?: (null | string);
  declineReason?: (null | string);
  need?: (null | string);
  question?: (null | string);
  referrer?: {
    name: (null | string);
    email: (null | string);
    role: string;
  };
  family?: (null | {
    street: (null | string);
    postalCode: (null | string);
    municipality: (null | string);
    guardians: Array<{
      givenName: string;
      familyName: string;
      email: (null | string);
      phone: (null | string);
      preferredLanguage: string;
    }>;
  });
  child?: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  notes?: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    text: string;
    author: (null | string);
    /** Instant, ISO 8601 (UTC) */
    at: string;
  }>;
};

export interface PostReferralsInput {
  body: PostReferralsBody;
  headers?: Record<string, string>;
}

export interface GetReferralsByIdParams {
  id: string;
}

export type GetReferralsByIdResponse = {
  view: ("progress" | "receiver");
  /** Identifier (uuid, lower case) */
  id: string;
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  status: ("sent" | "received" | "contact_made" | "support_started" | "closed" | "declined");
  /** Instant, ISO 8601 (UTC) */
  sentAt: string;
  receivedAt: (null | string);
  contactMadeAt: (null | string);
  supportStartedAt: (null | string);
  closedAt: (null | string);
  declinedAt: (null | string);
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt?: (null | string);
    purpose?: string;
    dataCategories?: Array<string>;
  };
  outcome?: (null | string);
  declineReason?: (null | string);
  need?: (null | string);
  question?: (null | string);
  referrer?: {
    name: (null | string);
    email: (null | string);
    role: string;
  };
  family?: (null | {
    street: (null | string);
    postalCode: (null | string);
    municipality: (null | string);
    guardians: Array<{
      givenName: string;
      familyName: string;
      email: (null | string);
      phone: (null | string);
      preferredLanguage: string;
    }>;
  });
  child?: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  notes?: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    text: string;
    author: (null | string);
    /** Instant, ISO 8601 (UTC) */
    at: string;
  }>;
};

export interface GetReferralsByIdInput {
  params: GetReferralsByIdParams;
  headers?: Record<string, string>;
}

export interface PostReferralsByIdNotesParams {
  id: string;
}

export type PostReferralsByIdNotesBody = {
  text: string;
};

export type PostReferralsByIdNotesResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  /** Instant, ISO 8601 (UTC) */
  at: string;
};

export interface PostReferralsByIdNotesInput {
  params: PostReferralsByIdNotesParams;
  body: PostReferralsByIdNotesBody;
  headers?: Record<string, string>;
}

export interface PostReferralsByIdTransitionsParams {
  id: string;
}

export type PostReferralsByIdTransitionsBody = {
  to: ("received" | "contact_made" | "support_started" | "closed" | "declined");
  outcome?: ("support_completed" | "referred_on" | "family_stopped" | "no_longer_needed" | "not_reached");
  reason?: string;
};

export type PostReferralsByIdTransitionsResponse = {
  view: ("progress" | "receiver");
  /** Identifier (uuid, lower case) */
  id: string;
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  status: ("sent" | "received" | "contact_made" | "support_started" | "closed" | "declined");
  /** Instant, ISO 8601 (UTC) */
  sentAt: string;
  receivedAt: (null | string);
  contactMadeAt: (null | string);
  supportStartedAt: (null | string);
  closedAt: (null | string);
  declinedAt: (null | string);
  consent: {
    /** Identifier (uuid, lower case) */
    id: string;
    validUntil: (null | string);
    withdrawnAt?: (null | string);
    purpose?: string;
    dataCategories?: Array<string>;
  };
  outcome?: (null | string);
  declineReason?: (null | string);
  need?: (null | string);
  question?: (null | string);
  referrer?: {
    name: (null | string);
    email: (null | string);
    role: string;
  };
  family?: (null | {
    street: (null | string);
    postalCode: (null | string);
    municipality: (null | string);
    guardians: Array<{
      givenName: string;
      familyName: string;
      email: (null | string);
      phone: (null | string);
      preferredLanguage: string;
    }>;
  });
  child?: (null | {
    givenName: (null | string);
    familyName: string;
    birthDate: (null | string);
    dueDate: (null | string);
  });
  notes?: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    text: string;
    author: (null | string);
    /** Instant, ISO 8601 (UTC) */
    at: string;
  }>;
};

export interface PostReferralsByIdTransitionsInput {
  params: PostReferralsByIdTransitionsParams;
  body: PostReferralsByIdTransitionsBody;
  headers?: Record<string, string>;
}

export interface GetReportsDashboardQuery {
  /** Identifier (uuid, lower case) */
  deskId?: string;
}

export type GetReportsDashboardResponse = unknown;

export interface GetReportsDashboardInput {
  query?: GetReportsDashboardQuery;
  headers?: Record<string, string>;
}

export interface GetReportsDashboardHtmlQuery {
  /** Identifier (uuid, lower case) */
  deskId?: string;
}

export type GetReportsDashboardHtmlResponse = unknown;

export interface GetReportsDashboardHtmlInput {
  query?: GetReportsDashboardHtmlQuery;
  headers?: Record<string, string>;
}

export interface GetReportsKeyedExportQuery {
  /** Year, e.g. 2025 */
  year: number;
}

export type GetReportsKeyedExportResponse = unknown;

export interface GetReportsKeyedExportInput {
  query: GetReportsKeyedExportQuery;
  headers?: Record<string, string>;
}

export type PostReportsKeyedExportCombineBody = {
  exports: Array<{
    format: "nabij.keyed-aggregates/1";
    installation: string;
    /** Year, e.g. 2025 */
    year: number;
    keyAlgorithm: "HMAC-SHA256/128";
    rows: Array<{
      k: string;
      m: string;
      o: ("answered" | "unanswered" | "not_counted_unanswered" | "pending");
      u: boolean;
      v: boolean;
    }>;
  }>;
};

export type PostReportsKeyedExportCombineResponse = unknown;

export interface PostReportsKeyedExportCombineInput {
  body: PostReportsKeyedExportCombineBody;
  headers?: Record<string, string>;
}

export type PostReportsPolicySimulationBody = {
  /** Calendar date, YYYY-MM-DD */
  periodStart: string;
  alternative: {
    ruleSetId?: string;
    tieBreak?: ("registration_order" | "lottery" | "batch_window");
  };
};

export type PostReportsPolicySimulationResponse = unknown;

export interface PostReportsPolicySimulationInput {
  body: PostReportsPolicySimulationBody;
  headers?: Record<string, string>;
}

export interface GetReportsYearlyFiguresQuery {
  /** Year, e.g. 2025 */
  year: number;
  /** Identifier (uuid, lower case) */
  deskId?: string;
}

export type GetReportsYearlyFiguresResponse = unknown;

export interface GetReportsYearlyFiguresInput {
  query: GetReportsYearlyFiguresQuery;
  headers?: Record<string, string>;
}

export interface GetReportsYearlyFiguresCsvQuery {
  /** Year, e.g. 2025 */
  year: number;
  /** Identifier (uuid, lower case) */
  deskId?: string;
}

export type GetReportsYearlyFiguresCsvResponse = unknown;

export interface GetReportsYearlyFiguresCsvInput {
  query: GetReportsYearlyFiguresCsvQuery;
  headers?: Record<string, string>;
}

export interface GetReportsYearlyFiguresXlsxQuery {
  /** Year, e.g. 2025 */
  year: number;
  /** Identifier (uuid, lower case) */
  deskId?: string;
}

export type GetReportsYearlyFiguresXlsxResponse = unknown;

export interface GetReportsYearlyFiguresXlsxInput {
  query: GetReportsYearlyFiguresXlsxQuery;
  headers?: Record<string, string>;
}

export interface GetReportsYearlyFiguresRequestsQuery {
  /** Year, e.g. 2025 */
  year: number;
  /** Identifier (uuid, lower case) */
  deskId?: string;
  measure: ("registered" | "unanswered");
  subcategory?: ("urgent" | "vulnerable");
  /** NIS code of the municipality of residence */
  municipality?: string;
}

export type GetReportsYearlyFiguresRequestsResponse = unknown;

export interface GetReportsYearlyFiguresRequestsInput {
  query: GetReportsYearlyFiguresRequestsQuery;
  headers?: Record<string, string>;
}

export interface GetRequestsQuery {
  status?: string;
  /** Identifier (uuid, lower case) */
  locationId?: string;
  limit?: number;
  offset?: number;
}

export type GetRequestsResponse = unknown;

export interface GetRequestsInput {
  query?: GetRequestsQuery;
  headers?: Record<string, string>;
}

export type PostRequestsBody = {
  applicant: {
    givenName: string;
    familyName: string;
    email?: string;
    phone?: string;
    /** National number (INSZ) or BIS number; optional */
    insz?: string;
    /** Preferred language for letters and mail */
    preferredLanguage?: ("nl" | "en" | "fr" | "ar");
  };
  otherGuardian?: {
    givenName: string;
    familyName: string;
    email?: string;
    phone?: string;
    /** National number (INSZ) or BIS number; optional */
    insz?: string;
    /** Preferred language for letters and mail */
    preferredLanguage?: ("nl" | "en" | "fr" | "ar");
  };
  residence: {
    municipalityNis: string;
    street?: string;
    postalCode?: string;
  };
  child: {
    insz?: string;
    givenName?: string;
    familyName: string;
    /** Calendar date, YYYY-MM-DD */
    birthDate?: string;
    /** Calendar date, YYYY-MM-DD */
    dueDate?: string;
    /** Order within twins or triplets */
    birthOrder?: number;
  };
  /** Calendar date, YYYY-MM-DD */
  desiredStartDate: string;
  flexibilityWeeks?: number;
  careDays: Array<{
    /** 1 = Monday … 5 = Friday */
    weekday: number;
    part: ("full" | "morning" | "afternoon");
    from?: string;
    to?: string;
  }>;
  /** Chosen locations, most wanted first */
  locationIds: Array<string>;
  urgent?: boolean;
  /** The family also accepts any location in the desk’s area */
  acceptAnyLocation?: boolean;
  /** Calendar date, YYYY-MM-DD */
  registeredOn?: string;
  consent: {
    processing: boolean;
  };
};

export type PostRequestsResponse = unknown;

export interface PostRequestsInput {
  body: PostRequestsBody;
  headers?: Record<string, string>;
}

export interface GetRequestsByIdParams {
  id: string;
}

export type GetRequestsByIdResponse = unknown;

export interface GetRequestsByIdInput {
  params: GetRequestsByIdParams;
  headers?: Record<string, string>;
}

export interface PostRequestsByIdDeviationAdviceParams {
  id: string;
}

export type PostRequestsByIdDeviationAdviceBody = {
  /** Identifier (uuid, lower case) */
  locationId: string;
  adviserOrganisation: string;
  /** One of the rule set’s deviationAdvisers, e.g. ocmw, caw, kind_en_gezin */
  adviserType: string;
  /** Calendar date, YYYY-MM-DD */
  adviceDate: string;
  ground: ("child_interest" | "health_or_welfare");
  note?: string;
};

export type PostRequestsByIdDeviationAdviceResponse = unknown;

export interface PostRequestsByIdDeviationAdviceInput {
  params: PostRequestsByIdDeviationAdviceParams;
  body: PostRequestsByIdDeviationAdviceBody;
  headers?: Record<string, string>;
}

export interface GetRequestsByIdOffersParams {
  id: string;
}

export type GetRequestsByIdOffersResponse = unknown;

export interface GetRequestsByIdOffersInput {
  params: GetRequestsByIdOffersParams;
  headers?: Record<string, string>;
}

export interface GetRequestsByIdProofPdfParams {
  id: string;
}

export type GetRequestsByIdProofPdfResponse = unknown;

export interface GetRequestsByIdProofPdfInput {
  params: GetRequestsByIdProofPdfParams;
  headers?: Record<string, string>;
}

export interface PostRequestsByIdResponsesParams {
  id: string;
}

export type PostRequestsByIdResponsesBody = {
  /** Identifier (uuid, lower case) */
  locationId: string;
  /** seen, candidate, or no place possible (with a reason); an offer is made with POST /offers */
  kind: ("seen" | "candidate" | "no_place");
  reason?: string;
};

export type PostRequestsByIdResponsesResponse = unknown;

export interface PostRequestsByIdResponsesInput {
  params: PostRequestsByIdResponsesParams;
  body: PostRequestsByIdResponsesBody;
  headers?: Record<string, string>;
}

export interface PostRequestsByIdTransitionsParams {
  id: string;
}

export type PostRequestsByIdTransitionsBody = {
  to: ("active" | "withdrawn" | "lapsed" | "found_elsewhere" | "offered" | "placed" | "registered");
  reason?: string;
};

export type PostRequestsByIdTransitionsResponse = unknown;

export interface PostRequestsByIdTransitionsInput {
  params: PostRequestsByIdTransitionsParams;
  body: PostRequestsByIdTransitionsBody;
  headers?: Record<string, string>;
}

export interface PostRoundProposalsByIdAnswerParams {
  id: string;
}

export type PostRoundProposalsByIdAnswerBody = {
  decision: ("confirm" | "reject");
  reason?: string;
};

export type PostRoundProposalsByIdAnswerResponse = unknown;

export interface PostRoundProposalsByIdAnswerInput {
  params: PostRoundProposalsByIdAnswerParams;
  body: PostRoundProposalsByIdAnswerBody;
  headers?: Record<string, string>;
}

export type GetRuleSetsResponse = unknown;

export interface GetRuleSetsInput {
  headers?: Record<string, string>;
}

export type SearchPeopleBody = {
  /** Free text: request number, national number, date or name */
  q?: string;
  name?: string;
  /** Birth or due date: 31/01/2027 or 2027-01-31 */
  date?: string;
  /** National number of the child or a parent (exact) */
  insz?: string;
  /** Request number, e.g. NB-2026-000123 */
  number?: string;
  limit?: number;
};

export type SearchPeopleResponse = unknown;

export interface SearchPeopleInput {
  body: SearchPeopleBody;
  headers?: Record<string, string>;
}

export type GetSocialMapExportJsonResponse = {
  hsds_version: string;
  organizations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    alternate_name: (null | string);
    description: (null | string);
    email: (null | string);
    website: (null | string);
    tax_id: (null | string);
    contacts: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      name: (null | string);
      title: (null | string);
      email: (null | string);
      phones: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        number: string;
      }>;
    }>;
    locations: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      location_type: "physical";
      name: string;
      description: (null | string);
      latitude: (null | number);
      longitude: (null | number);
      addresses: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        address_1: string;
        city: string;
        postal_code: string;
        country: string;
        address_type: "physical";
        nabij_nis_code: string;
      }>;
      schedules: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        freq: "WEEKLY";
        byday: string;
        opens_at: string;
        closes_at: string;
        description: (null | string);
      }>;
    }>;
    services: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      name: string;
      alternate_name: (null | string);
      description: (null | string);
      url: (null | string);
      email: (null | string);
      status: string;
      eligibility_description: (null | string);
      minimum_age: (null | number);
      maximum_age: (null | number);
      languages: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        code: string;
        name: (null | string);
      }>;
      attributes: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        taxonomy_term: {
          /** Identifier (uuid, lower case) */
          id: string;
          code: string;
          name: (null | string);
          taxonomy: string;
        };
      }>;
      contacts: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        name: (null | string);
        title: (null | string);
        email: (null | string);
        phones: Array<{
          /** Identifier (uuid, lower case) */
          id: string;
          number: string;
        }>;
      }>;
      phones: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        number: string;
      }>;
      schedules: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        freq: "WEEKLY";
        byday: string;
        opens_at: string;
        closes_at: string;
        description: (null | string);
      }>;
      service_at_locations: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        /** Identifier (uuid, lower case) */
        location_id: string;
      }>;
    }>;
  }>;
};

export interface GetSocialMapExportJsonInput {
  headers?: Record<string, string>;
}

export type PostSocialMapImportBody = {
  hsds_version?: string;
  organizations: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    name: string;
    alternate_name?: (null | string);
    description?: (null | string);
    email?: (null | string);
    website?: (null | string);
    tax_id?: (null | string);
    contacts?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      name?: (null | string);
      title?: (null | string);
      email?: (null | string);
      phones?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        number: string;
      }>;
    }>;
    locations?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      location_type?: "physical";
      name: string;
      description?: (null | string);
      latitude?: (null | number);
      longitude?: (null | number);
      addresses: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        address_1: string;
        city: string;
        postal_code: string;
        country?: string;
        address_type?: "physical";
        /** Nabij profile: NIS code of the municipality */
        nabij_nis_code: string;
      }>;
      schedules?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        freq?: "WEEKLY";
        /** Days as iCal BYDAY, e.g. MO,TU,TH */
        byday: string;
        /** HH:MM */
        opens_at: string;
        /** HH:MM */
        closes_at: string;
        description?: (null | string);
      }>;
    }>;
    services?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      name: string;
      alternate_name?: (null | string);
      description?: (null | string);
      url?: (null | string);
      email?: (null | string);
      status: ("active" | "inactive" | "defunct" | "temporarily closed");
      eligibility_description?: (null | string);
      minimum_age?: (null | number);
      maximum_age?: (null | number);
      languages?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        /** ISO 639 code, e.g. nl, ar */
        code: string;
        name?: (null | string);
      }>;
      attributes?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        taxonomy_term: {
          /** Identifier (uuid, lower case) */
          id?: string;
          code: string;
          name?: (null | string);
          /** nabij-need or nabij-target-group */
          taxonomy: string;
        };
      }>;
      contacts?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        name?: (null | string);
        title?: (null | string);
        email?: (null | string);
        phones?: Array<{
          /** Identifier (uuid, lower case) */
          id?: string;
          number: string;
        }>;
      }>;
      phones?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        number: string;
      }>;
      schedules?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        freq?: "WEEKLY";
        /** Days as iCal BYDAY, e.g. MO,TU,TH */
        byday: string;
        /** HH:MM */
        opens_at: string;
        /** HH:MM */
        closes_at: string;
        description?: (null | string);
      }>;
      service_at_locations?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        /** Identifier (uuid, lower case) */
        location_id: string;
      }>;
    }>;
  }>;
};

export type PostSocialMapImportResponse = {
  organizations: number;
  locations: number;
  services: number;
};

export interface PostSocialMapImportInput {
  body: PostSocialMapImportBody;
  headers?: Record<string, string>;
}

export type GetSocialMapOrganizationsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  services: number;
  locations: number;
  members: number;
  pickupDays: number;
}>;

export interface GetSocialMapOrganizationsInput {
  headers?: Record<string, string>;
}

export type PostSocialMapOrganizationsBody = {
  /** Identifier (uuid, lower case) */
  id?: string;
  name: string;
  alternate_name?: (null | string);
  description?: (null | string);
  email?: (null | string);
  website?: (null | string);
  tax_id?: (null | string);
  contacts?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    name?: (null | string);
    title?: (null | string);
    email?: (null | string);
    phones?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      number: string;
    }>;
  }>;
  locations?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    location_type?: "physical";
    name: string;
    description?: (null | string);
    latitude?: (null | number);
    longitude?: (null | number);
    addresses: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      address_1: string;
      city: string;
      postal_code: string;
      country?: string;
      address_type?: "physical";
      /** Nabij profile: NIS code of the municipality */
      nabij_nis_code: string;
    }>;
    schedules?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      freq?: "WEEKLY";
      /** Days as iCal BYDAY, e.g. MO,TU,TH */
      byday: string;
      /** HH:MM */
      opens_at: string;
      /** HH:MM */
      closes_at: string;
      description?: (null | string);
    }>;
  }>;
  services?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    name: string;
    alternate_name?: (null | string);
    description?: (null | string);
    url?: (null | string);
    email?: (null | string);
    status: ("active" | "inactive" | "defunct" | "temporarily closed");
    eligibility_description?: (null | string);
    minimum_age?: (null | number);
    maximum_age?: (null | number);
    languages?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      /** ISO 639 code, e.g. nl, ar */
      code: string;
      name?: (null | string);
    }>;
    attributes?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      taxonomy_term: {
        /** Identifier (uuid, lower case) */
        id?: string;
        code: string;
        name?: (null | string);
        /** nabij-need or nabij-target-group */
        taxonomy: string;
      };
    }>;
    contacts?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      name?: (null | string);
      title?: (null | string);
      email?: (null | string);
      phones?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        number: string;
      }>;
    }>;
    phones?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      number: string;
    }>;
    schedules?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      freq?: "WEEKLY";
      /** Days as iCal BYDAY, e.g. MO,TU,TH */
      byday: string;
      /** HH:MM */
      opens_at: string;
      /** HH:MM */
      closes_at: string;
      description?: (null | string);
    }>;
    service_at_locations?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      /** Identifier (uuid, lower case) */
      location_id: string;
    }>;
  }>;
};

export type PostSocialMapOrganizationsResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  alternate_name: (null | string);
  description: (null | string);
  email: (null | string);
  website: (null | string);
  tax_id: (null | string);
  contacts: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: (null | string);
    title: (null | string);
    email: (null | string);
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
  }>;
  locations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    location_type: "physical";
    name: string;
    description: (null | string);
    latitude: (null | number);
    longitude: (null | number);
    addresses: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      address_1: string;
      city: string;
      postal_code: string;
      country: string;
      address_type: "physical";
      nabij_nis_code: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
  }>;
  services: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    alternate_name: (null | string);
    description: (null | string);
    url: (null | string);
    email: (null | string);
    status: string;
    eligibility_description: (null | string);
    minimum_age: (null | number);
    maximum_age: (null | number);
    languages: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      code: string;
      name: (null | string);
    }>;
    attributes: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      taxonomy_term: {
        /** Identifier (uuid, lower case) */
        id: string;
        code: string;
        name: (null | string);
        taxonomy: string;
      };
    }>;
    contacts: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      name: (null | string);
      title: (null | string);
      email: (null | string);
      phones: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        number: string;
      }>;
    }>;
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
    service_at_locations: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      /** Identifier (uuid, lower case) */
      location_id: string;
    }>;
  }>;
};

export interface PostSocialMapOrganizationsInput {
  body: PostSocialMapOrganizationsBody;
  headers?: Record<string, string>;
}

export interface GetSocialMapOrganizationsByIdParams {
  id: string;
}

export type GetSocialMapOrganizationsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  alternate_name: (null | string);
  description: (null | string);
  email: (null | string);
  website: (null | string);
  tax_id: (null | string);
  contacts: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: (null | string);
    title: (null | string);
    email: (null | string);
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
  }>;
  locations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    location_type: "physical";
    name: string;
    description: (null | string);
    latitude: (null | number);
    longitude: (null | number);
    addresses: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      address_1: string;
      city: string;
      postal_code: string;
      country: string;
      address_type: "physical";
      nabij_nis_code: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
  }>;
  services: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    alternate_name: (null | string);
    description: (null | string);
    url: (null | string);
    email: (null | string);
    status: string;
    eligibility_description: (null | string);
    minimum_age: (null | number);
    maximum_age: (null | number);
    languages: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      code: string;
      name: (null | string);
    }>;
    attributes: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      taxonomy_term: {
        /** Identifier (uuid, lower case) */
        id: string;
        code: string;
        name: (null | string);
        taxonomy: string;
      };
    }>;
    contacts: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      name: (null | string);
      title: (null | string);
      email: (null | string);
      phones: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        number: string;
      }>;
    }>;
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
    service_at_locations: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      /** Identifier (uuid, lower case) */
      location_id: string;
    }>;
  }>;
};

export interface GetSocialMapOrganizationsByIdInput {
  params: GetSocialMapOrganizationsByIdParams;
  headers?: Record<string, string>;
}

export interface PutSocialMapOrganizationsByIdParams {
  id: string;
}

export type PutSocialMapOrganizationsByIdBody = {
  /** Identifier (uuid, lower case) */
  id?: string;
  name: string;
  alternate_name?: (null | string);
  description?: (null | string);
  email?: (null | string);
  website?: (null | string);
  tax_id?: (null | string);
  contacts?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    name?: (null | string);
    title?: (null | string);
    email?: (null | string);
    phones?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      number: string;
    }>;
  }>;
  locations?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    location_type?: "physical";
    name: string;
    description?: (null | string);
    latitude?: (null | number);
    longitude?: (null | number);
    addresses: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      address_1: string;
      city: string;
      postal_code: string;
      country?: string;
      address_type?: "physical";
      /** Nabij profile: NIS code of the municipality */
      nabij_nis_code: string;
    }>;
    schedules?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      freq?: "WEEKLY";
      /** Days as iCal BYDAY, e.g. MO,TU,TH */
      byday: string;
      /** HH:MM */
      opens_at: string;
      /** HH:MM */
      closes_at: string;
      description?: (null | string);
    }>;
  }>;
  services?: Array<{
    /** Identifier (uuid, lower case) */
    id?: string;
    name: string;
    alternate_name?: (null | string);
    description?: (null | string);
    url?: (null | string);
    email?: (null | string);
    status: ("active" | "inactive" | "defunct" | "temporarily closed");
    eligibility_description?: (null | string);
    minimum_age?: (null | number);
    maximum_age?: (null | number);
    languages?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      /** ISO 639 code, e.g. nl, ar */
      code: string;
      name?: (null | string);
    }>;
    attributes?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      taxonomy_term: {
        /** Identifier (uuid, lower case) */
        id?: string;
        code: string;
        name?: (null | string);
        /** nabij-need or nabij-target-group */
        taxonomy: string;
      };
    }>;
    contacts?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      name?: (null | string);
      title?: (null | string);
      email?: (null | string);
      phones?: Array<{
        /** Identifier (uuid, lower case) */
        id?: string;
        number: string;
      }>;
    }>;
    phones?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      number: string;
    }>;
    schedules?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      freq?: "WEEKLY";
      /** Days as iCal BYDAY, e.g. MO,TU,TH */
      byday: string;
      /** HH:MM */
      opens_at: string;
      /** HH:MM */
      closes_at: string;
      description?: (null | string);
    }>;
    service_at_locations?: Array<{
      /** Identifier (uuid, lower case) */
      id?: string;
      /** Identifier (uuid, lower case) */
      location_id: string;
    }>;
  }>;
};

export type PutSocialMapOrganizationsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  alternate_name: (null | string);
  description: (null | string);
  email: (null | string);
  website: (null | string);
  tax_id: (null | string);
  contacts: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: (null | string);
    title: (null | string);
    email: (null | string);
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
  }>;
  locations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    location_type: "physical";
    name: string;
    description: (null | string);
    latitude: (null | number);
    longitude: (null | number);
    addresses: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      address_1: string;
      city: string;
      postal_code: string;
      country: string;
      address_type: "physical";
      nabij_nis_code: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
  }>;
  services: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    alternate_name: (null | string);
    description: (null | string);
    url: (null | string);
    email: (null | string);
    status: string;
    eligibility_description: (null | string);
    minimum_age: (null | number);
    maximum_age: (null | number);
    languages: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      code: string;
      name: (null | string);
    }>;
    attributes: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      taxonomy_term: {
        /** Identifier (uuid, lower case) */
        id: string;
        code: string;
        name: (null | string);
        taxonomy: string;
      };
    }>;
    contacts: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      name: (null | string);
      title: (null | string);
      email: (null | string);
      phones: Array<{
        /** Identifier (uuid, lower case) */
        id: string;
        number: string;
      }>;
    }>;
    phones: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      number: string;
    }>;
    schedules: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      freq: "WEEKLY";
      byday: string;
      opens_at: string;
      closes_at: string;
      description: (null | string);
    }>;
    service_at_locations: Array<{
      /** Identifier (uuid, lower case) */
      id: string;
      /** Identifier (uuid, lower case) */
      location_id: string;
    }>;
  }>;
};

export interface PutSocialMapOrganizationsByIdInput {
  params: PutSocialMapOrganizationsByIdParams;
  body: PutSocialMapOrganizationsByIdBody;
  headers?: Record<string, string>;
}

export interface PutSocialMapOrganizationsByIdSettingsParams {
  id: string;
}

export type PutSocialMapOrganizationsByIdSettingsBody = {
  /** Days a referral may wait to be picked up before a reminder goes out */
  pickupDays: number;
};

export type PutSocialMapOrganizationsByIdSettingsResponse = {
  /** Identifier (uuid, lower case) */
  organizationId: string;
  pickupDays: number;
};

export interface PutSocialMapOrganizationsByIdSettingsInput {
  params: PutSocialMapOrganizationsByIdSettingsParams;
  body: PutSocialMapOrganizationsByIdSettingsBody;
  headers?: Record<string, string>;
}

export interface GetSocialMapServicesQuery {
  /** A need code from /social-map/vocabularies */
  need?: string;
  /** The child’s age in months */
  ageMonths?: number;
  /** NIS code of the municipality */
  municipalityNis?: string;
  /** ISO 639 language code */
  language?: string;
  /** Words in the name or description */
  q?: string;
  limit?: number;
  offset?: number;
}

export type GetSocialMapServicesResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  description: (null | string);
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    website: (null | string);
  };
  url: (null | string);
  email: (null | string);
  phone: (null | string);
  eligibility: (null | string);
  minAgeMonths: (null | number);
  maxAgeMonths: (null | number);
  needs: Array<string>;
  targetGroups: Array<string>;
  languages: Array<string>;
  hours: Array<{
    weekdays: Array<number>;
    opensAt: string;
    closesAt: string;
    description: (null | string);
  }>;
  locations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    street: string;
    postalCode: string;
    city: string;
    municipalityNis: string;
    latitude: (null | number);
    longitude: (null | number);
    hours: Array<{
      weekdays: Array<number>;
      opensAt: string;
      closesAt: string;
      description: (null | string);
    }>;
  }>;
}>;

export interface GetSocialMapServicesInput {
  query?: GetSocialMapServicesQuery;
  headers?: Record<string, string>;
}

export interface GetSocialMapServicesByIdParams {
  id: string;
}

export type GetSocialMapServicesByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  name: string;
  description: (null | string);
  organization: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    website: (null | string);
  };
  url: (null | string);
  email: (null | string);
  phone: (null | string);
  eligibility: (null | string);
  minAgeMonths: (null | number);
  maxAgeMonths: (null | number);
  needs: Array<string>;
  targetGroups: Array<string>;
  languages: Array<string>;
  hours: Array<{
    weekdays: Array<number>;
    opensAt: string;
    closesAt: string;
    description: (null | string);
  }>;
  locations: Array<{
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    street: string;
    postalCode: string;
    city: string;
    municipalityNis: string;
    latitude: (null | number);
    longitude: (null | number);
    hours: Array<{
      weekdays: Array<number>;
      opensAt: string;
      closesAt: string;
      description: (null | string);
    }>;
  }>;
};

export interface GetSocialMapServicesByIdInput {
  params: GetSocialMapServicesByIdParams;
  headers?: Record<string, string>;
}

export type GetSocialMapVocabulariesResponse = {
  needs: Array<{
    code: string;
    nl: string;
    en: string;
  }>;
  targetGroups: Array<{
    code: string;
    nl: string;
    en: string;
  }>;
};

export interface GetSocialMapVocabulariesInput {
  headers?: Record<string, string>;
}

export type PutStatisticsBirthsBody = {
  rows: Array<{
    nisCode: string;
    year: number;
    births: number;
  }>;
};

export type PutStatisticsBirthsResponse = unknown;

export interface PutStatisticsBirthsInput {
  body: PutStatisticsBirthsBody;
  headers?: Record<string, string>;
}

export type PostSubsidyGroupsBody = {
  /** Opgroeien’s subsidy group number */
  opgroeienId: number;
  name: string;
  /** Identifier (uuid, lower case) */
  organiserId?: string;
  incomeTariffFrom?: (string | null);
  incomeTariffUntil?: (string | null);
  plusSubsidy?: boolean;
  locationIds: Array<string>;
};

export type PostSubsidyGroupsResponse = unknown;

export interface PostSubsidyGroupsInput {
  body: PostSubsidyGroupsBody;
  headers?: Record<string, string>;
}

export interface GetSubsidyGroupsByIdOpgroeienByFormParams {
  id: string;
  form: ("FO-RE-19" | "FO-RE-30");
}

export interface GetSubsidyGroupsByIdOpgroeienByFormQuery {
  /** Year, e.g. 2025 */
  year: number;
}

export type GetSubsidyGroupsByIdOpgroeienByFormResponse = unknown;

export interface GetSubsidyGroupsByIdOpgroeienByFormInput {
  params: GetSubsidyGroupsByIdOpgroeienByFormParams;
  query: GetSubsidyGroupsByIdOpgroeienByFormQuery;
  headers?: Record<string, string>;
}

export interface GetSupportAssignmentsQuery {
  /** Identifier (uuid, lower case) */
  locationId?: string;
  /** Identifier (uuid, lower case) */
  childId?: string;
}

export type GetSupportAssignmentsResponse = Array<{
  /** Identifier (uuid, lower case) */
  id: string;
  child: {
    /** Identifier (uuid, lower case) */
    id: string;
    givenName: (null | string);
    familyName: string;
  };
  location: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    organization: string;
  };
  startDate: string;
  endDate: (null | string);
  contact: {
    name: string;
    phone: (null | string);
    email: (null | string);
  };
}>;

export interface GetSupportAssignmentsInput {
  query?: GetSupportAssignmentsQuery;
  headers?: Record<string, string>;
}

export type PostSupportAssignmentsBody = {
  /** Identifier (uuid, lower case) */
  childId: string;
  /** Identifier (uuid, lower case) */
  locationId: string;
  /** Identifier (uuid, lower case) */
  serviceId: string;
  /** Calendar date, YYYY-MM-DD */
  startDate: string;
  endDate?: (null | string);
  contactName: string;
  contactPhone?: string;
  contactEmail?: string;
};

export type PostSupportAssignmentsResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  child: {
    /** Identifier (uuid, lower case) */
    id: string;
    givenName: (null | string);
    familyName: string;
  };
  location: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    organization: string;
  };
  startDate: string;
  endDate: (null | string);
  contact: {
    name: string;
    phone: (null | string);
    email: (null | string);
  };
};

export interface PostSupportAssignmentsInput {
  body: PostSupportAssignmentsBody;
  headers?: Record<string, string>;
}

export interface GetSupportAssignmentsByIdParams {
  id: string;
}

export type GetSupportAssignmentsByIdResponse = {
  /** Identifier (uuid, lower case) */
  id: string;
  child: {
    /** Identifier (uuid, lower case) */
    id: string;
    givenName: (null | string);
    familyName: string;
  };
  location: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
  };
  service: {
    /** Identifier (uuid, lower case) */
    id: string;
    name: string;
    organization: string;
  };
  startDate: string;
  endDate: (null | string);
  contact: {
    name: string;
    phone: (null | string);
    email: (null | string);
  };
};

export interface GetSupportAssignmentsByIdInput {
  params: GetSupportAssignmentsByIdParams;
  headers?: Record<string, string>;
}

export interface PutUsersByIdSocialMapOrganizationParams {
  id: string;
}

export type PutUsersByIdSocialMapOrganizationBody = {
  organizationId: (null | string);
};

export type PutUsersByIdSocialMapOrganizationResponse = {
  /** Identifier (uuid, lower case) */
  userId: string;
  organizationId: (null | string);
};

export interface PutUsersByIdSocialMapOrganizationInput {
  params: PutUsersByIdSocialMapOrganizationParams;
  body: PutUsersByIdSocialMapOrganizationBody;
  headers?: Record<string, string>;
}

/** Every operation: method and path. */
export const OPERATIONS = {
  getAudit: { method: "GET", path: "/api/v1/audit" },
  getChildrenById: { method: "GET", path: "/api/v1/children/{id}" },
  postChildrenByIdBirth: { method: "POST", path: "/api/v1/children/{id}/birth" },
  getConcerns: { method: "GET", path: "/api/v1/concerns" },
  postConcerns: { method: "POST", path: "/api/v1/concerns" },
  getConcernsById: { method: "GET", path: "/api/v1/concerns/{id}" },
  postConcernsByIdClose: { method: "POST", path: "/api/v1/concerns/{id}/close" },
  postConsentsByIdWithdraw: { method: "POST", path: "/api/v1/consents/{id}/withdraw" },
  getDesks: { method: "GET", path: "/api/v1/desks" },
  putDesksByIdSettings: { method: "PUT", path: "/api/v1/desks/{id}/settings" },
  getDeviationAdviceByIdLetterPdf: { method: "GET", path: "/api/v1/deviation-advice/{id}/letter.pdf" },
  getDeviationsReport: { method: "GET", path: "/api/v1/deviations/report" },
  getDuplicates: { method: "GET", path: "/api/v1/duplicates" },
  postDuplicatesByIdDismiss: { method: "POST", path: "/api/v1/duplicates/{id}/dismiss" },
  postDuplicatesByIdMerge: { method: "POST", path: "/api/v1/duplicates/{id}/merge" },
  readEvents: { method: "GET", path: "/api/v1/events" },
  exportCandidates: { method: "GET", path: "/api/v1/exports/locations/{id}/candidates" },
  exportPlacements: { method: "GET", path: "/api/v1/exports/placements" },
  exportRequests: { method: "GET", path: "/api/v1/exports/requests" },
  getFamiliesByIdConsents: { method: "GET", path: "/api/v1/families/{id}/consents" },
  postFamiliesByIdErasure: { method: "POST", path: "/api/v1/families/{id}/erasure" },
  getFamiliesByIdExportJson: { method: "GET", path: "/api/v1/families/{id}/export.json" },
  getFamiliesByIdExportPdf: { method: "GET", path: "/api/v1/families/{id}/export.pdf" },
  getFamiliesByIdFacts: { method: "GET", path: "/api/v1/families/{id}/facts" },
  postFamiliesByIdFacts: { method: "POST", path: "/api/v1/families/{id}/facts" },
  postFollowUpLettersPdf: { method: "POST", path: "/api/v1/follow-up/letters.pdf" },
  getFollowUpNoPlaceYet: { method: "GET", path: "/api/v1/follow-up/no-place-yet" },
  getFollowUpNoPlaceYetCsv: { method: "GET", path: "/api/v1/follow-up/no-place-yet.csv" },
  getFollowUpOverdueResponses: { method: "GET", path: "/api/v1/follow-up/overdue-responses" },
  getFollowUpOverdueResponsesCsv: { method: "GET", path: "/api/v1/follow-up/overdue-responses.csv" },
  listImports: { method: "GET", path: "/api/v1/imports" },
  commitImport: { method: "POST", path: "/api/v1/imports" },
  previewImport: { method: "POST", path: "/api/v1/imports/preview" },
  getImportProgress: { method: "GET", path: "/api/v1/imports/{id}" },
  getImportReport: { method: "GET", path: "/api/v1/imports/{id}/report" },
  publishCapacity: { method: "POST", path: "/api/v1/integration/capacity" },
  listClients: { method: "GET", path: "/api/v1/integration/clients" },
  createClient: { method: "POST", path: "/api/v1/integration/clients" },
  revokeClient: { method: "POST", path: "/api/v1/integration/clients/{id}/revoke" },
  rotateClient: { method: "POST", path: "/api/v1/integration/clients/{id}/rotate" },
  removeWebhook: { method: "DELETE", path: "/api/v1/integration/clients/{id}/webhook" },
  getWebhook: { method: "GET", path: "/api/v1/integration/clients/{id}/webhook" },
  setWebhook: { method: "PUT", path: "/api/v1/integration/clients/{id}/webhook" },
  listLocationRequests: { method: "GET", path: "/api/v1/integration/locations/{id}/requests" },
  listPlacements: { method: "GET", path: "/api/v1/integration/placements" },
  reportPlacements: { method: "POST", path: "/api/v1/integration/placements" },
  getLocations: { method: "GET", path: "/api/v1/locations" },
  postLocations: { method: "POST", path: "/api/v1/locations" },
  getLocationsById: { method: "GET", path: "/api/v1/locations/{id}" },
  getLocationsByIdCandidates: { method: "GET", path: "/api/v1/locations/{id}/candidates" },
  putLocationsByIdCapacity: { method: "PUT", path: "/api/v1/locations/{id}/capacity" },
  postLocationsByIdDeviations: { method: "POST", path: "/api/v1/locations/{id}/deviations" },
  getLocationsByIdFreeSeats: { method: "GET", path: "/api/v1/locations/{id}/free-seats" },
  getLocationsByIdOccupancy: { method: "GET", path: "/api/v1/locations/{id}/occupancy" },
  putLocationsByIdRuleSettings: { method: "PUT", path: "/api/v1/locations/{id}/rule-settings" },
  getLocationsByIdWhatIf: { method: "GET", path: "/api/v1/locations/{id}/what-if" },
  getMatchingRounds: { method: "GET", path: "/api/v1/matching-rounds" },
  postMatchingRounds: { method: "POST", path: "/api/v1/matching-rounds" },
  getMatchingRoundsById: { method: "GET", path: "/api/v1/matching-rounds/{id}" },
  postMatchingRoundsByIdReproduce: { method: "POST", path: "/api/v1/matching-rounds/{id}/reproduce" },
  getMe: { method: "GET", path: "/api/v1/me" },
  getMunicipalities: { method: "GET", path: "/api/v1/municipalities" },
  createToken: { method: "POST", path: "/api/v1/oauth/token" },
  postOffers: { method: "POST", path: "/api/v1/offers" },
  postOffersByIdAnswer: { method: "POST", path: "/api/v1/offers/{id}/answer" },
  getOrganisers: { method: "GET", path: "/api/v1/organisers" },
  postOrganisers: { method: "POST", path: "/api/v1/organisers" },
  getOrganisersById: { method: "GET", path: "/api/v1/organisers/{id}" },
  getPilots: { method: "GET", path: "/api/v1/pilots" },
  postPilots: { method: "POST", path: "/api/v1/pilots" },
  postPilotsCheck: { method: "POST", path: "/api/v1/pilots/check" },
  getPilotsById: { method: "GET", path: "/api/v1/pilots/{id}" },
  putPilotsById: { method: "PUT", path: "/api/v1/pilots/{id}" },
  getPilotsByIdIndicators: { method: "GET", path: "/api/v1/pilots/{id}/indicators" },
  getPilotsByIdIndicatorsCsv: { method: "GET", path: "/api/v1/pilots/{id}/indicators.csv" },
  getPractices: { method: "GET", path: "/api/v1/practices" },
  postPractices: { method: "POST", path: "/api/v1/practices" },
  getJsonLdContext: { method: "GET", path: "/api/v1/public/context.jsonld" },
  getFreeCapacityJsonLd: { method: "GET", path: "/api/v1/public/free-capacity.jsonld" },
  getLocationsJsonLd: { method: "GET", path: "/api/v1/public/locations.jsonld" },
  getOrganisersJsonLd: { method: "GET", path: "/api/v1/public/organisers.jsonld" },
  getReferrals: { method: "GET", path: "/api/v1/referrals" },
  postReferrals: { method: "POST", path: "/api/v1/referrals" },
  getReferralsById: { method: "GET", path: "/api/v1/referrals/{id}" },
  postReferralsByIdNotes: { method: "POST", path: "/api/v1/referrals/{id}/notes" },
  postReferralsByIdTransitions: { method: "POST", path: "/api/v1/referrals/{id}/transitions" },
  getReportsDashboard: { method: "GET", path: "/api/v1/reports/dashboard" },
  getReportsDashboardHtml: { method: "GET", path: "/api/v1/reports/dashboard.html" },
  getReportsKeyedExport: { method: "GET", path: "/api/v1/reports/keyed-export" },
  postReportsKeyedExportCombine: { method: "POST", path: "/api/v1/reports/keyed-export/combine" },
  postReportsPolicySimulation: { method: "POST", path: "/api/v1/reports/policy-simulation" },
  getReportsYearlyFigures: { method: "GET", path: "/api/v1/reports/yearly-figures" },
  getReportsYearlyFiguresCsv: { method: "GET", path: "/api/v1/reports/yearly-figures.csv" },
  getReportsYearlyFiguresXlsx: { method: "GET", path: "/api/v1/reports/yearly-figures.xlsx" },
  getReportsYearlyFiguresRequests: { method: "GET", path: "/api/v1/reports/yearly-figures/requests" },
  getRequests: { method: "GET", path: "/api/v1/requests" },
  postRequests: { method: "POST", path: "/api/v1/requests" },
  getRequestsById: { method: "GET", path: "/api/v1/requests/{id}" },
  postRequestsByIdDeviationAdvice: { method: "POST", path: "/api/v1/requests/{id}/deviation-advice" },
  getRequestsByIdOffers: { method: "GET", path: "/api/v1/requests/{id}/offers" },
  getRequestsByIdProofPdf: { method: "GET", path: "/api/v1/requests/{id}/proof.pdf" },
  postRequestsByIdResponses: { method: "POST", path: "/api/v1/requests/{id}/responses" },
  postRequestsByIdTransitions: { method: "POST", path: "/api/v1/requests/{id}/transitions" },
  postRoundProposalsByIdAnswer: { method: "POST", path: "/api/v1/round-proposals/{id}/answer" },
  getRuleSets: { method: "GET", path: "/api/v1/rule-sets" },
  searchPeople: { method: "POST", path: "/api/v1/search/people" },
  getSocialMapExportJson: { method: "GET", path: "/api/v1/social-map/export.json" },
  postSocialMapImport: { method: "POST", path: "/api/v1/social-map/import" },
  getSocialMapOrganizations: { method: "GET", path: "/api/v1/social-map/organizations" },
  postSocialMapOrganizations: { method: "POST", path: "/api/v1/social-map/organizations" },
  getSocialMapOrganizationsById: { method: "GET", path: "/api/v1/social-map/organizations/{id}" },
  putSocialMapOrganizationsById: { method: "PUT", path: "/api/v1/social-map/organizations/{id}" },
  putSocialMapOrganizationsByIdSettings: { method: "PUT", path: "/api/v1/social-map/organizations/{id}/settings" },
  getSocialMapServices: { method: "GET", path: "/api/v1/social-map/services" },
  getSocialMapServicesById: { method: "GET", path: "/api/v1/social-map/services/{id}" },
  getSocialMapVocabularies: { method: "GET", path: "/api/v1/social-map/vocabularies" },
  putStatisticsBirths: { method: "PUT", path: "/api/v1/statistics/births" },
  postSubsidyGroups: { method: "POST", path: "/api/v1/subsidy-groups" },
  getSubsidyGroupsByIdOpgroeienByForm: { method: "GET", path: "/api/v1/subsidy-groups/{id}/opgroeien/{form}" },
  getSupportAssignments: { method: "GET", path: "/api/v1/support-assignments" },
  postSupportAssignments: { method: "POST", path: "/api/v1/support-assignments" },
  getSupportAssignmentsById: { method: "GET", path: "/api/v1/support-assignments/{id}" },
  putUsersByIdSocialMapOrganization: { method: "PUT", path: "/api/v1/users/{id}/social-map-organization" },
} as const;

/** One method per operation of the API. */
export class NabijApi {
  readonly transport: Transport;
  constructor(transport: Transport) {
    this.transport = transport;
  }

  /** GET /api/v1/audit — Search the audit log by person, actor, action and period (ids only, never values) */
  getAudit(input: GetAuditInput = {}): Promise<GetAuditResponse> {
    return this.transport.call<GetAuditResponse>("GET", "/api/v1/audit", input);
  }

  /** GET /api/v1/children/{id} — A child with its family, requests and consents */
  getChildrenById(input: GetChildrenByIdInput): Promise<GetChildrenByIdResponse> {
    return this.transport.call<GetChildrenByIdResponse>("GET", "/api/v1/children/{id}", input);
  }

  /** POST /api/v1/children/{id}/birth — Record the birth of a child registered before birth */
  postChildrenByIdBirth(input: PostChildrenByIdBirthInput): Promise<PostChildrenByIdBirthResponse> {
    return this.transport.call<PostChildrenByIdBirthResponse>("POST", "/api/v1/children/{id}/birth", input);
  }

  /** GET /api/v1/concerns — Concerns one wrote or may read now (no content; open one to read it) */
  getConcerns(input: GetConcernsInput = {}): Promise<GetConcernsResponse> {
    return this.transport.call<GetConcernsResponse>("GET", "/api/v1/concerns", input);
  }

  /** POST /api/v1/concerns — Share a concern (zorg delen) with the people named in the family’s consent */
  postConcerns(input: PostConcernsInput): Promise<PostConcernsResponse> {
    return this.transport.call<PostConcernsResponse>("POST", "/api/v1/concerns", input);
  }

  /** GET /api/v1/concerns/{id} — Read a concern (audited) */
  getConcernsById(input: GetConcernsByIdInput): Promise<GetConcernsByIdResponse> {
    return this.transport.call<GetConcernsByIdResponse>("GET", "/api/v1/concerns/{id}", input);
  }

  /** POST /api/v1/concerns/{id}/close — Close a concern */
  postConcernsByIdClose(input: PostConcernsByIdCloseInput): Promise<PostConcernsByIdCloseResponse> {
    return this.transport.call<PostConcernsByIdCloseResponse>("POST", "/api/v1/concerns/{id}/close", input);
  }

  /** POST /api/v1/consents/{id}/withdraw — The family withdraws a consent: all further access stops at once */
  postConsentsByIdWithdraw(input: PostConsentsByIdWithdrawInput): Promise<PostConsentsByIdWithdrawResponse> {
    return this.transport.call<PostConsentsByIdWithdrawResponse>("POST", "/api/v1/consents/{id}/withdraw", input);
  }

  /** GET /api/v1/desks — Local childcare desks and the municipalities they serve */
  getDesks(input: GetDesksInput = {}): Promise<GetDesksResponse> {
    return this.transport.call<GetDesksResponse>("GET", "/api/v1/desks", input);
  }

  /** PUT /api/v1/desks/{id}/settings — The desk’s own settings (offer deadline 8–14 days, response time, warning time, location cap) */
  putDesksByIdSettings(input: PutDesksByIdSettingsInput): Promise<PutDesksByIdSettingsResponse> {
    return this.transport.call<PutDesksByIdSettingsResponse>("PUT", "/api/v1/desks/{id}/settings", input);
  }

  /** GET /api/v1/deviation-advice/{id}/letter.pdf — The advice letter as PDF */
  getDeviationAdviceByIdLetterPdf(input: GetDeviationAdviceByIdLetterPdfInput): Promise<GetDeviationAdviceByIdLetterPdfResponse> {
    return this.transport.call<GetDeviationAdviceByIdLetterPdfResponse>("GET", "/api/v1/deviation-advice/{id}/letter.pdf", input);
  }

  /** GET /api/v1/deviations/report — Deviations per organiser and location against the yearly quota */
  getDeviationsReport(input: GetDeviationsReportInput): Promise<GetDeviationsReportResponse> {
    return this.transport.call<GetDeviationsReportResponse>("GET", "/api/v1/deviations/report", input);
  }

  /** GET /api/v1/duplicates — Possible duplicate children, side by side */
  getDuplicates(input: GetDuplicatesInput = {}): Promise<GetDuplicatesResponse> {
    return this.transport.call<GetDuplicatesResponse>("GET", "/api/v1/duplicates", input);
  }

  /** POST /api/v1/duplicates/{id}/dismiss — Mark a pair as two different children */
  postDuplicatesByIdDismiss(input: PostDuplicatesByIdDismissInput): Promise<PostDuplicatesByIdDismissResponse> {
    return this.transport.call<PostDuplicatesByIdDismissResponse>("POST", "/api/v1/duplicates/{id}/dismiss", input);
  }

  /** POST /api/v1/duplicates/{id}/merge — Merge two child records */
  postDuplicatesByIdMerge(input: PostDuplicatesByIdMergeInput): Promise<PostDuplicatesByIdMergeResponse> {
    return this.transport.call<PostDuplicatesByIdMergeResponse>("POST", "/api/v1/duplicates/{id}/merge", input);
  }

  /** GET /api/v1/events — The event feed (CloudEvents 1.0 JSON) of your organiser, oldest first, after a cursor */
  readEvents(input: ReadEventsInput = {}): Promise<ReadEventsResponse> {
    return this.transport.call<ReadEventsResponse>("GET", "/api/v1/events", input);
  }

  /** GET /api/v1/exports/locations/{id}/candidates — The ranked candidate list for a free place, as Excel or CSV */
  exportCandidates(input: ExportCandidatesInput): Promise<ExportCandidatesResponse> {
    return this.transport.call<ExportCandidatesResponse>("GET", "/api/v1/exports/locations/{id}/candidates", input);
  }

  /** GET /api/v1/exports/placements — Placements at the locations one works with, as Excel or CSV */
  exportPlacements(input: ExportPlacementsInput = {}): Promise<ExportPlacementsResponse> {
    return this.transport.call<ExportPlacementsResponse>("GET", "/api/v1/exports/placements", input);
  }

  /** GET /api/v1/exports/requests — Requests as Excel or CSV (the waiting list by default); the columns can be imported again */
  exportRequests(input: ExportRequestsInput = {}): Promise<ExportRequestsResponse> {
    return this.transport.call<ExportRequestsResponse>("GET", "/api/v1/exports/requests", input);
  }

  /** GET /api/v1/families/{id}/consents — A family’s sharing consents and whether each still holds */
  getFamiliesByIdConsents(input: GetFamiliesByIdConsentsInput): Promise<GetFamiliesByIdConsentsResponse> {
    return this.transport.call<GetFamiliesByIdConsentsResponse>("GET", "/api/v1/families/{id}/consents", input);
  }

  /** POST /api/v1/families/{id}/erasure — Anonymise a family on request, once no request is open and no placement runs */
  postFamiliesByIdErasure(input: PostFamiliesByIdErasureInput): Promise<PostFamiliesByIdErasureResponse> {
    return this.transport.call<PostFamiliesByIdErasureResponse>("POST", "/api/v1/families/{id}/erasure", input);
  }

  /** GET /api/v1/families/{id}/export.json — All data of a family and the audit of who saw it (GDPR access request) */
  getFamiliesByIdExportJson(input: GetFamiliesByIdExportJsonInput): Promise<GetFamiliesByIdExportJsonResponse> {
    return this.transport.call<GetFamiliesByIdExportJsonResponse>("GET", "/api/v1/families/{id}/export.json", input);
  }

  /** GET /api/v1/families/{id}/export.pdf — The same export as PDF */
  getFamiliesByIdExportPdf(input: GetFamiliesByIdExportPdfInput): Promise<GetFamiliesByIdExportPdfResponse> {
    return this.transport.call<GetFamiliesByIdExportPdfResponse>("GET", "/api/v1/families/{id}/export.pdf", input);
  }

  /** GET /api/v1/families/{id}/facts — A family’s declared facts, their history and its vulnerable-family classification */
  getFamiliesByIdFacts(input: GetFamiliesByIdFactsInput): Promise<GetFamiliesByIdFactsResponse> {
    return this.transport.call<GetFamiliesByIdFactsResponse>("GET", "/api/v1/families/{id}/facts", input);
  }

  /** POST /api/v1/families/{id}/facts — Record the facts a family declares (sworn statement by default) */
  postFamiliesByIdFacts(input: PostFamiliesByIdFactsInput): Promise<PostFamiliesByIdFactsResponse> {
    return this.transport.call<PostFamiliesByIdFactsResponse>("POST", "/api/v1/families/{id}/facts", input);
  }

  /** POST /api/v1/follow-up/letters.pdf — Print the pending letters for families without e-mail (marks them as sent); 204 when there are none */
  postFollowUpLettersPdf(input: PostFollowUpLettersPdfInput = {}): Promise<PostFollowUpLettersPdfResponse> {
    return this.transport.call<PostFollowUpLettersPdfResponse>("POST", "/api/v1/follow-up/letters.pdf", input);
  }

  /** GET /api/v1/follow-up/no-place-yet — Families without a place within the desk’s warning time (default 6 months) before their start */
  getFollowUpNoPlaceYet(input: GetFollowUpNoPlaceYetInput = {}): Promise<GetFollowUpNoPlaceYetResponse> {
    return this.transport.call<GetFollowUpNoPlaceYetResponse>("GET", "/api/v1/follow-up/no-place-yet", input);
  }

  /** GET /api/v1/follow-up/no-place-yet.csv — The same list as CSV */
  getFollowUpNoPlaceYetCsv(input: GetFollowUpNoPlaceYetCsvInput = {}): Promise<GetFollowUpNoPlaceYetCsvResponse> {
    return this.transport.call<GetFollowUpNoPlaceYetCsvResponse>("GET", "/api/v1/follow-up/no-place-yet.csv", input);
  }

  /** GET /api/v1/follow-up/overdue-responses — Requests a provider did not answer within the desk’s time (default 21 days) */
  getFollowUpOverdueResponses(input: GetFollowUpOverdueResponsesInput = {}): Promise<GetFollowUpOverdueResponsesResponse> {
    return this.transport.call<GetFollowUpOverdueResponsesResponse>("GET", "/api/v1/follow-up/overdue-responses", input);
  }

  /** GET /api/v1/follow-up/overdue-responses.csv — The same list as CSV */
  getFollowUpOverdueResponsesCsv(input: GetFollowUpOverdueResponsesCsvInput = {}): Promise<GetFollowUpOverdueResponsesCsvResponse> {
    return this.transport.call<GetFollowUpOverdueResponsesCsvResponse>("GET", "/api/v1/follow-up/overdue-responses.csv", input);
  }

  /** GET /api/v1/imports — The desk’s imports, newest first */
  listImports(input: ListImportsInput = {}): Promise<ListImportsResponse> {
    return this.transport.call<ListImportsResponse>("GET", "/api/v1/imports", input);
  }

  /** POST /api/v1/imports — Import a waiting list all or nothing (200), refused with every problem row (422), or in the background (202, ?background=true) */
  commitImport(input: CommitImportInput): Promise<CommitImportResponse> {
    return this.transport.call<CommitImportResponse>("POST", "/api/v1/imports", input);
  }

  /** POST /api/v1/imports/preview — Check a waiting list (xlsx or csv) without importing: every problem row by line, and what would be created */
  previewImport(input: PreviewImportInput): Promise<PreviewImportResponse> {
    return this.transport.call<PreviewImportResponse>("POST", "/api/v1/imports/preview", input);
  }

  /** GET /api/v1/imports/{id} — Where an import stands (poll this while it runs) */
  getImportProgress(input: GetImportProgressInput): Promise<GetImportProgressResponse> {
    return this.transport.call<GetImportProgressResponse>("GET", "/api/v1/imports/{id}", input);
  }

  /** GET /api/v1/imports/{id}/report — A finished import’s outcome with its problem rows */
  getImportReport(input: GetImportReportInput): Promise<GetImportReportResponse> {
    return this.transport.call<GetImportReportResponse>("GET", "/api/v1/imports/{id}/report", input);
  }

  /** POST /api/v1/integration/capacity — Open seats per weekday from a date on, for many locations at once: all items or none, with a problem per item Send an Idempotency-Key header: a retry with the same key returns the first answer and stores nothing twice. */
  publishCapacity(input: PublishCapacityInput): Promise<PublishCapacityResponse> {
    return this.transport.call<PublishCapacityResponse>("POST", "/api/v1/integration/capacity", input);
  }

  /** GET /api/v1/integration/clients — The API clients of your organiser (never their secrets) */
  listClients(input: ListClientsInput = {}): Promise<ListClientsResponse> {
    return this.transport.call<ListClientsResponse>("GET", "/api/v1/integration/clients", input);
  }

  /** POST /api/v1/integration/clients — Issue an API client for provider software; the secret is shown once */
  createClient(input: CreateClientInput): Promise<CreateClientResponse> {
    return this.transport.call<CreateClientResponse>("POST", "/api/v1/integration/clients", input);
  }

  /** POST /api/v1/integration/clients/{id}/revoke — Revoke a client: its tokens and webhook stop at once */
  revokeClient(input: RevokeClientInput): Promise<RevokeClientResponse> {
    return this.transport.call<RevokeClientResponse>("POST", "/api/v1/integration/clients/{id}/revoke", input);
  }

  /** POST /api/v1/integration/clients/{id}/rotate — A new secret, shown once; the old secret and its tokens stop at once */
  rotateClient(input: RotateClientInput): Promise<RotateClientResponse> {
    return this.transport.call<RotateClientResponse>("POST", "/api/v1/integration/clients/{id}/rotate", input);
  }

  /** DELETE /api/v1/integration/clients/{id}/webhook — Remove the webhook */
  removeWebhook(input: RemoveWebhookInput): Promise<RemoveWebhookResponse> {
    return this.transport.call<RemoveWebhookResponse>("DELETE", "/api/v1/integration/clients/{id}/webhook", input);
  }

  /** GET /api/v1/integration/clients/{id}/webhook — The webhook’s delivery state: cursor, failures, switched off or not */
  getWebhook(input: GetWebhookInput): Promise<GetWebhookResponse> {
    return this.transport.call<GetWebhookResponse>("GET", "/api/v1/integration/clients/{id}/webhook", input);
  }

  /** PUT /api/v1/integration/clients/{id}/webhook — Set the client’s webhook (or switch it back on); the signing secret is shown when new */
  setWebhook(input: SetWebhookInput): Promise<SetWebhookResponse> {
    return this.transport.call<SetWebhookResponse>("PUT", "/api/v1/integration/clients/{id}/webhook", input);
  }

  /** GET /api/v1/integration/locations/{id}/requests — Requests that list one of your locations (open ones by default) */
  listLocationRequests(input: ListLocationRequestsInput): Promise<ListLocationRequestsResponse> {
    return this.transport.call<ListLocationRequestsResponse>("GET", "/api/v1/integration/locations/{id}/requests", input);
  }

  /** GET /api/v1/integration/placements — Placements at your organiser’s locations */
  listPlacements(input: ListPlacementsInput = {}): Promise<ListPlacementsResponse> {
    return this.transport.call<ListPlacementsResponse>("GET", "/api/v1/integration/placements", input);
  }

  /** POST /api/v1/integration/placements — Report actual starts, earlier ends and departures of placements: all items or none Send an Idempotency-Key header: a retry with the same key returns the first answer and stores nothing twice. */
  reportPlacements(input: ReportPlacementsInput): Promise<ReportPlacementsResponse> {
    return this.transport.call<ReportPlacementsResponse>("POST", "/api/v1/integration/placements", input);
  }

  /** GET /api/v1/locations — Childcare locations */
  getLocations(input: GetLocationsInput = {}): Promise<GetLocationsResponse> {
    return this.transport.call<GetLocationsResponse>("GET", "/api/v1/locations", input);
  }

  /** POST /api/v1/locations — Add a childcare location */
  postLocations(input: PostLocationsInput): Promise<PostLocationsResponse> {
    return this.transport.call<PostLocationsResponse>("POST", "/api/v1/locations", input);
  }

  /** GET /api/v1/locations/{id} */
  getLocationsById(input: GetLocationsByIdInput): Promise<GetLocationsByIdResponse> {
    return this.transport.call<GetLocationsByIdResponse>("GET", "/api/v1/locations/{id}", input);
  }

  /** GET /api/v1/locations/{id}/candidates — Ranked, explained candidates for a free place */
  getLocationsByIdCandidates(input: GetLocationsByIdCandidatesInput): Promise<GetLocationsByIdCandidatesResponse> {
    return this.transport.call<GetLocationsByIdCandidatesResponse>("GET", "/api/v1/locations/{id}/candidates", input);
  }

  /** PUT /api/v1/locations/{id}/capacity — State the open seats per weekday from a date on */
  putLocationsByIdCapacity(input: PutLocationsByIdCapacityInput): Promise<PutLocationsByIdCapacityResponse> {
    return this.transport.call<PutLocationsByIdCapacityResponse>("PUT", "/api/v1/locations/{id}/capacity", input);
  }

  /** POST /api/v1/locations/{id}/deviations — Record a place given outside the rule order, with its advice */
  postLocationsByIdDeviations(input: PostLocationsByIdDeviationsInput): Promise<PostLocationsByIdDeviationsResponse> {
    return this.transport.call<PostLocationsByIdDeviationsResponse>("POST", "/api/v1/locations/{id}/deviations", input);
  }

  /** GET /api/v1/locations/{id}/free-seats — Seats free on each weekday for the whole period */
  getLocationsByIdFreeSeats(input: GetLocationsByIdFreeSeatsInput): Promise<GetLocationsByIdFreeSeatsResponse> {
    return this.transport.call<GetLocationsByIdFreeSeatsResponse>("GET", "/api/v1/locations/{id}/free-seats", input);
  }

  /** GET /api/v1/locations/{id}/occupancy — Month by month: open, used and free seats per weekday */
  getLocationsByIdOccupancy(input: GetLocationsByIdOccupancyInput): Promise<GetLocationsByIdOccupancyResponse> {
    return this.transport.call<GetLocationsByIdOccupancyResponse>("GET", "/api/v1/locations/{id}/occupancy", input);
  }

  /** PUT /api/v1/locations/{id}/rule-settings — Group order (where allowed) and tie-break for a location */
  putLocationsByIdRuleSettings(input: PutLocationsByIdRuleSettingsInput): Promise<PutLocationsByIdRuleSettingsResponse> {
    return this.transport.call<PutLocationsByIdRuleSettingsResponse>("PUT", "/api/v1/locations/{id}/rule-settings", input);
  }

  /** GET /api/v1/locations/{id}/what-if — Occupancy over 3 and 6 months with and without a request’s child */
  getLocationsByIdWhatIf(input: GetLocationsByIdWhatIfInput): Promise<GetLocationsByIdWhatIfResponse> {
    return this.transport.call<GetLocationsByIdWhatIfResponse>("GET", "/api/v1/locations/{id}/what-if", input);
  }

  /** GET /api/v1/matching-rounds — The desk’s rounds */
  getMatchingRounds(input: GetMatchingRoundsInput = {}): Promise<GetMatchingRoundsResponse> {
    return this.transport.call<GetMatchingRoundsResponse>("GET", "/api/v1/matching-rounds", input);
  }

  /** POST /api/v1/matching-rounds — Run a matching round for a start month (snapshot, seed, metrics and verifier report are stored) */
  postMatchingRounds(input: PostMatchingRoundsInput): Promise<PostMatchingRoundsResponse> {
    return this.transport.call<PostMatchingRoundsResponse>("POST", "/api/v1/matching-rounds", input);
  }

  /** GET /api/v1/matching-rounds/{id} — A round: metrics and verifier report for the desk, own proposals for a provider */
  getMatchingRoundsById(input: GetMatchingRoundsByIdInput): Promise<GetMatchingRoundsByIdResponse> {
    return this.transport.call<GetMatchingRoundsByIdResponse>("GET", "/api/v1/matching-rounds/{id}", input);
  }

  /** POST /api/v1/matching-rounds/{id}/reproduce — Rerun a round on its stored snapshot and seed */
  postMatchingRoundsByIdReproduce(input: PostMatchingRoundsByIdReproduceInput): Promise<PostMatchingRoundsByIdReproduceResponse> {
    return this.transport.call<PostMatchingRoundsByIdReproduceResponse>("POST", "/api/v1/matching-rounds/{id}/reproduce", input);
  }

  /** GET /api/v1/me — The logged-in account */
  getMe(input: GetMeInput = {}): Promise<GetMeResponse> {
    return this.transport.call<GetMeResponse>("GET", "/api/v1/me", input);
  }

  /** GET /api/v1/municipalities — Municipalities (NIS code and name) */
  getMunicipalities(input: GetMunicipalitiesInput = {}): Promise<GetMunicipalitiesResponse> {
    return this.transport.call<GetMunicipalitiesResponse>("GET", "/api/v1/municipalities", input);
  }

  /** POST /api/v1/oauth/token — OAuth 2.0 client credentials: exchange client_id and client_secret for a bearer token (1 hour) */
  createToken(input: CreateTokenInput): Promise<CreateTokenResponse> {
    return this.transport.call<CreateTokenResponse>("POST", "/api/v1/oauth/token", input, "application/x-www-form-urlencoded");
  }

  /** POST /api/v1/offers — Offer a place with a deadline (seats are held until the answer) Send an Idempotency-Key header: a retried request with the same key returns the first answer. */
  postOffers(input: PostOffersInput): Promise<PostOffersResponse> {
    return this.transport.call<PostOffersResponse>("POST", "/api/v1/offers", input);
  }

  /** POST /api/v1/offers/{id}/answer — Accept, accept and keep waiting for a higher wish, or decline Send an Idempotency-Key header: a retried request with the same key returns the first answer. */
  postOffersByIdAnswer(input: PostOffersByIdAnswerInput): Promise<PostOffersByIdAnswerResponse> {
    return this.transport.call<PostOffersByIdAnswerResponse>("POST", "/api/v1/offers/{id}/answer", input);
  }

  /** GET /api/v1/organisers — Childcare organisers */
  getOrganisers(input: GetOrganisersInput = {}): Promise<GetOrganisersResponse> {
    return this.transport.call<GetOrganisersResponse>("GET", "/api/v1/organisers", input);
  }

  /** POST /api/v1/organisers — Register an organiser (KBO number checked) */
  postOrganisers(input: PostOrganisersInput): Promise<PostOrganisersResponse> {
    return this.transport.call<PostOrganisersResponse>("POST", "/api/v1/organisers", input);
  }

  /** GET /api/v1/organisers/{id} */
  getOrganisersById(input: GetOrganisersByIdInput): Promise<GetOrganisersByIdResponse> {
    return this.transport.call<GetOrganisersByIdResponse>("GET", "/api/v1/organisers/{id}", input);
  }

  /** GET /api/v1/pilots — Vroeg en Nabij pilots */
  getPilots(input: GetPilotsInput = {}): Promise<GetPilotsResponse> {
    return this.transport.call<GetPilotsResponse>("GET", "/api/v1/pilots", input);
  }

  /** POST /api/v1/pilots — Register a pilot (refused with a message per unmet condition of the call) */
  postPilots(input: PostPilotsInput): Promise<PostPilotsResponse> {
    return this.transport.call<PostPilotsResponse>("POST", "/api/v1/pilots", input);
  }

  /** POST /api/v1/pilots/check — Check a pilot against the Vroeg en Nabij call without storing it */
  postPilotsCheck(input: PostPilotsCheckInput): Promise<PostPilotsCheckResponse> {
    return this.transport.call<PostPilotsCheckResponse>("POST", "/api/v1/pilots/check", input);
  }

  /** GET /api/v1/pilots/{id} — A pilot with its area, partners and the call’s conditions */
  getPilotsById(input: GetPilotsByIdInput): Promise<GetPilotsByIdResponse> {
    return this.transport.call<GetPilotsByIdResponse>("GET", "/api/v1/pilots/{id}", input);
  }

  /** PUT /api/v1/pilots/{id} — Change a pilot (the conditions are checked again) */
  putPilotsById(input: PutPilotsByIdInput): Promise<PutPilotsByIdResponse> {
    return this.transport.call<PutPilotsByIdResponse>("PUT", "/api/v1/pilots/{id}", input);
  }

  /** GET /api/v1/pilots/{id}/indicators — The pilot’s indicators per quarter */
  getPilotsByIdIndicators(input: GetPilotsByIdIndicatorsInput): Promise<GetPilotsByIdIndicatorsResponse> {
    return this.transport.call<GetPilotsByIdIndicatorsResponse>("GET", "/api/v1/pilots/{id}/indicators", input);
  }

  /** GET /api/v1/pilots/{id}/indicators.csv — The same indicators as CSV (semicolons, for Excel) */
  getPilotsByIdIndicatorsCsv(input: GetPilotsByIdIndicatorsCsvInput): Promise<GetPilotsByIdIndicatorsCsvResponse> {
    return this.transport.call<GetPilotsByIdIndicatorsCsvResponse>("GET", "/api/v1/pilots/{id}/indicators.csv", input);
  }

  /** GET /api/v1/practices — Search the practice library (desk staff only) */
  getPractices(input: GetPracticesInput = {}): Promise<GetPracticesResponse> {
    return this.transport.call<GetPracticesResponse>("GET", "/api/v1/practices", input);
  }

  /** POST /api/v1/practices — Add a practice or tip from an intervision round */
  postPractices(input: PostPracticesInput): Promise<PostPracticesResponse> {
    return this.transport.call<PostPracticesResponse>("POST", "/api/v1/practices", input);
  }

  /** GET /api/v1/public/context.jsonld — The JSON-LD @context: Nabij fields on OSLO terms */
  getJsonLdContext(input: GetJsonLdContextInput = {}): Promise<GetJsonLdContextResponse> {
    return this.transport.call<GetJsonLdContextResponse>("GET", "/api/v1/public/context.jsonld", input);
  }

  /** GET /api/v1/public/free-capacity.jsonld — Free full-day seats per weekday over the next 3 months, per municipality, as JSON-LD */
  getFreeCapacityJsonLd(input: GetFreeCapacityJsonLdInput = {}): Promise<GetFreeCapacityJsonLdResponse> {
    return this.transport.call<GetFreeCapacityJsonLdResponse>("GET", "/api/v1/public/free-capacity.jsonld", input);
  }

  /** GET /api/v1/public/locations.jsonld — Childcare locations as JSON-LD (OSLO Organisatie Basis: Vestiging, Adresregister: adres) */
  getLocationsJsonLd(input: GetLocationsJsonLdInput = {}): Promise<GetLocationsJsonLdResponse> {
    return this.transport.call<GetLocationsJsonLdResponse>("GET", "/api/v1/public/locations.jsonld", input);
  }

  /** GET /api/v1/public/organisers.jsonld — Organisers as JSON-LD (registered organisations with their KBO number) */
  getOrganisersJsonLd(input: GetOrganisersJsonLdInput = {}): Promise<GetOrganisersJsonLdResponse> {
    return this.transport.call<GetOrganisersJsonLdResponse>("GET", "/api/v1/public/organisers.jsonld", input);
  }

  /** GET /api/v1/referrals — Referrals sent (progress only) or received by one’s organisation (while the consent holds) */
  getReferrals(input: GetReferralsInput = {}): Promise<GetReferralsResponse> {
    return this.transport.call<GetReferralsResponse>("GET", "/api/v1/referrals", input);
  }

  /** POST /api/v1/referrals — Refer a family to a service, with the family’s consent (what, with whom, why, until when) */
  postReferrals(input: PostReferralsInput): Promise<PostReferralsResponse> {
    return this.transport.call<PostReferralsResponse>("POST", "/api/v1/referrals", input);
  }

  /** GET /api/v1/referrals/{id} — One referral: the receiver sees the shared data, the referrer status and dates only */
  getReferralsById(input: GetReferralsByIdInput): Promise<GetReferralsByIdResponse> {
    return this.transport.call<GetReferralsByIdResponse>("GET", "/api/v1/referrals/{id}", input);
  }

  /** POST /api/v1/referrals/{id}/notes — A note on the support, for the receiving organisation only */
  postReferralsByIdNotes(input: PostReferralsByIdNotesInput): Promise<PostReferralsByIdNotesResponse> {
    return this.transport.call<PostReferralsByIdNotesResponse>("POST", "/api/v1/referrals/{id}/notes", input);
  }

  /** POST /api/v1/referrals/{id}/transitions — Received, contact made, support started, closed (with outcome) or declined (with reason) */
  postReferralsByIdTransitions(input: PostReferralsByIdTransitionsInput): Promise<PostReferralsByIdTransitionsResponse> {
    return this.transport.call<PostReferralsByIdTransitionsResponse>("POST", "/api/v1/referrals/{id}/transitions", input);
  }

  /** GET /api/v1/reports/dashboard — The real-demand dashboard as data */
  getReportsDashboard(input: GetReportsDashboardInput = {}): Promise<GetReportsDashboardResponse> {
    return this.transport.call<GetReportsDashboardResponse>("GET", "/api/v1/reports/dashboard", input);
  }

  /** GET /api/v1/reports/dashboard.html — The real-demand dashboard as a page: charts with a table beside each */
  getReportsDashboardHtml(input: GetReportsDashboardHtmlInput = {}): Promise<GetReportsDashboardHtmlResponse> {
    return this.transport.call<GetReportsDashboardHtmlResponse>("GET", "/api/v1/reports/dashboard.html", input);
  }

  /** GET /api/v1/reports/keyed-export — The year’s requests with pseudonymous child keys, without identities, to combine with other installations */
  getReportsKeyedExport(input: GetReportsKeyedExportInput): Promise<GetReportsKeyedExportResponse> {
    return this.transport.call<GetReportsKeyedExportResponse>("GET", "/api/v1/reports/keyed-export", input);
  }

  /** POST /api/v1/reports/keyed-export/combine — Combine keyed exports of several installations: unique children next to the raw sum */
  postReportsKeyedExportCombine(input: PostReportsKeyedExportCombineInput): Promise<PostReportsKeyedExportCombineResponse> {
    return this.transport.call<PostReportsKeyedExportCombineResponse>("POST", "/api/v1/reports/keyed-export/combine", input);
  }

  /** POST /api/v1/reports/policy-simulation — Rerun the current requests and capacity under another rule set or tie-break and compare per group */
  postReportsPolicySimulation(input: PostReportsPolicySimulationInput): Promise<PostReportsPolicySimulationResponse> {
    return this.transport.call<PostReportsPolicySimulationResponse>("POST", "/api/v1/reports/policy-simulation", input);
  }

  /** GET /api/v1/reports/yearly-figures — The desk’s yearly figures for Opgroeien, by municipality of residence */
  getReportsYearlyFigures(input: GetReportsYearlyFiguresInput): Promise<GetReportsYearlyFiguresResponse> {
    return this.transport.call<GetReportsYearlyFiguresResponse>("GET", "/api/v1/reports/yearly-figures", input);
  }

  /** GET /api/v1/reports/yearly-figures.csv — The same figures as CSV (semicolons, for Excel) */
  getReportsYearlyFiguresCsv(input: GetReportsYearlyFiguresCsvInput): Promise<GetReportsYearlyFiguresCsvResponse> {
    return this.transport.call<GetReportsYearlyFiguresCsvResponse>("GET", "/api/v1/reports/yearly-figures.csv", input);
  }

  /** GET /api/v1/reports/yearly-figures.xlsx — The same figures as an Excel workbook */
  getReportsYearlyFiguresXlsx(input: GetReportsYearlyFiguresXlsxInput): Promise<GetReportsYearlyFiguresXlsxResponse> {
    return this.transport.call<GetReportsYearlyFiguresXlsxResponse>("GET", "/api/v1/reports/yearly-figures.xlsx", input);
  }

  /** GET /api/v1/reports/yearly-figures/requests — The requests behind one number of the figures */
  getReportsYearlyFiguresRequests(input: GetReportsYearlyFiguresRequestsInput): Promise<GetReportsYearlyFiguresRequestsResponse> {
    return this.transport.call<GetReportsYearlyFiguresRequestsResponse>("GET", "/api/v1/reports/yearly-figures/requests", input);
  }

  /** GET /api/v1/requests — Requests the caller may see */
  getRequests(input: GetRequestsInput = {}): Promise<GetRequestsResponse> {
    return this.transport.call<GetRequestsResponse>("GET", "/api/v1/requests", input);
  }

  /** POST /api/v1/requests — Register a childcare request Creates the request (201), or returns the child’s open request (200) with a message: one open request per child. */
  postRequests(input: PostRequestsInput): Promise<PostRequestsResponse> {
    return this.transport.call<PostRequestsResponse>("POST", "/api/v1/requests", input);
  }

  /** GET /api/v1/requests/{id} */
  getRequestsById(input: GetRequestsByIdInput): Promise<GetRequestsByIdResponse> {
    return this.transport.call<GetRequestsByIdResponse>("GET", "/api/v1/requests/{id}", input);
  }

  /** POST /api/v1/requests/{id}/deviation-advice — Advise a provider to deviate from the rule order for this request */
  postRequestsByIdDeviationAdvice(input: PostRequestsByIdDeviationAdviceInput): Promise<PostRequestsByIdDeviationAdviceResponse> {
    return this.transport.call<PostRequestsByIdDeviationAdviceResponse>("POST", "/api/v1/requests/{id}/deviation-advice", input);
  }

  /** GET /api/v1/requests/{id}/offers — The offers for a request */
  getRequestsByIdOffers(input: GetRequestsByIdOffersInput): Promise<GetRequestsByIdOffersResponse> {
    return this.transport.call<GetRequestsByIdOffersResponse>("GET", "/api/v1/requests/{id}/offers", input);
  }

  /** GET /api/v1/requests/{id}/proof.pdf — The proof of registration as PDF */
  getRequestsByIdProofPdf(input: GetRequestsByIdProofPdfInput): Promise<GetRequestsByIdProofPdfResponse> {
    return this.transport.call<GetRequestsByIdProofPdfResponse>("GET", "/api/v1/requests/{id}/proof.pdf", input);
  }

  /** POST /api/v1/requests/{id}/responses — A provider’s response to a request for its location */
  postRequestsByIdResponses(input: PostRequestsByIdResponsesInput): Promise<PostRequestsByIdResponsesResponse> {
    return this.transport.call<PostRequestsByIdResponsesResponse>("POST", "/api/v1/requests/{id}/responses", input);
  }

  /** POST /api/v1/requests/{id}/transitions — Move a request to another status */
  postRequestsByIdTransitions(input: PostRequestsByIdTransitionsInput): Promise<PostRequestsByIdTransitionsResponse> {
    return this.transport.call<PostRequestsByIdTransitionsResponse>("POST", "/api/v1/requests/{id}/transitions", input);
  }

  /** POST /api/v1/round-proposals/{id}/answer — Confirm a proposal, or reject it with a reason */
  postRoundProposalsByIdAnswer(input: PostRoundProposalsByIdAnswerInput): Promise<PostRoundProposalsByIdAnswerResponse> {
    return this.transport.call<PostRoundProposalsByIdAnswerResponse>("POST", "/api/v1/round-proposals/{id}/answer", input);
  }

  /** GET /api/v1/rule-sets — The priority-rule sets this installation judges with, as data */
  getRuleSets(input: GetRuleSetsInput = {}): Promise<GetRuleSetsResponse> {
    return this.transport.call<GetRuleSetsResponse>("GET", "/api/v1/rule-sets", input);
  }

  /** POST /api/v1/search/people — Find children and families by name, birth or due date, national number (exact) or request number; audited */
  searchPeople(input: SearchPeopleInput): Promise<SearchPeopleResponse> {
    return this.transport.call<SearchPeopleResponse>("POST", "/api/v1/search/people", input);
  }

  /** GET /api/v1/social-map/export.json — The whole social map as HSDS 3.0 JSON */
  getSocialMapExportJson(input: GetSocialMapExportJsonInput = {}): Promise<GetSocialMapExportJsonResponse> {
    return this.transport.call<GetSocialMapExportJsonResponse>("GET", "/api/v1/social-map/export.json", input);
  }

  /** POST /api/v1/social-map/import — Import HSDS JSON: all or nothing, with a problem per item; items are matched by id */
  postSocialMapImport(input: PostSocialMapImportInput): Promise<PostSocialMapImportResponse> {
    return this.transport.call<PostSocialMapImportResponse>("POST", "/api/v1/social-map/import", input);
  }

  /** GET /api/v1/social-map/organizations — Organisations on the social map */
  getSocialMapOrganizations(input: GetSocialMapOrganizationsInput = {}): Promise<GetSocialMapOrganizationsResponse> {
    return this.transport.call<GetSocialMapOrganizationsResponse>("GET", "/api/v1/social-map/organizations", input);
  }

  /** POST /api/v1/social-map/organizations — Add an organisation (HSDS organization with locations and services) */
  postSocialMapOrganizations(input: PostSocialMapOrganizationsInput): Promise<PostSocialMapOrganizationsResponse> {
    return this.transport.call<PostSocialMapOrganizationsResponse>("POST", "/api/v1/social-map/organizations", input);
  }

  /** GET /api/v1/social-map/organizations/{id} — One organisation as HSDS, with its locations, services and contacts */
  getSocialMapOrganizationsById(input: GetSocialMapOrganizationsByIdInput): Promise<GetSocialMapOrganizationsByIdResponse> {
    return this.transport.call<GetSocialMapOrganizationsByIdResponse>("GET", "/api/v1/social-map/organizations/{id}", input);
  }

  /** PUT /api/v1/social-map/organizations/{id} — Change an organisation: its locations and services are updated by id, contacts and hours replaced */
  putSocialMapOrganizationsById(input: PutSocialMapOrganizationsByIdInput): Promise<PutSocialMapOrganizationsByIdResponse> {
    return this.transport.call<PutSocialMapOrganizationsByIdResponse>("PUT", "/api/v1/social-map/organizations/{id}", input);
  }

  /** PUT /api/v1/social-map/organizations/{id}/settings — The organisation’s agreed time to pick up a referral */
  putSocialMapOrganizationsByIdSettings(input: PutSocialMapOrganizationsByIdSettingsInput): Promise<PutSocialMapOrganizationsByIdSettingsResponse> {
    return this.transport.call<PutSocialMapOrganizationsByIdSettingsResponse>("PUT", "/api/v1/social-map/organizations/{id}/settings", input);
  }

  /** GET /api/v1/social-map/services — Search active services by need, child’s age, municipality and language (public: the parent portal) */
  getSocialMapServices(input: GetSocialMapServicesInput = {}): Promise<GetSocialMapServicesResponse> {
    return this.transport.call<GetSocialMapServicesResponse>("GET", "/api/v1/social-map/services", input);
  }

  /** GET /api/v1/social-map/services/{id} — One active service as the public sees it */
  getSocialMapServicesById(input: GetSocialMapServicesByIdInput): Promise<GetSocialMapServicesByIdResponse> {
    return this.transport.call<GetSocialMapServicesByIdResponse>("GET", "/api/v1/social-map/services/{id}", input);
  }

  /** GET /api/v1/social-map/vocabularies — The needs and target groups services are tagged with (public) */
  getSocialMapVocabularies(input: GetSocialMapVocabulariesInput = {}): Promise<GetSocialMapVocabulariesResponse> {
    return this.transport.call<GetSocialMapVocabulariesResponse>("GET", "/api/v1/social-map/vocabularies", input);
  }

  /** PUT /api/v1/statistics/births — Load birth numbers per municipality and year (all or nothing) */
  putStatisticsBirths(input: PutStatisticsBirthsInput): Promise<PutStatisticsBirthsResponse> {
    return this.transport.call<PutStatisticsBirthsResponse>("PUT", "/api/v1/statistics/births", input);
  }

  /** POST /api/v1/subsidy-groups — Register or update a subsidy group (by its Opgroeien number) and link its locations */
  postSubsidyGroups(input: PostSubsidyGroupsInput): Promise<PostSubsidyGroupsResponse> {
    return this.transport.call<PostSubsidyGroupsResponse>("POST", "/api/v1/subsidy-groups", input);
  }

  /** GET /api/v1/subsidy-groups/{id}/opgroeien/{form} — Opgroeien’s yearly provider file as XML: FO-RE-19 (priority groups) or FO-RE-30 (vulnerable families) */
  getSubsidyGroupsByIdOpgroeienByForm(input: GetSubsidyGroupsByIdOpgroeienByFormInput): Promise<GetSubsidyGroupsByIdOpgroeienByFormResponse> {
    return this.transport.call<GetSubsidyGroupsByIdOpgroeienByFormResponse>("GET", "/api/v1/subsidy-groups/{id}/opgroeien/{form}", input);
  }

  /** GET /api/v1/support-assignments — Specialised support one may see: the location’s staff, its desk, the supporting organisation */
  getSupportAssignments(input: GetSupportAssignmentsInput = {}): Promise<GetSupportAssignmentsResponse> {
    return this.transport.call<GetSupportAssignmentsResponse>("GET", "/api/v1/support-assignments", input);
  }

  /** POST /api/v1/support-assignments — Record that a service supports a child in its childcare location (bijschakeling) */
  postSupportAssignments(input: PostSupportAssignmentsInput): Promise<PostSupportAssignmentsResponse> {
    return this.transport.call<PostSupportAssignmentsResponse>("POST", "/api/v1/support-assignments", input);
  }

  /** GET /api/v1/support-assignments/{id} */
  getSupportAssignmentsById(input: GetSupportAssignmentsByIdInput): Promise<GetSupportAssignmentsByIdResponse> {
    return this.transport.call<GetSupportAssignmentsByIdResponse>("GET", "/api/v1/support-assignments/{id}", input);
  }

  /** PUT /api/v1/users/{id}/social-map-organization — Tie a staff account to a social-map organisation: it then receives that organisation’s referrals */
  putUsersByIdSocialMapOrganization(input: PutUsersByIdSocialMapOrganizationInput): Promise<PutUsersByIdSocialMapOrganizationResponse> {
    return this.transport.call<PutUsersByIdSocialMapOrganizationResponse>("PUT", "/api/v1/users/{id}/social-map-organization", input);
  }
}
