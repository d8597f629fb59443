// Browser quirk: the always-on content script, the in-page help offer and the sidebar do without
// webextension-polyfill (about 3 KB gzipped: half the content script, a tenth of the sidebar's
// first load). They use only what Chrome (Manifest V3) and Firefox both provide natively in the
// same shape: runtime.id, runtime.getURL, runtime.sendMessage returning a promise,
// runtime.onMessage answered through sendResponse (later only when the listener returns true),
// runtime.connect's port, storage.local's promises and i18n. One difference stays: where the
// background fails a message, the polyfill rejects with the background's error, and the native
// promise resolves with the polyfill's marker of it, which no answer's guard accepts.
// Every other context uses the polyfill.
import type Browser from 'webextension-polyfill';
import type { StorageAreaLike } from '../../src/store/session-room';

type NativeListener = (message: unknown, sender: Browser.Runtime.MessageSender, sendResponse: (response: unknown) => void) => true | undefined;

interface NativeRuntime {
  runtime: Pick<typeof Browser.runtime, 'id' | 'getURL' | 'sendMessage' | 'connect'> & {
    onMessage: { addListener(listener: NativeListener): void };
  };
  storage: { local: StorageAreaLike };
  i18n: Pick<typeof Browser.i18n, 'getMessage' | 'getUILanguage'>;
}

const scope = globalThis as typeof globalThis & { browser?: NativeRuntime; chrome?: NativeRuntime };

export const extensionApi = (scope.browser ?? scope.chrome) as NativeRuntime;
