// Reads requests for screens and the API, limited to what the actor's scope may see.
import { maskInsz } from '../domain/identity/insz.ts';
import { STATUS_TEXT, type RequestStatus } from '../domain/requests/lifecycle.ts';
import { sql } from 'kysely';
import { inIds } from '../db/prepared.ts';
import type { Tx } from './context.ts';
import type { Actor } from './permissions.ts';

interface ViewRow {
  id: string;
  number: string;
  status: string;
  registered_on: string;
  desired_start_date: string;
  flexibility_weeks: number;
  care_days: Array<{ weekday: number; part: string; from?: string; to?: string }>;
  urgent: boolean;
  accepts_any_location: boolean;
  channel: string;
  merged_into: string | null;
  desk_id: string;
  desk_name: string;
  child_id: string;
  child_given_name: string | null;
  child_family_name: string;
  birth_date: string | null;
  due_date: string | null;
  child_insz: string | null;
  child_claimed_insz: string | null;
  family_id: string;
  applicant_id: string;
  applicant_given_name: string;
  applicant_family_name: string;
  applicant_email: string | null;
  applicant_phone: string | null;
  applicant_language: string;
  locations: Array<{ rank: number; id: string; name: string; organiser_id: string; municipality: string }>;
  /** `at` as an ISO instant in milliseconds, as Date.toISOString() gives it. */
  events: Array<{ from_status: string | null; to_status: string; reason: string | null; actor_role: string; channel: string; at: string }>;
}

/** Desk staff see the whole request; providers and partners see no national numbers and no history reasons. */
function seesFullIdentity(actor: Actor): boolean {
  return ['admin', 'system', 'desk_worker', 'desk_coordinator'].includes(actor.role);
}

/** The requests with their wishes and history, in one statement (each read of a request used to send three). */
export async function loadRequestViews(tx: Tx, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = (await sql<ViewRow>`
    select r.id, r.number, r.status, r.registered_on, r.desired_start_date, r.flexibility_weeks, r.care_days, r.urgent, r.accepts_any_location, r.channel, r.merged_into,
           d.id as desk_id, d.name as desk_name,
           c.id as child_id, c.given_name as child_given_name, c.family_name as child_family_name, c.birth_date, c.due_date, c.insz as child_insz, c.claimed_insz as child_claimed_insz, c.family_id,
           g.id as applicant_id, g.given_name as applicant_given_name, g.family_name as applicant_family_name, g.email as applicant_email, g.phone as applicant_phone, g.preferred_language as applicant_language,
           coalesce((select json_agg(json_build_object('rank', rl.rank, 'id', l.id, 'name', l.name, 'organiser_id', l.organiser_id, 'municipality', m.name) order by rl.rank)
                     from request_location rl join location l on l.id = rl.location_id join municipality m on m.nis_code = l.municipality_nis
                     where rl.request_id = r.id), '[]') as locations,
           coalesce((select json_agg(json_build_object('from_status', e.from_status, 'to_status', e.to_status, 'reason', e.reason, 'actor_role', e.actor_role, 'channel', e.channel,
                                                       'at', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by e.at, e.id)
                     from request_event e where e.request_id = r.id), '[]') as events
    from request r join child c on c.id = r.child_id join guardian g on g.id = r.applicant_id join desk d on d.id = r.desk_id
    where ${inIds(sql.ref('r.id'), ids)}`.execute(tx)).rows;
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
        locations: r.locations
          .filter((l) => actor.role !== 'provider_staff' || l.organiser_id === actor.organiserId)
          .map((l) => ({ rank: l.rank, id: l.id, name: l.name, municipality: l.municipality })),
        history: r.events.map((e) => ({ from: e.from_status, to: e.to_status, at: e.at, reason: full ? e.reason : null, actorRole: e.actor_role, channel: e.channel })),
      },
    ];
  });
}

export type RequestView = Awaited<ReturnType<typeof loadRequestViews>>[number];
