/**
 * The bundled help knowledge base: short, plain-language answers for Chorus Pro users,
 * written from the portal's own "How to ask for help" page and the portal facts in
 * PRODUCT.md. Texts live per language in kb/fr.ts and kb/en.ts; what belongs to the portal
 * rather than to a language (its section names and error wordings, who can help) lives once
 * in kb/portal-facts.ts, because the portal's language need not be the extension's.
 */
import type { Locale } from '../i18n';
import { englishTexts } from './kb/en';
import { frenchTexts } from './kb/fr';
import { portalFacts } from './kb/portal-facts';

/** Every entry's id, in the order entries are listed; both languages have exactly these. */
export const HELP_ENTRY_IDS = [
  'login',
  'forgotten-password',
  'locked-account',
  'create-account',
  'contact-without-account',
  'required-field',
  'attachment-rules',
  'attach-screenshot',
  'invoice-rejected',
  'resubmit-after-rejection',
  'invoice-suspended',
  'recipient-not-active',
  'recipient-not-found',
  'service-code-or-commitment-required',
  'duplicate-invoice-number',
  'invoice-not-found',
  'follow-invoice',
  'invoice-not-paid',
  'send-request',
  'follow-request',
  'services-portal-tickets',
  'which-route',
  'what-support-needs',
  'claudia',
  'livechat',
  'supported-browsers',
  'clear-cache',
  'popups-blocked',
  'session-expired',
  'technical-error',
  'page-not-found',
  'edi-api-connections',
  'services-portal',
  'portal-version',
] as const;

export type HelpEntryId = (typeof HELP_ENTRY_IDS)[number];

/** Who can solve it: Chorus Pro support (technical use of the portal) or the recipient public body. */
export type HelpRoute = 'support' | 'client';

/** An entry's content in one language. */
export interface HelpEntryText {
  title: string;
  summary: string;
  /** What to try, as short imperative sentences. */
  steps: string[];
  /** Words a user might type for this topic, beyond those in the title and summary. */
  keywords: string[];
}

/** What an entry knows about the portal itself, the same whatever the language. */
export interface HelpEntryPortalFacts {
  /** Portal sections (menu entries, breadcrumb items, tabs), in French and English, where the entry applies. */
  sections?: string[];
  /** Lowercase words or phrases seen in the portal's error messages; matched whole-word, accents ignored. */
  errorPatterns?: string[];
  route?: HelpRoute;
}

export interface HelpEntry extends HelpEntryText, HelpEntryPortalFacts {
  id: HelpEntryId;
}

/** One language's texts: typed by id so that a missing or extra entry fails to compile. */
export type HelpTexts = Record<HelpEntryId, HelpEntryText>;

const textsByLocale: Record<Locale, HelpTexts> = { fr: frenchTexts, en: englishTexts };

/** The knowledge base in one language, in HELP_ENTRY_IDS order. */
export function helpEntries(locale: Locale): HelpEntry[] {
  const texts = textsByLocale[locale];
  return HELP_ENTRY_IDS.map((id) => ({ id, ...texts[id], ...portalFacts[id] }));
}
