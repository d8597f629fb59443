/**
 * Every end-to-end suite, once: the browsers it runs in and, where it cannot run, why. Each
 * browser's test file registers the suites that run there, in this order, and prints those left
 * out with their reason when its run ends, so that none is left out without a word.
 */
import { afterAll } from 'vitest';
import type { BrowserUnderTest } from './pages/drivers';
import { accessibilitySuite } from './scenarios/accessibility';
import { backendSettingsSuite } from './scenarios/backend-settings';
import { captureSuite } from './scenarios/capture';
import { deliverySuite } from './scenarios/delivery';
import { draftsSuite } from './scenarios/drafts';
import { errorOfferSuite } from './scenarios/error-offer';
import { backgroundStopSuite, faultsSuite, workerFaultsSuite } from './scenarios/faults';
import { fidelitySuite } from './scenarios/fidelity';
import { framingSuite } from './scenarios/framing';
import { historySuite } from './scenarios/history';
import { hostileSuite } from './scenarios/hostile';
import { keyboardSendSuite } from './scenarios/keyboard-send';
import { masksSuite } from './scenarios/masks';
import { portalDataSuite } from './scenarios/portal-data';
import { requestSuite } from './scenarios/request';
import { restartSuite } from './scenarios/restart';
import { screenshotsSuite } from './scenarios/screenshots';
import { sendConfirmationSuite } from './scenarios/send-confirmation';
import { servicesTicketSuite } from './scenarios/services-ticket';
import { sidebarScreenshotsSuite } from './scenarios/sidebar-screenshots';
import { storageAuditSuite } from './scenarios/storage-audit';
import { storeScreenshotsSuite } from './scenarios/store-screenshots';
import { technicalDetailsSuite } from './scenarios/technical-details';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import type { E2ESession } from './support/session';

export type BrowserName = BrowserUnderTest['name'];

export interface E2ESuite {
  name: string;
  register(session: E2ESession): void;
  /** `true` where the suite runs; where it cannot, the reason, printed with each run. */
  browsers: Record<BrowserName, true | string>;
}

const BOTH = { chromium: true, firefox: true } as const;

export const SUITES: readonly E2ESuite[] = [
  { name: 'toolbar and sidebar', register: toolbarSidebarSuite, browsers: BOTH },
  { name: 'capture', register: captureSuite, browsers: BOTH },
  { name: 'technical details', register: technicalDetailsSuite, browsers: BOTH },
  // Before delivery, which sets its own backend as the channel again.
  { name: 'only our sidebar', register: framingSuite, browsers: BOTH },
  { name: 'delivery', register: deliverySuite, browsers: BOTH },
  { name: 'backend settings', register: backendSettingsSuite, browsers: BOTH },
  { name: 'faults', register: faultsSuite, browsers: BOTH },
  { name: 'background stopped', register: backgroundStopSuite, browsers: BOTH },
  {
    name: 'worker faults',
    register: workerFaultsSuite,
    browsers: {
      chromium: true,
      firefox:
        'cuts the network and sets the storage quota through CDP, which WebDriver BiDi has no equivalent for; unit tests cover these cases',
    },
  },
  { name: 'hostile pages', register: hostileSuite, browsers: BOTH },
  { name: 'screenshots', register: screenshotsSuite, browsers: BOTH },
  { name: 'capture fidelity', register: fidelitySuite, browsers: BOTH },
  { name: 'masks that hold', register: masksSuite, browsers: BOTH },
  { name: 'sidebar screenshots', register: sidebarScreenshotsSuite, browsers: BOTH },
  { name: 'store screenshots', register: storeScreenshotsSuite, browsers: BOTH },
  { name: 'request', register: requestSuite, browsers: BOTH },
  { name: 'services ticket', register: servicesTicketSuite, browsers: BOTH },
  { name: 'portal data and compatibility', register: portalDataSuite, browsers: BOTH },
  { name: 'drafts', register: draftsSuite, browsers: BOTH },
  { name: 'history', register: historySuite, browsers: BOTH },
  { name: 'keyboard send', register: keyboardSendSuite, browsers: BOTH },
  { name: 'confirmation before Send', register: sendConfirmationSuite, browsers: BOTH },
  { name: 'help offered at an error', register: errorOfferSuite, browsers: BOTH },
  { name: 'accessibility', register: accessibilitySuite, browsers: BOTH },
  // Near the end: it reads everything the earlier suites left, and restarts the browser.
  { name: 'storage audit', register: storageAuditSuite, browsers: BOTH },
  // Last: it closes the browser and starts it again on the same profile.
  { name: 'restart', register: restartSuite, browsers: BOTH },
];

/** The suites left out of a browser, each with its reason. */
export function leftOut(browser: BrowserName): { name: string; reason: string }[] {
  return SUITES.flatMap((suite) => {
    const runs = suite.browsers[browser];
    return runs === true ? [] : [{ name: suite.name, reason: runs }];
  });
}

/** Registers, inside the browser's describe, every suite that runs in it; prints the ones left out once they are done. */
export function registerSuites(browser: BrowserName, session: E2ESession): void {
  for (const suite of SUITES) if (suite.browsers[browser] === true) suite.register(session);
  afterAll(() => {
    const out = leftOut(browser);
    const lines = out.map(({ name, reason }) => `  - ${name}: ${reason}`);
    console.info([`[${browser}] suites left out: ${out.length}`, ...lines].join('\n'));
  });
}
