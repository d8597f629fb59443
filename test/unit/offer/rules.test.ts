import { describe, expect, test } from 'vitest';
import { dismissPage, isTabOffer, MAX_DISMISSED_PAGES, NO_TAB_OFFER, offerPageKey, offerWanted } from '../../../src/offer/rules';

const PAGE = 'https://chorus-pro.gouv.fr/cpp/facture?execution=e1s1';
const SAME_PAGE_NEXT_STEP = 'https://chorus-pro.gouv.fr/cpp/facture?execution=e1s2';
const OTHER_PAGE = 'https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1';

describe('when the in-page offer is made', () => {
  test('on unless switched off, and not on a page declined in this tab (its flow steps included)', () => {
    expect(offerWanted(true, NO_TAB_OFFER, PAGE)).toBe(true);
    expect(offerWanted(false, NO_TAB_OFFER, PAGE)).toBe(false);
    const declined = dismissPage(NO_TAB_OFFER, PAGE);
    expect(offerWanted(true, declined, PAGE)).toBe(false);
    expect(offerWanted(true, declined, SAME_PAGE_NEXT_STEP)).toBe(false);
    expect(offerWanted(true, declined, OTHER_PAGE)).toBe(true);
  });

  test('never on an address that is not one', () => {
    expect(offerWanted(true, NO_TAB_OFFER, '')).toBe(false);
    expect(offerPageKey('not a url')).toBe('');
    expect(dismissPage(NO_TAB_OFFER, 'not a url')).toBe(NO_TAB_OFFER);
  });

  test('names the services portal pages by their id', () => {
    expect(offerPageKey('https://portail.chorus-pro.gouv.fr/aife_csm?id=cpp_erreur&sys_id=123')).toBe('https://portail.chorus-pro.gouv.fr/aife_csm?id=cpp_erreur');
  });

  test('keeps no other query value, and a bounded list of pages: the oldest declined go first', () => {
    expect(offerPageKey('https://chorus-pro.gouv.fr/cpp/facture?numero=F2026-0042')).not.toContain('F2026-0042');
    let offer = NO_TAB_OFFER;
    for (let i = 0; i < MAX_DISMISSED_PAGES + 5; i++) offer = dismissPage(offer, `https://chorus-pro.gouv.fr/cpp/page-${i}`);
    expect(offer.dismissedPages).toHaveLength(MAX_DISMISSED_PAGES);
    expect(offer.dismissedPages[0]).toBe('https://chorus-pro.gouv.fr/cpp/page-5');
    expect(dismissPage(offer, 'https://chorus-pro.gouv.fr/cpp/page-54')).toBe(offer);
  });

  test('reads back only what it wrote', () => {
    expect(isTabOffer({ dismissedPages: [offerPageKey(PAGE)], helpFor: 'Erreur' })).toBe(true);
    expect(isTabOffer({ dismissedPages: [], helpFor: 'x'.repeat(501) })).toBe(false);
    expect(isTabOffer({ dismissedPages: [42], helpFor: null })).toBe(false);
    expect(isTabOffer({ dismissedPages: [], helpFor: null, extra: true })).toBe(false);
  });
});
