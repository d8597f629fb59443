import { describe, expect, it } from 'vitest';
import { classic } from '../../../src/context/profiles/classic';
import { listOf, pathListsOf, profileFor, selectorsOf } from '../../../src/context/profiles/index';
import type { ListKey } from '../../../src/context/profiles/index';
import { services } from '../../../src/context/profiles/services';

describe('profileFor', () => {
  it('recognises the classic application, also on cpro.', () => {
    expect(profileFor('https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1&lang=en_US')?.generation).toBe('classic');
    expect(profileFor('https://cpro.chorus-pro.gouv.fr/cpp/factures-emises')?.generation).toBe('classic');
    expect(profileFor('https://CHORUS-PRO.gouv.fr/cpp')?.generation).toBe('classic');
  });

  it('recognises the services portal', () => {
    expect(profileFor('https://portail.chorus-pro.gouv.fr/?id=cpp_accueil')?.generation).toBe('services');
    expect(profileFor('https://portail.chorus-pro.gouv.fr/')).toBe(services);
  });

  it('returns null for other paths and sites of the same domain', () => {
    expect(profileFor('https://chorus-pro.gouv.fr/')).toBeNull();
    expect(profileFor('https://chorus-pro.gouv.fr/cppx/utilisateur')).toBeNull();
    expect(profileFor('https://communaute.chorus-pro.gouv.fr/aide')).toBeNull();
  });

  it('returns null for look-alike hosts', () => {
    for (const url of [
      'https://chorus-pro.gouv.fr.evil.test/cpp/utilisateur',
      'https://chorus-pro-gouv.fr/cpp/utilisateur',
      'https://evilchorus-pro.gouv.fr/cpp/utilisateur',
      'https://portail.chorus-pro.gouv.fr.evil.test/?id=cpp_accueil',
      'https://evil.test/cpp/?https://chorus-pro.gouv.fr/cpp/',
      'https://chorus-pro.gouv.fr@evil.test/cpp/',
    ]) {
      expect(profileFor(url), url).toBeNull();
    }
  });

  it('returns null for what is not an https URL', () => {
    expect(profileFor('http://chorus-pro.gouv.fr/cpp/utilisateur')).toBeNull();
    expect(profileFor('chorus-pro.gouv.fr/cpp/utilisateur')).toBeNull();
    expect(profileFor('')).toBeNull();
  });
});

describe('profiles as data', () => {
  const keys: ListKey[] = [
    'errorContainers',
    'infoContainers',
    'fieldErrors',
    'fieldGroups',
    'versionSelectors',
    'userSelectors',
    'breadcrumbSelectors',
    'activeMenuSelectors',
    'sensitiveFields',
  ];

  it('holds only selectors the DOM accepts', () => {
    for (const profile of [classic, services, null]) {
      for (const key of keys) expect(() => document.querySelectorAll(selectorsOf(profile, key)), key).not.toThrow();
    }
  });

  it('knows the invoice-number search field of the classic application', () => {
    expect(classic.invoiceNumberIds).toContain('GDP_RechercheDemandePaiement_Criteres_NumeroFacture');
  });

  it('finds the footer version by pattern', () => {
    expect(classic.versionPattern.exec('Plan du site V2.0.1 - R13 Notes')?.[0]).toBe('V2.0.1 - R13');
    expect(services.versionPattern.test('V2 - R13')).toBe(false);
  });

  it('combines every generation when the page is not recognised', () => {
    expect(listOf(null, 'errorContainers')).toEqual(expect.arrayContaining([...classic.errorContainers, ...services.errorContainers]));
    expect(new Set(listOf(null, 'errorContainers')).size).toBe(listOf(null, 'errorContainers').length);
    expect(listOf(classic, 'errorContainers')).toEqual(classic.errorContainers);
  });

  it("hands the path recorder its page's lists, or every generation's", () => {
    expect(pathListsOf(classic)).toEqual({
      errorContainers: classic.errorContainers,
      infoContainers: classic.infoContainers,
      fieldErrors: classic.fieldErrors,
      breadcrumbSelectors: classic.breadcrumbSelectors,
      activeMenuSelectors: classic.activeMenuSelectors,
    });
    expect(pathListsOf(null).breadcrumbSelectors).toEqual(listOf(null, 'breadcrumbSelectors'));
  });

  it('marks sensitive fields for masking', () => {
    document.body.innerHTML = `
      <input id="a" type="password"><input id="b" name="IBAN"><input id="c" name="coordonneesRib">
      <input id="d" type="tel"><input id="e" name="telephonePortable"><input id="f" name="numeroFacture">`;
    const masked = [...document.querySelectorAll(selectorsOf(classic, 'sensitiveFields'))].map((el) => el.id);
    expect(masked).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
