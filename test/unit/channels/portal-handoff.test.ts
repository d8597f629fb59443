import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPayloadOf } from '../../../src/channels/payload';
import { fillPortalForm } from '../../../src/channels/portal-form';
import {
  createPortalChannel,
  fileOfTransfer,
  handOffToPortal,
  HANDED_TO_PORTAL,
  requestFormTarget,
  transferOf,
  waitForPortalPage,
  type FormHandoff,
  type HandoffPorts,
  type TabEventsLike,
} from '../../../src/channels/portal-handoff';
import type { SupportRequest } from '../../../src/report/request';
import type { OutboxItem } from '../../../src/store/records';
import { validRequest } from '../server/request-fixture';
import { translatorFor } from '../support/i18n';

const t = translatorFor('fr');
const PORTAL = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/portal');
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);

function portalPage(path: string): Document {
  const html = readFileSync(join(PORTAL, path), 'utf8').replace(/<link rel="stylesheet"[^>]*>/g, '');
  return new DOMParser().parseFromString(html, 'text/html');
}

const servicesRequest = () => validRequest({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur' });

/**
 * The browser for the handoff, faked: the new tab shows `page`, and the form filler runs the
 * real fillPortalForm on it with what reached it as JSON, as scripting.executeScript passes it.
 */
function fakeBrowser(page: Document, overrides: Partial<HandoffPorts> = {}) {
  const calls: string[] = [];
  const ports: HandoffPorts = {
    async openTab(url, openerTabId) {
      calls.push(`open ${url} beside ${openerTabId}`);
      return 42;
    },
    async waitForLoad(tabId) {
      calls.push(`wait ${tabId}`);
    },
    async injectFormFiller(tabId) {
      calls.push(`inject ${tabId}`);
    },
    async callFormFiller(tabId, handoff) {
      calls.push(`call ${tabId}`);
      const { form, request, files } = JSON.parse(JSON.stringify(handoff)) as FormHandoff;
      return fillPortalForm(page, form, request, files.map(fileOfTransfer), { t });
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
    expect(target({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur' })).toBe('https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter');
    expect(target({ pageUrl: 'https://portail.chorus-pro.gouv.fr/?id=cpp_erreur', loggedIn: false })).toBe('https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter');
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
  it('opens the form beside the tab, waits for it, injects the filler and fills the form', async () => {
    const page = portalPage('services/cpp_nous_contacter.html');
    const { ports, calls } = fakeBrowser(page);
    const screenshot = await transferOf({ name: 'capture.png', type: 'image/png', blob: new Blob([PNG], { type: 'image/png' }) });

    const result = await handOffToPortal(ports, servicesRequest(), [screenshot], 7);

    expect(calls).toEqual(['open https://portail.chorus-pro.gouv.fr/?id=cpp_nous_contacter beside 7', 'wait 42', 'inject 42', 'call 42']);
    expect(result).toMatchObject({ ok: true, tabId: 42, report: { missing: [], filesNotAttached: [] } });
    const input = page.querySelector('#ticket-piece-jointe') as HTMLInputElement;
    expect(new Uint8Array(await input.files![0]!.arrayBuffer())).toEqual(PNG);
    expect((page.querySelector('#ticket-email') as HTMLInputElement).value).toBe('jean.dupont@exemple.fr');
  });

  it('says where it stopped', async () => {
    const page = portalPage('services/cpp_nous_contacter.html');
    const fails = () => Promise.reject(new Error('non'));
    const handOff = (overrides: Partial<HandoffPorts>) => handOffToPortal(fakeBrowser(page, overrides).ports, servicesRequest(), []);

    expect(await handOff({ openTab: fails })).toEqual({ ok: false, reason: 'tabNotOpened' });
    expect(await handOff({ waitForLoad: fails })).toEqual({ ok: false, reason: 'loadFailed', tabId: 42 });
    expect(await handOff({ injectFormFiller: fails })).toEqual({ ok: false, reason: 'injectionFailed', tabId: 42 });
    expect(await handOff({ callFormFiller: async () => undefined })).toEqual({ ok: false, reason: 'unexpectedAnswer', tabId: 42 });
  });

  it('reports a page without the form (the login page, the session having expired) as formNotFound', async () => {
    const { ports } = fakeBrowser(portalPage('classic/accueil.html'));

    expect(await handOffToPortal(ports, validRequest(), [])).toMatchObject({ ok: false, reason: 'formNotFound', tabId: 42, report: { filled: [] } });
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
    const page = portalPage('services/cpp_nous_contacter.html');
    const onHandoff = vi.fn();
    const channel = createPortalChannel(fakeBrowser(page).ports, { openerTabId: 7, onHandoff });

    const result = await channel.deliver(item(requestPayloadOf(servicesRequest())), [screenshotRecord]);

    expect(result).toEqual({ ok: true, status: HANDED_TO_PORTAL });
    expect(onHandoff).toHaveBeenCalledWith('item-1', expect.objectContaining({ ok: true, tabId: 42 }));
    expect((page.querySelector('#ticket-piece-jointe') as HTMLInputElement).files?.[0]?.name).toBe('capture.png');
  });

  it('leaves a failed handoff to the user rather than opening tabs on its own', async () => {
    const channel = createPortalChannel(fakeBrowser(portalPage('classic/accueil.html')).ports, {});

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
