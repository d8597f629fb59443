// The one typed way for extension pages (sidebar, options) to call the background.
import browser from 'webextension-polyfill';
import type { BackgroundApi } from '../../src/messages';

export async function callBackground<K extends keyof BackgroundApi>(
  type: K,
  isResponse: (value: unknown) => value is BackgroundApi[K]['response'],
): Promise<BackgroundApi[K]['response']> {
  const response: unknown = await browser.runtime.sendMessage({ type });
  if (!isResponse(response)) throw new Error(`unexpected answer to ${type}`);
  return response;
}
