// Reads requests for screens and the API, limited to what the actor's scope may see.
import { maskInsz } from '../domain/identity/insz.ts';
import { STATUS_TEXT, type RequestStatus } from '../domain/requests/lifecycle.ts';
import type { Tx } from './context.ts';
import type { Actor } from './permissions.ts';

/** Desk staff see the whole request; providers and partners see no national numbers and no history reasons. */
function seesFullIdentity(actor: Actor): boolean {
  return ['admin', 'system', 'desk_worker', 'desk_coordinator'].includes(actor.role);
}

export async function loadRequestViews(tx: Tx, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('request')
    .innerJoin('child', 'child.id', 'request.child_id')
    .innerJoin('guardian', 'guardian.id', 'request.applicant_id')
    .innerJoin('desk', 'desk.id', 'request.desk_id')
    .where('request.id', 'in', ids)
    .select([
      'request.id',
      'request.number',
      'request.status',
      'request.registered_on',
      'request.desired_start_date',
      'request.flexibility_weeks',
      'request.care_days',
      'request.urgent',
      'request.accepts_any_location',
      'request.channel',
      'request.merged_into',
      'desk.id as desk_id',
      'desk.name as desk_name',
      'child.id as child_id',
      'child.given_name as child_given_name',
      'child.family_name as child_family_name',
      'child.birth_date',
      'child.due_date',
      'child.insz as child_insz',
      'child.claimed_insz as child_claimed_insz',
      'child.family_id',
      'guardian.id as applicant_id',
      'guardian.given_name as applicant_given_name',
      'guardian.family_name as applicant_family_name',
      'guardian.email as applicant_email',
      'guardian.phone as applicant_phone',
      'guardian.preferred_language as applicant_language',
    ])
    .execute();
  const locations = await tx
    .selectFrom('request_location')
    .innerJoin('location', 'location.id', 'request_location.location_id')
    .innerJoin('municipality', 'municipality.nis_code', 'location.municipality_nis')
    .where('request_location.request_id', 'in', ids)
    .select(['request_location.request_id', 'request_location.rank', 'location.id', 'location.name', 'location.organiser_id', 'municipality.name as municipality'])
    .orderBy('request_location.rank')
    .execute();
  const events = await tx
    .selectFrom('request_event')
    .where('request_id', 'in', ids)
    .select(['request_id', 'from_status', 'to_status', 'reason', 'actor_role', 'channel', 'at'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  const full = seesFullIdentity(actor);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const status = r.status as RequestStatus | 'merged';
    return [
      {
        id: r.id,
        number: r.number,
        status,
        statusText: status === 'merged' ? { nl: 'samengevoegd met een andere aanvraag', en: 'merged into another request' } : STATUS_TEXT[status],
        mergedInto: r.merged_into,
        registeredOn: r.registered_on,
        desiredStartDate: r.desired_start_date,
        flexibilityWeeks: r.flexibility_weeks,
        careDays: r.care_days,
        urgent: r.urgent,
        acceptsAnyLocation: r.accepts_any_location,
        channel: r.channel,
        desk: { id: r.desk_id, name: r.desk_name },
        child: {
          id: r.child_id,
          familyId: r.family_id,
          givenName: r.child_given_name,
          familyName: r.child_family_name,
          born: r.birth_date !== null,
          birthDate: r.birth_date,
          dueDate: r.due_date,
          // A number kept apart (claimed without proof) shows as any other: the answer tells nothing about other records.
          inszMasked: (r.child_insz ?? r.child_claimed_insz) ? maskInsz((r.child_insz ?? r.child_claimed_insz) as string) : null,
        },
        applicant: {
          id: r.applicant_id,
          givenName: r.applicant_given_name,
          familyName: r.applicant_family_name,
          email: r.applicant_email,
          phone: r.applicant_phone,
          preferredLanguage: r.applicant_language,
        },
        locations: locations
          .filter((l) => l.request_id === id)
          .filter((l) => actor.role !== 'provider_staff' || l.organiser_id === actor.organiserId)
          .map((l) => ({ rank: l.rank, id: l.id, name: l.name, municipality: l.municipality })),
        history: events
          .filter((e) => e.request_id === id)
          .map((e) => ({ from: e.from_status, to: e.to_status, at: e.at.toISOString(), reason: full ? e.reason : null, actorRole: e.actor_role, channel: e.channel })),
      },
    ];
  });
}

export type RequestView = Awaited<ReturnType<typeof loadRequestViews>>[number];
