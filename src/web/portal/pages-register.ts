// The registration form, step by step: child, family, care wanted, locations, priority statement, check and send.
// Answers live in the session between steps; nothing is stored as a request until the last step is sent. Each step
// is checked by the same domain rules as the API, and problems are shown next to their fields with the values kept.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { registerFromPortal, type PortalRegistration } from '../../app/portal/family.ts';
import { getRequest } from '../../app/requests.ts';
import { searchLocations } from '../../app/portal/locations.ts';
import { addDays, type CalendarDate } from '../../domain/dates.ts';
import { UserError, type FieldProblem } from '../../domain/errors.ts';
import { checkRegistration, type CareDay, type RegistrationInput } from '../../domain/requests/registration.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { saveSession } from '../sessions.ts';
import { t, type Key, type Lang } from './i18n.ts';
import { choiceGroup, csrfField, errorSummary, inputField, notice, page, problemsFrom, selectField, type Problems, type View } from './layout.ts';
import { accountOf, many, one, send, type Body } from './routes.ts';

export interface Draft {
  child?: { born: string; givenName: string; familyName: string; birthDate: string; dueDate: string; insz: string; birthOrder: string };
  family?: { givenName: string; familyName: string; phone: string; municipalityNis: string; street: string; postalCode: string; otherGivenName: string; otherFamilyName: string; otherEmail: string };
  care?: { desiredStartDate: string; flexibilityWeeks: string; days: Record<string, string> };
  locations?: string[];
  acceptAny?: boolean;
  facts?: { answer: string; g1: string; g1f: string; g2: string; g2f: string; singleParent: string; lowIncome: string; fosterChild: string; health: string; noDiploma: string };
}

export const STEPS = ['kind', 'gezin', 'opvang', 'locaties', 'voorrang', 'nakijken'] as const;
type Step = (typeof STEPS)[number];
const STEP_KEY: Record<Step, Key> = { kind: 'step.child', gezin: 'step.family', opvang: 'step.care', locaties: 'step.locations', voorrang: 'step.priority', nakijken: 'step.check' };
const WEEKDAYS: Array<[number, Key]> = [[1, 'day.1'], [2, 'day.2'], [3, 'day.3'], [4, 'day.4'], [5, 'day.5']];
const ACTIVITIES = ['employed', 'self_employed', 'job_seeking', 'vocational_training', 'dutch_course', 'none'] as const;

function draftOf(request: FastifyRequest): Draft {
  return (request.portal.session.draft ?? {}) as Draft;
}

async function keep(ctx: AppContext, request: FastifyRequest, draft: Draft) {
  request.portal.session.draft = draft as Record<string, unknown>;
  await saveSession(ctx, request.portal.session);
}

function careDays(d: Draft): CareDay[] {
  return Object.entries(d.care?.days ?? {})
    .filter(([, part]) => ['full', 'morning', 'afternoon'].includes(part))
    .map(([weekday, part]) => ({ weekday: Number(weekday), part: part as CareDay['part'] }));
}

function factsOf(d: Draft): PortalRegistration['facts'] | undefined {
  const f = d.facts;
  if (!f || f.answer !== 'yes') return undefined;
  const guardian = (kind: string, fraction: string) => ({ activities: kind && kind !== 'none' ? [{ kind: kind as 'employed', fraction: Number(fraction || '1') }] : [] });
  const guardians = [guardian(f.g1, f.g1f), ...(f.singleParent === 'yes' ? [] : [guardian(f.g2, f.g2f)])];
  return { guardians, singleParent: f.singleParent === 'yes', lowIncome: f.lowIncome === 'yes', fosterChild: f.fosterChild === 'yes', healthOrCareSituation: f.health === 'yes', noSecondaryDiploma: f.noDiploma === 'yes', siblings: [] };
}

/** The registration as the domain sees it, with harmless stand-ins for the steps not done yet. */
function toInput(d: Draft, today: CalendarDate): RegistrationInput {
  const c = d.child;
  const born = c?.born === 'yes';
  return {
    applicant: { givenName: d.family?.givenName ?? 'x', familyName: d.family?.familyName ?? 'x', email: 'stand-in@nabij.invalid', ...(d.family?.phone ? { phone: d.family.phone } : {}) },
    ...(d.family?.otherGivenName || d.family?.otherFamilyName ? { otherGuardian: { givenName: d.family.otherGivenName, familyName: d.family.otherFamilyName, ...(d.family.otherEmail ? { email: d.family.otherEmail } : {}) } } : {}),
    residence: { municipalityNis: d.family?.municipalityNis ?? '', ...(d.family?.street ? { street: d.family.street } : {}), ...(d.family?.postalCode ? { postalCode: d.family.postalCode } : {}) },
    child: c
      ? { familyName: c.familyName, ...(c.givenName ? { givenName: c.givenName } : {}), ...(born ? { birthDate: c.birthDate } : { dueDate: c.dueDate }), ...(born && c.insz ? { insz: c.insz } : {}), birthOrder: Number(c.birthOrder || '1') }
      : { familyName: 'x', dueDate: addDays(today, 100) },
    desiredStartDate: d.care?.desiredStartDate ?? addDays(today, 400),
    flexibilityWeeks: Number(d.care?.flexibilityWeeks || '0'),
    careDays: d.care ? careDays(d) : [{ weekday: 1, part: 'full' }],
    locationIds: d.locations ?? ['stand-in'],
    consent: { processing: true },
  };
}

const STEP_FIELDS: Record<Step, RegExp> = {
  kind: /^child\./,
  gezin: /^(applicant\.(givenName|familyName|phone)|otherGuardian\.|residence\.)/,
  opvang: /^(desiredStartDate|flexibilityWeeks|careDays)/,
  locaties: /^locationIds/,
  voorrang: /^$/,
  nakijken: /./,
};

/** Form field names on each step's page, from the domain's field paths. */
function formField(field: string): string {
  const map: Record<string, string> = {
    'child.insz': 'insz', 'child.birthDate': 'birthDate', 'child.dueDate': 'dueDate', 'child.familyName': 'childFamilyName', 'child.givenName': 'childGivenName', 'child.birthOrder': 'birthOrder',
    'applicant.givenName': 'givenName', 'applicant.familyName': 'familyName', 'applicant.phone': 'phone', 'applicant.email': 'phone',
    'otherGuardian.givenName': 'otherGivenName', 'otherGuardian.familyName': 'otherFamilyName', 'otherGuardian.email': 'otherEmail',
    'residence.municipalityNis': 'municipalityNis', 'residence.street': 'street', 'residence.postalCode': 'postalCode',
    desiredStartDate: 'desiredStartDate', flexibilityWeeks: 'flexibilityWeeks',
  };
  if (map[field]) return map[field] as string;
  if (field.startsWith('careDays')) return 'days';
  if (field.startsWith('locationIds')) return 'locations';
  return field;
}

async function maxLocations(ctx: AppContext, nis: string | undefined): Promise<number | null> {
  if (!nis) return null;
  const d = await ctx.db.selectFrom('desk_municipality').innerJoin('desk', 'desk.id', 'desk_municipality.desk_id').select('desk.max_locations').where('desk_municipality.nis_code', '=', nis).executeTakeFirst();
  return d?.max_locations ?? null;
}

async function problemsFor(ctx: AppContext, step: Step, d: Draft, lang: Lang, today: CalendarDate): Promise<Problems> {
  const max = await maxLocations(ctx, d.family?.municipalityNis);
  const { problems } = checkRegistration(toInput(d, today), { today, maxLocations: max });
  const kept: FieldProblem[] = problems.filter((p) => STEP_FIELDS[step].test(p.field));
  if (step === 'gezin' && !d.family?.municipalityNis) kept.push({ field: 'residence.municipalityNis', code: 'residence.required', nl: 'Kies de gemeente waar u woont.', en: 'Choose the municipality where you live.' });
  return problemsFrom(lang, kept, { max: max ?? 0 }, formField);
}

function stepsNav(v: View, current: Step, d: Draft): Html {
  const reached = (s: Step) => {
    const i = STEPS.indexOf(s);
    return i === 0 || Boolean([d.child, d.family, d.care, d.locations, d.facts][i - 1]);
  };
  return html`<nav aria-label="${t(v.lang, 'step.label')}"><ol class="steps">${STEPS.map((s, i) => html`<li${s === current ? html` aria-current="step"` : ''}>${reached(s) && s !== current ? html`<a href="/portaal/inschrijven/${s}">${i + 1}. ${t(v.lang, STEP_KEY[s])}</a>` : html`${i + 1}. ${t(v.lang, STEP_KEY[s])}`}</li>`)}</ol></nav>`;
}

function form(v: View, step: Step, d: Draft, problems: Problems, fields: Html, submitKey: Key = 'form.next'): string {
  const i = STEPS.indexOf(step);
  return page(
    v,
    `${t(v.lang, 'register.title')} – ${t(v.lang, STEP_KEY[step])}`,
    html`${stepsNav(v, step, d)}${errorSummary(v, problems)}
    <form method="post" action="/portaal/inschrijven/${step}" novalidate>${csrfField(v)}
      ${fields}
      <div class="actions"><button type="submit">${t(v.lang, submitKey)}</button>${i > 0 ? html`<a href="/portaal/inschrijven/${STEPS[i - 1]}">${t(v.lang, 'form.back')}</a>` : ''}</div>
    </form>`,
  );
}

const yesNo = (v: View) => [{ value: 'yes', label: t(v.lang, 'form.yes') }, { value: 'no', label: t(v.lang, 'form.no') }];

function childStep(v: View, d: Draft, p: Problems, values = d.child) {
  const c = values ?? { born: '', givenName: '', familyName: '', birthDate: '', dueDate: '', insz: '', birthOrder: '1' };
  return form(v, 'kind', d, p, html`
    ${choiceGroup({ name: 'born', legend: t(v.lang, 'child.born'), type: 'radio', options: yesNo(v), checked: [c.born], problems: p })}
    ${inputField({ name: 'childGivenName', label: t(v.lang, 'child.given_name'), hint: t(v.lang, 'child.given_name_hint'), value: c.givenName, problems: p })}
    ${inputField({ name: 'childFamilyName', label: t(v.lang, 'child.family_name'), value: c.familyName, problems: p })}
    ${inputField({ name: 'dueDate', label: t(v.lang, 'child.due_date'), hint: t(v.lang, 'child.due_date_hint'), type: 'date', value: c.dueDate, problems: p })}
    ${inputField({ name: 'birthDate', label: t(v.lang, 'child.birth_date'), hint: t(v.lang, 'child.birth_date_hint'), type: 'date', value: c.birthDate, problems: p })}
    ${inputField({ name: 'insz', label: t(v.lang, 'child.insz'), hint: t(v.lang, 'child.insz_hint'), value: c.insz, inputmode: 'numeric', problems: p })}
    ${selectField({ name: 'birthOrder', label: t(v.lang, 'child.birth_order'), hint: t(v.lang, 'child.birth_order_hint'), value: c.birthOrder || '1', options: [['1', t(v.lang, 'child.order_1')], ['2', t(v.lang, 'child.order_2')], ['3', t(v.lang, 'child.order_3')]], problems: p })}
  `);
}

async function familyStep(ctx: AppContext, v: View, d: Draft, p: Problems, defaults: { givenName: string; familyName: string; inszMasked?: string | null }, values = d.family) {
  const f = values ?? { givenName: defaults.givenName, familyName: defaults.familyName, phone: '', municipalityNis: '', street: '', postalCode: '', otherGivenName: '', otherFamilyName: '', otherEmail: '' };
  const munis = await ctx.db.selectFrom('municipality').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'municipality.nis_code').select(['municipality.nis_code', 'municipality.name']).orderBy('municipality.name').execute();
  return form(v, 'gezin', d, p, html`
    <h2>${t(v.lang, 'family.you')}</h2>
    ${defaults.inszMasked ? html`<p id="national-number">${t(v.lang, 'family.national_number', { masked: defaults.inszMasked })}</p>` : ''}
    ${inputField({ name: 'givenName', label: t(v.lang, 'family.given_name'), autocomplete: 'given-name', value: f.givenName, problems: p })}
    ${inputField({ name: 'familyName', label: t(v.lang, 'family.family_name'), autocomplete: 'family-name', value: f.familyName, problems: p })}
    ${inputField({ name: 'phone', label: t(v.lang, 'family.phone'), hint: t(v.lang, 'family.phone_hint'), type: 'tel', autocomplete: 'tel', value: f.phone, problems: p })}
    <h2>${t(v.lang, 'family.home')}</h2>
    ${selectField({ name: 'municipalityNis', label: t(v.lang, 'field.municipality'), hint: t(v.lang, 'family.municipality_hint'), value: f.municipalityNis, options: [['', t(v.lang, 'field.choose')], ...munis.map((m) => [m.nis_code, m.name] as [string, string])], problems: p })}
    ${inputField({ name: 'street', label: t(v.lang, 'family.street'), autocomplete: 'street-address', value: f.street, problems: p })}
    ${inputField({ name: 'postalCode', label: t(v.lang, 'family.postal_code'), autocomplete: 'postal-code', value: f.postalCode, inputmode: 'numeric', problems: p })}
    <h2>${t(v.lang, 'family.other')}</h2><p class="hint">${t(v.lang, 'family.other_hint')}</p>
    ${inputField({ name: 'otherGivenName', label: t(v.lang, 'family.given_name'), value: f.otherGivenName, problems: p })}
    ${inputField({ name: 'otherFamilyName', label: t(v.lang, 'family.family_name'), value: f.otherFamilyName, problems: p })}
    ${inputField({ name: 'otherEmail', label: t(v.lang, 'field.email'), type: 'email', value: f.otherEmail, problems: p })}
  `);
}

function careStep(v: View, d: Draft, p: Problems, values = d.care) {
  const c = values ?? { desiredStartDate: '', flexibilityWeeks: '0', days: {} };
  const dayError = p.days;
  return form(v, 'opvang', d, p, html`
    ${inputField({ name: 'desiredStartDate', label: t(v.lang, 'care.start'), hint: t(v.lang, 'care.start_hint'), type: 'date', value: c.desiredStartDate, problems: p })}
    ${inputField({ name: 'flexibilityWeeks', label: t(v.lang, 'care.flex'), hint: t(v.lang, 'care.flex_hint'), type: 'number', min: 0, max: 52, value: c.flexibilityWeeks, inputmode: 'numeric', problems: p })}
    <div class="field${dayError ? ' has-error' : ''}" id="f-days" tabindex="-1">
      <fieldset aria-describedby="f-days-hint${dayError ? ' f-days-error' : ''}">
        <legend>${t(v.lang, 'care.days')}</legend>
        <p class="hint" id="f-days-hint">${t(v.lang, 'care.days_hint')}</p>
        ${dayError ? html`<p class="error-text" id="f-days-error" lang="${dayError.lang}">${dayError.text}</p>` : ''}
        <div class="days">${WEEKDAYS.map(([n, key]) =>
          html`<div class="day"><label for="f-day-${n}">${t(v.lang, key)}</label>
            <select id="f-day-${n}" name="day${n}">${(['', 'full', 'morning', 'afternoon'] as const).map((part) => html`<option value="${part}"${(c.days[String(n)] ?? '') === part ? html` selected` : ''}>${t(v.lang, `part.${part || 'none'}` as Key)}</option>`)}</select></div>`,
        )}</div>
      </fieldset>
    </div>
  `);
}

async function locationsStep(ctx: AppContext, request: FastifyRequest, d: Draft, p: Problems) {
  const v = request.portal.view;
  const q = request.query as Record<string, string>;
  const nis = d.family?.municipalityNis;
  const max = await maxLocations(ctx, nis);
  const found = await searchLocations(ctx, request.actor, {
    ...(q.gemeente ? { municipalityNis: q.gemeente } : {}),
    ...(q.soort ? { type: q.soort } : {}),
    ...(q.stap ? { subsidyStep: q.stap } : {}),
    ...(nis ? { fromMunicipalityNis: nis } : {}),
    ...(d.care?.desiredStartDate ? { start: d.care.desiredStartDate, careDays: careDays(d) } : {}),
    onlyFree: q.vrij === '1',
    sort: q.sorteer === 'naam' ? 'name' : 'distance',
  });
  const chosen = d.locations ?? [];
  const all = await searchLocations(ctx, request.actor, {});
  const nameOf = (id: string) => all.find((x) => x.id === id);
  const munis = await ctx.db.selectFrom('municipality').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'municipality.nis_code').select(['municipality.nis_code', 'municipality.name']).orderBy('municipality.name').execute();
  const typeName = (x: string) => t(v.lang, `type.${x}` as Key);
  const stepName = (x: string) => t(v.lang, `subsidy.${x}` as Key);
  return page(
    v,
    `${t(v.lang, 'register.title')} – ${t(v.lang, 'step.locations')}`,
    html`${stepsNav(v, 'locaties', d)}${errorSummary(v, p)}
    <p>${t(v.lang, 'locations.intro')} ${max ? t(v.lang, 'locations.max', { max }) : ''}</p>
    <form method="post" action="/portaal/inschrijven/locaties" novalidate>${csrfField(v)}
      <h2 id="f-locations" tabindex="-1">${t(v.lang, 'locations.chosen', { n: chosen.length })}</h2>
      ${p.locations ? html`<p class="error-text" lang="${p.locations.lang}">${p.locations.text}</p>` : ''}
      ${chosen.length
        ? html`<ol class="chosen">${chosen.map((id, i) => {
            const l = nameOf(id);
            return html`<li><strong>${l?.name ?? id}</strong>, ${l?.municipality ?? ''}
              <span class="actions">
                ${i > 0 ? html`<button type="submit" class="secondary" name="do" value="up:${id}">${t(v.lang, 'locations.up')}<span class="visually-hidden">: ${l?.name ?? ''}</span></button>` : ''}
                ${i < chosen.length - 1 ? html`<button type="submit" class="secondary" name="do" value="down:${id}">${t(v.lang, 'locations.down')}<span class="visually-hidden">: ${l?.name ?? ''}</span></button>` : ''}
                <button type="submit" class="secondary" name="do" value="remove:${id}">${t(v.lang, 'locations.remove')}<span class="visually-hidden">: ${l?.name ?? ''}</span></button>
              </span></li>`;
          })}</ol>`
        : html`<p>${t(v.lang, 'locations.none_yet')}</p>`}
      ${choiceGroup({ name: 'acceptAny', legend: t(v.lang, 'locations.any_legend'), type: 'checkbox', options: [{ value: 'yes', label: t(v.lang, 'locations.any') }], checked: d.acceptAny ? ['yes'] : [], problems: p })}
      <div class="actions"><button type="submit" name="do" value="next">${t(v.lang, 'form.next')}</button><a href="/portaal/inschrijven/opvang">${t(v.lang, 'form.back')}</a></div>
      <h2>${t(v.lang, 'locations.results', { n: found.length })}</h2>
      <ul class="results">${found.map(
        (l) => html`<li><strong>${l.name}</strong><br>${l.street}, ${l.postalCode} ${l.municipality}<br>
          <span class="tag">${typeName(l.type)}</span> <span class="tag">${stepName(l.subsidyStep)}</span>
          ${l.distanceKm !== null ? html` <span class="tag">${t(v.lang, 'locations.km', { km: l.distanceKm.toLocaleString(v.lang === 'ar' ? 'ar' : v.lang) })}</span>` : ''}
          ${l.freeForYou === null ? '' : html` <span class="tag">${t(v.lang, l.freeForYou ? 'locations.free' : 'locations.not_free')}</span>`}
          <br>${chosen.includes(l.id) ? html`<em>${t(v.lang, 'locations.in_list')}</em>` : html`<button type="submit" class="secondary" name="do" value="add:${l.id}">${t(v.lang, 'locations.add')}<span class="visually-hidden">: ${l.name}</span></button>`}</li>`,
      )}</ul>
    </form>
    <form method="get" action="/portaal/inschrijven/locaties">
      <h2>${t(v.lang, 'locations.filter')}</h2>
      ${selectField({ name: 'gemeente', label: t(v.lang, 'field.municipality'), value: q.gemeente ?? '', options: [['', t(v.lang, 'locations.all')], ...munis.map((m) => [m.nis_code, m.name] as [string, string])], problems: {} })}
      ${selectField({ name: 'soort', label: t(v.lang, 'locations.type'), value: q.soort ?? '', options: [['', t(v.lang, 'locations.all')], ['group', typeName('group')], ['family', typeName('family')], ['kleuteropvang', typeName('kleuteropvang')]], problems: {} })}
      ${selectField({ name: 'stap', label: t(v.lang, 'locations.subsidy'), hint: t(v.lang, 'locations.subsidy_hint'), value: q.stap ?? '', options: [['', t(v.lang, 'locations.all')], ...['T0', 'T1', 'T2', 'T3'].map((s) => [s, stepName(s)] as [string, string])], problems: {} })}
      ${choiceGroup({ name: 'vrij', legend: t(v.lang, 'locations.free_legend'), type: 'checkbox', options: [{ value: '1', label: t(v.lang, 'locations.only_free') }], checked: q.vrij === '1' ? ['1'] : [], problems: {} })}
      ${selectField({ name: 'sorteer', label: t(v.lang, 'locations.sort'), value: q.sorteer ?? 'afstand', options: [['afstand', t(v.lang, 'locations.sort_distance')], ['naam', t(v.lang, 'locations.sort_name')]], problems: {} })}
      <div class="actions"><button type="submit" class="secondary">${t(v.lang, 'locations.search')}</button></div>
    </form>`,
  );
}

function factsStep(v: View, d: Draft, p: Problems) {
  const f = d.facts ?? { answer: '', g1: '', g1f: '1', g2: '', g2f: '1', singleParent: '', lowIncome: '', fosterChild: '', health: '', noDiploma: '' };
  const activity = (name: string, value: string) =>
    selectField({ name, label: t(v.lang, 'facts.activity'), value, options: ACTIVITIES.map((a) => [a === 'none' ? 'none' : a, t(v.lang, `activity.${a}` as Key)] as [string, string]), problems: p });
  const share = (name: string, value: string) =>
    selectField({ name, label: t(v.lang, 'facts.share'), value, options: [['1', t(v.lang, 'share.full')], ['0.8', t(v.lang, 'share.80')], ['0.5', t(v.lang, 'share.50')], ['0.3', t(v.lang, 'share.30')]], problems: p });
  const q = (name: string, key: Key, hint: Key) => choiceGroup({ name, legend: t(v.lang, key), hint: t(v.lang, hint), type: 'radio', options: yesNo(v), checked: [(f as Record<string, string>)[name] ?? ''], problems: p });
  return form(v, 'voorrang', d, p, html`
    <p>${t(v.lang, 'facts.intro')}</p>
    ${choiceGroup({ name: 'answer', legend: t(v.lang, 'facts.answer'), type: 'radio', options: [{ value: 'yes', label: t(v.lang, 'facts.answer_yes') }, { value: 'no', label: t(v.lang, 'facts.answer_no') }], checked: [f.answer], problems: p })}
    <h2>${t(v.lang, 'facts.work_title')}</h2><p class="hint">${t(v.lang, 'facts.work_rule')}</p>
    <h3>${t(v.lang, 'facts.parent1')}</h3>${activity('g1', f.g1)}${share('g1f', f.g1f)}
    <h3>${t(v.lang, 'facts.parent2')}</h3>${activity('g2', f.g2)}${share('g2f', f.g2f)}
    <h2>${t(v.lang, 'facts.situation_title')}</h2>
    ${q('singleParent', 'facts.single', 'facts.single_rule')}
    ${q('lowIncome', 'facts.income', 'facts.income_rule')}
    ${q('fosterChild', 'facts.foster', 'facts.foster_rule')}
    ${q('health', 'facts.health', 'facts.health_rule')}
    ${q('noDiploma', 'facts.diploma', 'facts.diploma_rule')}
    <p class="notice">${t(v.lang, 'facts.sworn')}</p>
  `);
}

async function checkStep(ctx: AppContext, v: View, d: Draft, p: Problems) {
  const all = await ctx.db.selectFrom('location').select(['id', 'name']).where('id', 'in', d.locations?.length ? d.locations : ['00000000-0000-0000-0000-000000000000']).execute();
  const muni = d.family?.municipalityNis ? await ctx.db.selectFrom('municipality').select('name').where('nis_code', '=', d.family.municipalityNis).executeTakeFirst() : undefined;
  const c = d.child;
  const row = (k: Key, value: string | Html, step: Step) => html`<dt>${t(v.lang, k)}</dt><dd>${value} <a href="/portaal/inschrijven/${step}">${t(v.lang, 'check.change')}<span class="visually-hidden"> ${t(v.lang, k)}</span></a></dd>`;
  const days = careDays(d).map((x) => `${t(v.lang, `day.${x.weekday}` as Key)} (${t(v.lang, `part.${x.part}` as Key)})`).join(', ');
  return form(v, 'nakijken', d, p, html`
    <dl class="facts">
      ${row('check.child', `${c?.givenName ?? ''} ${c?.familyName ?? ''}`.trim(), 'kind')}
      ${row(c?.born === 'yes' ? 'child.birth_date' : 'child.due_date', (c?.born === 'yes' ? c?.birthDate : c?.dueDate) ?? '', 'kind')}
      ${row('check.you', `${d.family?.givenName ?? ''} ${d.family?.familyName ?? ''}`, 'gezin')}
      ${row('field.municipality', muni?.name ?? '', 'gezin')}
      ${row('care.start', d.care?.desiredStartDate ?? '', 'opvang')}
      ${row('care.days', days, 'opvang')}
      ${row('check.locations', html`<ol>${(d.locations ?? []).map((id) => html`<li>${all.find((a) => a.id === id)?.name ?? id}</li>`)}</ol>`, 'locaties')}
      ${row('step.priority', t(v.lang, d.facts?.answer === 'yes' ? 'check.facts_given' : 'check.facts_not_given'), 'voorrang')}
    </dl>
    ${choiceGroup({ name: 'consent', legend: t(v.lang, 'check.consent_legend'), type: 'checkbox', options: [{ value: 'yes', label: t(v.lang, 'check.consent'), hint: t(v.lang, 'check.consent_hint') }], checked: [], problems: p })}
  `, 'check.submit');
}

export function registerRegistrationPages(app: App, ctx: AppContext) {
  const opts = { config: { action: 'request.register' as const }, schema: { hide: true } };
  const day = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(ctx.now());

  app.get('/inschrijven', opts, async (request, reply) => {
    const d = draftOf(request);
    const next = STEPS.find((_s, i) => i === 5 || ![d.child, d.family, d.care, d.locations, d.facts][i]) ?? 'kind';
    return reply.redirect(`/portaal/inschrijven/${next}`, 303);
  });

  app.get('/inschrijven/:step', opts, async (request, reply) => {
    const v = request.portal.view;
    const d = draftOf(request);
    const step = (request.params as { step: string }).step as Step;
    const account = accountOf(request);
    switch (step) {
      case 'kind': return send(reply, childStep(v, d, {}));
      case 'gezin': return send(reply, await familyStep(ctx, v, d, {}, { givenName: account.givenName ?? '', familyName: account.familyName ?? '', inszMasked: account.inszMasked }));
      case 'opvang': return send(reply, careStep(v, d, {}));
      case 'locaties': return send(reply, await locationsStep(ctx, request, d, {}));
      case 'voorrang': return send(reply, factsStep(v, d, {}));
      case 'nakijken': return send(reply, await checkStep(ctx, v, d, {}));
      default: throw new UserError('not_found', 'route.not_found', null, { nl: 'Deze stap bestaat niet.', en: 'This step does not exist.' });
    }
  });

  app.post('/inschrijven/:step', opts, async (request, reply) => {
    const v = request.portal.view;
    const body = request.body as Body;
    const d = { ...draftOf(request) };
    const step = (request.params as { step: string }).step as Step;
    const account = accountOf(request);
    const goNext = async (next: Step) => {
      await keep(ctx, request, d);
      return reply.redirect(`/portaal/inschrijven/${next}`, 303);
    };
    switch (step) {
      case 'kind': {
        const child = { born: one(body, 'born'), givenName: one(body, 'childGivenName'), familyName: one(body, 'childFamilyName'), birthDate: one(body, 'birthDate'), dueDate: one(body, 'dueDate'), insz: one(body, 'insz'), birthOrder: one(body, 'birthOrder') || '1' };
        const p = child.born === 'yes' || child.born === 'no' ? await problemsFor(ctx, 'kind', { ...d, child }, v.lang, day()) : problemsFrom(v.lang, [{ field: 'born', code: 'child.born_required', nl: 'Kies of uw kind al geboren is.', en: 'Choose whether your child is born.' }]);
        if (Object.keys(p).length) return send(reply, childStep(v, d, p, child), 400);
        d.child = child;
        return goNext('gezin');
      }
      case 'gezin': {
        const family = { givenName: one(body, 'givenName'), familyName: one(body, 'familyName'), phone: one(body, 'phone'), municipalityNis: one(body, 'municipalityNis'), street: one(body, 'street'), postalCode: one(body, 'postalCode'), otherGivenName: one(body, 'otherGivenName'), otherFamilyName: one(body, 'otherFamilyName'), otherEmail: one(body, 'otherEmail') };
        const p = await problemsFor(ctx, 'gezin', { ...d, family }, v.lang, day());
        if (Object.keys(p).length) return send(reply, await familyStep(ctx, v, d, p, { givenName: '', familyName: '' }, family), 400);
        d.family = family;
        return goNext('opvang');
      }
      case 'opvang': {
        const days: Record<string, string> = {};
        for (const [n] of WEEKDAYS) if (one(body, `day${n}`)) days[String(n)] = one(body, `day${n}`);
        const care = { desiredStartDate: one(body, 'desiredStartDate'), flexibilityWeeks: one(body, 'flexibilityWeeks') || '0', days };
        const p = await problemsFor(ctx, 'opvang', { ...d, care }, v.lang, day());
        if (!/^\d{1,2}$/.test(care.flexibilityWeeks)) p.flexibilityWeeks = { text: t(v.lang, 'error.range_weeks'), lang: v.lang };
        if (Object.keys(p).length) return send(reply, careStep(v, d, p, care), 400);
        d.care = care;
        return goNext('locaties');
      }
      case 'locaties': {
        const [action, id] = one(body, 'do').split(':') as [string, string | undefined];
        const list = [...(d.locations ?? [])];
        d.acceptAny = many(body, 'acceptAny').includes('yes');
        const at = id ? list.indexOf(id) : -1;
        if (action === 'add' && id && at < 0) list.push(id);
        if (action === 'remove' && at >= 0) list.splice(at, 1);
        if (action === 'up' && at > 0) list.splice(at - 1, 0, ...list.splice(at, 1));
        if (action === 'down' && at >= 0 && at < list.length - 1) list.splice(at + 1, 0, ...list.splice(at, 1));
        if (action !== 'next') {
          d.locations = list;
          await keep(ctx, request, d);
          return reply.redirect('/portaal/inschrijven/locaties', 303);
        }
        const p = await problemsFor(ctx, 'locaties', { ...d, locations: list }, v.lang, day());
        if (Object.keys(p).length) return send(reply, await locationsStep(ctx, request, { ...d, locations: list }, p), 400);
        d.locations = list;
        return goNext('voorrang');
      }
      case 'voorrang': {
        const facts = { answer: one(body, 'answer'), g1: one(body, 'g1'), g1f: one(body, 'g1f'), g2: one(body, 'g2'), g2f: one(body, 'g2f'), singleParent: one(body, 'singleParent'), lowIncome: one(body, 'lowIncome'), fosterChild: one(body, 'fosterChild'), health: one(body, 'health'), noDiploma: one(body, 'noDiploma') };
        const p: Problems = {};
        if (!['yes', 'no'].includes(facts.answer)) p.answer = { text: t(v.lang, 'error.facts_answer'), lang: v.lang };
        if (Object.keys(p).length) return send(reply, factsStep(v, { ...d, facts }, p), 400);
        d.facts = facts;
        return goNext('nakijken');
      }
      case 'nakijken': {
        if (!many(body, 'consent').includes('yes')) return send(reply, await checkStep(ctx, v, d, problemsFrom(v.lang, [{ field: 'consent', code: 'consent.required', nl: '', en: '' }])), 400);
        if (!d.child || !d.family || !d.care || !d.locations) return reply.redirect('/portaal/inschrijven', 303);
        const input = toInput(d, day());
        try {
          const result = await registerFromPortal(ctx, account, {
            applicant: { givenName: d.family.givenName, familyName: d.family.familyName, ...(d.family.phone ? { phone: d.family.phone } : {}), preferredLanguage: v.lang },
            ...(input.otherGuardian ? { otherGuardian: input.otherGuardian } : {}),
            residence: input.residence,
            child: input.child,
            desiredStartDate: input.desiredStartDate,
            flexibilityWeeks: input.flexibilityWeeks ?? 0,
            careDays: input.careDays,
            locationIds: d.locations,
            acceptAnyLocation: d.acceptAny ?? false,
            ...(factsOf(d) ? { facts: factsOf(d) } : {}),
            consent: { processing: true },
          });
          request.portal.session.draft = null;
          await saveSession(ctx, request.portal.session);
          if (!result.created) {
            return send(reply, page(v, t(v.lang, 'done.exists_title'), html`${notice('info', html`<p lang="${v.lang === 'nl' ? 'nl' : 'en'}">${v.lang === 'nl' ? result.message?.nl : result.message?.en}</p>`)}<p><a href="/portaal/aanvragen">${t(v.lang, 'nav.requests')}</a></p>`));
          }
          return reply.redirect(`/portaal/inschrijven/klaar/${result.request?.id}`, 303);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          const details = err.details.length ? err.details : [{ field: err.field ?? 'consent', code: err.code, nl: err.nl, en: err.en }];
          return send(reply, await checkStep(ctx, v, d, problemsFrom(v.lang, details, {}, formField)), err.kind === 'invalid' ? 400 : 409);
        }
      }
      default:
        throw new UserError('not_found', 'route.not_found', null, { nl: 'Deze stap bestaat niet.', en: 'This step does not exist.' });
    }
  });

  app.get('/inschrijven/klaar/:id', { config: { action: 'portal.read' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const id = (request.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new UserError('not_found', 'request.not_found', null, { nl: 'Deze aanvraag vinden we niet.', en: 'We cannot find this request.' });
    const r = await getRequest(ctx, request.actor, id);
    return send(reply, page(v, t(v.lang, 'done.title'), html`${notice('ok', t(v.lang, 'done.text', { number: r.number }))}
      <p>${t(v.lang, 'done.next')}</p>
      <p>${t(v.lang, 'done.check')}</p>
      <div class="actions"><a class="button" href="/portaal/aanvragen/${id}/bewijs.pdf" download>${t(v.lang, 'done.proof')}</a><a class="button secondary" href="/portaal/aanvragen">${t(v.lang, 'nav.requests')}</a></div>`));
  });
}
