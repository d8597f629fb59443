// The built Firefox extension (dist/firefox) in real Firefox ESR, English UI.
import { describe } from 'vitest';
import { captureSuite } from './scenarios/capture';
import { deliverySuite } from './scenarios/delivery';
import { draftsSuite } from './scenarios/drafts';
import { historySuite } from './scenarios/history';
import { screenshotsSuite } from './scenarios/screenshots';
import { requestSuite } from './scenarios/request';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import { launchFirefox } from './support/firefox';
import { useBrowser } from './support/session';

describe('Firefox ESR', () => {
  const session = useBrowser((portalPort) => launchFirefox({ portalPort }));
  toolbarSidebarSuite(session);
  captureSuite(session);
  deliverySuite(session);
  screenshotsSuite(session);
  requestSuite(session);
  draftsSuite(session);
  historySuite(session);
});
