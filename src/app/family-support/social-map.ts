// Use cases for the social map: maintain organisations in HSDS shape, import and export HSDS JSON, public search.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { invalidFields, notFound, UserError, type FieldProblem } from '../../domain/errors.ts';
import {
  checkOrganization,
  derivedId,
  duplicateIds,
  formatByday,
  HSDS_VERSION,
  monthsToYears,
  NEED_VOCABULARY,
  NEEDS,
  parseByday,
  TARGET_GROUPS,
  TARGET_VOCABULARY,
  yearsToMonths,
  type HsdsContact,
  type HsdsDocument,
  type HsdsOrganization,
  type HsdsSchedule,
} from '../../domain/family-support/hsds.ts';
import { audit, runUseCase, type AppContext, type Tx } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { NO_ID } from '../scopes.ts';

/** At most this many problems are listed in one answer; the message gives the total. */
const MAX_DETAILS = 200;

const LANGUAGE_NAMES: Record<string, string> = { nl: 'Nederlands', en: 'English', fr: 'Français', de: 'Deutsch', ar: 'العربية', tr: 'Türkçe', pl: 'Polski', ro: 'Română', uk: 'Українська', ru: 'Русский', es: 'Español', so: 'Soomaali', ti: 'ትግርኛ', prs: 'دری', bg: 'Български' };

export function importProblems(problems: FieldProblem[]): UserError {
  const shown = problems.slice(0, MAX_DETAILS);
  const first = shown[0] as FieldProblem;
  const more = problems.length > MAX_DETAILS ? ` (${MAX_DETAILS} getoond / shown)` : '';
  return new UserError(
    'invalid',
    problems.length === 1 ? first.code : 'import.invalid_items',
    first.field,
    {
      nl: `${problems.length} fout(en) in de gegevens. Er werd niets opgeslagen; verbeter ze en stuur alles opnieuw.${more}`,
      en: `${problems.length} problem(s) in the data. Nothing was stored; correct them and send everything again.${more}`,
    },
    shown,
  );
}

/** Gives every item without an id a new one, so services can point at locations and rows stay stable. */
function withIds(o: HsdsOrganization): HsdsOrganization & { id: string } {
  const id = o.id ?? randomUUID();
  const contacts = (cs: HsdsContact[] | undefined) => (cs ?? []).map((c) => ({ ...c, id: c.id ?? randomUUID() }));
  const schedules = (ss: HsdsSchedule[] | undefined) => (ss ?? []).map((s) => ({ ...s, id: s.id ?? randomUUID() }));
  return {
    ...o,
    id,
    contacts: contacts(o.contacts),
    locations: (o.locations ?? []).map((l) => ({ ...l, id: l.id ?? randomUUID(), schedules: schedules(l.schedules) })),
    services: (o.services ?? []).map((s) => ({
      ...s,
      id: s.id ?? randomUUID(),
      contacts: contacts(s.contacts),
      schedules: schedules(s.schedules),
      service_at_locations: (s.service_at_locations ?? []).map((x) => ({ ...x, id: x.id ?? randomUUID() })),
    })),
  };
}

/** Ids in the document that already belong to another organisation: an import may not move items between them. */
async function foreignIds(tx: Tx, orgs: Array<HsdsOrganization & { id: string }>, at: (i: number) => string): Promise<FieldProblem[]> {
  const wanted: Array<{ table: string; id: string; org: string; field: string }> = [];
  orgs.forEach((o, i) => {
    const pre = at(i);
    (o.locations ?? []).forEach((l, j) => wanted.push({ table: 'sm_location', id: l.id as string, org: o.id, field: `${pre}locations.${j}.id` }));
    (o.services ?? []).forEach((s, j) => {
      wanted.push({ table: 'sm_service', id: s.id as string, org: o.id, field: `${pre}services.${j}.id` });
      (s.contacts ?? []).forEach((c, k) => wanted.push({ table: 'sm_contact', id: c.id as string, org: o.id, field: `${pre}services.${j}.contacts.${k}.id` }));
      (s.schedules ?? []).forEach((c, k) => wanted.push({ table: 'sm_schedule', id: c.id as string, org: o.id, field: `${pre}services.${j}.schedules.${k}.id` }));
      (s.service_at_locations ?? []).forEach((c, k) => wanted.push({ table: 'sm_service_at_location', id: c.id as string, org: o.id, field: `${pre}services.${j}.service_at_locations.${k}.id` }));
    });
    (o.contacts ?? []).forEach((c, j) => wanted.push({ table: 'sm_contact', id: c.id as string, org: o.id, field: `${pre}contacts.${j}.id` }));
    (o.locations ?? []).forEach((l, j) => (l.schedules ?? []).forEach((c, k) => wanted.push({ table: 'sm_schedule', id: c.id as string, org: o.id, field: `${pre}locations.${j}.schedules.${k}.id` })));
  });
  if (!wanted.length) return [];
  const ids = wanted.map((w) => w.id);
  const owners = await sql<{ t: string; id: string; org: string }>`
    select 'sm_location' as t, id, organization_id as org from sm_location where id = any(${ids}::uuid[])
    union all select 'sm_service', id, organization_id from sm_service where id = any(${ids}::uuid[])
    union all select 'sm_contact', id, organization_id from sm_contact where id = any(${ids}::uuid[])
    union all select 'sm_schedule', x.id, coalesce(l.organization_id, s.organization_id) from sm_schedule x left join sm_location l on l.id = x.location_id left join sm_service s on s.id = x.service_id where x.id = any(${ids}::uuid[])
    union all select 'sm_service_at_location', x.id, s.organization_id from sm_service_at_location x join sm_service s on s.id = x.service_id where x.id = any(${ids}::uuid[])`.execute(tx);
  const owner = new Map(owners.rows.map((r) => [`${r.t} ${r.id}`, r.org]));
  return wanted
    .filter((w) => {
      const o = owner.get(`${w.table} ${w.id}`);
      return o !== undefined && o !== w.org;
    })
    .map((w) => ({ field: w.field, code: 'hsds.id_of_other_organization', nl: 'Deze id hoort al bij een andere organisatie.', en: 'This id already belongs to another organisation.' }));
}

const orNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Writes one organisation: the organisation, locations and services are updated in place; contacts, hours and links are replaced. */
async function storeOrganization(tx: Tx, ctx: AppContext, o: HsdsOrganization & { id: string }): Promise<void> {
  const org = { name: o.name.trim(), alternate_name: orNull(o.alternate_name), description: orNull(o.description), email: orNull(o.email), website: orNull(o.website), tax_id: orNull(o.tax_id), updated_at: ctx.now() };
  await tx.insertInto('sm_organization').values({ id: o.id, ...org }).onConflict((oc) => oc.column('id').doUpdateSet(org)).execute();
  const locationIds = (o.locations ?? []).map((l) => l.id as string);
  const serviceIds = (o.services ?? []).map((s) => s.id as string);
  // Contacts, schedules and service-location links belong to their owner and are replaced as a whole.
  await tx.deleteFrom('sm_contact').where('organization_id', '=', o.id).execute();
  if (locationIds.length) await tx.deleteFrom('sm_schedule').where('location_id', 'in', locationIds).execute();
  if (serviceIds.length) {
    await tx.deleteFrom('sm_schedule').where('service_id', 'in', serviceIds).execute();
    await tx.deleteFrom('sm_service_at_location').where('service_id', 'in', serviceIds).execute();
  }
  for (const l of o.locations ?? []) {
    const a = l.addresses[0] as NonNullable<(typeof l.addresses)[0]>;
    const row = { organization_id: o.id, name: l.name.trim(), description: orNull(l.description), address_1: a.address_1.trim(), city: a.city.trim(), postal_code: a.postal_code, municipality_nis: a.nabij_nis_code, latitude: l.latitude ?? null, longitude: l.longitude ?? null };
    await tx.insertInto('sm_location').values({ id: l.id as string, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    for (const s of l.schedules ?? []) await tx.insertInto('sm_schedule').values({ id: s.id as string, location_id: l.id as string, service_id: null, weekdays: parseByday(s.byday) as number[], opens_at: s.opens_at.slice(0, 5), closes_at: s.closes_at.slice(0, 5), description: orNull(s.description) }).execute();
  }
  const contact = (c: HsdsContact, serviceId: string | null) => ({ id: c.id as string, organization_id: o.id, service_id: serviceId, name: orNull(c.name), title: orNull(c.title), email: orNull(c.email), phone: orNull(c.phones?.[0]?.number) });
  for (const c of o.contacts ?? []) await tx.insertInto('sm_contact').values(contact(c, null)).execute();
  for (const s of o.services ?? []) {
    const terms = (vocabulary: string) => [...new Set((s.attributes ?? []).filter((a) => a.taxonomy_term.taxonomy === vocabulary).map((a) => a.taxonomy_term.code))].sort();
    const row = {
      organization_id: o.id,
      name: s.name.trim(),
      alternate_name: orNull(s.alternate_name),
      description: orNull(s.description),
      url: orNull(s.url),
      email: orNull(s.email),
      phone: orNull(s.phones?.[0]?.number),
      status: s.status,
      eligibility_description: orNull(s.eligibility_description),
      min_age_months: yearsToMonths(s.minimum_age),
      max_age_months: yearsToMonths(s.maximum_age),
      needs: terms(NEED_VOCABULARY),
      target_groups: terms(TARGET_VOCABULARY),
      languages: [...new Set((s.languages ?? []).map((l) => l.code.trim().toLowerCase()))].sort(),
    };
    await tx.insertInto('sm_service').values({ id: s.id as string, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    for (const c of s.contacts ?? []) await tx.insertInto('sm_contact').values(contact(c, s.id as string)).execute();
    for (const x of s.schedules ?? []) await tx.insertInto('sm_schedule').values({ id: x.id as string, location_id: null, service_id: s.id as string, weekdays: parseByday(x.byday) as number[], opens_at: x.opens_at.slice(0, 5), closes_at: x.closes_at.slice(0, 5), description: orNull(x.description) }).execute();
    for (const x of s.service_at_locations ?? []) await tx.insertInto('sm_service_at_location').values({ id: x.id as string, service_id: s.id as string, location_id: x.location_id }).execute();
  }
}

/** Checks and stores organisations, all or nothing; `at(i)` is the path prefix of item i in the request. */
async function checkAndStore(tx: Tx, input: HsdsOrganization[], at: (i: number) => string) {
  const orgs = input.map(withIds);
  const problems = [...(input.length > 1 ? duplicateIds(input) : []), ...orgs.flatMap((o, i) => checkOrganization(o, at(i).replace(/\.$/, '')))];
  problems.push(...(await foreignIds(tx, orgs, at)));
  return { orgs, problems };
}

export async function saveOrganization(ctx: AppContext, actor: Actor, input: HsdsOrganization, id?: string) {
  return runUseCase(ctx, actor, 'socialmap.write', async (tx) => {
    if (id && input.id && input.id !== id) throw invalidFields([{ field: 'id', code: 'hsds.id_mismatch', nl: 'De id in de inhoud verschilt van die in het adres.', en: 'The id in the body differs from the one in the address.' }]);
    if (id && !(await tx.selectFrom('sm_organization').select('id').where('id', '=', id).executeTakeFirst())) throw notFound({ nl: 'Deze organisatie', en: 'This organisation' });
    if (!id && input.id && (await tx.selectFrom('sm_organization').select('id').where('id', '=', input.id).executeTakeFirst())) {
      throw new UserError('conflict', 'hsds.organization_exists', 'id', { nl: 'Deze organisatie bestaat al. Pas ze aan met PUT.', en: 'This organisation already exists. Change it with PUT.' });
    }
    const { orgs, problems } = await checkAndStore(tx, [{ ...input, ...(id ? { id } : {}) }], () => '');
    if (problems.length) throw invalidFields(problems);
    const o = orgs[0] as HsdsOrganization & { id: string };
    await storeOrganization(tx, ctx, o);
    await audit(tx, actor, 'socialmap.write', []);
    return (await loadOrganizations(tx, [o.id]))[0] as HsdsOrganization;
  });
}

/** Imports a whole HSDS document: every item is checked first and the problems are listed per item; nothing is stored unless all is well. */
export async function importSocialMap(ctx: AppContext, actor: Actor, doc: { organizations: HsdsOrganization[] }) {
  return runUseCase(ctx, actor, 'socialmap.import', async (tx) => {
    const { orgs, problems } = await checkAndStore(tx, doc.organizations, (i) => `organizations.${i}.`);
    if (problems.length) throw importProblems(problems);
    for (const o of orgs) await storeOrganization(tx, ctx, o);
    await audit(tx, actor, 'socialmap.import', []);
    return {
      organizations: orgs.length,
      locations: orgs.reduce((n, o) => n + (o.locations?.length ?? 0), 0),
      services: orgs.reduce((n, o) => n + (o.services?.length ?? 0), 0),
    };
  });
}

function contactOut(c: { id: string; name: string | null; title: string | null; email: string | null; phone: string | null }) {
  return { id: c.id, name: c.name, title: c.title, email: c.email, phones: c.phone ? [{ id: derivedId(c.id, 'phone', '0'), number: c.phone }] : [] };
}
function scheduleOut(s: { id: string; weekdays: number[]; opens_at: string; closes_at: string; description: string | null }) {
  return { id: s.id, freq: 'WEEKLY' as const, byday: formatByday(s.weekdays), opens_at: s.opens_at, closes_at: s.closes_at, description: s.description };
}
const byNameId = <T extends { name: string | null; id: string }>(a: T, b: T) => (a.name ?? '').localeCompare(b.name ?? '', 'nl') || a.id.localeCompare(b.id);

/** Organisations as HSDS objects, in a stable order so an export can be compared with the next. */
async function loadOrganizations(tx: Tx, ids: string[] | null): Promise<HsdsOrganization[]> {
  let oq = tx.selectFrom('sm_organization').selectAll();
  if (ids) oq = oq.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const orgs = (await oq.execute()).sort(byNameId);
  const orgIds = orgs.map((o) => o.id);
  if (!orgIds.length) return [];
  const [locations, services, contacts, links] = await Promise.all([
    tx.selectFrom('sm_location').selectAll().where('organization_id', 'in', orgIds).execute(),
    tx.selectFrom('sm_service').selectAll().where('organization_id', 'in', orgIds).execute(),
    tx.selectFrom('sm_contact').selectAll().where('organization_id', 'in', orgIds).execute(),
    tx.selectFrom('sm_service_at_location').innerJoin('sm_service', 'sm_service.id', 'sm_service_at_location.service_id').selectAll('sm_service_at_location').where('sm_service.organization_id', 'in', orgIds).execute(),
  ]);
  const schedules = await tx
    .selectFrom('sm_schedule')
    .selectAll()
    .where((eb) => eb.or([eb('location_id', 'in', locations.length ? locations.map((l) => l.id) : [orgIds[0] as string]), eb('service_id', 'in', services.length ? services.map((s) => s.id) : [orgIds[0] as string])]))
    .execute();
  const sortById = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => a.id.localeCompare(b.id));
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    alternate_name: o.alternate_name,
    description: o.description,
    email: o.email,
    website: o.website,
    tax_id: o.tax_id,
    contacts: sortById(contacts.filter((c) => c.organization_id === o.id && !c.service_id)).map(contactOut),
    locations: locations
      .filter((l) => l.organization_id === o.id)
      .sort(byNameId)
      .map((l) => ({
        id: l.id,
        location_type: 'physical' as const,
        name: l.name,
        description: l.description,
        latitude: l.latitude,
        longitude: l.longitude,
        addresses: [{ id: derivedId(l.id, 'address', '0'), address_1: l.address_1, city: l.city, postal_code: l.postal_code, country: 'BE', address_type: 'physical' as const, nabij_nis_code: l.municipality_nis }],
        schedules: sortById(schedules.filter((s) => s.location_id === l.id)).map(scheduleOut),
      })),
    services: services
      .filter((s) => s.organization_id === o.id)
      .sort(byNameId)
      .map((s) => ({
        id: s.id,
        name: s.name,
        alternate_name: s.alternate_name,
        description: s.description,
        url: s.url,
        email: s.email,
        status: s.status as 'active',
        eligibility_description: s.eligibility_description,
        minimum_age: monthsToYears(s.min_age_months),
        maximum_age: monthsToYears(s.max_age_months),
        languages: s.languages.map((code) => ({ id: derivedId(s.id, 'language', code), code, name: LANGUAGE_NAMES[code] ?? null })),
        attributes: [
          ...s.needs.map((code) => ({ id: derivedId(s.id, NEED_VOCABULARY, code), taxonomy_term: { id: derivedId(NEED_VOCABULARY, 'term', code), code, name: NEEDS[code]?.nl ?? null, taxonomy: NEED_VOCABULARY } })),
          ...s.target_groups.map((code) => ({ id: derivedId(s.id, TARGET_VOCABULARY, code), taxonomy_term: { id: derivedId(TARGET_VOCABULARY, 'term', code), code, name: TARGET_GROUPS[code]?.nl ?? null, taxonomy: TARGET_VOCABULARY } })),
        ],
        contacts: sortById(contacts.filter((c) => c.service_id === s.id)).map(contactOut),
        phones: s.phone ? [{ id: derivedId(s.id, 'phone', '0'), number: s.phone }] : [],
        schedules: sortById(schedules.filter((x) => x.service_id === s.id)).map(scheduleOut),
        service_at_locations: sortById(links.filter((x) => x.service_id === s.id)).map((x) => ({ id: x.id, location_id: x.location_id })),
      })),
  }));
}

export async function exportSocialMap(ctx: AppContext, actor: Actor): Promise<HsdsDocument> {
  return runUseCase(ctx, actor, 'socialmap.read', async (tx) => ({ hsds_version: HSDS_VERSION, organizations: await loadOrganizations(tx, null) }));
}

export async function getOrganization(ctx: AppContext, actor: Actor, id: string): Promise<HsdsOrganization> {
  return runUseCase(ctx, actor, 'socialmap.read', async (tx) => {
    const o = (await loadOrganizations(tx, [id]))[0];
    if (!o) throw notFound({ nl: 'Deze organisatie', en: 'This organisation' });
    return o;
  });
}

export async function listOrganizations(ctx: AppContext, actor: Actor) {
  return runUseCase(ctx, actor, 'socialmap.read', async (tx) => {
    const rows = await sql<{ id: string; name: string; services: number; locations: number; members: number; pickup_days: number }>`
      select o.id, o.name, o.pickup_days,
        (select count(*)::int from sm_service s where s.organization_id = o.id) as services,
        (select count(*)::int from sm_location l where l.organization_id = o.id) as locations,
        (select count(*)::int from app_user u where u.sm_organization_id = o.id) as members
      from sm_organization o order by o.name, o.id`.execute(tx);
    return rows.rows.map((r) => ({ id: r.id, name: r.name, services: r.services, locations: r.locations, members: r.members, pickupDays: r.pickup_days }));
  });
}

export interface ServiceSearch {
  need?: string;
  ageMonths?: number;
  municipalityNis?: string;
  language?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

/** The public view of active services: no contact persons, only what the service itself publishes. */
async function publicServices(tx: Tx, where: ServiceSearch & { id?: string }) {
  const q = where.q?.trim().toLowerCase() || null;
  const rows = await sql<{ id: string; name: string; description: string | null; url: string | null; email: string | null; phone: string | null; eligibility_description: string | null; min_age_months: number | null; max_age_months: number | null; needs: string[]; target_groups: string[]; languages: string[]; organization_id: string; organization_name: string; website: string | null }>`
    select s.id, s.name, s.description, s.url, s.email, s.phone, s.eligibility_description, s.min_age_months, s.max_age_months, s.needs, s.target_groups, s.languages,
           o.id as organization_id, o.name as organization_name, o.website
    from sm_service s join sm_organization o on o.id = s.organization_id
    where s.status = 'active'
      and (${where.id ?? null}::uuid is null or s.id = ${where.id ?? null}::uuid)
      and (${where.need ?? null}::text is null or ${where.need ?? null}::text = any(s.needs))
      and (${where.language ?? null}::text is null or ${where.language?.toLowerCase() ?? null}::text = any(s.languages))
      and (${where.ageMonths ?? null}::int is null or ((s.min_age_months is null or s.min_age_months <= ${where.ageMonths ?? null}::int) and (s.max_age_months is null or s.max_age_months >= ${where.ageMonths ?? null}::int)))
      and (${where.municipalityNis ?? null}::text is null or exists (
        select 1 from sm_service_at_location x join sm_location l on l.id = x.location_id where x.service_id = s.id and l.municipality_nis = ${where.municipalityNis ?? null}::text))
      and (${q}::text is null or position(${q}::text in lower(s.name || ' ' || coalesce(s.description, '') || ' ' || o.name)) > 0)
    order by s.name, s.id
    limit ${where.limit ?? 50} offset ${where.offset ?? 0}`.execute(tx);
  const ids = rows.rows.map((r) => r.id);
  const locations = ids.length
    ? await tx
        .selectFrom('sm_service_at_location as x')
        .innerJoin('sm_location as l', 'l.id', 'x.location_id')
        .select(['x.service_id', 'l.id', 'l.name', 'l.address_1', 'l.postal_code', 'l.city', 'l.municipality_nis', 'l.latitude', 'l.longitude'])
        .where('x.service_id', 'in', ids)
        .orderBy('l.name')
        .orderBy('l.id')
        .execute()
    : [];
  const hours = ids.length
    ? await tx
        .selectFrom('sm_schedule')
        .select(['location_id', 'service_id', 'weekdays', 'opens_at', 'closes_at', 'description'])
        .where((eb) => eb.or([eb('service_id', 'in', ids), eb('location_id', 'in', locations.length ? locations.map((l) => l.id) : [ids[0] as string])]))
        .orderBy('opens_at')
        .execute()
    : [];
  const hoursOf = (pick: (h: (typeof hours)[0]) => boolean) => hours.filter(pick).map((h) => ({ weekdays: h.weekdays, opensAt: h.opens_at, closesAt: h.closes_at, description: h.description }));
  return rows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    organization: { id: r.organization_id, name: r.organization_name, website: r.website },
    url: r.url,
    email: r.email,
    phone: r.phone,
    eligibility: r.eligibility_description,
    minAgeMonths: r.min_age_months,
    maxAgeMonths: r.max_age_months,
    needs: r.needs,
    targetGroups: r.target_groups,
    languages: r.languages,
    hours: hoursOf((h) => h.service_id === r.id),
    locations: locations
      .filter((l) => l.service_id === r.id)
      .map((l) => ({ id: l.id, name: l.name, street: l.address_1, postalCode: l.postal_code, city: l.city, municipalityNis: l.municipality_nis, latitude: l.latitude, longitude: l.longitude, hours: hoursOf((h) => h.location_id === l.id) })),
  }));
}

export async function searchServices(ctx: AppContext, actor: Actor, query: ServiceSearch) {
  return runUseCase(ctx, actor, 'socialmap.search', async (tx) => {
    if (query.need && !Object.hasOwn(NEEDS, query.need)) {
      throw invalidFields([{ field: 'query.need', code: 'hsds.term', nl: `Onbekende nood. Kies uit: ${Object.keys(NEEDS).join(', ')}.`, en: `Unknown need. Choose from: ${Object.keys(NEEDS).join(', ')}.` }]);
    }
    return publicServices(tx, query);
  });
}

export async function getPublicService(ctx: AppContext, actor: Actor, id: string) {
  return runUseCase(ctx, actor, 'socialmap.search', async (tx) => {
    const s = (await publicServices(tx, { id, limit: 1 }))[0];
    if (!s) throw notFound({ nl: 'Dit aanbod', en: 'This service' });
    return s;
  });
}

/** The languages active services are offered in, each named in itself so a reader finds their own. */
export async function serviceLanguages(ctx: AppContext, actor: Actor): Promise<Array<{ code: string; name: string }>> {
  return runUseCase(ctx, actor, 'socialmap.search', async (tx) => {
    const r = await sql<{ code: string }>`select distinct unnest(languages) as code from sm_service where status = 'active'`.execute(tx);
    return r.rows.map((x) => ({ code: x.code, name: LANGUAGE_NAMES[x.code] ?? x.code })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  });
}

export function vocabularies() {
  const list = (v: Record<string, { nl: string; en: string }>) => Object.entries(v).map(([code, t]) => ({ code, nl: t.nl, en: t.en }));
  return { needs: list(NEEDS), targetGroups: list(TARGET_GROUPS) };
}

/** Ties a staff account to a social-map organisation (or unties it with null): from then on it receives that organisation's referrals. */
export async function linkUser(ctx: AppContext, actor: Actor, userId: string, organizationId: string | null) {
  return runUseCase(ctx, actor, 'socialmap.link_user', async (tx) => {
    const u = await tx.selectFrom('app_user').select(['id', 'role', 'desk_id']).where('id', '=', userId).executeTakeFirst();
    // A coordinator reaches only the staff of the own desk, never themselves (the link opens other tenants' referrals).
    const coordinator = actor.role !== 'admin' && actor.role !== 'system';
    if (!u || (coordinator && (u.desk_id === null || u.desk_id !== actor.deskId))) throw notFound({ nl: 'Deze gebruiker', en: 'This user' });
    if (coordinator && u.id === actor.userId) {
      throw new UserError('forbidden', 'socialmap.link_self', 'userId', { nl: 'U kan uzelf niet aan een organisatie koppelen. Vraag het aan een beheerder.', en: 'You cannot tie yourself to an organisation. Ask an administrator.' });
    }
    if (u.role === 'analyst') throw new UserError('unprocessable', 'socialmap.link_analyst', 'userId', { nl: 'Een analist ontvangt geen doorverwijzingen.', en: 'An analyst does not receive referrals.' });
    // A coordinator ties staff only to organisations that work in the desk's own area.
    const org = organizationId
      ? await sql<{ id: string }>`select o.id from sm_organization o where o.id = ${organizationId}::uuid and (${!coordinator}
          or exists (select 1 from sm_location l join desk_municipality dm on dm.nis_code = l.municipality_nis where l.organization_id = o.id and dm.desk_id = ${actor.deskId ?? NO_ID}::uuid))`.execute(tx)
      : null;
    if (org && org.rows.length === 0) {
      throw new UserError('not_found', 'not_found', 'organizationId', { nl: 'Deze organisatie bestaat niet of werkt niet in het gebied van uw loket.', en: 'This organisation does not exist or does not work in your desk’s area.' });
    }
    await tx.updateTable('app_user').set({ sm_organization_id: organizationId }).where('id', '=', userId).execute();
    await audit(tx, actor, 'socialmap.link_user', [userId]);
    return { userId, organizationId };
  });
}

/** The agreed time to pick up a referral: after it a reminder goes out to the organisation and the referrer. */
export async function setPickupDays(ctx: AppContext, actor: Actor, organizationId: string, days: number) {
  return runUseCase(ctx, actor, 'socialmap.write', async (tx) => {
    const r = await tx.updateTable('sm_organization').set({ pickup_days: days }).where('id', '=', organizationId).returning('id').executeTakeFirst();
    if (!r) throw notFound({ nl: 'Deze organisatie', en: 'This organisation' });
    return { organizationId, pickupDays: days };
  });
}
