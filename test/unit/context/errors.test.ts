import { describe, expect, it } from 'vitest';
import { findErrorMessages, MAX_ERROR_LENGTH } from '../../../src/context/errors';
import { classic } from '../../../src/context/profiles/classic';
import { services } from '../../../src/context/profiles/services';
import { loadDocument } from '../../fixtures/documents/load';

function pageWith(body: string, title = 'Chorus Pro'): Document {
  return new DOMParser().parseFromString(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`, 'text/html');
}

describe('findErrorMessages on a classic page with several errors', () => {
  const errors = findErrorMessages(loadDocument('classic-invoice-error.html'), classic);

  it('reports every shown error once, in document order, text as shown', () => {
    expect(errors).toEqual([
      { kind: 'alert', text: "Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible." },
      { kind: 'alert', text: 'La pièce jointe dépasse 10 Mo.' },
      { kind: 'container', text: 'Valeur refusée : <img src=x onerror=alert(1)>' },
      { kind: 'live', text: "Échec de l'envoi du fichier facture.pdf" },
      { kind: 'field', field: "Date d'échéance", text: "La date d'échéance est obligatoire." },
      { kind: 'field', field: 'Montant HT', text: 'Le montant doit être positif.' },
      { kind: 'field', field: "Numéro d'engagement", text: 'Engagement inconnu.' },
      { kind: 'dialog', text: 'Impossible de déposer la facture : le service est indisponible.' },
    ]);
  });

  it('skips hidden error templates', () => {
    const texts = errors.map((error) => error.text).join('\n');
    for (const hidden of ['modèle', 'masquée', 'hidden', 'aria-hidden', 'invisible', 'repliée', 'Commentaire trop long']) {
      expect(texts).not.toContain(hidden);
    }
  });

  it('skips successes, empty alerts, status announcements and dialogs without error wording', () => {
    const texts = errors.map((error) => error.text).join('\n');
    expect(texts).not.toContain('brouillon');
    expect(texts).not.toContain('Chargement');
    expect(texts).not.toContain('quitter cette page');
    expect(texts).not.toContain('fermée');
    expect(errors.every((error) => error.text !== '')).toBe(true);
  });

  it('returns markup shown as text literally, never as markup', () => {
    const markup = errors.find((error) => error.text.includes('<img'));
    expect(markup?.text).toBe('Valeur refusée : <img src=x onerror=alert(1)>');
  });
});

describe('findErrorMessages on an English services page', () => {
  it('finds the alert, the field error with its label and the alert dialog', () => {
    expect(findErrorMessages(loadDocument('services-ticket-en.html'), services)).toEqual([
      { kind: 'alert', text: 'An error occurred: invoice INV-2026-17 was not found. (ref. ERR-SVC-0017)' },
      { kind: 'field', field: 'Email address', text: 'Please enter a valid email address.' },
      { kind: 'dialog', text: 'Your session expired. Failed to save the draft.' },
    ]);
  });
});

describe('HTTP error pages', () => {
  it('reports the heading of the portal 404 page once, not the title too', () => {
    expect(findErrorMessages(loadDocument('http-404-fr.html'), classic)).toEqual([
      { kind: 'http', text: 'Erreur 404 – Page introuvable' },
    ]);
  });

  it('reports the title of a bare server error page', () => {
    expect(findErrorMessages(loadDocument('http-500-en.html'), null)).toEqual([{ kind: 'http', text: '500 Internal Server Error' }]);
  });

  it('recognises error headings in French and English', () => {
    for (const heading of ['Erreur technique', 'Error 500', 'Page not found', '503 Service Unavailable', 'Erreur 403 - accès refusé']) {
      expect(findErrorMessages(pageWith(`<h1>${heading}</h1>`), null), heading).toEqual([{ kind: 'http', text: heading }]);
    }
  });

  it('does not take ordinary headings for errors', () => {
    for (const heading of ['Factures émises', '404 factures déposées en 2025', 'Aide : erreurs fréquentes']) {
      expect(findErrorMessages(pageWith(`<h1>${heading}</h1>`, heading), null), heading).toEqual([]);
    }
  });
});

describe('findErrorMessages details', () => {
  it('finds nothing on a page without errors', () => {
    expect(findErrorMessages(pageWith('<h1>Accueil</h1><p>Bienvenue</p>'), classic)).toEqual([]);
  });

  it('counts a message shown twice once', () => {
    const doc = pageWith('<div role="alert">Erreur  de dépôt</div><p>…</p><div class="alert-danger">Erreur de dépôt</div>');
    expect(findErrorMessages(doc, classic)).toEqual([{ kind: 'alert', text: 'Erreur de dépôt' }]);
  });

  it('counts containers nested in one another once, as the outer one', () => {
    const doc = pageWith('<div class="ui-messages-error"><ul><li class="erreur">Champ A invalide</li><li class="erreur">Champ B invalide</li></ul></div>');
    expect(findErrorMessages(doc, classic)).toEqual([{ kind: 'container', text: 'Champ A invalide Champ B invalide' }]);
  });

  it('caps long messages at 500 characters', () => {
    const [error] = findErrorMessages(pageWith(`<div role="alert">${'Erreur '.repeat(200)}</div>`), null);
    expect(error?.text).toHaveLength(MAX_ERROR_LENGTH);
    expect(error?.text.endsWith('…')).toBe(true);
  });

  it('uses the generic selectors of every generation without a profile', () => {
    const doc = pageWith('<p class="ui-messages-error">Erreur A</p><p class="sp-message-error">Erreur B</p>');
    expect(findErrorMessages(doc, null).map((error) => error.text)).toEqual(['Erreur A', 'Erreur B']);
    expect(findErrorMessages(doc, services).map((error) => error.text)).toEqual(['Erreur B']);
  });

  it('names the field of a message through the form group when nothing points at it', () => {
    const doc = pageWith(`
      <fieldset class="form-group"><legend>Pièces jointes</legend><input type="file"><p class="help-block error">Fichier trop volumineux.</p></fieldset>
      <div class="form-group"><input aria-label="Code postal"><p class="field-error">Code postal invalide.</p></div>
      <p class="field-error">Message sans champ.</p>`);
    expect(findErrorMessages(doc, classic)).toEqual([
      { kind: 'field', field: 'Pièces jointes', text: 'Fichier trop volumineux.' },
      { kind: 'field', field: 'Code postal', text: 'Code postal invalide.' },
      { kind: 'field', text: 'Message sans champ.' },
    ]);
  });

  it('ignores descriptions of valid fields', () => {
    const doc = pageWith('<label for="a">Titre</label><input id="a" aria-describedby="a-aide"><p id="a-aide">100 caractères au plus.</p>');
    expect(findErrorMessages(doc, null)).toEqual([]);
  });
});
