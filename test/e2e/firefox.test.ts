// The built Firefox extension (dist/firefox) in real Firefox ESR.
import { describe } from 'vitest';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import { launchFirefox } from './support/firefox';

describe('Firefox ESR', () => {
  toolbarSidebarSuite((portalPort) => launchFirefox({ portalPort }));
});
