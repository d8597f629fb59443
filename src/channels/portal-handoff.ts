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
import type { RequestFormProfile } from '../context/profiles/index';
import { classic } from '../context/profiles/classic';
import { requestFormsOf } from '../context/profiles/request-forms';
import type { DeliveryChannel, DeliveryResult } from '../outbox/channel';
import { blobOfDataUrl, dataUrlOfBlob } from '../data-url';
import { isPortalUrl } from '../portal-hosts';
import type { SupportRequest } from '../report/request';
import type { AttachmentRecord, OutboxItem } from '../store/records';
import { requestOfPayload } from './payload';
import type { FillReport } from './portal-form';
import { requestFormOf } from './portal-form';

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

/** The form for the request's situation, on the host the user was on when the generation matches (their session is there). */
export function requestFormTarget(request: SupportRequest): { url: string; form: RequestFormProfile } {
  const profile = profileFor(request.pageUrl) ?? classic;
  const form = requestFormOf(profile, request.loggedIn);
  const origin = profileFor(request.pageUrl) ? new URL(request.pageUrl).origin : requestFormsOf(profile.generation).origin;
  return { url: new URL(form.path, origin).href, form };
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

export function isFillReport(value: unknown): value is FillReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  const strings = (key: string) => Array.isArray(report[key]) && (report[key] as unknown[]).every((entry) => typeof entry === 'string');
  return strings('filled') && strings('missing') && strings('truncated') && strings('filesNotAttached');
}

/** The browser, as the handoff needs it. */
export interface HandoffPorts {
  /** Opens `url` in a new active tab next to `openerTabId` (when given); resolves with the new tab's id. */
  openTab(url: string, openerTabId: number | undefined): Promise<number>;
  /** Resolves once the tab shows a portal page, fully loaded (waitForPortalPage); rejects otherwise. */
  waitForLoad(tabId: number): Promise<void>;
  /** scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['extension/form-filler/index.js'] }). */
  injectFormFiller(tabId: number): Promise<void>;
  /** scripting.executeScript({ target, func: (handoff) => globalThis.chorusProFillForm(handoff), args: [handoff] }): the result. */
  callFormFiller(tabId: number, handoff: FormHandoff): Promise<unknown>;
}

export type HandoffFailure = 'tabNotOpened' | 'loadFailed' | 'injectionFailed' | 'unexpectedAnswer' | 'formNotFound';

export type HandoffResult =
  | { ok: true; tabId: number; report: FillReport }
  | { ok: false; reason: HandoffFailure; tabId?: number; report?: FillReport };

/**
 * Opens the form and fills it. `formNotFound` means the page loaded but no field of the form
 * was there: most often the login page, the session having expired; the tab stays open for
 * the user to log in, and the sidebar offers "copy everything".
 */
export async function handOffToPortal(
  ports: HandoffPorts,
  request: SupportRequest,
  files: TransferredFile[],
  openerTabId?: number,
): Promise<HandoffResult> {
  const { url, form } = requestFormTarget(request);
  let tabId: number;
  try {
    tabId = await ports.openTab(url, openerTabId);
  } catch {
    return { ok: false, reason: 'tabNotOpened' };
  }
  try {
    await ports.waitForLoad(tabId);
  } catch {
    return { ok: false, reason: 'loadFailed', tabId };
  }
  let answer: unknown;
  try {
    await ports.injectFormFiller(tabId);
    answer = await ports.callFormFiller(tabId, { form, request, files });
  } catch {
    return { ok: false, reason: 'injectionFailed', tabId };
  }
  if (!isFillReport(answer)) return { ok: false, reason: 'unexpectedAnswer', tabId };
  if (answer.filled.length === 0) return { ok: false, reason: 'formNotFound', tabId, report: answer };
  return { ok: true, tabId, report: answer };
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

/**
 * Resolves when the tab has finished loading a portal page. A new tab first shows about:blank
 * as "complete" in some browsers, hence the URL check. Listens before looking, so a load that
 * completes in between is not missed. Rejects when the tab closes, or after `timeoutMs`.
 */
export function waitForPortalPage(tabs: TabEventsLike, tabId: number, timeoutMs = FORM_LOAD_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const isLoaded = (tab: { status?: string | undefined; url?: string | undefined }) => tab.status === 'complete' && isPortalUrl(tab.url);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      tabs.onUpdated.removeListener(onUpdated);
      tabs.onRemoved.removeListener(onRemoved);
      if (error) reject(error);
      else resolve();
    };
    const onUpdated = (updatedId: number, _change: unknown, tab: { status?: string | undefined; url?: string | undefined }) => {
      if (updatedId === tabId && isLoaded(tab)) finish();
    };
    const onRemoved = (removedId: number) => {
      if (removedId === tabId) finish(new Error('the tab was closed'));
    };
    const timer = setTimeout(() => finish(new Error(`the page did not load within ${timeoutMs} ms`)), timeoutMs);
    tabs.onUpdated.addListener(onUpdated);
    tabs.onRemoved.addListener(onRemoved);
    tabs.get(tabId).then(
      (tab) => {
        if (isLoaded(tab)) finish();
      },
      () => finish(new Error('the tab is gone')),
    );
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
  { openerTabId, onHandoff }: { openerTabId?: number; onHandoff?: (itemId: string, result: HandoffResult) => void },
): DeliveryChannel {
  return {
    kind: 'portal',
    async deliver(item: OutboxItem, attachments: readonly AttachmentRecord[]): Promise<DeliveryResult> {
      const parsed = requestOfPayload(item.payload);
      if (!parsed.ok) return { ok: false, retryable: false, error: { kind: 'rejected', message: parsed.errors.map(({ field, code }) => `${field}: ${code}`).join(', ') } };
      const files = await Promise.all(attachments.map(transferOf));
      const result = await handOffToPortal(ports, parsed.request, files, openerTabId);
      onHandoff?.(item.id, result);
      return result.ok ? { ok: true, status: HANDED_TO_PORTAL } : { ok: false, retryable: false, error: { kind: 'unknown', message: result.reason } };
    },
  };
}
