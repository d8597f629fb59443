// The background's real router and handlers, over an in-memory browser and IndexedDB: every
// message type of the protocol table is sent as the sidebar or the content script sends it, and
// every answer must pass the table's response guard.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { BACKGROUND_PROTOCOL, isBackgroundResponse, type BackgroundHandlers, type BackgroundMessage, type BackgroundType, type SenderTab } from '../../../../src/protocol/background';
import type { SenderInfo } from '../../../../src/protocol/senders';
import { helpLabelFor, isOfferTexts, type OfferTexts } from '../../../../src/offer/offer-texts';
import { backgroundBrowser, EXTENSION_ID, PNG, PORTAL_TAB, SIDEBAR_URL } from './fake-browser';

vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser')).backgroundBrowser }));

// Checked by npm run typecheck: a handler map without one of the table's types, or a handler
// answering another type than the table declares, does not compile.
type Handlers = BackgroundHandlers<SenderTab>;
const _missingHandlerFails: Omit<Handlers, 'drafts/list'> extends Handlers ? true : false = false;
const _wrongAnswerFails: { 'draft/discard': () => Promise<number> } extends Pick<Handlers, 'draft/discard'> ? true : false = false;

// The token of the portal tab's sidebar opening, as the background keeps it in session storage.
const TOKEN = 'q3Xr0vC1hZ8kP2mW9tYb4A';
const SIDEBAR: SenderInfo = { id: EXTENSION_ID, url: SIDEBAR_URL, frameId: 3, tab: PORTAL_TAB };
const CONTENT: SenderInfo = { id: EXTENSION_ID, url: PORTAL_TAB.url, frameId: 0, tab: PORTAL_TAB };
// Steps and details older than two hours are dropped as they are recorded.
const NOW = Date.now();
const DRAFT_ID = '2b7f0c1e-5d1a-4c55-9a65-0d2f3b0c9a11';
const VALUES = { category: '', subCategory: '', issuer: '', name: '', connectionId: '', phone: '', email: '', identifierType: 'siret', siret: '', invoiceNumber: '', title: 'Brouillon', description: '' };

type Sample<K extends BackgroundType> = { message: Extract<BackgroundMessage, { type: K }>; from: SenderInfo };

/** One message of each type, in an order where each finds what the ones before it stored. */
const SAMPLES: { [K in BackgroundType]: Sample<K> } = {
  'settings/switches': { message: { type: 'settings/switches' }, from: CONTENT },
  'page/report': {
    message: { type: 'page/report', steps: [{ kind: 'error', at: NOW, text: 'Dépôt impossible' }, { kind: 'click', at: NOW + 1, label: 'Rechercher' }], errorShown: true },
    from: CONTENT,
  },
  'diagnostics/record': {
    message: { type: 'diagnostics/record', entry: { kind: 'request-failed', at: NOW, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api', status: 500 } },
    from: CONTENT,
  },
  'offer/open': { message: { type: 'offer/open', error: 'Dépôt impossible : le fichier <b>est</b> invalide.' }, from: CONTENT },
  'sidebar/load': { message: { type: 'sidebar/load' }, from: SIDEBAR },
  'sidebar/close': { message: { type: 'sidebar/close' }, from: SIDEBAR },
  'draft/save': {
    message: { type: 'draft/save', draft: { id: DRAFT_ID, incidentId: '7-1764250200000', form: { values: VALUES, removed: [], files: [] }, files: [] } },
    from: SIDEBAR,
  },
  'draft/latest': { message: { type: 'draft/latest' }, from: SIDEBAR },
  'draft/open': { message: { type: 'draft/open', id: DRAFT_ID }, from: SIDEBAR },
  'drafts/list': { message: { type: 'drafts/list' }, from: SIDEBAR },
  'draft/discard': { message: { type: 'draft/discard', id: DRAFT_ID }, from: SIDEBAR },
  // Not a valid support request: refused field by field, nothing stored.
  'request/send': { message: { type: 'request/send', send: { channel: 'portal', request: {}, files: [] } }, from: SIDEBAR },
  'requests/list': { message: { type: 'requests/list' }, from: SIDEBAR },
  'requests/retry': { message: { type: 'requests/retry' }, from: SIDEBAR },
  'requests/refresh': { message: { type: 'requests/refresh' }, from: SIDEBAR },
  'requests/export': { message: { type: 'requests/export' }, from: SIDEBAR },
  'requests/erase': { message: { type: 'requests/erase' }, from: SIDEBAR },
  'screenshot/page': { message: { type: 'screenshot/page', handOver: '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c' }, from: SIDEBAR },
  'screenshot/progress': { message: { type: 'screenshot/progress' }, from: SIDEBAR },
  'screenshot/cancel': { message: { type: 'screenshot/cancel' }, from: SIDEBAR },
  'screenshot/retake': { message: { type: 'screenshot/retake' }, from: SIDEBAR },
  'compatibility/check': { message: { type: 'compatibility/check' }, from: SIDEBAR },
  'offer/dismiss': { message: { type: 'offer/dismiss', scope: 'page' }, from: CONTENT },
};

type Router = (raw: unknown, sender: SenderInfo) => Promise<unknown> | undefined;
let router: Router;

beforeAll(async () => {
  await import('../../../../extension/background/index');
  const listeners = backgroundBrowser.onMessage.listeners;
  expect(listeners).toHaveLength(1);
  router = listeners[0] as unknown as Router;
  await backgroundBrowser.storage.session.set({ [`sidebar-token:${PORTAL_TAB.id}`]: TOKEN });
});

/** As the sidebar sends it: with its opening's token. */
/** As the sidebar sends it: with the token of the tab's latest opening. */
const fromSidebar = (message: object, token: unknown = backgroundBrowser.content.token ?? TOKEN) => ({ ...message, token });

describe('the background router', () => {
  test('answers every message type of the table with what its response guard accepts', async () => {
    const answers: Partial<Record<BackgroundType, unknown>> = {};
    // Closed: "Besoin d'aide ?" opens it.
    backgroundBrowser.content.sidebarOpen = false;
    for (const [type, { message, from }] of Object.entries(SAMPLES) as [BackgroundType, Sample<BackgroundType>][]) {
      const answer = await router(from === SIDEBAR ? fromSidebar(message) : message, from);
      expect(isBackgroundResponse(type, answer), `${type} answered ${JSON.stringify(answer)?.slice(0, 300)}`).toBe(true);
      answers[type] = answer;
    }
    expect(Object.keys(answers).sort()).toEqual(Object.keys(BACKGROUND_PROTOCOL).sort());

    // The answers are the handlers' own work, not placeholders.
    expect(answers['sidebar/load']).toMatchObject({ tabId: PORTAL_TAB.id, trail: [{ kind: 'error', text: 'Dépôt impossible' }, { kind: 'click', label: 'Rechercher' }], diagnostics: [{ kind: 'request-failed', status: 500 }] });
    // The error shown got the badge and the in-page launcher; help asked from it opened the
    // sidebar with a capture drawn by the page engine, that error's help first.
    expect(backgroundBrowser.badge.text).toBe('!');
    expect(backgroundBrowser.injected).toContain('/extension/offer-launcher/index.js');
    expect(answers['sidebar/load']).toMatchObject({ helpFor: 'Dépôt impossible : le fichier <b>est</b> invalide.', capture: { dataUrl: PNG, reconstructed: true } });
    expect(answers['sidebar/close']).toEqual({ open: false });
    // Nothing stored: the defaults.
    expect(answers['settings/switches']).toMatchObject({ recordPath: true, technicalDetails: false });
    // The path's lists are the tab's generation's (a classic page), not every generation's.
    const { pathLists } = answers['settings/switches'] as { pathLists: { errorContainers: string[] } };
    expect(pathLists.errorContainers).toContain('.ui-messages-error');
    expect(pathLists.errorContainers).not.toContain('.sp-message-error');
    // The test document is not a portal page: checked, with no profile and no detector.
    expect(answers['compatibility/check']).toMatchObject({ generation: null, revision: '', lists: {}, forms: [] });
    expect(answers['draft/save']).toMatchObject({ status: 'saved', attachmentIds: [] });
    expect(answers['draft/latest']).toMatchObject({ id: DRAFT_ID, form: { values: VALUES } });
    expect(answers['draft/open']).toMatchObject({ id: DRAFT_ID });
    expect(answers['request/send']).toMatchObject({ status: 'invalid' });
    expect(answers['requests/list']).toEqual({ waiting: [], sent: [] });
    expect(answers['screenshot/page']).toMatchObject({ status: 'done', parts: 1 });
    expect(answers['screenshot/progress']).toBeNull();
    expect(answers['screenshot/cancel']).toBe(false);
    expect(answers['screenshot/retake']).toMatchObject({ status: 'done', images: [{ name: 'capture-page-2026-11-27-1430-1.png' }] });
  });

  test('help asked from the page while the sidebar is open keeps its screenshot', async () => {
    backgroundBrowser.content.sidebarOpen = true;
    const before = ((await router(fromSidebar({ type: 'sidebar/load' }), SIDEBAR)) as { capture: unknown }).capture;
    backgroundBrowser.injected.length = 0;
    await router({ type: 'offer/open', error: 'Identifiant ou mot de passe incorrect.' }, CONTENT);
    expect(backgroundBrowser.injected).toEqual([]);
    expect(await router(fromSidebar({ type: 'sidebar/load' }), SIDEBAR)).toMatchObject({ capture: before, helpFor: 'Identifiant ou mot de passe incorrect.' });
  });

  test("the offer's words come from the background, with the error's place in the help button's name", async () => {
    const told: unknown[] = [];
    Object.assign(globalThis, { chorusProOffer: { refresh: (texts: unknown) => told.push(texts), withdraw: () => undefined } });
    try {
      // Another tab: the offer was declined on the first one's page above.
      const tab = { ...PORTAL_TAB, id: PORTAL_TAB.id + 1, url: 'https://chorus-pro.gouv.fr/cpp/facture' };
      await router({ type: 'page/report', steps: [], errorShown: true }, { ...CONTENT, url: tab.url, tab });
    } finally {
      delete (globalThis as { chorusProOffer?: unknown }).chorusProOffer;
    }
    expect(told).toHaveLength(1);
    const [texts] = told;
    expect(isOfferTexts(texts)).toBe(true);
    expect(texts).toMatchObject({ help: "Besoin d'aide ?", declineAll: 'Ne plus proposer' });
    expect(helpLabelFor(texts as OfferTexts, 'Dépôt impossible')).toBe("Besoin d'aide ? Obtenir de l'aide sur l'erreur : Dépôt impossible");
  });

  test('the offer follows the error: gone, the badge goes; declined on a page, the launcher is not injected there again', async () => {
    await router({ type: 'page/report', steps: [], errorShown: false }, CONTENT);
    expect(backgroundBrowser.badge.text).toBe('');
    await router({ type: 'offer/dismiss', scope: 'page' }, CONTENT);
    backgroundBrowser.injected.length = 0;
    await router({ type: 'page/report', steps: [], errorShown: true }, CONTENT);
    expect(backgroundBrowser.badge.text).toBe('!');
    expect(backgroundBrowser.injected).toEqual([]);
  });

  test('serves each message only to the sender its table entry names', () => {
    expect(router({ type: 'offer/open', error: 'Erreur' }, SIDEBAR)).toBeUndefined();
    expect(router(fromSidebar({ type: 'page/report', steps: [{ kind: 'click', at: 5, label: 'x' }] }), SIDEBAR)).toBeUndefined();
    expect(router({ type: 'sidebar/load' }, CONTENT)).toBeUndefined();
    expect(router(fromSidebar({ type: 'sidebar/load' }), CONTENT)).toBeUndefined();
    expect(router(fromSidebar({ type: 'settings/switches' }), SIDEBAR)).toBeUndefined();
    expect(router(fromSidebar({ type: 'sidebar/load' }), { ...SIDEBAR, id: 'another-extension' })).toBeUndefined();
    expect(router(fromSidebar({ type: 'sidebar/load' }), { ...SIDEBAR, tab: { id: 7, url: 'https://autre-site.test/' } })).toBeUndefined();
  });

  test("answers a sidebar only with its tab's latest opening token: a copy framed by the page has none", async () => {
    expect(router({ type: 'sidebar/load' }, SIDEBAR)).toBeUndefined();
    expect(router(fromSidebar({ type: 'sidebar/load' }, 'not-a-token'), SIDEBAR)).toBeUndefined();
    await expect(router(fromSidebar({ type: 'sidebar/load' }, 'Zm9vYmFyYmF6cXV4MTIzNA'), SIDEBAR)).rejects.toThrow('not the sidebar of this tab');
    const send = { type: 'request/send', send: { channel: 'backend', request: {}, files: [] } };
    await expect(router(fromSidebar(send, 'Zm9vYmFyYmF6cXV4MTIzNA'), SIDEBAR)).rejects.toThrow('not the sidebar of this tab');
    // The right token, from the sidebar of another tab.
    await expect(router(fromSidebar({ type: 'sidebar/load' }), { ...SIDEBAR, tab: { id: 8, url: PORTAL_TAB.url } })).rejects.toThrow('not the sidebar of this tab');
    await expect(router(fromSidebar({ type: 'sidebar/load' }), SIDEBAR)).resolves.toMatchObject({ tabId: PORTAL_TAB.id });
  });

  test('ignores what is not exactly a message of the table', () => {
    expect(router(fromSidebar({ type: 'sidebar/open' }), SIDEBAR)).toBeUndefined();
    expect(router(fromSidebar({ type: 'sidebar/load', tabId: 3 }), SIDEBAR)).toBeUndefined();
    expect(router(fromSidebar({ type: 'toString' }), SIDEBAR)).toBeUndefined();
    expect(router('sidebar/load', SIDEBAR)).toBeUndefined();
  });
});
