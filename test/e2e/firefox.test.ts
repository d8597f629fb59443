// The built Firefox extension (dist/firefox) in real Firefox ESR, English UI.
import { describe } from 'vitest';
import { launchFirefox } from './support/firefox';
import { useBrowser } from './support/session';
import { registerSuites } from './suites';

describe('Firefox ESR', () => {
  registerSuites(
    'firefox',
    useBrowser((portalPort, profileDir) => launchFirefox({ portalPort, profileDir })),
  );
});
