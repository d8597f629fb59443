/**
 * "What we captured": every fact the extension gathered for the request, as one flat list
 * the user reviews item by item (and can remove) before anything is sent.
 */
import { describeBrowser } from '../context/browser';
import { sanitizePortalUrl } from '../context/page-facts';
import { diagnosticDetails, diagnosticLabel } from '../diagnostics/render';
import type { Translate } from '../i18n';
import type { SidebarState } from '../context/sidebar-state';
import { renderTrail } from '../trail/render';
import type { PageIdentifier } from './request';

export type CapturedGroup = 'page' | 'path' | 'errors' | 'technical' | 'invoices' | 'account' | 'browser';

export const CAPTURED_GROUPS: readonly CapturedGroup[] = ['errors', 'path', 'technical', 'invoices', 'account', 'page', 'browser'];

export interface CapturedItem {
  /** Stable within one capture, for removal. */
  id: string;
  group: CapturedGroup;
  label: string;
  value: string;
  /** Set on SIRETs, engagement numbers and service codes: what the request carries of them. */
  identifier?: PageIdentifier;
}

export function capturedItems(state: SidebarState, t: Translate, formatTime: (epochMs: number) => string): CapturedItem[] {
  const items: CapturedItem[] = [];
  const add = (group: CapturedGroup, id: string, label: string, value: string | null | undefined, identifier?: PageIdentifier) => {
    if (value) items.push({ id: `${group}:${id}`, group, label, value, ...(identifier && { identifier }) });
  };
  const facts = state.reading?.facts;

  facts?.errors.forEach((error, i) => add('errors', String(i), error.field ?? t('capturedError'), error.text));
  renderTrail(state.trail, t, formatTime).forEach((line, i) => add('path', String(i), t('capturedStep', [String(i + 1)]), line.replace(/^\d+\.\s*/, '')));
  state.diagnostics.forEach((entry, i) => add('technical', String(i), diagnosticLabel(entry, t), diagnosticDetails(entry, t, formatTime)));
  facts?.invoiceNumbers.forEach((number, i) => add('invoices', String(i), t('capturedInvoiceNumber'), number));
  facts?.sirets.forEach(({ siret, label, role }, i) =>
    add('invoices', `siret${i}`, label ?? 'SIRET', siret, { kind: 'siret', value: siret, ...(role && { role }), ...(label && { label }) }),
  );
  facts?.references.forEach(({ kind, value, label }, i) => add('invoices', `${kind}${i}`, label, value, { kind, value, label }));

  add('account', 'connectionId', t('capturedConnectionId'), facts?.user?.connectionId);
  add('account', 'name', t('capturedUserName'), facts?.user?.name);
  add('account', 'email', t('capturedUserEmail'), facts?.user?.email);

  add('page', 'title', t('sidebarPageTitle'), state.page.title);
  add('page', 'url', t('sidebarPageUrl'), sanitizePortalUrl(state.page.url) || state.page.url);
  add('page', 'section', t('capturedSection'), facts?.section.join(' › '));
  add('page', 'version', t('capturedPortalVersion'), facts?.portalVersion);

  const reading = state.reading;
  add('browser', 'browser', t('sidebarBrowser'), describeBrowser(state.browser));
  add('browser', 'language', t('capturedUiLanguage'), state.environment.uiLanguage);
  if (reading) {
    add('browser', 'viewport', t('capturedViewport'), `${reading.viewport.width} × ${reading.viewport.height}`);
    add('browser', 'screen', t('capturedScreen'), `${reading.screen.width} × ${reading.screen.height}`);
    add('browser', 'pixelRatio', t('capturedPixelRatio'), String(reading.devicePixelRatio));
  }
  add('browser', 'zoom', t('capturedZoom'), state.environment.zoomPercent === null ? null : `${state.environment.zoomPercent} %`);
  add('browser', 'timeZone', t('capturedTimeZone'), state.environment.timeZone);
  add('browser', 'extension', t('capturedExtensionVersion'), state.environment.extensionVersion);
  return items;
}
