// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BLANK_PAGE, withBlankPage } from '../../../bench/blank-page';

// The built manifest's entries as the build writes them (Chromium's, with its dynamic address).
const MANIFEST = {
  manifest_version: 3,
  web_accessible_resources: [
    { resources: ['icons/icon-16.png'], matches: ['https://example.test/*'] },
    { resources: ['extension/sidebar/index.html'], matches: ['https://chorus-pro.gouv.fr/*'], use_dynamic_url: true },
  ],
};

describe('withBlankPage', () => {
  it("makes the blank page web-accessible as the sidebar's page is: same pages, same address", () => {
    const entries = withBlankPage(MANIFEST)['web_accessible_resources'];
    expect(entries).toEqual([
      MANIFEST.web_accessible_resources[0],
      { resources: ['extension/sidebar/index.html', BLANK_PAGE], matches: ['https://chorus-pro.gouv.fr/*'], use_dynamic_url: true },
    ]);
  });

  it("sits beside the sidebar's page, where the harnesses find the sidebar's frame", () => {
    expect(BLANK_PAGE).toMatch(/^extension\/sidebar\/[^/]+\.html$/);
  });

  it('leaves the manifest it was given as it was', () => {
    const before = JSON.stringify(MANIFEST);
    withBlankPage(MANIFEST);
    expect(JSON.stringify(MANIFEST)).toBe(before);
  });

  it("refuses a manifest that does not make the sidebar's page web-accessible", () => {
    expect(() => withBlankPage({ manifest_version: 3 })).toThrow(/web-accessible/);
    expect(() => withBlankPage({ web_accessible_resources: [{ resources: ['other.html'] }] })).toThrow(/web-accessible/);
  });
});
