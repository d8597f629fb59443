/**
 * One step of the path sequence ("trail") a user takes on the portal. Steps hold labels the
 * portal shows (titles, menu sections, button names, error messages), never a typed value:
 * a trail is sent to support as is.
 */

/** A page shown. `path` is the caller's already-sanitized URL, kept as given. */
export interface PageStep {
  kind: 'page';
  /** Epoch milliseconds. */
  at: number;
  title: string;
  heading?: string;
  /** Breadcrumb or menu section, outermost first. */
  section?: string[];
  path: string;
}

/** A button or link pressed, by its visible label or accessible name. */
export interface ClickStep {
  kind: 'click';
  at: number;
  label: string;
}

/** A form sent, by its name, label, heading or submit button label — never a field value. */
export interface SubmitStep {
  kind: 'submit';
  at: number;
  form: string;
}

/** An error message the page showed. */
export interface ErrorStep {
  kind: 'error';
  at: number;
  text: string;
}

export type TrailStep = PageStep | ClickStep | SubmitStep | ErrorStep;

/** Longest text each field may hold; longer text is cut by the step builders below. */
export const STEP_TEXT_LIMITS = {
  title: 200,
  heading: 200,
  sectionItem: 80,
  sectionDepth: 8,
  path: 2000,
  label: 80,
  form: 80,
  error: 300,
} as const;

/** Cuts text to `max` characters, marking the cut with "…" and never splitting a surrogate pair. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return cut.trimEnd() + '…';
}

/** Folds runs of whitespace and control characters (line breaks, tabs) into one space. */
function fold(text: string, max: number): string {
  return cap(text.replace(/[\s\p{Cc}]+/gu, ' ').trim(), max);
}

export function pageStep(
  at: number,
  page: { title: string; heading?: string | undefined; section?: readonly string[] | undefined; path: string },
): PageStep {
  const step: PageStep = { kind: 'page', at, title: fold(page.title, STEP_TEXT_LIMITS.title), path: cap(page.path, STEP_TEXT_LIMITS.path) };
  const heading = fold(page.heading ?? '', STEP_TEXT_LIMITS.heading);
  if (heading) step.heading = heading;
  const section = (page.section ?? [])
    .map((item) => fold(item, STEP_TEXT_LIMITS.sectionItem))
    .filter(Boolean)
    .slice(-STEP_TEXT_LIMITS.sectionDepth);
  if (section.length > 0) step.section = section;
  return step;
}

/** The builders of action steps return undefined when there is no text worth recording. */
export function clickStep(at: number, label: string): ClickStep | undefined {
  const text = fold(label, STEP_TEXT_LIMITS.label);
  return text ? { kind: 'click', at, label: text } : undefined;
}

export function submitStep(at: number, form: string): SubmitStep | undefined {
  const text = fold(form, STEP_TEXT_LIMITS.form);
  return text ? { kind: 'submit', at, form: text } : undefined;
}

export function errorStep(at: number, message: string): ErrorStep | undefined {
  const text = fold(message, STEP_TEXT_LIMITS.error);
  return text ? { kind: 'error', at, text } : undefined;
}

const ALLOWED_KEYS: Record<TrailStep['kind'], readonly string[]> = {
  page: ['kind', 'at', 'title', 'heading', 'section', 'path'],
  click: ['kind', 'at', 'label'],
  submit: ['kind', 'at', 'form'],
  error: ['kind', 'at', 'text'],
};

function isText(value: unknown, max: number, required = false): value is string {
  return typeof value === 'string' && value.length <= max && (!required || value.length > 0) && !/\p{Cc}/u.test(value);
}

function isSection(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= STEP_TEXT_LIMITS.sectionDepth &&
    value.every((item) => isText(item, STEP_TEXT_LIMITS.sectionItem, true))
  );
}

/**
 * Strict check of a step read back from storage or received in a message: known kind, no
 * extra keys (nothing can ride along), right types, texts within the limits and on one line.
 */
export function isTrailStep(value: unknown): value is TrailStep {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const step = value as Record<string, unknown>;
  const kind = step['kind'];
  if (typeof kind !== 'string' || !Object.hasOwn(ALLOWED_KEYS, kind)) return false;
  const allowed = ALLOWED_KEYS[kind as TrailStep['kind']];
  if (!Object.keys(step).every((key) => allowed.includes(key))) return false;
  if (typeof step['at'] !== 'number' || !Number.isSafeInteger(step['at']) || step['at'] < 0) return false;
  switch (kind) {
    case 'page':
      return (
        isText(step['title'], STEP_TEXT_LIMITS.title) &&
        (step['heading'] === undefined || isText(step['heading'], STEP_TEXT_LIMITS.heading)) &&
        (step['section'] === undefined || isSection(step['section'])) &&
        isText(step['path'], STEP_TEXT_LIMITS.path)
      );
    case 'click':
      return isText(step['label'], STEP_TEXT_LIMITS.label, true);
    case 'submit':
      return isText(step['form'], STEP_TEXT_LIMITS.form, true);
    default:
      return isText(step['text'], STEP_TEXT_LIMITS.error, true);
  }
}

export function isTrail(value: unknown): value is TrailStep[] {
  return Array.isArray(value) && value.every(isTrailStep);
}
