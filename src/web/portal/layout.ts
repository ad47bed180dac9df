// The portal's page frame and form parts: language, direction, navigation, skip link, errors next to their fields.
import { ASSETS } from '../assets.ts';
import { html, raw, type Html } from '../html.ts';
import { dir, LANGS, LANGUAGE_NAMES, problemText, t, type Key, type Lang } from './i18n.ts';

export interface View {
  lang: Lang;
  /** The current path without query, for the navigation and the language links. */
  path: string;
  csrf: string;
  loggedIn: boolean;
}

const NAV: Array<[string, Key]> = [
  ['/portaal', 'nav.home'],
  ['/portaal/aanvragen', 'nav.requests'],
  ['/portaal/inschrijven', 'nav.register'],
  ['/portaal/hulp', 'nav.help'],
];

export function csrfField(v: View): Html {
  return html`<input type="hidden" name="_csrf" value="${v.csrf}">`;
}

export function page(v: View, title: string, body: Html, options: { notice?: Html | null } = {}): string {
  const navItems = NAV.map(([href, key]) => {
    const current = v.path === href || (href !== '/portaal' && v.path.startsWith(href));
    return html`<li><a href="${href}"${current ? raw(' aria-current="page"') : ''}>${t(v.lang, key)}</a></li>`;
  });
  const languages = LANGS.map(
    (l) => html`<li><a href="${v.path}?taal=${l}" lang="${l}" hreflang="${l}"${l === v.lang ? raw(' aria-current="true"') : ''}>${LANGUAGE_NAMES[l]}</a></li>`,
  );
  const account = v.loggedIn
    ? html`<form method="post" action="/portaal/afmelden" class="inline-form">${csrfField(v)}<button type="submit" class="link">${t(v.lang, 'nav.logout')}</button></form>`
    : html`<a href="/portaal/aanmelden">${t(v.lang, 'nav.login')}</a>`;
  return `<!doctype html>${html`<html lang="${v.lang}" dir="${dir(v.lang)}" class="utrecht-html">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Nabij</title>
<link rel="stylesheet" href="${ASSETS.css.path}">
<script src="${ASSETS.js.path}" defer></script>
</head>
<body>
<a class="skip" href="#inhoud">${t(v.lang, 'nav.skip')}</a>
<header class="bar">
  <div class="inner">
    <a class="brand" href="/portaal">Nabij</a>
    <nav aria-label="${t(v.lang, 'nav.label')}"><ul>${navItems}<li>${account}</li></ul></nav>
  </div>
</header>
<div class="inner">
  <nav class="languages" aria-label="${t(v.lang, 'nav.languages')}"><ul>${languages}</ul></nav>
  <main id="inhoud" tabindex="-1">
    <h1>${title}</h1>
    ${options.notice ?? ''}
    ${body}
  </main>
</div>
<footer><div class="inner"><ul>
  <li><a href="/portaal/privacy">${t(v.lang, 'nav.privacy')}</a></li>
  <li><a href="/portaal/toegankelijkheid">${t(v.lang, 'nav.accessibility')}</a></li>
  <li><a href="/portaal/hulp">${t(v.lang, 'nav.contact')}</a></li>
</ul><p>${t(v.lang, 'footer.about')}</p></div></footer>
</body>
</html>`.value}`;
}

/** Problems per form field, as shown next to each field. */
export type Problems = Record<string, { text: string; lang: Lang }>;

export function problemsFrom(lang: Lang, details: Array<{ field: string; code: string; nl: string; en: string }>, params: Record<string, string | number> = {}, rename: (field: string) => string = (f) => f): Problems {
  const out: Problems = {};
  for (const d of details) {
    const name = rename(d.field);
    if (!out[name]) out[name] = problemText(lang, d, params);
  }
  return out;
}

function idOf(name: string): string {
  return `f-${name.replace(/[^\w-]/g, '-')}`;
}

export function errorSummary(v: View, problems: Problems): Html {
  const entries = Object.entries(problems);
  if (!entries.length) return html``;
  return html`<div class="notice error" role="alert" aria-labelledby="fouten-titel">
    <h2 id="fouten-titel">${t(v.lang, 'form.errors_title')}</h2>
    <ul>${entries.map(([name, p]) => html`<li><a href="#${idOf(name)}" lang="${p.lang}">${p.text}</a></li>`)}</ul>
  </div>`;
}

interface FieldOptions {
  name: string;
  label: string;
  value?: string | null;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel' | 'number';
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  problems: Problems;
  min?: number;
  max?: number;
  inputmode?: string;
}

function described(name: string, hint: boolean, error: boolean): string {
  return [hint ? `${idOf(name)}-hint` : '', error ? `${idOf(name)}-error` : ''].filter(Boolean).join(' ');
}

function errorLine(name: string, problems: Problems): Html {
  const p = problems[name];
  return p ? html`<p class="error-text" id="${idOf(name)}-error" lang="${p.lang}"><span class="visually-hidden">!</span> ${p.text}</p>` : html``;
}

export function inputField(o: FieldOptions): Html {
  const error = Boolean(o.problems[o.name]);
  const by = described(o.name, Boolean(o.hint), error);
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="${idOf(o.name)}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${idOf(o.name)}-hint">${o.hint}</p>` : ''}
    ${errorLine(o.name, o.problems)}
    <input id="${idOf(o.name)}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? raw(` autocomplete="${o.autocomplete}"`) : ''}${o.required ? raw(' required') : ''}${by ? raw(` aria-describedby="${by}"`) : ''}${error ? raw(' aria-invalid="true"') : ''}${o.min !== undefined ? raw(` min="${o.min}"`) : ''}${o.max !== undefined ? raw(` max="${o.max}"`) : ''}${o.inputmode ? raw(` inputmode="${o.inputmode}"`) : ''}>
  </div>`;
}

export function selectField(o: { name: string; label: string; value?: string | null; options: Array<[string, string]>; hint?: string; problems: Problems; autosubmit?: boolean }): Html {
  const error = Boolean(o.problems[o.name]);
  const by = described(o.name, Boolean(o.hint), error);
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="${idOf(o.name)}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${idOf(o.name)}-hint">${o.hint}</p>` : ''}
    ${errorLine(o.name, o.problems)}
    <select id="${idOf(o.name)}" name="${o.name}"${by ? raw(` aria-describedby="${by}"`) : ''}${error ? raw(' aria-invalid="true"') : ''}${o.autosubmit ? raw(' data-autosubmit') : ''}>
      ${o.options.map(([value, label]) => html`<option value="${value}"${value === (o.value ?? '') ? raw(' selected') : ''}>${label}</option>`)}
    </select>
  </div>`;
}

/** A group of radio buttons or check boxes, with the error for the group next to its legend. */
export function choiceGroup(o: { name: string; legend: string; type: 'radio' | 'checkbox'; options: Array<{ value: string; label: string; hint?: string }>; checked: string[]; hint?: string; problems: Problems }): Html {
  const error = Boolean(o.problems[o.name]);
  const by = described(o.name, Boolean(o.hint), error);
  return html`<div class="field${error ? ' has-error' : ''}" id="${idOf(o.name)}" tabindex="-1">
    <fieldset${by ? raw(` aria-describedby="${by}"`) : ''}>
      <legend>${o.legend}</legend>
      ${o.hint ? html`<p class="hint" id="${idOf(o.name)}-hint">${o.hint}</p>` : ''}
      ${errorLine(o.name, o.problems)}
      ${o.options.map((opt, i) => html`<div class="choice">
        <input type="${o.type}" id="${idOf(o.name)}-${i}" name="${o.name}" value="${opt.value}"${o.checked.includes(opt.value) ? raw(' checked') : ''}${opt.hint ? raw(` aria-describedby="${idOf(o.name)}-${i}-hint"`) : ''}>
        <label for="${idOf(o.name)}-${i}">${opt.label}${opt.hint ? html`<span class="hint option-hint" id="${idOf(o.name)}-${i}-hint">${opt.hint}</span>` : ''}</label>
      </div>`)}
    </fieldset>
  </div>`;
}

export function textareaField(o: { name: string; label: string; value?: string | null; hint?: string; problems: Problems }): Html {
  const error = Boolean(o.problems[o.name]);
  const by = described(o.name, Boolean(o.hint), error);
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="${idOf(o.name)}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${idOf(o.name)}-hint">${o.hint}</p>` : ''}
    ${errorLine(o.name, o.problems)}
    <textarea id="${idOf(o.name)}" name="${o.name}" rows="4"${by ? raw(` aria-describedby="${by}"`) : ''}${error ? raw(' aria-invalid="true"') : ''}>${o.value ?? ''}</textarea>
  </div>`;
}

export function notice(kind: 'ok' | 'error' | 'info', text: string | Html): Html {
  return html`<div class="notice ${kind === 'info' ? '' : kind}" role="${kind === 'error' ? 'alert' : 'status'}">${typeof text === 'string' ? html`<p>${text}</p>` : text}</div>`;
}
