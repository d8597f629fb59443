// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HELP_ENTRY_IDS } from '../../../src/help/knowledge-base';
import { ROUTING } from '../../../src/report/routing';
import { measureHelpAccuracy } from '../../fixtures/help/accuracy';
import { SITUATIONS } from '../../fixtures/help/situations';

describe('the labelled situations', () => {
  it('are at least 80, French, sourced, with known answers whose route follows the routing table', () => {
    expect(SITUATIONS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(SITUATIONS.map(({ text }) => text)).size).toBe(SITUATIONS.length);
    for (const situation of SITUATIONS) {
      expect(situation.source, situation.text).toMatch(/^(?:paraphrase of )?(?:https:\/\/|portal message )/);
      expect(HELP_ENTRY_IDS).toContain(situation.expectedArticle);
      expect(ROUTING[situation.expectedSubCategory].route, situation.text).toBe(situation.expectedRoute);
    }
    expect(SITUATIONS.filter(({ source }) => source.startsWith('paraphrase')).length).toBeGreaterThanOrEqual(15);
  });

  it('get the right first help entry in ≥ 95 % and the right sub-category in ≥ 90 % of cases', () => {
    const accuracy = measureHelpAccuracy();
    const misses = accuracy.misses.map(({ situation, article, subCategory }) => `${situation.text} → ${article} / ${subCategory} (expected ${situation.expectedArticle} / ${situation.expectedSubCategory})`);
    console.info(`first article ${(accuracy.firstArticle * 100).toFixed(1)} %, sub-category ${(accuracy.subCategory * 100).toFixed(1)} %, route ${(accuracy.route * 100).toFixed(1)} % over ${accuracy.situations}\n${misses.join('\n')}`);
    expect(accuracy.firstArticle, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(accuracy.subCategory, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('counts a wrong answer as a miss', () => {
    const wrong = { ...SITUATIONS[0]!, expectedArticle: 'claudia' as const, expectedSubCategory: 'autre' as const };
    const accuracy = measureHelpAccuracy([wrong]);
    expect(accuracy.firstArticle).toBe(0);
    expect(accuracy.subCategory).toBe(0);
    expect(accuracy.misses).toHaveLength(1);
  });
});
