// Permissions and policy audit of the built extensions (dist/chrome, dist/firefox): what the
// browsers are asked for equals the list the README justifies, and nothing runs code from strings.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD, requireBuild } from './support/paths';

const PORTAL_MATCHES = ['https://chorus-pro.gouv.fr/*', 'https://*.chorus-pro.gouv.fr/*'];
const ALLOWED_PERMISSIONS = ['activeTab', 'alarms', 'scripting', 'storage'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each([
  ['Chrome', CHROME_BUILD],
  ['Firefox', FIREFOX_BUILD],
])('%s build', (name, dir) => {
  const manifest = JSON.parse(readFileSync(join(requireBuild(dir), 'manifest.json'), 'utf8')) as Record<string, unknown>;

  test('asks for exactly the justified permissions, on the portal hosts only', () => {
    expect([...(manifest['permissions'] as string[])].sort()).toEqual(ALLOWED_PERMISSIONS);
    expect(manifest['host_permissions']).toEqual(PORTAL_MATCHES);
    expect(manifest['optional_permissions']).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    const scripts = manifest['content_scripts'] as { matches: string[]; all_frames?: boolean }[];
    expect(scripts.map((script) => script.matches)).toEqual([PORTAL_MATCHES]);
    expect(scripts.every((script) => !script.all_frames)).toBe(true);
  });

  test('exposes only the sidebar page to web pages, and only to portal pages (in Chrome, at an address that changes each session)', () => {
    const dynamic = name === 'Chrome' ? { use_dynamic_url: true } : {};
    expect(manifest['web_accessible_resources']).toEqual([{ resources: ['extension/sidebar/index.html'], matches: PORTAL_MATCHES, ...dynamic }]);
  });

  test('declares what a request sent to a support backend carries (Firefox data collection)', () => {
    const gecko = (manifest['browser_specific_settings'] as { gecko?: Record<string, unknown> } | undefined)?.gecko;
    const declared = name === 'Firefox' ? { required: ['personallyIdentifyingInfo', 'websiteContent', 'websiteActivity', 'browsingActivity'] } : undefined;
    expect(gecko?.['data_collection_permissions']).toEqual(declared);
  });

  test('keeps the default content security policy, and no code is built from strings', () => {
    expect(manifest['content_security_policy']).toBeUndefined();
    const code = filesUnder(dir).filter((file) => /\.(js|html)$/.test(file));
    expect(code.length).toBeGreaterThan(5);
    for (const file of code) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\beval\s*\(|new Function\s*\(|<script[^>]*src=["']?https?:/);
    }
  });
});
