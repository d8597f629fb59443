import { describe, expect, it } from 'vitest';
import { readPageFacts } from '../../../../src/context/page-facts';
import { classic } from '../../../../src/context/profiles/classic';
import { domSelectorCheck, looksLikeSelector, parsePortalData, withFormOverride, withProfileOverride } from '../../../../src/context/profiles/overrides';
import { requestFormsOf } from '../../../../src/context/profiles/request-forms';
import { services } from '../../../../src/context/profiles/services';

const domCheck = domSelectorCheck(document);

describe('parsePortalData', () => {
  it('keeps a valid override whole', () => {
    const value = {
      schema: 1,
      revision: '2026-03-02 correctif erreurs',
      profiles: { classic: { errorContainers: ['.bandeau-erreur', 'div[role="alert"].erreur'], userNameLabels: ['Connecté :'], invoiceNumberIds: ['GDP_Facture_Numero'] } },
      requestForms: {
        'services-ticket-connected': {
          path: '/?id=cpp_ticket_support',
          route: [['Support'], ['Créer un ticket']],
          fields: { title: { selectors: ['#sp_formfield_titre'] } },
          subCategoryOptions: { autre: ['Autre demande'] },
        },
      },
    };
    for (const check of [undefined, domCheck]) {
      const { override, problems } = parsePortalData(value, check);
      expect(problems).toEqual([]);
      expect(override).toEqual(value);
    }
  });

  it('treats nothing set as no override and no problem', () => {
    expect(parsePortalData(undefined)).toEqual({ override: null, problems: [] });
    expect(parsePortalData(null)).toEqual({ override: null, problems: [] });
  });

  it('refuses another schema version as a whole', () => {
    expect(parsePortalData({ schema: 2, profiles: { classic: { errorContainers: ['.erreur'] } } })).toEqual({
      override: null,
      problems: [{ at: 'portalData.schema', code: 'schema' }],
    });
    expect(parsePortalData('{"schema":1}').problems).toEqual([{ at: 'portalData', code: 'notObject' }]);
  });

  it('ignores the invalid parts with their reason and applies the rest', () => {
    const { override, problems } = parsePortalData(
      {
        schema: 1,
        hosts: ['evil.example'],
        profiles: {
          classic: { errorContainers: ['.ok', 'div{color:red}', 42], hosts: ['evil.example'], path: '^/' },
          services: { breadcrumbSelectors: 'nav' },
          legacy: { errorContainers: ['.x'] },
        },
        requestForms: { 'classic-sollicitation': { path: 'https://evil.example/steal', form: ['form#ok'] } },
      },
      domCheck,
    );
    expect(override?.profiles).toEqual({ classic: { errorContainers: ['.ok'] } });
    expect(override?.requestForms).toEqual({ 'classic-sollicitation': { form: ['form#ok'] } });
    expect(problems).toEqual([
      { at: 'portalData.hosts', code: 'unknownKey' },
      { at: 'portalData.profiles.classic.errorContainers[1]', code: 'badSelector' },
      { at: 'portalData.profiles.classic.errorContainers[2]', code: 'notText' },
      { at: 'portalData.profiles.classic.hosts', code: 'unknownKey' },
      { at: 'portalData.profiles.classic.path', code: 'unknownKey' },
      { at: 'portalData.profiles.services.breadcrumbSelectors', code: 'notList' },
      { at: 'portalData.profiles.legacy', code: 'unknownKey' },
      { at: 'portalData.requestForms.classic-sollicitation.path', code: 'badPath' },
    ]);
  });

  it('never takes code, other hosts, markup or oversized data', () => {
    const hostile = {
      schema: 1,
      revision: '<img src=x onerror=alert(1)>',
      profiles: {
        classic: {
          errorContainers: [() => '.erreur', '.erreur'.repeat(60), { toString: () => '.erreur' }],
          userSelectors: Array.from({ length: 51 }, (_, index) => `.u${index}`),
          userNameLabels: ['<b>Connecté</b>', ''],
          invoiceNumberIds: ['x" onclick="1', '1abc'],
          breadcrumbSelectors: ['a[href^="javascript:"] @import', 'a\\62 c'],
        },
      },
      requestForms: {
        'classic-nous-contacter': { path: '//evil.example/x', route: [['Support'], ['<script>']] },
        'services-ticket-connected': { path: '/\\evil.example' },
        'services-ticket-disconnected': { path: 'javascript:alert(1)', submitLabels: ['Soumettre'] },
      },
    };
    const { override, problems } = parsePortalData(hostile, domCheck);
    expect(override?.revision).toBe('');
    expect(override?.profiles).toEqual({});
    expect(override?.requestForms).toEqual({ 'services-ticket-disconnected': { submitLabels: ['Soumettre'] } });
    expect(problems.map(({ at, code }) => `${at} ${code}`)).toEqual([
      'portalData.revision badLabel',
      'portalData.profiles.classic.errorContainers[0] notText',
      'portalData.profiles.classic.errorContainers[1] tooLong',
      'portalData.profiles.classic.errorContainers[2] notText',
      'portalData.profiles.classic.userSelectors tooMany',
      'portalData.profiles.classic.userNameLabels[0] badLabel',
      'portalData.profiles.classic.userNameLabels[1] badLabel',
      'portalData.profiles.classic.invoiceNumberIds[0] badId',
      'portalData.profiles.classic.invoiceNumberIds[1] badId',
      'portalData.profiles.classic.breadcrumbSelectors[0] badSelector',
      'portalData.profiles.classic.breadcrumbSelectors[1] badSelector',
      'portalData.requestForms.classic-nous-contacter.path badPath',
      'portalData.requestForms.classic-nous-contacter.route[1][0] badLabel',
      'portalData.requestForms.services-ticket-connected.path badPath',
      'portalData.requestForms.services-ticket-disconnected.path badPath',
    ]);
  });

  it('bounds the list of problems it reports', () => {
    const many = { schema: 1, ...Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`k${index}`, 1])) };
    expect(parsePortalData(many).problems).toHaveLength(50);
  });
});

describe('selector checks', () => {
  it('accepts the selectors the profiles use, without a DOM', () => {
    for (const profile of [classic, services]) for (const selector of [...profile.errorContainers, ...profile.breadcrumbSelectors, ...profile.activeMenuSelectors, ...profile.sensitiveFields]) expect(looksLikeSelector(selector), selector).toBe(true);
  });

  it('refuses what would break out of a selector, without a DOM', () => {
    for (const selector of ['', ' ', 'a{}', 'a;b', '@media', 'a[href', 'a)', '"a', '> a', 'a,', 'a\\b', '<b>']) expect(looksLikeSelector(selector), selector).toBe(false);
  });

  it('lets the DOM refuse what only looks like a selector', () => {
    expect(looksLikeSelector('a::[b]')).toBe(true);
    expect(domCheck('a::[b]')).toBe(false);
    expect(domCheck('nav[aria-label*="Ariane" i] li')).toBe(true);
  });
});

describe('merging an override', () => {
  const { override } = parsePortalData({
    schema: 1,
    revision: 'r1',
    profiles: { classic: { errorContainers: ['.bandeau-erreur'], sensitiveFields: ['#numero-compte'] } },
    requestForms: { 'classic-sollicitation': { fields: { title: { selectors: ['#titre'] } }, categoryOptions: { facturation: ['Factures'] }, submitLabels: ['Envoyer la sollicitation'] } },
  });

  it('replaces the listed lists of the profile of its generation only', () => {
    const merged = withProfileOverride(classic, override);
    expect(merged.errorContainers).toEqual(['.bandeau-erreur']);
    expect(merged.breadcrumbSelectors).toBe(classic.breadcrumbSelectors);
    expect(withProfileOverride(services, override)).toBe(services);
    expect(withProfileOverride(classic, null)).toBe(classic);
  });

  it('adds masked fields, never removes one', () => {
    expect(withProfileOverride(classic, override).sensitiveFields).toEqual([...classic.sensitiveFields, '#numero-compte']);
  });

  it('replaces what is listed of a request form by its id, and keeps the rest', () => {
    const form = requestFormsOf('classic').loggedIn;
    const merged = withFormOverride(form, override);
    expect(merged.fields.title).toEqual({ selectors: ['#titre'], labels: form.fields.title?.labels });
    expect(merged.fields.description).toBe(form.fields.description);
    expect(merged.submitLabels).toEqual(['Envoyer la sollicitation']);
    expect(merged.categoryOptions['facturation']).toEqual(['Factures']);
    expect(merged.categoryOptions['suivi-de-facture']).toEqual(form.categoryOptions['suivi-de-facture']);
    expect(merged.path).toBe(form.path);
    expect(withFormOverride(requestFormsOf('classic').visitor, override)).toBe(requestFormsOf('classic').visitor);
  });

  it('is used by the page reading: a renamed error container is read once the override names it', () => {
    const doc = new DOMParser().parseFromString('<main><h1>Facture</h1><div class="bandeau-erreur">Le montant est obligatoire.</div></main>', 'text/html');
    const url = 'https://chorus-pro.gouv.fr/cpp/facture';
    expect(readPageFacts(doc, url).errors).toEqual([]);
    expect(readPageFacts(doc, url, override).errors.map(({ text }) => text)).toEqual(['Le montant est obligatoire.']);
  });
});
