// "Page entière": the images come into this frame from the page itself, each as it is encoded
// (see PagePart in the message protocol), not through the background. This collects those of
// one capture: from a portal page, with the token this sidebar made for it; anything else the
// page posts here is ignored.
import { parsePagePart, type PagePart } from '../../src/capture/screenshot';
import { isPortalUrl } from '../../src/portal-hosts';
import type { PartImage } from './attachment-files';

/** The page posts every part before it says it is done; this much longer is left for the last ones to arrive. */
export const LATE_PART_MS = 10_000;

export interface PagePartsReceiver {
  /** The first `count` parts in order, as their Blobs, once all have come; rejects when they have not after `waitMs`. */
  images(count: number, waitMs?: number): Promise<PartImage[]>;
  stop(): void;
}

export function receivePageParts(win: Window, token: string): PagePartsReceiver {
  const parts = new Map<number, PagePart>();
  const waiting = new Set<() => void>();
  const onMessage = (event: MessageEvent) => {
    if (!isPortalUrl(event.origin)) return;
    const part = parsePagePart(event.data, token);
    if (!part) return;
    parts.set(part.index, part);
    for (const wake of waiting) wake();
  };
  win.addEventListener('message', onMessage);

  const arrived = (count: number) => Array.from({ length: count }, (_, index) => parts.get(index)).filter((part): part is PagePart => part !== undefined);

  return {
    async images(count, waitMs = LATE_PART_MS) {
      if (arrived(count).length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiting.delete(check);
            reject(new Error(`${count - arrived(count).length} of ${count} images did not come from the page`));
          }, waitMs);
          const check = () => {
            if (arrived(count).length < count) return;
            clearTimeout(timer);
            waiting.delete(check);
            resolve();
          };
          waiting.add(check);
        });
      }
      // The bytes as they came: no data: URL of megabytes is made of them.
      return arrived(count).map(({ image, name, width, height }) => ({ blob: image, name, width, height }));
    },
    stop: () => win.removeEventListener('message', onMessage),
  };
}
