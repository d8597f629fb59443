/**
 * Who may send what. Every receiver checks the sender before the message: a portal page can
 * talk to a content script's window, and other extensions can talk to ours.
 */
import { isPortalUrl } from '../portal-hosts';

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
 * `sidebarUrl` is runtime.getURL of the sidebar page. Only its scheme and path are compared: in
 * Chrome the frame is served at the session's dynamic address (use_dynamic_url), whose host is
 * not the extension's id; the sender's id says it is ours.
 */
export function isSidebarSender(sender: SenderInfo, extensionId: string, sidebarUrl: string): sender is SenderInfo & { tab: { id: number } } {
  return (
    sender.id === extensionId &&
    typeof sender.url === 'string' &&
    samePage(sender.url, sidebarUrl) &&
    typeof sender.tab?.id === 'number' &&
    sender.frameId !== 0 &&
    isPortalUrl(sender.tab.url)
  );
}

/** Our content script, in the top frame of a portal tab (the path is recorded there only). */
export function isPortalContentSender(sender: SenderInfo, extensionId: string): sender is SenderInfo & { tab: { id: number } } {
  return sender.id === extensionId && sender.frameId === 0 && typeof sender.tab?.id === 'number' && isPortalUrl(sender.url) && isPortalUrl(sender.tab.url);
}

function samePage(url: string, page: string): boolean {
  try {
    const [a, b] = [new URL(url), new URL(page)];
    return a.protocol === b.protocol && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
