// Workspace languages: Dutch first, English second. Each page module keeps its own small catalogue made with
// `catalogue`, so that the English one must have every Dutch key (typechecked) and modules do not share one big file.
import { en, nl, type Key } from './messages.ts';

export const WORKSPACE_LANGS = ['nl', 'en'] as const;
export type WLang = (typeof WORKSPACE_LANGS)[number];

export function isWLang(x: unknown): x is WLang {
  return x === 'nl' || x === 'en';
}

export type Translate<K extends string> = (lang: WLang, key: K, params?: Record<string, string | number>) => string;

export function catalogue<const N extends Record<string, string>>(dutch: N, english: Record<keyof N, string>): Translate<keyof N & string> {
  return (lang, key, params = {}) => {
    const text = (lang === 'nl' ? dutch[key] : english[key]) as string;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  };
}

/** The frame's own texts (menu, login, errors). */
export const t: Translate<Key> = catalogue(nl, en);

/** A message from the domain (Dutch and English) in the page's language. */
export function say(lang: WLang, m: { nl: string; en: string }): string {
  return lang === 'nl' ? m.nl : m.en;
}
