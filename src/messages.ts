/**
 * The whole message protocol between the extension's contexts, named by receiver.
 * Every receiver validates the sender (see the `is…Sender` checks) and the shape
 * (`parse…Message`) before acting, and ignores anything else: a portal page can talk to a
 * content script's window, and other extensions can talk to ours.
 */
import { isBrowserFacts, isEnvironment, type BrowserFacts, type Environment } from './context/browser';
import { isPageReading, type PageReading } from './context/page-reading';
import { MAX_BYTES } from './capture/encode';
import type { FillReport } from './channels/portal-form';
import { isDiagnosticEntry, isDiagnosticList, type DiagnosticEntry } from './diagnostics/entry';
import { isPortalUrl } from './portal-hosts';
import type { FieldError } from './report/request';
import type { ChannelKind, DeliveryError, OutboxState } from './store/records';
import type { StorageErrorKind } from './store/errors';
import { parseDraftForm, type DraftForm } from './report/draft';
import { isTrailStep, type TrailStep } from './trail/step';

/** What the content script of a portal tab does when the background asks. */
export interface ContentApi {
  /** Starts loading the sidebar out of sight while the screenshot is taken (see SidebarHost.prepare). */
  'sidebar/prepare': { request: Record<never, never>; response: SidebarStatus };
  /** Shows the help sidebar (idempotent). */
  'sidebar/open': { request: Record<never, never>; response: SidebarStatus };
  'sidebar/close': { request: Record<never, never>; response: SidebarStatus };
  'sidebar/status': { request: Record<never, never>; response: SidebarStatus };
  /** Hides the sidebar (its state kept) and gives the page its full width, for a screenshot; answers once repainted. */
  'sidebar/hide': { request: Record<never, never>; response: SidebarStatus };
  /** Shows the hidden sidebar again. */
  'sidebar/show': { request: Record<never, never>; response: SidebarStatus };
}

/** What the background does for the sidebar frame of a tab, and for a portal tab's content script. */
export interface BackgroundApi {
  /** Sidebar: everything it shows on opening, for the tab it sits in. */
  'sidebar/load': { request: Record<never, never>; response: SidebarState };
  /** Sidebar: the user closed it from inside (close button, Escape). */
  'sidebar/close': { request: Record<never, never>; response: SidebarStatus };
  /** Content script: one more step of the path sequence of its tab. */
  'trail/record': { request: { step: TrailStep }; response: null };
  /** Content script (technical details switched on): a script error or failed request of its page. */
  'diagnostics/record': { request: { entry: DiagnosticEntry }; response: null };
  /** Sidebar: the reviewed request and its files, into the outbox, then delivered. */
  'request/send': { request: { send: SendRequest }; response: SendOutcome };
  /** Sidebar: requests sent (History) and those still waiting (outbox). */
  'requests/list': { request: Record<never, never>; response: RequestsOverview };
  /** Sidebar ("Retry now"): every waiting backend request is tried at once. */
  'requests/retry': { request: Record<never, never>; response: RequestsOverview };
  /**
   * Sidebar ("Page entière"): the whole page rendered in the tab, masked, in one or more images,
   * which the page hands to the sidebar itself (PagePart, with this token); the answer says how it ended.
   */
  'screenshot/page': { request: { handOver: string }; response: WholePageOutcome };
  /** Sidebar: how far the whole-page capture of its tab is (null when none runs). */
  'screenshot/progress': { request: Record<never, never>; response: ScreenshotProgress | null };
  /** Sidebar: stops the whole-page capture of its tab; true when one was running. */
  'screenshot/cancel': { request: Record<never, never>; response: boolean };
  /** Sidebar ("Reprendre"): the visible area again, the sidebar hidden meanwhile, masked. */
  'screenshot/retake': { request: Record<never, never>; response: ScreenshotOutcome };
  /** Sidebar (History opened): statuses asked again of the backend, stored, then the lists. */
  'requests/refresh': { request: Record<never, never>; response: RequestsOverview };
  /** Sidebar (History → Export): every request as a JSON document. */
  'requests/export': { request: Record<never, never>; response: HistoryExport };
  /** Sidebar (History → Erase, confirmed): requests sent are erased; those waiting stay. */
  'requests/erase': { request: Record<never, never>; response: RequestsOverview };
  /** Sidebar: the request form as typed, autosaved. */
  'draft/save': { request: { draft: DraftSave }; response: DraftSaveOutcome };
  /** Sidebar, on opening: the latest draft of its tab, or null. */
  'draft/latest': { request: Record<never, never>; response: DraftOpened | null };
  /** Sidebar (History → Drafts → Reopen): that draft, now the draft of this tab; null when gone. */
  'draft/open': { request: { id: string }; response: DraftOpened | null };
  /** Sidebar ("Discard draft"): deleted with its files. */
  'draft/discard': { request: { id: string }; response: null };
  /** Sidebar (History → Drafts): the drafts of closed tabs, newest first. */
  'drafts/list': { request: Record<never, never>; response: DraftSummary[] };
}

/** One image of a screenshot: the visible area, the whole page, or one of its parts. */
export interface ScreenshotImage {
  /** data: URL of the encoded image (masked). */
  dataUrl: string;
  /** Its attachment name, e.g. capture-page-2026-11-27-1430-2.png. */
  name: string;
  width: number;
  height: number;
}

/** Nothing replaced: the screenshot the sidebar shows is kept. `message` is for the console only. */
export type ScreenshotFailure = { status: 'failed'; reason: 'timeout' | 'cancelled' | 'too-large' | 'busy' | 'failed'; message: string };

export type ScreenshotOutcome = { status: 'done'; capturedAt: number; images: ScreenshotImage[] } | ScreenshotFailure;

/** "Page entière" as the background tells it: the images themselves came to the sidebar as PageParts. */
export type WholePageOutcome = { status: 'done'; capturedAt: number; parts: number } | ScreenshotFailure;

/**
 * One image of "Page entière", posted by the capture engine in the page (the content scripts'
 * world) into the sidebar's frame as soon as it is encoded: a Blob, not a data: URL through two
 * extension messages (27 MB of them took ~6 s in Chromium). The page's own scripts can post into
 * that frame too: only a part with the token the sidebar made for this capture is taken.
 */
export interface PagePart {
  type: 'page-part';
  token: string;
  /** 0, 1, 2… from the top of the page. */
  index: number;
  name: string;
  width: number;
  height: number;
  image: Blob;
}

const PART_KEYS = ['type', 'token', 'index', 'name', 'width', 'height', 'image'] as const;

export function parsePagePart(value: unknown, token: string): PagePart | null {
  if (!isPlainObject(value) || !hasKeys(value, PART_KEYS) || value['type'] !== 'page-part' || value['token'] !== token) return null;
  const { index, name, width, height, image } = value;
  if (!Number.isInteger(index) || (index as number) < 0 || typeof name !== 'string' || !isSide(width) || !isSide(height)) return null;
  if (!(image instanceof Blob) || !/^image\/(png|jpeg)$/.test(image.type) || image.size === 0 || image.size >= MAX_BYTES) return null;
  return { type: 'page-part', token, index: index as number, name, width, height, image };
}

const isSide = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export interface ScreenshotProgress {
  phase: 'cloning' | 'rendering' | 'encoding';
  /** 0–1. */
  progress: number;
  elapsedMs: number;
}

/** A file of a draft being saved: already stored (its id), or new (its bytes). */
export type DraftFileSave = { attachmentId: string } | { type: string; dataUrl: string };

export interface DraftSave {
  id: string;
  incidentId: string;
  form: DraftForm;
  /** The bytes of form.files, in the same order. */
  files: DraftFileSave[];
}

export type DraftSaveOutcome =
  | { status: 'saved'; savedAt: number; attachmentIds: string[] }
  | { status: 'failed'; reason: StorageErrorKind | 'unknown' };

/** A stored draft, files included, as the sidebar restores it. */
export interface DraftOpened {
  id: string;
  incidentId: string;
  updatedAt: number;
  form: DraftForm;
  files: { attachmentId: string; name: string; type: string; dataUrl: string }[];
}

export interface DraftSummary {
  id: string;
  title: string;
  updatedAt: number;
  files: number;
}

export interface HistoryExport {
  /** File name to save it under. */
  fileName: string;
  json: string;
}

/** A file as it crosses from the sidebar (Chrome's messages carry JSON only). */
export interface SentFile {
  name: string;
  type: string;
  dataUrl: string;
}

export interface SendRequest {
  channel: ChannelKind;
  /** A SupportRequest; the background checks it in full (parseSupportRequest). */
  request: Record<string, unknown>;
  files: SentFile[];
  /** The draft the request was written in: deleted once the request is in the outbox. */
  draftId?: string;
}

export type SendOutcome =
  | { status: 'invalid'; errors: FieldError[] }
  | { status: 'notConfigured' }
  /** The browser refused to store the request (storage full, database blocked…): nothing was kept or sent. */
  | { status: 'storageFailed'; reason: StorageErrorKind }
  | {
      status: OutboxState;
      outboxId: string;
      reference?: string;
      error?: DeliveryError;
      /** Portal form: what was filled and what the user must complete by hand. */
      handoff?: FillReport;
    };

export interface RequestSummary {
  id: string;
  title: string;
  channel: ChannelKind;
  route: string;
  /** History: the channel's status words; outbox: the delivery state. */
  status: string;
  at: number;
  reference?: string;
  error?: DeliveryError;
  overdue?: boolean;
}

export interface RequestsOverview {
  waiting: RequestSummary[];
  sent: RequestSummary[];
}

export type ContentMessage = { [K in keyof ContentApi]: { type: K } & ContentApi[K]['request'] }[keyof ContentApi];
export type BackgroundMessage = { [K in keyof BackgroundApi]: { type: K } & BackgroundApi[K]['request'] }[keyof BackgroundApi];

/** The port a sidebar opens to follow its tab's path sequence and technical details live (named SIDEBAR_PORT). */
export const SIDEBAR_PORT = 'sidebar/trail';
export type SidebarPortMessage =
  | { type: 'trail/changed'; trail: TrailStep[] }
  | { type: 'diagnostics/changed'; diagnostics: DiagnosticEntry[] }
  /** The toolbar click's screenshot, masked (null: none could be taken), for a sidebar that loaded before it. */
  | { type: 'capture/changed'; capture: Capture | null };

export function parseSidebarPortMessage(value: unknown): SidebarPortMessage | null {
  if (!isPlainObject(value)) return null;
  if (value['type'] === 'trail/changed' && hasKeys(value, ['type', 'trail']) && isTrail(value['trail'])) return { type: 'trail/changed', trail: value['trail'] };
  if (value['type'] === 'diagnostics/changed' && hasKeys(value, ['type', 'diagnostics']) && isDiagnosticList(value['diagnostics'])) {
    return { type: 'diagnostics/changed', diagnostics: value['diagnostics'] };
  }
  if (value['type'] === 'capture/changed' && hasKeys(value, ['type', 'capture']) && (value['capture'] === null || isCapture(value['capture']))) {
    return { type: 'capture/changed', capture: value['capture'] };
  }
  return null;
}

export interface SidebarStatus {
  open: boolean;
}

export function isSidebarStatus(value: unknown): value is SidebarStatus {
  return typeof value === 'object' && value !== null && typeof (value as SidebarStatus).open === 'boolean';
}

/** A screenshot of the visible part of the tab, taken at the toolbar click. */
export interface Capture {
  /** data: URL of the encoded image. */
  dataUrl: string;
  capturedAt: number;
}

export interface SidebarState {
  /** The tab the sidebar sits in. */
  tabId: number;
  page: { url: string; title: string };
  /** null when the browser refused the screenshot (the sidebar says so and opens anyway), or while it is pending. */
  capture: Capture | null;
  /** The toolbar click's screenshot is still being masked: it follows on the port (`capture/changed`). */
  capturePending: boolean;
  /** null when the page could not be read (the sidebar still opens). */
  reading: PageReading | null;
  trail: TrailStep[];
  /** Script errors and failed requests of the tab; empty unless switched on in the options. */
  diagnostics: DiagnosticEntry[];
  browser: BrowserFacts;
  environment: Environment;
}

export function isCapture(value: unknown): value is Capture {
  if (typeof value !== 'object' || value === null) return false;
  const { dataUrl, capturedAt } = value as Record<string, unknown>;
  return typeof dataUrl === 'string' && /^data:image\/(png|jpeg);base64,/.test(dataUrl) && typeof capturedAt === 'number';
}

export function isSidebarState(value: unknown): value is SidebarState {
  if (typeof value !== 'object' || value === null) return false;
  const { tabId, page, capture, capturePending, reading, trail, diagnostics, browser, environment } = value as Record<string, unknown>;
  if (typeof tabId !== 'number' || typeof page !== 'object' || page === null) return false;
  const { url, title } = page as Record<string, unknown>;
  return (
    typeof url === 'string' &&
    typeof title === 'string' &&
    (capture === null || isCapture(capture)) &&
    typeof capturePending === 'boolean' &&
    (reading === null || isPageReading(reading)) &&
    isTrail(trail) &&
    isDiagnosticList(diagnostics) &&
    isBrowserFacts(browser) &&
    isEnvironment(environment)
  );
}

const SCREENSHOT_FAILURES: ReadonlySet<unknown> = new Set(['timeout', 'cancelled', 'too-large', 'busy', 'failed']);

function isScreenshotImage(value: unknown): value is ScreenshotImage {
  if (!isPlainObject(value)) return false;
  const { dataUrl, name, width, height } = value;
  return typeof dataUrl === 'string' && /^data:image\/(png|jpeg);base64,/.test(dataUrl) && typeof name === 'string' && typeof width === 'number' && typeof height === 'number';
}

const isScreenshotFailure = (value: Record<string, unknown>): boolean =>
  value['status'] === 'failed' && SCREENSHOT_FAILURES.has(value['reason']) && typeof value['message'] === 'string';

export function isScreenshotOutcome(value: unknown): value is ScreenshotOutcome {
  if (!isPlainObject(value)) return false;
  if (value['status'] === 'done') return typeof value['capturedAt'] === 'number' && Array.isArray(value['images']) && value['images'].length > 0 && value['images'].every(isScreenshotImage);
  return isScreenshotFailure(value);
}

export function isWholePageOutcome(value: unknown): value is WholePageOutcome {
  if (!isPlainObject(value)) return false;
  if (value['status'] === 'done') return typeof value['capturedAt'] === 'number' && isSide(value['parts']);
  return isScreenshotFailure(value);
}

export function isScreenshotProgress(value: unknown): value is ScreenshotProgress | null {
  if (value === null) return true;
  return isPlainObject(value) && typeof value['phase'] === 'string' && typeof value['progress'] === 'number' && typeof value['elapsedMs'] === 'number';
}

export function isTrail(value: unknown): value is TrailStep[] {
  return Array.isArray(value) && value.every(isTrailStep);
}

const CONTENT_TYPES: ReadonlySet<string> = new Set<keyof ContentApi>(['sidebar/prepare', 'sidebar/open', 'sidebar/close', 'sidebar/status', 'sidebar/hide', 'sidebar/show']);

/** The sidebar's token for one "Page entière": crypto.randomUUID(). */
const isHandOverToken = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

// Realm-agnostic: Firefox may hand over messages as objects of another global.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';
}

/** Exactly these keys, no more: nothing can ride along. */
function hasKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

export function parseContentMessage(value: unknown): ContentMessage | null {
  if (!isPlainObject(value) || !hasKeys(value, ['type']) || typeof value['type'] !== 'string' || !CONTENT_TYPES.has(value['type'])) return null;
  return { type: value['type'] } as ContentMessage;
}

export function parseBackgroundMessage(value: unknown): BackgroundMessage | null {
  if (!isPlainObject(value)) return null;
  switch (value['type']) {
    case 'sidebar/load':
    case 'sidebar/close':
    case 'requests/list':
    case 'requests/retry':
    case 'screenshot/progress':
    case 'screenshot/cancel':
    case 'screenshot/retake':
    case 'requests/refresh':
    case 'requests/export':
    case 'requests/erase':
    case 'draft/latest':
    case 'drafts/list':
      return hasKeys(value, ['type']) ? { type: value['type'] } : null;
    case 'screenshot/page':
      return hasKeys(value, ['type', 'handOver']) && isHandOverToken(value['handOver']) ? { type: 'screenshot/page', handOver: value['handOver'] } : null;
    case 'draft/save':
      return hasKeys(value, ['type', 'draft']) && isDraftSave(value['draft']) ? { type: 'draft/save', draft: value['draft'] } : null;
    case 'draft/open':
    case 'draft/discard':
      return hasKeys(value, ['type', 'id']) && isId(value['id']) ? { type: value['type'], id: value['id'] } : null;
    case 'request/send':
      return hasKeys(value, ['type', 'send']) && isSendRequest(value['send']) ? { type: 'request/send', send: value['send'] } : null;
    case 'trail/record':
      return hasKeys(value, ['type', 'step']) && isTrailStep(value['step']) ? { type: 'trail/record', step: value['step'] } : null;
    case 'diagnostics/record':
      return hasKeys(value, ['type', 'entry']) && isDiagnosticEntry(value['entry']) ? { type: 'diagnostics/record', entry: value['entry'] } : null;
    default:
      return null;
  }
}

const MAX_FILES = 10;
// A file under the portal's 10 MB, as a base64 data: URL.
const MAX_DATA_URL_LENGTH = 14_000_000;

function isSentFile(value: unknown): value is SentFile {
  if (!isPlainObject(value) || !hasKeys(value, ['name', 'type', 'dataUrl'])) return false;
  const { name, type, dataUrl } = value;
  return (
    typeof name === 'string' && name.length <= 200 && typeof type === 'string' && type.length <= 100 && typeof dataUrl === 'string' && dataUrl.length <= MAX_DATA_URL_LENGTH
  );
}

function isSendRequest(value: unknown): value is SendRequest {
  if (!isPlainObject(value)) return false;
  const withDraft = hasKeys(value, ['channel', 'request', 'files', 'draftId']);
  if (!withDraft && !hasKeys(value, ['channel', 'request', 'files'])) return false;
  const { channel, request, files } = value;
  return (
    (channel === 'portal' || channel === 'backend') &&
    isPlainObject(request) &&
    Array.isArray(files) &&
    files.length <= MAX_FILES &&
    files.every(isSentFile) &&
    (!withDraft || isId(value['draftId']))
  );
}

/** Draft and attachment ids: UUIDs made by the extension, bounded anyway. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(value);
}

function isDraftFileSave(value: unknown): value is DraftFileSave {
  if (!isPlainObject(value)) return false;
  if (hasKeys(value, ['attachmentId'])) return isId(value['attachmentId']);
  return (
    hasKeys(value, ['type', 'dataUrl']) &&
    typeof value['type'] === 'string' &&
    value['type'].length <= 100 &&
    typeof value['dataUrl'] === 'string' &&
    value['dataUrl'].length <= MAX_DATA_URL_LENGTH
  );
}

function isDraftSave(value: unknown): value is DraftSave {
  if (!isPlainObject(value) || !hasKeys(value, ['id', 'incidentId', 'form', 'files'])) return false;
  const { id, incidentId, form, files } = value;
  const parsed = parseDraftForm(form);
  return (
    isId(id) &&
    typeof incidentId === 'string' &&
    incidentId.length <= 200 &&
    parsed !== null &&
    Array.isArray(files) &&
    files.length === parsed.files.length &&
    files.every(isDraftFileSave)
  );
}

/** The part of runtime.MessageSender the checks read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/** Content scripts obey only their own extension's background, which is in no tab. */
export function isBackgroundSender(sender: SenderInfo, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined;
}

/**
 * The sidebar is our own page, framed (never top-level) in a portal tab.
 * `sidebarUrl` is runtime.getURL of the sidebar page.
 */
export function isSidebarSender(sender: SenderInfo, extensionId: string, sidebarUrl: string): sender is SenderInfo & { tab: { id: number } } {
  return (
    sender.id === extensionId &&
    typeof sender.url === 'string' &&
    sender.url.split(/[?#]/)[0] === sidebarUrl &&
    typeof sender.tab?.id === 'number' &&
    sender.frameId !== 0 &&
    isPortalUrl(sender.tab.url)
  );
}

/** Our content script, in the top frame of a portal tab (the path is recorded there only). */
export function isPortalContentSender(sender: SenderInfo, extensionId: string): sender is SenderInfo & { tab: { id: number } } {
  return sender.id === extensionId && sender.frameId === 0 && typeof sender.tab?.id === 'number' && isPortalUrl(sender.url) && isPortalUrl(sender.tab.url);
}
