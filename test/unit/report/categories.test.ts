// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CATEGORIES, ROUTES, ROUTE_LABEL_KEYS, findCategory, findSubCategory, routeOf } from '../../../src/report/categories';
import { translatorFor } from '../../support/i18n';

describe('categories', () => {
  it("has the portal's four categories, each with sub-categories", () => {
    expect(CATEGORIES.map(({ id }) => id)).toEqual(['assistance-technique', 'facturation', 'suivi-de-facture', 'compte-utilisateur']);
    for (const category of CATEGORIES) expect(category.subCategories.length).toBeGreaterThan(0);
  });

  it('has unique ids', () => {
    expect(new Set(CATEGORIES.map(({ id }) => id)).size).toBe(CATEGORIES.length);
    for (const category of CATEGORIES) {
      const ids = category.subCategories.map(({ id }) => id);
      expect(new Set(ids).size, category.id).toBe(ids.length);
    }
  });

  it('has every label and route label in French and English, all different within a category', () => {
    for (const locale of ['fr', 'en'] as const) {
      const t = translatorFor(locale);
      for (const route of ROUTES) expect(t(ROUTE_LABEL_KEYS[route])).not.toBe('');
      for (const category of CATEGORIES) {
        expect(t(category.labelKey)).not.toBe('');
        const labels = category.subCategories.map(({ labelKey }) => t(labelKey));
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
  });

  it('routes invoice follow-up to the client and technical problems to support', () => {
    expect(routeOf('suivi-de-facture', 'rejet-facture')).toBe('client');
    expect(routeOf('suivi-de-facture', 'paiement')).toBe('client');
    expect(routeOf('assistance-technique', 'connexion')).toBe('support');
    expect(routeOf('compte-utilisateur', 'mot-de-passe')).toBe('support');
    expect(new Set(CATEGORIES.flatMap(({ subCategories }) => subCategories.map(({ route }) => route)))).toEqual(new Set(ROUTES));
  });

  it('finds nothing for unknown ids, including inherited property names', () => {
    expect(findCategory('inconnue')).toBeUndefined();
    expect(findSubCategory('facturation', 'connexion')).toBeUndefined();
    expect(routeOf('constructor', 'toString')).toBeUndefined();
  });
});
