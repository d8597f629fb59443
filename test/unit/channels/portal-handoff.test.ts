import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPayloadOf } from '../../../src/channels/payload';
import { formNotFoundReport } from '../../../src/channels/portal-form';
import { fillOrFollow } from '../../../src/channels/portal-route';
import { openLivePage } from './live-portal';
import {
  createPortalChannel,
  fileOfTransfer,
  handOffToPortal,
  HANDED_TO_PORTAL,
  requestFormTarget,
  transferOf,
  loadInTab,
  waitForPortalPage,
  type FormHandoff,
  type HandoffPorts,
  type TabEventsLike,
} from '../../../src/channels/portal-handoff';
import type { SupportRequest } from '../../../src/report/request';
import type { OutboxItem } from '../../../src/store/records';
import { validRequest } from '../../support/request-fixture';
import { translatorFor } from '../../support/i18n';

const t = translatorFor('fr');
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);


const servicesRequest = () => validRequest({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur' });

/** The replica page a portal address shows; `replaced` serves other fixtures at some addresses (the portal changed). */
function fixtureOf(url: string, replaced: Record<string, string>): string {
  if (replaced[url]) return replaced[url];
  const { hostname, pathname, searchParams } = new URL(url);
  return hostname === 'portail.chorus-pro.gouv.fr' ? `services/${searchParams.get('id') ?? 'cpp_accueil'}.html` : `classic/${pathname.replace('/cpp/', '')}.html`;
}

/**
 * The browser for the handoff, faked: the tab shows the replica page of its address, its
 * scripts running, and the form filler runs the real fillOrFollow on it with what reached it
 * as JSON, as scripting.executeScript passes it.
 */
function fakeBrowser(overrides: Partial<HandoffPorts> = {}, replaced: Record<string, string> = {}) {
  const calls: string[] = [];
  const visit = (url: string) => openLivePage(fixtureOf(url, replaced), url);
  const ports: HandoffPorts = {
    async openTab(url, openerTabId) {
      calls.push(`open ${url} beside ${openerTabId}`);
      visit(url);
      return 42;
    },
    async waitForLoad(tabId) {
      calls.push(`wait ${tabId}`);
    },
    async navigate(tabId, url) {
      calls.push(`load ${url}`);
      visit(url);
    },
    async injectFormFiller(tabId) {
      calls.push(`inject ${tabId}`);
    },
    async callFormFiller(tabId, handoff) {
      calls.push(`call ${tabId}`);
      const { form, request, files } = JSON.parse(JSON.stringify(handoff)) as FormHandoff;
      return JSON.parse(JSON.stringify(await fillOrFollow(document, form, request, files.map(fileOfTransfer), { t, widgetWaitMs: 1000, stepWaitMs: 1000 }))) as unknown;
    },
    ...overrides,
  };
  return { ports, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requestFormTarget', () => {
  const target = (overrides: Partial<SupportRequest>) => requestFormTarget(validRequest(overrides)).url;

  it('opens the form for the situation, on the host the user was on', () => {
    expect(target({ pageUrl: 'https://chorus-pro.gouv.fr/cpp/facture?execution=e1s2' })).toBe('https://chorus-pro.gouv.fr/cpp/sollicitation-saisir');
    expect(target({ pageUrl: 'https://cpro.chorus-pro.gouv.fr/cpp/factures-emises' })).toBe('https://cpro.chorus-pro.gouv.fr/cpp/sollicitation-saisir');
    expect(target({ pageUrl: 'https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1', loggedIn: false })).toBe('https://chorus-pro.gouv.fr/cpp/nous-contacter');
    // The services portal's forms are reached by their route from the home page; the contact page is where the user lands without one.
    expect(target({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur' })).toBe('https://portail.chorus-pro.gouv.fr/?id=cpp_accueil');
    expect(requestFormTarget(validRequest({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur', loggedIn: false })).contactUrl).toBe('https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter');
  });

  it('falls back on the classic application when the page was not the portal', () => {
    expect(target({ pageUrl: 'https://exemple.fr/facture' })).toBe('https://chorus-pro.gouv.fr/cpp/sollicitation-saisir');
  });
});

describe('file transfer', () => {
  it('gives the page the same file, byte for byte', async () => {
    const transfer = await transferOf({ name: 'capture.png', type: 'image/png', blob: new Blob([PNG], { type: 'image/png' }) });
    expect(transfer.dataUrl.startsWith('data:image/png;base64,')).toBe(true);

    const file = fileOfTransfer(JSON.parse(JSON.stringify(transfer)) as typeof transfer);

    expect(file.name).toBe('capture.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });
});

describe('handOffToPortal', () => {
  const screenshot = () => transferOf({ name: 'capture.png', type: 'image/png', blob: new Blob([PNG], { type: 'image/png' }) });

  it('not logged in: follows Support → Nous contacter → Envoyer un ticket → Créer un ticket de support, then fills the form', async () => {
    const { ports, calls } = fakeBrowser();

    const result = await handOffToPortal(ports, validRequest({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_connexion', loggedIn: false }), [await screenshot()], 7);

    // The Support menu and the "Envoyer un ticket" window are pressed in the page; their links are loaded in the tab.
    expect(calls).toEqual([
      'open https://portail.chorus-pro.gouv.fr/?id=cpp_accueil beside 7',
      'wait 42',
      'inject 42',
      'call 42',
      'load https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter',
      'inject 42',
      'call 42',
      'load https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_support',
      'inject 42',
      'call 42',
    ]);
    expect(result).toMatchObject({ ok: true, tabId: 42, report: { formFound: true, missing: [], filesNotAttached: [], captcha: true, submitLabel: 'Soumettre' } });
    const input = document.querySelector('#sp_attachment_input') as HTMLInputElement;
    expect(new Uint8Array(await input.files![0]!.arrayBuffer())).toEqual(PNG);
    expect((document.querySelector('#sp_formfield_email') as HTMLInputElement).value).toBe('jean.dupont@exemple.fr');
  });

  it('logged in: follows Support → Créer un ticket to the connected form', async () => {
    const { ports, calls } = fakeBrowser();

    const result = await handOffToPortal(ports, servicesRequest(), []);

    expect(calls.filter((call) => call.startsWith('load'))).toEqual(['load https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_connecte']);
    expect(result).toMatchObject({ ok: true, report: { formFound: true, captcha: false, filled: expect.arrayContaining(['category', 'title', 'description']) } });
  });

  it('says where it stopped', async () => {
    const fails = () => Promise.reject(new Error('non'));
    const handOff = (overrides: Partial<HandoffPorts>) => handOffToPortal(fakeBrowser(overrides).ports, servicesRequest(), []);

    expect(await handOff({ openTab: fails })).toEqual({ ok: false, reason: 'tabNotOpened' });
    expect(await handOff({ waitForLoad: fails })).toEqual({ ok: false, reason: 'loadFailed', tabId: 42 });
    expect(await handOff({ injectFormFiller: fails })).toEqual({ ok: false, reason: 'injectionFailed', tabId: 42 });
    expect(await handOff({ callFormFiller: async () => undefined })).toEqual({ ok: false, reason: 'unexpectedAnswer', tabId: 42 });
    expect(await handOff({ callFormFiller: async () => ({ kind: 'filled', report: { filled: 'everything' } }) })).toEqual({ ok: false, reason: 'unexpectedAnswer', tabId: 42 });
  });

  it('the form gone (the portal changed): lands on the contact page and reports the form not found', async () => {
    const changed = { 'https://portail.chorus-pro.gouv.fr/?id=cpp_ticket_support': 'services/_ticket-formulaire-modifie.html' };
    const { ports, calls } = fakeBrowser({}, changed);

    const result = await handOffToPortal(ports, validRequest({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_connexion', loggedIn: false }), []);

    expect(result).toEqual({ ok: false, reason: 'formNotFound', tabId: 42, report: formNotFoundReport() });
    expect(calls.at(-1)).toBe('load https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter');
    expect(document.querySelector('h1')?.textContent).toBe('Nous contacter');
  });

  it('never follows a link off the portal, whatever the page answers', async () => {
    const { ports, calls } = fakeBrowser({ callFormFiller: async () => ({ kind: 'follow', url: 'https://chorus-pro.gouv.fr.evil.test/?id=cpp_ticket_support' }) });

    expect(await handOffToPortal(ports, servicesRequest(), [])).toMatchObject({ ok: false, reason: 'formNotFound' });
    expect(calls.filter((call) => call.startsWith('load'))).toEqual(['load https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter']);
  });

  it('a page without the form on the classic portal (the login page, the session having expired): formNotFound, on the contact page', async () => {
    const { ports, calls } = fakeBrowser({}, { 'https://chorus-pro.gouv.fr/cpp/sollicitation-saisir': 'classic/accueil.html' });

    expect(await handOffToPortal(ports, validRequest(), [])).toMatchObject({ ok: false, reason: 'formNotFound', tabId: 42, report: { formFound: false } });
    expect(calls.at(-1)).toBe('load https://chorus-pro.gouv.fr/cpp/nous-contacter');
  });
});

describe('createPortalChannel', () => {
  const item = (payload: unknown): OutboxItem => ({
    id: 'item-1',
    idempotencyKey: 'key-1',
    createdAt: 0,
    channel: 'portal',
    title: 'Titre',
    route: 'support',
    payload,
    attachmentIds: ['file-1'],
    state: 'sending',
    attempts: 1,
    nextAttemptAt: 0,
  });
  const screenshotRecord = { id: 'file-1', name: 'capture.png', type: 'image/png', size: PNG.byteLength, sha256: '0'.repeat(64), createdAt: 0, blob: new Blob([PNG]) };

  it('hands the stored request and its files to the portal, for History to show it handed over', async () => {
    const onHandoff = vi.fn();
    const channel = createPortalChannel(fakeBrowser().ports, { openerTabId: 7, onHandoff });

    const result = await channel.deliver(item(requestPayloadOf(servicesRequest())), [screenshotRecord]);

    expect(result).toEqual({ ok: true, status: HANDED_TO_PORTAL });
    expect(onHandoff).toHaveBeenCalledWith('item-1', expect.objectContaining({ ok: true, tabId: 42 }));
    expect((document.querySelector('#sp_attachment_input') as HTMLInputElement).files?.[0]?.name).toBe('capture.png');
  });

  it('leaves a failed handoff to the user rather than opening tabs on its own', async () => {
    const channel = createPortalChannel(fakeBrowser({}, { 'https://chorus-pro.gouv.fr/cpp/sollicitation-saisir': 'classic/accueil.html' }).ports, {});

    expect(await channel.deliver(item(requestPayloadOf(validRequest())), [])).toEqual({ ok: false, retryable: false, error: { kind: 'unknown', message: 'formNotFound' } });
    expect(await channel.deliver(item('{"pas": "une demande"'), [])).toMatchObject({ ok: false, retryable: false, error: { kind: 'rejected' } });
  });
});

describe('waitForPortalPage', () => {
  type Tab = { status?: string; url?: string };

  /** A tabs API whose tab 5 is in `state`; `update` and `remove` fire its events. */
  function fakeTabs(state: Tab) {
    const updated = new Set<(tabId: number, change: { status?: string }, tab: Tab) => void>();
    const removed = new Set<(tabId: number) => void>();
    const tabs: TabEventsLike = {
      get: async () => ({ ...state }),
      onUpdated: { addListener: (listener) => updated.add(listener), removeListener: (listener) => updated.delete(listener) },
      onRemoved: { addListener: (listener) => removed.add(listener), removeListener: (listener) => removed.delete(listener) },
    };
    return {
      tabs,
      listeners: () => updated.size + removed.size,
      update(tabId: number, tab: Tab) {
        for (const listener of [...updated]) listener(tabId, { status: tab.status }, tab);
      },
      remove(tabId: number) {
        for (const listener of [...removed]) listener(tabId);
      },
    };
  }

  it('loadInTab: a load counts only once it started after the request, and completes on a portal page', async () => {
    const fake = fakeTabs({ status: 'complete', url: 'https://portail.chorus-pro.gouv.fr/?id=cpp_accueil' });
    const asked: string[] = [];
    let loaded = false;
    const loading = loadInTab({ ...fake.tabs, update: async (_tabId, { url }) => void asked.push(url) }, 5, 'https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter').then(() => (loaded = true));
    await Promise.resolve();
    expect(asked).toEqual(['https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter']);

    // The previous page still reported complete: not the new one.
    fake.update(5, { status: 'complete', url: 'https://portail.chorus-pro.gouv.fr/?id=cpp_accueil' });
    await Promise.resolve();
    expect(loaded).toBe(false);
    fake.update(5, { status: 'loading', url: 'https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter' });
    fake.update(5, { status: 'complete', url: 'https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter' });
    await loading;
    expect(loaded).toBe(true);
    expect(fake.listeners()).toBe(0);
  });

  it('resolves at once for a tab already loaded', async () => {
    const fake = fakeTabs({ status: 'complete', url: 'https://chorus-pro.gouv.fr/cpp/sollicitation-saisir' });
    await waitForPortalPage(fake.tabs, 5);
    expect(fake.listeners()).toBe(0);
  });

  it('waits past the blank page a new tab starts with, and ignores other tabs', async () => {
    const fake = fakeTabs({ status: 'complete', url: 'about:blank' });
    let loaded = false;
    const waiting = waitForPortalPage(fake.tabs, 5).then(() => (loaded = true));
    await Promise.resolve();

    fake.update(6, { status: 'complete', url: 'https://chorus-pro.gouv.fr/cpp/nous-contacter' });
    fake.update(5, { status: 'loading', url: 'https://chorus-pro.gouv.fr/cpp/nous-contacter' });
    await Promise.resolve();
    expect(loaded).toBe(false);

    fake.update(5, { status: 'complete', url: 'https://chorus-pro.gouv.fr/cpp/nous-contacter' });
    await waiting;
    expect(fake.listeners()).toBe(0);
  });

  it('gives up when the tab is closed, or after the timeout', async () => {
    const closed = fakeTabs({ status: 'loading' });
    const waitingForClosed = waitForPortalPage(closed.tabs, 5);
    closed.remove(5);
    await expect(waitingForClosed).rejects.toThrow('closed');
    expect(closed.listeners()).toBe(0);

    vi.useFakeTimers();
    const slow = fakeTabs({ status: 'loading' });
    const waitingForSlow = waitForPortalPage(slow.tabs, 5, 1000);
    vi.advanceTimersByTime(1000);
    await expect(waitingForSlow).rejects.toThrow('1000 ms');
    expect(slow.listeners()).toBe(0);
  });
});
