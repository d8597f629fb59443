import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startPortalServer, type PortalServer } from '../../support/portal-server';
import type { BrowserUnderTest } from '../pages/drivers';

/** One browser and one replica portal for all the suites of a test file (browsers are costly). */
export interface E2ESession {
  readonly browser: BrowserUnderTest;
  readonly server: PortalServer;
  /**
   * Closes the browser (its process ends), runs `meanwhile` with no browser running, then
   * launches it again on the same profile: what the extension stored must still be there.
   * `session.browser` is the new browser afterwards.
   */
  restartBrowser(meanwhile?: () => Promise<void>): Promise<BrowserUnderTest>;
}

/** Launches the browser on the profile directory given (kept from one launch to the next). */
export type Launch = (portalPort: number, profileDir: string) => Promise<BrowserUnderTest>;

export function useBrowser(launch: Launch): E2ESession {
  let browser: BrowserUnderTest | undefined;
  let server: PortalServer | undefined;
  // One profile for the whole file, deleted once the file's suites are done.
  let profileDir: string | undefined;
  beforeAll(async () => {
    server = await startPortalServer();
    profileDir = mkdtempSync(join(tmpdir(), 'chorus-help-profile-'));
    browser = await launch(server.port, profileDir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
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
    async restartBrowser(meanwhile) {
      if (!browser || !server || !profileDir) throw new Error('the browser is not launched');
      const closing = browser;
      browser = undefined;
      await closing.close();
      await meanwhile?.();
      browser = await launch(server.port, profileDir);
      return browser;
    },
  };
}
