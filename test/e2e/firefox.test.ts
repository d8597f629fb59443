// The built Firefox extension (dist/firefox) in real Firefox ESR, English UI.
import { describe } from 'vitest';
import { captureSuite } from './scenarios/capture';
import { deliverySuite } from './scenarios/delivery';
import { faultsSuite } from './scenarios/faults';
import { hostileSuite } from './scenarios/hostile';
import { draftsSuite } from './scenarios/drafts';
import { historySuite } from './scenarios/history';
import { screenshotsSuite } from './scenarios/screenshots';
import { servicesTicketSuite } from './scenarios/services-ticket';
import { sidebarScreenshotsSuite } from './scenarios/sidebar-screenshots';
import { requestSuite } from './scenarios/request';
import { restartSuite } from './scenarios/restart';
import { technicalDetailsSuite } from './scenarios/technical-details';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import { launchFirefox } from './support/firefox';
import { useBrowser } from './support/session';

describe('Firefox ESR', () => {
  const session = useBrowser((portalPort, profileDir) => launchFirefox({ portalPort, profileDir }));
  toolbarSidebarSuite(session);
  captureSuite(session);
  technicalDetailsSuite(session);
  deliverySuite(session);
  faultsSuite(session);
  // workerFaultsSuite is Chromium only: it stops the service worker and takes it offline through CDP.
  hostileSuite(session);
  screenshotsSuite(session);
  sidebarScreenshotsSuite(session);
  requestSuite(session);
  servicesTicketSuite(session);
  draftsSuite(session);
  historySuite(session);
  // Last: it closes the browser and starts it again on the same profile.
  restartSuite(session);
});
