// The priority-rule evaluator: which rule set judges a request, which groups it is in, and why, in plain words.
import type { CalendarDate } from '../dates.ts';
import { UserError } from '../errors.ts';
import type { Condition, Facts, PriorityGroup, RuleSet, Text } from './types.ts';
import { classifyVulnerability, type Vulnerability } from './vulnerability.ts';

/** The tier of a request in no priority group: after every group. */
export const NO_PRIORITY_TIER = 99;

export interface LocationForRules {
  id: string;
  subsidyStep: 'T0' | 'T1' | 'T2' | 'T3';
  municipalityNis: string;
}

export interface EvaluationInput {
  registeredOn: CalendarDate;
  /** The facts as declared at registration, and as they are now. */
  facts: { atRegistration: Facts; latest: Facts };
  location: LocationForRules;
  /** The start date of the place being filled. */
  placeStart: CalendarDate;
  evaluatedOn: CalendarDate;
  /** The provider's order of the groups it may reorder (set B), if it chose one. */
  groupOrder?: string[];
}

export interface GroupResult {
  id: string;
  label: Text;
  tier: number;
  absolute: boolean;
  met: boolean;
  text: Text;
}

export interface Evaluation {
  ruleSet: { id: string; version: number; title: Text } | null;
  /** Why this rule set (or none) applies: shown to the family and the provider. */
  ruleSetReason: Text;
  groups: GroupResult[];
  /** Lowest tier among the groups met; NO_PRIORITY_TIER when none. */
  tier: number;
  /** The group that decided the tier, if any. */
  decidingGroup: string | null;
  vulnerability: Vulnerability;
  summary: Text;
}

function inPeriod(date: CalendarDate, from: CalendarDate | null, to: CalendarDate | null): boolean {
  return (from === null || date >= from) && (to === null || date <= to);
}

// Built once: creating a DateTimeFormat costs far more than an evaluation.
const DATE_FORMAT = {
  nl: new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

// Ranking a queue formats the same few dates for every candidate, and each format call costs some 10 µs.
const FORMATTED = { nl: new Map<string, string>(), en: new Map<string, string>() };
const MAX_FORMATTED = 5000;

function fmt(d: CalendarDate | null, lang: 'nl' | 'en'): string {
  if (!d) return lang === 'nl' ? 'onbepaald' : 'open-ended';
  const known = FORMATTED[lang].get(d);
  if (known !== undefined) return known;
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const text = DATE_FORMAT[lang].format(new Date(Date.UTC(y, m - 1, day)));
  if (FORMATTED[lang].size >= MAX_FORMATTED) FORMATTED[lang].clear();
  FORMATTED[lang].set(d, text);
  return text;
}

/**
 * Picks the rule set for a request at a location. A set in an 'evaluation_date' period (rules restored after an
 * annulment) judges every request while it runs; otherwise the set in force on the registration date judges.
 */
export function selectRuleSet(sets: readonly RuleSet[], registeredOn: CalendarDate, evaluatedOn: CalendarDate, location: LocationForRules): { set: RuleSet | null; reason: Text } {
  const inScope = sets.filter((s) => s.scope.subsidySteps.includes(location.subsidyStep) && (!s.scope.municipalities || s.scope.municipalities.includes(location.municipalityNis)));
  if (inScope.length === 0) {
    return {
      set: null,
      reason: {
        nl: `Deze opvang werkt niet met inkomenstarief (subsidiestap ${location.subsidyStep}). Ze kiest vrij wie een plaats krijgt: er gelden geen voorrangsregels.`,
        en: `This childcare does not use the income tariff (subsidy step ${location.subsidyStep}). It chooses freely who gets a place: no priority rules apply.`,
      },
    };
  }
  // More specific sets (a municipality's own variant) win over Flemish ones.
  const specificFirst = [...inScope].sort((a, b) => Number(Boolean(b.scope.municipalities)) - Number(Boolean(a.scope.municipalities)));
  for (const s of specificFirst) {
    const p = s.effective.find((e) => e.judges === 'evaluation_date' && inPeriod(evaluatedOn, e.from, e.to));
    if (p) {
      const since = { nl: fmt(p.from, 'nl'), en: fmt(p.from, 'en') };
      return {
        set: s,
        reason: {
          nl: `Beoordeeld volgens '${s.title.nl}'. ${p.note?.nl ?? `Deze regels gelden sinds ${since.nl} voor alle aanvragen.`}`,
          en: `Judged under '${s.title.en}'. ${p.note?.en ?? `These rules apply to all requests since ${since.en}.`}`,
        },
      };
    }
  }
  for (const s of specificFirst) {
    const p = s.effective.find((e) => e.judges === 'registration_date' && inPeriod(registeredOn, e.from, e.to));
    if (p) {
      return {
        set: s,
        reason: {
          nl: `Beoordeeld volgens '${s.title.nl}', de regels die golden op uw inschrijvingsdatum (${fmt(registeredOn, 'nl')}).`,
          en: `Judged under '${s.title.en}', the rules in force on your registration date (${fmt(registeredOn, 'en')}).`,
        },
      };
    }
  }
  return {
    set: null,
    reason: { nl: `Er is geen regelset van kracht voor een inschrijving op ${fmt(registeredOn, 'nl')}.`, en: `No rule set is in force for a registration on ${fmt(registeredOn, 'en')}.` },
  };
}

/** Each guardian's time in the listed activities in hundredths of a full-time week, capped at 100. */
function householdAverageHundredths(facts: Facts, kinds: readonly string[]): { total: number; guardians: number } {
  const per = facts.guardians.map((g) => Math.min(100, g.activities.filter((a) => kinds.includes(a.kind)).reduce((s, a) => s + Math.round(a.fraction * 100), 0)));
  return { total: per.reduce((s, x) => s + x, 0), guardians: per.length };
}

interface ConditionResult {
  met: boolean;
  values: Record<string, string>;
}

function evalCondition(c: Condition, facts: Facts, vulnerable: boolean, location: LocationForRules, placeStart: CalendarDate): ConditionResult {
  if ('all' in c) {
    const rs = c.all.map((x) => evalCondition(x, facts, vulnerable, location, placeStart));
    return { met: rs.every((r) => r.met), values: Object.assign({}, ...rs.map((r) => r.values)) };
  }
  if ('any' in c) {
    const rs = c.any.map((x) => evalCondition(x, facts, vulnerable, location, placeStart));
    return { met: rs.some((r) => r.met), values: Object.assign({}, ...rs.map((r) => r.values)) };
  }
  if ('not' in c) {
    const r = evalCondition(c.not, facts, vulnerable, location, placeStart);
    return { met: !r.met, values: r.values };
  }
  if ('fact' in c) return { met: c.fact === 'vulnerable' ? vulnerable : Boolean(facts[c.fact]), values: {} };
  if ('householdAverage' in c) {
    const { total, guardians } = householdAverageHundredths(facts, c.householdAverage.kinds);
    // Integer comparison: average ≥ threshold ⇔ total ≥ threshold × guardians (in hundredths).
    const met = guardians > 0 && total >= Math.round(c.atLeast * 100) * guardians;
    const avg = guardians > 0 ? Math.round(total / guardians) : 0;
    return { met, values: { average: `${avg}%` } };
  }
  if ('everyGuardian' in c) {
    const kinds: readonly string[] = c.everyGuardian.kinds;
    return { met: facts.guardians.length > 0 && facts.guardians.every((g) => g.activities.some((a) => kinds.includes(a.kind) && a.fraction > 0)), values: {} };
  }
  const sibling = facts.siblings.some((s) => s.locationId === location.id && s.from <= placeStart && (s.to === null || s.to >= placeStart));
  return { met: sibling, values: {} };
}

function fill(t: string, values: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** Tiers after the provider's reordering: the reorderable groups take their tiers in the provider's order. */
export function effectiveTiers(set: RuleSet, groupOrder: string[] | undefined): Map<string, number> {
  const tiers = new Map(set.groups.map((g) => [g.id, g.tier]));
  if (!groupOrder || set.providerMayReorder.length === 0) return tiers;
  const allowed = new Set(set.providerMayReorder);
  if (groupOrder.length !== allowed.size || groupOrder.some((id) => !allowed.has(id)) || new Set(groupOrder).size !== groupOrder.length) {
    throw new UserError('invalid', 'rules.group_order', 'groupOrder', {
      nl: `Zet precies deze groepen in uw volgorde: ${set.providerMayReorder.join(', ')}.`,
      en: `Put exactly these groups in your order: ${set.providerMayReorder.join(', ')}.`,
    });
  }
  const slots = set.providerMayReorder.map((id) => tiers.get(id) as number).sort((a, b) => a - b);
  groupOrder.forEach((id, i) => tiers.set(id, slots[i] as number));
  return tiers;
}

/** Judges one request for one place. Pure: the same input always gives the same evaluation. */
export function evaluate(sets: readonly RuleSet[], input: EvaluationInput): Evaluation {
  const { set, reason } = selectRuleSet(sets, input.registeredOn, input.evaluatedOn, input.location);
  const facts = set?.factsAsOf === 'registration' ? input.facts.atRegistration : input.facts.latest;
  const vulnerability = classifyVulnerability(facts);
  if (!set) {
    return {
      ruleSet: null,
      ruleSetReason: reason,
      groups: [],
      tier: NO_PRIORITY_TIER,
      decidingGroup: null,
      vulnerability,
      summary: { nl: 'Geen voorrangsregels: de volgorde is die van inschrijving.', en: 'No priority rules: the order is the order of registration.' },
    };
  }
  const tiers = effectiveTiers(set, input.groupOrder);
  const groups: GroupResult[] = set.groups.map((g: PriorityGroup) => {
    const r = evalCondition(g.condition, facts, vulnerability.vulnerable, input.location, input.placeStart);
    return {
      id: g.id,
      label: g.label,
      tier: tiers.get(g.id) as number,
      absolute: g.absolute,
      met: r.met,
      text: { nl: fill(r.met ? g.whenMet.nl : g.whenNotMet.nl, r.values), en: fill(r.met ? g.whenMet.en : g.whenNotMet.en, r.values) },
    };
  });
  const met = groups.filter((g) => g.met).sort((a, b) => a.tier - b.tier);
  const best = met[0];
  const summary: Text = best
    ? {
        nl: `Voorrang: ${best.label.nl}${best.absolute ? ' (absolute voorrang)' : ''}.${met.length > 1 ? ` Ook: ${met.slice(1).map((g) => g.label.nl).join(', ')}.` : ''}`,
        en: `Priority: ${best.label.en}${best.absolute ? ' (absolute priority)' : ''}.${met.length > 1 ? ` Also: ${met.slice(1).map((g) => g.label.en).join(', ')}.` : ''}`,
      }
    : { nl: 'Geen voorrangsgroep. Aanvragen met voorrang komen eerst.', en: 'No priority group. Requests with priority come first.' };
  return {
    ruleSet: { id: set.id, version: set.version, title: set.title },
    ruleSetReason: reason,
    groups,
    tier: best?.tier ?? NO_PRIORITY_TIER,
    decidingGroup: best?.id ?? null,
    vulnerability,
    summary,
  };
}
