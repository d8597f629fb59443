// The built Chrome extension (dist/chrome) in real Chromium, French UI.
import { describe } from 'vitest';
import { launchChromium } from './support/chromium';
import { useBrowser } from './support/session';
import { registerSuites } from './suites';

describe('Chromium', () => {
  registerSuites(
    'chromium',
    useBrowser((portalPort, profileDir) => launchChromium({ portalPort, lang: 'fr', profileDir })),
  );
});
