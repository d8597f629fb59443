import { waitFor } from '../support/wait';
import type { BrowserUnderTest, ExtensionGlobal, FrameDriver } from './drivers';
import { PortalPage } from './portal-page';
import { runAxe, type AxeViolation } from './sidebar-page';

/** The host element of the in-page "Besoin d'aide ?" offer (its buttons are in a closed shadow root). */
const OFFER_TAG = 'chorus-pro-aide-offre';

/** Where the offer stands, as the page sees it. */
export interface OfferPlacement {
  /** Offer hosts in the page. */
  count: number;
  /** Its host is the element right after the error it offers help with. */
  afterError: boolean;
  /** Taken out of the page's flow, and shown. */
  position: string;
  display: string;
  /** Its box overlaps the error's. */
  overlapsError: boolean;
  /** The page's script can reach into it. */
  shadowRootVisible: boolean;
}

/** The replica login page whose connexion is refused: no error at load, one after "Se connecter". */
export function refusedLoginUrl(browser: BrowserUnderTest, withMarkup = false): string {
  return `${browser.origin('chorus-pro.gouv.fr')}/cpp/connexion-refusee${withMarkup ? '?message=balisage' : ''}`;
}

/** A portal page as the help offer at an error concerns it: the error, the offer beside it, the page's layout. */
export class ErrorOfferPage extends PortalPage {
  /** "Se connecter" pressed with a real click: the page shows its refusal. */
  submitLogin(): Promise<void> {
    return this.driver.click('#GCU_Sauthentifier_VousAvezDejaUnCompte_BoutonSeConnecter');
  }

  placement(errorSelector: string): Promise<OfferPlacement> {
    return this.driver.evaluate(
      ({ tag, error }) => {
        const hosts = document.querySelectorAll<HTMLElement>(tag);
        const host = hosts[0];
        const errorEl = document.querySelector(error);
        if (!host || !errorEl) return { count: hosts.length, afterError: false, position: '', display: '', overlapsError: false, shadowRootVisible: false };
        const a = host.getBoundingClientRect();
        const b = errorEl.getBoundingClientRect();
        return {
          count: hosts.length,
          afterError: errorEl.nextElementSibling === host,
          position: getComputedStyle(host).position,
          display: getComputedStyle(host).display,
          overlapsError: a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom && a.width > 0,
          shadowRootVisible: host.shadowRoot !== null,
        };
      },
      { tag: OFFER_TAG, error: errorSelector },
    );
  }

  async waitForOffer(errorSelector: string): Promise<OfferPlacement> {
    return waitFor('the in-page offer beside the error', async () => {
      const placement = await this.placement(errorSelector);
      return placement.count > 0 ? placement : undefined;
    });
  }

  offerCount(): Promise<number> {
    return this.driver.evaluate((tag: string) => document.querySelectorAll(tag).length, OFFER_TAG);
  }

  /** Whether keyboard focus is on the offer (the page sees its host focused). */
  focusIsOnOffer(): Promise<boolean> {
    return this.driver.evaluate((tag: string) => document.activeElement?.tagName.toLowerCase() === tag, OFFER_TAG);
  }

  /** Focus on a page element, as where the user's keyboard stands before the next Tab. */
  focusOn(selector: string): Promise<void> {
    return this.driver.evaluate((target: string) => document.querySelector<HTMLElement>(target)!.focus(), selector);
  }

  /** The page's layout: the box of the element, in CSS px of the document. */
  box(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.driver.evaluate((target: string) => {
      const rect = document.querySelector(target)!.getBoundingClientRect();
      return { x: rect.left + scrollX, y: rect.top + scrollY, width: rect.width, height: rect.height };
    }, selector);
  }

  /** The page's own try at restyling and moving the offer's host. */
  restyleAndMoveOffer(): Promise<void> {
    return this.driver.evaluate((tag: string) => {
      const host = document.querySelector<HTMLElement>(tag)!;
      host.setAttribute('style', 'display:none !important');
      document.body.append(host);
    }, OFFER_TAG);
  }

  /** What the markup in the error text would have set, had it run. */
  pwned(): Promise<unknown> {
    return this.driver.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
  }

  /** Elements whose markup only appears in the error text. */
  countOf(selector: string): Promise<number> {
    return this.driver.evaluate((target: string) => document.querySelectorAll(target).length, selector);
  }

  axeViolations(axeSource: string): Promise<AxeViolation[]> {
    return runAxe(this.driver, axeSource);
  }
}

/** The toolbar icon of a tab as the extension set it, read from one of its own pages. */
/** The badge of every tab that has none of its own. */
export function globalBadge(extensionPage: FrameDriver): Promise<string> {
  return extensionPage.evaluate(() => ((globalThis as ExtensionGlobal).browser ?? (globalThis as ExtensionGlobal).chrome)!.action.getBadgeText({}));
}

export function toolbarIcon(extensionPage: FrameDriver, url: string): Promise<{ badge: string; title: string }> {
  return extensionPage.evaluate(async (address: string) => {
    const api = ((globalThis as ExtensionGlobal).browser ?? (globalThis as ExtensionGlobal).chrome)!;
    const [tab] = (await api.tabs.query({})).filter((candidate) => candidate.url === address);
    if (tab?.id === undefined) throw new Error(`no tab at ${address}`);
    return { badge: await api.action.getBadgeText({ tabId: tab.id }), title: await api.action.getTitle({ tabId: tab.id }) };
  }, url);
}
