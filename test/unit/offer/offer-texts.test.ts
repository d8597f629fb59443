import { describe, expect, test } from 'vitest';
import { helpLabelFor, isOfferTexts, offerTexts } from '../../../src/offer/offer-texts';
import { translatorFor } from '../../support/i18n';

describe("the offer's words", () => {
  test.each(['fr', 'en'] as const)('are complete in %s, the error placed in the help button name', (locale) => {
    const texts = offerTexts(translatorFor(locale));
    expect(isOfferTexts(texts)).toBe(true);
    const label = helpLabelFor(texts, 'Le fichier est invalide.');
    expect(label.endsWith('Le fichier est invalide.')).toBe(true);
    expect(label).not.toContain('\uF8FF');
  });

  test("keep the error's text as it is, replacement patterns included", () => {
    const texts = offerTexts(translatorFor('fr'));
    expect(helpLabelFor(texts, "Montant $& invalide ($1, $$, $')")).toBe("Besoin d'aide ? Obtenir de l'aide sur l'erreur : Montant $& invalide ($1, $$, $')");
  });

  test('quote a long error up to 160 characters', () => {
    const texts = offerTexts(translatorFor('fr'));
    const label = helpLabelFor(texts, 'x'.repeat(400));
    expect(label.endsWith(`${'x'.repeat(159)}…`)).toBe(true);
    expect(label).not.toContain('x'.repeat(160));
  });

  test('are refused when a text is missing or empty, or the label has no place for the error', () => {
    const texts = offerTexts(translatorFor('fr'));
    expect(isOfferTexts(null)).toBe(false);
    expect(isOfferTexts('Besoin d’aide ?')).toBe(false);
    expect(isOfferTexts({ ...texts, declineAll: '' })).toBe(false);
    const { group: _group, ...withoutGroup } = texts;
    expect(isOfferTexts(withoutGroup)).toBe(false);
    expect(isOfferTexts({ ...texts, help: 42 })).toBe(false);
    expect(isOfferTexts({ ...texts, helpLabel: "Besoin d'aide ?" })).toBe(false);
  });
});
