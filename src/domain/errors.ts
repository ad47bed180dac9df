// The one error type for mistakes a user can make: stable code, field path, Dutch and English text.

export type UserErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unprocessable' | 'forbidden' | 'unauthenticated' | 'rate_limited';

export interface Message {
  nl: string;
  en: string;
}

export interface FieldProblem extends Message {
  field: string;
  code: string;
}

export class UserError extends Error {
  readonly kind: UserErrorKind;
  readonly code: string;
  readonly field: string | null;
  readonly nl: string;
  readonly en: string;
  readonly details: FieldProblem[];

  constructor(kind: UserErrorKind, code: string, field: string | null, message: Message, details: FieldProblem[] = []) {
    super(message.en);
    this.name = 'UserError';
    this.kind = kind;
    this.code = code;
    this.field = field;
    this.nl = message.nl;
    this.en = message.en;
    this.details = details;
  }
}

/** Several field problems found at once (a form with more than one mistake). */
export function invalidFields(problems: FieldProblem[]): UserError {
  const first = problems[0];
  if (!first) throw new Error('invalidFields needs at least one problem');
  if (problems.length === 1) return new UserError('invalid', first.code, first.field, first, problems);
  return new UserError(
    'invalid',
    'validation',
    first.field,
    {
      nl: `Er zijn ${problems.length} fouten in uw gegevens. Kijk elk veld na.`,
      en: `There are ${problems.length} problems with your data. Please check each field.`,
    },
    problems,
  );
}

export function notFound(what: Message, field: string | null = null): UserError {
  return new UserError('not_found', 'not_found', field, {
    nl: `${what.nl} bestaat niet of u mag het niet zien.`,
    en: `${what.en} does not exist or you may not see it.`,
  });
}
