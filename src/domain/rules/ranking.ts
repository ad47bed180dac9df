// Orders candidates for one place: priority tier first, then the tie-break policy (registration order, batch window, lottery).
import { createHash } from 'node:crypto';
import { addMonths, type CalendarDate } from '../dates.ts';
import type { Text, TieBreak } from './types.ts';

export interface RankInput {
  requestId: string;
  /** Request number: breaks ties between requests registered on the same day, in the order they came in. */
  number: string;
  registeredOn: CalendarDate;
  tier: number;
}

export interface Ranked<T extends RankInput> {
  candidate: T;
  position: number;
  /** The seeded draw, when the policy uses one; stored so the order can be reproduced and audited. */
  lottery: number | null;
  /** True when the batch window made this request simultaneous with others. */
  inBatch: boolean;
}

/** A reproducible draw: the same seed and request always give the same number (0 … 2⁴⁸−1). */
export function lotteryNumber(seed: string, requestId: string): number {
  return Number.parseInt(createHash('sha256').update(`${seed}:${requestId}`).digest('hex').slice(0, 12), 16);
}

export function tieBreakText(policy: TieBreak): Text {
  switch (policy.policy) {
    case 'registration_order':
      return { nl: 'Binnen dezelfde groep telt de volgorde van inschrijving.', en: 'Within the same group, the order of registration counts.' };
    case 'lottery':
      return { nl: 'Binnen dezelfde groep beslist een loting. De loting is vastgelegd en kan nagekeken worden.', en: 'Within the same group, a recorded lottery decides. It can be checked.' };
    case 'batch_window':
      return {
        nl: `Alle aanvragen van ten laatste ${policy.monthsBeforeStart} maanden vóór de start tellen als gelijktijdig; binnen dezelfde groep beslist dan een vastgelegde loting. Latere aanvragen volgen in volgorde van inschrijving.`,
        en: `All requests registered at least ${policy.monthsBeforeStart} months before the start count as simultaneous; within the same group a recorded lottery decides. Later requests follow in order of registration.`,
      };
  }
}

/** Ranks candidates for a place starting on `placeStart`. Deterministic for a given seed. */
export function rankCandidates<T extends RankInput>(candidates: readonly T[], policy: TieBreak, options: { seed: string; placeStart: CalendarDate }): Ranked<T>[] {
  const cutoff = policy.policy === 'batch_window' ? addMonths(options.placeStart, -policy.monthsBeforeStart) : null;
  const usesLottery = policy.policy !== 'registration_order';
  const keyed = candidates.map((c) => {
    const inBatch = cutoff !== null && c.registeredOn <= cutoff;
    const lottery = usesLottery ? lotteryNumber(options.seed, c.requestId) : null;
    return { c, inBatch, lottery };
  });
  const byRegistration = (a: T, b: T) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
  keyed.sort((a, b) => {
    if (a.c.tier !== b.c.tier) return a.c.tier - b.c.tier;
    if (policy.policy === 'lottery') return (a.lottery as number) - (b.lottery as number) || byRegistration(a.c, b.c);
    if (policy.policy === 'batch_window') {
      if (a.inBatch !== b.inBatch) return a.inBatch ? -1 : 1;
      if (a.inBatch) return (a.lottery as number) - (b.lottery as number) || byRegistration(a.c, b.c);
    }
    return byRegistration(a.c, b.c);
  });
  return keyed.map((k, i) => ({ candidate: k.c, position: i + 1, lottery: k.lottery, inBatch: k.inBatch }));
}
