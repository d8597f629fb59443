/**
 * axe-core over each part of the sidebar and over the options page: no violation (WCAG 2.x A
 * and AA rules, and axe's best practices). In the browser's language, then in English in a
 * second browser when this one runs in French.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserUnderTest } from '../pages/drivers';
import { openOptionsPage } from '../pages/options-page';
import { openInvoicePageWithSidebar } from '../pages/portal-page';
import type { AxeViolation, SidebarPage } from '../pages/sidebar-page';
import { launchChromium } from '../support/chromium';
import type { E2ESession } from '../support/session';
import { waitFor } from '../support/wait';

const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

const describeViolations = (violations: AxeViolation[]) => violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');


function accessibilityChecks(getBrowser: () => BrowserUnderTest) {
  let sidebar: SidebarPage;
  beforeAll(async () => {
    ({ sidebar } = await openInvoicePageWithSidebar(getBrowser()));
  });

  for (const part of ['help', 'request', 'history'] as const) {
    test(`the ${part} part has no axe violation`, async () => {
      await sidebar.showPart(part);
      if (part === 'request') await waitFor('the screenshot attached', async () => (await sidebar.text('preview')).includes('capture-'));
      if (part === 'history')
        await waitFor('the history', () => sidebar.frameEvaluate(() => !!document.querySelector('[data-testid="history-empty"], [data-testid="history-entry"]')));
      const violations = await sidebar.axeViolations(AXE_SOURCE);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  test('the request part with errors shown has no axe violation', async () => {
    await sidebar.showPart('request');
    await sidebar.fill('request-siret', '123');
    await sidebar.fill('request-email', 'x');
    const violations = await sidebar.axeViolations(AXE_SOURCE);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test('the options page has no axe violation', async () => {
    const options = await openOptionsPage(getBrowser());
    const violations = await options.axeViolations(AXE_SOURCE);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
}

export function accessibilitySuite(session: E2ESession) {
  describe('accessibility (axe-core)', () => {
    describe('in the browser’s language', () => {
      accessibilityChecks(() => session.browser);
    });

    describe('in English', () => {
      let english: BrowserUnderTest | undefined;
      beforeAll(async () => {
        english = session.browser.uiLocale === 'en' ? session.browser : await launchChromium({ portalPort: session.server.port, lang: 'en' });
      });
      afterAll(async () => {
        if (english && english !== session.browser) await english.close();
      });
      accessibilityChecks(() => english!);
    });
  });
}
