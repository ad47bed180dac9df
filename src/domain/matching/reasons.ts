// Why a family did not get a wish: reason codes with their values, computed from the final result, and their wording
// in the families' languages (nl, en, fr, ar).
import { SLOTS, WEEKDAYS, type CompiledInstance } from './instance.ts';

export type Part = 'day' | 'morning' | 'afternoon';

export type Reason =
  /** The location has fewer seats on that day than the unit needs, whoever else applies. */
  | { code: 'too_few_seats'; location: string; day: number; part: Part; seats: number; need: number }
  /** Families with a higher priority there use all seats of that day. */
  | { code: 'taken_by_higher'; location: string; day: number; part: Part; families: number; seats: number }
  /** The same, counting families with the same priority whom the draw put first. */
  | { code: 'taken_by_draw'; location: string; day: number; part: Part; families: number; seats: number }
  /** No seat free that day, and not all of it went to families ahead: the weekday case of docs/matching.md. */
  | { code: 'no_seat_free'; location: string; day: number; part: Part }
  | { code: 'not_all_siblings'; location: string }
  | { code: 'outside_window'; from: string; to: string }
  | { code: 'no_wishes' };

export type Lang = 'nl' | 'en' | 'fr' | 'ar';
export const LANGS: readonly Lang[] = ['nl', 'en', 'fr', 'ar'];

/**
 * Reasons per unit for every wish above the one granted (all wishes when not placed), read from the final assignment:
 * the blocked days at each such location, with who took the seats.
 */
export function unitReasons(compiled: CompiledInstance, assignment: Int32Array, tie: Uint32Array): Reason[][] {
  const { instance: inst, locationIds } = compiled;
  const { unitCount: U, locationCount: M, capacity, demand, prefStart, prefLocation, prefPriority } = inst;
  // Placed units per location, best first (priority, draw, unit), with running loads and counts per slot.
  const start = new Int32Array(M + 1);
  for (let u = 0; u < U; u++) if ((assignment[u] as number) >= 0) start[(assignment[u] as number) + 1]!++;
  for (let L = 0; L < M; L++) start[L + 1]! += start[L] as number;
  const P = start[M] as number;
  const unitAt = new Int32Array(P);
  const prioAt = new Float64Array(P);
  const fill = start.slice(0, M);
  for (let u = 0; u < U; u++) {
    const L = assignment[u] as number;
    if (L < 0) continue;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      if (prefLocation[p] === L) {
        const k = fill[L]!++;
        unitAt[k] = u;
        prioAt[k] = prefPriority[p] as number;
      }
    }
  }
  for (let L = 0; L < M; L++) {
    const a = start[L] as number;
    const b = start[L + 1] as number;
    if (b - a < 2) continue;
    const idx = Array.from({ length: b - a }, (_, i) => a + i);
    idx.sort((x, y) => (prioAt[x] as number) - (prioAt[y] as number) || (tie[unitAt[x] as number] as number) - (tie[unitAt[y] as number] as number) || (unitAt[x] as number) - (unitAt[y] as number));
    const us = idx.map((i) => unitAt[i] as number);
    const ps = idx.map((i) => prioAt[i] as number);
    for (let i = 0; i < b - a; i++) {
      unitAt[a + i] = us[i] as number;
      prioAt[a + i] = ps[i] as number;
    }
  }
  const cumLoad = new Int32Array((P + M) * SLOTS);
  const cumCount = new Int32Array((P + M) * SLOTS);
  const cumDay = new Int32Array((P + M) * WEEKDAYS);
  const used = new Int32Array(M * SLOTS);
  for (let L = 0; L < M; L++) {
    for (let k = start[L] as number; k < (start[L + 1] as number); k++) {
      const u = unitAt[k] as number;
      const from = (k + L) * SLOTS;
      for (let s = 0; s < SLOTS; s++) {
        const d = demand[u * SLOTS + s] as number;
        cumLoad[from + SLOTS + s] = (cumLoad[from + s] as number) + d;
        cumCount[from + SLOTS + s] = (cumCount[from + s] as number) + (d > 0 ? 1 : 0);
        used[L * SLOTS + s]! += d;
      }
      for (let d = 0; d < WEEKDAYS; d++) {
        const any = (demand[u * SLOTS + 2 * d] as number) + (demand[u * SLOTS + 2 * d + 1] as number) > 0;
        cumDay[(k + L) * WEEKDAYS + WEEKDAYS + d] = (cumDay[(k + L) * WEEKDAYS + d] as number) + (any ? 1 : 0);
      }
    }
  }
  /** Index in L's list of the first placed unit not ahead of (pr, t, u); strict = priority alone. */
  const ahead = (L: number, pr: number, t: number, u: number, strict: boolean): number => {
    let lo = start[L] as number;
    let hi = start[L + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = prioAt[mid] as number;
      const v = unitAt[mid] as number;
      const before = q < pr || (!strict && q === pr && ((tie[v] as number) < t || ((tie[v] as number) === t && v < u)));
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const out: Reason[][] = new Array(U);
  const slotReason: Array<Reason | null> = new Array(SLOTS);
  for (let u = 0; u < U; u++) {
    const list: Reason[] = [];
    const at = assignment[u] as number;
    if (prefStart[u] === prefStart[u + 1]) list.push({ code: 'no_wishes' });
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      const L = prefLocation[p] as number;
      if (L === at) break;
      const location = locationIds[L] as string;
      const pr = prefPriority[p] as number;
      const hiIdx = ahead(L, pr, 0, 0, true);
      const drawIdx = ahead(L, pr, tie[u] as number, u, false);
      slotReason.fill(null);
      for (let s = 0; s < SLOTS; s++) {
        const need = demand[u * SLOTS + s] as number;
        if (need === 0) continue;
        const cap = capacity[L * SLOTS + s] as number;
        const day = s >> 1;
        if (need > cap) slotReason[s] = { code: 'too_few_seats', location, day, part: 'day', seats: cap, need };
        else if ((used[L * SLOTS + s] as number) + need > cap) {
          const hiLoad = cumLoad[(hiIdx + L) * SLOTS + s] as number;
          const drawLoad = cumLoad[(drawIdx + L) * SLOTS + s] as number;
          if (hiLoad + need > cap) slotReason[s] = { code: 'taken_by_higher', location, day, part: 'day', families: cumCount[(hiIdx + L) * SLOTS + s] as number, seats: cap };
          else if (drawLoad + need > cap) slotReason[s] = { code: 'taken_by_draw', location, day, part: 'day', families: cumCount[(drawIdx + L) * SLOTS + s] as number, seats: cap };
          else slotReason[s] = { code: 'no_seat_free', location, day, part: 'day' };
        }
      }
      // The real cause first: days taken by families ahead (or too small) hide days that are merely full.
      let strong = false;
      for (let s = 0; s < SLOTS; s++) if (slotReason[s] && slotReason[s]!.code !== 'no_seat_free') strong = true;
      let any = false;
      for (let d = 0; d < WEEKDAYS; d++) {
        let am = slotReason[2 * d] ?? null;
        let pm = slotReason[2 * d + 1] ?? null;
        if (strong && am?.code === 'no_seat_free') am = null;
        if (strong && pm?.code === 'no_seat_free') pm = null;
        if (am && pm && same(am, pm)) {
          // A whole day: the families ahead on either half.
          const idx = am.code === 'taken_by_higher' ? hiIdx : drawIdx;
          list.push('families' in am ? { ...am, families: cumDay[(idx + L) * WEEKDAYS + d] as number } : am);
        } else {
          if (am) list.push({ ...am, part: 'morning' } as Reason);
          if (pm) list.push({ ...pm, part: 'afternoon' } as Reason);
        }
        if (am || pm) any = true;
      }
      // Every wish above the granted one is blocked somewhere, or the result wastes a seat (the verifier says so).
      if (!any) list.push({ code: 'no_seat_free', location, day: -1, part: 'day' });
    }
    out[u] = list;
  }
  return out;
}

function same(a: Reason, b: Reason): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return x.code === y.code && x.seats === y.seats && x.need === y.need;
}

/** Reasons of one request: its unit's, plus the wishes its siblings did not share and a window outside the period. */
export function requestReasons(compiled: CompiledInstance, i: number, byUnit: Reason[][], placed: boolean): Reason[] {
  const w = compiled.outside.get(i);
  if (w) return [{ code: 'outside_window', from: w.from, to: w.to }];
  const own = byUnit[compiled.requestUnit[i] as number] ?? [];
  const left = placed ? undefined : compiled.notAllSiblings.get(i);
  return left ? [...own, ...left.map((L) => ({ code: 'not_all_siblings', location: compiled.locationIds[L] as string }) as Reason)] : own;
}

const DAYS: Record<Lang, string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
  ar: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة'],
};

function dayText(lang: Lang, day: number, part: Part): string {
  if (day < 0) return { nl: 'uw dagen', en: 'your days', fr: 'vos jours', ar: 'أيامكم' }[lang];
  const d = DAYS[lang][day] as string;
  if (part === 'day') return d;
  const morning = part === 'morning';
  switch (lang) {
    case 'nl':
      return `${d}${morning ? 'voormiddag' : 'namiddag'}`;
    case 'en':
      return `${d} ${morning ? 'morning' : 'afternoon'}`;
    case 'fr':
      return `${d} ${morning ? 'matin' : 'après-midi'}`;
    case 'ar':
      return `${morning ? 'صباح' : 'بعد ظهر'} ${d}`;
  }
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** One reason in words; `name` gives a location's display name. */
export function wordReason(lang: Lang, r: Reason, name: (id: string) => string): string {
  switch (r.code) {
    case 'too_few_seats': {
      const day = dayText(lang, r.day, r.part);
      const loc = name(r.location);
      return {
        nl: `${loc} heeft op ${day} ${r.seats} ${plural(r.seats, 'plaats', 'plaatsen')} en u hebt er ${r.need} nodig`,
        en: `${loc} has ${r.seats} ${plural(r.seats, 'seat', 'seats')} on ${day} and you need ${r.need}`,
        fr: `${loc} a ${r.seats} ${plural(r.seats, 'place', 'places')} le ${day} et il vous en faut ${r.need}`,
        ar: `لدى ${loc} ${r.seats} من الأماكن يوم ${day} وتحتاجون إلى ${r.need}`,
      }[lang];
    }
    case 'taken_by_higher':
    case 'taken_by_draw': {
      const day = dayText(lang, r.day, r.part);
      const loc = name(r.location);
      const draw = r.code === 'taken_by_draw';
      return {
        nl: `bij ${loc} namen op ${day} ${r.families} ${plural(r.families, 'gezin', 'gezinnen')} met ${draw ? 'meer of evenveel voorrang (de loting besliste)' : 'meer voorrang'} ${plural(r.seats, 'de enige plaats', `de ${r.seats} plaatsen`)}`,
        en: `at ${loc} on ${day} ${r.families} ${plural(r.families, 'family', 'families')} with ${draw ? 'a higher or the same priority (the draw decided)' : 'a higher priority'} took ${plural(r.seats, 'the only seat', `the ${r.seats} seats`)}`,
        fr: `à ${loc}, le ${day}, ${r.families} ${plural(r.families, 'famille', 'familles')} avec ${draw ? 'une priorité plus haute ou égale (le tirage au sort a décidé)' : 'une priorité plus haute'} ${plural(r.families, 'a pris', 'ont pris')} ${plural(r.seats, 'la seule place', `les ${r.seats} places`)}`,
        ar: `في ${loc} يوم ${day} أخذت ${r.families} من العائلات ذات ${draw ? 'الأولوية الأعلى أو المساوية (حسمت القرعة)' : 'الأولوية الأعلى'} ${plural(r.seats, 'المكان الوحيد', `الأماكن الـ${r.seats}`)}`,
      }[lang];
    }
    case 'no_seat_free': {
      const day = dayText(lang, r.day, r.part);
      const loc = name(r.location);
      return { nl: `bij ${loc} was op ${day} geen plaats vrij`, en: `at ${loc} no seat was free on ${day}`, fr: `à ${loc}, aucune place n’était libre le ${day}`, ar: `في ${loc} لم يكن هناك مكان شاغر يوم ${day}` }[lang];
    }
    case 'not_all_siblings': {
      const loc = name(r.location);
      return { nl: `niet al uw kinderen kozen ${loc}`, en: `not all your children chose ${loc}`, fr: `tous vos enfants n’ont pas choisi ${loc}`, ar: `لم يختر جميع أطفالكم ${loc}` }[lang];
    }
    case 'outside_window':
      return {
        nl: `uw startperiode (${r.from} tot ${r.to}) valt buiten deze ronde`,
        en: `your start window (${r.from} to ${r.to}) falls outside this round`,
        fr: `votre période de début (du ${r.from} au ${r.to}) est en dehors de ce tour`,
        ar: `فترة بدايتكم (${r.from} إلى ${r.to}) خارج هذه الجولة`,
      }[lang];
    case 'no_wishes':
      return { nl: 'u koos geen locatie die in deze ronde meedoet', en: 'you chose no location that takes part in this round', fr: 'vous n’avez choisi aucun lieu qui participe à ce tour', ar: 'لم تختاروا أي مكان يشارك في هذه الجولة' }[lang];
  }
}

/** The whole sentence for a proposal: what was proposed (or not), then every reason. */
export function wordProposal(lang: Lang, location: string | null, wish: number | null, reasons: Reason[], name: (id: string) => string): string {
  const head =
    location !== null
      ? { nl: `Voorstel: ${name(location)}, uw keuze ${wish}.`, en: `Proposal: ${name(location)}, your choice ${wish}.`, fr: `Proposition : ${name(location)}, votre choix ${wish}.`, ar: `اقتراح: ${name(location)}، اختياركم رقم ${wish}.` }[lang]
      : { nl: 'Nog geen plaats in deze ronde.', en: 'No place yet in this round.', fr: 'Pas encore de place dans ce tour.', ar: 'لا يوجد مكان بعد في هذه الجولة.' }[lang];
  if (reasons.length === 0) return head;
  return `${head} ${reasons.map((r) => wordReason(lang, r, name)).join('; ')}.`;
}
