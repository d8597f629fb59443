/**
 * Only our sidebar is the sidebar, the same steps in every browser. A portal page can frame the
 * sidebar page itself (it is web-accessible to portal pages): at the extension's own address
 * Chromium refuses it (use_dynamic_url), Firefox loads it; at this session's address (the one
 * runtime.getURL gives and the real sidebar is loaded from, which a page could learn) both
 * browsers load it. What is proven: a copy that loads gets no state (no capture, no page
 * reading, no pre-filled request, nothing to press Send on), the background answers none of its
 * messages without the opening's token (none, empty or made up), and the reference backend
 * stores no request. A page that makes the real sidebar see-through closes it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { validRequest } from '../../support/request-fixture';
import { openInvoicePageWithSidebar, PortalPage } from '../pages/portal-page';
import { SidebarPage } from '../pages/sidebar-page';
import { useBackend } from '../support/backend';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

export function framingSuite(session: E2ESession) {
  describe('only our sidebar is the sidebar', () => {
    const backend = useBackend(session);
    let addresses: { own: string; session: string };

    beforeAll(async () => {
      const { sidebar } = await openInvoicePageWithSidebar(session.browser);
      addresses = await sidebar.frameableAddresses();
    });

    /** The hostile replica page, with its own see-through frame of the sidebar page at `address`. */
    async function hostileFrame(address: string): Promise<PortalPage> {
      const portal = new PortalPage(await session.browser.newTab());
      await portal.open(`${session.browser.origin('chorus-pro.gouv.fr')}/cpp/page-hostile`);
      await portal.frameSidebarCopy(address);
      return portal;
    }

    /** The copy loaded: it says it could not get its state, and gets nothing however it asks. */
    async function expectInertCopy(portal: PortalPage): Promise<void> {
      const copy = await waitFor('the framed copy of the sidebar page', async () => {
        const frame = await portal.driver.sidebarFrame();
        return frame && (await new SidebarPage(frame).loadFailed()) ? new SidebarPage(frame) : undefined;
      });
      expect(await copy.isLoaded()).toBe(false);
      expect(await copy.shows('screenshot-thumbnail')).toBe(false);
      expect(await copy.shows('send-backend')).toBe(false);
      expect(await copy.shows('send-portal')).toBe(false);
      // Driven from inside the copy, as "Envoyer" would send, without the opening's token or with a made-up one.
      const send = { type: 'request/send', send: { channel: 'backend', request: validRequest({ title: 'Envoyé par une copie' }), files: [] } };
      for (const token of [undefined, '', 'q3Xr0vC1hZ8kP2mW9tYb4A']) {
        expect(await copy.callWithToken(send, token)).not.toMatchObject({ answer: { status: expect.any(String) } });
        expect(await copy.callWithToken({ type: 'sidebar/load' }, token)).not.toMatchObject({ answer: { tabId: expect.any(Number) } });
      }
      expect(await copy.requests().catch(() => null)).toBeFalsy();
    }

    test("at the extension's own address: refused in Chromium, an inert copy in Firefox; 0 rows in the backend", async () => {
      const portal = await hostileFrame(addresses.own);
      if (session.browser.name === 'chromium') {
        expect(addresses.session).not.toBe(addresses.own);
        // use_dynamic_url: Chrome serves the page to web pages only at the session's address.
        expect(await portal.driver.sidebarFrame()).toBeUndefined();
      } else {
        await expectInertCopy(portal);
      }
      expect(backend.server.count('requests')).toBe(0);
    });

    test("at this session's address, the real sidebar's: the copy loads in both browsers, gets no state and cannot send; 0 rows in the backend", async () => {
      await expectInertCopy(await hostileFrame(addresses.session));
      expect(backend.server.count('requests')).toBe(0);
    });

    test('a page that makes the sidebar see-through closes it', async () => {
      const { portal } = await openInvoicePageWithSidebar(session.browser);
      await portal.makeSidebarHostTransparent();
      await portal.waitForNoSidebar();
      expect(await portal.rootMarginRight()).toBe('0px');
    });
  });
}
