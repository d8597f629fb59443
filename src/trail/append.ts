import type { TrailStep } from './step';

export interface TrailLimits {
  maxSteps: number;
  maxAgeMs: number;
}

export const DEFAULT_TRAIL_LIMITS: TrailLimits = { maxSteps: 50, maxAgeMs: 2 * 60 * 60 * 1000 };

/** The same action twice within this window is one action (a double click, a re-shown error). */
const REPEAT_WINDOW_MS = 1000;

/** What makes two steps of one kind the same. A page is its path and every label shown. */
function contentOf(step: TrailStep): string {
  switch (step.kind) {
    case 'page':
      return JSON.stringify([step.path, step.title, step.heading ?? '', step.section ?? []]);
    case 'click':
      return step.label;
    case 'submit':
      return step.form;
    case 'error':
      return step.text;
  }
}

/**
 * Adds a step to a tab's trail and returns a new trail (the input is never changed):
 * - steps older than `now - maxAgeMs` are dropped, then the oldest beyond `maxSteps`;
 * - an action repeating the previous one within 1 s is dropped (the first one is kept);
 * - a page repeating the previous step exactly (a reload) replaces it, so it appears once
 *   with the latest time. The whole page is compared, not only its path: on Spring Web Flow
 *   screens the sanitized path stays the same while the screen changes;
 * - a page with the time and path of the latest page step is that page read again (its heading
 *   drawn since): it replaces that step where it stands.
 */
export function appendStep(
  trail: readonly TrailStep[],
  step: TrailStep,
  now: number,
  limits: TrailLimits = DEFAULT_TRAIL_LIMITS,
): TrailStep[] {
  const oldestKept = now - limits.maxAgeMs;
  const kept = trail.filter((earlier) => earlier.at >= oldestKept);
  if (step.at < oldestKept) return kept;
  if (step.kind === 'page') {
    const latestPage = kept.findLastIndex((earlier) => earlier.kind === 'page');
    const earlier = kept[latestPage];
    if (earlier?.at === step.at && earlier.kind === 'page' && earlier.path === step.path) {
      kept[latestPage] = step;
      return kept;
    }
  }
  const last = kept.at(-1);
  const repeatsLast = last !== undefined && last.kind === step.kind && contentOf(last) === contentOf(step);
  if (repeatsLast && step.kind === 'page') kept[kept.length - 1] = step;
  else if (repeatsLast && step.at - last.at <= REPEAT_WINDOW_MS) return kept;
  else kept.push(step);
  return kept.length > limits.maxSteps ? kept.slice(kept.length - limits.maxSteps) : kept;
}
