// The one typed way for the sidebar to call the background; the answer is checked against the
// protocol table before it is used. Every message carries the token of the sidebar's opening.
import { extensionApi as browser } from './native-runtime';
import { isBackgroundResponse, type BackgroundApi, type BackgroundType, type SidebarEnvelope } from '../../src/protocol/background';

export type BackgroundCall = <K extends BackgroundType>(
  type: K,
  ...payload: keyof BackgroundApi[K]['request'] extends never ? [] : [BackgroundApi[K]['request']]
) => Promise<BackgroundApi[K]['response']>;

export function backgroundCaller(token: string): BackgroundCall {
  return async (type, ...payload) => {
    const message = { type, ...payload[0], token } as SidebarEnvelope;
    const response: unknown = await browser.runtime.sendMessage(message);
    if (!isBackgroundResponse(type, response)) throw new Error(`unexpected answer to ${type}`);
    return response;
  };
}
