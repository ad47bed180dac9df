// The workspace's page frame: menu per role, language switch (Dutch, English), skip link, and the shared form parts.
import type { Role } from '../../app/permissions.ts';
import { ASSETS } from '../assets.ts';
import { html, raw, type Html } from '../html.ts';
import type { Problems, View as PortalView } from '../portal/layout.ts';
import { t, WORKSPACE_LANGS, type WLang } from './i18n.ts';

export { choiceGroup, csrfField, errorSummary, inputField, notice, selectField, textareaField, type Problems } from '../portal/layout.ts';

/** Problems per form field in the page's language, straight from the domain's Dutch and English messages. */
export function problemsFrom(lang: WLang, details: Array<{ field: string; code?: string; nl: string; en: string }>, _params: Record<string, string | number> = {}, rename: (field: string) => string = (f) => f): Problems {
  const out: Problems = {};
  for (const d of details) {
    const name = rename(d.field);
    if (!out[name]) out[name] = { text: lang === 'nl' ? d.nl : d.en, lang };
  }
  return out;
}

export interface StaffUser {
  id: string;
  name: string;
  role: Role;
}

/** What every workspace page needs; it fits the portal's form helpers (language, path, CSRF token). */
export interface View extends PortalView {
  lang: WLang;
  user: StaffUser | null;
}

/** One menu entry: shown to the roles listed. Page modules add theirs with `addMenu`. */
interface MenuItem {
  href: string;
  label: { nl: string; en: string };
  roles: readonly Role[];
  order: number;
}

const MENU: MenuItem[] = [];

export function addMenu(item: MenuItem): void {
  if (!MENU.some((m) => m.href === item.href)) MENU.push(item);
  MENU.sort((a, b) => a.order - b.order);
}

export function page(v: View, title: string, body: Html, options: { notice?: Html | null; wide?: boolean } = {}): string {
  const items = v.user ? [{ href: '/werkplek', label: { nl: t('nl', 'nav.home'), en: t('en', 'nav.home') } }, ...MENU.filter((m) => m.roles.includes(v.user!.role))] : [];
  const nav = items.map((m) => {
    const current = v.path === m.href || (m.href !== '/werkplek' && v.path.startsWith(m.href));
    return html`<li><a href="${m.href}"${current ? raw(' aria-current="page"') : ''}>${m.label[v.lang]}</a></li>`;
  });
  const languages = WORKSPACE_LANGS.map(
    (l) => html`<li><a href="${v.path}?taal=${l}" lang="${l}" hreflang="${l}"${l === v.lang ? raw(' aria-current="true"') : ''}>${l === 'nl' ? 'Nederlands' : 'English'}</a></li>`,
  );
  const account = v.user
    ? html`<li><form method="post" action="/werkplek/afmelden" class="inline-form"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit" class="link">${t(v.lang, 'nav.logout')}<span class="visually-hidden">: ${v.user.name}</span></button></form></li>`
    : html`<li><a href="/werkplek/aanmelden">${t(v.lang, 'nav.login')}</a></li>`;
  return `<!doctype html>${html`<html lang="${v.lang}" dir="ltr" class="utrecht-html">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${t(v.lang, 'app.name')}</title>
<link rel="stylesheet" href="${ASSETS.css.path}">
<script src="${ASSETS.js.path}" defer></script>
</head>
<body class="workspace">
<a class="skip" href="#inhoud">${t(v.lang, 'nav.skip')}</a>
<header class="bar">
  <div class="inner${options.wide ? ' wide' : ''}">
    <a class="brand" href="/werkplek">${t(v.lang, 'app.name')}</a>
    <nav aria-label="${t(v.lang, 'nav.label')}"><ul>${nav}${account}</ul></nav>
  </div>
</header>
<div class="inner${options.wide ? ' wide' : ''}">
  <nav class="languages" aria-label="${t(v.lang, 'nav.languages')}"><ul>${languages}</ul></nav>
  ${v.user ? html`<p class="who">${v.user.name} · ${t(v.lang, `role.${v.user.role}` as 'role.admin')}</p>` : ''}
  <main id="inhoud" tabindex="-1">
    <h1>${title}</h1>
    ${options.notice ?? ''}
    ${body}
  </main>
</div>
<footer><div class="inner"><p>${t(v.lang, 'footer.about')}</p></div></footer>
</body>
</html>`.value}`;
}

/** A data table with a caption; cells are already escaped markup or text. */
export function table(caption: string, head: string[], rows: Array<Array<Html | string | number | null>>, options: { empty?: string } = {}): Html {
  if (!rows.length && options.empty) return html`<p>${options.empty}</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><table class="utrecht-table">
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c ?? '–'}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/** A small form with one button that posts to an address (answers, merges, confirmations). */
export function actionButton(v: View, action: string, label: string, fields: Record<string, string> = {}, options: { secondary?: boolean; confirm?: string; context?: string } = {}): Html {
  return html`<form method="post" action="${action}" class="inline-form"${options.confirm ? raw(` data-confirm="${options.confirm.replace(/"/g, '&quot;')}"`) : ''}>
    <input type="hidden" name="_csrf" value="${v.csrf}">
    ${Object.entries(fields).map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}
    <button type="submit"${options.secondary ? raw(' class="secondary"') : ''}>${label}${options.context ? html`<span class="visually-hidden">: ${options.context}</span>` : ''}</button>
  </form>`;
}
