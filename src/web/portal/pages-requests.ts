// "My requests": each child's request in plain words (state, priority group and why, position, what happens next),
// with changing days, locations and start, withdrawing, reporting care found elsewhere, and answering an offer.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { proofForRequest } from '../../app/letters.ts';
import { answerOwnOffer, changeRequest, closeOwnRequest, myRequests, type FamilyRequest } from '../../app/portal/family.ts';
import { searchLocations } from '../../app/portal/locations.ts';
import { UserError } from '../../domain/errors.ts';
import type { CareDay } from '../../domain/requests/registration.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { dataText, t, type Key, type Lang } from './i18n.ts';
import { choiceGroup, csrfField, errorSummary, inputField, notice, page, problemsFrom, textareaField, type Problems, type View } from './layout.ts';
import { accountOf, many, one, send, type Body } from './routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// One formatter per language and shape, built on first use: building one costs more than a whole page's dates.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function dateText(lang: Lang, iso: string, withTime = false): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  const key = `${lang}:${withTime}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : `${lang}-BE`, { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}) });
    FORMATS.set(key, f);
  }
  return f.format(d);
}

function said(lang: Lang, text: { nl: string; en: string }): Html {
  const x = dataText(lang, text);
  return html`<span lang="${x.lang}">${x.text}</span>`;
}

function daysText(lang: Lang, days: CareDay[]): string {
  return days.map((d) => `${t(lang, `day.${d.weekday}` as Key)} (${t(lang, `part.${d.part}` as Key)})`).join(', ');
}

function childName(lang: Lang, r: FamilyRequest): string {
  return r.child.givenName ? `${r.child.givenName} ${r.child.familyName}` : t(lang, 'requests.unborn_child', { name: r.child.familyName });
}

function statusKey(status: string): Key {
  return `status.${status}` as Key;
}

function requestCard(v: View, r: FamilyRequest): Html {
  const open = r.offers.filter((o) => o.status === 'open');
  return html`<section class="card" aria-labelledby="req-${r.id}">
    <h2 id="req-${r.id}">${childName(v.lang, r)}</h2>
    <p><span class="tag">${t(v.lang, statusKey(r.status))}</span> · ${t(v.lang, 'requests.number')}: ${r.number}</p>
    ${open.map((o) => notice('info', html`<p><strong>${t(v.lang, 'offer.there_is', { location: o.location })}</strong></p><p>${t(v.lang, 'offer.deadline', { deadline: dateText(v.lang, o.deadline, true) })}</p><p><a class="button" href="/portaal/aanbod/${o.id}">${t(v.lang, 'offer.answer_now')}</a></p>`))}
    <h3>${t(v.lang, 'requests.next')}</h3>
    <p>${said(v.lang, r.next)}</p>
    <dl class="facts">
      <dt>${t(v.lang, 'requests.registered_on')}</dt><dd>${dateText(v.lang, r.registeredOn)}</dd>
      <dt>${t(v.lang, 'care.start')}</dt><dd>${dateText(v.lang, r.desiredStartDate)}${r.flexibilityWeeks ? ` (${t(v.lang, 'requests.flex', { n: r.flexibilityWeeks })})` : ''}</dd>
      <dt>${t(v.lang, 'care.days')}</dt><dd>${daysText(v.lang, r.careDays)}</dd>
      <dt>${t(v.lang, 'requests.desk')}</dt><dd>${r.desk.name}</dd>
    </dl>
    <h3>${t(v.lang, 'requests.locations')}</h3>
    <ol class="chosen">${r.locations.map(
      (l) => html`<li><strong>${l.name}</strong>, ${l.municipality}
        <p>${t(v.lang, 'requests.group')}: ${l.group ? said(v.lang, l.group.label) : t(v.lang, 'requests.no_group')}</p>
        ${l.summary ? html`<p>${t(v.lang, 'requests.why')}: ${said(v.lang, l.summary)}</p>` : ''}
        ${l.groupsMet.length ? html`<ul>${l.groupsMet.map((g) => html`<li>${said(v.lang, g.text)}</li>`)}</ul>` : ''}
        ${r.open
          ? l.position !== null
            ? html`<p><strong>${t(v.lang, 'requests.position', { position: l.position, total: l.candidates ?? 0 })}</strong></p><p class="hint">${t(v.lang, 'requests.position_hint')}</p>`
            : l.noPositionReason
              ? html`<p>${t(v.lang, 'requests.no_position')}: ${said(v.lang, l.noPositionReason)}</p>`
              : ''
          : ''}
        ${l.response ? html`<p class="hint">${t(v.lang, `response.${l.response.kind}` as Key)} (${dateText(v.lang, l.response.at)})</p>` : ''}
      </li>`,
    )}</ol>
    <div class="actions">
      <a href="/portaal/aanvragen/${r.id}/bewijs.pdf" download>${t(v.lang, 'done.proof')}</a>
      ${r.open && r.status !== 'offered' ? html`<a class="button secondary" href="/portaal/aanvragen/${r.id}/wijzigen">${t(v.lang, 'requests.change')}</a>` : ''}
      ${r.open ? html`<a class="button secondary" href="/portaal/aanvragen/${r.id}/afsluiten">${t(v.lang, 'requests.close')}</a>` : ''}
    </div>
  </section>`;
}

async function ownRequest(ctx: AppContext, request: FastifyRequest, id: string): Promise<FamilyRequest> {
  const r = UUID.test(id) ? (await myRequests(ctx, accountOf(request))).requests.find((x) => x.id === id) : undefined;
  if (!r) throw new UserError('not_found', 'request.not_found', null, { nl: 'Deze aanvraag vinden we niet bij uw gezin.', en: 'We cannot find this request with your family.' });
  return r;
}

export function registerRequestPages(app: App, ctx: AppContext) {
  app.get('/aanvragen', { config: { action: 'portal.read' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const { requests } = await myRequests(ctx, accountOf(request));
    const q = request.query as Record<string, string>;
    const done: Record<string, Key> = { gewijzigd: 'requests.changed', afgesloten: 'requests.closed', aanvaard: 'offer.accepted', geweigerd: 'offer.declined', wachten: 'offer.kept_waiting' };
    const msg = q.klaar && done[q.klaar] ? notice('ok', t(v.lang, done[q.klaar] as Key)) : null;
    return send(
      reply,
      page(
        v,
        t(v.lang, 'requests.title'),
        requests.length
          ? html`${requests.map((r) => requestCard(v, r))}<p><a href="/portaal/inschrijven">${t(v.lang, 'requests.another')}</a></p>`
          : html`<p>${t(v.lang, 'requests.none')}</p><p><a class="button" href="/portaal/inschrijven">${t(v.lang, 'home.start')}</a></p>`,
        { notice: msg },
      ),
    );
  });

  app.get('/aanvragen/:id/bewijs.pdf', { config: { action: 'request.read' }, schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new UserError('not_found', 'request.not_found', null, { nl: 'Deze aanvraag vinden we niet.', en: 'We cannot find this request.' });
    const pdf = await proofForRequest(ctx, request.actor, id);
    return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="inschrijvingsbewijs.pdf"`).send(Buffer.from(pdf));
  });

  const changePage = async (v: View, r: FamilyRequest, values: { start: string; flex: string; days: Record<string, string>; locations: string[] }, problems: Problems) => {
    const all = await searchLocations(ctx, { userId: null, role: 'anonymous', deskId: null, organiserId: null, channel: 'web' }, {});
    const nameOf = (id: string) => all.find((l) => l.id === id)?.name ?? id;
    return page(
      v,
      t(v.lang, 'change.title', { child: childName(v.lang, r) }),
      html`${errorSummary(v, problems)}<p>${t(v.lang, 'change.intro')}</p>
      <form method="post" action="/portaal/aanvragen/${r.id}/wijzigen" novalidate>${csrfField(v)}
        ${inputField({ name: 'desiredStartDate', label: t(v.lang, 'care.start'), type: 'date', value: values.start, problems })}
        ${inputField({ name: 'flexibilityWeeks', label: t(v.lang, 'care.flex'), hint: t(v.lang, 'care.flex_hint'), type: 'number', min: 0, max: 52, value: values.flex, problems })}
        <div class="field${problems.days ? ' has-error' : ''}" id="f-days" tabindex="-1"><fieldset><legend>${t(v.lang, 'care.days')}</legend>
          ${problems.days ? html`<p class="error-text" lang="${problems.days.lang}">${problems.days.text}</p>` : ''}
          <div class="days">${[1, 2, 3, 4, 5].map((n) => html`<div class="day"><label for="f-day-${n}">${t(v.lang, `day.${n}` as Key)}</label><select id="f-day-${n}" name="day${n}">${(['', 'full', 'morning', 'afternoon'] as const).map((part) => html`<option value="${part}"${(values.days[String(n)] ?? '') === part ? html` selected` : ''}>${t(v.lang, `part.${part || 'none'}` as Key)}</option>`)}</select></div>`)}</div>
        </fieldset></div>
        ${choiceGroup({ name: 'locations', legend: t(v.lang, 'change.locations'), hint: t(v.lang, 'change.locations_hint'), type: 'checkbox', options: all.map((l) => ({ value: l.id, label: `${l.name}, ${l.municipality}` })), checked: values.locations, problems })}
        <p class="hint">${t(v.lang, 'change.order', { list: values.locations.map(nameOf).join(' → ') })}</p>
        <div class="actions"><button type="submit">${t(v.lang, 'change.submit')}</button><a href="/portaal/aanvragen">${t(v.lang, 'form.cancel')}</a></div>
      </form>`,
    );
  };

  app.get('/aanvragen/:id/wijzigen', { config: { action: 'request.change' }, schema: { hide: true } }, async (request, reply) => {
    const r = await ownRequest(ctx, request, (request.params as { id: string }).id);
    const days = Object.fromEntries(r.careDays.map((d) => [String(d.weekday), d.part]));
    return send(reply, await changePage(request.portal.view, r, { start: r.desiredStartDate, flex: String(r.flexibilityWeeks), days, locations: r.locations.map((l) => l.locationId) }, {}));
  });

  app.post('/aanvragen/:id/wijzigen', { config: { action: 'request.change' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const r = await ownRequest(ctx, request, (request.params as { id: string }).id);
    const body = request.body as Body;
    const days: Record<string, string> = {};
    for (const n of [1, 2, 3, 4, 5]) if (one(body, `day${n}`)) days[String(n)] = one(body, `day${n}`);
    // Kept in the order the family ranked them; newly ticked ones come last.
    const ticked = many(body, 'locations');
    const locations = [...r.locations.map((l) => l.locationId).filter((id) => ticked.includes(id)), ...ticked.filter((id) => !r.locations.some((l) => l.locationId === id))];
    const values = { start: one(body, 'desiredStartDate'), flex: one(body, 'flexibilityWeeks') || '0', days, locations };
    try {
      if (!/^\d{1,2}$/.test(values.flex)) throw new UserError('invalid', 'range', 'flexibilityWeeks', { nl: 'Het aantal weken speling ligt tussen 0 en 52.', en: 'The flexibility is between 0 and 52 weeks.' }, [{ field: 'flexibilityWeeks', code: 'range', nl: 'Het aantal weken speling ligt tussen 0 en 52.', en: 'The flexibility is between 0 and 52 weeks.' }]);
      await changeRequest(ctx, request.actor, r.id, {
        desiredStartDate: values.start,
        flexibilityWeeks: Number(values.flex),
        careDays: Object.entries(days).map(([weekday, part]) => ({ weekday: Number(weekday), part: part as CareDay['part'] })),
        locationIds: locations,
      });
      return reply.redirect('/portaal/aanvragen?klaar=gewijzigd', 303);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      const max = await ctx.db.selectFrom('desk').select('max_locations').where('id', '=', r.desk.id).executeTakeFirst();
      const rename = (f: string) => (f.startsWith('careDays') ? 'days' : f.startsWith('locationIds') ? 'locations' : f);
      return send(reply, await changePage(v, r, values, problemsFrom(v.lang, err.details.length ? err.details : [{ field: err.field ?? 'desiredStartDate', code: err.code, nl: err.nl, en: err.en }], { max: max?.max_locations ?? 0 }, rename)), 400);
    }
  });

  const closePage = (v: View, r: FamilyRequest, values: { to: string; reason: string }, problems: Problems) =>
    page(
      v,
      t(v.lang, 'close.title', { child: childName(v.lang, r) }),
      html`${errorSummary(v, problems)}
      <form method="post" action="/portaal/aanvragen/${r.id}/afsluiten" data-confirm="${t(v.lang, 'close.confirm')}" novalidate>${csrfField(v)}
        ${choiceGroup({ name: 'to', legend: t(v.lang, 'close.why'), type: 'radio', options: [{ value: 'found_elsewhere', label: t(v.lang, 'close.found_elsewhere') }, { value: 'withdrawn', label: t(v.lang, 'close.withdrawn') }], checked: [values.to], problems })}
        ${textareaField({ name: 'reason', label: t(v.lang, 'close.reason'), hint: t(v.lang, 'close.reason_hint'), value: values.reason, problems })}
        <p>${t(v.lang, 'close.warning')}</p>
        <div class="actions"><button type="submit" class="danger">${t(v.lang, 'close.submit')}</button><a href="/portaal/aanvragen">${t(v.lang, 'form.cancel')}</a></div>
      </form>`,
    );

  app.get('/aanvragen/:id/afsluiten', { config: { action: 'request.close_own' }, schema: { hide: true } }, async (request, reply) => {
    const r = await ownRequest(ctx, request, (request.params as { id: string }).id);
    return send(reply, closePage(request.portal.view, r, { to: '', reason: '' }, {}));
  });
  app.post('/aanvragen/:id/afsluiten', { config: { action: 'request.close_own' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const r = await ownRequest(ctx, request, (request.params as { id: string }).id);
    const body = request.body as Body;
    const values = { to: one(body, 'to'), reason: one(body, 'reason') };
    if (values.to !== 'withdrawn' && values.to !== 'found_elsewhere') return send(reply, closePage(v, r, values, { to: { text: t(v.lang, 'error.choose_one'), lang: v.lang } }), 400);
    try {
      await closeOwnRequest(ctx, request.actor, r.id, values.to, values.reason);
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, closePage(v, r, values, problemsFrom(v.lang, err.details)), 400);
    }
    return reply.redirect('/portaal/aanvragen?klaar=afgesloten', 303);
  });

  const offerOf = async (request: FastifyRequest, id: string) => {
    const { requests } = await myRequests(ctx, accountOf(request));
    for (const r of requests) {
      const o = r.offers.find((x) => x.id === id);
      if (o) return { r, o };
    }
    throw new UserError('not_found', 'offer.not_found', null, { nl: 'Dit aanbod vinden we niet bij uw gezin.', en: 'We cannot find this offer with your family.' });
  };

  const offerPage = (v: View, r: FamilyRequest, o: FamilyRequest['offers'][number], problems: Problems) =>
    page(
      v,
      t(v.lang, 'offer.title', { location: o.location }),
      html`${errorSummary(v, problems)}
      <p>${t(v.lang, 'offer.for', { child: childName(v.lang, r) })}</p>
      <dl class="facts">
        <dt>${t(v.lang, 'offer.location')}</dt><dd>${o.location}</dd>
        <dt>${t(v.lang, 'offer.from')}</dt><dd>${dateText(v.lang, o.startDate)}</dd>
        <dt>${t(v.lang, 'offer.until')}</dt><dd>${dateText(v.lang, o.endDate)}</dd>
        <dt>${t(v.lang, 'care.days')}</dt><dd>${daysText(v.lang, o.careDays as CareDay[])}</dd>
        <dt>${t(v.lang, 'offer.answer_by')}</dt><dd><strong>${dateText(v.lang, o.deadline, true)}</strong></dd>
      </dl>
      ${o.status === 'open'
        ? html`<form method="post" action="/portaal/aanbod/${o.id}" novalidate>${csrfField(v)}
          ${choiceGroup({
            name: 'answer',
            legend: t(v.lang, 'offer.your_answer'),
            type: 'radio',
            options: [
              { value: 'accept', label: t(v.lang, 'offer.accept'), hint: t(v.lang, 'offer.accept_hint') },
              ...(o.canKeepWaiting ? [{ value: 'accept_keep_waiting', label: t(v.lang, 'offer.keep_waiting'), hint: t(v.lang, 'offer.keep_waiting_hint') }] : []),
              { value: 'decline', label: t(v.lang, 'offer.decline'), hint: t(v.lang, 'offer.decline_hint') },
            ],
            checked: [],
            problems,
          })}
          <div class="actions"><button type="submit">${t(v.lang, 'offer.send')}</button><a href="/portaal/aanvragen">${t(v.lang, 'form.back')}</a></div>
        </form>`
        : notice('info', t(v.lang, 'offer.already', { status: t(v.lang, `offerstatus.${o.status}` as Key) }))}`,
    );

  app.get('/aanbod/:id', { config: { action: 'portal.read' }, schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new UserError('not_found', 'offer.not_found', null, { nl: 'Dit aanbod vinden we niet.', en: 'We cannot find this offer.' });
    const { r, o } = await offerOf(request, id);
    return send(reply, offerPage(request.portal.view, r, o, {}));
  });
  app.post('/aanbod/:id', { config: { action: 'offer.answer' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new UserError('not_found', 'offer.not_found', null, { nl: 'Dit aanbod vinden we niet.', en: 'We cannot find this offer.' });
    const { r, o } = await offerOf(request, id);
    const answer = one(request.body as Body, 'answer');
    if (!['accept', 'decline', 'accept_keep_waiting'].includes(answer)) return send(reply, offerPage(v, r, o, { answer: { text: t(v.lang, 'error.choose_one'), lang: v.lang } }), 400);
    const done = await answerOwnOffer(ctx, request.actor, id, answer as 'accept');
    const key = done.status === 'declined' ? 'geweigerd' : done.status === 'accepted_keep_waiting' ? 'wachten' : 'aanvaard';
    return reply.redirect(`/portaal/aanvragen?klaar=${key}`, 303);
  });
}
