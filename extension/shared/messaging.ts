// The one typed way for extension pages (sidebar, options) to call the background.
import browser from 'webextension-polyfill';
import type { BackgroundApi } from '../../src/messages';

export async function callBackground<K extends keyof BackgroundApi>(
  type: K,
  isResponse: (value: unknown) => value is BackgroundApi[K]['response'],
  ...payload: keyof BackgroundApi[K]['request'] extends never ? [] : [BackgroundApi[K]['request']]
): Promise<BackgroundApi[K]['response']> {
  const response: unknown = await browser.runtime.sendMessage({ type, ...payload[0] });
  if (!isResponse(response)) throw new Error(`unexpected answer to ${type}`);
  return response;
}
