// Use case for finding families and children by name, date, national number or request number, within the actor's scope.
import { sql, type RawBuilder } from 'kysely';
import { isCalendarDate } from '../domain/dates.ts';
import { invalidFields, type FieldProblem } from '../domain/errors.ts';
import { parseDate } from '../domain/import/values.ts';
import { maskInsz, normaliseInsz } from '../domain/identity/insz.ts';
import { nameKey } from '../domain/identity/names.ts';
import { audit, runUseCase, type AppContext } from './context.ts';
import type { Actor } from './permissions.ts';
import { childScope, NO_ID } from './scopes.ts';

export interface PeopleQuery {
  /** Free text: a request number, a national number, a date (31/01/2027 or 2027-01-31) or a name. */
  q?: string;
  /** Part of a given or family name of the child or a parent (each word matches the start of a name). */
  name?: string;
  /** Birth or due date of the child. */
  date?: string;
  /** National number of the child or a parent: exact match only. */
  insz?: string;
  /** Request number, e.g. NB-2026-000123. */
  number?: string;
  limit?: number;
}

const REQUEST_NUMBER = /^NB-\d{4}-\d{1,6}$/i;

/** Reads a free-text query as the one criterion it looks like. */
export function interpretQuery(q: string): Omit<PeopleQuery, 'q' | 'limit'> {
  const s = q.trim();
  if (REQUEST_NUMBER.test(s)) return { number: s };
  if (/^[\d\s.\-/]+$/.test(s) && normaliseInsz(s).length === 11) return { insz: s };
  const d = parseDate(s);
  if (d && d !== 'invalid') return { date: d };
  return { name: s };
}

/** Children the actor may find: the desk its area and requests, a provider its locations' requests, a partner its own. */
function searchScope(actor: Actor): RawBuilder<boolean> {
  switch (actor.role) {
    case 'admin':
    case 'system':
    case 'desk_worker':
    case 'desk_coordinator':
      return childScope(actor);
    case 'provider_staff':
      return sql<boolean>`exists (select 1 from request r join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id where r.child_id = c.id and l.organiser_id = ${actor.organiserId ?? NO_ID})`;
    case 'partner':
      return sql<boolean>`exists (select 1 from request r where r.child_id = c.id and r.created_by = ${actor.userId ?? NO_ID})`;
    default:
      return sql<boolean>`false`;
  }
}

/** Which requests of a found child the actor sees listed (same rule as the request scope). */
function requestVisible(actor: Actor): RawBuilder<boolean> {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return sql<boolean>`true`;
    case 'desk_worker':
    case 'desk_coordinator':
      return sql<boolean>`r.desk_id = ${actor.deskId ?? NO_ID}`;
    case 'provider_staff':
      return sql<boolean>`exists (select 1 from request_location rl join location l on l.id = rl.location_id where rl.request_id = r.id and l.organiser_id = ${actor.organiserId ?? NO_ID})`;
    case 'partner':
      return sql<boolean>`r.created_by = ${actor.userId ?? NO_ID}`;
    default:
      return sql<boolean>`false`;
  }
}

function deskStaff(actor: Actor): boolean {
  return ['admin', 'system', 'desk_worker', 'desk_coordinator'].includes(actor.role);
}

/**
 * Finds children (with their family and the requests the actor may see). Every search is audited with the ids of what
 * it found and the kind of criterion, never the searched value: a national number searched is not stored.
 */
export async function searchPeople(ctx: AppContext, actor: Actor, query: PeopleQuery) {
  const criteria = { ...(query.q?.trim() ? interpretQuery(query.q) : {}), ...Object.fromEntries(Object.entries({ name: query.name, date: query.date, insz: query.insz, number: query.number }).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) } as Omit<PeopleQuery, 'q' | 'limit'>;
  const problems: FieldProblem[] = [];
  const conditions: Array<RawBuilder<boolean>> = [];
  if (criteria.name !== undefined) {
    const words = criteria.name.split(/\s+/).map(nameKey).filter((w) => w.length > 0);
    const whole = nameKey(criteria.name);
    if (whole.length < 2) problems.push({ field: 'name', code: 'search.name_too_short', nl: 'Geef minstens 2 letters van een naam.', en: 'Give at least 2 letters of a name.' });
    else {
      const anyName = (w: string) => sql<boolean>`(c.family_name_key like ${`${w}%`} or c.given_name_key like ${`${w}%`} or exists (select 1 from guardian g where g.family_id = c.family_id and (g.family_name_key like ${`${w}%`} or lower(g.given_name) like ${`${w}%`})))`;
      const together = sql<boolean>`(c.family_name_key like ${`${whole}%`} or exists (select 1 from guardian g where g.family_id = c.family_id and g.family_name_key like ${`${whole}%`}))`;
      conditions.push(words.length > 1 ? sql<boolean>`(${together} or (${sql.join(words.map(anyName), sql` and `)}))` : anyName(whole));
    }
  }
  if (criteria.date !== undefined) {
    const d = parseDate(criteria.date);
    if (!d || d === 'invalid' || !isCalendarDate(d)) problems.push({ field: 'date', code: 'date.invalid', nl: 'Deze datum bestaat niet. Schrijf ze als 31/01/2027 of 2027-01-31.', en: 'This date does not exist. Write it as 31/01/2027 or 2027-01-31.' });
    else conditions.push(sql<boolean>`coalesce(c.birth_date, c.due_date) = ${d}`);
  }
  if (criteria.insz !== undefined) {
    const v = normaliseInsz(criteria.insz);
    if (!/^\d{11}$/.test(v)) problems.push({ field: 'insz', code: 'insz.format', nl: 'Een rijksregisternummer heeft 11 cijfers.', en: 'A national number has 11 digits.' });
    else conditions.push(sql<boolean>`(c.insz = ${v} or exists (select 1 from guardian g where g.family_id = c.family_id and g.insz = ${v}))`);
  }
  if (criteria.number !== undefined) {
    const n = criteria.number.trim().toUpperCase();
    if (!REQUEST_NUMBER.test(n)) problems.push({ field: 'number', code: 'search.number_format', nl: 'Een aanvraagnummer ziet eruit als NB-2026-000123.', en: 'A request number looks like NB-2026-000123.' });
    else conditions.push(sql<boolean>`exists (select 1 from request r where r.child_id = c.id and r.number = ${n})`);
  }
  if (problems.length) throw invalidFields(problems);
  if (conditions.length === 0) throw invalidFields([{ field: 'q', code: 'search.empty', nl: 'Geef een naam, een datum, een rijksregisternummer of een aanvraagnummer.', en: 'Give a name, a date, a national number or a request number.' }]);
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const kinds = Object.keys(criteria).sort().join('+');

  return runUseCase(ctx, actor, 'search.people', async (tx) => {
    const found = await sql<{ id: string; family_id: string; given_name: string | null; family_name: string; birth_date: string | null; due_date: string | null; insz: string | null; municipality: string }>`
      select c.id, c.family_id, c.given_name, c.family_name, c.birth_date, c.due_date, c.insz, m.name as municipality
      from child c join family f on f.id = c.family_id join municipality m on m.nis_code = f.municipality_nis
      where c.merged_into is null and ${sql.join(conditions, sql` and `)} and ${searchScope(actor)}
      order by c.family_name_key, c.given_name_key nulls last, c.id
      limit ${limit + 1}`.execute(tx);
    const children = found.rows.slice(0, limit);
    const ids = children.map((c) => c.id);
    const families = [...new Set(children.map((c) => c.family_id))];
    const guardians = families.length
      ? await tx.selectFrom('guardian').select(['id', 'family_id', 'given_name', 'family_name', 'email', 'phone']).where('family_id', 'in', families).orderBy('created_at').execute()
      : [];
    const requests = ids.length
      ? (await sql<{ id: string; child_id: string; number: string; status: string; registered_on: string; desired_start_date: string; desk_name: string }>`
          select r.id, r.child_id, r.number, r.status, r.registered_on, r.desired_start_date, d.name as desk_name
          from request r join desk d on d.id = r.desk_id
          where r.child_id in (${sql.join(ids)}) and r.status <> 'merged' and ${requestVisible(actor)}
          order by r.registered_on`.execute(tx)).rows
      : [];
    // The kind of search is in the action name; the searched value (a name, a national number) is never stored.
    await audit(tx, actor, `search.people:${kinds}`, [...ids, ...families]);
    const full = deskStaff(actor);
    return {
      criteria: kinds.split('+'),
      more: found.rows.length > limit,
      children: children.map((c) => ({
        id: c.id,
        givenName: c.given_name,
        familyName: c.family_name,
        born: c.birth_date !== null,
        birthDate: c.birth_date,
        dueDate: c.due_date,
        inszMasked: full && c.insz ? maskInsz(c.insz) : null,
        family: {
          id: c.family_id,
          municipality: c.municipality,
          guardians: guardians.filter((g) => g.family_id === c.family_id).map((g) => ({ id: g.id, givenName: g.given_name, familyName: g.family_name, ...(full ? { email: g.email, phone: g.phone } : {}) })),
        },
        requests: requests.filter((r) => r.child_id === c.id).map((r) => ({ id: r.id, number: r.number, status: r.status, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date, desk: r.desk_name })),
      })),
    };
  });
}
