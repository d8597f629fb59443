import { describe, expect, test } from 'vitest';
import { isScreenshotOutcome, isScreenshotProgress, isWholePageOutcome, parsePagePart } from '../../../src/capture/screenshot';
import { isSidebarState } from '../../../src/context/sidebar-state';
import { isBackgroundResponse, parseBackgroundMessage } from '../../../src/protocol/background';
import { isSidebarStatus, parseContentMessage } from '../../../src/protocol/content';
import { isBackgroundSender, isPortalContentSender, isSidebarSender } from '../../../src/protocol/senders';
import { parseSidebarPortMessage } from '../../../src/protocol/sidebar-port';
import { MAX_STEPS_PER_REPORT } from '../../../src/trail/page-report';

const EXTENSION_ID = 'abcdefghijklmnop';
const SIDEBAR_URL = `chrome-extension://${EXTENSION_ID}/extension/sidebar/index.html`;
const PORTAL_TAB = { id: 7, url: 'https://chorus-pro.gouv.fr/cpp/accueil' };
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const TOKEN = 'q3Xr0vC1hZ8kP2mW9tYb4A';
const BROWSER = { name: 'Firefox', version: '153.8.0', os: 'Linux', architecture: 'x86-64' };

describe('message shapes', () => {
  test('known content messages are accepted as they are', () => {
    expect(parseContentMessage({ type: 'sidebar/open', token: TOKEN })).toEqual({ type: 'sidebar/open', token: TOKEN });
    expect(parseContentMessage({ type: 'sidebar/prepare', token: TOKEN })).toEqual({ type: 'sidebar/prepare', token: TOKEN });
    expect(parseContentMessage({ type: 'sidebar/close' })).toEqual({ type: 'sidebar/close' });
    expect(parseContentMessage({ type: 'sidebar/status' })).toEqual({ type: 'sidebar/status' });
  });

  test.each([
    null,
    undefined,
    'sidebar/open',
    ['sidebar/open'],
    {},
    { type: 'sidebar/load' },
    { type: 'sidebar/open', extra: '<img src=x onerror=alert(1)>' },
    { type: 'sidebar/open' },
    { type: 'sidebar/open', token: 'short' },
    { type: 'sidebar/prepare', token: `${TOKEN}#` },
    { type: 42 },
    Object.create({ type: 'sidebar/open' }),
  ])('anything else is ignored by the content script: %j', (value) => {
    expect(parseContentMessage(value)).toBeNull();
  });

  test('background messages', () => {
    expect(parseBackgroundMessage({ type: 'sidebar/load' })).toEqual({ type: 'sidebar/load' });
    const step = { kind: 'click', at: 5, label: 'Rechercher' };
    expect(parseBackgroundMessage({ type: 'page/report', steps: [step] })).toEqual({ type: 'page/report', steps: [step] });
    expect(parseBackgroundMessage({ type: 'page/report', steps: [step, step], errorShown: true })).toEqual({ type: 'page/report', steps: [step, step], errorShown: true });
    expect(parseBackgroundMessage({ type: 'page/report', steps: [], errorShown: false })).toEqual({ type: 'page/report', steps: [], errorShown: false });
    // A report that says nothing, a typed value, more steps than a report carries, anything extra: refused.
    expect(parseBackgroundMessage({ type: 'page/report', steps: [] })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', steps: [{ ...step, value: 'typed' }] })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', steps: Array.from({ length: MAX_STEPS_PER_REPORT + 1 }, () => step) })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', steps: Array.from({ length: MAX_STEPS_PER_REPORT }, () => step) })).not.toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', steps: [step], errorShown: 'yes' })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', steps: [step], extra: 1 })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report', step })).toBeNull();
    expect(parseBackgroundMessage({ type: 'page/report' })).toBeNull();
    const entry = { kind: 'request-failed', at: 5, method: 'POST', url: 'https://chorus-pro.gouv.fr/cpp/api', status: 500 };
    expect(parseBackgroundMessage({ type: 'diagnostics/record', entry })).toEqual({ type: 'diagnostics/record', entry });
    expect(parseBackgroundMessage({ type: 'diagnostics/record', entry: { ...entry, body: 'siret=1' } })).toBeNull();
    expect(parseBackgroundMessage({ type: 'diagnostics/record', entry, step: {} })).toBeNull();
    expect(parseBackgroundMessage({ type: 'sidebar/close' })).toEqual({ type: 'sidebar/close' });
    expect(parseBackgroundMessage({ type: 'sidebar/open' })).toBeNull();
    expect(parseBackgroundMessage({ type: 'sidebar/load', tabId: 3 })).toBeNull();
    expect(parseBackgroundMessage({ type: 'settings/switches' })).toEqual({ type: 'settings/switches' });
    expect(parseBackgroundMessage({ type: 'settings/switches', recordPath: false })).toBeNull();
  });

  test("the switches and path lists handed to a page's content script", () => {
    const pathLists = { errorContainers: ['.erreur'], infoContainers: [], fieldErrors: [], breadcrumbSelectors: ['.breadcrumb'], activeMenuSelectors: [] };
    expect(isBackgroundResponse('settings/switches', { recordPath: true, technicalDetails: false, pathLists })).toBe(true);
    expect(isBackgroundResponse('settings/switches', { recordPath: true, technicalDetails: false })).toBe(false);
    expect(isBackgroundResponse('settings/switches', { recordPath: true, technicalDetails: false, pathLists: { ...pathLists, errorContainers: [1] } })).toBe(false);
    expect(isBackgroundResponse('settings/switches', { recordPath: 'yes', technicalDetails: false, pathLists })).toBe(false);
    expect(isBackgroundResponse('settings/switches', { recordPath: true })).toBe(false);
    expect(isBackgroundResponse('settings/switches', null)).toBe(false);
  });

  test('what the background tells an open sidebar about its tab', () => {
    const trail = [{ kind: 'click', at: 1, label: 'Rechercher' }];
    const diagnostics = [{ kind: 'request-failed', at: 2, method: 'GET', url: 'https://chorus-pro.gouv.fr/cpp/api', status: 404 }];
    expect(parseSidebarPortMessage({ type: 'trail/changed', trail })).toEqual({ type: 'trail/changed', trail });
    expect(parseSidebarPortMessage({ type: 'diagnostics/changed', diagnostics })).toEqual({ type: 'diagnostics/changed', diagnostics });
    expect(parseSidebarPortMessage({ type: 'diagnostics/changed', diagnostics: trail })).toBeNull();
    expect(parseSidebarPortMessage({ type: 'trail/changed', diagnostics })).toBeNull();
    expect(parseSidebarPortMessage({ type: 'diagnostics/changed', diagnostics, trail })).toBeNull();
    expect(parseSidebarPortMessage('trail/changed')).toBeNull();
  });

  test('the toolbar click\'s screenshot follows on the port: a masked image or none, nothing else', () => {
    const capture = { dataUrl: PNG, capturedAt: 3 };
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture })).toEqual({ type: 'capture/changed', capture });
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture: null })).toEqual({ type: 'capture/changed', capture: null });
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture: null, missing: 'page-moved' })).toEqual({ type: 'capture/changed', capture: null, missing: 'page-moved' });
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture: null, missing: 'other' })).toBeNull();
    expect(parseSidebarPortMessage({ type: 'capture/changed' })).toBeNull();
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture: { dataUrl: 'javascript:alert(1)', capturedAt: 3 } })).toBeNull();
    expect(parseSidebarPortMessage({ type: 'capture/changed', capture, trail: [] })).toBeNull();
  });

  test('screenshot messages: sidebar hidden and shown by the background, buttons of the sidebar, exact shapes', () => {
    expect(parseContentMessage({ type: 'sidebar/hide' })).toEqual({ type: 'sidebar/hide' });
    expect(parseContentMessage({ type: 'sidebar/show' })).toEqual({ type: 'sidebar/show' });
    for (const type of ['screenshot/progress', 'screenshot/cancel', 'screenshot/retake']) {
      expect(parseBackgroundMessage({ type })).toEqual({ type });
      expect(parseBackgroundMessage({ type, tabId: 3 })).toBeNull();
    }
    // "Page entière" carries the sidebar's token for the images the page hands over: a UUID, nothing else.
    const handOver = '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c';
    expect(parseBackgroundMessage({ type: 'screenshot/page', handOver })).toEqual({ type: 'screenshot/page', handOver });
    expect(parseBackgroundMessage({ type: 'screenshot/page' })).toBeNull();
    expect(parseBackgroundMessage({ type: 'screenshot/page', handOver: '<img src=x onerror=alert(1)>' })).toBeNull();
    expect(parseBackgroundMessage({ type: 'screenshot/page', handOver, tabId: 3 })).toBeNull();
  });

  test('screenshot answers: images as data: URLs of PNG or JPEG, known reasons only', () => {
    const image = { dataUrl: PNG, name: 'capture-page-2026-11-27-1430-1.png', width: 1266, height: 13_739 };
    expect(isScreenshotOutcome({ status: 'done', capturedAt: 1, images: [image] })).toBe(true);
    expect(isScreenshotOutcome({ status: 'done', capturedAt: 1, images: [] })).toBe(false);
    expect(isScreenshotOutcome({ status: 'done', capturedAt: 1, images: [{ ...image, dataUrl: 'data:text/html;base64,PGI+' }] })).toBe(false);
    expect(isScreenshotOutcome({ status: 'failed', reason: 'too-large', message: 'm' })).toBe(true);
    expect(isScreenshotOutcome({ status: 'failed', reason: 'odd', message: 'm' })).toBe(false);
    expect(isWholePageOutcome({ status: 'done', capturedAt: 1, parts: 5, engine: 'html2canvas', notDrawn: ['frame'] })).toBe(true);
    expect(isWholePageOutcome({ status: 'done', capturedAt: 1, parts: 5, engine: 'other', notDrawn: [] })).toBe(false);
    expect(isWholePageOutcome({ status: 'done', capturedAt: 1, parts: 5, engine: 'svg', notDrawn: ['<b>'] })).toBe(false);
    expect(isWholePageOutcome({ status: 'done', capturedAt: 1, parts: 0, engine: 'svg', notDrawn: [] })).toBe(false);
    expect(isWholePageOutcome({ status: 'done', capturedAt: 1, images: [image] })).toBe(false);
    expect(isWholePageOutcome({ status: 'failed', reason: 'cancelled', message: 'm' })).toBe(true);
    expect(isScreenshotProgress(null)).toBe(true);
    expect(isScreenshotProgress({ phase: 'rendering', progress: 0.4, elapsedMs: 10 })).toBe(true);
    expect(isScreenshotProgress({ phase: 'rendering' })).toBe(false);
  });

  test('a part of "Page entière" posted into the sidebar: only with the capture\'s token, an image Blob, exact keys', () => {
    const token = '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c';
    const image = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const part = { type: 'page-part', token, index: 2, name: 'capture-page-2026-11-27-1430-3.png', width: 1266, height: 13_739, image };
    expect(parsePagePart(part, token)).toEqual(part);
    expect(parsePagePart(part, 'another-token')).toBeNull();
    expect(parsePagePart({ ...part, token: undefined }, token)).toBeNull();
    expect(parsePagePart({ ...part, extra: 1 }, token)).toBeNull();
    expect(parsePagePart({ ...part, index: -1 }, token)).toBeNull();
    expect(parsePagePart({ ...part, width: 0 }, token)).toBeNull();
    expect(parsePagePart({ ...part, image: 'data:image/png;base64,iVBORw0KGgo=' }, token)).toBeNull();
    expect(parsePagePart({ ...part, image: new Blob(['<script>alert(1)</script>'], { type: 'text/html' }) }, token)).toBeNull();
    expect(parsePagePart({ ...part, image: new Blob([], { type: 'image/png' }) }, token)).toBeNull();
  });

  test('answers are checked too', () => {
    expect(isSidebarStatus({ open: true })).toBe(true);
    expect(isSidebarStatus({ open: 'yes' })).toBe(false);
    expect(isSidebarStatus(undefined)).toBe(false);
    const state = {
      tabId: 7,
      page: { url: 'https://chorus-pro.gouv.fr/', title: 'Accueil' },
      capture: { dataUrl: PNG, capturedAt: 1 },
      capturePending: false,
      reading: null,
      trail: [{ kind: 'click', at: 1, label: 'Rechercher' }],
      diagnostics: [{ kind: 'script-error', at: 2, message: 'TypeError: x' }],
      browser: BROWSER,
      environment: { uiLanguage: 'fr', timeZone: 'Europe/Paris', extensionVersion: '0.1.0', zoomPercent: 100 },
    };
    expect(isSidebarState(state)).toBe(true);
    expect(isSidebarState({ ...state, capture: null })).toBe(true);
    expect(isSidebarState({ ...state, capture: null, capturePending: true })).toBe(true);
    expect(isSidebarState({ ...state, capture: null, captureMissing: 'page-moved' })).toBe(true);
    expect(isSidebarState({ ...state, captureMissing: 'page-moved' })).toBe(false);
    expect(isSidebarState({ ...state, capture: null, captureMissing: 'elsewhere' })).toBe(false);
    expect(isSidebarState({ ...state, capturePending: 'yes' })).toBe(false);
    expect(isSidebarState({ ...state, capturePending: undefined })).toBe(false);
    expect(isSidebarState({ ...state, capture: { dataUrl: 'javascript:alert(1)', capturedAt: 1 } })).toBe(false);
    expect(isSidebarState({ ...state, browser: { name: 'Firefox' } })).toBe(false);
    expect(isSidebarState({ ...state, page: { url: 1, title: '' } })).toBe(false);
    expect(isSidebarState({ ...state, trail: [{ kind: 'click', at: 1, label: 'x', value: 'typed' }] })).toBe(false);
    expect(isSidebarState({ ...state, environment: {} })).toBe(false);
    expect(isSidebarState({ ...state, diagnostics: [{ kind: 'console', at: 1, message: 'x' }] })).toBe(false);
    expect(isSidebarState({ ...state, diagnostics: undefined })).toBe(false);
  });
});

describe('senders', () => {
  test('the path is recorded only from our content script in the top frame of a portal tab', () => {
    const content = { id: EXTENSION_ID, url: PORTAL_TAB.url, frameId: 0, tab: PORTAL_TAB };
    expect(isPortalContentSender(content, EXTENSION_ID)).toBe(true);
    expect(isPortalContentSender({ ...content, frameId: 2 }, EXTENSION_ID)).toBe(false);
    expect(isPortalContentSender({ ...content, id: 'other' }, EXTENSION_ID)).toBe(false);
    expect(isPortalContentSender({ ...content, url: 'https://autre-site.test/', tab: { id: 7, url: 'https://autre-site.test/' } }, EXTENSION_ID)).toBe(false);
    expect(isPortalContentSender({ ...content, url: SIDEBAR_URL }, EXTENSION_ID)).toBe(false);
  });

  test('the content script obeys only its own background, which is in no tab', () => {
    expect(isBackgroundSender({ id: EXTENSION_ID }, EXTENSION_ID)).toBe(true);
    expect(isBackgroundSender({ id: 'another-extension' }, EXTENSION_ID)).toBe(false);
    expect(isBackgroundSender({ id: EXTENSION_ID, tab: PORTAL_TAB }, EXTENSION_ID)).toBe(false);
  });

  test('the background serves only our sidebar, framed in a portal tab', () => {
    const sidebar = { id: EXTENSION_ID, url: SIDEBAR_URL, frameId: 3, tab: PORTAL_TAB };
    expect(isSidebarSender(sidebar, EXTENSION_ID, SIDEBAR_URL)).toBe(true);
    expect(isSidebarSender({ ...sidebar, url: `${SIDEBAR_URL}#x` }, EXTENSION_ID, SIDEBAR_URL)).toBe(true);
    expect(isSidebarSender({ ...sidebar, id: 'other' }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    expect(isSidebarSender({ ...sidebar, frameId: 0 }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    expect(isSidebarSender({ ...sidebar, url: `chrome-extension://${EXTENSION_ID}/extension/options/index.html` }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    expect(isSidebarSender({ ...sidebar, tab: { id: 7, url: 'https://autre-site.test/' } }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    expect(isSidebarSender({ ...sidebar, tab: undefined }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    // Chrome serves the frame at the session's dynamic address (use_dynamic_url).
    expect(isSidebarSender({ ...sidebar, url: 'chrome-extension://qrstuvwxyzabcdef/extension/sidebar/index.html#x' }, EXTENSION_ID, SIDEBAR_URL)).toBe(true);
    expect(isSidebarSender({ ...sidebar, url: 'https://chorus-pro.gouv.fr/extension/sidebar/index.html' }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    expect(isSidebarSender({ ...sidebar, url: 'not a URL' }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
    // A content script (of a portal page) is not the sidebar.
    expect(isSidebarSender({ id: EXTENSION_ID, url: PORTAL_TAB.url, frameId: 0, tab: PORTAL_TAB }, EXTENSION_ID, SIDEBAR_URL)).toBe(false);
  });
});

describe('drafts and History messages', () => {
  const values = { category: '', subCategory: '', issuer: '', name: '', connectionId: '', phone: '', email: '', siret: '', invoiceNumber: '', title: 'Brouillon', description: '' };
  const draft = {
    id: '2b7f0c1e-5d1a-4c55-9a65-0d2f3b0c9a11',
    incidentId: '7-1764250200000',
    form: { values, removed: ['page:url'], files: [{ name: 'capture.png', screenshot: true }, { name: 'releve.pdf', screenshot: false }] },
    files: [{ attachmentId: '6f1c2d3e-0000-4000-8000-000000000001' }, { type: 'application/pdf', dataUrl: 'data:application/pdf;base64,JVBERi0=' }],
  };

  test('a draft to save is accepted exactly, files new or already stored', () => {
    expect(parseBackgroundMessage({ type: 'draft/save', draft })).toEqual({ type: 'draft/save', draft });
  });

  test.each([
    ['an extra key', { ...draft, tabId: 3 }],
    ['an id that is not one', { ...draft, id: '../../etc' }],
    ['a form that is not one', { ...draft, form: { ...draft.form, values: { ...values, password: 'secret' } } }],
    ['fewer files than the form lists', { ...draft, files: draft.files.slice(1) }],
    ['a file both new and stored', { ...draft, files: [{ ...draft.files[0], type: 'image/png', dataUrl: PNG }, draft.files[1]] }],
    ['a file too large', { ...draft, files: [draft.files[0], { type: 'application/pdf', dataUrl: 'x'.repeat(14_000_001) }] }],
  ])('a draft with %s is ignored', (_what, value) => {
    expect(parseBackgroundMessage({ type: 'draft/save', draft: value })).toBeNull();
  });

  test('draft and History requests carry what they need and nothing more', () => {
    for (const type of ['draft/latest', 'drafts/list', 'requests/refresh', 'requests/export', 'requests/erase']) {
      expect(parseBackgroundMessage({ type })).toEqual({ type });
      expect(parseBackgroundMessage({ type, id: 'x' })).toBeNull();
    }
    for (const type of ['draft/open', 'draft/discard']) {
      expect(parseBackgroundMessage({ type, id: draft.id })).toEqual({ type, id: draft.id });
      expect(parseBackgroundMessage({ type })).toBeNull();
      expect(parseBackgroundMessage({ type, id: 42 })).toBeNull();
      expect(parseBackgroundMessage({ type, id: 'a b' })).toBeNull();
    }
  });

  test('a request sent may name the draft it was written in', () => {
    const send = { channel: 'backend', request: {}, files: [] };
    expect(parseBackgroundMessage({ type: 'request/send', send })).toEqual({ type: 'request/send', send });
    expect(parseBackgroundMessage({ type: 'request/send', send: { ...send, draftId: draft.id } })).toEqual({ type: 'request/send', send: { ...send, draftId: draft.id } });
    expect(parseBackgroundMessage({ type: 'request/send', send: { ...send, draftId: 3 } })).toBeNull();
    expect(parseBackgroundMessage({ type: 'request/send', send: { ...send, draftId: draft.id, other: 1 } })).toBeNull();
  });
});
