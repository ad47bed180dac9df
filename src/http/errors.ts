// Turns every error into a clear JSON answer: 4xx with field, code and Dutch and English text; 500 only for our own bugs.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UserError, type FieldProblem, type UserErrorKind } from '../domain/errors.ts';

const STATUS: Record<UserErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

export interface ErrorBody {
  error: { code: string; status: number; field: string | null; nl: string; en: string; details: FieldProblem[] };
}

export function errorBody(e: UserError): ErrorBody {
  return { error: { code: e.code, status: STATUS[e.kind], field: e.field, nl: e.nl, en: e.en, details: e.details } };
}

const TYPE_NL: Record<string, string> = { string: 'tekst', integer: 'geheel getal', number: 'getal', boolean: 'ja of nee', array: 'lijst', object: 'object', null: 'leeg' };

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** One Ajv schema error in the user's terms. */
function fieldProblem(e: AjvError, context: string): FieldProblem {
  const base = e.instancePath.split('/').filter(Boolean).join('.');
  const at = (extra: unknown) => [base, String(extra)].filter(Boolean).join('.');
  const prefix = context === 'body' ? '' : `${context}.`;
  const pr = (field: string, code: string, nl: string, en: string): FieldProblem => ({ field: prefix + field, code, nl, en });
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return pr(at(p.missingProperty), 'required', 'Dit veld is verplicht.', 'This field is required.');
    case 'additionalProperties':
      return pr(at(p.additionalProperty), 'unknown_field', 'Dit veld kennen we niet. Laat het weg.', 'This field is unknown. Leave it out.');
    case 'type':
      return pr(base, 'type', `Verwacht: ${TYPE_NL[String(p.type)] ?? String(p.type)}.`, `Expected: ${String(p.type)}.`);
    case 'format':
      if (p.format === 'date') return pr(base, 'date.format', 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01. De datum moet bestaan.', 'Write the date as YYYY-MM-DD, for example 2026-09-01. The date must exist.');
      if (p.format === 'uuid') return pr(base, 'id.format', 'Dit is geen geldige id.', 'This is not a valid id.');
      return pr(base, 'format', `Verkeerde vorm (${String(p.format)}).`, `Wrong format (${String(p.format)}).`);
    case 'minLength':
      return Number(p.limit) === 1
        ? pr(base, 'required', 'Dit veld mag niet leeg zijn.', 'This field may not be empty.')
        : pr(base, 'too_short', `Minstens ${String(p.limit)} tekens.`, `At least ${String(p.limit)} characters.`);
    case 'maxLength':
      return pr(base, 'too_long', `Hoogstens ${String(p.limit)} tekens.`, `At most ${String(p.limit)} characters.`);
    case 'minimum':
      return pr(base, 'too_small', `Minstens ${String(p.limit)}.`, `At least ${String(p.limit)}.`);
    case 'maximum':
      return pr(base, 'too_large', `Hoogstens ${String(p.limit)}.`, `At most ${String(p.limit)}.`);
    case 'minItems':
      return pr(base, 'too_few', `Kies er minstens ${String(p.limit)}.`, `Choose at least ${String(p.limit)}.`);
    case 'maxItems':
      return pr(base, 'too_many', `Hoogstens ${String(p.limit)}.`, `At most ${String(p.limit)}.`);
    case 'pattern':
      return pr(base, 'pattern', 'Deze waarde heeft niet de juiste vorm.', 'This value does not have the right form.');
    case 'const':
    case 'enum':
    case 'anyOf':
      return pr(base, 'choice', 'Kies een van de toegelaten waarden.', 'Choose one of the allowed values.');
    default:
      return pr(base, e.keyword, 'Deze waarde is niet geldig.', 'This value is not valid.');
  }
}

function validationError(err: FastifyError): UserError {
  const raw = (err.validation ?? []) as unknown as AjvError[];
  // A union reports each branch; keep one problem per field, preferring the clearest.
  const byField = new Map<string, FieldProblem>();
  for (const e of raw) {
    const problem = fieldProblem(e, err.validationContext ?? 'body');
    const previous = byField.get(problem.field);
    if (!previous || previous.code === 'type' || previous.code === 'choice') byField.set(problem.field, problem);
  }
  const details = [...byField.values()];
  const first = details[0] ?? { field: '', code: 'validation', nl: 'Ongeldige invoer.', en: 'Invalid input.' };
  if (details.length <= 1) return new UserError('invalid', first.code, first.field || null, first, details);
  return new UserError('invalid', 'validation', first.field, { nl: `Er zijn ${details.length} fouten in uw gegevens. Kijk elk veld na.`, en: `There are ${details.length} problems with your data. Please check each field.` }, details);
}

/** Fastify's own 4xx errors (bad JSON, wrong content type, body too large) in our shape. */
function frameworkError(err: FastifyError): UserError | null {
  const status = err.statusCode ?? 500;
  if (status < 400 || status >= 500) return null;
  const texts: Record<string, [string, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: ['De inhoud is geen geldige JSON.', 'The body is not valid JSON.'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['De inhoud is leeg, maar we verwachten JSON.', 'The body is empty, but JSON is expected.'],
    FST_ERR_CTP_BODY_TOO_LARGE: ['De inhoud is te groot.', 'The body is too large.'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['Stuur de gegevens als application/json.', 'Send the data as application/json.'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['De lengte van de inhoud klopt niet.', 'The content length is wrong.'],
  };
  const [nl, en] = texts[err.code] ?? ['Het verzoek is niet geldig.', 'The request is not valid.'];
  const kind: UserErrorKind = status === 404 ? 'not_found' : 'invalid';
  const e = new UserError(kind, err.code ?? 'bad_request', null, { nl, en });
  return Object.assign(e, { httpStatus: status });
}

/**
 * PostgreSQL errors caused by input that slipped past validation. They are still the user's input, so 4xx,
 * but they are logged as warnings because validation should have caught them first.
 */
function databaseInputError(err: { code?: string }): UserError | null {
  if (err.code === '23505') return new UserError('conflict', 'conflict', null, { nl: 'Dit bestaat al.', en: 'This already exists.' });
  if (typeof err.code === 'string' && err.code.startsWith('22')) return new UserError('invalid', 'invalid_value', null, { nl: 'Een waarde is niet geldig.', en: 'A value is not valid.' });
  return null;
}

export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let userError: UserError | null = null;
  if (err instanceof UserError) userError = err;
  else if (err.validation) userError = validationError(err);
  else userError = frameworkError(err);
  if (!userError) {
    userError = databaseInputError(err as { code?: string });
    if (userError) request.log.warn({ err }, 'database rejected input that validation let through');
  }
  if (userError) {
    const status = (userError as UserError & { httpStatus?: number }).httpStatus ?? STATUS[userError.kind];
    const body = errorBody(userError);
    body.error.status = status;
    return reply.status(status).send(body);
  }
  request.log.error({ err }, 'unexpected error');
  return reply.status(500).send({
    error: {
      code: 'internal',
      status: 500,
      field: null,
      nl: `Er ging iets mis bij ons. Probeer later opnieuw. Vermeld code ${request.id} als u ons contacteert.`,
      en: `Something went wrong on our side. Please try again later. Mention code ${request.id} if you contact us.`,
      details: [],
    },
  });
}

type Part = { context: string; value: unknown };

/**
 * The first value in a request's parts that `bad` judges, as its field path and verdict. An uploaded file (a Buffer)
 * holds bytes, not fields: walking its millions of indices stalled the server.
 */
function findInParts<V>(parts: Part[], bad: (value: unknown) => V | null, maxDepth: number): { field: string; verdict: V } | null {
  const find = (value: unknown, path: string[], depth: number): { path: string[]; verdict: V } | null => {
    const verdict = bad(value);
    if (verdict !== null) return { path, verdict };
    if (depth > maxDepth || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
    for (const [k, v] of Object.entries(value)) {
      const hit = find(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
    return null;
  };
  for (const { context, value } of parts) {
    const hit = find(value, [], 0);
    if (hit) return { field: [context === 'body' ? '' : context, ...hit.path].filter(Boolean).join('.'), verdict: hit.verdict };
  }
  return null;
}

/**
 * Ajv turns a query or form string such as "1e309" into Infinity and then skips its minimum and maximum checks, so
 * a number the schema bounds can still arrive unbounded. Runs after validation and names the first such field.
 */
export function rejectNonFiniteNumbers(parts: Part[]): void {
  const hit = findInParts(parts, (v) => (typeof v === 'number' && !Number.isFinite(v) ? true : null), 4);
  if (!hit) return;
  const problem = { field: hit.field, code: 'not_finite', nl: 'Dit getal is te groot of geen gewoon getal.', en: 'This number is too large or not an ordinary number.' };
  throw new UserError('invalid', problem.code, hit.field, problem, [problem]);
}

/**
 * Characters no name or text needs and that attackers use: NUL and other control characters (tab and line breaks
 * stay allowed in free text), C1 controls, bidirectional overrides and isolates (they reorder what staff read), and
 * lone surrogates (stored as U+FFFD, so the answer and the stored value would differ).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export function rejectUnsafeText(parts: Part[]): void {
  const hit = findInParts(parts, (v) => (typeof v !== 'string' ? null : !v.isWellFormed() ? 'surrogate' : UNSAFE_TEXT.test(v) ? 'control' : null), 6);
  if (!hit) return;
  const field = hit.field;
  const problem =
    hit.verdict === 'surrogate'
      ? { field, code: 'text.malformed', nl: 'Deze tekst bevat een teken dat niet bestaat. Typ hem opnieuw.', en: 'This text contains a character that does not exist. Please type it again.' }
      : { field, code: 'text.control_character', nl: 'Deze tekst bevat een onzichtbaar stuurteken. Typ hem opnieuw, zonder te plakken.', en: 'This text contains an invisible control character. Please type it again, without pasting.' };
  throw new UserError('invalid', problem.code, field, problem, [problem]);
}
