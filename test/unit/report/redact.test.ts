import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SidebarState } from '../../../src/context/sidebar-state';
import { buildPrefill, EMPTY_PROFILE, toSupportRequest } from '../../../src/report/prefill';
import { LONG_DIGITS, MASKED_ADDRESS, redactCaptured } from '../../../src/report/redact';
import { isValidSiret } from '../../../src/report/siret';
import { translatorFor } from '../../support/i18n';

const OWN = 'jean.dupont@exemple.fr';
const SIRET = '11000201100044';
const INVOICE = 'F20260000004242';

describe('redaction of what the extension captured', () => {
  test('addresses lose their query and fragment', () => {
    expect(redactCaptured('Échec de https://chorus-pro.gouv.fr/cpp/api/facture?jeton=abc123&siret=1#haut (500)')).toBe('Échec de https://chorus-pro.gouv.fr/cpp/api/facture (500)');
  });

  test("e-mail addresses are masked, except the user's own connection id", () => {
    expect(redactCaptured(`Compte ${OWN} : mail envoyé à Marie.Martin@client-public.gouv.fr`, { ownConnectionId: 'Jean.Dupont@exemple.fr' })).toBe(
      `Compte ${OWN} : mail envoyé à ${MASKED_ADDRESS}`,
    );
    expect(redactCaptured(`Compte ${OWN}`)).toBe(`Compte ${MASKED_ADDRESS}`);
  });

  test('long digit runs are shortened, except a SIRET and the page\'s invoice numbers', () => {
    expect(redactCaptured(`SIRET ${SIRET}, facture ${INVOICE}, tél. 0612345678, IBAN FR7630006000011234567890189`, { invoiceNumbers: [INVOICE] })).toBe(
      `SIRET ${SIRET}, facture ${INVOICE}, tél. 06…78, IBAN FR76…89`,
    );
    // A SIREN and shorter numbers stay.
    expect(redactCaptured('SIREN 110002011, code 123456789')).toBe('SIREN 110002011, code 123456789');
  });
});

// What must never reach a request from captured text.
const ADDRESS_WITH_QUERY = /[a-z][a-z0-9+.-]*:\/\/[^\s<>"']*[?#]/i;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const LONG_RUN = new RegExp(`\\d{${LONG_DIGITS},}`, 'g');

function leaks(text: string, invoices: readonly string[]): string[] {
  const found: string[] = [];
  if (ADDRESS_WITH_QUERY.test(text)) found.push(`address with query in ${JSON.stringify(text)}`);
  // The own address may come out cut short with its line (clipped to the request's limits): still the user's own.
  for (const [email] of text.matchAll(EMAIL)) if (!OWN.startsWith(email.toLowerCase())) found.push(`e-mail ${email}`);
  for (const [digits] of text.matchAll(LONG_RUN)) if (!isValidSiret(digits) && !invoices.some((invoice) => invoice.includes(digits))) found.push(`digits ${digits}`);
  return found;
}

/** Text in which the patterns are likely: addresses with queries, e-mails, long digit runs, glued together or apart. */
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(' ', '?', '#', '@', '.', ':', '/', '"', '…', OWN, SIRET, INVOICE, 'https://', 'mailto:'),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.emailAddress(),
  fc.stringMatching(/^\d{8,30}$/),
);
const capturedText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

function stateWith(errors: string[], title: string, url: string, stepLabels: string[]): SidebarState {
  return {
    tabId: 1,
    page: { url, title },
    capture: null,
    capturePending: false,
    reading: {
      facts: {
        generation: 'classic',
        section: [],
        title,
        heading: title,
        portalVersion: '',
        user: { name: 'Jean Dupont', connectionId: OWN },
        errors: errors.map((text) => ({ text, kind: 'alert' as const })),
        invoiceNumbers: [INVOICE],
        sirets: [],
        references: [],
      },
      viewport: { width: 1280, height: 800 },
      screen: { width: 1920, height: 1080 },
      devicePixelRatio: 1,
    },
    trail: stepLabels.map((label, index) => ({ kind: 'click' as const, at: index + 1, label })),
    diagnostics: errors.map((message, index) => ({ kind: 'script-error' as const, at: index + 1, message })),
    browser: { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' },
    environment: { uiLanguage: 'fr-FR', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 100 },
  };
}

describe('redaction, fuzzed', () => {
  test('no address with a query, no e-mail but the own one, no long digit run but SIRETs and invoice numbers come out of a text', () => {
    fc.assert(
      fc.property(capturedText, (text) => {
        expect(leaks(redactCaptured(text, { ownConnectionId: OWN, invoiceNumbers: [INVOICE] }), [INVOICE])).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test('nothing of them reaches a request built from a captured page: errors, title, address, steps, technical details', () => {
    const t = translatorFor('fr');
    fc.assert(
      fc.property(fc.array(capturedText, { minLength: 1, maxLength: 3 }), capturedText, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.array(capturedText, { maxLength: 3 }), (errors, title, url, steps) => {
        const state = stateWith(errors, title, url, steps);
        const prefill = buildPrefill(state, EMPTY_PROFILE, { t, formatTime: () => '14:30' });
        // The user's own fields are empty: everything in the request came from the page.
        const request = toSupportRequest({ ...prefill.fields, description: '' }, prefill.facts, [], t);
        const texts = [request.title, request.description, request.pageUrl, ...request.errors, ...request.pathSteps, ...(request.diagnostics ?? [])];
        for (const text of texts) expect(leaks(text, [INVOICE])).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
