/**
 * Records the path sequence in a portal page, for the always-on content script: the page
 * itself, the buttons and links the user activates, the forms submitted and the error
 * messages that appear. Never a typed value: labels are read from buttons and links only,
 * forms are named by their label or heading, and no field's content is ever read.
 */
import { ERROR_WORDING } from '../context/errors';
import { firstVisible, sanitizePortalUrl, sectionOf } from '../context/page-facts';
import type { PathLists } from '../context/profiles/index';
import { visibleText } from '../context/text';
import { isVisible } from '../context/visibility';
import { clickStep, errorStep, pageStep, submitStep, type TrailStep } from './step';

const ACTIVATABLE =
  'a[href], button, summary, [role=button], [role=link], [role=tab], [role=menuitem], [role=option], ' +
  'input[type=submit], input[type=button], input[type=reset], input[type=image]';

/** How long DOM changes are left to settle before the page is looked at again: a new address, a heading drawn, error messages. */
export const SETTLE_DELAY_MS = 400;

/** The changes that may show an error: nodes added or removed, texts changed, elements shown or hidden. */
export const ERROR_WATCH: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'style', 'hidden', 'aria-hidden'] };

/**
 * Error messages recorded per page at most: a page that keeps adding error texts cannot push
 * the user's own steps out of the path (it keeps its last 50 steps).
 */
export const MAX_ERROR_STEPS_PER_PAGE = 20;

export interface TrailRecorderOptions {
  record(step: TrailStep): void;
  now(): number;
  /** Whether an event comes from the user (event.isTrusted): a page's scripts cannot add clicks or forms to the path. */
  trusted?: (event: Event) => boolean;
  /** Told when the page starts or stops showing an error message (the help offer follows it). */
  errorsShown?: (shown: boolean) => void;
}

/** The lists that say where a page shows its errors. */
type ErrorLists = Pick<PathLists, 'errorContainers' | 'fieldErrors'>;

/** The portal's error containers and field errors: what is an error whatever its wording. */
const errorContainersOf = (lists: ErrorLists) => [...lists.errorContainers, ...lists.fieldErrors].join(', ');

/** The error containers given, and alerts (kept only when worded as errors). */
const withAlerts = (errorContainers: string) => `${errorContainers},[role=alert],[role=alertdialog]`;

/** What may hold an error message: the portal's error containers, and alerts. */
export function errorCandidates(lists: ErrorLists): string {
  return withAlerts(errorContainersOf(lists));
}

/**
 * What finds the error messages a page shows, with their text, in document order: those the path
 * records, and the help offer points at. The selectors are put together once, not at each scan.
 */
export function errorFinder(lists: PathLists): (doc: Document) => { el: Element; text: string }[] {
  const errorContainers = errorContainersOf(lists);
  const infoContainers = lists.infoContainers.join(', ');
  const candidates = withAlerts(errorContainers);
  return (doc) => {
    const errors: { el: Element; text: string }[] = [];
    for (const el of doc.querySelectorAll(candidates)) {
      if (el.closest(infoContainers) || !isVisible(el)) continue;
      const text = visibleText(el);
      // A bare alert role also announces successes: it counts only with error wording.
      if (text && (el.matches(errorContainers) || ERROR_WORDING.test(text))) errors.push({ el, text });
    }
    return errors;
  };
}

/** The accessible name of a button or link, as a user would call it. */
export function accessibleLabel(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? doc.getElementById(id) : null))
    .filter((node): node is HTMLElement => node !== null)
    .map((node) => visibleText(node))
    .join(' ');
  if (labelledBy.trim()) return labelledBy;
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria;
  if (el instanceof HTMLInputElement) return el.type === 'image' ? el.alt : el.value; // a button's own caption
  const text = visibleText(el) || [...el.querySelectorAll('img[alt]')].map((img) => img.getAttribute('alt')).join(' ');
  return text.trim() ? text : (el.getAttribute('title') ?? '');
}

function formName(form: HTMLFormElement, submitter: HTMLElement | null): string {
  const heading = form.querySelector('legend, h1, h2, h3') ?? form.closest('section, main')?.querySelector('h1, h2, h3');
  return (
    form.getAttribute('aria-label') ??
    (heading ? visibleText(heading) : '') ??
    ''
  ).trim() || (submitter ? accessibleLabel(submitter) : '') || form.getAttribute('name') || '';
}

/** A recorder running in a page: stopped when path recording is switched off. */
export interface TrailRecording {
  stop(): void;
}

/**
 * Starts recording at an idle moment after the page's load, and reads the page's own step (title,
 * heading, section, path) at once: the page is laid out then, and reading it forces no new layout.
 * Read later instead (before the first click, or when the page was left), it cost a page view
 * more: leaving a page forces a new style and layout computation before it can be read.
 *
 * A single-page portal (the services portal is a ServiceNow service portal, an AngularJS
 * application; fact: portal.services-single-page, assumed) changes its address and draws a new
 * view without loading a page, and may draw a view's heading only after the recorder read it.
 * Once the page's changes settle, a new address (its fragment aside) is a new page step; a view
 * read without a heading that has one now is read again, under the same time, which replaces
 * its step (see appendStep).
 */
export function startTrailRecorder(doc: Document, lists: PathLists, options: TrailRecorderOptions): TrailRecording {
  const addressNow = () => doc.URL.replace(/#.*$/, '');
  /** The view the latest page step describes. */
  let view = { at: options.now(), address: addressNow(), headed: false };
  const recordView = (heading = firstVisible(doc, 'h1')) => {
    view.headed = heading !== undefined;
    options.record(
      pageStep(view.at, {
        title: doc.title,
        heading: heading ? visibleText(heading) : undefined,
        section: sectionOf(doc, lists),
        path: sanitizePortalUrl(view.address),
      }),
    );
  };
  recordView();

  const record = (step: TrailStep | undefined) => step && options.record(step);
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);

  const onClick = (event: MouseEvent) => {
    if (!trusted(event)) return;
    const target = event.target instanceof Element ? event.target.closest(ACTIVATABLE) : null;
    if (!target) return;
    record(clickStep(options.now(), accessibleLabel(target)));
  };
  const onSubmit = (event: SubmitEvent) => {
    if (!trusted(event) || !(event.target instanceof HTMLFormElement)) return;
    record(submitStep(options.now(), formName(event.target, event.submitter)));
  };
  // Error messages shown now and later (validation after a click, a failed upload…): each
  // distinct text once per page, time-stamped when it appears.
  const seen = new Set<string>();
  const findErrors = errorFinder(lists);
  let shown = false;
  const scanErrors = () => {
    const errors = findErrors(doc);
    for (const { text } of errors) {
      if (!seen.has(text) && seen.size < MAX_ERROR_STEPS_PER_PAGE) {
        seen.add(text);
        record(errorStep(options.now(), text));
      }
    }
    if (shown !== errors.length > 0) options.errorsShown?.((shown = errors.length > 0));
  };
  const pageSettled = (changedAt: number) => {
    const address = addressNow();
    if (address !== view.address) {
      view = { at: changedAt, address, headed: false };
      seen.clear();
      recordView();
    } else if (!view.headed) {
      const heading = firstVisible(doc, 'h1');
      if (heading) recordView(heading);
    }
    scanErrors();
  };
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (scheduled !== undefined) return;
    const changedAt = options.now();
    scheduled = setTimeout(() => {
      scheduled = undefined;
      pageSettled(changedAt);
    }, SETTLE_DELAY_MS);
  });

  scanErrors();
  doc.addEventListener('click', onClick, { capture: true, passive: true });
  doc.addEventListener('submit', onSubmit, { capture: true, passive: true });
  observer.observe(doc.body ?? doc.documentElement, ERROR_WATCH);

  return {
    stop() {
      observer.disconnect();
      clearTimeout(scheduled);
      doc.removeEventListener('click', onClick, { capture: true });
      doc.removeEventListener('submit', onSubmit, { capture: true });
    },
  };
}
