// The one typed way for the sidebar to call the background; the answer is checked against the
// protocol table before it is used. Every message carries the token of the sidebar's opening.
import { extensionApi as browser } from './native-runtime';
import type { BackgroundApi, BackgroundType, SidebarEnvelope } from '../../src/protocol/background';

export type BackgroundCall = <K extends BackgroundType>(
  type: K,
  ...payload: keyof BackgroundApi[K]['request'] extends never ? [] : [BackgroundApi[K]['request']]
) => Promise<BackgroundApi[K]['response']>;

export function backgroundCaller(token: string): BackgroundCall {
  return async (type, ...payload) => {
    const message = { type, ...payload[0], token } as SidebarEnvelope;
    // The table's guards (every message's) load while the first message travels: they are not
    // part of what the page needs to paint.
    const [{ isBackgroundResponse }, response] = await Promise.all([import('../../src/protocol/background'), browser.runtime.sendMessage(message) as Promise<unknown>]);
    if (!isBackgroundResponse(type, response)) throw new Error(`unexpected answer to ${type}`);
    return response;
  };
}
