// Runs a matching on the JSON form and returns each request's proposal with its reason in plain words.
import { deferredAcceptance } from './deferred-acceptance.ts';
import { compile, WEEKDAYS, type InstanceJson } from './instance.ts';

const DAY_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'];
const DAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export interface Proposal {
  requestId: string;
  location: string | null;
  wish: number | null;
  reason: { nl: string; en: string };
}

export function matchDeferredAcceptance(json: InstanceJson, seed: number) {
  const compiled = compile(json);
  const m = deferredAcceptance(compiled.instance, seed);
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
      const loc = compiled.locationIds[prefLocation[p] as number];
      if (d >= 0) {
        missed.push(`${loc} was op ${DAY_NL[d]} vol met aanvragen die eerst kwamen`);
        missedEn.push(`${loc} was full on ${DAY_EN[d]} with requests that came first`);
      } else if (d === -2) {
        missed.push(`${loc} heeft niet genoeg plaatsen op uw dagen`);
        missedEn.push(`${loc} has too few places on your days`);
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
            ? { nl: `Voorstel: ${compiled.locationIds[L]}, uw keuze ${rank + 1}.${why}`, en: `Proposal: ${compiled.locationIds[L]}, your choice ${rank + 1}.${whyEn}` }
            : { nl: `Nog geen plaats in deze ronde.${why}`, en: `No place yet in this round.${whyEn}` },
      });
    }
  });
  return { compiled, matching: m, proposals, weekdays: WEEKDAYS };
}
