import { waitFor } from '../support/wait';
import type { BrowserUnderTest, TabDriver } from './drivers';
import { SidebarPage } from './sidebar-page';

/** The replica's page of an invoice whose deposit was refused (F2026-0042): the error most suites start from. */
export function invoicePageUrl(browser: BrowserUnderTest): string {
  return `${browser.origin('chorus-pro.gouv.fr')}/cpp/facture?numero=F2026-0042`;
}

/** That invoice page in a new tab, its sidebar opened with a toolbar click. */
export async function openInvoicePageWithSidebar(browser: BrowserUnderTest): Promise<{ tab: TabDriver; portal: PortalPage; sidebar: SidebarPage }> {
  const tab = await browser.newTab();
  const portal = new PortalPage(tab);
  await portal.open(invoicePageUrl(browser));
  return { tab, portal, sidebar: await portal.openSidebarFresh() };
}

/** A replica portal page, seen from the page itself and through the extension's sidebar. */
export class PortalPage {
  constructor(readonly driver: TabDriver) {}

  async open(url: string): Promise<this> {
    await this.driver.goto(url);
    return this;
  }

  /**
   * Whether the sidebar's host element is in the page and shown (its content is in a closed
   * shadow root; while it loads out of sight during the click, it is inert).
   */
  hasSidebarHost(): Promise<boolean> {
    return this.driver.evaluate(() => {
      const hosts = document.querySelectorAll<HTMLElement>('chorus-pro-aide');
      return hosts.length === 1 && !hosts[0]!.inert;
    });
  }

  /** What a hostile page script can do: frame the sidebar page itself, see-through, over its own content. */
  frameSidebarCopy(url: string): Promise<void> {
    // Resolves at the frame's load event: fired for a loaded page and for a refused one alike.
    return this.driver.evaluate(
      (src: string) =>
        new Promise<void>((resolve) => {
          const frame = document.createElement('iframe');
          frame.addEventListener('load', () => resolve(), { once: true });
          frame.src = src;
          frame.setAttribute('style', 'position:fixed;inset:0;width:100vw;height:100vh;opacity:0.01;z-index:2147483647');
          document.body.append(frame);
        }),
      url,
    );
  }

  /** What a hostile page script can do: make the sidebar's host see-through. */
  makeSidebarHostTransparent(): Promise<void> {
    return this.driver.evaluate(() => document.querySelector<HTMLElement>('chorus-pro-aide')?.style.setProperty('opacity', '0', 'important'));
  }

  /** Waits for the sidebar to be open and showing the page facts; re-finds its frame each time. */
  async waitForSidebar(): Promise<SidebarPage> {
    return waitFor('the sidebar to open and show the page facts', async () => {
      if (!(await this.hasSidebarHost())) return undefined;
      const frame = await this.driver.sidebarFrame();
      if (!frame) return undefined;
      const sidebar = new SidebarPage(frame);
      return (await sidebar.isLoaded()) ? sidebar : undefined;
    });
  }

  /** Opens the sidebar afresh with a toolbar click (closing it first if open), focus inside it. */
  async openSidebarFresh(): Promise<SidebarPage> {
    if (await this.hasSidebarHost()) {
      await this.driver.clickToolbar();
      await this.waitForNoSidebar();
    }
    await this.driver.clickToolbar();
    const sidebar = await this.waitForSidebar();
    await waitFor('focus in the sidebar', () => this.focusIsInSidebar(sidebar));
    return sidebar;
  }

  /**
   * From now on, notes (on the page's clock, Date.now) the last time the sidebar's host was put
   * in sight: shown, or shown again after a retake took it out.
   */
  noteWhenSidebarShown(): Promise<void> {
    return this.driver.evaluate(() => {
      const host = document.querySelector<HTMLElement>('chorus-pro-aide')!;
      const marks = globalThis as typeof globalThis & { sidebarShownAt?: number | null };
      marks.sidebarShownAt = null;
      new MutationObserver(() => {
        if (!host.inert && !/display:\s*none/.test(host.getAttribute('style') ?? '')) marks.sidebarShownAt ??= Date.now();
        else marks.sidebarShownAt = null;
      }).observe(host, { attributes: true });
    });
  }

  /** When the sidebar's host was last put in sight since noteWhenSidebarShown; null while it is out of sight. */
  sidebarShownAt(): Promise<number | null> {
    return this.driver.evaluate(() => (globalThis as typeof globalThis & { sidebarShownAt?: number | null }).sidebarShownAt ?? null);
  }

  async waitForNoSidebar(): Promise<void> {
    await waitFor('the sidebar to close', () => this.driver.evaluate(() => document.querySelector('chorus-pro-aide') === null));
  }

  viewport(): Promise<{ width: number; height: number; dpr: number }> {
    return this.driver.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight, dpr: window.devicePixelRatio }));
  }

  /** The page's own right margin: the sidebar narrows the page rather than covering it. */
  rootMarginRight(): Promise<string> {
    return this.driver.evaluate(() => getComputedStyle(document.documentElement).marginRight);
  }

  /** Waits for the page to be narrowed beside the opened sidebar: done once the sidebar has been drawn over it. */
  async waitForPageNarrowed(): Promise<void> {
    await waitFor('the page narrowed beside the sidebar', async () => (await this.rootMarginRight()) === '400px');
  }

  /**
   * Whether keyboard focus is in the sidebar: the page's focused element is the sidebar host
   * and, inside the sidebar, its heading. (Headless Firefox never reports document.hasFocus().)
   */
  async focusIsInSidebar(sidebar: SidebarPage): Promise<boolean> {
    const pageFocus = await this.driver.evaluate(() => document.activeElement?.tagName ?? '');
    return pageFocus === 'CHORUS-PRO-AIDE' && (await sidebar.activeElementTag()) === 'H1';
  }

  activeElementId(): Promise<string> {
    return this.driver.evaluate(() => (document.activeElement ? document.activeElement.id : ''));
  }

  pressEscape(): Promise<void> {
    return this.driver.press('Escape');
  }

  click(selector: string): Promise<void> {
    return this.driver.click(selector);
  }
}

/** What the hostile replica page (/cpp/page-hostile) saw of the extension. */
export interface HostileReport {
  /** Replaced built-ins that an extension script called. */
  calls: string[];
  /** Shadow roots the page's replaced attachShadow handed out. */
  leaked: number;
  /** Messages the page received that it did not post itself. */
  replies: string[];
}

/** The hostile replica page: replaced built-ins, and the page's own moves against the sidebar. */
/** What the hostile replica page puts on its window for the test to call. */
type HostileGlobal = typeof globalThis & {
  hostile: { report(): HostileReport; removeSidebar(): void; coverEverything(): void; forgeMessages(): number };
};

export class HostilePortalPage extends PortalPage {
  report(): Promise<HostileReport> {
    return this.driver.evaluate(() => (globalThis as HostileGlobal).hostile.report());
  }

  /** Whether the page can reach into the sidebar host's shadow root (it must not: closed). */
  sidebarShadowRootVisible(): Promise<boolean> {
    return this.driver.evaluate(() => document.querySelector('chorus-pro-aide')?.shadowRoot != null);
  }

  removeSidebarHost(): Promise<void> {
    return this.driver.evaluate(() => (globalThis as HostileGlobal).hostile.removeSidebar());
  }

  coverEverything(): Promise<void> {
    return this.driver.evaluate(() => (globalThis as HostileGlobal).hostile.coverEverything());
  }

  /** Posts forged protocol messages to the page's window and every frame in it; resolves with how many windows got them. */
  forgeMessages(): Promise<number> {
    return this.driver.evaluate(() => (globalThis as HostileGlobal).hostile.forgeMessages());
  }

  /** The tag name of what a click at (x, y) of the window would hit. */
  topElementAt(x: number, y: number): Promise<string> {
    return this.driver.evaluate((point) => document.elementFromPoint(point.x, point.y)?.tagName ?? '', { x, y });
  }
}
