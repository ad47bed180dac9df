// GDPR for families and the audit trail: audit search, subject export (JSON, PDF), anonymisation on request and by retention.
import { sql } from 'kysely';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { UserError, invalidFields, notFound, type FieldProblem } from '../domain/errors.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { audit, runUseCase, today, type AppContext, type Tx } from './context.ts';
import { winAnsi } from './letters.ts';
import { systemActor, type Actor } from './permissions.ts';
import { familyScope, NO_ID } from './scopes.ts';

const FAMILY = { nl: 'Dit gezin', en: 'This family' };

/** Every id under which a family's data appears in the audit log and elsewhere. */
async function familySubjectIds(tx: Tx, familyId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select ${familyId}::uuid as id
    union select id from guardian where family_id = ${familyId}
    union select id from child where family_id = ${familyId}
    union select r.id from request r join child c on c.id = r.child_id where c.family_id = ${familyId}
    union select id from portal_account where family_id = ${familyId}
    union select id from consent where family_id = ${familyId}
    union select id from referral where family_id = ${familyId}
    union select id from concern where family_id = ${familyId}`.execute(tx);
  return r.rows.map((x) => x.id);
}

async function reachFamily(tx: Tx, actor: Actor, familyId: string): Promise<void> {
  const r = await sql`select 1 from family f where f.id = ${familyId}::uuid and ${familyScope(actor)}`.execute(tx);
  if (!r.rows.length) throw notFound(FAMILY, 'familyId');
}

export interface AuditFilter {
  personId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/**
 * The coordinator's audit search. Without a person it shows what the desk's own staff did; with a person (a family,
 * child, request or guardian within the desk's reach) it shows everyone who touched that family's data.
 */
export async function searchAudit(ctx: AppContext, actor: Actor, filter: AuditFilter) {
  return runUseCase(ctx, actor, 'audit.read', async (tx) => {
    const problems: FieldProblem[] = [];
    for (const k of ['from', 'to'] as const) {
      const v = filter[k];
      if (v !== undefined && !isCalendarDate(v)) problems.push({ field: `querystring.${k}`, code: 'date.invalid', nl: 'Deze datum bestaat niet.', en: 'This date does not exist.' });
    }
    if (filter.from && filter.to && filter.from > filter.to) problems.push({ field: 'querystring.to', code: 'period.reversed', nl: 'Het einde van de periode ligt na het begin.', en: 'The end of the period comes after its start.' });
    if (problems.length) throw invalidFields(problems);
    let subjects: string[] | null = null;
    if (filter.personId) {
      const fam = await sql<{ family_id: string }>`
        select ${filter.personId}::uuid as family_id from family where id = ${filter.personId}
        union select family_id from child where id = ${filter.personId}
        union select family_id from guardian where id = ${filter.personId}
        union select c.family_id from request r join child c on c.id = r.child_id where r.id = ${filter.personId}`.execute(tx);
      const familyId = fam.rows[0]?.family_id;
      if (!familyId) throw notFound({ nl: 'Deze persoon', en: 'This person' }, 'querystring.personId');
      await reachFamily(tx, actor, familyId).catch(() => {
        throw notFound({ nl: 'Deze persoon', en: 'This person' }, 'querystring.personId');
      });
      subjects = await familySubjectIds(tx, familyId);
    }
    const deskStaff = actor.role === 'admin' || actor.role === 'system' || subjects ? sql`true` : sql`a.actor_id in (select id from app_user where desk_id = ${actor.deskId ?? NO_ID})`;
    const where = sql`${deskStaff}
      and ${subjects ? sql`a.subject_ids && ${subjects}::uuid[]` : sql`true`}
      and ${filter.actorId ? sql`a.actor_id = ${filter.actorId}::uuid` : sql`true`}
      and ${filter.action ? sql`a.action = ${filter.action}` : sql`true`}
      and ${filter.from ? sql`a.at >= (${filter.from}::date)::timestamp at time zone 'Europe/Brussels'` : sql`true`}
      and ${filter.to ? sql`a.at < ((${filter.to}::date + 1)::timestamp at time zone 'Europe/Brussels')` : sql`true`}`;
    const total = (await sql<{ n: number }>`select count(*)::int as n from audit_log a where ${where}`.execute(tx)).rows[0]!.n;
    const rows = await sql<{ id: string; at: Date; actor_id: string | null; actor_role: string; actor_name: string | null; action: string; channel: string; subject_ids: string[] }>`
      select a.id::text as id, a.at, a.actor_id, a.actor_role, u.name as actor_name, a.action, a.channel, a.subject_ids
      from audit_log a left join app_user u on u.id = a.actor_id
      where ${where} order by a.at desc, a.id desc limit ${filter.limit ?? 100} offset ${filter.offset ?? 0}`.execute(tx);
    await audit(tx, actor, 'audit.read', subjects ? [filter.personId] : []);
    return {
      total,
      items: rows.rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorId: r.actor_id, actorRole: r.actor_role, actorName: r.actor_name, action: r.action, channel: r.channel, subjectIds: r.subject_ids })),
    };
  });
}

/** The tables of a family's record, each with the rows that belong to it; private keys (hashes, tokens) are left out. */
const EXPORT_QUERIES: Array<[string, (f: string) => ReturnType<typeof sql>]> = [
  ['family', (f) => sql`select id, municipality_nis, street, postal_code, preferred_language, created_at, anonymised_at from family where id = ${f}`],
  ['guardians', (f) => sql`select id, given_name, family_name, email, phone, insz, preferred_language, created_at from guardian where family_id = ${f}`],
  ['children', (f) => sql`select id, given_name, family_name, insz, birth_date, due_date, birth_order, merged_into, created_at from child where family_id = ${f}`],
  ['requests', (f) => sql`select r.id, r.number, r.child_id, r.desk_id, r.desired_start_date, r.flexibility_weeks, r.care_days, r.urgent, r.status, r.registered_on, r.channel, r.created_at from request r join child c on c.id = r.child_id where c.family_id = ${f}`],
  ['requestLocations', (f) => sql`select rl.request_id, rl.rank, rl.location_id, l.name as location from request_location rl join location l on l.id = rl.location_id join request r on r.id = rl.request_id join child c on c.id = r.child_id where c.family_id = ${f}`],
  ['requestHistory', (f) => sql`select e.request_id, e.from_status, e.to_status, e.reason, e.actor_role, e.channel, e.at from request_event e join request r on r.id = e.request_id join child c on c.id = r.child_id where c.family_id = ${f}`],
  ['consents', (f) => sql`select id, child_id, subject, purpose, data_categories, recipient_organization_id, granted_at, valid_until, withdrawn_at from consent where family_id = ${f}`],
  ['facts', (f) => sql`select id, child_id, facts, sources, declared_on, channel, created_at from fact_declaration where family_id = ${f}`],
  ['vulnerability', (f) => sql`select vulnerable, characteristics, computed_at from family_vulnerability where family_id = ${f}`],
  ['offers', (f) => sql`select o.* from offer o join request r on r.id = o.request_id join child c on c.id = r.child_id where c.family_id = ${f}`],
  ['placements', (f) => sql`select p.id, p.child_id, p.location_id, p.start_date, p.end_date, p.care_days, p.departed_on, p.departure_reason from placement p join child c on c.id = p.child_id where c.family_id = ${f}`],
  ['providerResponses', (f) => sql`select x.* from request_response x join request r on r.id = x.request_id join child c on c.id = r.child_id where c.family_id = ${f}`],
  ['referrals', (f) => sql`select id, child_id, service_id, organization_id, need, question, status, outcome, sent_at, closed_at from referral where family_id = ${f}`],
  ['concerns', (f) => sql`select id, child_id, topic, observation, question, status, created_at, closed_at from concern where family_id = ${f}`],
  ['callbackRequests', (f) => sql`select id, desk_id, name, phone, created_at from callback_request where family_id = ${f}`],
  ['portalAccounts', (f) => sql`select id, email, email_verified_at, given_name, family_name, language, created_at from portal_account where family_id = ${f}`],
];

export interface FamilyExport {
  exportedAt: string;
  familyId: string;
  data: Record<string, unknown[]>;
  /** Who read or changed this family's data: role, person, action, channel and time; never values. */
  audit: Array<{ at: string; actorRole: string; actorName: string | null; action: string; channel: string }>;
}

/** Everything the installation holds on a family, plus the audit of who saw it (GDPR art. 15). */
export async function exportFamily(ctx: AppContext, actor: Actor, familyId: string): Promise<FamilyExport> {
  return runUseCase(ctx, actor, 'privacy.export', async (tx) => {
    await reachFamily(tx, actor, familyId);
    const data: Record<string, unknown[]> = {};
    for (const [name, query] of EXPORT_QUERIES) data[name] = (await query(familyId).execute(tx)).rows as unknown[];
    const subjects = await familySubjectIds(tx, familyId);
    const trail = await sql<{ at: Date; actor_role: string; actor_name: string | null; action: string; channel: string }>`
      select a.at, a.actor_role, u.name as actor_name, a.action, a.channel from audit_log a left join app_user u on u.id = a.actor_id
      where a.subject_ids && ${subjects}::uuid[] order by a.at, a.id`.execute(tx);
    await audit(tx, actor, 'privacy.export', [familyId]);
    return {
      exportedAt: ctx.now().toISOString(),
      familyId,
      data,
      audit: trail.rows.map((r) => ({ at: r.at.toISOString(), actorRole: r.actor_role, actorName: r.actor_name, action: r.action, channel: r.channel })),
    };
  });
}

/** The same export as a plain PDF: one section per table, one line per row. */
export async function exportFamilyPdf(ctx: AppContext, actor: Actor, familyId: string): Promise<Uint8Array> {
  const e = await exportFamily(ctx, actor, familyId);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 790;
  const line = (text: string, strong = false, size = 9) => {
    for (let rest = winAnsi(text); rest.length; rest = rest.slice(110)) {
      if (y < 50) {
        page = pdf.addPage([595, 842]);
        y = 790;
      }
      page.drawText(rest.slice(0, 110), { x: 40, y, size, font: strong ? bold : font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
    }
  };
  line('Uw gegevens bij Nabij / Your data at Nabij', true, 14);
  line(`Gezin / family ${e.familyId}, opgemaakt op / made on ${e.exportedAt}`);
  for (const [name, rows] of Object.entries(e.data)) {
    y -= 6;
    line(`${name} (${rows.length})`, true, 11);
    for (const row of rows) line(JSON.stringify(row));
  }
  y -= 6;
  line(`Wie zag uw gegevens / who saw your data (${e.audit.length})`, true, 11);
  for (const a of e.audit) line(`${a.at}  ${a.actorRole}${a.actorName ? ` (${a.actorName})` : ''}  ${a.action}  ${a.channel}`);
  return pdf.save();
}

const OPEN = ['registered', 'active', 'offered'];

/** Why a family cannot be anonymised yet: an open request or a running placement still needs its data. */
async function erasureBlockers(tx: Tx, familyId: string, on: string): Promise<UserError | null> {
  const open = await sql`select 1 from request r join child c on c.id = r.child_id where c.family_id = ${familyId} and r.status in (${sql.join(OPEN)})`.execute(tx);
  if (open.rows.length) {
    return new UserError('conflict', 'privacy.open_request', 'familyId', {
      nl: 'Dit gezin heeft nog een open aanvraag. Sluit die eerst af; daarna kunnen we de gegevens wissen.',
      en: 'This family still has an open request. Close it first; then the data can be erased.',
    });
  }
  const placed = await sql`select 1 from placement p join child c on c.id = p.child_id where c.family_id = ${familyId} and coalesce(p.departed_on, p.end_date) >= ${on}::date`.execute(tx);
  if (placed.rows.length) {
    return new UserError('conflict', 'privacy.running_placement', 'familyId', {
      nl: 'Een kind van dit gezin heeft nog een lopende opvangplaats. De wet vraagt die gegevens te bewaren zolang de opvang loopt.',
      en: 'A child of this family still has a running childcare place. The law requires keeping that data while the care lasts.',
    });
  }
  return null;
}

/**
 * Removes everything that identifies the family, keeping the rows the yearly figures count (requests, dates,
 * municipality, priority facts): names, national numbers, contact details and free texts go; accounts, sessions,
 * mail and cached answers that mention the family are deleted. The audit log keeps its ids, which no longer lead to anyone.
 */
async function anonymise(tx: Tx, familyId: string): Promise<void> {
  const ids = await familySubjectIds(tx, familyId);
  const contacts = await sql<{ v: string }>`
    select email as v from guardian where family_id = ${familyId} and email is not null
    union select insz from guardian where family_id = ${familyId} and insz is not null
    union select insz from child where family_id = ${familyId} and insz is not null
    union select claimed_insz from child where family_id = ${familyId} and claimed_insz is not null
    union select phone from guardian where family_id = ${familyId} and phone is not null
    union select street from family where id = ${familyId} and street is not null
    union select email from portal_account where family_id = ${familyId} and email is not null
    union select insz from portal_account where family_id = ${familyId} and insz is not null
    union select r.number from request r join child c on c.id = r.child_id where c.family_id = ${familyId}`.execute(tx);
  const names = await sql<{ v: string }>`
    select given_name || ' ' || family_name as v from guardian where family_id = ${familyId}
    union select coalesce(given_name || ' ', '') || family_name from child where family_id = ${familyId} and given_name is not null`.execute(tx);
  const needles = [...ids, ...contacts.rows.map((r) => r.v), ...names.rows.map((r) => r.v)].filter((x) => x.length >= 5);
  // Half-filled portal forms hold the names as separate fields; they are short-lived, so matching single names is fine there.
  const single = await sql<{ v: string }>`select given_name as v from guardian where family_id = ${familyId} union select family_name from guardian where family_id = ${familyId} union select given_name from child where family_id = ${familyId} and given_name is not null`.execute(tx);
  const like = (xs: string[]) => xs.filter((x) => x.length >= 3).map((n) => `%${n.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const mentions = (column: ReturnType<typeof sql.raw>, xs = needles) => sql`${column}::text ilike any (${like(xs)}::text[])`;
  const requests = sql`(select r.id from request r join child c on c.id = r.child_id where c.family_id = ${familyId})`;
  const accounts = sql`(select id from portal_account where family_id = ${familyId} or guardian_id in (select id from guardian where family_id = ${familyId}))`;
  const emails = contacts.rows.map((r) => r.v.toLowerCase()).filter((v) => v.includes('@'));

  await sql`update guardian set given_name = '-', family_name = '-', family_name_key = '-', email = null, email_key = null, phone = null, phone_key = null, insz = null where family_id = ${familyId}`.execute(tx);
  await sql`update child set given_name = null, given_name_key = null, family_name = '-', family_name_key = '-', insz = null, claimed_insz = null where family_id = ${familyId}`.execute(tx);
  await sql`update family set street = null, postal_code = null, anonymised_at = now() where id = ${familyId}`.execute(tx);
  await sql`update request_event set reason = null where request_id in ${requests}`.execute(tx);
  await sql`update request_response set reason = case when reason is null then null else '-' end where request_id in ${requests}`.execute(tx);
  await sql`update deviation_advice set note = null where request_id in ${requests}`.execute(tx);
  await sql`update placement set departure_reason = null where child_id in (select id from child where family_id = ${familyId})`.execute(tx);
  await sql`update fact_declaration set sources = '{}' where family_id = ${familyId}`.execute(tx);
  await sql`update consent set purpose = '-' where family_id = ${familyId}`.execute(tx);
  await sql`update referral set question = '-', decline_reason = case when decline_reason is null then null else '-' end where family_id = ${familyId}`.execute(tx);
  await sql`update referral_note set text = '-' where referral_id in (select id from referral where family_id = ${familyId})`.execute(tx);
  await sql`update concern set observation = '-', question = null where family_id = ${familyId}`.execute(tx);
  // The desk's contact register: entries linked to the family or its requests, and entries that name it.
  const named = [...needles, ...single.rows.map((r) => r.v)];
  await sql`update contact set summary = '-', contact_name = null, follow_up = null
    where family_id = ${familyId} or request_id in ${requests}
      ${named.length ? sql`or ${mentions(sql.raw('summary'), named)} or ${mentions(sql.raw('contact_name'), named)} or ${mentions(sql.raw('follow_up'), named)}` : sql``}`.execute(tx);
  await sql`delete from callback_request where family_id = ${familyId} or account_id in ${accounts}`.execute(tx);
  await sql`delete from web_session where account_id in ${accounts}`.execute(tx);
  await sql`delete from portal_account where id in ${accounts}`.execute(tx);
  if (needles.length) {
    await sql`delete from web_session where draft is not null and ${mentions(sql.raw('draft'), [...needles, ...single.rows.map((r) => r.v)])}`.execute(tx);
    await sql`delete from outbox where ${mentions(sql.raw('recipient'))} or ${mentions(sql.raw('payload'))}`.execute(tx);
    await sql`delete from idempotency_key where result is not null and ${mentions(sql.raw('result'))}`.execute(tx);
    await sql`update event set data = jsonb_build_object('anonymised', true) where ${mentions(sql.raw('data'))} or ${mentions(sql.raw('subject'))}`.execute(tx);
    await sql`update duplicate_candidate set reasons = '[]' where ${mentions(sql.raw('reasons'))}`.execute(tx);
  }
  if (emails.length) await sql`delete from login_attempt where lower(key) = any (${emails}::text[]) or ${mentions(sql.raw('key'))}`.execute(tx);
}

/** Erasure on request (GDPR art. 17), where the law allows: not while a request is open or a placement runs. */
export async function eraseFamily(ctx: AppContext, actor: Actor, familyId: string, input: { reason: string }) {
  return runUseCase(ctx, actor, 'privacy.erase', async (tx) => {
    if (!input.reason.trim()) throw invalidFields([{ field: 'reason', code: 'required', nl: 'Geef de reden van de vraag tot wissen.', en: 'Give the reason for the erasure request.' }]);
    await reachFamily(tx, actor, familyId);
    const done = await tx.selectFrom('family').select('anonymised_at').where('id', '=', familyId).executeTakeFirstOrThrow();
    if (done.anonymised_at) throw new UserError('conflict', 'privacy.already_anonymised', 'familyId', { nl: 'Dit gezin werd al gewist.', en: 'This family was already erased.' });
    const blocked = await erasureBlockers(tx, familyId, today(ctx));
    if (blocked) throw blocked;
    await anonymise(tx, familyId);
    await audit(tx, actor, 'privacy.erase', [familyId]);
    return { familyId, anonymisedAt: ctx.now().toISOString() };
  });
}

/**
 * The retention job: anonymises families whose last request closed more than `years` ago (default 2) and that have
 * no open request nor running placement. The yearly figures keep counting their rows.
 */
export async function runRetention(ctx: AppContext, options: { years?: number; limit?: number } = {}): Promise<{ anonymised: number }> {
  const years = options.years ?? 2;
  return runUseCase(ctx, systemActor('job'), 'privacy.retention', async (tx) => {
    const due = await sql<{ id: string }>`
      select f.id from family f
      where f.anonymised_at is null
        and exists (select 1 from child c join request r on r.child_id = c.id where c.family_id = f.id)
        and not exists (
          select 1 from child c join request r on r.child_id = c.id
          where c.family_id = f.id and (r.status in (${sql.join(OPEN)}) or r.updated_at > ${ctx.now().toISOString()}::timestamptz - make_interval(years => ${years}::int)))
        and not exists (select 1 from child c join placement p on p.child_id = c.id where c.family_id = f.id and coalesce(p.departed_on, p.end_date) > (${today(ctx)}::date - make_interval(years => ${years}::int))::date)
      order by f.id limit ${options.limit ?? 500}`.execute(tx);
    for (const f of due.rows) {
      await anonymise(tx, f.id);
      await audit(tx, systemActor('job'), 'privacy.retention', [f.id]);
    }
    return { anonymised: due.rows.length };
  });
}
