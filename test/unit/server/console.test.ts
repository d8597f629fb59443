// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PNG_BYTES, postRequest, requestWith, screenshot, startServer, testFile } from '../../support/backend-server';
import type { TestServer } from '../../support/backend-server';
import { HOSTILE, hostileRequest, logIn } from '../../support/console-support';
import { PAGE_SIZE } from '../../../server/console';

let server: TestServer;
const consoleToken = 'console-token-for-tests-0123456789';

interface Created {
  id: string;
  reference: string;
}

let cookie: string;
let hostile: Created;
let plain: Created;
let clientRouted: Created;

async function post(request: Parameters<typeof postRequest>[1]): Promise<Created> {
  const response = await postRequest(server, request);
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: { Cookie: cookie, ...headers }, redirect: 'manual' });
}

function form(path: string, fields: Record<string, string>, withCookie = true): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(withCookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

async function csrfOf(path: string): Promise<string> {
  const page = await (await get(path)).text();
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error(`no CSRF token on ${path}`);
  return match[1];
}

beforeAll(async () => {
  server = await startServer({ consoleToken });
  hostile = await post({ request: hostileRequest([screenshot()]), files: [screenshot()] });
  plain = await post({});
  const notes = testFile('notes.txt', 'text/plain', new TextEncoder().encode('<script>alert(1)</script>'));
  clientRouted = await post({ request: requestWith([notes], { route: 'client', category: 'suivi-de-facture', subCategory: 'paiement' }), files: [notes] });
  cookie = await logIn(server.baseUrl, consoleToken);
});

afterAll(async () => {
  await server.close();
});

describe('console access', () => {
  it('is not served without CONSOLE_TOKEN', async () => {
    const bare = await startServer();
    expect((await fetch(`${bare.baseUrl}/console`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${bare.baseUrl}/console/login`, { redirect: 'manual' })).status).toBe(404);
    await bare.close();
  });

  it('sends visitors without a session to the login page', async () => {
    for (const path of ['/console', `/console/requests/${plain.id}`]) {
      const response = await fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/console/login');
    }
    const forged = await fetch(`${server.baseUrl}/console`, { headers: { Cookie: 'cph_console=forged' }, redirect: 'manual' });
    expect(forged.status).toBe(303);
  });

  it('refuses a wrong token and sets an HttpOnly, SameSite=Strict cookie for the right one', async () => {
    const wrong = await form('/console/login', { token: 'wrong' }, false);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await form('/console/login', { token: consoleToken }, false);
    expect(right.status).toBe(303);
    const setCookie = right.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cph_console=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Strict/);
  });

  it('sends strict security headers, and no CORS headers even to the extension', async () => {
    const response = await get('/console', { Origin: `chrome-extension://${'a'.repeat(32)}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain('script-src');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('logs out', async () => {
    const session = await logIn(server.baseUrl, consoleToken);
    const page = await (await fetch(`${server.baseUrl}/console`, { headers: { Cookie: session } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const out = await fetch(`${server.baseUrl}/console/logout`, {
      method: 'POST',
      headers: { Cookie: session, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `csrf=${encodeURIComponent(csrf)}`,
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${server.baseUrl}/console`, { headers: { Cookie: session }, redirect: 'manual' })).status).toBe(303);
  });
});

describe('request list', () => {
  it('lists every request, newest first', async () => {
    const page = await (await get('/console')).text();
    const positions = [clientRouted, plain, hostile].map(({ reference }) => page.indexOf(reference));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('filters by status, route and date', async () => {
    const byRoute = await (await get('/console?route=client')).text();
    expect(byRoute).toContain(clientRouted.reference);
    expect(byRoute).not.toContain(plain.reference);
    const byStatus = await (await get('/console?status=closed')).text();
    expect(byStatus).not.toContain(plain.reference);
    const today = new Date().toISOString().slice(0, 10);
    expect(await (await get(`/console?from=${today}&to=${today}`)).text()).toContain(plain.reference);
    expect(await (await get('/console?to=2000-01-01')).text()).not.toContain(plain.reference);
    // Unknown filter values are ignored, not echoed.
    expect(await (await get('/console?status=%3Cscript%3E')).text()).toContain(plain.reference);
  });
});

describe('search, filters and pages', () => {
  it('finds a request by reference, its number, SIRET, invoice number or e-mail, exactly', async () => {
    const number = plain.reference.slice(-6);
    const queries = [plain.reference, plain.reference.toLowerCase(), number, String(Number(number)), '732 829 320 00074', 'FA-2026-0042', 'JEAN.DUPONT@exemple.fr'];
    for (const query of queries) {
      const page = await (await get(`/console?q=${encodeURIComponent(query)}`)).text();
      expect(page, query).toContain(plain.reference);
    }
    const none = await (await get('/console?q=FA-2026')).text();
    expect(none).not.toContain(plain.reference);
    expect(none).toContain('Aucune demande ne correspond à ces critères.');
    // What was typed stays in the box, as text.
    expect(await (await get('/console?q=%22%3E%3Cscript%3E')).text()).toContain('value="&quot;&gt;&lt;script&gt;"');
  });

  it('filters by category', async () => {
    const page = await (await get('/console?category=suivi-de-facture')).text();
    expect(page).toContain(clientRouted.reference);
    expect(page).not.toContain(plain.reference);
    expect(page).toContain('<option value="suivi-de-facture" selected>');
  });

  it('pages by 50, newest first, keeping the filters in the links', async () => {
    const paged = await startServer({ consoleToken });
    const references: string[] = [];
    for (let index = 0; index < PAGE_SIZE + 2; index++) references.push(((await (await postRequest(paged, {})).json()) as Created).reference);
    const session = await logIn(paged.baseUrl, consoleToken);
    const pageOf = async (query: string) => (await fetch(`${paged.baseUrl}/console${query}`, { headers: { Cookie: session } })).text();
    const first = await pageOf('?status=received');
    const shown = (page: string) => [...page.matchAll(/>(CPH-\d{4}-\d{6})</g)].map((match) => match[1]);
    expect(shown(first)).toEqual(references.slice(2).reverse());
    expect(first).toContain('href="/console?status=received&amp;page=2" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const second = await pageOf('?status=received&page=2');
    expect(shown(second)).toEqual(references.slice(0, 2).reverse());
    expect(second).toContain('href="/console?status=received" rel="prev"');
    expect(second).toContain('demandes 51 à 52');
    expect(await pageOf('?page=abc')).toContain(references.at(-1));
    await paged.close();
  });

  it('shows dates in Paris time, with the UTC instant in a title', async () => {
    const received = (await (await fetch(`${server.baseUrl}/api/v1/requests/${plain.id}`)).json()) as { updatedAt: string };
    const iso = received.updatedAt;
    const page = await (await get('/console')).text();
    const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    expect(page).toContain(`<time datetime="${iso}" title="${iso.replace('T', ' ').slice(0, 19)} UTC">${paris}</time>`);
    expect(page).toContain('Reçue le (heure de Paris)');
  });
});

describe('request page', () => {
  it('shows every field, step, error and file', async () => {
    const page = await (await get(`/console/requests/${plain.id}`)).text();
    for (const text of ['Menuiserie Dupont SARL', 'Jean Dupont', '06 12 34 56 78', '73282932000074', 'FA-2026-0042', 'Firefox 153.8.0 — Linux (x86-64)', 'V2.0.1 - R13', 'Factures émises › Erreur', 'Une erreur technique est survenue (code 500).', 'Facturation › Dépôt ou saisie d&#39;une facture']) {
      expect(page).toContain(text);
    }
    // Technical details are listed only when the request carries some.
    expect(page).not.toContain('Détails techniques');
    const withScreenshot = await (await get(`/console/requests/${hostile.id}`)).text();
    expect(withScreenshot).toContain(`<img src="/console/files/${hostile.id}/${screenshot().meta.sha256}" alt="capture.png">`);
    expect((await get(`/console/requests/${randomUUID()}`)).status).toBe(404);
  });

  it('numbers the path steps once', async () => {
    const page = await (await get(`/console/requests/${plain.id}`)).text();
    expect(page).toContain('<ol class="steps"><li>Factures émises › Saisir facture — clic sur « Valider »</li><li>Factures émises › Erreur</li></ol>');
  });

  it('says when no helpdesk is configured to forward to', async () => {
    const page = await (await get(`/console/requests/${plain.id}`)).text();
    expect(page).toContain("Aucun service support externe n'est configuré pour cette demande.");
  });

  it('shows hostile contents as text, never as markup', async () => {
    const page = await (await get(`/console/requests/${hostile.id}`)).text();
    for (const payload of HOSTILE) expect(page).toContain(payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img[^>]*onerror/i);
    expect(page).not.toMatch(/<svg/i);
    expect(page).toContain('<h2>Détails techniques</h2><ul class="diagnostics"><li>Script error — &lt;');
    const list = await (await get('/console')).text();
    expect(list).not.toMatch(/<script/i);
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('status change', () => {
  it('needs the CSRF token of the session', async () => {
    const missing = await form(`/console/requests/${plain.id}/status`, { status: 'resolved' });
    expect(missing.status).toBe(403);
    const wrong = await form(`/console/requests/${plain.id}/status`, { status: 'resolved', csrf: 'forged' });
    expect(wrong.status).toBe(403);
    const status = await fetch(`${server.baseUrl}/api/v1/requests/${plain.id}`);
    expect(((await status.json()) as { status: string }).status).toBe('received');
  });

  it('changes the status the API then reports', async () => {
    const csrf = await csrfOf(`/console/requests/${plain.id}`);
    const unknown = await form(`/console/requests/${plain.id}/status`, { status: 'deleted', csrf });
    expect(unknown.status).toBe(400);
    const changed = await form(`/console/requests/${plain.id}/status`, { status: 'waiting_for_user', csrf });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe(`/console/requests/${plain.id}?saved=1`);
    const status = (await (await fetch(`${server.baseUrl}/api/v1/requests/${plain.id}`)).json()) as { status: string; updatedAt: string };
    expect(status.status).toBe('waiting_for_user');
    expect(Date.parse(status.updatedAt)).toBeGreaterThan(0);
    expect(await (await get('/console?status=waiting_for_user')).text()).toContain(plain.reference);
  });
});

describe('files', () => {
  const sha = screenshot().meta.sha256;

  it('serves a screenshot byte for byte, with its stored type, nosniff and a disposition', async () => {
    const response = await get(`/console/files/${hostile.id}/${sha}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''capture.png");
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_BYTES);
  });

  it('serves other files as downloads', async () => {
    const page = await (await get(`/console/requests/${clientRouted.id}`)).text();
    const path = /href="(\/console\/files\/[^"]+)" download/.exec(page)?.[1] ?? '';
    const response = await get(path);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''notes.txt");
  });

  it('needs a session', async () => {
    expect((await fetch(`${server.baseUrl}/console/files/${hostile.id}/${sha}`)).status).toBe(403);
  });

  it.each([
    () => `/console/files/${hostile.id}/..%2F..%2Fsupport.sqlite`,
    () => `/console/files/..%2F..%2Fsupport.sqlite/${sha}`,
    () => `/console/files/${hostile.id}/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd`,
    () => `/console/files/${hostile.id}/${'0'.repeat(64)}`,
    () => `/console/files/${plain.id}/${sha}`,
    () => `/console/files/${hostile.id.toUpperCase()}/${sha.toUpperCase()}`,
    () => `/console/files/%2e%2e/%2e%2e`,
    () => `/console/files/${hostile.id}/${sha}%00.html`,
  ])('refuses %s', async (path) => {
    const response = await get(path());
    expect(response.status).toBe(404);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.includes(Buffer.from('SQLite format'))).toBe(false);
    expect(body.includes(Buffer.from('root:'))).toBe(false);
  });
});

describe('login attempts', () => {
  it('are limited per client, so the token cannot be guessed by brute force', async () => {
    const guarded = await startServer({ consoleToken });
    const attempt = () =>
      fetch(`${guarded.baseUrl}/console/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'token=guess',
        redirect: 'manual',
      });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt()).status);
    expect(statuses.every((status) => status === 401)).toBe(true);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    await guarded.close();
  });
});

describe('forwarding status', () => {
  it('shows, per request, whether each helpdesk has it, and why not yet', async () => {
    // Nothing listens on port 9: the attempt fails and waits for a retry.
    const forwarding = await startServer({ consoleToken, forwarding: { webhook: { url: 'http://127.0.0.1:9/hook', secret: 'webhook-secret-for-tests-0123456789' } } });
    const created = (await (await postRequest(forwarding, {})).json()) as Created;
    const db = forwarding.database();
    const row = () => db.prepare('SELECT state, attempts FROM forwarding_outbox WHERE request_id = ?').get(created.id);
    await vi.waitFor(() => expect(row()).toEqual({ state: 'pending', attempts: 1 }));
    const session = await logIn(forwarding.baseUrl, consoleToken);
    const read = async (path: string) => (await fetch(`${forwarding.baseUrl}${path}`, { headers: { Cookie: session } })).text();

    expect(await read('/console')).toContain('<span class="state state-pending">En attente (Webhook : En attente)</span>');
    const detail = await read(`/console/requests/${created.id}`);
    expect(detail).toContain('<h2>Transmission au service support</h2>');
    expect(detail).toMatch(/<td>Webhook<\/td><td><span class="state state-pending">En attente<\/span><\/td><td>1<\/td>/);
    expect(detail).toContain('webhook: connection failed');
    expect(detail).toContain('Nouvel essai vers <time');

    db.prepare("UPDATE forwarding_outbox SET state = 'delivered', last_error = NULL WHERE request_id = ?").run(created.id);
    expect(await read('/console')).toContain('<span class="state state-delivered">Transmise (Webhook : Transmise)</span>');
    expect(await read(`/console/requests/${created.id}`)).not.toContain('Relancer la transmission');

    // Refused for good (a wrong setting, since fixed): the agent puts it back in line.
    db.prepare("UPDATE forwarding_outbox SET state = 'failed', last_error = 'webhook: HTTP 401' WHERE request_id = ?").run(created.id);
    const failedPage = await read(`/console/requests/${created.id}`);
    expect(failedPage).toContain('<span class="state state-failed">Échec</span>');
    const csrf = /action="\/console\/requests\/[^"]+\/forwarding"><input type="hidden" name="csrf" value="([^"]+)"/.exec(failedPage)?.[1] ?? '';
    const retry = (fields: Record<string, string>) =>
      fetch(`${forwarding.baseUrl}/console/requests/${created.id}/forwarding`, {
        method: 'POST',
        headers: { Cookie: session, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    expect((await retry({})).status).toBe(403);
    expect(db.prepare('SELECT state FROM forwarding_outbox WHERE request_id = ?').get(created.id)).toEqual({ state: 'failed' });
    const retried = await retry({ csrf });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe(`/console/requests/${created.id}?retried=1`);
    expect(db.prepare('SELECT state FROM forwarding_outbox WHERE request_id = ?').get(created.id)).toEqual({ state: 'pending' });
    expect(await read(`/console/requests/${created.id}?retried=1`)).toContain('Transmission relancée');
    await forwarding.close();
  });
});
