// Background side of the help offered when a portal page shows an error: the badge and title of
// the tab's toolbar icon, the in-page "Besoin d'aide ?" launcher injected only then (a page
// without errors loads nothing more), and what the user chose from it. The rules are
// src/offer/rules.ts; nothing here touches the network, and what is kept stays in the tab's
// session data.
import browser from 'webextension-polyfill';
import { dismissPage, NO_TAB_OFFER, offerWanted } from '../../src/offer/rules';
import type { DismissScope } from '../../src/offer/offer-button';
import { offerTexts, type OfferTexts } from '../../src/offer/offer-texts';
import { createSettingsStore } from '../../src/store/settings';
import { offerHelpEnabled, SETTINGS_KEY } from '../../src/store/settings-switches';
import type { TabStore } from '../../src/store/tab-store';
import type { WithOfferLauncher } from '../shared/content-global';
import { OFFER_LAUNCHER_SCRIPT } from '../shared/pages';

/** Discreet: one character, the portal's red. */
const BADGE = { text: '!', color: '#CE0500' };

export interface ErrorOfferDeps {
  store: TabStore;
  /** Opens the sidebar on the tab (the background's one way to open it), its screenshot drawn by the page engine; an open one turns its help to the error. */
  openFromPage(tab: { id: number }, error: string): Promise<void>;
}

async function offerEnabled(): Promise<boolean> {
  return offerHelpEnabled((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

async function setBadge(tabId: number, shown: boolean) {
  await Promise.all([
    // null: back to the text of every tab (the outbox's count of requests waiting).
    browser.action.setBadgeText({ tabId, text: shown ? BADGE.text : null }),
    browser.action.setTitle({ tabId, title: browser.i18n.getMessage(shown ? 'offerBadgeTitle' : 'actionTitle') }),
    shown ? browser.action.setBadgeBackgroundColor({ tabId, color: BADGE.color }) : undefined,
  ]);
}

/** The in-page offer removed from a tab, if it has one (a tab without the launcher is left alone). */
async function withdraw(tabId: number) {
  await browser.scripting
    .executeScript({ target: { tabId, frameIds: [0] }, func: () => (globalThis as WithOfferLauncher).chorusProOffer?.withdraw() })
    .catch(() => undefined);
}

export function errorOfferHandlers(deps: ErrorOfferDeps) {
  const tabOffer = async (tabId: number) => (await deps.store.offers.load(tabId)) ?? NO_TAB_OFFER;

  // A new page in the tab: its badge goes (the page's script tells again if it shows an error).
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void setBadge(tabId, false).catch(() => undefined);
  });
  // Switched off in the options (or "Ne plus proposer"): no offer stays in any tab.
  browser.storage.local.onChanged.addListener((changes) => {
    if (!(SETTINGS_KEY in changes) || offerHelpEnabled(changes[SETTINGS_KEY]?.newValue)) return;
    void browser.tabs.query({ url: browser.runtime.getManifest().host_permissions ?? [] }).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) void withdraw(tab.id);
    });
  });

  return {
    async errorShown(tab: { id: number; url?: string }, shown: boolean): Promise<null> {
      if (!shown) {
        await Promise.all([setBadge(tab.id, false), withdraw(tab.id)]);
        return null;
      }
      const [enabled, offer] = await Promise.all([offerEnabled(), tabOffer(tab.id)]);
      if (offerWanted(enabled, offer, tab.url ?? '')) {
        const target = { tabId: tab.id, frameIds: [0] };
        await browser.scripting.executeScript({ target, files: [OFFER_LAUNCHER_SCRIPT] });
        await browser.scripting.executeScript({
          target,
          func: (texts: OfferTexts) => (globalThis as WithOfferLauncher).chorusProOffer?.refresh(texts),
          args: [offerTexts((key, substitutions) => browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined))],
        });
      }
      // Last: once the badge shows, the offer is in the page, or was not wanted there.
      await setBadge(tab.id, true);
      return null;
    },
    async open(tab: { id: number }, error: string): Promise<null> {
      await deps.store.offers.save(tab.id, { ...(await tabOffer(tab.id)), helpFor: error });
      await deps.openFromPage(tab, error);
      return null;
    },
    async dismiss(tab: { id: number; url?: string }, scope: DismissScope): Promise<null> {
      if (scope === 'page') {
        await deps.store.offers.save(tab.id, dismissPage(await tabOffer(tab.id), tab.url ?? ''));
        return null;
      }
      const settings = createSettingsStore(browser.storage.local);
      const current = await settings.load();
      await settings.save({ ...current, privacy: { ...current.privacy, offerHelp: false } });
      return null;
    },
    /** The toolbar opened the sidebar: its help answers the page as a whole again. */
    async forgetHelpFor(tabId: number): Promise<void> {
      const offer = await deps.store.offers.load(tabId);
      if (offer?.helpFor) await deps.store.offers.save(tabId, { ...offer, helpFor: null });
    },
  };
}
