/**
 * One i18n layer for every context: a lookup by message key with positional substitutions
 * ($1…$9), exactly as `browser.i18n.getMessage` behaves over public/_locales. Code in src/
 * receives a Translate function instead of calling the browser, so it stays unit-testable.
 */
export type Translate = (key: string, substitutions?: readonly string[]) => string;

export type Locale = 'fr' | 'en';

/** The locale the extension UI runs in: French unless the browser UI language is English. */
export function localeOf(uiLanguage: string): Locale {
  return uiLanguage.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
