/**
 * Replica of the Chorus Pro portal for the end-to-end tests: the static pages of
 * test/fixtures/portal/ served over HTTPS (self-signed certificate generated at start) and
 * routed by the Host header, so that a browser mapping the real host names to this server
 * sees https://chorus-pro.gouv.fr/cpp/... and https://portail.chorus-pro.gouv.fr/?id=...
 *
 * URL map (query strings are ignored for routing, except ?id= on the services portal and
 * ?lignes= on the long list):
 *   classic hosts and look-alikes
 *     /                              302 → /cpp/utilisateur?execution=e1s1
 *     /cpp/NAME[/SUB]                classic/NAME[-SUB].html (e.g. /cpp/factures-emises/resultats)
 *     /cpp/factures-emises/liste     generated table, ?lignes=N rows (default 2000, at most 20000)
 *     /cpp/erreur-500                HTTP 500, the portal's "Erreur technique" page
 *     /cpp/api/introuvable           HTTP 404, JSON (the portal's API, for failed requests)
 *     /cpp/api/ANYTHING              HTTP 500, JSON
 *     anything else                  HTTP 404, the portal's "Erreur 404 – Page introuvable" page
 *   services host
 *     / and /?id=cpp_accueil         services/cpp_accueil.html
 *     /?id=NAME                      services/NAME.html, else HTTP 404 (services error page); a page
 *                                    replaced (replaceServicesPage) serves its template instead
 *   non-portal host: / → other/index.html, anything else a plain 404
 *   every known host: /assets/FILE → assets/FILE (css, js, png, svg)
 *   unknown host: HTTP 421, plain text
 * A POST answers the same page as a GET (so submitting a form works); the body is read and
 * discarded, never echoed. Files whose name starts with "_" are templates, never served as such.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

export const CLASSIC_HOSTS = ['chorus-pro.gouv.fr', 'cpro.chorus-pro.gouv.fr'] as const;
export const SERVICES_HOST = 'portail.chorus-pro.gouv.fr';
/** A site that is NOT the portal: the extension must do nothing there. */
export const NON_PORTAL_HOST = 'autre-site.test';
/** Served the classic pages, to prove that the extension does not run there. */
export const LOOKALIKE_HOSTS = ['chorus-pro.gouv.fr.evil.test', 'chorus-pro-gouv.fr', 'chorus-pro-gouv.fr.test', 'chorus-pro-gouv.test'];
export const ALL_HOSTS: string[] = [...CLASSIC_HOSTS, SERVICES_HOST, NON_PORTAL_HOST, ...LOOKALIKE_HOSTS];

/** The folder of the replica pages. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/portal/', import.meta.url));

/** Rows of /cpp/factures-emises/liste without ?lignes=, and the most it accepts. */
export const DEFAULT_LIST_ROWS = 2000;
export const MAX_LIST_ROWS = 20000;

export interface PortalRequest {
  /** Host header, lower-cased, without port. */
  host: string;
  method: string;
  /** Path without the query string. */
  path: string;
}

export interface PortalServer {
  port: number;
  close(): Promise<void>;
  requests: PortalRequest[];
  /** PEM of the self-signed certificate (trust it with `ca:` in Node, or import it in a browser). */
  cert: string;
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiHash: string;
  /**
   * Serves the services page `?id=page` from the template services/_<template>.html instead, as
   * if the portal had changed it; null serves the page itself again.
   */
  replaceServicesPage(page: string, template: string | null): void;
}

type Site = 'classic' | 'services' | 'other';

interface Page {
  status: number;
  type: string;
  body: string | Buffer;
  location?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};
const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
/** Page and asset names: no dot-dot, no slash, no leading "_" (templates). */
const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const ASSET = /^[a-z0-9][a-z0-9_-]*\.(css|js|png|svg|ico)$/;
/** Request bodies are drained, never kept; a bigger one is refused. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

function siteOf(host: string): Site | undefined {
  if ((CLASSIC_HOSTS as readonly string[]).includes(host) || LOOKALIKE_HOSTS.includes(host)) return 'classic';
  if (host === SERVICES_HOST) return 'services';
  if (host === NON_PORTAL_HOST) return 'other';
  return undefined;
}

/** "Chorus-Pro.gouv.fr.:8443" → "chorus-pro.gouv.fr"; "[::1]:443" → "::1". */
export function hostnameOf(hostHeader: string | undefined): string {
  const value = (hostHeader ?? '').trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1).split(']')[0] ?? '';
  return (value.split(':')[0] ?? '').replace(/\.$/, '');
}

/** Reads a file of the fixture folder; undefined when missing or outside the folder. */
async function fixture(...parts: string[]): Promise<Buffer | undefined> {
  const file = path.resolve(FIXTURES_DIR, ...parts);
  if (!file.startsWith(FIXTURES_DIR)) return undefined;
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

async function htmlPage(status: number, ...parts: string[]): Promise<Page> {
  const body = await fixture(...parts);
  if (!body) throw new Error(`missing fixture ${parts.join('/')}`);
  return { status, type: HTML, body };
}

const notFound = (site: Site): Promise<Page> =>
  site === 'other' ? Promise.resolve({ status: 404, type: TEXT, body: 'Not found\n' }) : htmlPage(404, site, '_erreur-404.html');

async function asset(name: string): Promise<Page | undefined> {
  if (!ASSET.test(name)) return undefined;
  const body = await fixture('assets', name);
  return body && { status: 200, type: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream', body };
}

/** Deterministic rows for the long table: same markup as factures-emises-resultats.html. */
const LIST_DESTINATAIRES: readonly (readonly [string, string])[] = [
  ['Centre hospitalier de Valmont', '11000201100044'],
  ['Commune de Bellerive', '21750001600019'],
  ['Université de Montclair', '19751703000015'],
  ['Direction régionale des finances publiques', '11000061900012'],
  ['Département du Val-Fleuri', '26750045200011'],
  ['Établissement public de la Rive', '13001727000013'],
  ['Institut national du Patrimoine vivant', '18004312700018'],
  ['Syndicat des eaux du Lac', '20004412100016'],
];
const LIST_STATUTS = ['Déposée', 'Rejetée', 'Mise à disposition', 'Mise en paiement', 'Suspendue'];

function listRows(count: number): string {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    const numero = `F2026-L${String(i).padStart(5, '0')}`;
    const [destinataire, siret] = LIST_DESTINATAIRES[i % LIST_DESTINATAIRES.length] ?? ['', ''];
    const date = `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2026`;
    const cents = (i * 7919) % 1_000_000;
    const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
    const montant = `${euros},${String(cents % 100).padStart(2, '0')} €`;
    const statut = LIST_STATUTS[i % LIST_STATUTS.length] ?? '';
    rows.push(
      `    <tr><td><a href="/cpp/facture?numero=${numero}">${numero}</a></td><td>${date}</td><td>${destinataire}</td>` +
        `<td>${siret}</td><td class="montant">${montant}</td><td>${statut}</td></tr>`,
    );
  }
  return rows.join('\n');
}

async function longList(query: URLSearchParams): Promise<Page> {
  const asked = Number.parseInt(query.get('lignes') ?? '', 10);
  const count = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_LIST_ROWS) : DEFAULT_LIST_ROWS;
  const template = (await fixture('classic', '_liste.html'))?.toString('utf8');
  if (!template) throw new Error('missing fixture classic/_liste.html');
  const body = template.replace('{{NOMBRE}}', String(count)).replace('<!--LIGNES-->', listRows(count));
  return { status: 200, type: HTML, body };
}

async function classicPage(pathname: string, query: URLSearchParams): Promise<Page> {
  if (pathname === '/' || pathname === '/cpp' || pathname === '/cpp/') {
    return { status: 302, type: TEXT, body: '', location: '/cpp/utilisateur?execution=e1s1' };
  }
  if (pathname === '/cpp/erreur-500') return htmlPage(500, 'classic', '_erreur-500.html');
  if (pathname.startsWith('/cpp/api/')) {
    const missing = pathname === '/cpp/api/introuvable';
    return { status: missing ? 404 : 500, type: 'application/json; charset=utf-8', body: JSON.stringify({ erreur: missing ? 'introuvable' : 'technique' }) };
  }
  if (pathname === '/cpp/factures-emises/liste') return longList(query);
  const segments = pathname.replace(/\/$/, '').split('/').slice(1);
  if (segments[0] === 'cpp' && segments.length >= 2 && segments.slice(1).every((s) => NAME.test(s))) {
    const body = await fixture('classic', `${segments.slice(1).join('-')}.html`);
    if (body) return { status: 200, type: HTML, body };
  }
  return notFound('classic');
}

async function servicesPage(pathname: string, query: URLSearchParams, replaced: ReadonlyMap<string, string>): Promise<Page> {
  if (pathname === '/') {
    const id = query.get('id') || 'cpp_accueil';
    if (NAME.test(id)) {
      const template = replaced.get(id);
      const body = await fixture('services', template === undefined ? `${id}.html` : `_${template}.html`);
      if (body) return { status: 200, type: HTML, body };
    }
  }
  return notFound('services');
}

async function otherPage(pathname: string): Promise<Page> {
  return pathname === '/' || pathname === '/index.html' ? htmlPage(200, 'other', 'index.html') : notFound('other');
}

async function route(site: Site, pathname: string, query: URLSearchParams, replaced: ReadonlyMap<string, string>): Promise<Page> {
  if (pathname.startsWith('/assets/')) return (await asset(pathname.slice('/assets/'.length))) ?? { status: 404, type: TEXT, body: 'Not found\n' };
  if (site === 'classic') return classicPage(pathname, query);
  if (site === 'services') return servicesPage(pathname, query, replaced);
  return otherPage(pathname);
}

/** Drains a request body without keeping it; resolves false when it is too big. */
function drain(req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(false);
      }
    });
    req.on('end', () => resolve(true));
    req.on('error', () => resolve(false));
  });
}

function send(req: IncomingMessage, res: ServerResponse, page: Page): void {
  const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body;
  const headers: Record<string, string | number> = {
    'Content-Type': page.type,
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  if (page.location) headers.Location = page.location;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function handle(req: IncomingMessage, res: ServerResponse, requests: PortalRequest[], replaced: ReadonlyMap<string, string>): Promise<void> {
  const host = hostnameOf(req.headers.host);
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'https://replica.invalid');
  requests.push({ host, method, path: url.pathname });

  if (method === 'POST' && !(await drain(req))) {
    send(req, res, { status: 413, type: TEXT, body: 'Payload too large\n' });
    return;
  }
  const site = siteOf(host);
  if (!site) {
    send(req, res, { status: 421, type: TEXT, body: 'Misdirected request: unknown host\n' });
    return;
  }
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    send(req, res, { status: 405, type: TEXT, body: 'Method not allowed\n' });
    return;
  }
  send(req, res, await route(site, url.pathname, url.searchParams, replaced));
}

interface Credentials {
  key: string;
  cert: string;
  spkiHash: string;
}

let credentials: Promise<Credentials> | undefined;

/** One self-signed certificate per process, for every portal host (and localhost). */
function certificate(): Promise<Credentials> {
  credentials ??= (async () => {
    const names = [...ALL_HOSTS, 'localhost'];
    const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
    const pems = await generate([{ name: 'commonName', value: CLASSIC_HOSTS[0] }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + 30 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }],
        },
      ],
    });
    const spki = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
    return { key: pems.private, cert: pems.cert, spkiHash: createHash('sha256').update(spki).digest('base64') };
  })();
  return credentials;
}

export async function startPortalServer(options: { port?: number; host?: string } = {}): Promise<PortalServer> {
  const { key, cert, spkiHash } = await certificate();
  const requests: PortalRequest[] = [];
  const replaced = new Map<string, string>();
  const server = https.createServer({ key, cert }, (req, res) => {
    handle(req, res, requests, replaced).catch((error: unknown) => {
      console.error('portal replica:', error);
      if (!res.headersSent) send(req, res, { status: 500, type: TEXT, body: 'Replica server error\n' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    requests,
    cert,
    spkiHash,
    replaceServicesPage(page, template) {
      if (template === null) replaced.delete(page);
      else if (NAME.test(page) && NAME.test(template)) replaced.set(page, template);
      else throw new Error(`not a page or template name: ${page}, ${template}`);
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
