// What the always-on content script leaves on the global of its world (the extension's isolated
// world in the page), for itself when injected again and for the scripts the background injects
// into the same world later (the whole-page capture hands its parts to the sidebar through it).
export const CONTENT_SCRIPT_GLOBAL = '__chorusProHelpContentScript';

export interface ContentScriptGlobal {
  stopRecording(): void;
  /** Posts to the sidebar's frame, addressed to its origin only; false when there is no sidebar. */
  postToSidebar(message: unknown): boolean;
}

type WithContentScript = typeof globalThis & { [CONTENT_SCRIPT_GLOBAL]?: ContentScriptGlobal };

export const contentScriptGlobal = (): ContentScriptGlobal | undefined => (globalThis as WithContentScript)[CONTENT_SCRIPT_GLOBAL];

export function setContentScriptGlobal(value: ContentScriptGlobal): void {
  (globalThis as WithContentScript)[CONTENT_SCRIPT_GLOBAL] = value;
}

/**
 * What the in-page offer's launcher (injected on pages showing an error) leaves on the same
 * world's global, as `chorusProOffer`: the background's injected functions call it by that name.
 */
export interface OfferLauncher {
  /** Beside the first error shown now, with these words (moved there if it stood beside another), or gone when none is. */
  refresh(texts: unknown): void;
  withdraw(): void;
}

export type WithOfferLauncher = typeof globalThis & { chorusProOffer?: OfferLauncher };
