// Loads a desk's local rule-set variants (JSON files in NABIJ_RULES_DIR) next to the Flemish sets, refusing invalid ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLEMISH_RULE_SETS } from '../domain/rules/catalogue.ts';
import { checkRuleSet } from '../domain/rules/schema.ts';
import type { RuleSet } from '../domain/rules/types.ts';

/** Reads one rule-set file; returns the problems instead of throwing, for `nabij rules check`. */
export function readRuleSetFile(path: string): { set: RuleSet | null; problems: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { set: null, problems: [`${path}: not readable JSON (${err instanceof Error ? err.message : err})`] };
  }
  const problems = checkRuleSet(doc).map((p) => `${path}: ${p.field}: ${p.en}`);
  return { set: problems.length ? null : (doc as RuleSet), problems };
}

/** The Flemish sets plus every *.json in `dir`; an invalid file or a clashing id stops the start with a clear message. */
export function loadRuleSets(dir: string | undefined): readonly RuleSet[] {
  if (!dir) return FLEMISH_RULE_SETS;
  const sets = [...FLEMISH_RULE_SETS];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const { set, problems } = readRuleSetFile(join(dir, name));
    if (!set) throw new Error(`Invalid rule set:\n${problems.join('\n')}`);
    if (sets.some((s) => s.id === set.id)) throw new Error(`Rule set id '${set.id}' in ${name} is already in use.`);
    sets.push(set);
  }
  return sets;
}
