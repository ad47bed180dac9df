// The provider's pages: own locations with capacity per weekday over time and the occupancy chart, the inbox of
// requests to answer (overdue ones first), ranked candidate lists with explanations, and offers, with a deviation
// and its advice when the offer does not follow the rule order.
import type { FastifyRequest } from 'fastify';
import { getOccupancy, setCapacity } from '../../app/capacity.ts';
import type { AppContext } from '../../app/context.ts';
import { DEVIATION_GROUNDS } from '../../app/deviations.ts';
import { providerInbox, respondToRequest, type ResponseKind } from '../../app/follow-up.ts';
import { makeOffer, makeOfferWithDeviation } from '../../app/offers.ts';
import { listPlacements, reportPlacements } from '../../app/integration/bulk.ts';
import { listLocations } from '../../app/places.ts';
import { listCandidates } from '../../app/priority.ts';
import { addDays, addMonths } from '../../domain/dates.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { columnChart, PALETTE } from '../charts.ts';
import { html, type Html } from '../html.ts';
import { today } from '../../app/context.ts';
import { catalogue, say } from './i18n.ts';
import { actionButton, addMenu, csrfField, errorSummary, inputField, notice, page, problemsFrom, selectField, table, textareaField, type Problems, type View } from './layout.ts';
import { downloadLinks } from './pages-exports.ts';
import { addTile, one, send, staffOf, type Body } from './routes.ts';

const PROVIDER_ROLES = ['provider_staff', 'admin'] as const;
const ADVISERS = ['kind_en_gezin', 'huis_van_het_kind', 'ckg', 'caw', 'ocmw', 'work_trajectory', 'integration_trajectory', 'lokaal_loket'] as const;

const tr = catalogue(
  {
    'menu.inbox': 'Aanvragen',
    'menu.locations': 'Mijn locaties',
    'inbox.title': 'Aanvragen voor mijn locaties',
    'inbox.intro': 'Geef op elke nieuwe aanvraag een eerste antwoord binnen de termijn van het loket. Te late antwoorden staan bovenaan in het rood.',
    'inbox.caption': 'Open aanvragen',
    'inbox.none': 'Er zijn geen open aanvragen voor uw locaties.',
    'inbox.answered': 'Uw antwoord is bewaard.',
    'col.number': 'Nummer',
    'col.location': 'Locatie',
    'col.registered': 'Ingeschreven',
    'col.start': 'Gewenste start',
    'col.days': 'Dagen',
    'col.wish': 'Voorkeur',
    'col.answer_by': 'Antwoorden tegen',
    'col.answer': 'Uw antwoord',
    'late': 'te laat',
    'answer.kind': 'Antwoord',
    'answer.reason': 'Waarom geen plaats? (verplicht bij "geen plaats")',
    'answer.send': 'Antwoord bewaren',
    'kind.seen': 'Gezien',
    'kind.candidate': 'Kandidaat, wacht op een plaats',
    'kind.no_place': 'Geen plaats mogelijk',
    'kind.offered': 'Aanbod gedaan',
    'loc.title': 'Mijn locaties',
    'loc.caption': 'Locaties',
    'loc.name': 'Naam',
    'loc.where': 'Gemeente',
    'loc.step': 'Subsidiestap',
    'loc.links': 'Werken met',
    'loc.capacity': 'Capaciteit en bezetting',
    'loc.candidates': 'Kandidaten',
    'cap.title': 'Capaciteit en bezetting: {name}',
    'cap.chart': 'Vrije en bezette plaats-dagen per maand (maandag tot vrijdag samen)',
    'cap.free': 'Vrij',
    'cap.used': 'Bezet',
    'cap.months': 'Vrije plaatsen per weekdag, per maand',
    'cap.month': 'Maand',
    'cap.stated': 'Opgegeven capaciteit',
    'cap.from': 'Vanaf',
    'cap.set': 'Capaciteit wijzigen',
    'cap.set_intro': 'Geef het aantal open plaatsen per weekdag vanaf een datum. Eerdere periodes blijven zoals ze waren.',
    'cap.saved': 'De capaciteit is bewaard.',
    'cap.note': 'Opmerking (niet verplicht)',
    'day.1': 'Maandag',
    'day.2': 'Dinsdag',
    'day.3': 'Woensdag',
    'day.4': 'Donderdag',
    'day.5': 'Vrijdag',
    'cand.title': 'Kandidaten: {name}',
    'cand.start': 'Start van de vrije plaats',
    'cand.show': 'Toon kandidaten',
    'cand.rules': 'Voorrangsregels: {rules}. Bij gelijke voorrang: {tie}',
    'cand.no_rules': 'Voor deze locatie gelden geen voorrangsregels: de volgorde is die van inschrijving.',
    'cand.caption': 'Kandidaten in volgorde van de voorrangsregels',
    'cand.none': 'Er zijn geen kandidaten van wie de dagen en de leeftijd bij deze plaats passen.',
    'cand.pos': 'Plaats',
    'cand.child': 'Kind',
    'cand.group': 'Voorrang',
    'cand.why': 'Uitleg',
    'cand.offer': 'Plaats aanbieden',
    'cand.age': '{months} maanden bij de start',
    'cand.unborn': 'nog niet geboren',
    'cand.no_group': 'geen voorrangsgroep',
    'cand.offered': 'Het aanbod voor aanvraag {number} is verstuurd. De deadline is {deadline}.',
    'dev.title': 'Aanbod buiten de volgorde van de regels',
    'dev.intro': 'Er staan kandidaten vóór aanvraag {number}. U mag afwijken van de volgorde met een advies van een erkende organisatie, binnen de jaarlijkse quota. Registreer het advies: de afwijking en het aanbod worden samen bewaard.',
    'dev.org': 'Organisatie die het advies gaf',
    'dev.type': 'Soort organisatie',
    'dev.date': 'Datum van het advies',
    'dev.ground': 'Grond van het advies',
    'dev.note': 'Toelichting (niet verplicht)',
    'dev.submit': 'Afwijking registreren en plaats aanbieden',
    'adviser.kind_en_gezin': 'Kind en Gezin',
    'adviser.huis_van_het_kind': 'Huis van het Kind',
    'adviser.ckg': 'Centrum voor Kinderzorg en Gezinsondersteuning',
    'adviser.caw': 'CAW',
    'adviser.ocmw': 'OCMW of sociale dienst',
    'adviser.work_trajectory': 'Traject naar werk (VDAB of partner)',
    'adviser.integration_trajectory': 'Inburgeringstraject',
    'adviser.lokaal_loket': 'Lokaal Loket Kinderopvang',
    'tile.title': 'Opvang',
    'tile.inbox': '{n} aanvraag/aanvragen zonder antwoord, waarvan {late} te laat.',
    'menu.placements': 'Plaatsingen',
    'pl.title': 'Plaatsingen',
    'pl.intro': 'De kinderen met een plaats bij u, met hun eerste en laatste dag. Start een kind later, stopt het vroeger of vertrekt het, meld het hier: dan komt de plaats vrij voor een ander kind.',
    'pl.caption': 'Plaatsingen',
    'pl.none': 'Er zijn nog geen plaatsingen.',
    'pl.child': 'Kind',
    'pl.first': 'Eerste dag',
    'pl.last': 'Laatste dag',
    'pl.left': 'Vertrokken op',
    'pl.report': 'Melden',
    'pl.departed': 'Vertrokken op (laatste opvangdag)',
    'pl.reason': 'Reden van vertrek (niet verplicht)',
    'pl.submit': 'Vertrek melden',
    'pl.saved': 'Het vertrek is gemeld; de plaats komt vrij na die dag.',
  },
  {
    'menu.inbox': 'Requests',
    'menu.locations': 'My locations',
    'inbox.title': 'Requests for my locations',
    'inbox.intro': 'Give a first answer to every new request within the desk’s time. Late answers are at the top in red.',
    'inbox.caption': 'Open requests',
    'inbox.none': 'There are no open requests for your locations.',
    'inbox.answered': 'Your answer is saved.',
    'col.number': 'Number',
    'col.location': 'Location',
    'col.registered': 'Registered',
    'col.start': 'Desired start',
    'col.days': 'Days',
    'col.wish': 'Preference',
    'col.answer_by': 'Answer by',
    'col.answer': 'Your answer',
    'late': 'late',
    'answer.kind': 'Answer',
    'answer.reason': 'Why no place? (required with "no place")',
    'answer.send': 'Save the answer',
    'kind.seen': 'Seen',
    'kind.candidate': 'Candidate, waiting for a place',
    'kind.no_place': 'No place possible',
    'kind.offered': 'Offer made',
    'loc.title': 'My locations',
    'loc.caption': 'Locations',
    'loc.name': 'Name',
    'loc.where': 'Municipality',
    'loc.step': 'Subsidy step',
    'loc.links': 'Work with',
    'loc.capacity': 'Capacity and occupancy',
    'loc.candidates': 'Candidates',
    'cap.title': 'Capacity and occupancy: {name}',
    'cap.chart': 'Free and used seat-days per month (Monday to Friday together)',
    'cap.free': 'Free',
    'cap.used': 'Used',
    'cap.months': 'Free seats per weekday, per month',
    'cap.month': 'Month',
    'cap.stated': 'Stated capacity',
    'cap.from': 'From',
    'cap.set': 'Change the capacity',
    'cap.set_intro': 'Give the number of open seats per weekday from a date on. Earlier periods stay as they were.',
    'cap.saved': 'The capacity is saved.',
    'cap.note': 'Note (optional)',
    'day.1': 'Monday',
    'day.2': 'Tuesday',
    'day.3': 'Wednesday',
    'day.4': 'Thursday',
    'day.5': 'Friday',
    'cand.title': 'Candidates: {name}',
    'cand.start': 'Start of the free place',
    'cand.show': 'Show candidates',
    'cand.rules': 'Priority rules: {rules}. With equal priority: {tie}',
    'cand.no_rules': 'No priority rules apply to this location: the order is the order of registration.',
    'cand.caption': 'Candidates in the order of the priority rules',
    'cand.none': 'There are no candidates whose days and age fit this place.',
    'cand.pos': 'Position',
    'cand.child': 'Child',
    'cand.group': 'Priority',
    'cand.why': 'Explanation',
    'cand.offer': 'Offer the place',
    'cand.age': '{months} months at the start',
    'cand.unborn': 'not born yet',
    'cand.no_group': 'no priority group',
    'cand.offered': 'The offer for request {number} is sent. The deadline is {deadline}.',
    'dev.title': 'Offer outside the order of the rules',
    'dev.intro': 'There are candidates before request {number}. You may deviate from the order with advice from a recognised organisation, within the yearly quota. Record the advice: the deviation and the offer are saved together.',
    'dev.org': 'Organisation that gave the advice',
    'dev.type': 'Kind of organisation',
    'dev.date': 'Date of the advice',
    'dev.ground': 'Ground of the advice',
    'dev.note': 'Explanation (optional)',
    'dev.submit': 'Record the deviation and offer the place',
    'adviser.kind_en_gezin': 'Kind en Gezin',
    'adviser.huis_van_het_kind': 'Huis van het Kind',
    'adviser.ckg': 'Centre for child care and family support (CKG)',
    'adviser.caw': 'CAW (general welfare centre)',
    'adviser.ocmw': 'OCMW or social services',
    'adviser.work_trajectory': 'Path to work (VDAB or partner)',
    'adviser.integration_trajectory': 'Civic integration path',
    'adviser.lokaal_loket': 'Local childcare desk',
    'tile.title': 'Childcare',
    'tile.inbox': '{n} request(s) without an answer, {late} of them late.',
    'menu.placements': 'Placements',
    'pl.title': 'Placements',
    'pl.intro': 'The children with a place with you, with their first and last day. If a child starts later, stops earlier or leaves, report it here: the place then becomes free for another child.',
    'pl.caption': 'Placements',
    'pl.none': 'There are no placements yet.',
    'pl.child': 'Child',
    'pl.first': 'First day',
    'pl.last': 'Last day',
    'pl.left': 'Left on',
    'pl.report': 'Report',
    'pl.departed': 'Left on (last day of care)',
    'pl.reason': 'Reason for leaving (optional)',
    'pl.submit': 'Report the departure',
    'pl.saved': 'The departure is reported; the place becomes free after that day.',
  },
);
type T = Parameters<typeof tr>[1];

const dayNames = (v: View, days: Array<{ weekday: number; part: string }>) => days.map((d) => `${tr(v.lang, `day.${d.weekday}` as T).slice(0, 2)}${d.part === 'full' ? '' : d.part === 'morning' ? ' (vm)' : ' (nm)'}`).join(', ');

async function inboxPage(ctx: AppContext, request: FastifyRequest, note: Html | null = null, p: Problems = {}): Promise<string> {
  const actor = staffOf(request);
  const v = request.workspace.view;
  const rows = await providerInbox(ctx, actor);
  return page(v, tr(v.lang, 'inbox.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'inbox.intro')}</p>${downloadLinks(v, 'requests', '/werkplek/export/aanvragen')}
    ${table(tr(v.lang, 'inbox.caption'), [tr(v.lang, 'col.number'), tr(v.lang, 'col.location'), tr(v.lang, 'col.registered'), tr(v.lang, 'col.start'), tr(v.lang, 'col.days'), tr(v.lang, 'col.answer_by'), tr(v.lang, 'col.answer')],
      rows.map((r) => {
        const id = `${r.requestId}-${r.locationId}`;
        return [
          html`<span${r.overdue ? html` class="overdue"` : ''}>${r.number}</span>`,
          html`${r.location} <span class="hint">(${tr(v.lang, 'col.wish')} ${r.preferenceRank})</span>`,
          r.registeredOn,
          r.desiredStartDate,
          dayNames(v, r.careDays),
          r.response ? '' : html`<span${r.overdue ? html` class="overdue"` : ''}>${r.answerBy}${r.overdue ? ` (${tr(v.lang, 'late')})` : ''}</span>`,
          r.response === 'offered'
            ? tr(v.lang, 'kind.offered')
            : html`${r.response ? html`<p>${tr(v.lang, `kind.${r.response}` as T)}${r.reason ? `: ${r.reason}` : ''}</p>` : ''}
              <form method="post" action="/werkplek/opvang/aanvragen/antwoord" novalidate>${csrfField(v)}
                <input type="hidden" name="requestId" value="${r.requestId}"><input type="hidden" name="locationId" value="${r.locationId}">
                <label for="kind-${id}">${tr(v.lang, 'answer.kind')} <span class="visually-hidden">${r.number}, ${r.location}</span></label>
                <select id="kind-${id}" name="kind">${(['seen', 'candidate', 'no_place'] as const).map((k) => html`<option value="${k}"${r.response === k ? html` selected` : ''}>${tr(v.lang, `kind.${k}` as T)}</option>`)}</select>
                <label for="reason-${id}">${tr(v.lang, 'answer.reason')} <span class="visually-hidden">${r.number}, ${r.location}</span></label>
                <input id="reason-${id}" name="reason" type="text" value="${r.reason ?? ''}">
                <button type="submit" class="secondary">${tr(v.lang, 'answer.send')}<span class="visually-hidden">: ${r.number}, ${r.location}</span></button>
              </form>`,
        ];
      }), { empty: tr(v.lang, 'inbox.none') })}`, { wide: true, notice: note });
}

async function ownLocations(ctx: AppContext, request: FastifyRequest) {
  const actor = staffOf(request);
  return listLocations(ctx, actor, actor.role === 'admin' ? {} : { organiserId: actor.organiserId ?? '00000000-0000-0000-0000-000000000000' });
}

/** The location, only when it is one's own: another organiser's location answers 404 (it does not exist for you). */
async function ownLocation(ctx: AppContext, request: FastifyRequest, id: string) {
  const l = (await ownLocations(ctx, request)).find((x) => x.id === id);
  if (!l) throw new UserError('not_found', 'location.not_found', null, { nl: 'Deze opvanglocatie bestaat niet of u mag ze niet zien.', en: 'This childcare location does not exist or you may not see it.' });
  return l;
}

async function capacityPage(ctx: AppContext, request: FastifyRequest, id: string, values: Record<string, string> = {}, p: Problems = {}, note: Html | null = null): Promise<string> {
  const v = request.workspace.view;
  const l = await ownLocation(ctx, request, id);
  const occ = await getOccupancy(ctx, staffOf(request), id, 12);
  const months = occ.months.map((m) => m.month.slice(0, 7));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const weekdays = [1, 2, 3, 4, 5] as const;
  return page(v, tr(v.lang, 'cap.title', { name: l.name }), html`${errorSummary(v, p)}
    ${columnChart(tr(v.lang, 'cap.chart'), months, [
      { label: tr(v.lang, 'cap.free'), values: occ.months.map((m) => sum(m.free)), colour: PALETTE[2] as string },
      { label: tr(v.lang, 'cap.used'), values: occ.months.map((m) => sum(m.used)), colour: PALETTE[0] as string },
    ])}
    ${table(tr(v.lang, 'cap.months'), [tr(v.lang, 'cap.month'), ...weekdays.map((d) => tr(v.lang, `day.${d}` as T))], occ.months.map((m) => [m.month.slice(0, 7), ...weekdays.map((d) => `${m.free[d - 1] ?? 0} / ${m.open[d - 1] ?? 0}`)]))}
    ${table(tr(v.lang, 'cap.stated'), [tr(v.lang, 'cap.from'), ...weekdays.map((d) => tr(v.lang, `day.${d}` as T))], occ.changes.map((s) => [s.validFrom === '1900-01-01' ? '—' : s.validFrom, ...weekdays.map((d) => s.openSeats[d - 1] ?? 0)]))}
    <h2>${tr(v.lang, 'cap.set')}</h2><p>${tr(v.lang, 'cap.set_intro')}</p>
    <form method="post" action="/werkplek/opvang/locaties/${id}/capaciteit" novalidate>${csrfField(v)}
      ${inputField({ name: 'validFrom', label: tr(v.lang, 'cap.from'), type: 'date', value: values.validFrom ?? '', problems: p })}
      <div class="days">${weekdays.map((d) => inputField({ name: `seats${d}`, label: tr(v.lang, `day.${d}` as T), type: 'number', min: 0, max: 200, value: values[`seats${d}`] ?? '', problems: p }))}</div>
      ${inputField({ name: 'note', label: tr(v.lang, 'cap.note'), value: values.note ?? '', problems: p })}
      <div class="actions"><button type="submit">${tr(v.lang, 'cap.set')}</button><a href="/werkplek/opvang/locaties/${id}/kandidaten">${tr(v.lang, 'loc.candidates')}</a></div>
    </form>`, { wide: true, notice: note });
}

function firstOfNextMonth(day: string): string {
  return addMonths(`${day.slice(0, 7)}-01`, 1);
}

async function candidatesPage(ctx: AppContext, request: FastifyRequest, id: string, start: string, note: Html | null = null): Promise<string> {
  const v = request.workspace.view;
  const l = await ownLocation(ctx, request, id);
  const list = await listCandidates(ctx, staffOf(request), id, { start });
  const rules = list.ruleSet ? tr(v.lang, 'cand.rules', { rules: say(v.lang, list.ruleSet.title as { nl: string; en: string }), tie: say(v.lang, list.tieBreak.text as { nl: string; en: string }) }) : tr(v.lang, 'cand.no_rules');
  return page(v, tr(v.lang, 'cand.title', { name: l.name }), html`
    <form method="get" action="/werkplek/opvang/locaties/${id}/kandidaten">
      ${inputField({ name: 'start', label: tr(v.lang, 'cand.start'), type: 'date', value: start, problems: {} })}
      <div class="actions"><button type="submit" class="secondary">${tr(v.lang, 'cand.show')}</button></div>
    </form>
    <p>${rules}</p>
    ${downloadLinks(v, 'candidates', `/werkplek/export/kandidaten/${id}`, `start=${start}`)}
    ${table(tr(v.lang, 'cand.caption'), [tr(v.lang, 'cand.pos'), tr(v.lang, 'col.number'), tr(v.lang, 'cand.child'), tr(v.lang, 'col.registered'), tr(v.lang, 'col.days'), tr(v.lang, 'cand.group'), tr(v.lang, 'cand.why'), tr(v.lang, 'cand.offer')],
      list.candidates.map((c) => [
        c.position,
        c.number,
        html`${`${c.child.givenName ?? ''} ${c.child.familyName}`.trim()}<br><span class="hint">${c.child.born ? tr(v.lang, 'cand.age', { months: c.child.ageAtStartMonths }) : tr(v.lang, 'cand.unborn')}</span>`,
        c.registeredOn,
        dayNames(v, c.careDays as Array<{ weekday: number; part: string }>),
        c.group ? say(v.lang, c.group.label as { nl: string; en: string }) : tr(v.lang, 'cand.no_group'),
        html`${say(v.lang, c.explanation.summary as { nl: string; en: string })}${c.explanation.groups.filter((g) => g.met).length ? html`<ul>${c.explanation.groups.filter((g) => g.met).map((g) => html`<li>${say(v.lang, g.text as { nl: string; en: string })}</li>`)}</ul>` : ''}`,
        actionButton(v, `/werkplek/opvang/locaties/${id}/aanbod`, tr(v.lang, 'cand.offer'), { requestId: c.requestId, start }, { secondary: c.position !== 1, context: c.number }),
      ]), { empty: tr(v.lang, 'cand.none') })}`, { wide: true, notice: note });
}

function deviationPage(v: View, locationId: string, requestId: string, number: string, start: string, values: Record<string, string>, p: Problems): string {
  return page(v, tr(v.lang, 'dev.title'), html`${errorSummary(v, p)}<p>${tr(v.lang, 'dev.intro', { number })}</p>
    <form method="post" action="/werkplek/opvang/locaties/${locationId}/aanbod-met-afwijking" novalidate>${csrfField(v)}
      <input type="hidden" name="requestId" value="${requestId}"><input type="hidden" name="start" value="${start}">
      ${inputField({ name: 'adviserOrganisation', label: tr(v.lang, 'dev.org'), value: values.adviserOrganisation ?? '', problems: p })}
      ${selectField({ name: 'adviserType', label: tr(v.lang, 'dev.type'), value: values.adviserType ?? '', options: [['', '—'], ...ADVISERS.map((a) => [a, tr(v.lang, `adviser.${a}` as T)] as [string, string])], problems: p })}
      ${inputField({ name: 'adviceDate', label: tr(v.lang, 'dev.date'), type: 'date', value: values.adviceDate ?? '', problems: p })}
      ${selectField({ name: 'ground', label: tr(v.lang, 'dev.ground'), value: values.ground ?? '', options: [['', '—'], ...Object.entries(DEVIATION_GROUNDS).map(([k, g]) => [k, say(v.lang, g)] as [string, string])], problems: p })}
      ${textareaField({ name: 'note', label: tr(v.lang, 'dev.note'), value: values.note ?? '', problems: p })}
      <div class="actions"><button type="submit">${tr(v.lang, 'dev.submit')}</button><a href="/werkplek/opvang/locaties/${locationId}/kandidaten?start=${start}">${tr(v.lang, 'loc.candidates')}</a></div>
    </form>`);
}

function bodyValues(body: Body): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k !== '_csrf') out[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return out;
}

async function placementsPage(ctx: AppContext, request: FastifyRequest, note: Html | null = null, failed: { id: string; p: Problems; values: Record<string, string> } | null = null): Promise<string> {
  const v = request.workspace.view;
  const rows = await listPlacements(ctx, staffOf(request), {});
  return page(v, tr(v.lang, 'pl.title'), html`<p>${tr(v.lang, 'pl.intro')}</p>${downloadLinks(v, 'placements', '/werkplek/export/plaatsingen')}
    ${table(tr(v.lang, 'pl.caption'), [tr(v.lang, 'pl.child'), tr(v.lang, 'col.location'), tr(v.lang, 'pl.first'), tr(v.lang, 'pl.last'), tr(v.lang, 'col.days'), tr(v.lang, 'pl.report')],
      rows.map((r) => {
        const p = failed?.id === r.id ? failed.p : {};
        const val = failed?.id === r.id ? failed.values : {};
        return [
          r.child, r.location, r.start, r.departedOn ? html`${r.end} <span class="hint">(${tr(v.lang, 'pl.left')} ${r.departedOn})</span>` : r.end, dayNames(v, r.careDays as Array<{ weekday: number; part: string }>),
          r.departedOn ? '' : html`<form method="post" action="/werkplek/opvang/plaatsingen/${r.id}" novalidate>${csrfField(v)}
            <label for="left-${r.id}">${tr(v.lang, 'pl.departed')} <span class="visually-hidden">${r.child}</span></label>
            ${p.departedOn ? html`<p class="error-text" id="left-${r.id}-error" lang="${p.departedOn.lang}">${p.departedOn.text}</p>` : ''}
            <input id="left-${r.id}" name="departedOn" type="date" value="${val.departedOn ?? ''}"${p.departedOn ? html` aria-invalid="true" aria-describedby="left-${r.id}-error"` : ''}>
            <label for="why-${r.id}">${tr(v.lang, 'pl.reason')} <span class="visually-hidden">${r.child}</span></label>
            <input id="why-${r.id}" name="reason" type="text" value="${val.reason ?? ''}">
            <button type="submit" class="secondary">${tr(v.lang, 'pl.submit')}<span class="visually-hidden">: ${r.child}</span></button>
          </form>`,
        ];
      }), { empty: tr(v.lang, 'pl.none') })}`, { wide: true, notice: note });
}

export function registerProviderPages(area: App, ctx: AppContext): void {
  addMenu({ href: '/werkplek/opvang/aanvragen', label: { nl: tr('nl', 'menu.inbox'), en: tr('en', 'menu.inbox') }, roles: PROVIDER_ROLES, order: 40 });
  addMenu({ href: '/werkplek/opvang/locaties', label: { nl: tr('nl', 'menu.locations'), en: tr('en', 'menu.locations') }, roles: PROVIDER_ROLES, order: 50 });
  addMenu({ href: '/werkplek/opvang/plaatsingen', label: { nl: tr('nl', 'menu.placements'), en: tr('en', 'menu.placements') }, roles: PROVIDER_ROLES, order: 55 });
  addTile({
    roles: ['provider_staff'],
    async render(c, actor, v) {
      const rows = await providerInbox(c, actor);
      const open = rows.filter((r) => r.response === null);
      return html`<section class="card"><h2>${tr(v.lang, 'tile.title')}</h2><p><a href="/werkplek/opvang/aanvragen">${tr(v.lang, 'tile.inbox', { n: open.length, late: open.filter((r) => r.overdue).length })}</a></p></section>`;
    },
  });
  const opts = (action: 'request.respond' | 'capacity.read' | 'capacity.write' | 'candidates.read' | 'offer.make') => ({ config: { action }, schema: { hide: true } });
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  area.get('/opvang/aanvragen', opts('request.respond'), async (request, reply) => send(reply, await inboxPage(ctx, request)));
  area.post('/opvang/aanvragen/antwoord', opts('request.respond'), async (request, reply) => {
    const b = request.body as Body;
    const v = request.workspace.view;
    try {
      await respondToRequest(ctx, staffOf(request), one(b, 'requestId'), { locationId: one(b, 'locationId'), kind: one(b, 'kind') as ResponseKind, ...(one(b, 'reason') ? { reason: one(b, 'reason') } : {}) });
      return send(reply, await inboxPage(ctx, request, notice('ok', tr(v.lang, 'inbox.answered'))));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await inboxPage(ctx, request, notice('error', say(v.lang, err.details[0] ?? err))), 400);
    }
  });

  area.get('/opvang/plaatsingen', { config: { action: 'placement.read' }, schema: { hide: true } }, async (request, reply) => send(reply, await placementsPage(ctx, request)));
  area.post('/opvang/plaatsingen/:id', { config: { action: 'placement.report' }, schema: { hide: true } }, async (request, reply) => {
    const values = bodyValues(request.body as Body);
    const v = request.workspace.view;
    const id = idOf(request);
    try {
      await reportPlacements(ctx, staffOf(request), [{ placementId: id, departedOn: values.departedOn ?? '', ...(values.reason ? { reason: values.reason } : {}) }]);
      return send(reply, await placementsPage(ctx, request, notice('ok', tr(v.lang, 'pl.saved'))));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      const p = problemsFrom(v.lang, err.details, {}, (f) => f.replace(/^items\.0\.?/, '') || 'departedOn');
      return send(reply, await placementsPage(ctx, request, null, { id, p, values }), 400);
    }
  });
  area.get('/opvang/locaties', opts('capacity.read'), async (request, reply) => {
    const v = request.workspace.view;
    const locs = await ownLocations(ctx, request);
    return send(reply, page(v, tr(v.lang, 'loc.title'), table(tr(v.lang, 'loc.caption'), [tr(v.lang, 'loc.name'), tr(v.lang, 'loc.where'), tr(v.lang, 'loc.step'), tr(v.lang, 'loc.links')],
      locs.map((l) => [l.name, l.address.municipality, l.subsidyStep, html`<a href="/werkplek/opvang/locaties/${l.id}">${tr(v.lang, 'loc.capacity')}<span class="visually-hidden">: ${l.name}</span></a> · <a href="/werkplek/opvang/locaties/${l.id}/kandidaten">${tr(v.lang, 'loc.candidates')}<span class="visually-hidden">: ${l.name}</span></a>`])), { wide: true }));
  });
  area.get('/opvang/locaties/:id', opts('capacity.read'), async (request, reply) => send(reply, await capacityPage(ctx, request, idOf(request))));
  area.post('/opvang/locaties/:id/capaciteit', opts('capacity.write'), async (request, reply) => {
    const values = bodyValues(request.body as Body);
    const v = request.workspace.view;
    await ownLocation(ctx, request, idOf(request));
    try {
      await setCapacity(ctx, staffOf(request), idOf(request), { validFrom: values.validFrom ?? '', openSeats: [1, 2, 3, 4, 5].map((d) => (values[`seats${d}`] === '' || values[`seats${d}`] === undefined ? Number.NaN : Number(values[`seats${d}`]))), ...(values.note ? { note: values.note } : {}) });
      return send(reply, await capacityPage(ctx, request, idOf(request), {}, {}, notice('ok', tr(v.lang, 'cap.saved'))));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      const rename = (f: string) => (/^openSeats\.(\d)$/.test(f) ? `seats${Number(f.slice(10)) + 1}` : f === 'openSeats' ? 'seats1' : f);
      return send(reply, await capacityPage(ctx, request, idOf(request), values, problemsFrom(v.lang, err.details, {}, rename)), 400);
    }
  });
  area.get('/opvang/locaties/:id/kandidaten', opts('candidates.read'), async (request, reply) => {
    const q = request.query as Record<string, string>;
    const start = /^\d{4}-\d{2}-\d{2}$/.test(q.start ?? '') ? (q.start as string) : firstOfNextMonth(today(ctx));
    return send(reply, await candidatesPage(ctx, request, idOf(request), start));
  });
  area.post('/opvang/locaties/:id/aanbod', opts('offer.make'), async (request, reply) => {
    const b = request.body as Body;
    const v = request.workspace.view;
    const id = idOf(request);
    await ownLocation(ctx, request, id);
    try {
      const offer = await makeOffer(ctx, staffOf(request), { requestId: one(b, 'requestId'), locationId: id, start: one(b, 'start') });
      const number = (await ctx.db.selectFrom('request').select('number').where('id', '=', offer.requestId).executeTakeFirst())?.number ?? '';
      return send(reply, await candidatesPage(ctx, request, id, one(b, 'start'), notice('ok', tr(v.lang, 'cand.offered', { number, deadline: offer.deadline.slice(0, 16).replace('T', ' ') }))));
    } catch (err) {
      if (err instanceof UserError && err.code === 'offer.outside_rule_order') {
        const number = (await ctx.db.selectFrom('request').select('number').where('id', '=', one(b, 'requestId')).executeTakeFirst())?.number ?? '';
        return send(reply, deviationPage(v, id, one(b, 'requestId'), number, one(b, 'start'), { adviceDate: addDays(today(ctx), 0) }, {}), 409);
      }
      throw err;
    }
  });
  area.post('/opvang/locaties/:id/aanbod-met-afwijking', opts('offer.make'), async (request, reply) => {
    const values = bodyValues(request.body as Body);
    const v = request.workspace.view;
    const id = idOf(request);
    await ownLocation(ctx, request, id);
    try {
      const r = await makeOfferWithDeviation(ctx, staffOf(request), { requestId: values.requestId ?? '', locationId: id, start: values.start ?? '' }, {
        adviserOrganisation: values.adviserOrganisation ?? '', adviserType: values.adviserType ?? '', adviceDate: values.adviceDate ?? '', ground: (values.ground ?? '') as keyof typeof DEVIATION_GROUNDS, ...(values.note ? { note: values.note } : {}),
      });
      const number = (await ctx.db.selectFrom('request').select('number').where('id', '=', r.offer.requestId).executeTakeFirst())?.number ?? '';
      return send(reply, await candidatesPage(ctx, request, id, values.start ?? '', notice('ok', tr(v.lang, 'cand.offered', { number, deadline: r.offer.deadline.slice(0, 16).replace('T', ' ') }))));
    } catch (err) {
      if (!(err instanceof UserError) || (err.kind !== 'invalid' && err.code !== 'deviation.adviser_not_allowed')) throw err;
      const number = (await ctx.db.selectFrom('request').select('number').where('id', '=', values.requestId ?? '').executeTakeFirst())?.number ?? '';
      const details = err.details.length ? err.details : [{ field: err.field ?? 'adviserType', code: err.code, nl: err.nl, en: err.en }];
      return send(reply, deviationPage(v, id, values.requestId ?? '', number, values.start ?? '', values, problemsFrom(v.lang, details)), 400);
    }
  });
}
