import { describe, expect, test } from 'vitest';
import { isPortalHost, isPortalUrl } from '../../src/portal-hosts';

describe('portal hosts', () => {
  test.each(['chorus-pro.gouv.fr', 'cpro.chorus-pro.gouv.fr', 'portail.chorus-pro.gouv.fr', 'CHORUS-PRO.GOUV.FR', 'chorus-pro.gouv.fr.'])(
    '%s is the portal',
    (host) => expect(isPortalHost(host)).toBe(true),
  );

  test.each(['chorus-pro.gouv.fr.evil.test', 'chorus-pro-gouv.fr', 'evilchorus-pro.gouv.fr', 'gouv.fr', 'example.org', ''])(
    '%s is not the portal',
    (host) => expect(isPortalHost(host)).toBe(false),
  );

  test('only https portal pages count', () => {
    expect(isPortalUrl('https://chorus-pro.gouv.fr/cpp/utilisateur?execution=e1s1')).toBe(true);
    expect(isPortalUrl('https://portail.chorus-pro.gouv.fr:8443/?id=cpp_accueil')).toBe(true);
    expect(isPortalUrl('http://chorus-pro.gouv.fr/cpp/')).toBe(false);
    expect(isPortalUrl('https://chorus-pro.gouv.fr.evil.test/cpp/')).toBe(false);
    expect(isPortalUrl('https://user@evil.test/?chorus-pro.gouv.fr')).toBe(false);
    expect(isPortalUrl('not a url')).toBe(false);
    expect(isPortalUrl(undefined)).toBe(false);
  });
});
