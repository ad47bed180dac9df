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

const CODES = ['too_few_seats', 'taken_by_higher', 'taken_by_draw', 'no_seat_free'] as const;
const PARTS: Part[] = ['day', 'morning', 'afternoon'];

/** Reasons of every unit in flat arrays (a million units make millions of reasons): unit u owns rows start[u] … start[u+1]-1. */
export interface ReasonTable {
  start: Int32Array;
  /** Index into too_few_seats, taken_by_higher, taken_by_draw, no_seat_free. */
  code: Uint8Array;
  location: Int32Array;
  /** Weekday (0 = Monday), -1 when no day is named. */
  day: Int8Array;
  part: Uint8Array;
  /** families (taken_*) or seats (too_few_seats). */
  a: Int32Array;
  /** seats (taken_*) or need (too_few_seats). */
  b: Int32Array;
}

/** Sorts idx[from, to) by (priority, draw, unit) with insertion sort: a location's list is short. */
function sortSegment(idx: Int32Array, from: number, to: number, prio: Float64Array, unit: Int32Array, tie: Uint32Array) {
  for (let i = from + 1; i < to; i++) {
    const x = idx[i] as number;
    const px = prio[x] as number;
    const ux = unit[x] as number;
    const tx = tie[ux] as number;
    let j = i - 1;
    for (; j >= from; j--) {
      const y = idx[j] as number;
      const py = prio[y] as number;
      const uy = unit[y] as number;
      if (py < px || (py === px && ((tie[uy] as number) < tx || ((tie[uy] as number) === tx && uy < ux)))) break;
      idx[j + 1] = y;
    }
    idx[j + 1] = x;
  }
}

/**
 * Reasons per unit for every wish above the one granted (all wishes when not placed), read from the final assignment:
 * the blocked days at each such location, with who took the seats. Days merely full are left out when another day at
 * that location is taken by families ahead (the real cause).
 */
export function reasonTable(compiled: CompiledInstance, assignment: Int32Array, tie: Uint32Array): ReasonTable {
  const { instance: inst } = compiled;
  const { unitCount: U, locationCount: M, capacity, demand, prefStart, prefLocation, prefPriority } = inst;
  // Placed units per location, best first (priority, draw, unit), with running loads and counts per slot and day.
  const start = new Int32Array(M + 1);
  for (let u = 0; u < U; u++) if ((assignment[u] as number) >= 0) start[(assignment[u] as number) + 1]!++;
  for (let L = 0; L < M; L++) start[L + 1]! += start[L] as number;
  const P = start[M] as number;
  const rawUnit = new Int32Array(P);
  const rawPrio = new Float64Array(P);
  const fill = start.slice(0, M);
  for (let u = 0; u < U; u++) {
    const L = assignment[u] as number;
    if (L < 0) continue;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      if (prefLocation[p] === L) {
        const k = fill[L]!++;
        rawUnit[k] = u;
        rawPrio[k] = prefPriority[p] as number;
      }
    }
  }
  const idx = new Int32Array(P);
  for (let k = 0; k < P; k++) idx[k] = k;
  for (let L = 0; L < M; L++) sortSegment(idx, start[L] as number, start[L + 1] as number, rawPrio, rawUnit, tie);
  const unitAt = new Int32Array(P);
  const prioAt = new Float64Array(P);
  for (let k = 0; k < P; k++) {
    unitAt[k] = rawUnit[idx[k] as number] as number;
    prioAt[k] = rawPrio[idx[k] as number] as number;
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
      const fd = (k + L) * WEEKDAYS;
      for (let d = 0; d < WEEKDAYS; d++) cumDay[fd + WEEKDAYS + d] = (cumDay[fd + d] as number) + ((demand[u * SLOTS + 2 * d] as number) + (demand[u * SLOTS + 2 * d + 1] as number) > 0 ? 1 : 0);
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

  let cap = Math.max(16, prefLocation.length * 2);
  let t: ReasonTable = { start: new Int32Array(U + 1), code: new Uint8Array(cap), location: new Int32Array(cap), day: new Int8Array(cap), part: new Uint8Array(cap), a: new Int32Array(cap), b: new Int32Array(cap) };
  let n = 0;
  const push = (code: number, L: number, day: number, part: number, a: number, b: number) => {
    if (n === cap) {
      cap *= 2;
      const grow = <A extends Uint8Array | Int8Array | Int32Array>(x: A, make: (k: number) => A): A => {
        const y = make(cap);
        y.set(x);
        return y;
      };
      t = { start: t.start, code: grow(t.code, (k) => new Uint8Array(k)), location: grow(t.location, (k) => new Int32Array(k)), day: grow(t.day, (k) => new Int8Array(k)), part: grow(t.part, (k) => new Uint8Array(k)), a: grow(t.a, (k) => new Int32Array(k)), b: grow(t.b, (k) => new Int32Array(k)) };
    }
    t.code[n] = code;
    t.location[n] = L;
    t.day[n] = day;
    t.part[n] = part;
    t.a[n] = a;
    t.b[n] = b;
    n++;
  };
  // Per slot of the wish at hand: code (-1 = not blocked), families or seats, seats or need.
  const sc = new Int32Array(SLOTS);
  const sa = new Int32Array(SLOTS);
  const sb = new Int32Array(SLOTS);
  for (let u = 0; u < U; u++) {
    t.start[u] = n;
    const at = assignment[u] as number;
    for (let p = prefStart[u] as number; p < (prefStart[u + 1] as number); p++) {
      const L = prefLocation[p] as number;
      if (L === at) break;
      const pr = prefPriority[p] as number;
      const hiIdx = ahead(L, pr, 0, 0, true);
      const drawIdx = ahead(L, pr, tie[u] as number, u, false);
      let strong = false;
      for (let s = 0; s < SLOTS; s++) {
        sc[s] = -1;
        const need = demand[u * SLOTS + s] as number;
        if (need === 0) continue;
        const c = capacity[L * SLOTS + s] as number;
        if (need > c) {
          sc[s] = 0;
          sa[s] = c;
          sb[s] = need;
        } else if ((used[L * SLOTS + s] as number) + need > c) {
          if ((cumLoad[(hiIdx + L) * SLOTS + s] as number) + need > c) {
            sc[s] = 1;
            sa[s] = cumCount[(hiIdx + L) * SLOTS + s] as number;
          } else if ((cumLoad[(drawIdx + L) * SLOTS + s] as number) + need > c) {
            sc[s] = 2;
            sa[s] = cumCount[(drawIdx + L) * SLOTS + s] as number;
          } else sc[s] = 3;
          sb[s] = c;
        }
        if ((sc[s] as number) >= 0 && sc[s] !== 3) strong = true;
      }
      let any = false;
      for (let d = 0; d < WEEKDAYS; d++) {
        let am = sc[2 * d] as number;
        let pm = sc[2 * d + 1] as number;
        if (strong && am === 3) am = -1;
        if (strong && pm === 3) pm = -1;
        if (am >= 0 && am === pm && sb[2 * d] === sb[2 * d + 1] && (am !== 0 || sa[2 * d] === sa[2 * d + 1])) {
          // A whole day: the families ahead on either half.
          const families = am === 1 ? (cumDay[(hiIdx + L) * WEEKDAYS + d] as number) : am === 2 ? (cumDay[(drawIdx + L) * WEEKDAYS + d] as number) : (sa[2 * d] as number);
          push(am, L, d, 0, families, sb[2 * d] as number);
          any = true;
        } else {
          if (am >= 0) push(am, L, d, 1, sa[2 * d] as number, sb[2 * d] as number);
          if (pm >= 0) push(pm, L, d, 2, sa[2 * d + 1] as number, sb[2 * d + 1] as number);
          if (am >= 0 || pm >= 0) any = true;
        }
      }
      // Every wish above the granted one is blocked somewhere, or the result wastes a seat (the verifier says so).
      if (!any) push(3, L, -1, 0, 0, 0);
    }
  }
  t.start[U] = n;
  return t;
}

/** The reasons of one unit as objects. */
export function reasonsOf(t: ReasonTable, u: number, locationIds: string[]): Reason[] {
  const out: Reason[] = [];
  for (let k = t.start[u] as number; k < (t.start[u + 1] as number); k++) {
    const code = CODES[t.code[k] as number] as (typeof CODES)[number];
    const location = locationIds[t.location[k] as number] as string;
    const day = t.day[k] as number;
    const part = PARTS[t.part[k] as number] as Part;
    if (code === 'too_few_seats') out.push({ code, location, day, part, seats: t.a[k] as number, need: t.b[k] as number });
    else if (code === 'no_seat_free') out.push({ code, location, day, part });
    else out.push({ code, location, day, part, families: t.a[k] as number, seats: t.b[k] as number });
  }
  return out;
}

/** The same for every unit (small instances: proposals with words). */
export function unitReasons(compiled: CompiledInstance, assignment: Int32Array, tie: Uint32Array): Reason[][] {
  const t = reasonTable(compiled, assignment, tie);
  return Array.from({ length: compiled.instance.unitCount }, (_, u) => reasonsOf(t, u, compiled.locationIds));
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
