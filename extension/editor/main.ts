// The screenshot editor in a full extension tab (room to work): index.html?tab=<tabId> edits the
// capture kept for that tab in storage.session. The result is shown here and announced with a
// "chorus-pro-editor-done" event on window (detail: { blob, name, bytes, edited }); the caller
// (sidebar / background) decides where it goes.
import { mount } from 'svelte';
import browser from 'webextension-polyfill';
import { uiLocale } from '../shared/i18n';
import ScreenshotEditor from './ScreenshotEditor.svelte';
import type { EditorResult } from './types';

document.documentElement.lang = uiLocale();
const target = document.getElementById('app') as HTMLElement;

async function load(): Promise<string | null> {
  const tab = new URLSearchParams(location.search).get('tab');
  if (!tab || !/^\d+$/.test(tab)) return null;
  const key = `capture:${tab}`;
  const stored = (await browser.storage.session.get(key))[key] as { dataUrl?: unknown } | undefined;
  return typeof stored?.dataUrl === 'string' ? stored.dataUrl : null;
}

void load().then((source) => {
  mount(ScreenshotEditor, {
    target,
    props: {
      source,
      lang: uiLocale() === 'fr' ? 'fr' : 'en',
      onDone: (result: EditorResult) => window.dispatchEvent(new CustomEvent('chorus-pro-editor-done', { detail: result })),
    },
  });
});
