// The portal's start page, help (contact, opening hours, call-back request), privacy notice and accessibility statement.
import type { AppContext } from '../../app/context.ts';
import { askCallback, CALLBACK_TOPICS } from '../../app/portal/family.ts';
import { UserError } from '../../domain/errors.ts';
import type { App } from '../../http/server.ts';
import { html } from '../html.ts';
import { t, type Key } from './i18n.ts';
import { csrfField, errorSummary, inputField, notice, page, problemsFrom, selectField, textareaField, type Problems, type View } from './layout.ts';
import { accountOf, one, send, type Body } from './routes.ts';

async function desks(ctx: AppContext, familyId: string | null) {
  let q = ctx.db
    .selectFrom('desk')
    .select(['desk.id', 'desk.name', 'desk.email', 'desk.phone', 'desk.address', 'desk.opening_hours', 'desk.family_centre_name', 'desk.family_centre_address', 'desk.family_centre_phone', 'desk.family_centre_email'])
    .orderBy('desk.name');
  if (familyId) q = q.where('desk.id', 'in', (eb) => eb.selectFrom('family').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'family.municipality_nis').select('desk_municipality.desk_id').where('family.id', '=', familyId));
  return q.execute();
}

async function municipalities(ctx: AppContext) {
  return ctx.db.selectFrom('municipality').innerJoin('desk_municipality', 'desk_municipality.nis_code', 'municipality.nis_code').select(['municipality.nis_code', 'municipality.name']).orderBy('municipality.name').execute();
}

export function registerInfoPages(app: App, ctx: AppContext) {
  app.get('/', { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const loggedOut = (request.query as Record<string, string>).afgemeld === '1';
    return send(
      reply,
      page(
        v,
        t(v.lang, 'home.title'),
        html`${loggedOut ? notice('ok', t(v.lang, 'home.logged_out')) : ''}
        <p>${t(v.lang, 'home.intro')}</p>
        <h2>${t(v.lang, 'home.how_title')}</h2>
        <ol><li>${t(v.lang, 'home.how_1')}</li><li>${t(v.lang, 'home.how_2')}</li><li>${t(v.lang, 'home.how_3')}</li><li>${t(v.lang, 'home.how_4')}</li></ol>
        <div class="actions">
          <a class="button" href="/portaal/inschrijven">${t(v.lang, 'home.start')}</a>
          ${v.loggedIn ? html`<a class="button secondary" href="/portaal/aanvragen">${t(v.lang, 'nav.requests')}</a>` : html`<a class="button secondary" href="/portaal/aanmelden">${t(v.lang, 'nav.login')}</a>`}
        </div>
        <p>${t(v.lang, 'home.help')} <a href="/portaal/hulp">${t(v.lang, 'nav.help')}</a></p>
        <p>${t(v.lang, 'map.help_link')} <a href="/portaal/sociale-kaart">${t(v.lang, 'map.title')}</a></p>`,
      ),
    );
  });

  const helpPage = async (v: View, familyId: string | null, loggedIn: boolean, values: Record<string, string>, problems: Problems, done = false) => {
    const list = await desks(ctx, familyId);
    const topics = CALLBACK_TOPICS.map((x) => [x, t(v.lang, `callback.topic.${x}` as Key)] as [string, string]);
    return page(
      v,
      t(v.lang, 'help.title'),
      html`${done ? notice('ok', t(v.lang, 'callback.done')) : ''}${errorSummary(v, problems)}
      <p>${t(v.lang, 'help.intro')}</p>
      <p>${t(v.lang, 'map.help_link')} <a href="/portaal/sociale-kaart">${t(v.lang, 'map.title')}</a></p>
      ${list.map(
        (d) => html`<section class="card" aria-labelledby="desk-${d.id}">
          <h2 id="desk-${d.id}">${d.name}</h2>
          <dl class="facts">
            ${d.address ? html`<dt>${t(v.lang, 'help.address')}</dt><dd>${d.address}</dd>` : ''}
            ${d.phone ? html`<dt>${t(v.lang, 'help.phone')}</dt><dd><a href="tel:${d.phone.replace(/\s/g, '')}">${d.phone}</a></dd>` : ''}
            ${d.email ? html`<dt>${t(v.lang, 'help.email')}</dt><dd><a href="mailto:${d.email}">${d.email}</a></dd>` : ''}
            ${d.opening_hours ? html`<dt>${t(v.lang, 'help.hours')}</dt><dd lang="nl">${d.opening_hours}</dd>` : ''}
          </dl>
          ${d.family_centre_name
            ? html`<h3>${t(v.lang, 'help.family_centre')}: ${d.family_centre_name}</h3>
              <p>${t(v.lang, 'help.family_centre_text')}</p>
              <dl class="facts">
                ${d.family_centre_address ? html`<dt>${t(v.lang, 'help.address')}</dt><dd>${d.family_centre_address}</dd>` : ''}
                ${d.family_centre_phone ? html`<dt>${t(v.lang, 'help.phone')}</dt><dd><a href="tel:${d.family_centre_phone.replace(/\s/g, '')}">${d.family_centre_phone}</a></dd>` : ''}
                ${d.family_centre_email ? html`<dt>${t(v.lang, 'help.email')}</dt><dd><a href="mailto:${d.family_centre_email}">${d.family_centre_email}</a></dd>` : ''}
              </dl>`
            : ''}
        </section>`,
      )}
      <h2 id="terugbellen">${t(v.lang, 'callback.title')}</h2>
      ${loggedIn
        ? html`<p>${t(v.lang, 'callback.intro')}</p>
          <form method="post" action="/portaal/hulp" novalidate>${csrfField(v)}
            ${inputField({ name: 'name', label: t(v.lang, 'callback.name'), autocomplete: 'name', value: values.name, problems })}
            ${inputField({ name: 'phone', label: t(v.lang, 'callback.phone'), type: 'tel', autocomplete: 'tel', value: values.phone, problems })}
            ${selectField({ name: 'topic', label: t(v.lang, 'callback.topic'), value: values.topic ?? 'other', options: topics, problems })}
            ${familyId ? '' : selectField({ name: 'municipalityNis', label: t(v.lang, 'field.municipality'), value: values.municipalityNis, options: [['', t(v.lang, 'field.choose')], ...(await municipalities(ctx)).map((m) => [m.nis_code, m.name] as [string, string])], problems })}
            ${textareaField({ name: 'message', label: t(v.lang, 'callback.message'), hint: t(v.lang, 'callback.message_hint'), value: values.message, problems })}
            <div class="actions"><button type="submit">${t(v.lang, 'callback.submit')}</button></div>
          </form>`
        : html`<p>${t(v.lang, 'callback.login_first')} <a href="/portaal/aanmelden?next=/portaal/hulp">${t(v.lang, 'nav.login')}</a></p>`}`,
    );
  };

  app.get('/hulp', { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
    const a = request.portal.account;
    return send(reply, await helpPage(request.portal.view, a?.familyId ?? null, a !== null, {}, {}));
  });
  app.post('/hulp', { config: { action: 'callback.ask' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const account = accountOf(request);
    const body = request.body as Body;
    const values = { name: one(body, 'name'), phone: one(body, 'phone'), topic: one(body, 'topic'), message: one(body, 'message'), municipalityNis: one(body, 'municipalityNis') };
    try {
      await askCallback(ctx, account, { ...values, topic: values.topic as (typeof CALLBACK_TOPICS)[number], ...(values.municipalityNis ? { municipalityNis: values.municipalityNis } : {}) });
      return send(reply, await helpPage(v, account.familyId, true, {}, {}, true));
    } catch (err) {
      if (!(err instanceof UserError) || err.kind !== 'invalid') throw err;
      return send(reply, await helpPage(v, account.familyId, true, values, problemsFrom(v.lang, err.details)), 400);
    }
  });

  app.get('/privacy', { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const section = (title: Key, ...paras: Key[]) => html`<h2>${t(v.lang, title)}</h2>${paras.map((p) => html`<p>${t(v.lang, p)}</p>`)}`;
    return send(
      reply,
      page(
        v,
        t(v.lang, 'privacy.title'),
        html`<p>${t(v.lang, 'privacy.intro')}</p>
        ${section('privacy.what_title', 'privacy.what_1', 'privacy.what_2')}
        ${section('privacy.why_title', 'privacy.why_1')}
        ${section('privacy.who_title', 'privacy.who_1', 'privacy.who_2')}
        ${section('privacy.how_long_title', 'privacy.how_long_1')}
        ${section('privacy.rights_title', 'privacy.rights_1', 'privacy.rights_2')}
        ${section('privacy.controller_title', 'privacy.controller_1')}`,
      ),
    );
  });

  app.get('/toegankelijkheid', { config: { action: 'public.read' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    return send(
      reply,
      page(
        v,
        t(v.lang, 'a11y.title'),
        html`<p>${t(v.lang, 'a11y.intro')}</p>
        <h2>${t(v.lang, 'a11y.status_title')}</h2><p>${t(v.lang, 'a11y.status')}</p>
        <h2>${t(v.lang, 'a11y.how_title')}</h2><p>${t(v.lang, 'a11y.how')}</p>
        <h2>${t(v.lang, 'a11y.known_title')}</h2><ul><li>${t(v.lang, 'a11y.known_1')}</li><li>${t(v.lang, 'a11y.known_2')}</li></ul>
        <h2>${t(v.lang, 'a11y.feedback_title')}</h2><p>${t(v.lang, 'a11y.feedback')} <a href="/portaal/hulp">${t(v.lang, 'nav.help')}</a></p>
        <h2>${t(v.lang, 'a11y.enforcement_title')}</h2><p>${t(v.lang, 'a11y.enforcement')}</p>
        <p>${t(v.lang, 'a11y.date')}</p>`,
      ),
    );
  });
}
