import type { Translate } from '../i18n';
import type { PageStep, TrailStep } from './step';

/** Breadcrumb separator; the section labels come from the portal and stay as shown. */
const SECTION_SEPARATOR = ' › ';

/** Where a page is, as the user saw it: its menu section, else its heading, title or path. */
function placeOf(page: PageStep): string {
  if (page.section && page.section.length > 0) return page.section.join(SECTION_SEPARATOR);
  return page.heading || page.title || page.path;
}

function describeAction(step: Exclude<TrailStep, PageStep>, t: Translate, formatTime: (epochMs: number) => string): string {
  switch (step.kind) {
    case 'click':
      return t('trailClick', [step.label]);
    case 'submit':
      return t('trailSubmit', [step.form]);
    case 'error':
      return t('trailError', [step.text, formatTime(step.at)]);
  }
}

/**
 * The trail as numbered lines for a support request, in the user's language.
 * One line per page step: "N. place — action, then action". Actions attach to the page step
 * before them; actions recorded before any page step (the page was trimmed from the trail or
 * seen before recording began) get a line of their own under an "unrecorded page" place.
 * Only error messages carry a time: support matches them against its logs.
 */
export function renderTrail(steps: readonly TrailStep[], t: Translate, formatTime: (epochMs: number) => string): string[] {
  const lines: { place: string; actions: string[] }[] = [];
  for (const step of steps) {
    if (step.kind === 'page') {
      lines.push({ place: placeOf(step), actions: [] });
      continue;
    }
    let line = lines.at(-1);
    if (!line) lines.push((line = { place: t('trailUnrecordedPage'), actions: [] }));
    line.actions.push(describeAction(step, t, formatTime));
  }
  return lines.map(({ place, actions }, index) => {
    const text = actions.length === 0 ? place : t('trailPlaceAndActions', [place, actions.reduce((sequence, action) => t('trailThen', [sequence, action]))]);
    return `${index + 1}. ${text}`;
  });
}
