// The JSON schema of a rule-set document, and the checks a schema cannot express (unique ids, ordered periods).
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FieldProblem } from '../errors.ts';
import { isCalendarDate } from '../dates.ts';
import { ACTIVITY_KINDS, BOOLEAN_FACTS, type RuleSet } from './types.ts';

const Text = Type.Object({ nl: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false });
const DateOrNull = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]);
const Step = Type.Union(['T0', 'T1', 'T2', 'T3'].map((s) => Type.Literal(s)));
const Kinds = Type.Object({ kinds: Type.Array(Type.Union(ACTIVITY_KINDS.map((k) => Type.Literal(k))), { minItems: 1 }) }, { additionalProperties: false });

const ConditionSchema = Type.Recursive((Self) =>
  Type.Union([
    Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ not: Self }, { additionalProperties: false }),
    Type.Object({ fact: Type.Union(BOOLEAN_FACTS.map((f) => Type.Literal(f))) }, { additionalProperties: false }),
    Type.Object({ householdAverage: Kinds, atLeast: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    Type.Object({ everyGuardian: Kinds }, { additionalProperties: false }),
    Type.Object({ siblingAtLocationOnStart: Type.Literal(true) }, { additionalProperties: false }),
  ] as TSchema[]),
);

export const RuleSetSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    version: Type.Integer({ minimum: 1 }),
    title: Text,
    source: Type.String(),
    effective: Type.Array(
      Type.Object(
        { from: DateOrNull, to: DateOrNull, judges: Type.Union([Type.Literal('registration_date'), Type.Literal('evaluation_date')]), note: Type.Optional(Text) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    scope: Type.Object({ subsidySteps: Type.Array(Step, { minItems: 1 }), municipalities: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{5}$' }))) }, { additionalProperties: false }),
    groups: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z0-9_]+$' }),
          tier: Type.Integer({ minimum: 1, maximum: 98 }),
          absolute: Type.Boolean(),
          label: Text,
          condition: ConditionSchema,
          whenMet: Text,
          whenNotMet: Text,
        },
        { additionalProperties: false },
      ),
    ),
    providerMayReorder: Type.Array(Type.String()),
    factsAsOf: Type.Union([Type.Literal('registration'), Type.Literal('latest')]),
    quotas: Type.Object(
      {
        priorityShareMin: Type.Array(Type.Object({ subsidySteps: Type.Array(Type.Union([Type.Literal('T2'), Type.Literal('T3')])), percent: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false })),
        deviationMaxPercent: Type.Integer({ minimum: 0, maximum: 100 }),
        groupShareMax: Type.Optional(Type.Array(Type.Object({ groupId: Type.String(), percent: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }))),
      },
      { additionalProperties: false },
    ),
    deviationAdvisers: Type.Array(Type.String({ minLength: 1 })),
    tieBreak: Type.Union([
      Type.Object({ policy: Type.Literal('registration_order') }, { additionalProperties: false }),
      Type.Object({ policy: Type.Literal('batch_window'), monthsBeforeStart: Type.Integer({ minimum: 0, maximum: 24 }) }, { additionalProperties: false }),
      Type.Object({ policy: Type.Literal('lottery') }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
);

const compiled = TypeCompiler.Compile(RuleSetSchema);

/** Every problem with a rule-set document, with the path to the value; an empty list means it can be used. */
export function checkRuleSet(doc: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of compiled.Errors(doc)) {
    out.push({ field: e.path.replace(/^\//, '').replaceAll('/', '.') || '(document)', code: 'rule_set.schema', nl: `Ongeldige waarde: ${e.message}`, en: `Invalid value: ${e.message}` });
    if (out.length >= 20) return out;
  }
  if (out.length) return out;
  const set = doc as RuleSet;
  const ids = set.groups.map((g) => g.id);
  if (new Set(ids).size !== ids.length) out.push({ field: 'groups', code: 'rule_set.duplicate_group', nl: 'Twee groepen hebben dezelfde id.', en: 'Two groups share an id.' });
  set.providerMayReorder.forEach((id, i) => {
    if (!ids.includes(id)) out.push({ field: `providerMayReorder.${i}`, code: 'rule_set.unknown_group', nl: `Groep '${id}' bestaat niet.`, en: `Group '${id}' does not exist.` });
  });
  set.quotas.groupShareMax?.forEach((q, i) => {
    if (!ids.includes(q.groupId)) out.push({ field: `quotas.groupShareMax.${i}.groupId`, code: 'rule_set.unknown_group', nl: `Groep '${q.groupId}' bestaat niet.`, en: `Group '${q.groupId}' does not exist.` });
  });
  set.effective.forEach((p, i) => {
    for (const key of ['from', 'to'] as const) {
      const v = p[key];
      if (v !== null && !isCalendarDate(v)) out.push({ field: `effective.${i}.${key}`, code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    }
    if (p.from && p.to && p.from > p.to) out.push({ field: `effective.${i}.to`, code: 'rule_set.period_order', nl: 'De einddatum ligt vóór de begindatum.', en: 'The end date is before the start date.' });
  });
  return out;
}
