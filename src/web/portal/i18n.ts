// The portal's languages and message catalogues: Dutch is the source; every other language has every key (typechecked).
import type { FieldProblem } from '../../domain/errors.ts';
import { ar } from './messages/ar.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { nl } from './messages/nl.ts';

export type Key = keyof typeof nl;
export type Catalogue = Record<Key, string>;
export const LANGS = ['nl', 'en', 'fr', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGUES: Record<Lang, Catalogue> = { nl, en, fr, ar };

export const LANGUAGE_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English', fr: 'Français', ar: 'العربية' };

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

export function dir(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** One message, with {name} placeholders filled in. */
export function t(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  const text = CATALOGUES[lang][key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/**
 * A problem found by the domain (which speaks Dutch and English) in the page's language: the catalogue has the
 * common ones by code; others fall back to English for French and Arabic readers.
 */
export function problemText(lang: Lang, p: Pick<FieldProblem, 'code' | 'nl' | 'en'>, params: Record<string, string | number> = {}): { text: string; lang: Lang } {
  const key = `error.${p.code}` as Key;
  if (Object.hasOwn(nl, key)) return { text: t(lang, key, params), lang };
  if (lang === 'nl') return { text: p.nl, lang: 'nl' };
  return { text: p.en, lang: 'en' };
}

/** Text from rule sets and other data that carry Dutch and English only. */
export function dataText(lang: Lang, text: { nl: string; en: string }): { text: string; lang: Lang } {
  return lang === 'nl' ? { text: text.nl, lang: 'nl' } : { text: text.en, lang: 'en' };
}
