// Request schemas for waiting-list imports, exports and people search.
import { Type } from '@sinclair/typebox';
import { CalendarDate, Uuid } from './schemas.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Mapping = Type.Record(Type.String({ maxLength: 40 }), Type.String({ minLength: 1, maxLength: 200 }), {
  description: 'Field → column header (or 1-based column number), on top of the mapping found from the headers; see docs/import.md',
});

/** The JSON form of an upload: the file as base64, for clients that cannot send a raw body. */
export const ImportJsonBody = Type.Object(
  {
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    contentBase64: Type.String({ minLength: 1, maxLength: 28_000_000, description: 'The .xlsx or .csv file, base64-encoded' }),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'Detected from the bytes when left out' })),
    deskId: Type.Optional(Uuid),
    mapping: Type.Optional(Mapping),
  },
  { additionalProperties: false },
);

/** With a raw body (text/csv or the xlsx type) the options come in the query string. */
export const ImportQuery = Type.Object(
  {
    deskId: Type.Optional(Uuid),
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
    mapping: Type.Optional(Type.String({ maxLength: 2000, description: 'field=Column pairs separated by semicolons, e.g. child.dueDate=Verwacht;locations=Voorkeur' })),
    background: Type.Optional(Type.Boolean({ description: 'Commit only: answer 202 with the batch id at once and import in the background' })),
  },
  { additionalProperties: false },
);

export const ImportListQuery = Type.Object({ deskId: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });

const Format = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' });

export const RequestExportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    status: Type.Optional(Type.Union(['open', 'all', 'registered', 'active', 'offered', 'placed', 'withdrawn', 'lapsed', 'found_elsewhere', 'unknown_outcome'].map((s) => Type.Literal(s)))),
    locationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const PlacementExportQuery = Type.Object({ format: Type.Optional(Format), locationId: Type.Optional(Uuid), activeOn: Type.Optional(CalendarDate) }, { additionalProperties: false });

export const CandidateExportQuery = Type.Object(
  {
    format: Type.Optional(Format),
    start: CalendarDate,
    weekdays: Type.Optional(Type.String({ pattern: '^[1-7](,[1-7]){0,6}$', description: 'Free weekdays, e.g. 1,2,4' })),
    weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    startMonth: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' })),
    minAgeMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    maxAgeMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
  },
  { additionalProperties: false },
);

/** Search criteria go in a POST body, so that a national number never lands in a URL or an access log. */
export const PeopleSearchBody = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Free text: request number, national number, date or name' })),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    date: Type.Optional(Type.String({ maxLength: 20, description: 'Birth or due date: 31/01/2027 or 2027-01-31' })),
    insz: Type.Optional(Type.String({ maxLength: 20, description: 'National number of the child or a parent (exact)' })),
    number: Type.Optional(Type.String({ maxLength: 20, description: 'Request number, e.g. NB-2026-000123' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
