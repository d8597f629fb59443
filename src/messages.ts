/**
 * The whole message protocol between the extension's contexts, named by receiver.
 * Every receiver validates the sender (see the `is…Sender` checks) and the shape
 * (`parse…Message`) before acting, and ignores anything else: a portal page can talk to a
 * content script's window, and other extensions can talk to ours.
 */
import { isBrowserFacts, type BrowserFacts } from './context/browser';
import { isPortalUrl } from './portal-hosts';

/** What the content script of a portal tab does when the background asks. */
export interface ContentApi {
  /** Opens the help sidebar (idempotent). */
  'sidebar/open': { request: Record<never, never>; response: SidebarStatus };
  'sidebar/close': { request: Record<never, never>; response: SidebarStatus };
  'sidebar/status': { request: Record<never, never>; response: SidebarStatus };
}

/** What the background does for the sidebar frame of a tab. */
export interface BackgroundApi {
  /** Everything the sidebar shows on opening, for the tab it sits in. */
  'sidebar/load': { request: Record<never, never>; response: SidebarState };
  /** The user closed the sidebar from inside it (close button, Escape). */
  'sidebar/close': { request: Record<never, never>; response: SidebarStatus };
}

export type ContentMessage = { [K in keyof ContentApi]: { type: K } & ContentApi[K]['request'] }[keyof ContentApi];
export type BackgroundMessage = { [K in keyof BackgroundApi]: { type: K } & BackgroundApi[K]['request'] }[keyof BackgroundApi];

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
  page: { url: string; title: string };
  /** null when the browser refused the screenshot (the sidebar says so and opens anyway). */
  capture: Capture | null;
  browser: BrowserFacts;
}

export function isCapture(value: unknown): value is Capture {
  if (typeof value !== 'object' || value === null) return false;
  const { dataUrl, capturedAt } = value as Record<string, unknown>;
  return typeof dataUrl === 'string' && /^data:image\/(png|jpeg);base64,/.test(dataUrl) && typeof capturedAt === 'number';
}

export function isSidebarState(value: unknown): value is SidebarState {
  if (typeof value !== 'object' || value === null) return false;
  const { page, capture, browser } = value as Record<string, unknown>;
  if (typeof page !== 'object' || page === null) return false;
  const { url, title } = page as Record<string, unknown>;
  return typeof url === 'string' && typeof title === 'string' && (capture === null || isCapture(capture)) && isBrowserFacts(browser);
}

const CONTENT_TYPES: ReadonlySet<string> = new Set<keyof ContentApi>(['sidebar/open', 'sidebar/close', 'sidebar/status']);
const BACKGROUND_TYPES: ReadonlySet<string> = new Set<keyof BackgroundApi>(['sidebar/load', 'sidebar/close']);

/** A message with only a known `type` and nothing else: today's messages carry no payload. */
function parseBare<M>(value: unknown, types: ReadonlySet<string>): M | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const type = (value as { type?: unknown }).type;
  if (keys.length !== 1 || typeof type !== 'string' || !types.has(type)) return null;
  return { type } as M;
}

export function parseContentMessage(value: unknown): ContentMessage | null {
  return parseBare<ContentMessage>(value, CONTENT_TYPES);
}

export function parseBackgroundMessage(value: unknown): BackgroundMessage | null {
  return parseBare<BackgroundMessage>(value, BACKGROUND_TYPES);
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
