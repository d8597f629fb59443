// The built Chrome extension (dist/chrome) in real Chromium, French UI.
import { describe } from 'vitest';
import { accessibilitySuite } from './scenarios/accessibility';
import { captureSuite } from './scenarios/capture';
import { deliverySuite } from './scenarios/delivery';
import { faultsSuite, workerFaultsSuite } from './scenarios/faults';
import { hostileSuite } from './scenarios/hostile';
import { draftsSuite } from './scenarios/drafts';
import { historySuite } from './scenarios/history';
import { keyboardSendSuite } from './scenarios/keyboard-send';
import { screenshotsSuite } from './scenarios/screenshots';
import { servicesTicketSuite } from './scenarios/services-ticket';
import { sidebarScreenshotsSuite } from './scenarios/sidebar-screenshots';
import { requestSuite } from './scenarios/request';
import { restartSuite } from './scenarios/restart';
import { technicalDetailsSuite } from './scenarios/technical-details';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import { launchChromium } from './support/chromium';
import { useBrowser } from './support/session';

describe('Chromium', () => {
  const session = useBrowser((portalPort, profileDir) => launchChromium({ portalPort, lang: 'fr', profileDir }));
  toolbarSidebarSuite(session);
  captureSuite(session);
  technicalDetailsSuite(session);
  deliverySuite(session);
  faultsSuite(session);
  workerFaultsSuite(session);
  hostileSuite(session);
  screenshotsSuite(session);
  sidebarScreenshotsSuite(session);
  requestSuite(session);
  servicesTicketSuite(session);
  draftsSuite(session);
  historySuite(session);
  keyboardSendSuite(session);
  accessibilitySuite(session);
  // Last: it closes the browser and starts it again on the same profile.
  restartSuite(session);
});
