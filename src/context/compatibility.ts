/**
 * "Compatibility with this page": for the portal page in a tab, which of the profile's
 * detectors and which request form fields are found, with the portal data in effect (built-in,
 * or an administrator's override). A user pastes it into a ticket when something is not
 * picked up. Privacy: only selector names, counts and how a field was found; never a text or
 * a value of the page.
 */
import { findFormFields, type FieldFinding } from '../channels/portal-form';
import type { Translate } from '../i18n';
import { sanitizePortalUrl } from './page-facts';
import { profileFor, type PortalProfile, type RequestFormField } from './profiles/index';
import { withFormOverride, withProfileOverride, type PortalDataOverride } from './profiles/overrides';
import { requestFormsOf } from './profiles/request-forms';

/** The detectors shown, in this order: the profile lists that are selectors or ids. */
export const CHECKED_LISTS = [
  'errorContainers',
  'fieldErrors',
  'breadcrumbSelectors',
  'activeMenuSelectors',
  'versionSelectors',
  'userSelectors',
  'invoiceNumberIds',
  'sensitiveFields',
] as const;
export type CheckedList = (typeof CHECKED_LISTS)[number];

export interface SelectorCount {
  selector: string;
  count: number;
}

export interface FormCheck {
  id: string;
  formElement: boolean;
  fields: Partial<Record<RequestFormField, FieldFinding>>;
}

export interface CompatibilityReport {
  /** The page's address without what could identify someone (sanitizePortalUrl). */
  page: string;
  generation: PortalProfile['generation'] | null;
  /** The administrator's revision in effect, '' for the built-in data only. */
  revision: string;
  lists: Partial<Record<CheckedList, SelectorCount[]>>;
  /** The request forms of the generation that show on this page (two fields or more). */
  forms: FormCheck[];
}

function countOf(doc: Document, list: CheckedList, selector: string): number {
  if (list === 'invoiceNumberIds') return doc.getElementById(selector) ? 1 : 0;
  try {
    return doc.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

/** The report of `doc`, served at `url`, under `portalData` (null: the built-in data). */
export function checkCompatibility(doc: Document, url: string, portalData: PortalDataOverride | null): CompatibilityReport {
  const builtIn = profileFor(url);
  const report: CompatibilityReport = { page: sanitizePortalUrl(url), generation: builtIn?.generation ?? null, revision: portalData?.revision ?? '', lists: {}, forms: [] };
  if (!builtIn) return report;
  const profile = withProfileOverride(builtIn, portalData);
  for (const list of CHECKED_LISTS) report.lists[list] = profile[list].map((selector) => ({ selector, count: countOf(doc, list, selector) }));
  const forms = requestFormsOf(profile.generation);
  for (const form of [forms.loggedIn, forms.visitor].map((each) => withFormOverride(each, portalData))) {
    const found = findFormFields(doc, form);
    const seen = Object.entries(found.fields).filter(([name, finding]) => name !== 'attachments' && finding.by !== null).length;
    if (seen >= 2) report.forms.push({ id: form.id, ...found });
  }
  return report;
}

const LIST_LABEL_KEYS: Record<CheckedList, string> = {
  errorContainers: 'compatibilityErrorContainers',
  fieldErrors: 'compatibilityFieldErrors',
  breadcrumbSelectors: 'compatibilityBreadcrumb',
  activeMenuSelectors: 'compatibilityActiveMenu',
  versionSelectors: 'compatibilityVersion',
  userSelectors: 'compatibilityUser',
  invoiceNumberIds: 'compatibilityInvoiceNumberIds',
  sensitiveFields: 'compatibilityMasking',
};

/** The report as plain text, in the user's language, to copy into a ticket. */
export function renderCompatibility(report: CompatibilityReport, t: Translate, extensionVersion: string): string {
  const lines = [
    t('compatibilityHeading'),
    `${t('compatibilityPage')} ${report.page}`,
    `${t('compatibilityProfile')} ${report.generation ?? t('compatibilityNoProfile')}`,
    `${t('compatibilityData')} ${extensionVersion}${report.revision ? ` + ${t('compatibilityRevision', [report.revision])}` : ''}`,
  ];
  if (!report.generation) return lines.join('\n');
  for (const list of CHECKED_LISTS) {
    const counts = report.lists[list] ?? [];
    const matched = counts.filter(({ count }) => count > 0);
    lines.push('', `${t(LIST_LABEL_KEYS[list])} ${t('compatibilityMatched', [String(matched.length), String(counts.length)])}`);
    for (const { selector, count } of matched) lines.push(`  ${selector} × ${count}`);
  }
  lines.push('');
  if (report.forms.length === 0) lines.push(t('compatibilityNoForm'));
  for (const form of report.forms) {
    lines.push(`${t('compatibilityForm')} ${form.id}${form.formElement ? '' : ` (${t('compatibilityFormElementMissing')})`}`);
    for (const [name, finding] of Object.entries(form.fields) as [RequestFormField, FieldFinding][]) {
      const how = finding.by === 'selector' ? t('compatibilityBySelector') : finding.by === 'label' ? t('compatibilityByLabel') : t('compatibilityNotFound');
      lines.push(`  ${name}: ${how}${finding.widget ? ` (${t('compatibilityWidget')})` : ''}`);
    }
  }
  return lines.join('\n');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCounts = (value: unknown) =>
  Array.isArray(value) && value.every((item) => isRecord(item) && typeof item['selector'] === 'string' && typeof item['count'] === 'number');
const isFinding = (value: unknown) => isRecord(value) && (value['by'] === 'selector' || value['by'] === 'label' || value['by'] === null) && typeof value['widget'] === 'boolean';

/** A report as it comes back from the page: checked, the page's scripts could have meddled with it. */
export function isCompatibilityReport(value: unknown): value is CompatibilityReport {
  if (!isRecord(value)) return false;
  const { page, generation, revision, lists, forms } = value;
  return (
    typeof page === 'string' &&
    (generation === null || generation === 'classic' || generation === 'services') &&
    typeof revision === 'string' &&
    isRecord(lists) &&
    Object.entries(lists).every(([key, counts]) => (CHECKED_LISTS as readonly string[]).includes(key) && isCounts(counts)) &&
    Array.isArray(forms) &&
    forms.every((form) => isRecord(form) && typeof form['id'] === 'string' && typeof form['formElement'] === 'boolean' && isRecord(form['fields']) && Object.values(form['fields']).every(isFinding))
  );
}
