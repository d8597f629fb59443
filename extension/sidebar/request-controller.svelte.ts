// The request's state and everything done with it — fields, validation, the screenshot's files,
// drafts saved as typed, sending — apart from how it is drawn: the request panel and its
// preview only render what this holds and call its methods. Runes in a plain module, so it is
// unit-tested without a DOM.
import { untrack } from 'svelte';
import type { SvelteSet } from 'svelte/reactivity';
import { blobOfDataUrl, dataUrlOfBlob } from '../../src/data-url';
import type { SidebarState } from '../../src/context/sidebar-state';
import { findCategory, findSubCategory, routeOf } from '../../src/report/categories';
import { createDraftWriter, DraftSaveError, type DraftOpened, type DraftSnapshot } from '../../src/report/draft';
import { buildPrefill, factsFromItems, fieldProblems, keptItems, toSupportRequest, type FieldName, type Profile, type RequestFields } from '../../src/report/prefill';
import { renderRequestText } from '../../src/report/render-text';
import { parseSupportRequest, type SupportRequest } from '../../src/report/request';
import { problemMessageKey } from '../../src/report/validators';
import { createDraftAutosave, type Timers } from '../../src/store/autosave';
import type { Translate } from '../../src/i18n';
import { revokeThumbnail, sha256Hex, type AttachmentItem, type Screenshot } from './attachment-files';
import { ChannelNotConfiguredError, RequestNotStoredError, RequestRefusedError, type SendReceipt, type SidebarConnector } from './connector';

/** Form order: the first invalid one gets the focus on sending. */
export const FIELD_ORDER: readonly FieldName[] = ['category', 'subCategory', 'issuer', 'name', 'connectionId', 'phone', 'email', 'identifierType', 'siret', 'invoiceNumber', 'title', 'description', 'attachments', 'browser', 'pageUrl'];

const FIELD_LABEL_KEYS: Record<FieldName, string> = {
  category: 'requestFieldCategory',
  subCategory: 'requestFieldSubCategory',
  issuer: 'requestFieldIssuer',
  name: 'requestFieldName',
  connectionId: 'requestFieldConnectionId',
  phone: 'requestFieldPhone',
  email: 'requestFieldEmail',
  identifierType: 'requestFieldIdentifierType',
  siret: 'requestFieldSiret',
  invoiceNumber: 'requestFieldInvoice',
  title: 'requestFieldTitle',
  description: 'requestFieldDescription',
  attachments: 'requestAttachmentsHeading',
  browser: 'requestFieldBrowser',
  pageUrl: 'requestFieldPageUrl',
};

export type Channel = 'portal' | 'backend';

export interface SendOutcomeText {
  ok: boolean;
  text: string;
}

/** What the controller reads from the panel: live values are getters, so it follows the props. */
export interface RequestSources {
  sidebar: () => SidebarState;
  profile: Profile;
  removed: SvelteSet<string>;
  connector: SidebarConnector;
  t: Translate;
  formatTime: (epochMs: number) => string;
  /** The screenshot's images: the toolbar click's, or what the user made of it since. */
  screenshots: () => Screenshot[];
  /** The toolbar click's screenshot is still on its way: when it comes, it is the initial one. */
  screenshotPending: () => boolean;
  /** A stored draft to continue instead of a fresh pre-fill. */
  draft: DraftOpened | null;
  /** The user discarded the draft: the sidebar starts a fresh pre-fill. */
  ondiscard?: () => void;
  timers: Timers;
  newId?: () => string;
}

/** What a send did, in plain words: delivered, kept to be retried, or failed and why. */
export function outcomeOf(receipt: SendReceipt, channel: Channel, t: Translate): SendOutcomeText {
  if (receipt.state === 'delivered') {
    if (channel === 'backend') return { ok: true, text: receipt.reference ? t('requestSentBackend', [receipt.reference]) : t('requestSentBackendNoReference') };
    const missing = receipt.handoff?.missing ?? [];
    return { ok: true, text: missing.length > 0 ? `${t('requestSentPortal')} ${t('requestPortalMissing', [missing.join(', ')])}` : t('requestSentPortal') };
  }
  if (receipt.handoff?.formFound === false) return { ok: false, text: t('requestPortalFormNotFound') };
  if (receipt.state === 'failed') return { ok: false, text: t('requestFailed', [t(`deliveryError_${receipt.error?.kind ?? 'unknown'}`)]) };
  return { ok: true, text: t('requestQueued', [t(`deliveryError_${receipt.error?.kind ?? 'unknown'}`)]) };
}

function failureText(error: unknown, channel: Channel, t: Translate): string {
  const notConfigured = error instanceof ChannelNotConfiguredError || (error instanceof Error && /not configured/i.test(error.message));
  if (notConfigured) return t(channel === 'portal' ? 'requestNotConfiguredPortal' : 'requestNotConfiguredBackend');
  if (error instanceof RequestRefusedError) return t('requestNotAccepted', [error.fields.join(' ; ')]);
  if (error instanceof RequestNotStoredError) return t(`requestNotStored_${error.reason}`);
  return t('requestSendFailed');
}

/** The portal form's answer to a Send, with the request and the file names it was given. */
export interface HandedOff {
  report: NonNullable<SendReceipt['handoff']>;
  request: SupportRequest;
  fileNames: string[];
}

export class RequestController {
  readonly initial;
  readonly restored: DraftOpened | null;

  fields = $state<RequestFields>() as RequestFields;
  attachments = $state<AttachmentItem[]>([]);
  touched = $state<Partial<Record<FieldName, boolean>>>({});
  submitted = $state(false);
  sending = $state(false);
  outcome = $state<SendOutcomeText | null>(null);
  handedOff = $state<HandedOff | null>(null);
  copyStatus = $state('');
  draftSavedAt = $state<number | null>(null);
  draftProblem = $state<string | null>(null);
  discarding = $state(false);
  showRestored = $state(false);
  /** The files are in place (screenshot attached, or the draft's files restored): changes from now on are drafts. */
  formReady = $state(false);

  kept = $derived.by(() => keptItems(this.sources.sidebar(), { t: this.sources.t, formatTime: this.sources.formatTime, removed: this.sources.removed }));
  facts = $derived.by(() => factsFromItems(this.sources.sidebar(), this.kept));
  metas = $derived(this.attachments.map((item) => ({ name: item.name, type: item.file.type, size: item.file.size, sha256: item.sha256 })));
  problems = $derived.by(() => fieldProblems(this.fields, this.facts, this.metas, this.sources.t));
  route = $derived(routeOf(this.fields.category, this.fields.subCategory));
  subCategories = $derived(findCategory(this.fields.category)?.subCategories ?? []);
  suggestionKept = $derived.by(() => this.fields.category === this.initial.suggestion.category && this.fields.subCategory === this.initial.suggestion.subCategory);
  request = $derived.by(() => toSupportRequest(this.fields, this.facts, this.metas, this.sources.t));
  parsed = $derived(parseSupportRequest(this.request));
  shownProblems = $derived(FIELD_ORDER.filter((name) => this.problems[name] && (this.submitted || this.touched[name])));
  summary = $derived.by(() =>
    this.shownProblems.length > 0
      ? this.sources.t('requestProblemsSummary', [this.shownProblems.map((name) => this.sources.t(FIELD_LABEL_KEYS[name])).join(', ')])
      : this.submitted
        ? this.sources.t('requestProblemsNone')
        : '',
  );

  readonly #writer;
  readonly #autosave;
  /** While a request is being sent, saves wait: the draft it came from is deleted once it is queued. */
  #sendDone: Promise<unknown> = Promise.resolve();
  #discarded = false;
  #screenshotRound = 0;

  /** Call during a component's initialisation (or inside $effect.root): it sets up its own effects. */
  constructor(private readonly sources: RequestSources) {
    this.initial = untrack(() => buildPrefill(sources.sidebar(), sources.profile, { t: sources.t, formatTime: sources.formatTime, removed: sources.removed }));
    this.restored = sources.draft;
    this.fields = { ...(this.restored?.form.values ?? this.initial.fields) };
    this.showRestored = this.restored !== null;

    this.#writer = createDraftWriter({
      save: (save) => sources.connector.saveDraft(save),
      dataUrlOf: dataUrlOfBlob,
      newId: sources.newId ?? (() => crypto.randomUUID()),
      incidentId: untrack(() => `${sources.sidebar().tabId}-${sources.sidebar().capture?.capturedAt ?? Date.now()}`),
    });
    this.#autosave = createDraftAutosave<DraftSnapshot>((snapshot) => this.#saveDraft(snapshot), { timers: sources.timers, onError: () => undefined });

    this.#attachScreenshots();
    this.#saveChanges();
  }

  /** The message of a field's problem, once the field was left or Send pressed; null otherwise. */
  errorOf(name: FieldName): string | null {
    const code = this.problems[name];
    return code && (this.submitted || this.touched[name]) ? this.sources.t(problemMessageKey(code)) : null;
  }

  leave(name: FieldName): void {
    this.touched[name] = true;
  }

  /** A new category keeps the sub-category only when it belongs to it. */
  chooseCategory(category: string): void {
    this.fields.category = category;
    if (!findSubCategory(this.fields.category, this.fields.subCategory)) this.fields.subCategory = '';
  }

  clear(name: keyof RequestFields): void {
    this.fields[name] = '';
  }

  // The screenshot's images lead the files; a new screenshot (whole page, retaken, annotated)
  // replaces them, the user's own files stay. A restored draft keeps its own screenshot until
  // the user makes a new one; one whose screenshots were not kept (memory only, the browser quit
  // since) takes this opening's, as a fresh request would.
  #attachScreenshots(): void {
    let initialShots = untrack(() => this.sources.screenshots());
    let clickShotAwaited = untrack(() => this.sources.screenshotPending());
    $effect(() => {
      const shots = this.sources.screenshots();
      if (clickShotAwaited && !this.sources.screenshotPending()) {
        clickShotAwaited = false;
        initialShots = shots;
      }
      if (this.restored && this.restored.screenshotsNotKept === 0 && shots === initialShots) return;
      const round = ++this.#screenshotRound;
      void Promise.all(shots.map(async (shot) => ({ shot, sha256: await sha256Hex(shot.file) }))).then((hashed) => {
        if (round !== this.#screenshotRound) return;
        const items = hashed.map(
          ({ shot, sha256 }, index): AttachmentItem => ({ id: -(round * 100 + index), file: shot.file, name: shot.file.name, renamedFrom: null, thumbnail: URL.createObjectURL(shot.file), sha256, screenshot: true }),
        );
        const previous = untrack(() => this.attachments);
        for (const item of previous) if (item.screenshot) revokeThumbnail(item);
        this.attachments = [...items, ...previous.filter((item) => !item.screenshot)];
        this.formReady = true;
      });
    });
  }

  /** The restored draft's files, made into attachments again; the form is ready once they are. */
  async restoreDraftFiles(): Promise<void> {
    const restored = this.restored;
    if (!restored) return;
    const restoredFiles = await Promise.all(
      restored.files.map(async (stored, index) => {
        const blob = blobOfDataUrl(stored.dataUrl) ?? new Blob([], { type: stored.type });
        const file = new File([blob], stored.name, { type: stored.type });
        const screenshot = restored.form.files[index]?.screenshot ?? false;
        const item: AttachmentItem = { id: index + 1, file, name: stored.name, renamedFrom: null, thumbnail: stored.type.startsWith('image/') ? URL.createObjectURL(file) : null, sha256: await sha256Hex(file), screenshot };
        return [item, stored.attachmentId] as const;
      }),
    );
    this.#writer.adopt(restored.id, restored.incidentId, restoredFiles.map(([item, attachmentId]) => [item.file, attachmentId] as const));
    this.attachments = [...untrack(() => this.attachments).filter((item) => item.screenshot), ...restoredFiles.map(([item]) => item)];
    this.formReady = true;
  }

  // Drafts: every change of the form (fields, removed items, files) is saved within 500 ms
  // through the background, and at once when the sidebar closes or Send is pressed. A failed
  // save is said; what is typed stays in the form and is saved again at the next change.
  async #saveDraft(snapshot: DraftSnapshot): Promise<void> {
    await this.#sendDone;
    if (this.#discarded) return;
    try {
      await this.#writer.write(snapshot);
    } catch (error) {
      this.draftProblem = this.sources.t(`draftSaveFailed_${error instanceof DraftSaveError ? error.reason : 'unknown'}`);
      throw error;
    }
    this.draftProblem = null;
    this.draftSavedAt = Date.now();
  }

  #saveChanges(): void {
    // The form as it was opened (pre-fill or draft, with the files attached once ready) is not
    // a change worth a draft until it differs. What is typed before the files are ready is one.
    const opened = untrack(() => ({ values: { ...this.fields }, removed: [...this.sources.removed] }));
    let unchanged: string | null = null;
    $effect(() => {
      const snapshot: DraftSnapshot = {
        form: { values: { ...this.fields }, removed: [...this.sources.removed], files: this.attachments.map((item) => ({ name: item.name, screenshot: item.screenshot })) },
        files: this.attachments.map((item) => item.file),
      };
      if (!this.formReady) return;
      const json = JSON.stringify(snapshot.form);
      unchanged ??= JSON.stringify({ ...opened, files: snapshot.form.files });
      if (json === unchanged) return;
      unchanged = '';
      this.#autosave.change(snapshot);
    });
  }

  /** Saves what is not saved yet; resolves once stored (or once the failure is shown). */
  flushDraft(): Promise<void> {
    return this.#autosave.flush().catch(() => undefined);
  }

  async discardDraft(): Promise<void> {
    this.discarding = true;
    this.#discarded = true;
    await this.flushDraft();
    try {
      await this.sources.connector.discardDraft(this.#writer.id);
    } catch {
      // Left in the database: listed in History → Drafts once the tab closes, discardable there.
    }
    this.sources.ondiscard?.();
  }

  /** Shows every field's problem, as a Send does; returns the first invalid field, null when the form is complete. */
  firstInvalid(): FieldName | null {
    this.submitted = true;
    return FIELD_ORDER.find((name) => this.problems[name]) ?? null;
  }

  /**
   * Sends the request to a channel once it is complete. Returns the first invalid field (for the
   * panel to focus) when it is not, null otherwise; the outcome is in `outcome`.
   */
  async send(channel: Channel): Promise<FieldName | null> {
    const invalid = this.firstInvalid();
    this.outcome = null;
    this.handedOff = null;
    if (invalid) return invalid;
    const parsed = this.parsed;
    if (!parsed.ok) {
      this.outcome = { ok: false, text: this.sources.t('requestNotAccepted', [parsed.errors.map((error) => `${error.field} (${this.sources.t(problemMessageKey(error.code))})`).join(' ; ')]) };
      return null;
    }
    this.sending = true;
    let finishSend: () => void = () => undefined;
    try {
      // The draft is stored first, so the background deletes it once the request is queued.
      await this.flushDraft();
      this.#sendDone = new Promise<void>((resolve) => (finishSend = resolve));
      const files = this.attachments.map((item) => new File([item.file], item.name, { type: item.file.type, lastModified: item.file.lastModified }));
      const payload = $state.snapshot(parsed.request);
      const { connector } = this.sources;
      const receipt = await (channel === 'portal' ? connector.sendToPortal(payload, files, this.#writer.id) : connector.sendToBackend(payload, files, this.#writer.id));
      // The request is in the outbox and its draft gone: a change from now on starts a new draft.
      this.#writer.startNew();
      this.draftSavedAt = null;
      this.showRestored = false;
      this.outcome = outcomeOf(receipt, channel, this.sources.t);
      if (receipt.handoff) this.handedOff = { report: receipt.handoff, request: payload, fileNames: files.map((file) => file.name) };
    } catch (error) {
      this.outcome = { ok: false, text: failureText(error, channel, this.sources.t) };
    } finally {
      finishSend();
      this.sending = false;
    }
    return null;
  }

  // "Copy everything": the whole request as text, for pasting into a form the extension could
  // not fill completely (or any other channel). Attachments are named; the files stay here.
  async copyEverything(clipboard: Pick<Clipboard, 'writeText'>): Promise<void> {
    try {
      await clipboard.writeText(renderRequestText(this.request, this.sources.t));
      this.copyStatus = this.sources.t('requestCopied');
    } catch {
      this.copyStatus = this.sources.t('requestCopyFailed');
    }
  }
}
