// The one typed way for extension pages (sidebar, options) to call the background; the answer is
// checked against the protocol table before it is used.
import browser from 'webextension-polyfill';
import { isBackgroundResponse, type BackgroundApi, type BackgroundType } from '../../src/protocol/background';

export async function callBackground<K extends BackgroundType>(
  type: K,
  ...payload: keyof BackgroundApi[K]['request'] extends never ? [] : [BackgroundApi[K]['request']]
): Promise<BackgroundApi[K]['response']> {
  const response: unknown = await browser.runtime.sendMessage({ type, ...payload[0] });
  if (!isBackgroundResponse(type, response)) throw new Error(`unexpected answer to ${type}`);
  return response;
}
