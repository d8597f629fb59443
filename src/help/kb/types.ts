/**
 * The knowledge base's ids and shapes, apart from the texts and facts that use them
 * (kb/fr.ts, kb/en.ts, kb/portal-facts.ts) and from knowledge-base.ts that gathers those.
 */
import type { Route, SubCategoryId } from '../../report/routing';

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
