/**
 * The agent console in a real browser (Debian's Chromium): a request full of script and
 * onerror payloads is opened through the login form, and nothing of it runs or becomes markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath } from '../../scripts/browsers.js';
import { HOSTILE, hostileRequest } from '../support/console-support';
import { postRequest, screenshot, startServer } from '../support/backend-server';
import type { TestServer } from '../support/backend-server';

const consoleToken = 'console-token-for-e2e-0123456789';

let server: TestServer;
let browser: Browser;
let page: Page;
let requestId: string;
const dialogs: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ consoleToken });
  const response = await postRequest(server, { request: hostileRequest([screenshot()]), files: [screenshot()] });
  expect(response.status).toBe(201);
  requestId = ((await response.json()) as { id: string }).id;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Elements that hostile contents could have injected, with the one legitimate image excepted. */
function injectedElements(): Promise<string[]> {
  return page.evaluate(() => {
    const suspicious = [...document.querySelectorAll('script, iframe, svg, object, embed, [onerror], [onload], img:not([src^="/console/files/"])')];
    return suspicious.map((element) => element.outerHTML);
  });
}

describe('agent console in Chromium', () => {
  it('logs in through the form', async () => {
    await page.goto(`${server.baseUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.getByLabel('Jeton de la console').fill(consoleToken);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${server.baseUrl}/console`);
    expect(await page.locator('h1').textContent()).toBe('Demandes reçues');
  });

  it('lists the hostile request as text', async () => {
    const titleCell = page.getByRole('cell', { name: HOSTILE[0], exact: false });
    expect(await titleCell.textContent()).toBe(`${HOSTILE[0]} ${HOSTILE[1]}`);
    expect(await injectedElements()).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('shows every hostile field as text on the request page, the screenshot as the only image', async () => {
    await page.goto(`${server.baseUrl}/console/requests/${requestId}`);
    await page.waitForFunction(() => {
      const image = document.querySelector('img');
      return image?.complete === true && image.naturalWidth > 0;
    });
    expect(await page.locator('h1').textContent()).toContain(`${HOSTILE[0]} ${HOSTILE[1]}`);
    expect(await page.locator('ol.steps li').allTextContents()).toEqual([...HOSTILE]);
    expect(await page.locator('.description').textContent()).toBe(HOSTILE.join('\n'));
    expect(await page.locator('img').count()).toBe(1);
    expect(await page.locator('img').getAttribute('alt')).toBe('capture.png');
    expect(await injectedElements()).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
