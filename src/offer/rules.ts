/**
 * When the "Besoin d'aide ?" offer is made in a portal tab, and what is kept of it: per tab, in
 * the tab's session data only (gone with the tab), the pages where the user declined it, and
 * the error the user asked help about from the page (its article first in the sidebar's help).
 */
import { MAX_ERROR_LENGTH } from '../context/errors';
import { arrayOf, exactObject, orNull, stringUpTo, type Guard } from '../protocol/guards';

export interface TabOffer {
  /** Pages (address with query values blanked) where the user chose "Ne plus proposer sur cette page". */
  dismissedPages: string[];
  /** The error the user pressed "Besoin d'aide ?" next to; null once the toolbar opened the sidebar since. */
  helpFor: string | null;
}

export const NO_TAB_OFFER: TabOffer = { dismissedPages: [], helpFor: null };

/** Pages declined per tab at most: a page changing its address cannot grow the session data without bound. */
export const MAX_DISMISSED_PAGES = 50;
const MAX_PAGE_KEY_LENGTH = 2000;

export const isOfferedError: Guard<string> = stringUpTo(MAX_ERROR_LENGTH);

export const isTabOffer: Guard<TabOffer> = exactObject({
  dismissedPages: arrayOf(stringUpTo(MAX_PAGE_KEY_LENGTH)),
  helpFor: orNull(isOfferedError),
});

/**
 * A page as the offer's rules name it: its origin and path, and the services portal's page id.
 * Nothing else of the query: the classic portal's flow step (`execution`) changes as the same
 * page is shown again after a failed validation, and other values may identify someone.
 * fact: portal.classic-flow-urls; fact: ticket.page-ids, assumed
 */
export function offerPageKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  const id = parsed.searchParams.get('id');
  return `${parsed.origin}${parsed.pathname}${id ? `?id=${encodeURIComponent(id)}` : ''}`.slice(0, MAX_PAGE_KEY_LENGTH);
}

/** Whether a visible error on `url` gets the offer: the switch is on and the page was not declined in this tab. */
export function offerWanted(enabled: boolean, offer: TabOffer, url: string): boolean {
  const page = offerPageKey(url);
  return enabled && page !== '' && !offer.dismissedPages.includes(page);
}

/** The tab's offer once the user declined it on `url`: the oldest declined pages go first past the bound. */
export function dismissPage(offer: TabOffer, url: string): TabOffer {
  const page = offerPageKey(url);
  if (!page || offer.dismissedPages.includes(page)) return offer;
  return { ...offer, dismissedPages: [...offer.dismissedPages, page].slice(-MAX_DISMISSED_PAGES) };
}
