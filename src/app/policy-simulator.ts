// The policy simulator: reruns the desk's current requests and capacity under another rule set or tie-break, without storing anything.
import { isCalendarDate } from '../domain/dates.ts';
import { invalidFields, UserError } from '../domain/errors.ts';
import { runMatching } from '../domain/matching/run.ts';
import { comparePolicies } from '../domain/reporting/policy-comparison.ts';
import type { RuleSet, TieBreak } from '../domain/rules/types.ts';
import { audit, ruleSets, runUseCase, today, type AppContext } from './context.ts';
import { snapshot } from './matching-rounds.ts';
import type { Actor } from './permissions.ts';
import { declarations, factsOn } from './priority.ts';

export interface SimulationInput {
  periodStart: string;
  alternative: { ruleSetId?: string; tieBreak?: TieBreak['policy'] };
}

/** The rule set judges every request while the simulation runs, whatever its real period. */
function always(set: RuleSet): RuleSet {
  return { ...set, effective: [{ from: null, to: null, judges: 'evaluation_date' }] };
}

export async function simulatePolicy(ctx: AppContext, actor: Actor, input: SimulationInput) {
  if (!isCalendarDate(input.periodStart) || !input.periodStart.endsWith('-01')) {
    throw invalidFields([{ field: 'periodStart', code: 'period.month', nl: 'Geef de eerste dag van een maand, bijvoorbeeld 2027-09-01.', en: 'Give the first day of a month, for example 2027-09-01.' }]);
  }
  if (!input.alternative.ruleSetId && !input.alternative.tieBreak) {
    throw invalidFields([{ field: 'alternative', code: 'simulation.nothing_to_compare', nl: 'Kies een andere regelset of een andere manier van loten.', en: 'Choose another rule set or another tie-break.' }]);
  }
  const sets = ruleSets(ctx);
  const alternativeSet = input.alternative.ruleSetId ? sets.find((s) => s.id === input.alternative.ruleSetId) : undefined;
  if (input.alternative.ruleSetId && !alternativeSet) {
    throw invalidFields([{ field: 'alternative.ruleSetId', code: 'rules.unknown_set', nl: `Regelset '${input.alternative.ruleSetId}' bestaat niet. Kies er een uit de lijst van regelsets.`, en: `Rule set '${input.alternative.ruleSetId}' does not exist. Choose one from the list of rule sets.` }]);
  }
  const tieBreak: TieBreak | undefined =
    input.alternative.tieBreak === 'batch_window' ? { policy: 'batch_window', monthsBeforeStart: 6 } : input.alternative.tieBreak ? { policy: input.alternative.tieBreak } : undefined;
  return runUseCase(ctx, actor, 'report.simulate', async (tx) => {
    if (!actor.deskId) throw new UserError('forbidden', 'auth.no_desk', null, { nl: 'Een simulatie hoort bij een loket, en u werkt niet voor een loket.', en: 'A simulation belongs to a desk, and you do not work for a desk.' });
    const current = await snapshot(tx, ctx, actor, actor.deskId, input.periodStart, { recordDraw: false });
    // Only the scoped sets change: a location outside the alternative's scope keeps its own rules.
    const altCtx: AppContext = alternativeSet ? { ...ctx, ruleSets: [always(alternativeSet), ...sets.filter((s) => s.id !== alternativeSet.id)] } : ctx;
    const alternative = await snapshot(tx, altCtx, actor, actor.deskId, input.periodStart, { recordDraw: false, ...(tieBreak ? { tieBreak } : {}) });
    const seed = 1;
    const placed = (inst: typeof current) => new Map(runMatching(inst, { seed }).proposals.map((p) => [p.requestId, p.location]));
    const now = placed(current);
    const alt = placed(alternative);
    const ids = [...new Set([...current.requests.map((r) => r.id), ...alternative.requests.map((r) => r.id)])];
    const fam = ids.length ? await tx.selectFrom('request').innerJoin('child', 'child.id', 'request.child_id').select(['request.id', 'child.family_id']).where('request.id', 'in', ids).execute() : [];
    const decl = await declarations(tx, [...new Set(fam.map((f) => f.family_id))]);
    const day = today(ctx);
    const groupOf = new Map(current.requests.map((r) => [r.id, r.group && r.group !== 'none' ? r.group : null]));
    const requests = fam.map((f) => ({ id: f.id, facts: factsOn(decl.get(f.family_id), day), currentGroup: groupOf.get(f.id) ?? null }));
    const comparison = comparePolicies(requests, now, alt);
    await audit(tx, actor, 'report.simulate', []);
    return {
      periodStart: input.periodStart,
      current: { description: { nl: 'de regels van vandaag', en: 'today’s rules' } },
      alternative: { ruleSetId: alternativeSet?.id ?? null, ruleSetTitle: alternativeSet?.title ?? null, tieBreak: tieBreak?.policy ?? null },
      candidates: requests.length,
      ...comparison,
      note: {
        nl: 'Een simulatie bewaart niets en doet geen aanbod. Ze gebruikt dezelfde aanvragen, plaatsen en toewijzing (uitgestelde aanvaarding) als een ronde.',
        en: 'A simulation stores nothing and makes no offer. It uses the same requests, places and matching (deferred acceptance) as a round.',
      },
    };
  });
}
