/**
 * What the content script of a portal tab does when the background asks. It obeys only its own
 * background (isBackgroundSender): a portal page can talk to a content script's window.
 */
import { exactObject } from './guards';
import { isSidebarToken } from './sidebar-token';
import { parseMessage, type AnyMessageOf, type ApiOf, type ProtocolTable } from './table';

export interface SidebarStatus {
  open: boolean;
}

export function isSidebarStatus(value: unknown): value is SidebarStatus {
  return typeof value === 'object' && value !== null && typeof (value as SidebarStatus).open === 'boolean';
}

const bare = exactObject({});
/** An opening's token (see sidebar-token.ts): the frame is built with it. */
const withToken = exactObject({ token: isSidebarToken });

export const CONTENT_PROTOCOL = {
  /** Starts loading the sidebar out of sight while the screenshot is taken (see SidebarHost.prepare). */
  'sidebar/prepare': { request: withToken, response: isSidebarStatus },
  /** Shows the help sidebar (idempotent for the same token; another token means a fresh frame). */
  'sidebar/open': { request: withToken, response: isSidebarStatus },
  'sidebar/close': { request: bare, response: isSidebarStatus },
  'sidebar/status': { request: bare, response: isSidebarStatus },
  /** Hides the sidebar (its state kept) and gives the page its full width, for a screenshot; answers once repainted. */
  'sidebar/hide': { request: bare, response: isSidebarStatus },
  /** Shows the hidden sidebar again. */
  'sidebar/show': { request: bare, response: isSidebarStatus },
} satisfies ProtocolTable;

export type ContentApi = ApiOf<typeof CONTENT_PROTOCOL>;
export type ContentMessage = AnyMessageOf<typeof CONTENT_PROTOCOL>;

export function parseContentMessage(value: unknown): ContentMessage | null {
  return parseMessage(CONTENT_PROTOCOL, value);
}
