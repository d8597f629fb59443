// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { measurePageLoads } from '../../../bench/page-load';

const URLS = { withExtension: 'ours', emptyScript: 'empty', messagingScript: 'messaging', watchingScript: 'watching', without: 'none' };

describe('measurePageLoads', () => {
  it('warms each variant up once, then loads one of each per round in rotated order', async () => {
    const loaded: string[] = [];
    const loads = await measurePageLoads(async (url) => (loaded.push(url), `${url}#${loaded.length}`), URLS, 2);
    expect(loaded).toEqual([
      ...['ours', 'empty', 'messaging', 'watching', 'none'],
      ...['ours', 'empty', 'messaging', 'watching', 'none'],
      ...['empty', 'messaging', 'watching', 'none', 'ours'],
    ]);
    expect(loads.withExtension).toEqual(['ours#6', 'ours#15']);
    expect(loads.watchingScript).toEqual(['watching#9', 'watching#13']);
    expect(loads.without).toEqual(['none#10', 'none#14']);
  });
});
