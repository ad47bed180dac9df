// Use cases for bringing in specialised support (bijschakeling): a service supports a child in its childcare location.
import { sql } from 'kysely';
import { isCalendarDate } from '../../domain/dates.ts';
import { invalidFields, notFound, UserError, type FieldProblem } from '../../domain/errors.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { NO_ID } from '../scopes.ts';
import { worksFor } from './access.ts';

export interface SupportInput {
  childId: string;
  locationId: string;
  serviceId: string;
  startDate: string;
  endDate?: string | null;
  contactName: string;
  contactPhone?: string;
  contactEmail?: string;
}

/**
 * Who sees a location's support, for a location aliased `l` and a record aliased `a`: staff of the location's
 * organiser, the desk of its area, the supporting organisation, and whoever recorded it.
 */
function supportScope(actor: Actor) {
  return sql<boolean>`(
    ${actor.role === 'admin' || actor.role === 'system'}
    or l.organiser_id = ${actor.role === 'provider_staff' ? (actor.organiserId ?? NO_ID) : NO_ID}::uuid
    or exists (select 1 from desk_municipality dm where dm.nis_code = l.municipality_nis and dm.desk_id = ${actor.deskId ?? NO_ID}::uuid)
    or ${worksFor(actor, sql`a.organization_id`)}
    or a.created_by = ${actor.userId ?? NO_ID}::uuid
  )`;
}

/**
 * Records that a service supports a child at its childcare location for a period. The child must have a place
 * there in that period; the location's staff, its desk or the supporting organisation record it.
 */
export async function recordSupport(ctx: AppContext, actor: Actor, input: SupportInput) {
  return runUseCase(ctx, actor, 'support.record', async (tx) => {
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(input.startDate)) problems.push({ field: 'startDate', code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    if (input.endDate && (!isCalendarDate(input.endDate) || input.endDate < input.startDate)) problems.push({ field: 'endDate', code: 'support.end_before_start', nl: 'De einddatum ligt op of na de startdatum.', en: 'The end date is on or after the start date.' });
    if (!input.contactName.trim()) problems.push({ field: 'contactName', code: 'required', nl: 'Geef de naam van de contactpersoon.', en: 'Give the contact person’s name.' });
    if (problems.length) throw invalidFields(problems);
    const service = await tx.selectFrom('sm_service').select(['id', 'organization_id']).where('id', '=', input.serviceId).executeTakeFirst();
    if (!service) throw new UserError('not_found', 'service.not_found', 'serviceId', { nl: 'Dit aanbod staat niet op de sociale kaart.', en: 'This service is not on the social map.' });
    const allowed = await sql<{ id: string }>`
      select l.id from location l, (select ${service.organization_id}::uuid as organization_id, ${NO_ID}::uuid as created_by) a
      where l.id = ${input.locationId}::uuid and ${supportScope(actor)}`.execute(tx);
    if (!allowed.rows.length) throw new UserError('not_found', 'location.not_found', 'locationId', { nl: 'Deze opvanglocatie bestaat niet of u werkt er niet mee.', en: 'This location does not exist or you do not work with it.' });
    const placed = await tx
      .selectFrom('placement')
      .select('id')
      .where('child_id', '=', input.childId)
      .where('location_id', '=', input.locationId)
      .where('start_date', '<=', input.endDate ?? '9999-12-31')
      .where('end_date', '>=', input.startDate)
      .executeTakeFirst();
    if (!placed) throw new UserError('unprocessable', 'support.child_not_at_location', 'childId', { nl: 'Dit kind heeft in die periode geen plaats in deze opvanglocatie.', en: 'This child has no place at this location in that period.' });
    const row = await tx
      .insertInto('support_assignment')
      .values({ child_id: input.childId, location_id: input.locationId, service_id: service.id, organization_id: service.organization_id, start_date: input.startDate, end_date: input.endDate ?? null, contact_name: input.contactName.trim(), contact_phone: input.contactPhone?.trim() || null, contact_email: input.contactEmail?.trim() || null, created_by: actor.userId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'support.record', [input.childId, row.id]);
    return (await load(tx, actor, { id: row.id }))[0] as Awaited<ReturnType<typeof load>>[0];
  });
}

async function load(tx: Tx, actor: Actor, where: { id?: string; locationId?: string; childId?: string }) {
  const rows = await sql<{ id: string; child_id: string; given_name: string | null; family_name: string; location_id: string; location_name: string; service_id: string; service_name: string; organization_name: string; start_date: string; end_date: string | null; contact_name: string; contact_phone: string | null; contact_email: string | null }>`
    select a.id, a.child_id, ch.given_name, ch.family_name, a.location_id, l.name as location_name, a.service_id, s.name as service_name, o.name as organization_name,
           a.start_date, a.end_date, a.contact_name, a.contact_phone, a.contact_email
    from support_assignment a join location l on l.id = a.location_id join child ch on ch.id = a.child_id join sm_service s on s.id = a.service_id join sm_organization o on o.id = a.organization_id
    where ${supportScope(actor)}
      and (${where.id ?? null}::uuid is null or a.id = ${where.id ?? null}::uuid)
      and (${where.locationId ?? null}::uuid is null or a.location_id = ${where.locationId ?? null}::uuid)
      and (${where.childId ?? null}::uuid is null or a.child_id = ${where.childId ?? null}::uuid)
    order by a.start_date desc, a.id`.execute(tx);
  return rows.rows.map((r) => ({
    id: r.id,
    child: { id: r.child_id, givenName: r.given_name, familyName: r.family_name },
    location: { id: r.location_id, name: r.location_name },
    service: { id: r.service_id, name: r.service_name, organization: r.organization_name },
    startDate: r.start_date,
    endDate: r.end_date,
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
  }));
}

export async function listSupport(ctx: AppContext, actor: Actor, query: { locationId?: string; childId?: string }) {
  return runUseCase(ctx, actor, 'support.read', async (tx) => {
    const rows = await load(tx, actor, query);
    await audit(tx, actor, 'support.read', rows.map((r) => r.child.id));
    return rows;
  });
}

export async function getSupport(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'support.read', async (tx) => {
    const r = (await load(tx, actor, { id }))[0];
    if (!r) throw notFound({ nl: 'Deze ondersteuning', en: 'This support' });
    await audit(tx, actor, 'support.read', [r.child.id]);
    return r;
  });
}
