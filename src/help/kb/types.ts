/**
 * The knowledge base's ids and shapes, apart from the texts and facts that use them
 * (kb/fr.ts, kb/en.ts, kb/portal-facts.ts) and from knowledge-base.ts that gathers those.
 */
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
