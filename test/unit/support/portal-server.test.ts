// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_HOSTS,
  CLASSIC_HOSTS,
  FIXTURES_DIR,
  LOOKALIKE_HOSTS,
  NON_PORTAL_HOST,
  SERVICES_HOST,
  hostnameOf,
  startPortalServer,
} from '../../support/portal-server';
import type { PortalServer } from '../../support/portal-server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: PortalServer;

/** One HTTPS request to the replica, with the given Host header, verifying its certificate for that host. */
function request(host: string, target: string, options: { method?: string; body?: string; agent?: https.Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: target,
        method: options.method ?? 'GET',
        headers: { Host: `${host}:${server.port}`, ...(options.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        servername: host.includes('.') ? host : undefined,
        ca: server.cert,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Luhn check, as for SIREN and SIRET numbers. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

beforeAll(async () => {
  server = await startPortalServer();
});

afterAll(async () => {
  await server?.close();
});

describe('portal replica server', () => {
  it('listens on a random local port with a certificate valid for every host', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.spkiHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    for (const host of ALL_HOSTS) {
      const reply = await request(host, '/assets/portal.css');
      expect(reply.status, host).toBe(200);
    }
  });

  it('strips the port and trailing dot from the Host header', () => {
    expect(hostnameOf('Chorus-Pro.gouv.fr.:8443')).toBe('chorus-pro.gouv.fr');
    expect(hostnameOf('[::1]:443')).toBe('::1');
    expect(hostnameOf(undefined)).toBe('');
  });

  it('serves the classic pages on both classic hosts, ignoring the query string', async () => {
    for (const host of CLASSIC_HOSTS) {
      const reply = await request(host, '/cpp/utilisateur?execution=e1s1');
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.body).toContain('id="GCU_Sauthentifier_VousAvezDejaUnCompte_BoutonSeConnecter"');
      expect(reply.body).toContain('<p class="footer-version">V2.0.1 - R13</p>');
    }
    const pages: [string, string][] = [
      ['/cpp/accueil', 'Identifiant de connexion : jdupont-4821'],
      ['/cpp/factures-emises', 'id="GDP_RechercheDemandePaiement_Criteres_NumeroFacture"'],
      ['/cpp/factures-emises/resultats?numeroFacture=&statut=', '<a href="/cpp/facture?numero=F2026-0042">F2026-0042</a>'],
      ['/cpp/facture?numero=F2026-0042', '(code DP_ERR_042)'],
      ['/cpp/sollicitation-saisir', 'Valider et envoyer'],
      ['/cpp/nous-contacter', 'Recopiez les caractères'],
    ];
    for (const [target, text] of pages) {
      const reply = await request('chorus-pro.gouv.fr', target);
      expect(reply.status, target).toBe(200);
      expect(reply.body, target).toContain(text);
    }
  });

  it('redirects the root of the classic application to the entry page', async () => {
    const reply = await request('chorus-pro.gouv.fr', '/');
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/cpp/utilisateur?execution=e1s1');
  });

  it('answers unknown paths with a real 404 and the portal error page', async () => {
    for (const target of ['/cpp/nexiste-pas', '/cpp/a-propos', '/autre', '/cpp/_erreur-404', '/cpp/utilisateur.html']) {
      const reply = await request('chorus-pro.gouv.fr', target);
      expect(reply.status, target).toBe(404);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body).toContain('<h1>Erreur 404 – Page introuvable</h1>');
      expect(reply.body).toContain('V2.0.1 - R13');
    }
  });

  it('answers /cpp/erreur-500 with a real 500 and the technical error page', async () => {
    const reply = await request('cpro.chorus-pro.gouv.fr', '/cpp/erreur-500');
    expect(reply.status).toBe(500);
    expect(reply.body).toContain('<h1>Erreur technique</h1>');
  });

  it('never leaves the fixture folder', async () => {
    for (const target of ['/cpp/..%2f..%2f..%2fpackage.json', '/cpp/%2e%2e/%2e%2e/package', '/assets/..%2f..%2f..%2f..%2fpackage.json', '/assets/../../package.json']) {
      const reply = await request('chorus-pro.gouv.fr', target);
      expect(reply.status, target).toBe(404);
      expect(reply.body).not.toContain('chorus-pro-help-assistant');
    }
  });

  it('serves the services portal by ?id=', async () => {
    const home = await request(SERVICES_HOST, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Bienvenue sur le portail des services Chorus Pro');
    expect(home.body).not.toContain('class="footer-version"');
    expect((await request(SERVICES_HOST, '/?id=cpp_accueil')).body).toBe(home.body);
    expect((await request(SERVICES_HOST, '/?id=cpp_tickets')).body).toContain('Actions requises');
    expect((await request(SERVICES_HOST, '/?id=cpp_nous_contacter')).body).toContain('Envoyer un ticket');
    expect((await request(SERVICES_HOST, '/?id=cpp_ticket_support')).body).toContain('Soumettre');
    // The portal changed: the form's page serves a template without the form, until given back.
    server.replaceServicesPage('cpp_ticket_support', 'ticket-formulaire-modifie');
    expect((await request(SERVICES_HOST, '/?id=cpp_ticket_support')).body).not.toContain('Soumettre');
    server.replaceServicesPage('cpp_ticket_support', null);
    expect((await request(SERVICES_HOST, '/?id=cpp_ticket_support')).body).toContain('Soumettre');
    expect((await request(SERVICES_HOST, '/?id=cpp_erreur')).body).toContain('Une erreur est survenue : ');
    for (const target of ['/?id=inconnu', '/?id=_erreur-404', '/?id=../classic/accueil', '/cpp/accueil']) {
      const reply = await request(SERVICES_HOST, target);
      expect(reply.status, target).toBe(404);
      expect(reply.body).toContain('Erreur 404 – Page introuvable');
    }
  });

  it('serves the look-alike hosts the classic pages and the non-portal host its own page', async () => {
    for (const host of LOOKALIKE_HOSTS) {
      expect((await request(host, '/cpp/facture')).body).toContain('F2026-0042');
    }
    const other = await request(NON_PORTAL_HOST, '/');
    expect(other.status).toBe(200);
    expect(other.body).toContain('Un autre site');
    const missing = await request(NON_PORTAL_HOST, '/cpp/utilisateur');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('refuses unknown hosts', async () => {
    const reply = await request('localhost', '/cpp/utilisateur');
    expect(reply.status).toBe(421);
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('serves assets with their content type', async () => {
    const css = await request(SERVICES_HOST, '/assets/portal.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('#000091');
    expect((await request('chorus-pro.gouv.fr', '/assets/facture.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request(NON_PORTAL_HOST, '/assets/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await request('chorus-pro.gouv.fr', '/assets/absent.css')).status).toBe(404);
  });

  it('answers a POST with the page, never echoes the submitted values, and logs the request without query', async () => {
    const before = server.requests.length;
    const reply = await request('chorus-pro.gouv.fr', '/cpp/sollicitation-envoyee?x=1', { method: 'POST', body: 'objet=VALEUR-SECRETE-123' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Sollicitation envoyée');
    expect(reply.body).not.toContain('VALEUR-SECRETE-123');
    expect(server.requests.slice(before)).toEqual([{ host: 'chorus-pro.gouv.fr', method: 'POST', path: '/cpp/sollicitation-envoyee' }]);
    const ticket = await request(SERVICES_HOST, '/?id=cpp_ticket_soumis', { method: 'POST', body: 'titre=VALEUR-SECRETE-456' });
    expect(ticket.status).toBe(200);
    expect(ticket.body).not.toContain('VALEUR-SECRETE-456');
  });

  it('generates the long list with the requested number of rows', async () => {
    const count = (body: string) => body.match(/<tr><td><a href="\/cpp\/facture\?numero=/g)?.length ?? 0;
    const small = await request('chorus-pro.gouv.fr', '/cpp/factures-emises/liste?lignes=25');
    expect(small.status).toBe(200);
    expect(count(small.body)).toBe(25);
    expect(small.body).toContain('Liste complète : 25 factures');
    expect(count((await request('chorus-pro.gouv.fr', '/cpp/factures-emises/liste')).body)).toBe(2000);
    expect(count((await request('chorus-pro.gouv.fr', '/cpp/factures-emises/liste?lignes=abc')).body)).toBe(2000);
    for (const siret of small.body.match(/\b\d{14}\b/g) ?? []) expect(luhn(siret), siret).toBe(true);
  });

  it('closes even with keep-alive connections open', async () => {
    const other = await startPortalServer();
    const agent = new https.Agent({ keepAlive: true });
    try {
      const reply = await new Promise<number>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port: other.port, path: '/cpp/accueil', headers: { Host: 'chorus-pro.gouv.fr' }, ca: other.cert, servername: 'chorus-pro.gouv.fr', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
      expect(reply).toBe(200);
      expect(Object.keys(agent.freeSockets).length).toBe(1);
      await other.close();
      await other.close();
      expect(other.requests).toEqual([{ host: 'chorus-pro.gouv.fr', method: 'GET', path: '/cpp/accueil' }]);
    } finally {
      agent.destroy();
    }
  });
});

describe('portal replica pages', () => {
  const files = ['classic', 'services', 'other'].flatMap((dir) =>
    readdirSync(path.join(FIXTURES_DIR, dir))
      .filter((name) => name.endsWith('.html'))
      .map((name) => `${dir}/${name}`),
  );

  it('are French HTML5 documents with a title, one h1, unique ids and labelled fields', async () => {
    const window = new Window();
    try {
      for (const file of files) {
        const html = readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
        expect(html.startsWith('<!DOCTYPE html>\n<!-- '), file).toBe(true);
        const doc = new window.DOMParser().parseFromString(html, 'text/html');
        expect(doc.documentElement.getAttribute('lang'), file).toBe('fr');
        expect(doc.querySelector('meta[charset="utf-8"]'), file).not.toBeNull();
        expect(doc.title.length, file).toBeGreaterThan(0);
        expect(doc.querySelectorAll('h1').length, file).toBe(1);
        const ids = [...doc.querySelectorAll('[id]')].map((element) => element.id);
        expect(new Set(ids).size, `${file}: duplicate ids`).toBe(ids.length);
        for (const label of doc.querySelectorAll('label[for]')) {
          expect(doc.getElementById(label.getAttribute('for') ?? ''), `${file}: label for ${label.getAttribute('for')}`).not.toBeNull();
        }
        for (const field of doc.querySelectorAll('input, select, textarea')) {
          expect(doc.querySelector(`label[for="${field.id}"]`), `${file}: field ${field.id} has no label`).not.toBeNull();
        }
        for (const element of doc.querySelectorAll('[aria-controls], [aria-labelledby], [aria-describedby]')) {
          for (const attribute of ['aria-controls', 'aria-labelledby', 'aria-describedby']) {
            for (const id of (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)) {
              expect(doc.getElementById(id), `${file}: ${attribute}=${id}`).not.toBeNull();
            }
          }
        }
        if (!file.startsWith('other/')) {
          expect(doc.querySelector('body > header.portal-header')?.textContent, file).toContain('Chorus Pro');
          expect(doc.querySelector('footer.portal-footer'), file).not.toBeNull();
        }
        if (file.startsWith('classic/')) expect(doc.querySelector('.footer-version')?.textContent, file).toBe('V2.0.1 - R13');
      }
    } finally {
      await window.happyDOM.close();
    }
  });

  it('use only Luhn-valid SIRETs, except the order number that must not pass for one', () => {
    let checked = 0;
    for (const file of files) {
      const html = readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
      for (const digits of html.match(/\b\d{14}\b/g) ?? []) {
        if (digits === '12345678901234') continue;
        expect(luhn(digits), `${file}: ${digits}`).toBe(true);
        expect(luhn(digits.slice(0, 9)), `${file}: SIREN of ${digits}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(luhn('12345678901234')).toBe(false);
    expect(readFileSync(path.join(FIXTURES_DIR, 'classic/facture.html'), 'utf8')).toContain('Bon de commande : 12345678901234');
  });

  it('load no external resource', () => {
    for (const file of [...files, 'assets/portal.css', 'assets/portal.js', 'assets/facture.js']) {
      const text = readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
      expect(text, file).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
      expect(text, file).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
      expect(text, file).not.toMatch(/@import/);
    }
  });
});
