import { describe, expect, test } from 'vitest';
import { browserFromGecko, browserFromUserAgentData, describeBrowser, isBrowserFacts } from '../../../src/context/browser';

describe('browser facts from Client Hints', () => {
  test('Chrome on Windows 11', () => {
    const facts = browserFromUserAgentData({
      fullVersionList: [
        { brand: 'Not)A;Brand', version: '8.0.0.0' },
        { brand: 'Chromium', version: '142.0.7444.60' },
        { brand: 'Google Chrome', version: '142.0.7444.60' },
      ],
      platform: 'Windows',
      platformVersion: '19.0.0',
      architecture: 'x86',
      bitness: '64',
    });
    expect(facts).toEqual({ name: 'Google Chrome', version: '142.0.7444.60', os: 'Windows 11', architecture: 'x86 64-bit' });
    expect(describeBrowser(facts)).toBe('Google Chrome 142.0.7444.60 — Windows 11 (x86 64-bit)');
  });

  test('Edge on Windows 10, Chromium on Linux, Chrome on macOS', () => {
    expect(
      browserFromUserAgentData({
        fullVersionList: [
          { brand: 'Microsoft Edge', version: '141.0.3537.99' },
          { brand: 'Chromium', version: '141.0.7390.123' },
        ],
        platform: 'Windows',
        platformVersion: '10.0.0',
      }),
    ).toMatchObject({ name: 'Microsoft Edge', version: '141.0.3537.99', os: 'Windows 10' });
    expect(browserFromUserAgentData({ fullVersionList: [{ brand: 'Chromium', version: '156.0.8078.108' }], platform: 'Linux', platformVersion: '' })).toMatchObject({
      name: 'Chromium',
      version: '156.0.8078.108',
      os: 'Linux',
    });
    expect(browserFromUserAgentData({ fullVersionList: [{ brand: 'Google Chrome', version: '140.0.1' }], platform: 'macOS', platformVersion: '14.5.0' }).os).toBe('macOS 14.5.0');
  });

  test('falls back to the short brands list', () => {
    expect(browserFromUserAgentData({ brands: [{ brand: 'Chromium', version: '156' }], platform: 'Linux' })).toMatchObject({ name: 'Chromium', version: '156' });
  });
});

describe('browser facts from Firefox', () => {
  test('Windows, macOS and Linux', () => {
    expect(browserFromGecko({ name: 'Firefox', version: '140.5.0' }, { os: 'win', arch: 'x86-64' }, 'Windows NT 10.0; Win64; x64')).toEqual({
      name: 'Firefox',
      version: '140.5.0',
      os: 'Windows (NT 10.0)',
      architecture: 'x86-64',
    });
    expect(browserFromGecko({ name: 'Firefox', version: '153.0' }, { os: 'mac', arch: 'aarch64' }, 'Intel Mac OS X 10.15').os).toBe('macOS 10.15');
    expect(describeBrowser(browserFromGecko({ name: 'Firefox', version: '153.8.0' }, { os: 'linux', arch: 'x86-64' }, 'Linux x86_64'))).toBe(
      'Firefox 153.8.0 — Linux (x86-64)',
    );
  });

  test('shape check', () => {
    expect(isBrowserFacts({ name: 'Firefox', version: '1', os: 'Linux' })).toBe(true);
    expect(isBrowserFacts({ name: 'Firefox', version: 1, os: 'Linux' })).toBe(false);
    expect(isBrowserFacts(null)).toBe(false);
  });
});
