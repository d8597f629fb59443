// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderRequestText } from '../../../src/report/render-text';
import { translatorFor } from '../../support/i18n';
import { validRequest } from '../../support/request-fixture';

const fr = translatorFor('fr');
const en = translatorFor('en');

describe('renderRequestText', () => {
  it("puts the description first, then the facts in the help page's order (French)", () => {
    const text = renderRequestText(validRequest(), fr);
    expect(text).toBe(
      [
        'Je dépose ma facture au format PDF et le portail affiche une erreur.',
        "J'ai réessayé deux fois.",
        '',
        '— Informations pour le support —',
        'Identifiant de connexion : jean.dupont@exemple.fr',
        'Téléphone : 06 12 34 56 78',
        'Navigateur et version : Firefox 153.8.0 — Linux (x86-64)',
        'Problème : Le dépôt de ma facture échoue',
        'Numéro(s) de facture : FA-2026-0042',
        'Enchaînement des écrans ayant mené au problème :',
        '1. Factures émises › Saisir facture — clic sur « Valider »',
        '2. Factures émises › Erreur',
        "Message(s) d'erreur affiché(s) :",
        '- Une erreur technique est survenue (code 500).',
        'SIRET : 73282932000074',
        'Nom : Jean Dupont',
        'Adresse électronique : jean.dupont@exemple.fr',
        'Émetteur : Menuiserie Dupont SARL',
        "Catégorie : Facturation › Dépôt ou saisie d'une facture (Va au support Chorus Pro)",
        'Version du portail : V2.0.1 - R13',
        'Page : https://chorus-pro.gouv.fr/cpp/facture?execution=e1s2',
        'Relevé le : 2026-03-02T10:15:03.120Z',
      ].join('\n'),
    );
  });

  it('says when the user has no account, numbers bare steps, and lists attachments with sizes (English)', () => {
    const request = validRequest({
      loggedIn: false,
      route: 'client',
      category: 'suivi-de-facture',
      subCategory: 'rejet-facture',
      contact: { email: 'compta@exemple.fr', siret: '35600000000029' },
      invoiceNumbers: ['F1', 'F2'],
      pathSteps: ['Home', 'Issued invoices'],
      attachments: [
        { name: 'capture.png', type: 'image/png', size: 300, sha256: 'a'.repeat(64) },
        { name: 'facture.pdf', type: 'application/pdf', size: 2_516_582, sha256: 'b'.repeat(64) },
      ],
    });
    delete request.issuer;
    const lines = renderRequestText(request, en).split('\n');
    expect(lines).toContain('Invoice number(s): F1, F2');
    expect(lines).toContain('1. Home');
    expect(lines).toContain('2. Issued invoices');
    expect(lines).toContain('Request made without being logged in to Chorus Pro (through "Contact us").');
    expect(lines).toContain('SIRET: 35600000000029');
    expect(lines).toContain('Category: Invoice follow-up › Rejected invoice (Goes to your client, the recipient public body)');
    expect(lines.slice(-3)).toEqual(['Attachments:', '- capture.png (1 KB)', '- facture.pdf (2.4 MB)']);
    expect(lines.some((line) => line.startsWith('Connection id') || line.startsWith('Phone') || line.startsWith('Issuer'))).toBe(false);
  });

  it('writes sizes the French way', () => {
    const request = validRequest({ attachments: [{ name: 'a.pdf', type: 'application/pdf', size: 2_516_582, sha256: 'b'.repeat(64) }] });
    expect(renderRequestText(request, fr).split('\n').at(-1)).toBe('- a.pdf (2,4 Mo)');
  });

  it('leaves out the lists that are empty', () => {
    const text = renderRequestText(validRequest({ invoiceNumbers: [], pathSteps: [], errors: [] }), fr);
    expect(text).not.toContain('Numéro(s) de facture');
    expect(text).not.toContain('Enchaînement');
    expect(text).not.toContain("Message(s) d'erreur");
    expect(text).not.toContain('Détails techniques');
  });

  it('lists technical details after the error messages', () => {
    const lines = renderRequestText(validRequest({ diagnostics: ['Failed request — GET https://chorus-pro.gouv.fr/cpp/api/etat → no answer (at 2:30 PM)'] }), en).split('\n');
    const heading = lines.indexOf('Technical details (script errors, failed requests):');
    expect(heading).toBeGreaterThan(lines.indexOf('Error message(s) displayed:'));
    expect(lines[heading + 1]).toBe('- Failed request — GET https://chorus-pro.gouv.fr/cpp/api/etat → no answer (at 2:30 PM)');
  });
});
