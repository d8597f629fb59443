/**
 * The compatibility report's shape and its check, apart from the check itself: the sidebar and
 * the options page only receive reports, and need none of the code that makes them.
 */
import type { FieldFinding } from '../channels/portal-form';
import type { PortalProfile, RequestFormField } from './profiles/index';

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
