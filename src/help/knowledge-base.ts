/**
 * The bundled help knowledge base: short, plain-language answers for Chorus Pro users,
 * written from the portal's public documentation (each entry names its facts, listed with
 * their sources in docs/portal-facts.md). Texts live per language in kb/fr.ts and kb/en.ts;
 * what belongs to the portal rather than to a language (its section names and messages, the
 * request sub-category) lives once in kb/portal-facts.ts, because the portal's language need
 * not be the extension's. An entry's route comes from its sub-category (report/routing.ts),
 * so the help and the request always send the user to the same place.
 */
import type { Locale } from '../i18n';
import { ROUTING } from '../report/routing';
import { englishTexts } from './kb/en';
import { frenchTexts } from './kb/fr';
import { portalFacts } from './kb/portal-facts';
import { HELP_ENTRY_IDS, type HelpEntry, type HelpTexts } from './kb/types';

export { HELP_ENTRY_IDS } from './kb/types';
export type { HelpEntry, HelpEntryId } from './kb/types';

const textsByLocale: Record<Locale, HelpTexts> = { fr: frenchTexts, en: englishTexts };

/** The knowledge base in one language, in HELP_ENTRY_IDS order. */
export function helpEntries(locale: Locale): HelpEntry[] {
  const texts = textsByLocale[locale];
  return HELP_ENTRY_IDS.map((id) => ({ id, ...texts[id], ...portalFacts[id], route: ROUTING[portalFacts[id].subCategory].route }));
}
