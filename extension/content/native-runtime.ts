// Browser quirk, content script only. This script is always on, on every portal page, so it
// does without webextension-polyfill (about 3 KB gzipped, half its size). It uses only what
// Chrome (Manifest V3) and Firefox both provide natively in the same shape: runtime.id,
// runtime.getURL, runtime.sendMessage returning a promise, runtime.onMessage answered through
// sendResponse (later only when the listener returns true), and i18n.getMessage.
// Every other context uses the polyfill.
import type Browser from 'webextension-polyfill';

type NativeListener = (message: unknown, sender: Browser.Runtime.MessageSender, sendResponse: (response: unknown) => void) => true | undefined;

interface NativeRuntime {
  runtime: Pick<typeof Browser.runtime, 'id' | 'getURL' | 'sendMessage'> & {
    onMessage: { addListener(listener: NativeListener): void };
  };
  i18n: Pick<typeof Browser.i18n, 'getMessage'>;
}

const scope = globalThis as typeof globalThis & { browser?: NativeRuntime; chrome?: NativeRuntime };

export const extensionApi = (scope.browser ?? scope.chrome) as NativeRuntime;
