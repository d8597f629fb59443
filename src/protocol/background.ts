/**
 * What the background does for the sidebar frame of a tab, and for a portal tab's content
 * script: one table, from which the message types, the parser, the sender each message must
 * come from and the handlers' types are derived. The background registers one handler per type
 * (BackgroundHandlers): a missing handler, or an answer of another type, does not compile.
 */
import { isScreenshotOutcome, isScreenshotProgress, isWholePageOutcome } from '../capture/screenshot';
import type { FillReport } from '../channels/portal-form';
import { isFillReport } from '../channels/fill-report';
import { isCompatibilityReport } from '../context/compatibility-report';
import { isSidebarState } from '../context/sidebar-state';
import { MAX_FILE_DATA_URL_LENGTH } from '../data-url';
import { isDiagnosticEntry } from '../diagnostics/entry';
import { isOfferedError } from '../offer/rules';
import { isDraftOpened, isDraftSave, isDraftSaveOutcome, isDraftSummary } from '../report/draft';
import type { FieldError } from '../report/request';
import type { ChannelKind, DeliveryError, OutboxState } from '../store/records';
import type { ContentStart } from '../store/settings-switches';
import { STORAGE_ERROR_KINDS, type StorageErrorKind } from '../store/errors';
import { MAX_STEPS_PER_REPORT, type PageReport } from '../trail/page-report';
import { isTrailStep } from '../trail/step';
import { isSidebarStatus } from './content';
import { arrayOf, exactObject, isBoolean, isId, isNull, isNumber, isPlainObject, isString, literal, objectWith, oneOf, orNull, stringUpTo, type Guard } from './guards';
import { isPortalContentSender, isSidebarSender, type SenderInfo } from './senders';
import { isSidebarToken, sameToken } from './sidebar-token';
import { parseMessage, type AnyMessageOf, type ApiOf, type MessageOf, type ProtocolTable, type ResponseOf } from './table';

export interface HistoryExport {
  /** File name to save it under. */
  fileName: string;
  json: string;
}

/** A file as it crosses from the sidebar (Chrome's messages carry JSON only). */
export interface SentFile {
  name: string;
  type: string;
  dataUrl: string;
}

export interface SendRequest {
  channel: ChannelKind;
  /** A SupportRequest; the background checks it in full (parseSupportRequest). */
  request: Record<string, unknown>;
  files: SentFile[];
  /** The draft the request was written in: deleted once the request is in the outbox. */
  draftId?: string;
}

export type SendOutcome =
  | { status: 'invalid'; errors: FieldError[] }
  | { status: 'notConfigured' }
  /** The browser refused to store the request (storage full, database blocked…): nothing was kept or sent. */
  | { status: 'storageFailed'; reason: StorageErrorKind }
  | {
      status: OutboxState;
      outboxId: string;
      reference?: string;
      error?: DeliveryError;
      /** Portal form: what was filled and what the user must complete by hand. */
      handoff?: FillReport;
    };

export interface RequestSummary {
  id: string;
  title: string;
  channel: ChannelKind;
  route: string;
  /** History: the channel's status words; outbox: the delivery state. */
  status: string;
  at: number;
  reference?: string;
  error?: DeliveryError;
  overdue?: boolean;
}

export interface RequestsOverview {
  waiting: RequestSummary[];
  sent: RequestSummary[];
}

const MAX_FILES = 10;

const isChannel = literal('portal', 'backend');

const isSentFile: Guard<SentFile> = exactObject({ name: stringUpTo(200), type: stringUpTo(100), dataUrl: stringUpTo(MAX_FILE_DATA_URL_LENGTH) });

const isSendRequest: Guard<SendRequest> = exactObject(
  {
    channel: isChannel,
    request: isPlainObject,
    files: (value: unknown): value is SentFile[] => Array.isArray(value) && value.length <= MAX_FILES && value.every(isSentFile),
  },
  { draftId: isId },
);

// Answers come from our own background: checked for their type, not for what rides along.
const isDeliveryError: Guard<DeliveryError> = objectWith(
  { kind: literal('offline', 'server', 'rejected', 'timeout', 'auth', 'tooLarge', 'rateLimited', 'settings', 'unknown') },
  { status: isNumber, message: isString },
);

const isSendOutcome: Guard<SendOutcome> = oneOf(
  objectWith({ status: literal('invalid'), errors: arrayOf(objectWith({ field: isString, code: isString }) as Guard<FieldError>) }),
  objectWith({ status: literal('notConfigured') }),
  objectWith({ status: literal('storageFailed'), reason: literal(...STORAGE_ERROR_KINDS) }),
  objectWith(
    { status: literal('queued', 'sending', 'delivered', 'failed'), outboxId: isString },
    { reference: isString, error: isDeliveryError, handoff: isFillReport },
  ),
);

const isRequestSummary: Guard<RequestSummary> = objectWith(
  { id: isString, title: isString, channel: isChannel, route: isString, status: isString, at: isNumber },
  { reference: isString, error: isDeliveryError, overdue: isBoolean },
);

const isRequestsOverview: Guard<RequestsOverview> = objectWith({ waiting: arrayOf(isRequestSummary), sent: arrayOf(isRequestSummary) });

const isHistoryExport: Guard<HistoryExport> = objectWith({ fileName: isString, json: isString });

/** The sidebar's token for one "Page entière": crypto.randomUUID(). */
const isHandOverToken = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

const isSelectorList = arrayOf(isString);
const isContentStart: Guard<ContentStart> = exactObject({
  recordPath: isBoolean,
  technicalDetails: isBoolean,
  pathLists: exactObject({
    errorContainers: isSelectorList,
    infoContainers: isSelectorList,
    fieldErrors: isSelectorList,
    breadcrumbSelectors: isSelectorList,
    activeMenuSelectors: isSelectorList,
  }),
});

const hasReportShape = exactObject({ steps: (value: unknown): value is PageReport['steps'] => Array.isArray(value) && value.length <= MAX_STEPS_PER_REPORT && value.every(isTrailStep) }, { errorShown: isBoolean });
/** A report says something: at least one step, or the error's change. */
const isPageReport: Guard<PageReport> = (value): value is PageReport => hasReportShape(value) && (value.steps.length > 0 || value.errorShown !== undefined);

const bare = exactObject({});
const byId = exactObject({ id: isId });

/** Who may send a message: the sidebar framed in a portal tab, or our content script in its top frame. */
type From = 'sidebar' | 'content';

export const BACKGROUND_PROTOCOL = {
  /** Everything the sidebar shows on opening, for the tab it sits in. */
  'sidebar/load': { from: 'sidebar', request: bare, response: isSidebarState },
  /** The user closed the sidebar from inside (close button, Escape). */
  'sidebar/close': { from: 'sidebar', request: bare, response: isSidebarStatus },
  /** A portal page loaded: whether its content script records the path and notes technical details, and the path's lists for its page. */
  'settings/switches': { from: 'content', request: bare, response: isContentStart },
  /**
   * What the content script's page did, noted together: more steps of its tab's path sequence,
   * and whether it started or stopped showing an error message (the badge and the in-page offer follow).
   */
  'page/report': { from: 'content', request: isPageReport, response: isNull },
  /** "Besoin d'aide ?" pressed beside this error: the sidebar opens on Help, that error's article first. */
  'offer/open': { from: 'content', request: exactObject({ error: isOfferedError }), response: isNull },
  /** The user declined the in-page offer on this page (this tab), or everywhere (the options' switch off). */
  'offer/dismiss': { from: 'content', request: exactObject({ scope: literal('page', 'everywhere') }), response: isNull },
  /** Technical details switched on: a script error or failed request of the content script's page. */
  'diagnostics/record': { from: 'content', request: exactObject({ entry: isDiagnosticEntry }), response: isNull },
  /** The reviewed request and its files, into the outbox, then delivered. */
  'request/send': { from: 'sidebar', request: exactObject({ send: isSendRequest }), response: isSendOutcome },
  /** Requests sent (History) and those still waiting (outbox). */
  'requests/list': { from: 'sidebar', request: bare, response: isRequestsOverview },
  /** "Retry now": every waiting backend request is tried at once. */
  'requests/retry': { from: 'sidebar', request: bare, response: isRequestsOverview },
  /**
   * "Page entière": the whole page rendered in the tab, masked, in one or more images, which the
   * page hands to the sidebar itself (PagePart, with this token); the answer says how it ended.
   */
  'screenshot/page': { from: 'sidebar', request: exactObject({ handOver: isHandOverToken }, { engine: literal('auto', 'html2canvas') }), response: isWholePageOutcome },
  /** How far the whole-page capture of the sidebar's tab is (null when none runs). */
  'screenshot/progress': { from: 'sidebar', request: bare, response: isScreenshotProgress },
  /** Stops the whole-page capture of the sidebar's tab; true when one was running. */
  'screenshot/cancel': { from: 'sidebar', request: bare, response: isBoolean },
  /** "Reprendre": the visible area again, the sidebar hidden meanwhile, masked. */
  'screenshot/retake': { from: 'sidebar', request: bare, response: isScreenshotOutcome },
  /** History opened: statuses asked again of the backend, stored, then the lists. */
  'requests/refresh': { from: 'sidebar', request: bare, response: isRequestsOverview },
  /** History → Export: every request as a JSON document. */
  'requests/export': { from: 'sidebar', request: bare, response: isHistoryExport },
  /** History → Erase, confirmed: requests sent are erased; those waiting stay. */
  'requests/erase': { from: 'sidebar', request: bare, response: isRequestsOverview },
  /** The request form as typed, autosaved. */
  'draft/save': { from: 'sidebar', request: exactObject({ draft: isDraftSave }), response: isDraftSaveOutcome },
  /** On opening: the latest draft of the sidebar's tab, or null. */
  'draft/latest': { from: 'sidebar', request: bare, response: orNull(isDraftOpened) },
  /** History → Drafts → Reopen: that draft, now the draft of this tab; null when gone. */
  'draft/open': { from: 'sidebar', request: byId, response: orNull(isDraftOpened) },
  /** "Discard draft": deleted with its files. */
  'draft/discard': { from: 'sidebar', request: byId, response: isNull },
  /** History → Drafts: the drafts of closed tabs, newest first. */
  'drafts/list': { from: 'sidebar', request: bare, response: arrayOf(isDraftSummary) },
  /** Technical details → compatibility: the detectors and form fields found in the sidebar's tab (null when it cannot be checked). */
  'compatibility/check': { from: 'sidebar', request: bare, response: orNull(isCompatibilityReport) },
} as const satisfies ProtocolTable & Record<string, { from: From }>;

type Table = typeof BACKGROUND_PROTOCOL;
export type BackgroundType = keyof Table;
export type BackgroundApi = ApiOf<Table>;
export type BackgroundMessage = AnyMessageOf<Table>;

export function parseBackgroundMessage(value: unknown): BackgroundMessage | null {
  return parseMessage(BACKGROUND_PROTOCOL, value);
}

/** The answer a message of this type expects, checked as the sender receives it. */
export function isBackgroundResponse<K extends BackgroundType>(type: K, value: unknown): value is ResponseOf<Table, K> {
  return (BACKGROUND_PROTOCOL[type].response as Guard<ResponseOf<Table, K>>)(value);
}

/** The tab a message came from, as the browser describes it. */
export type SenderTab = NonNullable<SenderInfo['tab']> & { id: number };

/** One handler per message type, given the message and the tab of its (checked) sender. */
export type BackgroundHandlers<Tab extends SenderTab> = {
  [K in BackgroundType]: (message: MessageOf<Table, K>, tab: Tab) => Promise<ResponseOf<Table, K>>;
};

export interface RouterContext {
  extensionId: string;
  /** runtime.getURL of the sidebar page. */
  sidebarUrl: string;
  /** The token of the tab's latest sidebar opening (null: none). */
  sidebarTokenOf(tabId: number): Promise<string | null>;
}

/** A sidebar message as it travels: the message and the token of the sidebar's opening. */
export type SidebarEnvelope = BackgroundMessage & { token: string };

/** Splits the token off a message; the rest must be exactly a message of the table. */
function withoutToken(raw: unknown): { token?: unknown; rest: unknown } {
  if (!isPlainObject(raw) || !Object.hasOwn(raw, 'token')) return { rest: raw };
  const { token, ...rest } = raw;
  return { token, rest };
}

/**
 * The background's onMessage listener: a message of the table, from the sender its type allows,
 * goes to its handler, whose promise is the answer; anything else is ignored (undefined). A
 * sidebar message must carry the token of its tab's latest opening, or it is refused: a copy of
 * the sidebar page framed by the page itself has none.
 */
export function createBackgroundRouter<Tab extends SenderTab>(handlers: BackgroundHandlers<Tab>, context: RouterContext) {
  return (raw: unknown, sender: SenderInfo & { tab?: Omit<Tab, 'id'> & { id?: number } }): Promise<unknown> | undefined => {
    const { token, rest } = withoutToken(raw);
    const message = parseBackgroundMessage(rest);
    if (!message) return undefined;
    const handle = handlers[message.type] as (message: BackgroundMessage, tab: Tab) => Promise<unknown>;
    const from: From = BACKGROUND_PROTOCOL[message.type].from;
    if (from === 'content') return token === undefined && isPortalContentSender(sender, context.extensionId) ? handle(message, sender.tab as Tab) : undefined;
    if (!isSidebarToken(token) || !isSidebarSender(sender, context.extensionId, context.sidebarUrl)) return undefined;
    const tab = sender.tab as Tab;
    return context.sidebarTokenOf(tab.id).then((expected) => {
      if (!sameToken(expected, token)) throw new Error('not the sidebar of this tab');
      return handle(message, tab);
    });
  };
}
