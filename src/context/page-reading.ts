/**
 * What the extension reads of a portal page at the toolbar click: the page facts support needs,
 * and the window's geometry (viewport, screen, pixel ratio). Runs in the page's content-script
 * world, injected only at that moment (extension/page-reader/), never always-on.
 */
import { readPageFacts, type PageFacts } from './page-facts';
import type { PortalDataOverride } from './profiles/overrides';

export interface PageReading {
  facts: PageFacts;
  viewport: { width: number; height: number };
  screen: { width: number; height: number };
  devicePixelRatio: number;
}

export function readPage(doc: Document, win: Window, portalData: PortalDataOverride | null = null): PageReading {
  return {
    facts: readPageFacts(doc, win.location.href, portalData),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    screen: { width: win.screen.width, height: win.screen.height },
    devicePixelRatio: win.devicePixelRatio,
  };
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const isSize = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as { width?: unknown }).width === 'number' && typeof (value as { height?: unknown }).height === 'number';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

function isFoundSiret(value: unknown): boolean {
  return isRecord(value) && typeof value['siret'] === 'string' && isOptionalString(value['label']) && (value['role'] === undefined || value['role'] === 'supplier' || value['role'] === 'recipient');
}

function isFoundReference(value: unknown): boolean {
  return isRecord(value) && (value['kind'] === 'engagementNumber' || value['kind'] === 'serviceCode') && typeof value['value'] === 'string' && typeof value['label'] === 'string';
}

/** Shape check of a reading coming back from the page's world or from storage. */
export function isPageReading(value: unknown): value is PageReading {
  if (typeof value !== 'object' || value === null) return false;
  const { facts, viewport, screen, devicePixelRatio } = value as Record<string, unknown>;
  if (!isSize(viewport) || !isSize(screen) || typeof devicePixelRatio !== 'number') return false;
  if (typeof facts !== 'object' || facts === null) return false;
  const f = facts as Record<string, unknown>;
  return (
    typeof f['title'] === 'string' &&
    isStringList(f['section']) &&
    isStringList(f['invoiceNumbers']) &&
    Array.isArray(f['errors']) &&
    f['errors'].every((error) => typeof error === 'object' && error !== null && typeof (error as { text?: unknown }).text === 'string') &&
    Array.isArray(f['sirets']) &&
    f['sirets'].every(isFoundSiret) &&
    Array.isArray(f['references']) &&
    f['references'].every(isFoundReference) &&
    (f['portalVersion'] === null || typeof f['portalVersion'] === 'string') &&
    (f['heading'] === null || typeof f['heading'] === 'string') &&
    (f['user'] === null || typeof f['user'] === 'object')
  );
}
