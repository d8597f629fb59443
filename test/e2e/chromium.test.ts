// The built Chrome extension (dist/chrome) in real Chromium.
import { describe } from 'vitest';
import { toolbarSidebarSuite } from './scenarios/toolbar-sidebar';
import { launchChromium } from './support/chromium';

describe('Chromium', () => {
  toolbarSidebarSuite((portalPort) => launchChromium({ portalPort, lang: 'fr' }));
});
