/**
 * The agent console in a real browser (Debian's Chromium): a request full of script and
 * onerror payloads is opened through the login form, and nothing of it runs or becomes markup;
 * then an agent's work, from the keyboard: search, filters, a request's page with its files
 * and forwarding state, a status change; and axe-core finds no violation on the list or a
 * request's page.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath } from '../../scripts/browsers.js';
import { HOSTILE, hostileRequest } from '../support/console-support';
import { postRequest, requestWith, screenshot, startServer, testFile } from '../support/backend-server';
import type { TestServer } from '../support/backend-server';
import { ConsolePage } from './pages/console-page';
import { waitFor } from './support/wait';

const consoleToken = 'console-token-for-e2e-0123456789';
const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let webhook: Server;
let browser: Browser;
let page: Page;
let agent: ConsolePage;
let requestId: string;
const references: Record<'hostile' | 'plain' | 'client', string> = { hostile: '', plain: '', client: '' };
const dialogs: string[] = [];
const consoleErrors: string[] = [];

async function post(options: Parameters<typeof postRequest>[1]): Promise<{ id: string; reference: string }> {
  const response = await postRequest(server, options);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; reference: string };
}

beforeAll(async () => {
  // A helpdesk's webhook that takes everything: the console then shows the requests forwarded.
  webhook = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  server = await startServer({ consoleToken, forwarding: { webhook: { url: webhookUrl, secret: 'webhook-secret-for-e2e-0123456789abcdef' } } });

  const hostile = await post({ request: hostileRequest([screenshot()]), files: [screenshot()] });
  requestId = hostile.id;
  references.hostile = hostile.reference;
  references.plain = (await post({ request: requestWith([screenshot()]), files: [screenshot()] })).reference;
  const notes = testFile('notes.txt', 'text/plain', new TextEncoder().encode('Relevé des essais'));
  references.client = (
    await post({
      request: requestWith([notes], { route: 'client', category: 'suivi-de-facture', subCategory: 'paiement', invoiceNumbers: ['F-77-2026'], contact: { email: 'marie.martin@exemple.fr' } }),
      files: [notes],
    })
  ).reference;
  await waitFor('the three requests forwarded', () => (server.database().prepare("SELECT count(*) AS n FROM forwarding_outbox WHERE state = 'delivered'").get() as { n: number }).n === 3);

  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  page = await browser.newPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  agent = new ConsolePage(page, server.baseUrl);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  webhook?.closeAllConnections();
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
});

/** Elements that hostile contents could have injected, with the legitimate images excepted. */
function injectedElements(): Promise<string[]> {
  return page.evaluate(() => {
    const suspicious = [...document.querySelectorAll('script, iframe, svg, object, embed, [onerror], [onload], img:not([src^="/console/files/"])')];
    return suspicious.map((element) => element.outerHTML);
  });
}

describe('agent console in Chromium', () => {
  it('logs in through the form', async () => {
    await agent.logIn(consoleToken);
    expect(await agent.heading()).toBe('Demandes reçues');
  });

  it('lists the hostile request as text', async () => {
    const titleCell = page.getByRole('cell', { name: HOSTILE[0], exact: false });
    expect(await titleCell.textContent()).toBe(`${HOSTILE[0]} ${HOSTILE[1]}`);
    expect(await injectedElements()).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('shows every hostile field as text on the request page, the screenshot as the only image', async () => {
    await page.goto(`${server.baseUrl}/console/requests/${requestId}`);
    expect(await agent.attachments()).toEqual({ downloads: ['Télécharger capture.png'], previews: 1 });
    expect(await agent.heading()).toContain(`${HOSTILE[0]} ${HOSTILE[1]}`);
    expect(await agent.steps()).toEqual([...HOSTILE]);
    expect(await page.locator('.description').textContent()).toBe(HOSTILE.join('\n'));
    expect(await page.locator('img').getAttribute('alt')).toBe('capture.png');
    expect(await injectedElements()).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe("an agent's work in the console, in Chromium", () => {
  it('lists the requests newest first, in Paris time with UTC on hover, each forwarded', async () => {
    await page.goto(`${server.baseUrl}/console`);
    const rows = await agent.rows();
    expect(rows.map((row) => row.reference)).toEqual([references.client, references.plain, references.hostile]);
    for (const row of rows) {
      expect(row.receivedUtc).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      const utc = new Date(row.receivedUtc.replace(' ', 'T').replace(' UTC', 'Z'));
      expect(row.received).toBe(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' }).format(utc));
      expect(row.forwarding).toBe('Transmise (Webhook : Transmise)');
    }
  });

  it('starts with a link to skip to the content', async () => {
    expect(await agent.firstTabStop()).toBe('Aller au contenu');
  });

  it('searches by invoice number, e-mail and reference number', async () => {
    await agent.filter({ search: 'F-77-2026' });
    expect((await agent.rows()).map((row) => row.reference)).toEqual([references.client]);
    await agent.filter({ search: 'marie.martin@exemple.fr' });
    expect((await agent.rows()).map((row) => row.reference)).toEqual([references.client]);
    await agent.filter({ search: String(Number(references.plain.slice(-6))) });
    expect((await agent.rows()).map((row) => row.reference)).toEqual([references.plain]);
    await agent.filter({ search: 'F-77' });
    expect(await agent.rows()).toEqual([]);
    expect(await agent.emptyMessage()).toBe('Aucune demande ne correspond à ces critères.');
  });

  it('filters by category and route', async () => {
    await agent.filter({ category: 'Suivi de facture' });
    expect((await agent.rows()).map((row) => row.reference)).toEqual([references.client]);
    await agent.filter({ route: 'Va au support Chorus Pro' });
    expect((await agent.rows()).map((row) => row.reference)).not.toContain(references.client);
  });

  it('opens a request from the keyboard: steps numbered once, files previewed and downloadable, forwarding shown', async () => {
    await agent.filter({ search: references.plain });
    await agent.openWithKeyboard(references.plain);
    expect(await agent.steps()).toEqual(['Factures émises › Saisir facture — clic sur « Valider »', 'Factures émises › Erreur']);
    expect(await agent.attachments()).toEqual({ downloads: ['Télécharger capture.png'], previews: 1 });
    expect(await agent.forwarding()).toEqual([{ target: 'Webhook', state: 'Transmise' }]);
  });

  it('changes the status, then finds the request by it', async () => {
    expect(await agent.setStatus('En cours de traitement')).toBe('Statut enregistré.');
    expect(await agent.shownStatus()).toBe('En cours de traitement');
    await agent.filter({ status: 'En cours de traitement' });
    expect((await agent.rows()).map((row) => [row.reference, row.status])).toEqual([[references.plain, 'En cours de traitement']]);
  });

  it('has no axe violation on the list', async () => {
    await page.goto(`${server.baseUrl}/console`);
    expect(await agent.axeViolations(AXE_SOURCE)).toEqual([]);
  });

  it('has no axe violation on a request page', async () => {
    await agent.filter({ search: references.client });
    await agent.openWithKeyboard(references.client);
    expect(await agent.axeViolations(AXE_SOURCE)).toEqual([]);
    await page.goto(`${server.baseUrl}/console/requests/${requestId}`);
    expect(await agent.axeViolations(AXE_SOURCE)).toEqual([]);
  });
});
