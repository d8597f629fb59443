import { describe, expect, it } from 'vitest';
import { findSirets, roleOfLabel } from '../../../src/context/sirets';
import { isValidSiret, luhnValid } from '../../../src/report/siret';
import { loadDocument } from '../../fixtures/documents/load';

describe('findSirets', () => {
  const doc = loadDocument('sirets.html');
  const sirets = findSirets(doc, null);

  it('finds valid SIRETs shown on the page with their labels, each once, in page order', () => {
    expect(sirets).toEqual([
      { siret: '73282932000074', label: 'SIRET destinataire', role: 'recipient' },
      { siret: '35600000000029', label: 'SIRET (La Poste)' },
      { siret: '44306184100013', label: 'SIRET fournisseur', role: 'supplier' },
      { siret: '54205118000066' },
    ]);
  });

  it('never takes a 14-digit number that is not a SIRET', () => {
    // The fixture's order number fails Luhn; its internal reference passes Luhn but not its SIREN.
    expect(isValidSiret('12345678901234')).toBe(false);
    expect(luhnValid('12345678900007')).toBe(true);
    expect(isValidSiret('12345678900007')).toBe(false);
    const found = sirets.map((entry) => entry.siret);
    expect(found).not.toContain('12345678901234');
    expect(found).not.toContain('12345678900007');
  });

  it('never takes digits out of a longer number, a word or an amount', () => {
    // 173282932000074 and FAC73282932000074 contain a valid SIRET; 44306184100013,50 is an amount.
    const doc = new DOMParser().parseFromString(
      '<p>Flux 173282932000074, référence FAC73282932000074, montant 44306184100013,50 €, IBAN FR76 3000 6000 0112 3456 7890 189</p>',
      'text/html',
    );
    expect(findSirets(doc, null)).toEqual([]);
  });

  it('skips hidden text and never reads inputs', () => {
    const found = sirets.map((entry) => entry.siret);
    expect(isValidSiret('55208131766522')).toBe(true);
    expect(found).not.toContain('55208131766522');
    expect(isValidSiret('19751703000015')).toBe(true);
    expect(found).not.toContain('19751703000015');
  });

  it('names the party from the label, in French and English, and none from other labels', () => {
    expect(roleOfLabel('SIRET du fournisseur')).toBe('supplier');
    expect(roleOfLabel('Émetteur')).toBe('supplier');
    expect(roleOfLabel('Recipient SIRET')).toBe('recipient');
    expect(roleOfLabel('SIRET de la structure publique')).toBe('recipient');
    expect(roleOfLabel('SIRET (La Poste)')).toBeUndefined();
    // Whole words only: "clientèle" is no "client".
    expect(roleOfLabel('SIRET clientèle')).toBeUndefined();
    expect(roleOfLabel(undefined)).toBeUndefined();
  });

  it('labels table cells with their column header', () => {
    const found = findSirets(loadDocument('classic-invoice-search.html'), null);
    expect(found).toEqual([
      { siret: '11000201100044', label: 'SIRET destinataire', role: 'recipient' },
      { siret: '21750001600019', label: 'SIRET destinataire', role: 'recipient' },
    ]);
  });

  it('prefers a label shown later to none, keeping the first position', () => {
    const found = findSirets(loadDocument('classic-invoice-error.html'), null);
    expect(found).toEqual([
      { siret: '11000201100044', label: 'SIRET destinataire', role: 'recipient' },
      { siret: '44306184100013', label: 'SIRET fournisseur', role: 'supplier' },
    ]);
  });
});
