// The sidebar's only way to the rest of the extension; component tests pass a fake instead.
import browser from 'webextension-polyfill';
import { isSidebarState, isSidebarStatus, parseSidebarPortMessage, SIDEBAR_PORT, type SidebarState } from '../../src/messages';
import type { TrailStep } from '../../src/trail/step';
import { callBackground } from '../shared/messaging';

export interface SidebarConnector {
  load(): Promise<SidebarState>;
  close(): Promise<void>;
  /** Follows the tab's path sequence as the background records it; returns the unsubscribe. */
  watchTrail(onTrail: (trail: TrailStep[]) => void): () => void;
}

/**
 * Firefox hands messages to extension frames inside web pages as objects of another global,
 * which Svelte's state cannot make reactive (it only proxies this page's own plain objects):
 * the sidebar works on a copy made in its own global.
 */
function ownCopy<T>(value: T): T {
  return structuredClone(value);
}

export function createSidebarConnector(): SidebarConnector {
  return {
    load: async () => ownCopy(await callBackground('sidebar/load', isSidebarState)),
    async close() {
      await callBackground('sidebar/close', isSidebarStatus);
    },
    watchTrail(onTrail) {
      // A port to the background, which knows our tab from the port's sender. (Firefox gives
      // extension frames inside web pages no storage.session, so the sidebar cannot watch it.)
      const port = browser.runtime.connect({ name: SIDEBAR_PORT });
      port.onMessage.addListener((raw: unknown) => {
        const message = parseSidebarPortMessage(ownCopy(raw));
        if (message) onTrail(message.trail);
      });
      return () => port.disconnect();
    },
  };
}
