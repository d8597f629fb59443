// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { HelpEntryId } from '../../../src/help/knowledge-base';
import { createHelpIndex, searchHelp } from '../../../src/help/search';
import type { HelpResult, HelpSearchInput } from '../../../src/help/search';

const french = createHelpIndex('fr');
const english = createHelpIndex('en');

const ids = (results: HelpResult[]) => results.map((result) => result.entry.id);
const firstId = (results: HelpResult[]) => results[0]?.entry.id;

describe('createHelpIndex', () => {
  it('builds each language once and keeps it', () => {
    expect(createHelpIndex('fr')).toBe(french);
    expect(createHelpIndex('en')).toBe(english);
    expect(french).not.toBe(english);
    expect(french.locale).toBe('fr');
  });
});

describe('searchHelp by the captured error text', () => {
  it.each<[string, HelpEntryId]>([
    ["Erreur : le destinataire n'est pas actif pour le SIRET 11000201100044. Dépôt impossible. (code DP_ERR_042)", 'recipient-not-active'],
    ['Erreur technique lors du dépôt. Veuillez réessayer ultérieurement.', 'technical-error'],
    ['Une erreur technique est survenue. Veuillez réessayer ultérieurement. Si le problème persiste, contactez le support. (code 500)', 'technical-error'],
    ['La taille du fichier dépasse 10 Mo', 'attachment-rules'],
    ['Le nom du fichier ne doit pas dépasser 50 caractères.', 'attachment-rules'],
    ['Identifiant ou mot de passe incorrect', 'login'],
    ['Votre compte est bloqué', 'locked-account'],
    ["La page demandée n'existe pas ou n'est plus disponible.", 'page-not-found'],
    ["La date d'échéance est obligatoire.", 'required-field'],
    ['Le code service est obligatoire pour ce destinataire.', 'service-code-or-commitment-required'],
    ['Le numéro de facture F2026-0042 existe déjà pour cette structure.', 'duplicate-invoice-number'],
    ['Une erreur est survenue : la facture F2026-0043 est introuvable pour la structure SIRET 44306184100013. (réf. ERR-SVC-0043)', 'invoice-not-found'],
    ['Structure destinataire introuvable pour le SIRET 11000201100045.', 'recipient-not-found'],
    ['Votre session a expiré. Veuillez vous reconnecter.', 'session-expired'],
  ])('%s → %s first', (errorText, expected) => {
    const results = searchHelp(french, { errorText });
    expect(firstId(results)).toBe(expected);
    expect(results[0]?.matchedFields).toContain('patterns');
    expect(results[0]?.fallback).toBe(false);
  });

  it('reads a French error in the English index, since the portal may be French for an English user', () => {
    expect(firstId(searchHelp(english, { errorText: 'Votre compte est bloqué' }))).toBe('locked-account');
  });

  it('reads errors of the English portal', () => {
    expect(firstId(searchHelp(english, { errorText: 'Your account is locked.' }))).toBe('locked-account');
    expect(firstId(searchHelp(english, { errorText: 'The file size must be under 10 MB.' }))).toBe('attachment-rules');
  });

  it('takes several messages at once', () => {
    const results = searchHelp(french, { errorText: ['Dépôt impossible.', "Le destinataire n'est pas actif."] });
    expect(firstId(results)).toBe('recipient-not-active');
  });
});

describe('searchHelp by the page section', () => {
  it('surfaces following a request for "Sollicitations émises" alone', () => {
    const results = searchHelp(french, { section: 'Sollicitations émises' });
    expect(firstId(results)).toBe('follow-request');
    expect(results[0]?.matchedFields).toContain('sections');
  });

  it('reads a breadcrumb or an upper-case menu entry', () => {
    expect(firstId(searchHelp(french, { section: ['SOLLICITATIONS ÉMISES', 'Rechercher'] }))).toBe('follow-request');
    expect(ids(searchHelp(french, { section: ['Factures émises'] }))).toEqual(
      expect.arrayContaining(['invoice-not-found']),
    );
  });

  it('boosts the entries of the section without overriding the error', () => {
    expect(firstId(searchHelp(french, { query: 'sollicitation' }))).toBe('follow-request');
    // The page itself, the breadcrumb's last item, counts more than the space above it.
    expect(firstId(searchHelp(french, { query: 'sollicitation', section: ['Sollicitations émises', 'Saisir sollicitation'] }))).toBe('send-request');
    expect(firstId(searchHelp(french, { query: 'sollicitation', section: ['Sollicitations émises', 'Rechercher'] }))).toBe('follow-request');
    const onInvoices = searchHelp(french, { errorText: 'Votre compte est bloqué', section: 'Factures émises' });
    expect(firstId(onInvoices)).toBe('locked-account');
  });
});

describe('searchHelp by the user query', () => {
  it.each(['fr', 'en'] as const)('reaches every %s entry by its title', (locale) => {
    const index = createHelpIndex(locale);
    for (const entry of index.entries) {
      expect(firstId(searchHelp(index, { query: entry.title })), entry.title).toBe(entry.id);
    }
  });

  it.each<[string, HelpEntryId]>([
    ['piece jointe', 'attachment-rules'],
    ['PIÈCE JOINTE', 'attachment-rules'],
    ['echec connexion', 'login'],
    ['mot de pase', 'forgotten-password'],
    ['factures rejetees', 'invoice-rejected'],
    ['payé', 'invoice-not-paid'],
    ['clau', 'claudia'],
    ['conseiler', 'livechat'],
    ['doublon', 'duplicate-invoice-number'],
    ['vider le cache', 'clear-cache'],
  ])('finds "%s" (accents, case, plurals, prefixes and typos ignored)', (query, expected) => {
    expect(firstId(searchHelp(french, { query }))).toBe(expected);
  });

  it.each<[string, HelpEntryId]>([
    ['forgot password', 'forgotten-password'],
    ['attachment too large', 'attachment-rules'],
    ['locked account', 'locked-account'],
    ['recipient not active', 'recipient-not-active'],
    ['screenshot', 'attach-screenshot'],
    ['follow my tickets', 'services-portal-tickets'],
    ['pasword', 'forgotten-password'],
  ])('finds "%s" in the English index', (query, expected) => {
    expect(firstId(searchHelp(english, { query }))).toBe(expected);
  });

  it('ignores French stop words', () => {
    expect(searchHelp(french, { query: 'le la les de des du' })[0]?.fallback).toBe(true);
  });
});

describe('searchHelp results', () => {
  it('gives a score and the fields that matched, best first', () => {
    const results = searchHelp(french, { query: 'facture rejetée', errorText: 'Facture rejetée' });
    expect(results.length).toBe(5);
    for (const result of results) {
      expect(result.score).toBeGreaterThan(0);
      expect(result.matchedFields.length).toBeGreaterThan(0);
    }
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(results[0]?.matchedFields).toEqual(expect.arrayContaining(['title', 'patterns']));
  });

  it('orders ties by id', () => {
    // Entries that list the section and have no word of it in a title or keyword score the same.
    const results = searchHelp(french, { section: 'Mon compte' }, 40);
    const ties = results.slice(1).filter((result, i) => result.score === results[i]!.score).map((result, i) => [results.indexOf(result) - 1, i]);
    expect(ties.length).toBeGreaterThan(0);
    for (const [before] of ties) expect(results[before!]!.entry.id < results[before! + 1]!.entry.id).toBe(true);
  });

  it('is deterministic', () => {
    const input: HelpSearchInput = { errorText: 'Erreur technique', section: 'Factures émises', query: 'facture' };
    expect(searchHelp(french, input, 10)).toEqual(searchHelp(french, input, 10));
  });

  it('respects the limit', () => {
    expect(searchHelp(french, { query: 'facture' }, 3)).toHaveLength(3);
    expect(searchHelp(french, { query: 'facture' }, 0)).toEqual([]);
  });

  it.each<[string, HelpSearchInput]>([
    ['nothing matches', { query: 'qwxz zzkv', errorText: 'XK-9931', section: 'Zzz' }],
    ['nothing is given', {}],
    ['only blanks are given', { query: '   ', errorText: [''], section: [] }],
  ])('falls back to general help when %s', (_case, input) => {
    const results = searchHelp(french, input);
    expect(ids(results)).toEqual(['what-support-needs', 'claudia', 'attachment-rules', 'which-route', 'livechat']);
    for (const result of results) expect(result).toMatchObject({ fallback: true, score: 0, matchedFields: [] });
    expect(searchHelp(english, input, 2).map((result) => result.entry.title)).toEqual(['What support needs', "ClaudIA, the portal's assistant"]);
  });
});
