/**
 * The request form's pre-fill, and what turns the form back into a SupportRequest. Pure: the
 * sidebar passes what it loaded (SidebarState), the user's local profile, the "What we
 * captured" items the user removed, and the i18n layer; everything here is unit-tested.
 *
 * The category is suggested from the help's patterns, and each suggestion can be explained to
 * the user ("suggested because the error message mentions « code service »"): the error
 * messages first (they say most about the problem), then the page's section, then whether an
 * error was shown at all.
 */
import { redactCaptured, withoutQuery } from './redact';
import type { Translate } from '../i18n';
import type { SidebarState } from '../context/sidebar-state';
import { attachmentProblems, MAX_ATTACHMENTS_TOTAL_BYTES } from './attachments';
import { capturedItems, type CapturedItem } from './captured-items';
import { portalFacts as helpPortalFacts } from '../help/kb/portal-facts';
import { bestPatternMatch, compilePatterns, paddedWords, type PatternIndex } from '../help/patterns';
import { categoryOfSubCategory, findCategory, findSubCategory, routeOf } from './categories';
import { renderRequestText } from './render-text';
import { ROUTING, type Route, type SubCategoryId } from './routing';
import { REQUEST_LIMITS } from './request-limits';
import { SCHEMA_VERSION, type AttachmentMeta, type OtherIdentifierType, type PageIdentifier, type SupportRequest } from './request';
import type { Profile } from './profile';
import { isStructureIdentifierType, normalizeSiret } from './siret';
import { emailProblem, phoneProblem, siretFieldProblem, structureIdentifierFieldProblem, type ProblemCode } from './validators';

export { EMPTY_PROFILE, type Profile } from './profile';

/** Why a category was suggested: a message key and its substitutions. */
export interface SuggestionReason {
  key: string;
  substitutions: string[];
}

export interface CategorySuggestion {
  category: string;
  subCategory: string;
  route: Route;
  reason: SuggestionReason;
}

/** The fields the user edits in the form; strings as typed. */
export interface RequestFields {
  category: string;
  subCategory: string;
  issuer: string;
  name: string;
  connectionId: string;
  phone: string;
  email: string;
  /** Which identifier the structure has: a SIRET, or another type the portal accepts (STRUCTURE_IDENTIFIER_TYPES). */
  identifierType: string;
  /** The structure's identifier of that type (named siret, the usual case). */
  siret: string;
  /** The invoice the request is about: one of those detected, or typed; '' for none. */
  invoiceNumber: string;
  title: string;
  /** The user's own words; the captured facts are added after it (render-text.ts). */
  description: string;
}

/** What comes from the capture rather than from typing, after the user's removals. */
export interface CapturedFacts {
  loggedIn: boolean;
  /** Invoice numbers found on the page, kept by the user. */
  invoiceNumbers: string[];
  /** SIRETs, engagement numbers and service codes found on the page, kept by the user. */
  identifiers: PageIdentifier[];
  pathSteps: string[];
  errors: string[];
  /** Technical details as "label — details" lines (empty unless switched on). */
  diagnostics: string[];
  browser: string;
  portalVersion: string;
  pageUrl: string;
  /** ISO 8601 */
  capturedAt: string;
}

export interface Prefill {
  fields: RequestFields;
  facts: CapturedFacts;
  suggestion: CategorySuggestion;
}

/** Sections of the portal where invoices are submitted: an error there is about a submission. */
const INVOICE_SECTIONS = ['factures emises', 'issued invoices', 'deposer', 'saisir facture'];

let helpPatterns: PatternIndex | undefined;

function suggestion(subCategory: SubCategoryId, reason: SuggestionReason): CategorySuggestion {
  return { category: categoryOfSubCategory(subCategory)?.id ?? '', subCategory, route: ROUTING[subCategory].route, reason };
}

/**
 * The category and sub-category the page and its errors suggest, with why. The errors, then
 * the page's section, are matched against the help entries' patterns (the portal's messages):
 * the best entry's sub-category is suggested, the same topic the help ranks first.
 */
export function suggestCategory(errors: readonly string[], section: readonly string[]): CategorySuggestion {
  helpPatterns ??= compilePatterns(helpPortalFacts);
  const fromErrors = bestPatternMatch(helpPatterns, errors.join('\n'));
  if (fromErrors) {
    return suggestion(helpPortalFacts[fromErrors.id].subCategory, { key: 'requestSuggestedFromError', substitutions: [fromErrors.pattern] });
  }
  const sectionText = section.join(' › ');
  const fromSection = bestPatternMatch(helpPatterns, sectionText);
  if (fromSection) {
    return suggestion(helpPortalFacts[fromSection.id].subCategory, { key: 'requestSuggestedFromSection', substitutions: [sectionText] });
  }
  const folded = paddedWords(sectionText);
  if (errors.length > 0 && INVOICE_SECTIONS.some((name) => folded.includes(` ${name} `))) {
    return suggestion('depot-facture', { key: 'requestSuggestedFromSection', substitutions: [sectionText] });
  }
  if (errors.length > 0) return suggestion('message-erreur', { key: 'requestSuggestedFromAnyError', substitutions: [] });
  return suggestion('autre', { key: 'requestSuggestedDefault', substitutions: [] });
}

/** Cut to `max` with an ellipsis, never through a number: its first digits alone would mislead (a SIRET cut short is no SIRET). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  return `${(/\d/.test(text[max - 1]!) ? kept.replace(/\d+$/, '') : kept).trimEnd()}…`;
}

/** The kept "What we captured" items, as the request's captured facts. */
export function factsFromItems(state: SidebarState, items: readonly CapturedItem[]): CapturedFacts {
  const of = (group: string) => items.filter((item) => item.group === group);
  const one = (id: string) => items.find((item) => item.id === id)?.value ?? '';
  const user = state.reading?.facts.user;
  const invoiceNumbers = of('invoices')
    .filter((item) => !item.identifier)
    .map((item) => clip(item.value, REQUEST_LIMITS.invoiceNumber));
  const redact = (text: string) => redactCaptured(text, { ownConnectionId: user?.connectionId, invoiceNumbers });
  return {
    loggedIn: Boolean(user && (user.name || user.connectionId || user.email)),
    invoiceNumbers,
    identifiers: of('invoices').flatMap((item) => (item.identifier ? [item.identifier] : [])).slice(0, REQUEST_LIMITS.identifiers),
    // Numbered again when rendered: the kept steps are renumbered without gaps.
    pathSteps: of('path').map((item) => clip(redact(item.value), REQUEST_LIMITS.step)).slice(-REQUEST_LIMITS.steps),
    errors: of('errors').map((item) => clip(redact(item.value), REQUEST_LIMITS.error)).slice(0, REQUEST_LIMITS.errors),
    diagnostics: of('technical').map((item) => clip(redact(`${item.label} — ${item.value}`), REQUEST_LIMITS.diagnostic)).slice(-REQUEST_LIMITS.diagnostics),
    browser: one('browser:browser'),
    portalVersion: one('page:version'),
    pageUrl: redact(withoutQuery(one('page:url'))),
    capturedAt: new Date(state.capture?.capturedAt ?? Date.now()).toISOString(),
  };
}

export interface PrefillOptions {
  t: Translate;
  formatTime: (epochMs: number) => string;
  /** Ids of the "What we captured" items the user removed. */
  removed?: ReadonlySet<string>;
}

/** The kept captured items of a state, in the order the sidebar lists them. */
export function keptItems(state: SidebarState, { t, formatTime, removed }: PrefillOptions): CapturedItem[] {
  return capturedItems(state, t, formatTime).filter((item) => !removed?.has(item.id));
}

/** A draft of the request from what was captured and the local profile. */
export function buildPrefill(state: SidebarState, profile: Profile, options: PrefillOptions): Prefill {
  const { t } = options;
  const items = keptItems(state, options);
  const facts = factsFromItems(state, items);
  const one = (id: string) => items.find((item) => item.id === id)?.value ?? '';
  const section = state.reading?.facts.section ?? [];
  const suggested = suggestCategory(facts.errors, section);
  const invoiceNumber = facts.invoiceNumbers[0] ?? '';
  const firstError = facts.errors[0] ?? '';
  const page = redactCaptured(one('page:title') || state.page.title, { ownConnectionId: state.reading?.facts.user?.connectionId, invoiceNumbers: facts.invoiceNumbers });

  const title = clip(
    invoiceNumber && firstError
      ? t('requestDraftTitleInvoiceError', [invoiceNumber, firstError])
      : firstError
        ? t('requestDraftTitleError', [firstError])
        : invoiceNumber
          ? t('requestDraftTitleInvoice', [invoiceNumber])
          : t('requestDraftTitlePage', [page]),
    Math.min(REQUEST_LIMITS.title, 140),
  );
  const description = firstError ? t('requestDraftDescriptionError', [page, firstError]) : t('requestDraftDescription', [page]);

  return {
    fields: {
      category: suggested.category,
      subCategory: suggested.subCategory,
      issuer: profile.issuer,
      name: profile.name || one('account:name'),
      connectionId: profile.connectionId || one('account:connectionId'),
      phone: profile.phone,
      email: profile.email || one('account:email'),
      identifierType: 'siret',
      siret: profile.siret,
      invoiceNumber,
      title,
      description,
    },
    facts,
    suggestion: suggested,
  };
}

/** Field names of the form, as the sidebar's inputs and the problems below name them. */
export type FieldName = keyof RequestFields | 'attachments' | 'browser' | 'pageUrl';

export interface AttachmentDraft {
  name: string;
  size: number;
  type: string;
}

/** The problem of each field in the form; fields without a problem are absent. */
export function fieldProblems(fields: RequestFields, facts: CapturedFacts, attachments: readonly AttachmentDraft[], t: Translate): Partial<Record<FieldName, ProblemCode>> {
  const problems: Partial<Record<FieldName, ProblemCode>> = {};
  const route = routeOf(fields.category, fields.subCategory);
  const short = (name: keyof RequestFields, max: number = REQUEST_LIMITS.shortText) => {
    if (fields[name].length > max) problems[name] = 'tooLong';
    else if (/\p{Cc}/u.test(fields[name])) problems[name] = 'format';
  };

  if (fields.category === '') problems.category = 'required';
  else if (!findCategory(fields.category)) problems.category = 'category.unknown';
  else if (fields.subCategory === '') problems.subCategory = 'required';
  else if (!findSubCategory(fields.category, fields.subCategory)) problems.subCategory = 'subCategory.unknown';

  short('issuer');
  short('name');
  short('connectionId');
  const email = emailProblem(fields.email);
  if (email) problems.email = email;

  // Without an account (nobody shown as logged in), support can only answer with a SIRET and contact details.
  const phoneRequired = !facts.loggedIn;
  if (fields.phone.trim() !== '' || phoneRequired) {
    const phone = fields.phone.length > REQUEST_LIMITS.phone ? 'tooLong' : phoneProblem(fields.phone);
    if (phone) problems.phone = phone;
  }
  if (!facts.loggedIn && fields.name.trim() === '') problems.name = 'required';
  if (!isStructureIdentifierType(fields.identifierType)) problems.identifierType = 'format';
  else if (fields.siret.trim() !== '' || !facts.loggedIn) {
    const siret = structureIdentifierFieldProblem(fields.identifierType, fields.siret);
    if (siret) problems.siret = siret;
  }

  // A request to the public body is about one invoice: it needs its number.
  if (route === 'client' && fields.invoiceNumber.trim() === '') problems.invoiceNumber = 'required';
  else short('invoiceNumber', REQUEST_LIMITS.invoiceNumber);

  if (fields.title.trim() === '') problems.title = 'required';
  else short('title', REQUEST_LIMITS.title);

  if (fields.description.trim() === '') problems.description = 'required';
  else if (/[^\P{Cc}\n\r\t]/u.test(fields.description)) problems.description = 'format';
  else if (fullDescription(fields, facts, attachments, t).length > REQUEST_LIMITS.description) problems.description = 'tooLong';

  if (facts.browser.trim() === '') problems.browser = 'required';
  if (facts.pageUrl.trim() === '') problems.pageUrl = 'required';

  const attachment = attachmentListProblem(attachments);
  if (attachment) problems.attachments = attachment;
  return problems;
}

/** The first problem of the attachment list as a whole or of one of its files. */
export function attachmentListProblem(attachments: readonly AttachmentDraft[]): ProblemCode | null {
  if (attachments.length > REQUEST_LIMITS.attachments) return 'tooMany';
  const names = new Set<string>();
  for (const file of attachments) {
    const problem = attachmentProblems(file)[0];
    if (problem) return problem;
    if (names.has(file.name)) return 'duplicate';
    names.add(file.name);
  }
  return attachments.reduce((total, file) => total + file.size, 0) > MAX_ATTACHMENTS_TOTAL_BYTES ? 'files.tooLarge' : null;
}

/** The request exactly as it will be sent (before parseSupportRequest checks it). */
export function toSupportRequest(fields: RequestFields, facts: CapturedFacts, attachments: readonly AttachmentMeta[], t: Translate): SupportRequest {
  const route = routeOf(fields.category, fields.subCategory) ?? 'support';
  const trimmed = (value: string) => value.trim();
  const bySiret = fields.identifierType === 'siret';
  const siret = bySiret ? normalizeSiret(fields.siret) : '';
  const other = !bySiret && isStructureIdentifierType(fields.identifierType) && trimmed(fields.siret) ? { type: fields.identifierType as OtherIdentifierType, value: trimmed(fields.siret) } : null;
  const invoiceNumber = trimmed(fields.invoiceNumber);
  // The invoice the request is about first, then the others the page showed.
  const invoiceNumbers = [...new Set([invoiceNumber, ...facts.invoiceNumbers].filter(Boolean))].slice(0, REQUEST_LIMITS.invoiceNumbers);
  const request: SupportRequest = {
    schemaVersion: SCHEMA_VERSION,
    route,
    category: fields.category,
    subCategory: fields.subCategory,
    ...(trimmed(fields.issuer) && { issuer: trimmed(fields.issuer) }),
    contact: {
      ...(trimmed(fields.name) && { name: trimmed(fields.name) }),
      ...(trimmed(fields.connectionId) && { connectionId: trimmed(fields.connectionId) }),
      email: trimmed(fields.email),
      ...(trimmed(fields.phone) && { phone: trimmed(fields.phone) }),
      ...(siret && { siret }),
      ...(other && { structureIdentifier: other }),
    },
    loggedIn: facts.loggedIn,
    invoiceNumbers,
    ...(facts.identifiers.length > 0 && { identifiers: facts.identifiers }),
    title: trimmed(fields.title),
    description: '',
    pathSteps: facts.pathSteps,
    errors: facts.errors,
    ...(facts.diagnostics.length > 0 && { diagnostics: facts.diagnostics }),
    browser: facts.browser,
    ...(facts.portalVersion && { portalVersion: facts.portalVersion }),
    pageUrl: facts.pageUrl,
    capturedAt: facts.capturedAt,
    attachments: [...attachments],
  };
  // The description that goes: the user's words, then the facts block support asks for.
  request.description = renderRequestText({ ...request, description: fields.description }, t);
  return request;
}

function fullDescription(fields: RequestFields, facts: CapturedFacts, attachments: readonly AttachmentDraft[], t: Translate): string {
  const metas = attachments.map((file) => ({ ...file, sha256: '0'.repeat(64) }));
  return toSupportRequest(fields, facts, metas, t).description;
}

/** The profile's problems, as the options page shows them: every field is optional, and checked when filled. */
export function profileProblems(profile: Profile): Partial<Record<keyof Profile, ProblemCode>> {
  const problems: Partial<Record<keyof Profile, ProblemCode>> = {};
  for (const key of Object.keys(profile) as (keyof Profile)[]) {
    if (profile[key].length > REQUEST_LIMITS.shortText) problems[key] = 'tooLong';
    else if (/\p{Cc}/u.test(profile[key])) problems[key] = 'format';
  }
  const check = (key: keyof Profile, problem: (value: string) => ProblemCode | null) => {
    if (!problems[key] && profile[key].trim() !== '') {
      const code = problem(profile[key]);
      if (code) problems[key] = code;
    }
  };
  check('email', emailProblem);
  check('phone', (value) => (value.length > REQUEST_LIMITS.phone ? 'tooLong' : phoneProblem(value)));
  check('siret', siretFieldProblem);
  return problems;
}
