// The sidebar's only way to the rest of the extension; component tests pass a fake instead.
import { isSidebarState, isSidebarStatus, type SidebarState } from '../../src/messages';
import { callBackground } from '../shared/messaging';

export interface SidebarConnector {
  load(): Promise<SidebarState>;
  close(): Promise<void>;
}

export function createSidebarConnector(): SidebarConnector {
  return {
    load: () => callBackground('sidebar/load', isSidebarState),
    async close() {
      await callBackground('sidebar/close', isSidebarStatus);
    },
  };
}
