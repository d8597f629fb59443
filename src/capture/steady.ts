/**
 * A screenshot kept only if what it must mask stayed in place: the masks are measured before
 * the browser takes the picture and again right after it. A page that scrolled or moved a
 * masked field in between is captured again, a few times at most; a page that keeps moving
 * gets no screenshot, rather than one whose black boxes may miss the field.
 */
import { sameMasks, type MaskPlan } from './mask';

export const MAX_CAPTURE_ATTEMPTS = 3;

export const MASKS_MOVED = 'the page moved while it was captured, so the masks could not be placed with certainty; no screenshot was kept';

export interface SteadyPorts {
  capture(): Promise<string>;
  /** What the visible area must mask, measured now. */
  measure(): Promise<MaskPlan>;
  now(): number;
}

export interface SteadyCapture {
  dataUrl: string;
  capturedAt: number;
  /** Measured right after the picture, and equal to the one measured before it. */
  mask: MaskPlan;
}

export async function captureWhileMasksHold(before: MaskPlan, ports: SteadyPorts): Promise<SteadyCapture> {
  let measured = before;
  for (let attempt = 1; attempt <= MAX_CAPTURE_ATTEMPTS; attempt++) {
    const dataUrl = await ports.capture();
    const capturedAt = ports.now();
    const after = await ports.measure();
    if (sameMasks(measured, after)) return { dataUrl, capturedAt, mask: after };
    measured = after;
  }
  throw new Error(MASKS_MOVED);
}
