// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HELP_ENTRY_IDS, helpEntries } from '../../../src/help/knowledge-base';
import type { HelpEntry, HelpEntryId } from '../../../src/help/knowledge-base';

const LOCALES = ['fr', 'en'] as const;
const french = helpEntries('fr');
const english = helpEntries('en');

function entry(entries: HelpEntry[], id: HelpEntryId): HelpEntry {
  const found = entries.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}

/** Everything a reader sees of an entry, as one string. */
function textOf(help: HelpEntry): string {
  return [help.title, help.summary, ...help.steps, ...help.keywords].join('\n');
}

describe('knowledge base', () => {
  it.each(LOCALES)('has at least 25 entries in %s, with the ids in the declared order', (locale) => {
    const entries = helpEntries(locale);
    expect(entries.length).toBeGreaterThanOrEqual(25);
    expect(entries.map((help) => help.id)).toEqual([...HELP_ENTRY_IDS]);
    expect(new Set(HELP_ENTRY_IDS).size).toBe(HELP_ENTRY_IDS.length);
  });

  it('has the same entries, step counts and portal facts in both languages', () => {
    for (const [index, frenchEntry] of french.entries()) {
      const englishEntry = english[index];
      expect(englishEntry?.id).toBe(frenchEntry.id);
      expect(englishEntry?.steps.length, frenchEntry.id).toBe(frenchEntry.steps.length);
      expect(englishEntry?.route).toBe(frenchEntry.route);
      expect(englishEntry?.sections).toEqual(frenchEntry.sections);
      expect(englishEntry?.patterns).toEqual(frenchEntry.patterns);
    }
  });

  it.each(LOCALES)('has no empty or padded text in %s', (locale) => {
    for (const help of helpEntries(locale)) {
      const texts = [help.title, help.summary, ...help.steps, ...help.keywords, ...(help.sections ?? []), ...(help.patterns ?? [])];
      for (const text of texts) {
        expect(text.trim(), help.id).toBe(text);
        expect(text.length, help.id).toBeGreaterThan(0);
      }
      expect(help.steps.length, help.id).toBeGreaterThanOrEqual(2);
      expect(help.keywords.length, help.id).toBeGreaterThanOrEqual(3);
      if (help.sections) expect(help.sections.length, help.id).toBeGreaterThan(0);
      if (help.patterns) expect(help.patterns.length, help.id).toBeGreaterThan(0);
    }
  });

  it.each(LOCALES)('keeps %s texts short enough for a sidebar, steps as sentences', (locale) => {
    const entries = helpEntries(locale);
    expect(new Set(entries.map((help) => help.title)).size).toBe(entries.length);
    for (const help of entries) {
      expect(help.title.length, help.id).toBeLessThanOrEqual(60);
      expect(help.summary.length, help.id).toBeLessThanOrEqual(260);
      for (const step of help.steps) {
        expect(step.length, step).toBeLessThanOrEqual(140);
        expect(step, help.id).toMatch(/^\p{Lu}.*[.!?]$/u);
      }
    }
  });

  it('writes error patterns in lowercase, without duplicates', () => {
    for (const help of french) {
      const patterns = help.patterns ?? [];
      for (const pattern of patterns) expect(pattern).toBe(pattern.toLowerCase());
      expect(new Set(patterns).size, help.id).toBe(patterns.length);
    }
  });

  it.each(LOCALES)('names only the portal addresses of the seed, and no phone number, in %s', (locale) => {
    const allowed = /^(?:https:\/\/chorus-pro\.gouv\.fr\/cpp\/|https:\/\/portail\.chorus-pro\.gouv\.fr\/|communaute\.chorus-pro\.gouv\.fr|chorus-pro\.gouv\.fr)/;
    for (const help of helpEntries(locale)) {
      const text = textOf(help);
      for (const address of text.match(/(?:https?:\/\/)?[\w.-]+\.(?:fr|com|org|net|gouv)\b\S*/g) ?? []) {
        expect(address, help.id).toMatch(allowed);
      }
      expect(text, help.id).not.toMatch(/\b0\d(?:[ .]?\d{2}){4}\b|\+33/);
    }
  });

  it('covers the topics a supplier asks about', () => {
    const required: HelpEntryId[] = [
      'login',
      'forgotten-password',
      'locked-account',
      'create-account',
      'contact-without-account',
      'attachment-rules',
      'attach-screenshot',
      'invoice-rejected',
      'resubmit-after-rejection',
      'invoice-suspended',
      'recipient-not-active',
      'recipient-not-found',
      'service-code-or-commitment-required',
      'duplicate-invoice-number',
      'follow-invoice',
      'follow-request',
      'services-portal-tickets',
      'which-route',
      'what-support-needs',
      'claudia',
      'livechat',
      'supported-browsers',
      'clear-cache',
      'popups-blocked',
      'session-expired',
      'technical-error',
      'page-not-found',
      'edi-api-connections',
      'services-portal',
      'portal-version',
    ];
    expect(HELP_ENTRY_IDS).toEqual(expect.arrayContaining(required));
  });

  it('routes invoice follow-up to the client and portal problems to support', () => {
    for (const id of ['invoice-rejected', 'invoice-suspended', 'invoice-to-recycle', 'invoice-not-paid', 'justice-fees'] as const) {
      expect(entry(french, id).route, id).toBe('client');
    }
    for (const id of ['login', 'locked-account', 'technical-error', 'attachment-rules', 'recipient-not-active', 'authentication-factor'] as const) {
      expect(entry(french, id).route, id).toBe('support');
    }
  });

  it.each(LOCALES)('states the attachment rules of the portal in %s', (locale) => {
    const text = textOf(entry(helpEntries(locale), 'attachment-rules'));
    expect(text).toMatch(/10 M[oB]/);
    expect(text).toContain('50');
    for (const extension of ['PNG', 'JPG', 'JPEG', 'PDF', 'TXT', 'CSV', 'XML', 'ZIP', 'DOC', 'DOCX', 'XLS', 'XLSX', 'ODT', 'ODS']) {
      expect(text).toMatch(new RegExp(`\\b${extension}\\b`));
    }
  });

  it('gives the screenshot steps in the portal order', () => {
    const frenchSteps = entry(french, 'attach-screenshot').steps.join('\n');
    const frenchOrder = ['Enregistrer', 'Gestion des pièces jointes', 'Parcourir', 'type de pièce jointe', 'Ajouter', 'Valider et envoyer'];
    const englishSteps = entry(english, 'attach-screenshot').steps.join('\n');
    const englishOrder = ['Save', 'Attachments management', 'Browse', 'attachment type', 'Add', 'Validate and send'];
    for (const [steps, order] of [
      [frenchSteps, frenchOrder],
      [englishSteps, englishOrder],
    ] as const) {
      const positions = order.map((label) => steps.indexOf(label));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('keeps the portal facts of the help page', () => {
    expect(textOf(entry(french, 'livechat'))).toMatch(/lundi au vendredi, de 8 h 30 à 18 h 30/);
    expect(textOf(entry(english, 'livechat'))).toMatch(/Monday to Friday, 8:30 am to 6:30 pm/);
    expect(textOf(entry(french, 'claudia'))).toContain('24 h/24');
    expect(textOf(entry(french, 'claudia'))).toContain("Besoin d'aide ?");
    expect(textOf(entry(french, 'claudia'))).toContain('Contacter un conseiller');
    expect(textOf(entry(english, 'claudia'))).toContain('24/7');
    for (const status of ['Déposée', 'Mise à disposition', 'Mise en paiement', 'Rejetée', 'Suspendue']) {
      expect(textOf(entry(french, 'follow-invoice'))).toContain(status);
    }
    for (const tab of ['Actions requises', 'En cours', 'Clôturés', 'Brouillons']) {
      expect(textOf(entry(french, 'services-portal-tickets'))).toContain(tab);
    }
    expect(textOf(entry(french, 'services-portal'))).toContain('2022');
    expect(textOf(entry(french, 'portal-version'))).toContain('V2.0.1 - R13');
  });

  it.each(LOCALES)('stays compact in %s', (locale) => {
    const size = new TextEncoder().encode(JSON.stringify(helpEntries(locale))).length;
    console.log(`knowledge base (${locale}): ${helpEntries(locale).length} entries, ${size} bytes as JSON`);
    expect(size).toBeLessThan(50_000);
  });
});
