/**
 * Only our sidebar is the sidebar, the same steps in every browser: a portal page that frames the
 * sidebar page itself (it is web-accessible to portal pages) gets no state and cannot send, even
 * at the very address the real sidebar has; a page that makes the real sidebar see-through closes
 * it. The reference backend counts what arrives.
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
    let realAddress: string;

    beforeAll(async () => {
      const { sidebar } = await openInvoicePageWithSidebar(session.browser);
      realAddress = await sidebar.addressWithoutToken();
    });

    test('a page that frames the sidebar page itself gets no state and cannot send: 0 rows in the backend', async () => {
      const portal = new PortalPage(await session.browser.newTab());
      await portal.open(`${session.browser.origin('chorus-pro.gouv.fr')}/cpp/page-hostile`);
      await portal.frameSidebarCopy(realAddress);
      const framed = await portal.driver.sidebarFrame();
      if (session.browser.name === 'chromium') {
        // Chrome serves web-accessible pages with use_dynamic_url only at the session's own
        // address: the page's frame at the extension's address is refused, no sidebar document.
        expect(framed).toBeUndefined();
      } else {
        const copy = await waitFor('the framed copy of the sidebar page', async () => {
          const frame = await portal.driver.sidebarFrame();
          return frame && (await new SidebarPage(frame).loadFailed()) ? new SidebarPage(frame) : undefined;
        });
        expect(await copy.isLoaded()).toBe(false);
        // Even driven from inside the copy, without the opening's token or with a made-up one.
        const send = { type: 'request/send', send: { channel: 'backend', request: validRequest({ title: 'Envoyé par une copie' }), files: [] } };
        for (const token of [undefined, '', 'q3Xr0vC1hZ8kP2mW9tYb4A']) {
          expect(await copy.callWithToken(send, token)).not.toMatchObject({ answer: { status: expect.any(String) } });
          expect(await copy.callWithToken({ type: 'sidebar/load' }, token)).not.toMatchObject({ answer: { tabId: expect.any(Number) } });
        }
        expect(await copy.requests().catch(() => null)).toBeFalsy();
      }
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
