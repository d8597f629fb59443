// @vitest-environment node
// Pure module: no DOM needed (and happy-dom's global URL breaks the file URLs translatorFor resolves).
import { describe, expect, it } from 'vitest';
import { renderTrail } from '../../../src/trail/render';
import type { TrailStep } from '../../../src/trail/step';
import { translatorFor } from '../../support/i18n';

const T0 = Date.UTC(2026, 5, 2, 12, 30);
/** A fixed clock label, so tests do not depend on the machine's time zone. */
const formatTime = (at: number) => `${String(new Date(at).getUTCHours()).padStart(2, '0')}:${String(new Date(at).getUTCMinutes()).padStart(2, '0')}`;

const invoiceTrail: TrailStep[] = [
  { kind: 'page', at: T0, title: 'Chorus Pro', section: ['Factures émises', 'Rechercher'], path: '/cpp/facture/recherche' },
  { kind: 'click', at: T0 + 10_000, label: 'Rechercher' },
  { kind: 'page', at: T0 + 12_000, title: 'Chorus Pro', section: ['Factures émises', 'Résultats'], path: '/cpp/facture/resultats' },
  { kind: 'click', at: T0 + 20_000, label: 'F2026-0042' },
  { kind: 'page', at: T0 + 22_000, title: 'Chorus Pro', heading: 'Facture F2026-0042', path: '/cpp/facture/detail' },
  { kind: 'submit', at: T0 + 60_000, form: 'Dépôt' },
  { kind: 'page', at: T0 + 62_000, title: 'Chorus Pro', heading: 'Facture F2026-0042', path: '/cpp/facture/detail?erreur' },
  { kind: 'error', at: T0 + 120_000, text: 'Dépôt impossible' },
];

describe('renderTrail', () => {
  it('renders numbered steps in French, one line per page', () => {
    expect(renderTrail(invoiceTrail, translatorFor('fr'), formatTime)).toEqual([
      '1. Factures émises › Rechercher — clic sur « Rechercher »',
      '2. Factures émises › Résultats — clic sur « F2026-0042 »',
      '3. Facture F2026-0042 — formulaire « Dépôt » envoyé',
      "4. Facture F2026-0042 — message d'erreur « Dépôt impossible » (12:32)",
    ]);
  });

  it('renders the same steps in English, keeping the portal labels as shown', () => {
    expect(renderTrail(invoiceTrail, translatorFor('en'), formatTime)).toEqual([
      '1. Factures émises › Rechercher — clicked “Rechercher”',
      '2. Factures émises › Résultats — clicked “F2026-0042”',
      '3. Facture F2026-0042 — form “Dépôt” submitted',
      '4. Facture F2026-0042 — error message “Dépôt impossible” (12:32)',
    ]);
  });

  it('joins several actions on one page in order', () => {
    const steps: TrailStep[] = [
      { kind: 'page', at: T0, title: 'Dépôt de facture', path: '/cpp/depot' },
      { kind: 'click', at: T0 + 1, label: 'Parcourir' },
      { kind: 'submit', at: T0 + 2, form: 'Dépôt' },
      { kind: 'error', at: T0 + 60_000, text: 'Format invalide' },
    ];
    expect(renderTrail(steps, translatorFor('fr'), formatTime)).toEqual([
      "1. Dépôt de facture — clic sur « Parcourir », puis formulaire « Dépôt » envoyé, puis message d'erreur « Format invalide » (12:31)",
    ]);
    expect(renderTrail(steps, translatorFor('en'), formatTime)).toEqual([
      '1. Dépôt de facture — clicked “Parcourir”, then form “Dépôt” submitted, then error message “Format invalide” (12:31)',
    ]);
  });

  it('names a page by its section, else its heading, else its title, else its path', () => {
    const pages: TrailStep[] = [
      { kind: 'page', at: T0, title: 'T', heading: 'H', section: ['Mon compte'], path: '/1' },
      { kind: 'page', at: T0, title: 'T', heading: 'H', section: [], path: '/2' },
      { kind: 'page', at: T0, title: 'T', path: '/3' },
      { kind: 'page', at: T0, title: '', heading: '', path: '/cpp/4' },
    ];
    expect(renderTrail(pages, translatorFor('fr'), formatTime)).toEqual(['1. Mon compte', '2. H', '3. T', '4. /cpp/4']);
  });

  it('starts a new line for every page step, even on the same place', () => {
    const steps: TrailStep[] = [
      { kind: 'page', at: T0, title: 'Accueil', path: '/' },
      { kind: 'page', at: T0 + 5000, title: 'Accueil', path: '/' },
    ];
    expect(renderTrail(steps, translatorFor('fr'), formatTime)).toEqual(['1. Accueil', '2. Accueil']);
  });

  it('places actions recorded before any page under an unrecorded page', () => {
    const steps: TrailStep[] = [
      { kind: 'click', at: T0, label: 'Valider' },
      { kind: 'page', at: T0 + 1000, title: 'Accueil', path: '/' },
    ];
    expect(renderTrail(steps, translatorFor('fr'), formatTime)).toEqual(['1. Page non enregistrée — clic sur « Valider »', '2. Accueil']);
    expect(renderTrail(steps, translatorFor('en'), formatTime)[0]).toBe('1. Unrecorded page — clicked “Valider”');
  });

  it('renders an empty trail as no lines', () => {
    expect(renderTrail([], translatorFor('fr'), formatTime)).toEqual([]);
  });

  it('keeps portal text containing $ signs and digits intact', () => {
    const steps: TrailStep[] = [{ kind: 'page', at: T0, title: 'P', path: '/' }, { kind: 'click', at: T0, label: 'Payer $1 maintenant' }, { kind: 'click', at: T0 + 5000, label: 'B' }];
    expect(renderTrail(steps, translatorFor('fr'), formatTime)).toEqual(['1. P — clic sur « Payer $1 maintenant », puis clic sur « B »']);
  });
});
