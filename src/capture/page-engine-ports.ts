/**
 * The capture engine's ports as the portal page provides them (page-engine.ts): its window, its
 * event loop and timers, the browser decoding the page's copy and encoding the parts. Only the
 * way to the sidebar's frame is left to the caller, who knows the content script.
 */
import { dataUrlOfBlob } from '../data-url';
import { afterFramesDrawn } from '../frames-drawn';
import { context2d, createCanvas, encodeForAttachment } from './encode';
import type { PageEnginePorts, PageImage } from './page-engine';
import { findOtherSite } from './engine-choice';
import { requestBand, type CompatRequest } from './page-compat';
import { pageBackground, pageToSvg } from './page-svg';

/** html2canvas takes about 11 s for the 2,000-row list in one band; a band is given this long. */
const COMPAT_BAND_TIMEOUT_MS = 30_000;

/** html2canvas's band from the page's world, decoded here; refused unless it is the size asked for. */
async function compatBand(view: Window, request: Omit<CompatRequest, 'type' | 'token'>): Promise<ImageBitmap> {
  const blob = await requestBand(view, request, COMPAT_BAND_TIMEOUT_MS);
  const bitmap = await createImageBitmap(blob);
  const width = Math.round(request.region.width * request.scale);
  const height = Math.round(request.region.height * request.scale);
  if (Math.abs(bitmap.width - width) > 1 || Math.abs(bitmap.height - height) > 1) {
    bitmap.close();
    throw new Error(`the compatibility engine drew ${bitmap.width}×${bitmap.height} px instead of ${width}×${height}`);
  }
  return bitmap;
}

/**
 * Yields to the page's event loop (status and cancel calls are answered there). A message, not
 * a timer: browsers hold timers of a tab in the background to one a second, and the user may
 * look at another tab while the page is captured (Firefox: 7 s instead of 3 s for the 2,000 rows).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The SVG image, decoded: drawing it is where the browser lays out and paints the copy. A data:
 * URL, whatever its size: from an object URL, Chromium taints the canvas such an image (with
 * foreignObject) is drawn on, and every page went to html2canvas (fidelity suite).
 */
async function loadImage(svg: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  try {
    await image.decode();
  } catch {
    throw new Error('the browser could not draw the copy of the page');
  }
  return image;
}

/**
 * Firefox loads the pictures and fonts inside an SVG image (data: URLs) only once it is first
 * drawn, and paints them from the next frame on: a part drawn at once lacked every picture (the
 * e2e comparing with the browser's screenshot saw them missing). One small draw starts those
 * loads; two frames later (a tab in the background draws none: then a short delay) they are in.
 */
async function startInnerLoads(view: Window, image: HTMLImageElement): Promise<void> {
  context2d(createCanvas(1, 1)).drawImage(image, 0, 0);
  await afterFramesDrawn(view);
}

export function pagePorts(view: Window): Omit<PageEnginePorts, 'findSidebar'> {
  return {
    window: view,
    nextTask,
    now: Date.now,
    after(ms, callback) {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
    copyPage: (size, layoutWidth, options) => pageToSvg(view.document, view, size, layoutWidth, options),
    async loadCopy(page): Promise<PageImage> {
      const image = await loadImage(page.svg);
      if (page.inlined > 0) await startInnerLoads(view, image);
      return image;
    },
    createCanvas,
    encode: (canvas, target) => encodeForAttachment(canvas, { target }),
    dataUrlOf: dataUrlOfBlob,
    renderCompat: (request) => compatBand(view, request),
    background: () => pageBackground(view.document, view),
    notDrawable: () => findOtherSite(view.document, view),
  };
}
