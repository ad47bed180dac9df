// The rule sets Nabij ships (Flemish sets A and B), checked against the schema when the module loads.
import setA from './sets/vlaanderen-a.json' with { type: 'json' };
import setB from './sets/vlaanderen-b.json' with { type: 'json' };
import { checkRuleSet } from './schema.ts';
import type { RuleSet } from './types.ts';

export function asRuleSet(doc: unknown, name: string): RuleSet {
  const problems = checkRuleSet(doc);
  if (problems.length) throw new Error(`Rule set ${name} is not valid: ${problems.map((p) => `${p.field}: ${p.en}`).join('; ')}`);
  return doc as RuleSet;
}

export const FLEMISH_RULE_SETS: readonly RuleSet[] = [asRuleSet(setA, 'vlaanderen-a'), asRuleSet(setB, 'vlaanderen-b')];
