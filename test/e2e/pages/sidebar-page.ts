import type { AxeResults, RunOptions } from 'axe-core';
import { BACKEND_ANSWER_TIMEOUT_MS } from '../../../src/channels/backend';
import { SEND_SETTLE_MS } from '../../../src/report/send-confirmation';
import { waitFor } from '../support/wait';
import { EditorPage } from './capture-engine';
import type { ExtensionGlobal, FrameDriver, PageFunction, TabDriver } from './drivers';

export interface ScreenshotPixels {
  width: number;
  height: number;
  /** RGB of the pixel at (x, y) asked for. */
  sample: [number, number, number];
  /** Distinct colours over a 16×16 grid of samples: a blank image has 1. */
  distinctColours: number;
}

type ShownRecorder = typeof globalThis & { e2eShownAt?: number[] };

type InputRecorder = typeof globalThis & { e2eInput?: { type: string; trusted: boolean; onTarget: boolean; x: number; y: number }[]; e2eInputTarget?: string };

/**
 * Runs in a document: from now on, notes each pointer press and click it receives, and whether
 * it was on the element matching the selector (the list starts empty at each call).
 */
function recordPointerInput(selector: string): void {
  const recorder = window as InputRecorder;
  const listening = recorder.e2eInput !== undefined;
  recorder.e2eInput = [];
  recorder.e2eInputTarget = selector;
  if (listening) return;
  for (const type of ['pointerdown', 'click']) {
    window.addEventListener(
      type,
      (event) => {
        const { clientX: x, clientY: y } = event as MouseEvent;
        const onTarget = event.target instanceof Element && !!event.target.closest(recorder.e2eInputTarget!);
        recorder.e2eInput!.push({ type: event.type, trusted: event.isTrusted, onTarget, x, y });
      },
      true,
    );
  }
}

/** The help sidebar (the extension page inside the portal tab). */
export class SidebarPage {
  /** When this page object was made, on the test's clock: made once the sidebar shows, it was in sight by then. */
  private readonly seenAt = Date.now();

  constructor(private readonly frame: FrameDriver) {}

  /**
   * Loaded as the user sees it ready: the page's facts shown, and the screenshot part (its own
   * module, with its buttons) shown, the screenshot in it (or said missing), no longer "being
   * prepared". From the first look on, the frame also notes each time
   * its host says it put it in sight, which starts the sidebar's moment again.
   */
  isLoaded(): Promise<boolean> {
    return this.frame.evaluate(() => {
      const recorder = window as ShownRecorder;
      if (!recorder.e2eShownAt) {
        const shownAt: number[] = [];
        recorder.e2eShownAt = shownAt;
        window.addEventListener('message', (event) => {
          if ((event.data as { type?: unknown } | null)?.type === 'sidebar/shown') shownAt.push(performance.now());
        });
      }
      return !!document.querySelector('[data-testid="page-url"]') && !!document.querySelector('[data-testid="screenshot-status"]') && !document.querySelector('[data-testid="screenshot-pending"]');
    });
  }

  /** The sidebar says it could not get its state from the background. */
  loadFailed(): Promise<boolean> {
    return this.frame.evaluate(() => !!document.querySelector('[data-testid="load-failed"]'));
  }

  /**
   * The addresses a page could frame the sidebar page at, without the opening's token: the
   * extension's own (its document's, under the extension id in Chrome, public), and this
   * session's (runtime.getURL, a per-session host in Chrome under use_dynamic_url, which the
   * real sidebar's frame is loaded from). In Firefox both are the same.
   */
  frameableAddresses(): Promise<{ own: string; session: string }> {
    return this.frame.evaluate(() => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      return { own: `${location.origin}${location.pathname}`, session: (browser ?? chrome)!.runtime.getURL(location.pathname.slice(1)) };
    });
  }

  /** A message to the background with a token of the caller's choosing; resolves with the answer, or the error's text. */
  callWithToken(message: object, token: string | undefined): Promise<{ answer?: unknown; error?: string }> {
    return this.frame.evaluate(
      async ({ message, token }) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        try {
          return { answer: await (browser ?? chrome)!.runtime.sendMessage({ ...message, ...(token === undefined ? {} : { token }) }) };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { message, token },
    );
  }

  text(testId: string): Promise<string> {
    return this.frame.evaluate((id: string) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim(), testId);
  }

  browserLine(): Promise<string> {
    return this.text('browser');
  }

  lang(): Promise<string> {
    return this.frame.evaluate(() => document.documentElement.lang);
  }

  headingText(): Promise<string> {
    return this.frame.evaluate(() => document.querySelector('h1')?.textContent ?? '');
  }

  /** The focused element inside the sidebar (BODY when nothing in particular has focus). */
  activeElementTag(): Promise<string> {
    return this.frame.evaluate(() => document.activeElement?.tagName ?? '');
  }

  /** Decodes the (first) screenshot image and reads its pixels at its natural size. */
  async screenshotPixels(x: number, y: number): Promise<ScreenshotPixels> {
    const image = await this.firstScreenshot([{ x, y }]);
    return { width: image.width, height: image.height, sample: image.samples[0] as [number, number, number], distinctColours: image.distinctColours };
  }

  /** The first screenshot image, decoded (see screenshotImages); fails with the sidebar's own words when it shows none. */
  async firstScreenshot(points: ImagePoint[] = []): Promise<ScreenshotImageCheck> {
    const [image] = await this.screenshotImages([], points);
    if (image) return image;
    throw new Error(`no screenshot image; the sidebar says: "${await this.text('no-screenshot')}"`);
  }

  async openFullSize(): Promise<{ open: boolean; naturalWidth: number; renderedWidth: number }> {
    await this.clickTestId('screenshot-thumbnail');
    return waitFor('the full-size screenshot dialog', () =>
      this.frame.evaluate(() => {
        const dialog = document.querySelector<HTMLDialogElement>('[data-testid="screenshot-dialog"]');
        const img = document.querySelector<HTMLImageElement>('[data-testid="screenshot-full"]')!;
        return dialog && dialog.open && img.complete
          ? { open: true, naturalWidth: img.naturalWidth, renderedWidth: img.getBoundingClientRect().width }
          : null;
      }),
    );
  }

  isFullSizeOpen(): Promise<boolean> {
    return this.frame.evaluate(() => !!document.querySelector<HTMLDialogElement>('[data-testid="screenshot-dialog"]')?.open);
  }

  /**
   * Clicks the close button. The click is dispatched after the evaluation has returned: the
   * sidebar's frame goes away with the click, and an evaluation still running in it would fail.
   */
  clickClose(): Promise<void> {
    return this.frame.evaluate(() => {
      setTimeout(() => document.querySelector<HTMLElement>('[data-testid="close-sidebar"]')!.click(), 0);
    });
  }

  /** The "What was read on the page" items still kept, in display order. */
  capturedItems(): Promise<CapturedEntry[]> {
    return this.frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="captured-item"]')].map(
        (li): CapturedEntry => ({
          id: li.dataset.item!,
          label: li.querySelector('.item-label')!.textContent!.trim(),
          value: li.querySelector('.item-value')!.textContent!.trim(),
        }),
      ),
    );
  }

  async capturedValues(group: string): Promise<string[]> {
    return (await this.capturedItems()).filter((item) => item.id.startsWith(`${group}:`)).map((item) => item.value);
  }

  removeItem(id: string): Promise<void> {
    return this.frame.evaluate((item: string) => document.querySelector<HTMLElement>(`[data-item="${CSS.escape(item)}"] button.remove`)!.click(), id);
  }

  restoreAll(): Promise<void> {
    return this.frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="captured"] button')].find((b) => !b.classList.contains('remove'))!.click());
  }

  /** For checks no other method covers: a page function run in the sidebar. */
  frameEvaluate<R, A extends [] | [unknown] = []>(fn: PageFunction<A, R>, ...arg: A): Promise<R> {
    return this.frame.evaluate(fn, ...arg);
  }

  bodyText(): Promise<string> {
    return this.frame.evaluate(() => document.body.innerText);
  }

  /** Elements that page text must never become: images other than the screenshot (and its attachment thumbnail), scripts. */
  injectedElementCount(): Promise<number> {
    return this.frame.evaluate(
      () =>
        document.querySelectorAll(
          'body script, [data-testid="captured"] img, main img:not([data-testid="screenshot-full"]):not([data-testid="screenshot-thumbnail"] img):not([data-testid="attachment-thumbnail"]), b, [onerror]',
        ).length,
    );
  }

  /** The help articles listed, first first (their ids). */
  helpArticles(): Promise<string[]> {
    return this.frame.evaluate((id: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)].map((entry) => entry.dataset.entry ?? ''), 'help-entry');
  }

  /** Whether an element with this data-testid is shown. */
  shows(testId: string): Promise<boolean> {
    return this.frame.evaluate((id: string) => {
      const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      return !!element && !element.closest('[hidden]');
    }, testId);
  }

  /** Shows a part of the sidebar (help, request, history) by clicking its tab. */
  async showPart(part: 'help' | 'request' | 'history'): Promise<void> {
    await this.clickTestId(`tab-${part}`);
    // Shown, and its code loaded: Request and History load on their first showing.
    await waitFor(`the ${part} part`, () =>
      this.frame.evaluate((name: string) => {
        const panel = document.querySelector<HTMLElement>(`[data-testid="panel-${name}"]`);
        return panel?.hidden === false && panel.childElementCount > 0 && !panel.querySelector('[data-testid="part-loading"]');
      }, part),
    );
  }

  /** The part whose tab is selected. */
  selectedPart(): Promise<string> {
    return this.frame.evaluate(() => document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.dataset.testid?.replace('tab-', '') ?? '');
  }

  focus(selector: string): Promise<void> {
    return this.frame.evaluate((target: string) => {
      const el = document.querySelector<HTMLInputElement>(target)!;
      el.focus();
      if (el.select) el.select();
    }, selector);
  }

  activeElementId(): Promise<string> {
    return this.frame.evaluate(() => document.activeElement?.id ?? '');
  }

  fieldValue(id: string): Promise<string> {
    return this.frame.evaluate((field: string) => (document.getElementById(field) as HTMLInputElement | null)?.value ?? '', id);
  }

  /** Sets a field's value as typing would (input event), then leaves it (blur). */
  fill(id: string, value: string): Promise<void> {
    return this.frame.evaluate(
      ({ field, text }) => {
        const el = document.getElementById(field) as HTMLInputElement;
        el.focus();
        el.value = text;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.blur();
      },
      { field: id, text: value },
    );
  }

  /** Chooses an option of a list by its value, as picking it does (change event). */
  choose(id: string, value: string): Promise<void> {
    return this.frame.evaluate(
      ({ field, option }) => {
        const el = document.getElementById(field) as HTMLSelectElement;
        el.value = option;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { field: id, option: value },
    );
  }

  /** The screenshot editor, which opens in the sidebar's own frame. */
  editor(): EditorPage {
    return new EditorPage(this.frame);
  }

  /** The portal form's answer shown after "Continue on Chorus Pro". */
  handoff(): PortalHandoffPart {
    return new PortalHandoffPart(this.frame);
  }

  /** The field's state as assistive technology gets it: aria-invalid and the texts it is described by. */
  fieldState(id: string): Promise<{ invalid: boolean; described: string[] }> {
    return this.frame.evaluate((field: string) => {
      const el = document.getElementById(field)!;
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      return { invalid: el.getAttribute('aria-invalid') === 'true', described: ids.map((d) => document.getElementById(d)?.textContent?.trim() ?? '') };
    }, id);
  }

  /** Runs axe-core (its source evaluated in the frame once) over the document; the violations found. */
  axeViolations(axeSource: string): Promise<AxeViolation[]> {
    return runAxe(this.frame, axeSource);
  }

  globalValue(name: string): Promise<unknown> {
    return this.frame.evaluate((key: string) => {
      const value = (window as unknown as Record<string, unknown>)[key];
      return typeof value === 'undefined' ? null : String(value);
    }, name);
  }

  /** Clicks a screenshot button: 'whole-page', 'retake' or 'cancel'. */
  clickScreenshotButton(which: 'whole-page' | 'retake' | 'cancel'): Promise<void> {
    return this.clickTestId(`screenshot-${which}`);
  }

  /** The whole-page progress line while it shows ('' otherwise). */
  screenshotProgress(): Promise<string> {
    return this.text('screenshot-progress');
  }

  /** Waits for the screenshot status line (the outcome of a button) and returns it. */
  waitForScreenshotStatus(timeoutMs: number): Promise<string> {
    return waitFor('the screenshot status', async () => (await this.text('screenshot-status')) || undefined, { timeoutMs });
  }

  /** The names of the screenshot's images, in order. */
  screenshotNames(): Promise<string[]> {
    return this.frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="screenshot-item"]')].map((li) => li.dataset.name ?? ''));
  }

  /**
   * Decodes every image of the screenshot, with the colours in a band (a table row tall) from each
   * of `rows`, the RGB at `points`, and how many of its pixels are of each of `colours`.
   */
  screenshotImages(rows: ImageRow[] = [], points: ImagePoint[] = [], colours: PixelColour[] = []): Promise<ScreenshotImageCheck[]> {
    return this.frame.evaluate(checkImages, { items: '[data-testid="screenshot-item"]', image: '[data-testid="screenshot-thumbnail"] img', rows, points, colours, band: ROW_BAND });
  }

  /** Which engine drew the whole-page screenshot, as the sidebar says it ('' and null when it says nothing). */
  drawnBy(): Promise<{ engine: string | null; text: string }> {
    return this.frame.evaluate((id: string) => {
      const line = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      return { engine: line?.dataset.engine ?? null, text: (line?.textContent ?? '').replace(/\s+/g, ' ').trim() };
    }, 'screenshot-engine');
  }

  /** Opens the editor on the screenshot's image `index`, inside the sidebar. */
  async annotate(index: number): Promise<void> {
    await this.frame.evaluate((at: number) => document.querySelectorAll<HTMLElement>('[data-testid="screenshot-annotate"]')[at]!.click(), index);
    await waitFor('the editor open in the sidebar', () => this.frame.evaluate(() => !!document.querySelector<HTMLDialogElement>('[data-testid="editor-dialog"]')?.open));
  }

  /** The names of the request's files, in order. */
  requestFileNames(): Promise<string[]> {
    return this.frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="attachment"]')].map((li) => li.dataset.name ?? ''));
  }

  /** The request's files as the Send button would take them: the screenshot's ones decoded, with the RGB at `points` of each and how many pixels are of each of `colours`. */
  requestScreenshotFiles(points: ImagePoint[], colours: PixelColour[] = []): Promise<ScreenshotImageCheck[]> {
    return this.frame.evaluate(checkImages, { items: '[data-testid="attachment"]', image: '[data-testid="attachment-thumbnail"]', rows: [], points, colours, band: ROW_BAND });
  }

  /** The bytes the screenshot thumbnail shows (an object URL of the attached file), as a data: URL. */
  async screenshotDataUrl(): Promise<string> {
    await waitFor('the screenshot thumbnail', async () => (await this.frame.evaluate(() => document.querySelector<HTMLImageElement>('[data-testid="screenshot-thumbnail"] img')?.src)) || undefined);
    return this.frame.evaluate(async () => {
      const blob = await (await fetch(document.querySelector<HTMLImageElement>('[data-testid="screenshot-thumbnail"] img')!.src)).blob();
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
    });
  }

  /** The URL the screenshot thumbnail is shown from. */
  screenshotThumbnailSrc(): Promise<string> {
    return this.frame.evaluate(() => document.querySelector<HTMLImageElement>('[data-testid="screenshot-thumbnail"] img')?.src ?? '');
  }

  /**
   * Waits until the sidebar has been in sight for longer than the moment in which a Send asks
   * for a confirmation, as a person who reads the request before sending it.
   */
  async waitPastOpeningMoment(): Promise<void> {
    await waitFor('the sidebar in sight for a moment', () => Date.now() - this.seenAt > SEND_SETTLE_MS);
    // Put in sight again since (its host said so), the sidebar's moment started again: a person
    // reading the request waits that moment too.
    const since = await this.frame.evaluate(() => {
      const last = (window as ShownRecorder).e2eShownAt?.at(-1);
      return last === undefined ? null : performance.now() - last;
    });
    if (since !== null && since < SEND_SETTLE_MS) {
      console.info(`the sidebar was put in sight again ${Math.round(since)} ms before Send`);
      await waitFor('the sidebar in sight again for a moment', () =>
        this.frame.evaluate((settle: number) => performance.now() - (window as ShownRecorder).e2eShownAt!.at(-1)! > settle, SEND_SETTLE_MS),
      );
    }
  }

  /**
   * Clicks the request form's Send button for this channel as the user does, who reads before
   * sending: a real click, once the sidebar has been in sight for a moment (the form must be
   * complete). Sent at once: no confirmation is asked.
   */
  async clickSend(tab: TabDriver, channel: 'portal' | 'backend'): Promise<void> {
    await this.waitPastOpeningMoment();
    await this.clickSendAtOnce(tab, channel);
  }

  /** A real click on Send as soon as it is there: within the opening's moment, it asks first (see confirmSend). */
  clickSendAtOnce(tab: TabDriver, channel: 'portal' | 'backend'): Promise<void> {
    return this.realClick(tab, `[data-testid="send-${channel}"]`);
  }

  /** A click made by a script inside the sidebar (an untrusted event), as no person makes it. */
  scriptClick(selector: string): Promise<void> {
    return this.frame.evaluate((target: string) => document.querySelector<HTMLElement>(target)!.click(), selector);
  }

  /** The last confirmation before a Send, when it shows: its text, and whether it has the focus. */
  sendConfirmation(): Promise<{ text: string; focused: boolean } | null> {
    return this.frame.evaluate(() => {
      const box = document.querySelector('[data-testid="send-confirmation"]');
      return box ? { text: box.textContent ?? '', focused: box === document.activeElement } : null;
    });
  }

  /** Confirms a Send with a real click, once the confirmation's own button takes clicks. */
  async confirmSend(tab: TabDriver): Promise<void> {
    await waitFor('the confirmation to take clicks', () => this.frame.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="send-confirm"]')?.disabled === false));
    await this.realClick(tab, '[data-testid="send-confirm"]');
  }

  /**
   * A real mouse click (a trusted event, as the user's) in the middle of the element: placed in
   * the frame's view, then clicked through the tab at that point. The frame's content box ends
   * at its host's right edge (the host is docked right; its frame's only border is on the left).
   */
  private async realClick(tab: TabDriver, selector: string): Promise<void> {
    // Where the element is once its place holds over two painted frames: a screenshot attached
    // just before (after a retake, say) can still be moving it, and a click at its old place
    // would land elsewhere.
    const inFrame = await waitFor(`${selector} to hold its place`, () =>
      this.frame.evaluate(async (target: string) => {
        const element = document.querySelector<HTMLElement>(target)!;
        element.scrollIntoView({ block: 'center' });
        const place = () => {
          const box = element.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2, viewportWidth: window.innerWidth };
        };
        const before = place();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const after = place();
        const held = before.x === after.x && before.y === after.y && document.elementFromPoint(after.x, after.y)?.closest(target) === element;
        return held ? after : undefined;
      }, selector),
    );
    // Chromium routes a click to the sidebar's frame by the hit-test regions the page last drew:
    // right after the sidebar comes back (a retake hid it), they can still lack the frame, and the
    // click reaches the page. Two frames of the page drawn with the sidebar in place first.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const host = await tab.evaluate(() => {
      const box = document.querySelector('chorus-pro-aide')!.getBoundingClientRect();
      return { right: box.right, top: box.top };
    });
    await this.frame.evaluate(recordPointerInput, selector);
    await tab.evaluate(recordPointerInput, 'chorus-pro-aide');
    const at = { x: host.right - inFrame.viewportWidth + inFrame.x, y: host.top + inFrame.y };
    await tab.clickAt(at.x, at.y);
    // A click the browser routed elsewhere would only show later as a missing outcome: say here
    // where it went instead.
    try {
      await waitFor(`the click to reach ${selector}`, () => this.frame.evaluate(() => (window as InputRecorder).e2eInput!.some((input) => input.type === 'click' && input.trusted && input.onTarget)), { timeoutMs: 5_000 });
    } catch (error) {
      const inSidebar = await this.frame.evaluate(() => (window as InputRecorder).e2eInput ?? []).catch(() => 'unreadable');
      const inPage = await tab.evaluate(() => (window as InputRecorder).e2eInput ?? []).catch(() => 'unreadable');
      throw new Error(`${(error as Error).message}; clicked at ${JSON.stringify(at)} of the tab; the sidebar got ${JSON.stringify(inSidebar)}; the page got ${JSON.stringify(inPage)}`, { cause: error });
    }
  }

  /**
   * Waits for the line saying what became of the request after Send, and returns it. Waits twice
   * as long as the background waits for the backend's answer: a backend that stalls then shows as
   * what the sidebar says of it, not as a bare timeout.
   */
  async sendOutcome(): Promise<string> {
    try {
      return await waitFor('the send outcome', async () => (await this.text('send-outcome')) || undefined, { timeoutMs: 2 * BACKEND_ANSWER_TIMEOUT_MS });
    } catch (error) {
      // Whether the sidebar is still waiting for the background, asking first, or showing a problem.
      const state = await this.frame
        .evaluate(() => ({
          sending: [...document.querySelectorAll<HTMLButtonElement>('[data-testid^="send-"]')].map((button) => `${button.dataset.testid}${button.disabled ? ' (disabled)' : ''}`),
          confirmation: !!document.querySelector('[data-testid="send-confirmation"]'),
          said: [...document.querySelectorAll('[role="status"], [role="alert"]')].map((line) => line.textContent?.trim()).filter(Boolean),
          focus: document.activeElement?.id ?? document.activeElement?.localName,
          shownMsAgo: ((window as ShownRecorder).e2eShownAt ?? []).map((at) => Math.round(performance.now() - at)),
        }))
        .catch(() => 'unreadable');
      throw new Error(`${(error as Error).message}; the sidebar then: ${JSON.stringify(state)}`, { cause: error });
    }
  }

  /** Sends a request through the extension's own message to the background, as the sidebar's Send does (with its opening's token, from its address). */
  send(channel: 'portal' | 'backend', request: object, files: { name: string; type: string; dataUrl: string }[]): Promise<unknown> {
    return this.frame.evaluate(
      (send) => {
        const { browser, chrome } = globalThis as ExtensionGlobal;
        return (browser ?? chrome)!.runtime.sendMessage({ type: 'request/send', send, token: location.hash.slice(1) });
      },
      { channel, request, files },
    );
  }

  /** The History part's lines, newest first (open the part first with showPart('history')). */
  historyLines(): Promise<HistoryLine[]> {
    return this.frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="history-entry"]')].map((li): HistoryLine => {
        const status = li.querySelector<HTMLElement>('[data-testid="history-status"]')!;
        return {
          title: li.querySelector('.history-title')!.textContent!.trim(),
          status: status.dataset.status!,
          statusText: status.textContent!.replace(/\s+/g, ' ').trim(),
          reason: (li.querySelector('[data-testid="history-reason"]')?.textContent ?? '').trim(),
          reference: li.dataset.reference!,
        };
      }),
    );
  }

  /** The line of the request with this title, once the History part shows it. */
  historyLine(title: string): Promise<HistoryLine> {
    return waitFor(`"${title}" in History`, async () => (await this.historyLines()).find((line) => line.title === title));
  }

  /** Whether History offers "Retry now" (some backend request waits or failed). */
  canRetryNow(): Promise<boolean> {
    return this.frame.evaluate(() => !!document.querySelector('[data-testid="history-retry"]'));
  }

  /** Presses History's "Retry now" and waits for the list it shows afterwards. */
  async retryNow(): Promise<void> {
    await this.clickTestId('history-retry');
    await waitFor('the retry to finish', () => this.frame.evaluate(() => !document.querySelector<HTMLButtonElement>('[data-testid="history-retry"]')?.disabled), {
      timeoutMs: 30_000,
    });
  }

  /** Types real key presses into the field (focused first, its text selected so the typing replaces it). */
  async typeInto(tab: TabDriver, id: string, text: string): Promise<void> {
    await this.focus(`#${id}`);
    for (const key of text) await tab.press(key);
  }

  /**
   * Waits until the request form's draft is saved (the "Draft saved at …" line) and, given a
   * title, until the draft the background holds for this tab has it — a save of an earlier
   * keystroke shows the same line. Returns that line.
   */
  async waitForDraftSaved(title?: string): Promise<string> {
    if (title !== undefined) {
      await waitFor(`the draft stored with the title "${title}"`, () =>
        this.frame.evaluate(async (expected: string) => {
          const { browser, chrome } = globalThis as ExtensionGlobal;
          const draft = (await (browser ?? chrome)!.runtime.sendMessage({ type: 'draft/latest', token: location.hash.slice(1) })) as { form?: { values?: { title?: string } } } | null;
          return draft?.form?.values?.title === expected;
        }, title),
      );
    }
    return waitFor('the draft to be saved', async () => (await this.text('draft-status')) || undefined);
  }

  /** Adds files from disk to the request through its file chooser ("Add files"). */
  pickFiles(tab: TabDriver, paths: string[]): Promise<void> {
    return tab.pickFilesInSidebar('[data-testid="attachment-input"]', paths);
  }

  /** What a reopened draft says of its screenshots not kept ('' when it says nothing). */
  screenshotsNotKeptNotice(): Promise<string> {
    return this.text('draft-screenshots-not-kept');
  }

  /** The "here is your draft" notice of a restored or reopened draft ('' when the request is a fresh pre-fill). */
  draftNotice(): Promise<string> {
    return this.text('draft-notice');
  }

  discardDraft(): Promise<void> {
    return this.clickTestId('draft-discard');
  }

  /** Shows History again, which asks the background for its lists (and the backend for statuses) anew. */
  async reshowHistory(): Promise<void> {
    await this.showPart('help');
    await this.showPart('history');
  }

  /** History → Drafts, as listed. */
  listedDrafts(): Promise<{ id: string; title: string }[]> {
    return this.frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="draft-entry"]')].map((li) => ({
        id: li.dataset.draft!,
        title: li.querySelector('.history-title')!.textContent!.trim(),
      })),
    );
  }

  reopenDraft(id: string): Promise<void> {
    return this.frame.evaluate((draft: string) => document.querySelector<HTMLElement>(`[data-draft="${CSS.escape(draft)}"] [data-testid="draft-reopen"]`)!.click(), id);
  }

  /**
   * Presses Export and returns what the link it clicks would save: its file name and the JSON.
   * The link's click is observed (and the file not written to disk, which a test cannot see in
   * both browsers alike); the Blob it points to is read back.
   */
  exportHistory(): Promise<{ fileName: string; json: string }> {
    return this.frame.evaluate(async () => {
      const clicked = new Promise<{ fileName: string; href: string }>((resolve) => {
        const original = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          HTMLAnchorElement.prototype.click = original;
          resolve({ fileName: this.download, href: this.href });
        };
      });
      document.querySelector<HTMLElement>('[data-testid="history-export"]')!.click();
      const { fileName, href } = await clicked;
      return { fileName, json: await (await fetch(href)).text() };
    });
  }

  /** Erase history, then the confirmation's "Erase for good". */
  async eraseHistory(): Promise<void> {
    await this.clickTestId('history-erase');
    await waitFor('the erase confirmation', () => this.frame.evaluate(() => !!document.querySelector('[data-testid="history-erase-yes"]')));
    await this.clickTestId('history-erase-yes');
  }

  /** Whether the focused element matches the selector. */
  focusIs(selector: string): Promise<boolean> {
    return this.frame.evaluate((target: string) => !!document.activeElement?.matches(target), selector);
  }

  /** Presses the key (Tab) until focus reaches the element matching the selector; fails after `max` presses. */
  async pressUntilFocused(tab: TabDriver, key: string, selector: string, max = 80): Promise<void> {
    for (let presses = 0; presses < max; presses++) {
      if (await this.focusIs(selector)) return;
      await tab.press(key);
    }
    if (!(await this.focusIs(selector))) throw new Error(`${key} pressed ${max} times without reaching ${selector}`);
  }

  requests(
    action: 'list' | 'retry' = 'list',
  ): Promise<{ waiting: { title: string; status: string; error?: { kind: string } }[]; sent: { title: string; reference?: string; status: string }[] }> {
    return this.frame.evaluate((type: string) => {
      const { browser, chrome } = globalThis as ExtensionGlobal;
      return (browser ?? chrome)!.runtime.sendMessage({ type, token: location.hash.slice(1) }) as Promise<never>;
    }, `requests/${action}`);
  }

  /** A click on the element with this data-testid. */
  private clickTestId(testId: string): Promise<void> {
    return this.frame.evaluate((id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.click(), testId);
  }
}

/** One line of the History part as the user sees it. */
export interface HistoryLine {
  title: string;
  /** The state word behind the text: queued, sending, failed, received, portal… */
  status: string;
  /** The status line as shown ("Statut : …"). */
  statusText: string;
  /** Why it waits or failed, as shown; '' when nothing is said. */
  reason: string;
  /** The reference shown (copyable); '' when there is none yet. */
  reference: string;
}

/** One image of the sidebar's screenshot, decoded in the sidebar. */
export interface ScreenshotImageCheck {
  name: string;
  width: number;
  height: number;
  /** Bytes of the image (its data: URL decoded). */
  bytes: number;
  /** Distinct colours over a 16×16 grid of samples: a blank image has 1. */
  distinctColours: number;
  /** Distinct colours in the band of ROW_BAND image px from each of the rows asked for: a pixel line can fall between two lines of text. */
  rowColours: number[];
  /** RGB at each point asked for. */
  samples: number[][];
  /** Pixels of the whole image of each colour asked for. */
  colourCounts: number[];
  /** A hash of all its pixels (when colours were asked for): two images with the same one are the same picture. */
  fingerprint?: number;
}

/** A colour looked for in an image: each channel within `within` of `rgb`. */
export interface PixelColour {
  rgb: [number, number, number];
  within: number;
}

/** A row of the portal's tables is 34 CSS px: a band this tall holds text wherever it starts. */
const ROW_BAND = 40;

/** A pixel row of an image, from its height: `floor(height × ofHeight) − minus`. */
export interface ImageRow {
  ofHeight: number;
  minus?: number;
}

/** A pixel of an image, in image px. */
export interface ImagePoint {
  x: number;
  y: number;
}

/**
 * In the sidebar: decodes the <img> (`image`) of each list item (`items`) and reads its pixels.
 * Items without an image are left out. Shared by the screenshot and the request's files.
 */
async function checkImages(arg: { items: string; image: string; rows: ImageRow[]; points: ImagePoint[]; colours?: PixelColour[]; band: number }): Promise<ScreenshotImageCheck[]> {
  const out: ScreenshotImageCheck[] = [];
  for (const li of document.querySelectorAll<HTMLElement>(arg.items)) {
    const img = li.querySelector<HTMLImageElement>(arg.image);
    if (!img) continue;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const at = (x: number, y: number) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
    const colours = new Set<string>();
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) colours.add(at(Math.floor(((i + 0.5) * canvas.width) / 16), Math.floor(((j + 0.5) * canvas.height) / 16)).join(','));
    const rowColours = arg.rows.map((row) => {
      const y = Math.floor(canvas.height * row.ofHeight) - (row.minus ?? 0);
      const top = Math.min(canvas.height - 1, Math.max(0, y));
      const data = context.getImageData(0, top, canvas.width, Math.min(arg.band, canvas.height - top)).data;
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    });
    // Every pixel read once, only when colours are asked for (a part can hold twenty million).
    const wanted = arg.colours ?? [];
    const colourCounts = wanted.map(() => 0);
    let fingerprint: number | undefined;
    if (wanted.length > 0) {
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 0x811c9dc5;
      for (let i = 0; i < data.length; i += 4) {
        for (let c = 0; c < wanted.length; c++) {
          const { rgb, within } = wanted[c]!;
          if (Math.abs(data[i]! - rgb[0]) <= within && Math.abs(data[i + 1]! - rgb[1]) <= within && Math.abs(data[i + 2]! - rgb[2]) <= within) colourCounts[c]!++;
        }
        hash = Math.imul(hash ^ ((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!), 0x01000193) >>> 0;
      }
      fingerprint = hash;
    }
    const base64 = img.src.slice(img.src.indexOf(',') + 1);
    const bytes = Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
    out.push({
      name: li.dataset.name ?? '',
      width: canvas.width,
      height: canvas.height,
      bytes,
      distinctColours: colours.size,
      rowColours,
      samples: arg.points.map((p) => at(p.x, p.y)),
      colourCounts,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    });
  }
  return out;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export interface CapturedEntry {
  id: string;
  label: string;
  value: string;
}

/** Runs axe-core (its source evaluated in the page or frame once) over the document; the violations found. */
export async function runAxe(frame: FrameDriver, axeSource: string): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.runScript(axeSource);
  return frame.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v): AxeViolation => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
      }),
    );
  });
}

/** A field of the portal form's answer, in the Request part after "Continue on Chorus Pro". */
export interface HandoffLine {
  field: string;
  text: string;
}

/** The portal form's answer in the sidebar: the read-back report, or the request to copy field by field. */
export class PortalHandoffPart {
  constructor(private readonly frame: FrameDriver) {}

  /** Whether the sidebar shows it. */
  isShown(): Promise<boolean> {
    return this.frame.evaluate(() => !!document.querySelector('[data-testid="portal-handoff"]'));
  }

  private lines(testId: string): Promise<HandoffLine[]> {
    return this.frame.evaluate(
      (id: string) =>
        [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"] li`)].map(
          (li): HandoffLine => ({
            field: (li.dataset.field ?? li.dataset.left)!,
            text: li.textContent!.replace(/\s+/g, ' ').trim(),
          }),
        ),
      testId,
    );
  }

  /** Filled fields, each with what the form shows now. */
  filled(): Promise<HandoffLine[]> {
    return this.lines('handoff-filled');
  }

  missing(): Promise<HandoffLine[]> {
    return this.lines('handoff-missing');
  }

  /** What is left for the user (captcha, send button). */
  leftForUser(): Promise<HandoffLine[]> {
    return this.lines('handoff-left');
  }

  instructions(): Promise<string> {
    return this.frame.evaluate(() => document.querySelector('[data-testid="handoff-instructions"]')?.textContent?.trim() ?? '');
  }

  /** The fields offered to copy, with the text each copy button copies. */
  copyable(): Promise<{ field: string; label: string; value: string }[]> {
    return this.frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.copy-row')].map((row) => ({
        field: row.dataset.field!,
        label: row.querySelector('dt')!.textContent!.trim(),
        value: row.querySelector('[data-testid="copy-value"]')!.textContent!,
      })),
    );
  }

  /** The accessible names of the copy buttons, one per field, in order. */
  copyButtons(): Promise<string[]> {
    return this.frame.evaluate(() => [...document.querySelectorAll('[data-testid="copy-field"]')].map((button) => button.getAttribute('aria-label') ?? ''));
  }
}
