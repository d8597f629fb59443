// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { measurePageLoads } from '../../../bench/page-load';

const URLS = { withExtension: 'ours', emptyScript: 'empty', messagingScript: 'messaging', without: 'none' };

describe('measurePageLoads', () => {
  it('warms each variant up once, then loads one of each per round in rotated order', async () => {
    const loaded: string[] = [];
    const loads = await measurePageLoads(async (url) => (loaded.push(url), `${url}#${loaded.length}`), URLS, 2);
    expect(loaded).toEqual(['ours', 'empty', 'messaging', 'none', 'ours', 'empty', 'messaging', 'none', 'empty', 'messaging', 'none', 'ours']);
    expect(loads.withExtension).toEqual(['ours#5', 'ours#12']);
    expect(loads.without).toEqual(['none#8', 'none#11']);
    expect(loads.offeringScript).toEqual([]);
  });

  it('loads the page with a button beside its error only when given', async () => {
    const loaded: string[] = [];
    const loads = await measurePageLoads(async (url) => (loaded.push(url), url), { ...URLS, offeringScript: 'offering' }, 1);
    expect(loaded).toEqual(['ours', 'empty', 'messaging', 'offering', 'none', 'ours', 'empty', 'messaging', 'offering', 'none']);
    expect(loads.offeringScript).toEqual(['offering']);
  });
});
