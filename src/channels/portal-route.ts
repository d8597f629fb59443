/**
 * The way to the request form, page side: where the form has no address of its own that is
 * known, the portal form channel follows the route its documentation gives, as a person does:
 * from page to page by the visible text of links and buttons (a menu to open, a window to
 * choose in). A link is handed back to the background, which loads it in the tab; a button is
 * pressed here, and the page is watched until the next step or the form shows, within a bound.
 */
import type { RequestFormProfile } from '../context/profiles/index';
import { isVisible } from '../context/visibility';
import type { SupportRequest } from '../report/request';
import { normalize, press, waitUntil } from './form-widgets';
import { fillPortalForm, formIsHere, type FillOptions, type FillReport } from './portal-form';

/** What the form filler answers the background, from one page of the route. */
export type RouteAnswer =
  | { kind: 'filled'; report: FillReport }
  /** Load this address of the same portal in the tab, then call the filler again. */
  | { kind: 'follow'; url: string }
  /** Neither the form nor a step of its route is on this page. */
  | { kind: 'lost' };

/** How long a pressed button may take to show the next step (a menu, a window). */
export const ROUTE_STEP_WAIT_MS = 3000;

const ACTIONABLE = 'a[href], button, [role="button"], [role="link"], [role="menuitem"], [role="tab"]';

/** A closed <dialog> hides its content even where the page's styles are not computed. */
const shown = (element: Element) => isVisible(element) && !element.closest('dialog:not([open])');

/**
 * The furthest step of the route the page offers: a shown link or button whose text reads one
 * of the step's texts. Furthest first, so that a page already past a step does not go back.
 */
export function nextStep(doc: Document, route: RequestFormProfile['route']): { index: number; element: HTMLElement } | null {
  const actionable = [...doc.querySelectorAll<HTMLElement>(ACTIONABLE)].filter(shown);
  for (let index = route.length - 1; index >= 0; index--) {
    const texts = (route[index] ?? []).map(normalize);
    const element = actionable.find((candidate) => texts.includes(normalize(candidate.textContent ?? '')));
    if (element) return { index, element };
  }
  return null;
}

/** The address a link leads to, when it stays on the page's own origin (never elsewhere). */
function sameOriginTarget(element: HTMLElement, doc: Document): string | null {
  if (element.localName !== 'a') return null;
  const href = (element as HTMLAnchorElement).href;
  try {
    return new URL(href).origin === new URL(doc.URL).origin ? href : null;
  } catch {
    return null;
  }
}

/**
 * Fills the form when the page shows it; otherwise takes the next step of its route: a link's
 * address to load, or a button pressed and waited on. Never presses a send button: the route's
 * texts are the profile's navigation steps only.
 */
export async function fillOrFollow(
  doc: Document,
  form: RequestFormProfile,
  request: SupportRequest,
  files: readonly File[],
  options: FillOptions & { stepWaitMs?: number },
): Promise<RouteAnswer> {
  const stepWaitMs = options.stepWaitMs ?? ROUTE_STEP_WAIT_MS;
  // Each button pressed must lead further along the route: at most one press per step.
  for (let pressed = 0; pressed <= form.route.length; pressed++) {
    if (formIsHere(doc, form)) return { kind: 'filled', report: await fillPortalForm(doc, form, request, files, options) };
    const step = nextStep(doc, form.route);
    if (!step) return { kind: 'lost' };
    const url = sameOriginTarget(step.element, doc);
    if (url) return { kind: 'follow', url };
    if (step.element.localName === 'a') return { kind: 'lost' };
    press(step.element);
    const moved = await waitUntil(() => formIsHere(doc, form) || (nextStep(doc, form.route)?.index ?? -1) > step.index, stepWaitMs);
    if (!moved) return { kind: 'lost' };
  }
  return { kind: 'lost' };
}

/** Checks an answer that came back from the page, whose scripts could have meddled with it. */
export function isRouteAnswer(value: unknown, isReport: (report: unknown) => report is FillReport): value is RouteAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  switch (answer['kind']) {
    case 'filled':
      return isReport(answer['report']);
    case 'follow':
      return typeof answer['url'] === 'string';
    case 'lost':
      return true;
    default:
      return false;
  }
}
