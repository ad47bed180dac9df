// Safe HTML from template literals: every interpolated value is escaped unless it is already markup.
const MARK = Symbol('html');

export interface Html {
  readonly [MARK]: true;
  readonly value: string;
}

export function raw(value: string): Html {
  return { [MARK]: true, value };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return p.map(render).join('');
  if (typeof p === 'object' && MARK in p) return (p as Html).value;
  return escapeHtml(String(p));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += render(v) + (strings[i + 1] ?? '')));
  return raw(out);
}
