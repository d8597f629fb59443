/**
 * Where the "Besoin d'aide ?" button goes beside an error: never over the error, inside the
 * viewport's width (a box past the right edge would add a horizontal scroll). All in viewport
 * pixels, as getBoundingClientRect gives them.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Space between the error and the button. */
export const OFFER_GAP = 8;

/**
 * On the error's right, its top aligned, when the viewport has room there; otherwise just below
 * it, from its left edge (moved left if it would pass the viewport's right edge).
 */
export function placeOffer(error: Box, button: { width: number; height: number }, viewportWidth: number): { left: number; top: number } {
  const right = error.left + error.width + OFFER_GAP;
  if (right + button.width <= viewportWidth) return { left: right, top: error.top };
  const left = Math.max(0, Math.min(error.left, viewportWidth - button.width));
  return { left, top: error.top + error.height + OFFER_GAP };
}
