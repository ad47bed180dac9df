// The SQL form of each permission scope: single reads and lists filter rows with the same rule.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './permissions.ts';

/** Stands in for a missing desk or organiser id, so a scope without one matches nothing. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

let appScopeChecks = true;

/**
 * Tests only: switches these SQL scope filters off (every row matches), to prove that PostgreSQL's row-level security
 * alone still keeps tenants apart. Never called by the application.
 */
export function switchAppScopeChecksForTests(on: boolean): void {
  appScopeChecks = on;
}

/** The SQL form of the 'request' scope: lists and single reads use the same rule. */
export function requestScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'request'>) => {
    if (!appScopeChecks) return sql<boolean>`true`;
    switch (actor.role) {
      case 'admin':
      case 'system':
        return sql<boolean>`true`;
      case 'desk_worker':
      case 'desk_coordinator':
        return eb('request.desk_id', '=', actor.deskId ?? NO_ID);
      case 'provider_staff':
        return eb.exists(
          eb
            .selectFrom('request_location')
            .innerJoin('location', 'location.id', 'request_location.location_id')
            .whereRef('request_location.request_id', '=', 'request.id')
            .where('location.organiser_id', '=', actor.organiserId ?? NO_ID)
            .select(sql`1`.as('one')),
        );
      case 'partner':
        return eb('request.created_by', '=', actor.userId ?? NO_ID);
      case 'parent':
        return eb.exists(
          eb
            .selectFrom('child')
            .whereRef('child.id', '=', 'request.child_id')
            .where('child.family_id', '=', actor.familyId ?? NO_ID)
            .select(sql`1`.as('one')),
        );
      default:
        return sql<boolean>`false`;
    }
  };
}

/** Desk scope for a child aliased `c`: a request at the actor's desk, or a family living in the desk's area. */
export function childScope(actor: Actor) {
  if (!appScopeChecks) return sql<boolean>`true`;
  return sql<boolean>`(
    ${actor.role === 'admin' || actor.role === 'system'}
    or exists (select 1 from request r where r.child_id = c.id and r.desk_id = ${actor.deskId ?? NO_ID})
    or exists (select 1 from family f join desk_municipality dm on dm.nis_code = f.municipality_nis where f.id = c.family_id and dm.desk_id = ${actor.deskId ?? NO_ID})
  )`;
}

/** Which families an actor reaches, for a family aliased `f`: desk area or requests, the partner's own registrations, or a parent's own family. */
export function familyScope(actor: Actor) {
  if (!appScopeChecks) return sql<boolean>`true`;
  return sql<boolean>`(
    ${actor.role === 'admin' || actor.role === 'system'}
    or exists (select 1 from request r join child c on c.id = r.child_id where c.family_id = f.id and r.desk_id = ${actor.deskId ?? NO_ID})
    or exists (select 1 from desk_municipality dm where dm.nis_code = f.municipality_nis and dm.desk_id = ${actor.deskId ?? NO_ID})
    or exists (select 1 from request r join child c on c.id = r.child_id where c.family_id = f.id and r.created_by = ${actor.role === 'partner' ? (actor.userId ?? NO_ID) : NO_ID})
    or f.id = ${actor.role === 'parent' ? (actor.familyId ?? NO_ID) : NO_ID}
  )`;
}

/** Which locations an actor works with, for a location aliased `l`: the provider's own, or those in the desk's area. */
export function locationScope(actor: Actor) {
  if (!appScopeChecks) return sql<boolean>`true`;
  return sql<boolean>`(
    ${actor.role === 'admin' || actor.role === 'system'}
    or l.organiser_id = ${actor.role === 'provider_staff' ? (actor.organiserId ?? NO_ID) : NO_ID}
    or exists (select 1 from desk_municipality dm where dm.nis_code = l.municipality_nis and dm.desk_id = ${actor.deskId ?? NO_ID})
  )`;
}
