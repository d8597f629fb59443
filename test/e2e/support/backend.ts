import { afterAll, beforeAll } from 'vitest';
import { startServer, type TestServer } from '../../support/backend-server';
import { AboutPage, openAboutPage } from '../pages/about-page';
import type { E2ESession } from './session';

/** The real reference backend of a suite, set as the extension's channel. */
export interface BackendSession {
  readonly server: TestServer;
}

/**
 * Starts the reference backend (its own SQLite file) before the suite's tests, sets it as the
 * extension's channel as the options page stores it, and stops it after them. Call it inside the
 * suite's describe, before the hooks that use it.
 */
export function useBackend(session: E2ESession): BackendSession {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer();
    const about = new AboutPage(await openAboutPage(session.browser));
    await about.setChannelSettings({ channel: 'backend', backendUrl: server.baseUrl, token: '' });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the backend is not started');
      return server;
    },
  };
}
