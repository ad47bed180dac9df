// The public social map on the parent portal: search services by need, child's age, municipality and language, and one service's page.
import type { AppContext } from '../../app/context.ts';
import { getPublicService, searchServices, serviceLanguages } from '../../app/family-support/social-map.ts';
import { listMunicipalities } from '../../app/places.ts';
import { NEEDS, TARGET_GROUPS } from '../../domain/family-support/hsds.ts';
import type { App } from '../../http/server.ts';
import { html, type Html } from '../html.ts';
import { t, type Key, type Lang } from './i18n.ts';
import { page, selectField, type View } from './layout.ts';
import { send } from './routes.ts';

type Service = Awaited<ReturnType<typeof getPublicService>>;

const AGES = Array.from({ length: 13 }, (_, y) => y);

/** Data on the map is written in Dutch: marked so a screen reader reads it as Dutch. */
const dutch = (v: View, text: string) => (v.lang === 'nl' ? text : html`<span lang="nl">${text}</span>`);

function years(lang: Lang, months: number): string {
  const y = Math.round((months / 12) * 10) / 10;
  return lang === 'nl' || lang === 'fr' ? String(y).replace('.', ',') : String(y);
}

function agesText(lang: Lang, min: number | null, max: number | null): string {
  if (min !== null && max !== null) return t(lang, 'map.ages_range', { min: years(lang, min), max: years(lang, max) });
  if (min !== null) return t(lang, 'map.ages_from', { min: years(lang, min) });
  if (max !== null) return t(lang, 'map.ages_until', { max: years(lang, max) });
  return t(lang, 'map.ages_all');
}

/** Weekday names from the browser-independent calendar: 1 January 2024 was a Monday. */
function weekdays(lang: Lang, days: number[]): string {
  const f = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  return days.map((d) => f.format(new Date(Date.UTC(2024, 0, d)))).join(', ');
}

function hoursList(v: View, hours: Service['hours']): Html {
  return html`<ul class="hours">${hours.map((h) => html`<li>${weekdays(v.lang, h.weekdays)}: <span dir="ltr">${h.opensAt.slice(0, 5)}–${h.closesAt.slice(0, 5)}</span></li>`)}</ul>`;
}

function needList(v: View, codes: string[], prefix: 'need' | 'group', known: Record<string, unknown>): string {
  return codes.filter((c) => Object.hasOwn(known, c)).map((c) => t(v.lang, `${prefix}.${c}` as Key)).join(', ');
}

export function registerSocialMapPages(app: App, ctx: AppContext) {
  app.get('/sociale-kaart', { config: { action: 'socialmap.search' }, schema: { hide: true } }, async (request, reply) => {
    const v = request.portal.view;
    const q = request.query as Record<string, string | undefined>;
    const need = q.nood && Object.hasOwn(NEEDS, q.nood) ? q.nood : '';
    const age = q.leeftijd && /^\d{1,2}$/.test(q.leeftijd) && Number(q.leeftijd) <= 12 ? q.leeftijd : '';
    const [municipalities, languages] = await Promise.all([listMunicipalities(ctx, request.actor), serviceLanguages(ctx, request.actor)]);
    const municipality = municipalities.some((m) => m.nisCode === q.gemeente) ? (q.gemeente as string) : '';
    const language = languages.some((l) => l.code === q.hulptaal) ? (q.hulptaal as string) : '';
    const found = await searchServices(ctx, request.actor, {
      ...(need ? { need } : {}),
      ...(age ? { ageMonths: Number(age) * 12 } : {}),
      ...(municipality ? { municipalityNis: municipality } : {}),
      ...(language ? { language } : {}),
    });
    const ageOptions: Array<[string, string]> = [['', t(v.lang, 'map.any')], ...AGES.map((y) => [String(y), y === 0 ? t(v.lang, 'map.age_baby') : y === 1 ? t(v.lang, 'map.age_one') : t(v.lang, 'map.age_years', { n: y })] as [string, string])];
    const body = html`<p>${t(v.lang, 'map.intro')}</p>
      <form method="get" action="/portaal/sociale-kaart" role="search" aria-label="${t(v.lang, 'map.filters')}">
        ${selectField({ name: 'nood', label: t(v.lang, 'map.need'), value: need, options: [['', t(v.lang, 'map.any')], ...Object.keys(NEEDS).map((c) => [c, t(v.lang, `need.${c}` as Key)] as [string, string])], problems: {} })}
        ${selectField({ name: 'leeftijd', label: t(v.lang, 'map.age'), value: age, options: ageOptions, problems: {} })}
        ${selectField({ name: 'gemeente', label: t(v.lang, 'field.municipality'), value: municipality, options: [['', t(v.lang, 'map.any')], ...municipalities.map((m) => [m.nisCode, m.name] as [string, string])], problems: {} })}
        ${selectField({ name: 'hulptaal', label: t(v.lang, 'map.language'), hint: t(v.lang, 'map.language_hint'), value: language, options: [['', t(v.lang, 'map.any')], ...languages.map((l) => [l.code, l.name] as [string, string])], problems: {} })}
        <div class="actions"><button type="submit">${t(v.lang, 'map.submit')}</button></div>
      </form>
      <h2 id="gevonden" aria-live="polite">${t(v.lang, 'map.results', { n: found.length })}</h2>
      ${v.lang !== 'nl' && found.length ? html`<p class="hint">${t(v.lang, 'map.dutch_only')}</p>` : ''}
      ${found.length
        ? html`<ul class="results" aria-labelledby="gevonden">${found.map(
            (s) => html`<li>
              <h3><a href="/portaal/sociale-kaart/${s.id}">${dutch(v, s.name)}</a></h3>
              <p>${dutch(v, s.organization.name)}</p>
              ${s.description ? html`<p lang="nl">${s.description}</p>` : ''}
              <dl class="facts">
                <dt>${t(v.lang, 'map.ages')}</dt><dd>${agesText(v.lang, s.minAgeMonths, s.maxAgeMonths)}</dd>
                <dt>${t(v.lang, 'map.where')}</dt><dd>${s.locations.map((l) => l.city).filter((c, i, all) => all.indexOf(c) === i).join(', ') || '–'}</dd>
              </dl>
            </li>`,
          )}</ul>`
        : html`<p>${t(v.lang, 'map.none')} <a href="/portaal/hulp">${t(v.lang, 'nav.help')}</a></p>`}`;
    return send(reply, page(v, t(v.lang, 'map.title'), body));
  });

  app.get('/sociale-kaart/:id', { config: { action: 'socialmap.search' }, schema: { hide: true, params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } } }, async (request, reply) => {
    const v = request.portal.view;
    const s = await getPublicService(ctx, request.actor, (request.params as { id: string }).id);
    const languages = await serviceLanguages(ctx, request.actor);
    const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
    const body = html`<p>${t(v.lang, 'map.organization')}: ${dutch(v, s.organization.name)}</p>
      ${s.description ? html`<p lang="nl">${s.description}</p>` : ''}
      <dl class="facts">
        ${s.needs.length ? html`<dt>${t(v.lang, 'map.for_need')}</dt><dd>${needList(v, s.needs, 'need', NEEDS)}</dd>` : ''}
        ${s.targetGroups.length ? html`<dt>${t(v.lang, 'map.who')}</dt><dd>${needList(v, s.targetGroups, 'group', TARGET_GROUPS)}</dd>` : ''}
        <dt>${t(v.lang, 'map.ages')}</dt><dd>${agesText(v.lang, s.minAgeMonths, s.maxAgeMonths)}</dd>
        ${s.languages.length ? html`<dt>${t(v.lang, 'map.languages')}</dt><dd>${s.languages.map((c, i) => html`${i ? ', ' : ''}<span lang="${c}">${languageName(c)}</span>`)}</dd>` : ''}
        ${s.eligibility ? html`<dt>${t(v.lang, 'map.eligibility')}</dt><dd lang="nl">${s.eligibility}</dd>` : ''}
        ${s.hours.length ? html`<dt>${t(v.lang, 'map.hours')}</dt><dd>${hoursList(v, s.hours)}</dd>` : ''}
      </dl>
      ${s.locations.length
        ? html`<h2>${t(v.lang, 'map.where')}</h2>${s.locations.map(
            (l) => html`<section class="card" aria-labelledby="plaats-${l.id}">
              <h3 id="plaats-${l.id}">${dutch(v, l.name)}</h3>
              <p>${l.street}, ${l.postalCode} ${l.city}</p>
              ${l.hours.length ? html`<p>${t(v.lang, 'map.hours')}:</p>${hoursList(v, l.hours)}` : ''}
            </section>`,
          )}`
        : ''}
      ${s.phone || s.email || s.url || s.organization.website
        ? html`<h2>${t(v.lang, 'map.contact')}</h2><dl class="facts">
          ${s.phone ? html`<dt>${t(v.lang, 'help.phone')}</dt><dd><a href="tel:${s.phone.replace(/\s/g, '')}" dir="ltr">${s.phone}</a></dd>` : ''}
          ${s.email ? html`<dt>${t(v.lang, 'help.email')}</dt><dd><a href="mailto:${s.email}">${s.email}</a></dd>` : ''}
          ${s.url || s.organization.website ? html`<dt>${t(v.lang, 'map.website')}</dt><dd><a href="${safeUrl(s.url ?? s.organization.website ?? '')}">${s.url ?? s.organization.website}</a></dd>` : ''}
        </dl>`
        : ''}
      <p>${t(v.lang, 'map.ask_desk')} <a href="/portaal/hulp">${t(v.lang, 'nav.help')}</a></p>
      <p><a href="/portaal/sociale-kaart">${t(v.lang, 'map.back')}</a></p>`;
    return send(reply, page(v, s.name, body));
  });
}

/** Only web addresses become links: a "javascript:" address from an import must never be clickable. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
