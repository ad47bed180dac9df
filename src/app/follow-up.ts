// The desk's follow-up: providers' first responses to requests, the overdue ones, and families still without a place near their start.
import { toCsv as guardedCsv } from '../domain/export/cells.ts';
import { sql } from 'kysely';
import { addDays, addMonths } from '../domain/dates.ts';
import { invalidFields, UserError } from '../domain/errors.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from './context.ts';
import { ownLocation, requestAtLocation } from './deviations.ts';
import type { Actor } from './permissions.ts';

export type ResponseKind = 'seen' | 'candidate' | 'offered' | 'no_place';

/** Records a provider's response to a request; the first one stays dated, later ones update the kind. */
export async function recordResponse(tx: Tx, ctx: AppContext, actor: Actor, requestId: string, locationId: string, kind: ResponseKind, reason: string | null) {
  await tx
    .insertInto('request_response')
    .values({ request_id: requestId, location_id: locationId, kind, reason, first_at: ctx.now(), updated_at: ctx.now(), responded_by: actor.userId })
    .onConflict((oc) => oc.columns(['request_id', 'location_id']).doUpdateSet({ kind, reason, updated_at: ctx.now(), responded_by: actor.userId }))
    .execute();
}

export async function respondToRequest(ctx: AppContext, actor: Actor, requestId: string, input: { locationId: string; kind: ResponseKind; reason?: string }) {
  return runUseCase(ctx, actor, 'request.respond', async (tx) => {
    await ownLocation(tx, actor, input.locationId);
    const r = await requestAtLocation(tx, requestId, input.locationId);
    if (input.kind === 'offered') {
      throw new UserError('invalid', 'response.offer_via_offer', 'kind', { nl: 'Een aanbod doet u met een echt aanbod, niet met een antwoord.', en: 'Make an offer with a real offer, not with a response.' });
    }
    if (input.kind === 'no_place' && !input.reason?.trim()) {
      throw invalidFields([{ field: 'reason', code: 'required', nl: 'Zeg waarom er geen plaats mogelijk is.', en: 'Say why no place is possible.' }]);
    }
    await recordResponse(tx, ctx, actor, requestId, input.locationId, input.kind, input.reason?.trim() || null);
    await audit(tx, actor, 'request.respond', [r.child_id]);
    return { requestId, locationId: input.locationId, kind: input.kind };
  });
}

/** Per provider: open requests of the desk that list its location and got no response within the desk's time. */
export async function overdueResponses(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'followup.read', async (tx) => {
    const desk = await tx.selectFrom('desk').select(['id', 'response_days']).where('id', '=', actor.deskId ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    if (!desk) throw new UserError('forbidden', 'auth.no_desk', null, { nl: 'U werkt niet voor een loket.', en: 'You do not work for a desk.' });
    const cutoff = addDays(today(ctx), -desk.response_days);
    const rows = await sql<{ organiser: string; location: string; location_id: string; request_id: string; number: string; registered_on: string; child_id: string }>`
      select o.name as organiser, l.name as location, l.id as location_id, r.id as request_id, r.number, r.registered_on, r.child_id
      from request r join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id join organiser o on o.id = l.organiser_id
      where r.desk_id = ${desk.id} and r.status in ('registered', 'active', 'offered') and r.registered_on <= ${cutoff}::date
        and not exists (select 1 from request_response x where x.request_id = r.id and x.location_id = l.id)
        and not exists (select 1 from offer f where f.request_id = r.id and f.location_id = l.id)
      order by o.name, l.name, r.registered_on, r.number`.execute(tx);
    await audit(tx, actor, 'followup.overdue', rows.rows.map((r) => r.child_id));
    return {
      responseDays: desk.response_days,
      rows: rows.rows.map((r) => ({ organiser: r.organiser, location: r.location, locationId: r.location_id, requestId: r.request_id, number: r.number, registeredOn: r.registered_on, daysWaiting: Math.round((Date.parse(today(ctx)) - Date.parse(r.registered_on)) / 86_400_000) })),
    };
  });
}

/** Families whose desired start is within the desk's warning time and who have no place yet. */
export async function noPlaceYet(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'followup.read', async (tx) => {
    const desk = await tx.selectFrom('desk').select(['id', 'no_place_warning_months']).where('id', '=', actor.deskId ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    if (!desk) throw new UserError('forbidden', 'auth.no_desk', null, { nl: 'U werkt niet voor een loket.', en: 'You do not work for a desk.' });
    const horizon = addMonths(today(ctx), desk.no_place_warning_months);
    const rows = await sql<{ request_id: string; number: string; desired_start_date: string; status: string; given_name: string | null; family_name: string; phone: string | null; email: string | null; child_id: string }>`
      select r.id as request_id, r.number, r.desired_start_date, r.status, c.given_name, c.family_name, g.phone, g.email, c.id as child_id
      from request r join child c on c.id = r.child_id join guardian g on g.id = r.applicant_id
      where r.desk_id = ${desk.id} and r.status in ('registered', 'active', 'offered') and r.desired_start_date <= ${horizon}::date
        and not exists (select 1 from placement p where p.child_id = r.child_id and p.end_date >= r.desired_start_date)
      order by r.desired_start_date, r.number`.execute(tx);
    await audit(tx, actor, 'followup.no_place', rows.rows.map((r) => r.child_id));
    return {
      warningMonths: desk.no_place_warning_months,
      rows: rows.rows.map((r) => ({ requestId: r.request_id, number: r.number, desiredStartDate: r.desired_start_date, status: r.status, child: `${r.given_name ?? ''} ${r.family_name}`.trim(), phone: r.phone, email: r.email })),
    };
  });
}

/** CSV for Excel in Belgium: semicolons, a byte-order mark, every field quoted when needed. */
/** Kept for the existing CSV exports; the guarded writer in domain/export/cells.ts does the work. */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  return guardedCsv(header, rows);
}

/**
 * A provider's inbox: open requests that list its locations, with its first response (if any) per location, and
 * those past the desk's response time without one marked overdue, oldest first.
 */
export async function providerInbox(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'request.respond', async (tx) => {
    const organiserId = actor.role === 'admin' ? null : actor.organiserId;
    if (actor.role !== 'admin' && !organiserId) throw new UserError('forbidden', 'auth.no_organiser', null, { nl: 'U werkt niet voor een organisator van kinderopvang.', en: 'You do not work for a childcare organiser.' });
    const rows = await sql<{ request_id: string; number: string; registered_on: string; desired_start_date: string; care_days: Array<{ weekday: number; part: string }>; location_id: string; location: string; rank: number; response: string | null; reason: string | null; first_at: Date | null; response_days: number; child_id: string; due: string }>`
      select r.id as request_id, r.number, r.registered_on, r.desired_start_date, r.care_days, l.id as location_id, l.name as location, rl.rank,
        x.kind as response, x.reason, x.first_at, d.response_days, r.child_id, (r.registered_on + d.response_days)::text as due
      from request r join request_location rl on rl.request_id = r.id join location l on l.id = rl.location_id join desk d on d.id = r.desk_id
      left join request_response x on x.request_id = r.id and x.location_id = l.id
      where r.status in ('registered', 'active', 'offered') and (${organiserId}::uuid is null or l.organiser_id = ${organiserId}::uuid)
      order by (x.kind is null) desc, r.registered_on, r.number
      limit 500`.execute(tx);
    await audit(tx, actor, 'request.inbox', rows.rows.map((r) => r.child_id));
    const day = today(ctx);
    return rows.rows.map((r) => ({
      requestId: r.request_id, number: r.number, registeredOn: r.registered_on, desiredStartDate: r.desired_start_date, careDays: r.care_days,
      locationId: r.location_id, location: r.location, preferenceRank: r.rank, response: r.response, reason: r.reason, answerBy: r.due,
      overdue: r.response === null && r.due < day,
    }));
  });
}
