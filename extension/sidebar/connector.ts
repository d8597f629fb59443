// The sidebar's only way to the rest of the extension; component tests pass a fake instead.
import { extensionApi as browser } from '../shared/native-runtime';
import type { ScreenshotFailure, ScreenshotOutcome, ScreenshotProgress } from '../../src/capture/screenshot';
import type { EngineName, NotDrawn } from '../../src/capture/engine-choice';
import type { SidebarState } from '../../src/context/sidebar-state';
import type { HistoryExport, RequestsOverview } from '../../src/protocol/background';
import type { SidebarPortMessage } from '../../src/protocol/sidebar-port';
import { sidebarPortName } from '../../src/protocol/sidebar-token';
import type { DraftOpened, DraftSave, DraftSaveOutcome, DraftSummary } from '../../src/report/draft';
import type { FillReport } from '../../src/channels/portal-form';
import type { Profile } from '../../src/report/prefill';
import type { SupportRequest } from '../../src/report/request';
import type { DeliveryError, HistoryEntry, OutboxState } from '../../src/store/records';
import type { StorageErrorKind } from '../../src/store/errors';
import { backgroundCaller, type BackgroundCall } from '../shared/messaging';
import type { CompatibilityReport } from '../../src/context/compatibility-report';
import type { ReceivedImage } from './attachment-files';

/** One line of the History part; a request still in the outbox has its delivery state as status, and why it waits. */
export type HistorySummary = Pick<HistoryEntry, 'id' | 'sentAt' | 'reference' | 'channel' | 'route' | 'status' | 'title'> & {
  error?: DeliveryError;
  /** Still not delivered a week after Send: the user is told, and can retry or export it. */
  overdue?: boolean;
};

/** What a channel answers once it has taken the request. */
export interface SendReceipt {
  /** The support reference, when the channel gives one (the backend does; the portal form does not). */
  reference?: string;
  /** delivered; queued (kept, retried automatically); failed (with the reason). */
  state: OutboxState;
  error?: DeliveryError;
  /** Portal form: what was filled and what the user completes by hand. */
  handoff?: FillReport;
}

/** The background refused the request: these fields are wrong. */
export class RequestRefusedError extends Error {
  constructor(readonly fields: string[]) {
    super(`refused: ${fields.join(', ')}`);
    this.name = 'RequestRefusedError';
  }
}

/** The browser refused to store the request (storage full, database blocked…): nothing was kept or sent. */
export class RequestNotStoredError extends Error {
  constructor(readonly reason: StorageErrorKind) {
    super(`the request could not be stored (${reason})`);
    this.name = 'RequestNotStoredError';
  }
}

/** Thrown by a channel that is not set up yet: the sidebar says so rather than pretending. */
export class ChannelNotConfiguredError extends Error {
  constructor(readonly channel: 'portal' | 'backend') {
    super(`the ${channel} channel is not configured`);
    this.name = 'ChannelNotConfiguredError';
  }
}

export interface SidebarConnector {
  load(): Promise<SidebarState>;
  close(): Promise<void>;
  /** Follows the tab's path sequence and technical details as the background records them; returns the unsubscribe. */
  watchTab(onChange: (change: SidebarPortMessage) => void): () => void;
  /** The user's profile from the options page (storage.local), pre-filled into the request. */
  loadProfile(): Promise<Profile>;
  /** The requests sent from this browser, newest first. */
  history(): Promise<HistorySummary[]>;
  /** "Retry now": every waiting backend request is tried at once; then the same list as history(). */
  retryWaiting(): Promise<HistorySummary[]>;
  /** Opens and fills the portal's own request form (the user validates it there). `draftId`: the draft it was written in, deleted once queued. */
  sendToPortal(request: SupportRequest, files: File[], draftId?: string): Promise<SendReceipt>;
  /** Delivers the request to the configured support backend. */
  sendToBackend(request: SupportRequest, files: File[], draftId?: string): Promise<SendReceipt>;
  /** History opened: the statuses asked again of the backend (bounded; failures ignored), then the list. */
  refreshHistory(): Promise<HistorySummary[]>;
  /** Every request as a JSON document, to save as a file. */
  exportHistory(): Promise<HistoryExport>;
  /** Erases the requests sent; returns what is left (those waiting). */
  eraseHistory(): Promise<HistorySummary[]>;
  /** Stores the request form as typed (autosave). */
  saveDraft(draft: DraftSave): Promise<DraftSaveOutcome>;
  /** The latest draft of this tab, to restore instead of a fresh pre-fill. */
  latestDraft(): Promise<DraftOpened | null>;
  /** A closed tab's draft, reopened into this sidebar's request. */
  openDraft(id: string): Promise<DraftOpened | null>;
  discardDraft(id: string): Promise<void>;
  /** The drafts of closed tabs, newest first. */
  drafts(): Promise<DraftSummary[]>;
  /** "Page entière": the whole page in one or more masked images (or why not). */
  /** The parts come with their Blobs (handed over by the page). */
  /** `compatibility`: drawn by html2canvas ("Recapturer (mode compatibilité)"). */
  captureWholePage(compatibility?: boolean): Promise<{ status: 'done'; capturedAt: number; images: ReceivedImage[]; engine: EngineName; notDrawn: NotDrawn[] } | ScreenshotFailure>;
  /** How far the whole-page capture is; null when none runs. */
  captureProgress(): Promise<ScreenshotProgress | null>;
  cancelCapture(): Promise<boolean>;
  /** "Reprendre": the visible area again, this sidebar hidden meanwhile. */
  retakeScreenshot(): Promise<ScreenshotOutcome>;
  /** Technical details → compatibility: what the extension recognises on this tab's page (null when it cannot be checked). */
  checkCompatibility(): Promise<CompatibilityReport | null>;
}

/**
 * Firefox hands messages to extension frames inside web pages as objects of another global,
 * which Svelte's state cannot make reactive (it only proxies this page's own plain objects):
 * the sidebar works on a copy made in its own global.
 */
function ownCopy<T>(value: T): T {
  return structuredClone(value);
}

/** Waiting requests first, then those sent, as History lists them. */
async function send(callBackground: BackgroundCall, channel: 'portal' | 'backend', request: SupportRequest, files: File[], draftId?: string): Promise<SendReceipt> {
  const { dataUrlOfBlob } = await import('../../src/data-url');
  const sentFiles = await Promise.all(files.map(async (file) => ({ name: file.name, type: file.type, dataUrl: await dataUrlOfBlob(file) })));
  const outcome = ownCopy(
    await callBackground('request/send', {
      send: { channel, request: request as unknown as Record<string, unknown>, files: sentFiles, ...(draftId === undefined ? {} : { draftId }) },
    }),
  );
  if (outcome.status === 'notConfigured') throw new ChannelNotConfiguredError(channel);
  if (outcome.status === 'invalid') throw new RequestRefusedError(outcome.errors.map((error) => error.field));
  if (outcome.status === 'storageFailed') throw new RequestNotStoredError(outcome.reason);
  return {
    state: outcome.status,
    ...(outcome.reference ? { reference: outcome.reference } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.handoff ? { handoff: outcome.handoff } : {}),
  };
}

function summariesOf(overview: RequestsOverview): HistorySummary[] {
  const { sent, waiting } = ownCopy(overview);
  return [...waiting, ...sent].map((entry) => ({
    id: entry.id,
    sentAt: entry.at,
    channel: entry.channel,
    route: entry.route,
    status: entry.status,
    title: entry.title,
    ...(entry.reference ? { reference: entry.reference } : {}),
    ...(entry.error ? { error: entry.error } : {}),
    ...('overdue' in entry && entry.overdue ? { overdue: true } : {}),
  }));
}

/** `token`: this opening's, from the frame's address (see protocol/sidebar-token.ts). */
export function createSidebarConnector(token: string): SidebarConnector {
  const callBackground = backgroundCaller(token);
  // A whole-page capture whose receiver is still loading: the background knows of no capture
  // yet, so a Cancel pressed then is kept here and the capture never starts.
  let starting: { cancelled: boolean } | null = null;
  return {
    load: async () => ownCopy(await callBackground('sidebar/load')),
    async close() {
      await callBackground('sidebar/close');
    },
    watchTab(onChange) {
      // A port to the background, which knows our tab from the port's sender. (Firefox gives
      // extension frames inside web pages no storage.session, so the sidebar cannot watch it.)
      const port = browser.runtime.connect({ name: sidebarPortName(token) });
      // The port's guards load apart from the first paint; messages keep their order, each
      // checked once they are there.
      const parsing = import('../../src/protocol/sidebar-port').then((protocol) => protocol.parseSidebarPortMessage);
      let watching = true;
      port.onMessage.addListener((raw: unknown) => {
        const copy = ownCopy(raw);
        void parsing.then((parse) => {
          const message = parse(copy);
          if (message && watching) onChange(message);
        });
      });
      return () => {
        watching = false;
        port.disconnect();
      };
    },
    // storage.local is available to the sidebar frame in both browsers (storage.session is not, in Firefox).
    // Only the request uses the profile: the settings' code loads with it, not with the sidebar.
    async loadProfile() {
      const { createSettingsStore } = await import('../../src/store/settings');
      return ownCopy((await createSettingsStore(browser.storage.local).load()).profile);
    },
    history: async () => summariesOf(await callBackground('requests/list')),
    retryWaiting: async () => summariesOf(await callBackground('requests/retry')),
    sendToPortal: (request, files, draftId) => send(callBackground, 'portal', request, files, draftId),
    sendToBackend: (request, files, draftId) => send(callBackground, 'backend', request, files, draftId),
    refreshHistory: async () => summariesOf(await callBackground('requests/refresh')),
    exportHistory: async () => ownCopy(await callBackground('requests/export')),
    eraseHistory: async () => summariesOf(await callBackground('requests/erase')),
    saveDraft: async (draft) => ownCopy(await callBackground('draft/save', { draft })),
    latestDraft: async () => ownCopy(await callBackground('draft/latest')),
    openDraft: async (id) => ownCopy(await callBackground('draft/open', { id })),
    async discardDraft(id) {
      await callBackground('draft/discard', { id });
    },
    drafts: async () => ownCopy(await callBackground('drafts/list')),
    async captureWholePage(compatibility = false) {
      // The images come from the page into this frame (receivePageParts); the background says how it ended.
      const handOver = crypto.randomUUID();
      const start = { cancelled: false };
      starting = start;
      const { receivePageParts } = await import('./page-parts').finally(() => {
        if (starting === start) starting = null;
      });
      if (start.cancelled) return { status: 'failed', reason: 'cancelled', message: 'cancelled before it started' };
      const parts = receivePageParts(window, handOver);
      try {
        const outcome = ownCopy(await callBackground('screenshot/page', compatibility ? { handOver, engine: 'html2canvas' } : { handOver }));
        if (outcome.status !== 'done') return outcome;
        return { status: 'done', capturedAt: outcome.capturedAt, images: await parts.images(outcome.parts), engine: outcome.engine, notDrawn: outcome.notDrawn };
      } catch (error) {
        return { status: 'failed', reason: 'failed', message: error instanceof Error ? error.message : String(error) };
      } finally {
        parts.stop();
      }
    },
    captureProgress: async () => ownCopy(await callBackground('screenshot/progress')),
    async cancelCapture() {
      if (!starting) return callBackground('screenshot/cancel');
      starting.cancelled = true;
      return true;
    },
    retakeScreenshot: async () => ownCopy(await callBackground('screenshot/retake')),
    checkCompatibility: async () => ownCopy(await callBackground('compatibility/check')),
  };
}
