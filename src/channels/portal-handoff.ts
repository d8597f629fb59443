/**
 * The portal form channel, background side: open the portal's request form for the user's
 * situation in a new tab beside the one the request came from (the error page and its
 * sidebar stay as they were), wait for it to load, inject the form filler and hand it the
 * request with its files. The browser is reached through ports, so this runs in unit tests
 * with fakes; extension/background wires them to tabs and scripting.
 *
 * Files cross to the page as data: URLs because scripting.executeScript passes its arguments
 * as JSON in Chrome; the page rebuilds them as File objects (fileOfTransfer).
 */
import { profileFor } from '../context/profiles/index';
import type { PortalProfile, RequestFormProfile } from '../context/profiles/index';
import { classic } from '../context/profiles/classic';
import { withFormOverride, type PortalDataOverride } from '../context/profiles/overrides';
import { requestFormsOf } from '../context/profiles/request-forms';
import type { DeliveryChannel, DeliveryResult } from '../outbox/channel';
import { blobOfDataUrl, dataUrlOfBlob } from '../data-url';
import { isPortalUrl } from '../portal-hosts';
import type { SupportRequest } from '../report/request';
import type { AttachmentRecord, OutboxItem } from '../store/records';
import { isFillReport } from './fill-report';
import { requestOfPayload } from './payload';
import type { FillReport } from './portal-form';
import { formNotFoundReport, requestFormOf } from './portal-form';
import { isRouteAnswer } from './portal-route';

export interface TransferredFile {
  name: string;
  type: string;
  /** data:<type>;base64,<bytes> */
  dataUrl: string;
}

/** The one argument of the form filler in the page (extension/form-filler). JSON only. */
export interface FormHandoff {
  form: RequestFormProfile;
  request: SupportRequest;
  files: TransferredFile[];
}

/** The status History shows for a request the portal form took over. */
export const HANDED_TO_PORTAL = 'handedToPortal';

/** How long the form's tab may take to load before the handoff gives up. */
export const FORM_LOAD_TIMEOUT_MS = 30_000;

/** The portal generation a request goes to: the one of the page it was written on, the classic one otherwise. */
export function generationOf(request: Pick<SupportRequest, 'pageUrl'>): PortalProfile['generation'] {
  return (profileFor(request.pageUrl) ?? classic).generation;
}

/**
 * The form for the request's situation, on the host the user was on when the generation
 * matches (their session is there): the address opened first, and the contact page, where
 * the user lands when the form cannot be found.
 */
export function requestFormTarget(request: SupportRequest, portalData: PortalDataOverride | null = null): { url: string; contactUrl: string; form: RequestFormProfile } {
  const profile = profileFor(request.pageUrl) ?? classic;
  const form = withFormOverride(requestFormOf(profile, request.loggedIn), portalData);
  const forms = requestFormsOf(profile.generation);
  const origin = profileFor(request.pageUrl) ? new URL(request.pageUrl).origin : forms.origin;
  return { url: new URL(form.path, origin).href, contactUrl: new URL(forms.contactPath, origin).href, form };
}

export async function transferOf(file: { name: string; type: string; blob: Blob }): Promise<TransferredFile> {
  return { name: file.name, type: file.type, dataUrl: await dataUrlOfBlob(file.blob) };
}

/** The page side: a transferred file as a File again, for the form's file input. */
export function fileOfTransfer({ name, type, dataUrl }: TransferredFile): File {
  const blob = blobOfDataUrl(dataUrl);
  if (!blob) throw new Error(`not a data: URL for ${name}`);
  return new File([blob], name, { type });
}

/** The browser, as the handoff needs it. */
export interface HandoffPorts {
  /** Opens `url` in a new active tab next to `openerTabId` (when given); resolves with the new tab's id. */
  openTab(url: string, openerTabId: number | undefined): Promise<number>;
  /** Resolves once the tab shows a portal page, fully loaded (waitForPortalPage); rejects otherwise. */
  waitForLoad(tabId: number): Promise<void>;
  /** Loads `url` in the tab; resolves once that page has loaded (loadInTab). */
  navigate(tabId: number, url: string): Promise<void>;
  /** scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['extension/form-filler/index.js'] }). */
  injectFormFiller(tabId: number): Promise<void>;
  /** scripting.executeScript({ target, func: (handoff) => globalThis.chorusProFillForm(handoff), args: [handoff] }): the result. */
  callFormFiller(tabId: number, handoff: FormHandoff): Promise<unknown>;
}

export type HandoffFailure = 'tabNotOpened' | 'loadFailed' | 'injectionFailed' | 'unexpectedAnswer' | 'formNotFound';

export type HandoffResult =
  | { ok: true; tabId: number; report: FillReport }
  | { ok: false; reason: HandoffFailure; tabId?: number; report?: FillReport };

/** The most pages the route to a form may go through: a route longer than this is lost. */
export const MAX_ROUTE_PAGES = 6;

/**
 * Opens the form and fills it, following its route from page to page where it has one. When
 * the form cannot be found (the portal changed, or the session expired and the login page
 * shows), the tab is taken to the portal's contact page, an address that exists, and the
 * result is `formNotFound` with an empty report: the sidebar then offers the request field by
 * field, to copy.
 */
export async function handOffToPortal(
  ports: HandoffPorts,
  request: SupportRequest,
  files: TransferredFile[],
  openerTabId?: number,
  portalData: PortalDataOverride | null = null,
): Promise<HandoffResult> {
  const { url, contactUrl, form } = requestFormTarget(request, portalData);
  let tabId: number;
  try {
    tabId = await ports.openTab(url, openerTabId);
  } catch {
    return { ok: false, reason: 'tabNotOpened' };
  }
  let at = url;
  try {
    await ports.waitForLoad(tabId);
  } catch {
    return { ok: false, reason: 'loadFailed', tabId };
  }
  for (let page = 0; page < MAX_ROUTE_PAGES; page++) {
    let answer: unknown;
    try {
      await ports.injectFormFiller(tabId);
      answer = await ports.callFormFiller(tabId, { form, request, files });
    } catch {
      return { ok: false, reason: 'injectionFailed', tabId };
    }
    if (!isRouteAnswer(answer, isFillReport)) return { ok: false, reason: 'unexpectedAnswer', tabId };
    if (answer.kind === 'filled') {
      return answer.report.filled.length > 0 ? { ok: true, tabId, report: answer.report } : { ok: false, reason: 'formNotFound', tabId, report: answer.report };
    }
    // A link off the portal is never followed, whatever the page says.
    if (answer.kind === 'lost' || !isPortalUrl(answer.url) || new URL(answer.url).origin !== new URL(url).origin) break;
    try {
      await ports.navigate(tabId, answer.url);
    } catch {
      return { ok: false, reason: 'loadFailed', tabId };
    }
    at = answer.url;
  }
  if (at !== contactUrl) await ports.navigate(tabId, contactUrl).catch(() => undefined);
  return { ok: false, reason: 'formNotFound', tabId, report: formNotFoundReport() };
}

/** The subset of the tabs API that waitForPortalPage listens to. */
export interface TabEventsLike {
  get(tabId: number): Promise<{ status?: string | undefined; url?: string | undefined }>;
  onUpdated: {
    addListener(listener: (tabId: number, change: { status?: string | undefined }, tab: { status?: string | undefined; url?: string | undefined }) => void): void;
    removeListener(listener: (tabId: number, change: { status?: string | undefined }, tab: { status?: string | undefined; url?: string | undefined }) => void): void;
  };
  onRemoved: {
    addListener(listener: (tabId: number) => void): void;
    removeListener(listener: (tabId: number) => void): void;
  };
}

type TabState = { status?: string | undefined; url?: string | undefined };

/**
 * Resolves once `done` says so for an update of the tab; rejects when the tab closes, when
 * `start` fails, or after `timeoutMs`. Listens before `start` looks or acts, so an update in
 * between is not missed.
 */
function untilTab(
  tabs: TabEventsLike,
  tabId: number,
  timeoutMs: number,
  done: (change: { status?: string | undefined }, tab: TabState) => boolean,
  start: (finish: (error?: Error) => void) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      tabs.onUpdated.removeListener(onUpdated);
      tabs.onRemoved.removeListener(onRemoved);
      if (error) reject(error);
      else resolve();
    };
    const onUpdated = (updatedId: number, change: { status?: string | undefined }, tab: TabState) => {
      if (updatedId === tabId && done(change, tab)) finish();
    };
    const onRemoved = (removedId: number) => {
      if (removedId === tabId) finish(new Error('the tab was closed'));
    };
    const timer = setTimeout(() => finish(new Error(`the page did not load within ${timeoutMs} ms`)), timeoutMs);
    tabs.onUpdated.addListener(onUpdated);
    tabs.onRemoved.addListener(onRemoved);
    start(finish);
  });
}

const isLoadedPortalPage = (tab: TabState) => tab.status === 'complete' && isPortalUrl(tab.url);

/**
 * Resolves when the tab has finished loading a portal page. A new tab first shows about:blank
 * as "complete" in some browsers, hence the URL check. Rejects when the tab closes, or after
 * `timeoutMs`.
 */
export function waitForPortalPage(tabs: TabEventsLike, tabId: number, timeoutMs = FORM_LOAD_TIMEOUT_MS): Promise<void> {
  return untilTab(tabs, tabId, timeoutMs, (_change, tab) => isLoadedPortalPage(tab), (finish) =>
    tabs.get(tabId).then(
      (tab) => {
        if (isLoadedPortalPage(tab)) finish();
      },
      () => finish(new Error('the tab is gone')),
    ),
  );
}

/**
 * Loads `url` in the tab and resolves once that load is complete on a portal page. The tab
 * still shows the previous page as "complete" until the new load starts: only a completion
 * after a "loading" counts. Rejects when the tab closes, or after `timeoutMs`.
 */
export function loadInTab(tabs: TabEventsLike & { update(tabId: number, change: { url: string }): Promise<unknown> }, tabId: number, url: string, timeoutMs = FORM_LOAD_TIMEOUT_MS): Promise<void> {
  let loading = false;
  const done = (change: { status?: string | undefined }, tab: TabState) => {
    if (change.status === 'loading') loading = true;
    else if (loading && change.status === 'complete' && isPortalUrl(tab.url)) return true;
    return false;
  };
  return untilTab(tabs, tabId, timeoutMs, done, (finish) => {
    tabs.update(tabId, { url }).catch(() => finish(new Error('the tab could not load the page')));
  });
}

/**
 * The portal form as an outbox channel, made for one "Continue on Chorus Pro" click: the item
 * is stored first like any request, then handed to the portal; on success the outbox moves it
 * to History with the status HANDED_TO_PORTAL. A failure is not retried by itself (it needs
 * the user, who can retry from the outbox). `onHandoff` receives every result, for the sidebar
 * to say which fields are missing.
 */
export function createPortalChannel(
  ports: HandoffPorts,
  {
    openerTabId,
    onHandoff,
    portalData = async () => null,
  }: {
    openerTabId?: number;
    onHandoff?: (itemId: string, result: HandoffResult) => void;
    /** The administrator's override of the portal data, read when the request is handed over. */
    portalData?: () => Promise<PortalDataOverride | null>;
  },
): DeliveryChannel {
  return {
    kind: 'portal',
    async deliver(item: OutboxItem, attachments: readonly AttachmentRecord[]): Promise<DeliveryResult> {
      const parsed = requestOfPayload(item.payload);
      if (!parsed.ok) return { ok: false, retryable: false, error: { kind: 'rejected', message: parsed.errors.map(({ field, code }) => `${field}: ${code}`).join(', ') } };
      const files = await Promise.all(attachments.map(transferOf));
      const result = await handOffToPortal(ports, parsed.request, files, openerTabId, await portalData());
      onHandoff?.(item.id, result);
      return result.ok ? { ok: true, status: HANDED_TO_PORTAL } : { ok: false, retryable: false, error: { kind: 'unknown', message: result.reason } };
    },
  };
}
