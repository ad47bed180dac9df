// Row-level security on the tables that hang off a request, a referral, a child or an account, and on the feeds.
import { sql, type Kysely, type RawBuilder } from 'kysely';

// 0011 to 0019 covered the family tables and request. The rows here hold personal data of their own (a note, a
// reason, a phone number, an e-mail address) or say what happened to a request, so a bug in an application filter
// must not show them to another tenant either. Each policy defers to the policy of the row it hangs off: a row is
// visible exactly when its request (or referral, or child) is. That keeps one rule per kind of row, and it cannot
// recurse: none of those parent policies reads these tables.
//
// Left without policies on purpose: request_location, placement and offer. The request policy reads the first two to
// decide what a provider sees, so a policy on them that looked at request would recurse. Seat counts read all three
// across tenants: an open offer holds a seat whoever's family it went to, and a policy would free that seat for
// anyone who cannot read the family. They hold links, dates, care days and a status; every row they point to
// (request, child, family) is covered. Counts over covered rows that must include other tenants' rows (the yearly
// deviation quota) run in acrossTenants.

/** Tables with a request_id: visible when the request is. */
export const REQUEST_TABLES = ['request_event', 'request_response', 'round_proposal', 'deviation', 'deviation_advice'] as const;

type Rule = { table: string; using: RawBuilder<unknown> };

export async function up(db: Kysely<unknown>): Promise<void> {
  const rules: Rule[] = [
    ...REQUEST_TABLES.map((table) => ({ table, using: sql.raw(`exists (select 1 from request r where r.id = ${table}.request_id)`) })),
    { table: 'referral_note', using: sql.raw('exists (select 1 from referral x where x.id = referral_note.referral_id)') },
    { table: 'support_assignment', using: sql.raw('exists (select 1 from child c where c.id = support_assignment.child_id)') },
    // A round belongs to its desk; a provider sees a round that proposes one of its locations (the proposal's own
    // policy then shows only the requests it can read). Its stored input flags requests as vulnerable.
    {
      table: 'matching_round',
      using: sql.raw(`((nabij_role() in ('desk_worker', 'desk_coordinator') and matching_round.desk_id = nabij_setting('nabij.desk_id'))
        or (nabij_role() = 'provider_staff' and exists (select 1 from round_proposal p join location l on l.id = p.location_id
          where p.round_id = matching_round.id and l.organiser_id = nabij_setting('nabij.organiser_id'))))`),
    },
    // A parent's own account (a parent's user id is the account id); sign-up and log-in run before an actor exists.
    { table: 'portal_account', using: sql.raw(`portal_account.id = nabij_setting('nabij.user_id')`) },
    // The desk it was sent to, and the parent who sent it.
    {
      table: 'callback_request',
      using: sql.raw(`((nabij_role() in ('desk_worker', 'desk_coordinator') and callback_request.desk_id = nabij_setting('nabij.desk_id'))
        or callback_request.account_id = nabij_setting('nabij.user_id')
        or callback_request.family_id = nabij_setting('nabij.family_id'))`),
    },
  ];
  for (const { table, using } of rules) {
    const t = sql.table(table);
    const rule = sql`(nabij_wide() or ${using})`;
    await sql`
      alter table ${t} enable row level security;
      create policy tenant on ${t} to nabij_app using ${rule} with check ${rule};
    `.execute(db);
  }

  // Feeds that every use case writes into and few read: anyone may add a row; reading, changing or removing one
  // follows the reader's tenant. An event belongs to its organiser's feed; a letter in the outbox to its guardian.
  await sql`
    alter table event enable row level security;
    create policy append on event for insert to nabij_app with check (true);
    create policy tenant on event for select to nabij_app using (nabij_wide() or event.organiser_id = nabij_setting('nabij.organiser_id'));

    alter table outbox enable row level security;
    create policy append on outbox for insert to nabij_app with check (true);
    create policy tenant on outbox to nabij_app
      using (nabij_wide() or exists (select 1 from guardian g where g.id = nullif(outbox.recipient->>'guardianId', '')::uuid));
  `.execute(db);
}
