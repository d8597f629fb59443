import { afterAll, beforeAll } from 'vitest';
import { startPortalServer, type PortalServer } from '../../support/portal-server';
import type { BrowserUnderTest } from '../pages/drivers';

/** One browser and one replica portal for all the suites of a test file (browsers are costly). */
export interface E2ESession {
  readonly browser: BrowserUnderTest;
  readonly server: PortalServer;
}

export function useBrowser(launch: (portalPort: number) => Promise<BrowserUnderTest>): E2ESession {
  let browser: BrowserUnderTest | undefined;
  let server: PortalServer | undefined;
  beforeAll(async () => {
    server = await startPortalServer();
    browser = await launch(server.port);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser is not launched');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the portal server is not started');
      return server;
    },
  };
}
