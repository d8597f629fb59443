// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { helpEntries } from '../../../src/help/knowledge-base';
import { CATEGORIES, categoryOfSubCategory, routeOf } from '../../../src/report/categories';
import { ROUTES, ROUTING, routeOfSubCategory } from '../../../src/report/routing';
import { suggestCategory } from '../../../src/report/prefill';

const SUB_CATEGORIES = CATEGORIES.flatMap((category) => category.subCategories.map((subCategory) => ({ category, subCategory })));

describe('routing', () => {
  it('has one row per sub-category of the categories, and no other', () => {
    expect(SUB_CATEGORIES.map(({ subCategory }) => subCategory.id).sort()).toEqual(Object.keys(ROUTING).sort());
    expect(new Set(Object.values(ROUTING).map(({ route }) => route))).toEqual(new Set(ROUTES));
  });

  it('gives every sub-category the route of its row, through the categories too', () => {
    for (const { category, subCategory } of SUB_CATEGORIES) {
      expect(subCategory.route, subCategory.id).toBe(ROUTING[subCategory.id].route);
      expect(routeOf(category.id, subCategory.id)).toBe(ROUTING[subCategory.id].route);
      expect(categoryOfSubCategory(subCategory.id)).toBe(category);
    }
    expect(routeOfSubCategory('toString')).toBeUndefined();
  });

  it.each(['fr', 'en'] as const)('gives every %s help entry the route of its sub-category', (locale) => {
    for (const entry of helpEntries(locale)) {
      expect(categoryOfSubCategory(entry.subCategory), entry.id).toBeDefined();
      expect(entry.route, entry.id).toBe(ROUTING[entry.subCategory].route);
    }
  });

  it('suggests, for the message an entry answers, that entry\'s sub-category and route', () => {
    for (const entry of helpEntries('fr')) {
      const message = entry.patterns?.find((pattern) => !pattern.includes('…'));
      if (!message) continue;
      const suggestion = suggestCategory([message], []);
      expect(suggestion.route, `${entry.id}: ${message}`).toBe(ROUTING[suggestion.subCategory as keyof typeof ROUTING].route);
    }
  });
});
