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
import { profileFor, type RequestFormField } from './profiles/index';
import { withFormOverride, withProfileOverride, type PortalDataOverride } from './profiles/overrides';
import { requestFormsOf } from './profiles/request-forms';
import { CHECKED_LISTS, type CheckedList, type CompatibilityReport } from './compatibility-report';

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
