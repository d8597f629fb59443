/**
 * Everything the sidebar shows on opening, for the tab it sits in: the page, the toolbar click's
 * screenshot and page reading, the path, the technical details and the browser's facts.
 */
import { isCapture, isCaptureMissing, type Capture, type CaptureMissing } from '../capture/screenshot';
import { isDiagnosticList, type DiagnosticEntry } from '../diagnostics/entry';
import { isOfferedError } from '../offer/rules';
import { isTrail, type TrailStep } from '../trail/step';
import { isBrowserFacts, isEnvironment, type BrowserFacts, type Environment } from './browser';
import { isPageReading, type PageReading } from './page-reading';

export interface SidebarState {
  /** The tab the sidebar sits in. */
  tabId: number;
  page: { url: string; title: string };
  /** null when the browser refused the screenshot (the sidebar says so and opens anyway), or while it is pending. */
  capture: Capture | null;
  /** Why there is no screenshot, when more can be said than that none could be taken. */
  captureMissing?: CaptureMissing;
  /** The toolbar click's screenshot is still being masked: it follows on the port (`capture/changed`). */
  capturePending: boolean;
  /** null when the page could not be read (the sidebar still opens). */
  reading: PageReading | null;
  trail: TrailStep[];
  /** Script errors and failed requests of the tab; empty unless switched on in the options. */
  diagnostics: DiagnosticEntry[];
  browser: BrowserFacts;
  environment: Environment;
  /** The error the user pressed "Besoin d'aide ?" beside: the help answers it first. */
  helpFor?: string;
}

export function isSidebarState(value: unknown): value is SidebarState {
  if (typeof value !== 'object' || value === null) return false;
  const { tabId, page, capture, captureMissing, capturePending, reading, trail, diagnostics, browser, environment, helpFor } = value as Record<string, unknown>;
  if (typeof tabId !== 'number' || typeof page !== 'object' || page === null) return false;
  const { url, title } = page as Record<string, unknown>;
  return (
    typeof url === 'string' &&
    typeof title === 'string' &&
    (capture === null || isCapture(capture)) &&
    (captureMissing === undefined || (capture === null && isCaptureMissing(captureMissing))) &&
    typeof capturePending === 'boolean' &&
    (reading === null || isPageReading(reading)) &&
    isTrail(trail) &&
    isDiagnosticList(diagnostics) &&
    isBrowserFacts(browser) &&
    isEnvironment(environment) &&
    (helpFor === undefined || isOfferedError(helpFor))
  );
}
