import { findErrorMessages } from './errors';
import type { ErrorMessage } from './errors';
import { findInvoiceNumbers } from './invoices';
import { listOf, pathListsOf, profileFor, selectorsOf, versionPatternsOf } from './profiles/index';
import type { PathLists, PortalProfile } from './profiles/index';
import { withProfileOverride, type PortalDataOverride } from './profiles/overrides';
import { findReferences } from './references';
import type { FoundReference } from './references';
import { findSirets } from './sirets';
import type { FoundSiret } from './sirets';
import { capLength, foldWhitespace, labelledValues, labelPattern, visibleNodes, visibleText } from './text';
import { isVisible } from './visibility';

export interface PortalUser {
  name?: string;
  connectionId?: string;
  email?: string;
}

/** What support needs to know about the page the user is on. */
export interface PageFacts {
  generation: PortalProfile['generation'] | null;
  /** Where the page is in the portal: breadcrumb, else active menu entry and tab. */
  section: string[];
  title: string;
  heading: string | null;
  /** As the footer shows it, e.g. "V2.0.1 - R13". */
  portalVersion: string | null;
  /** The connected user as the page displays it (never read from inputs). */
  user: PortalUser | null;
  errors: ErrorMessage[];
  invoiceNumbers: string[];
  sirets: FoundSiret[];
  /** Engagement numbers and service codes shown on the page. */
  references: FoundReference[];
}

const MAX_TEXT_LENGTH = 200;
const BREADCRUMB_SEPARATORS = /^[\s>›»/|]+|[\s>›»/|]+$/g;
const HOME = /^(?:accueil|home)$/i;
const EMAIL = /[^\s@()<>,;:]+@[^\s@()<>,;:]+\.[a-z]{2,}/i;

export function firstVisible(doc: Document, selector: string): Element | undefined {
  return [...doc.querySelectorAll(selector)].find(isVisible);
}

function breadcrumbItems(breadcrumb: Element): string[] {
  const items = breadcrumb.querySelectorAll('li');
  const texts = items.length ? [...items].filter(isVisible).map(visibleText) : visibleText(breadcrumb).split(/\s[>›»/|]\s/);
  const names = texts.map((text) => text.replace(BREADCRUMB_SEPARATORS, '')).filter(Boolean);
  // The home link starts every breadcrumb and says nothing about where the user is.
  return HOME.test(names[0] ?? '') ? names.slice(1) : names;
}

/** Where the page is in the portal: its breadcrumb, else its active menu entries and tab. */
export function sectionOf(doc: Document, lists: Pick<PathLists, 'breadcrumbSelectors' | 'activeMenuSelectors'>): string[] {
  const breadcrumb = firstVisible(doc, lists.breadcrumbSelectors.join(', '));
  const items = breadcrumb ? breadcrumbItems(breadcrumb) : [];
  if (items.length === 0) {
    const active = [...doc.querySelectorAll(lists.activeMenuSelectors.join(', '))].filter(isVisible);
    items.push(...active.map(visibleText).filter(Boolean));
  }
  return [...new Set(items.map((item) => capLength(item, MAX_TEXT_LENGTH)))];
}

function versionOf(doc: Document, profile: PortalProfile | null): string | null {
  const texts = [...doc.querySelectorAll(selectorsOf(profile, 'versionSelectors'))].map((el) => el.textContent ?? '');
  texts.push(doc.body.textContent ?? '');
  for (const text of texts) {
    for (const pattern of versionPatternsOf(profile)) {
      const version = pattern.exec(text)?.[0];
      if (version) return version.replace(/\s*-\s*/, ' - ');
    }
  }
  return null;
}

function userOf(doc: Document, profile: PortalProfile | null, nodes: readonly Node[]): PortalUser | null {
  const nameLabel = labelPattern(listOf(profile, 'userNameLabels'));
  const shown = firstVisible(doc, selectorsOf(profile, 'userSelectors'));
  // The user element may carry its own label: "Connecté en tant que Jean Dupont".
  let name = shown ? visibleText(shown).replace(nameLabel, '').replace(/^[\s:：]+/, '') : labelledValues(doc.body, nameLabel, nodes)[0]?.value;
  const connectionId = labelledValues(doc.body, labelPattern(listOf(profile, 'connectionIdLabels')), nodes)[0]?.value;
  const email = EMAIL.exec(name ?? '')?.[0] ?? EMAIL.exec(connectionId ?? '')?.[0];
  // "Jean Dupont (jean.dupont@exemple.fr)": the email is reported on its own.
  if (name && email) name = foldWhitespace(name.replace(email, '').replace(/[()<>[\]]/g, '')).replace(/[\s,;:-]+$/, '');
  const user: PortalUser = {};
  if (name) user.name = capLength(name, MAX_TEXT_LENGTH);
  if (connectionId) user.connectionId = capLength(connectionId, MAX_TEXT_LENGTH);
  if (email) user.email = email;
  return Object.keys(user).length ? user : null;
}

/** Everything the extractors read from a portal page, with the administrator's portal data when there is one. */
export function readPageFacts(doc: Document, url: string, portalData: PortalDataOverride | null = null): PageFacts {
  const builtIn = profileFor(url);
  const profile = builtIn && withProfileOverride(builtIn, portalData);
  const heading = firstVisible(doc, 'h1');
  // The page's visible text walked once for every extractor: each text node's style is read as
  // it is walked, which a Firefox content script pays across its wrappers.
  const nodes = visibleNodes(doc.body);
  return {
    generation: profile?.generation ?? null,
    section: sectionOf(doc, pathListsOf(profile)),
    title: capLength(foldWhitespace(doc.title), MAX_TEXT_LENGTH),
    heading: heading ? capLength(visibleText(heading), MAX_TEXT_LENGTH) || null : null,
    portalVersion: versionOf(doc, profile),
    user: userOf(doc, profile, nodes),
    errors: findErrorMessages(doc, profile),
    invoiceNumbers: findInvoiceNumbers(doc, url, profile, nodes),
    sirets: findSirets(doc, profile, nodes),
    references: findReferences(doc, nodes),
  };
}

const KEPT_QUERY_KEYS = new Set(['id', 'execution', 'lang']);

/**
 * The URL without what could identify someone: origin and path, and query values only for
 * the keys that name a page (`id`, `execution`, `lang`); other values become "…".
 */
export function sanitizePortalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  const query = [...parsed.searchParams].map(
    ([key, value]) => `${encodeURIComponent(key)}=${KEPT_QUERY_KEYS.has(key) ? encodeURIComponent(value) : '…'}`,
  );
  return `${parsed.origin}${parsed.pathname}${query.length ? `?${query.join('&')}` : ''}`;
}
