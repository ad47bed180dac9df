// Runs a matching on the JSON form and returns each request's proposal with its reason in plain words.
import { deferredAcceptance, type Matching } from './deferred-acceptance.ts';
import { compile, WEEKDAYS, type Instance, type InstanceJson } from './instance.ts';
import { optimalMatching, optimalMatchingAsync, type OptimalResult, type Solve } from './optimal.ts';

const DAY_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'];
const DAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export interface Proposal {
  requestId: string;
  location: string | null;
  wish: number | null;
  reason: { nl: string; en: string };
}

export interface RunOptions {
  seed: number;
  /** 'optimal' needs a solver; DA is always run first, as the fallback and the floor. */
  mode?: 'da' | 'optimal';
  solve?: Solve;
  timeLimitSeconds?: number;
}

export function matchDeferredAcceptance(json: InstanceJson, seed: number) {
  return runMatching(json, { seed });
}

/**
 * For the final result: at each wish before the one granted, the weekday that is full with units placed there at
 * least as high in priority (-1 when none is: the days did not fall right for this round; -2 when it never fits).
 */
export function finalBlocks(inst: Instance, assignment: Int32Array): Int8Array {
  const { unitCount, prefStart, prefLocation, prefPriority, demand, capacity } = inst;
  const held: Array<Array<{ priority: number; unit: number }>> = Array.from({ length: inst.locationCount }, () => []);
  for (let u = 0; u < unitCount; u++) {
    const L = assignment[u] as number;
    if (L < 0) continue;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) if (prefLocation[p] === L) (held[L] as Array<{ priority: number; unit: number }>).push({ priority: prefPriority[p] as number, unit: u });
  }
  const out = new Int8Array(prefLocation.length).fill(-1);
  for (let u = 0; u < unitCount; u++) {
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      const L = prefLocation[p] as number;
      if (L === assignment[u]) break;
      for (let d = 0; d < WEEKDAYS && out[p] === -1; d++) {
        const need = demand[u * WEEKDAYS + d] as number;
        if (need === 0) continue;
        const cap = capacity[L * WEEKDAYS + d] as number;
        if (need > cap) {
          out[p] = -2;
          break;
        }
        let kept = 0;
        for (const h of held[L] as Array<{ priority: number; unit: number }>) if (h.unit !== u && h.priority <= (prefPriority[p] as number)) kept += demand[h.unit * WEEKDAYS + d] as number;
        if (kept + need > cap) out[p] = d;
      }
    }
  }
  return out;
}

export function runMatching(json: InstanceJson, options: RunOptions) {
  const compiled = compile(json);
  const da = deferredAcceptance(compiled.instance, options.seed);
  let optimal: OptimalResult | null = null;
  if (options.mode === 'optimal') {
    if (!options.solve) throw new Error('optimal mode needs a solver');
    optimal = optimalMatching(compiled.instance, da, options.solve, options.timeLimitSeconds ?? 120);
  }
  return explain(json, compiled, da, optimal);
}

/** The same, with the solver answering asynchronously (a worker thread), so a server stays responsive. */
export async function runMatchingAsync(json: InstanceJson, options: Omit<RunOptions, 'solve'> & { solveAsync?: Parameters<typeof optimalMatchingAsync>[2] }) {
  const compiled = compile(json);
  const da = deferredAcceptance(compiled.instance, options.seed);
  let optimal: OptimalResult | null = null;
  if (options.mode === 'optimal') {
    if (!options.solveAsync) throw new Error('optimal mode needs a solver');
    optimal = await optimalMatchingAsync(compiled.instance, da, options.solveAsync, options.timeLimitSeconds ?? 120);
  }
  return explain(json, compiled, da, optimal);
}

/** Turns the result into proposals with reasons; the reasons describe the final result, whichever mode produced it. */
function explain(json: InstanceJson, compiled: ReturnType<typeof compile>, da: Matching, optimal: OptimalResult | null) {
  let m: Pick<Matching, 'assignment' | 'assignedRank' | 'blockedDay'> = optimal ? { ...da, assignment: optimal.assignment, assignedRank: optimal.assignedRank } : da;
  m = { ...m, blockedDay: finalBlocks(compiled.instance, m.assignment) };
  const { prefStart, prefLocation } = compiled.instance;
  const proposals: Proposal[] = [];
  compiled.unitRequests.forEach((members, u) => {
    const L = m.assignment[u] as number;
    const rank = m.assignedRank[u] as number;
    const missed: string[] = [];
    const missedEn: string[] = [];
    const stop = rank >= 0 ? (prefStart[u] as number) + rank : (prefStart[u + 1] as number);
    for (let p = prefStart[u] as number; p < stop; p++) {
      const d = m.blockedDay[p] as number;
      const loc = compiled.locationNames[prefLocation[p] as number];
      if (d >= 0) {
        missed.push(`${loc} was op ${DAY_NL[d]} vol met aanvragen die eerst kwamen`);
        missedEn.push(`${loc} was full on ${DAY_EN[d]} with requests that came first`);
      } else if (d === -2) {
        missed.push(`${loc} heeft niet genoeg plaatsen op uw dagen`);
        missedEn.push(`${loc} has too few places on your days`);
      } else {
        missed.push(`bij ${loc} vielen de vrije dagen niet samen met uw dagen`);
        missedEn.push(`at ${loc} the free days did not match your days`);
      }
    }
    const why = missed.length ? ` ${missed.join('; ')}.` : '';
    const whyEn = missedEn.length ? ` ${missedEn.join('; ')}.` : '';
    for (const i of members) {
      const r = json.requests[i] as InstanceJson['requests'][number];
      proposals.push({
        requestId: r.id,
        location: L >= 0 ? (compiled.locationIds[L] as string) : null,
        wish: rank >= 0 ? rank + 1 : null,
        reason:
          L >= 0
            ? { nl: `Voorstel: ${compiled.locationNames[L]}, uw keuze ${rank + 1}.${why}`, en: `Proposal: ${compiled.locationNames[L]}, your choice ${rank + 1}.${whyEn}` }
            : { nl: `Nog geen plaats in deze ronde.${why}`, en: `No place yet in this round.${whyEn}` },
      });
    }
  });
  return { compiled, matching: m, da, optimal, proposals, weekdays: WEEKDAYS };
}
