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
import { ROUTING, type Route, type SubCategoryId } from '../report/routing';
import { englishTexts } from './kb/en';
import { frenchTexts } from './kb/fr';
import { portalFacts } from './kb/portal-facts';

/** Every entry's id, in the order entries are listed; both languages have exactly these. */
export const HELP_ENTRY_IDS = [
  'login',
  'forgotten-password',
  'locked-account',
  'create-account',
  'activation-link',
  'authentication-factor',
  'contact-without-account',
  'required-field',
  'attachment-rules',
  'attach-screenshot',
  'invoice-rejected',
  'resubmit-after-rejection',
  'invoice-to-recycle',
  'invoice-suspended',
  'recipient-not-active',
  'recipient-not-found',
  'service-code-or-commitment-required',
  'duplicate-invoice-number',
  'invoice-file-format',
  'supplier-siret-closed',
  'non-siret-identifiers',
  'structure-membership',
  'space-not-visible',
  'invoice-not-found',
  'follow-invoice',
  'invoice-not-paid',
  'late-payment',
  'works-invoices',
  'justice-fees',
  'e-invoicing-reform',
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
  'edi-flow-rejected',
  'services-portal',
  'portal-version',
] as const;

export type HelpEntryId = (typeof HELP_ENTRY_IDS)[number];

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
  /**
   * The portal's messages the entry answers: lowercase, matched whole-word with accents
   * ignored; "…" (PATTERN_GAP, patterns.ts) stands for a variable part of up to a few words.
   */
  patterns?: string[];
  /** The request sub-category of the topic; its route is the entry's. */
  subCategory: SubCategoryId;
  /** Ids of docs/portal-facts.md the entry's text relies on. */
  facts: string[];
}

export interface HelpEntry extends HelpEntryText, HelpEntryPortalFacts {
  id: HelpEntryId;
  /** Who can solve it: Chorus Pro support, or the public body that processes the invoice. */
  route: Route;
}

/** One language's texts: typed by id so that a missing or extra entry fails to compile. */
export type HelpTexts = Record<HelpEntryId, HelpEntryText>;

const textsByLocale: Record<Locale, HelpTexts> = { fr: frenchTexts, en: englishTexts };

/** The knowledge base in one language, in HELP_ENTRY_IDS order. */
export function helpEntries(locale: Locale): HelpEntry[] {
  const texts = textsByLocale[locale];
  return HELP_ENTRY_IDS.map((id) => ({ id, ...texts[id], ...portalFacts[id], route: ROUTING[portalFacts[id].subCategory].route }));
}
