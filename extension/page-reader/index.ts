// Injected into the portal tab's content-script world at the toolbar click only (never
// always-on): leaves the page reader there for the background to call, so the always-on
// script stays tiny. See readPageInTab in extension/background/index.ts.
import { readPage } from '../../src/context/page-reading';

(globalThis as typeof globalThis & { chorusProReadPage?: () => unknown }).chorusProReadPage = () => readPage(document, window);
