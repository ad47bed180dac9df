// Request and response schemas of the integration API (OAuth, clients, webhooks, feed, bulk calls, linked data).
import { Type } from '@sinclair/typebox';
import { CalendarDate, Uuid } from './schemas.ts';

export const TokenBody = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ maxLength: 100, description: 'Always client_credentials' })),
    client_id: Type.Optional(Type.String({ maxLength: 100, description: 'Or send it with HTTP Basic' })),
    client_secret: Type.Optional(Type.String({ maxLength: 200, description: 'Or send it with HTTP Basic' })),
    scope: Type.Optional(Type.String({ maxLength: 200, description: 'Ignored: a client always acts for its own organiser' })),
  },
  { additionalProperties: false },
);
export const TokenResponse = Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer() });

export const ClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'For example the name of the provider software' }),
    organiserId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
const ClientFields = {
  id: Uuid,
  clientId: Type.String({ description: 'The client_id for the token endpoint (same as id)' }),
  organiserId: Uuid,
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  rotatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};
export const ClientView = Type.Object(ClientFields);
export const ClientWithSecret = Type.Object({ ...ClientFields, clientSecret: Type.String({ description: 'Shown once: store it now' }) });

export const WebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 500, description: 'Where events are POSTed (one CloudEvent per request)' }),
    rotateSecret: Type.Optional(Type.Boolean({ description: 'Issue a new signing secret' })),
    from: Type.Optional(Type.Union([Type.Literal('now'), Type.Literal('start')], { description: 'For a new webhook: deliver events from now on (default) or the whole feed' })),
  },
  { additionalProperties: false },
);
const WebhookFields = {
  clientId: Uuid,
  url: Type.String(),
  deliveredCursor: Type.String(),
  failures: Type.Integer(),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
};
export const WebhookView = Type.Object(WebhookFields);
export const WebhookWithSecret = Type.Object({ ...WebhookFields, secret: Type.Union([Type.String(), Type.Null()], { description: 'The signing secret, only when new or rotated' }) });

export const FeedQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'The cursor from the previous page (`next`); leave out to start at the beginning' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Events per page (default 100)' })),
  },
  { additionalProperties: false },
);
export const CloudEventSchema = Type.Object({
  specversion: Type.Literal('1.0'),
  id: Type.String(),
  source: Type.String(),
  type: Type.String({ description: 'be.nabij.request.registered, be.nabij.offer.accepted, …' }),
  subject: Type.String(),
  time: Type.String({ format: 'date-time' }),
  datacontenttype: Type.Literal('application/json'),
  nabijposition: Type.String({ description: 'Feed position of this event' }),
  data: Type.Object({}, { additionalProperties: true }),
});
export const FeedPage = Type.Object({
  events: Type.Array(CloudEventSchema),
  next: Type.String({ description: 'The cursor to send as `after` next time' }),
  more: Type.Boolean({ description: 'The page was full: ask again at once' }),
});

const Seats = Type.Array(Type.Integer({ minimum: 0, maximum: 200 }), { minItems: 5, maxItems: 5, description: 'Open (staffed) seats Monday to Friday' });
export const BulkCapacityBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          locationId: Type.Optional(Uuid),
          opgroeienId: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$', description: 'Opgroeien location id, instead of locationId' })),
          validFrom: CalendarDate,
          openSeats: Seats,
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20_000 },
    ),
  },
  { additionalProperties: false },
);
export const BulkResult = Type.Object({ stored: Type.Integer(), locations: Type.Optional(Type.Integer()) });

export const PlacementReportBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          placementId: Uuid,
          start: Type.Optional(CalendarDate),
          end: Type.Optional(CalendarDate),
          departedOn: Type.Optional(CalendarDate),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5_000 },
    ),
  },
  { additionalProperties: false },
);
export const PlacementQuery = Type.Object(
  {
    locationId: Type.Optional(Uuid),
    activeOn: Type.Optional(CalendarDate),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export const LocationRequestsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export const LinkedDataQuery = Type.Object(
  { context: Type.Optional(Type.Union([Type.Literal('embed'), Type.Literal('link')], { description: 'Embed the @context (default) or link to the one Nabij serves' })) },
  { additionalProperties: false },
);
