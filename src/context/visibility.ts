/**
 * Whether the user can see an element. Error templates are often already in the page,
 * hidden, waiting to be shown: reading them would report errors that never happened.
 */

/** Whether the engine lays the document out (real browsers do; happy-dom does not). */
export function hasLayout(doc: Document): boolean {
  return doc.documentElement.getBoundingClientRect().width > 0;
}

/** Whether the element itself hides it and its content (not looking at its ancestors). */
export function hidesItself(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return style?.display === 'none';
}

export function isVisible(el: Element): boolean {
  // Template content lives in a detached fragment; a parser without template support leaves it inline.
  if (!el.isConnected || el.closest('template')) return false;
  // The attributes hide whatever the styles say (an author style may display a [hidden] element).
  if (el.closest('[hidden], [aria-hidden="true"]')) return false;
  if (hasLayout(el.ownerDocument) && el.checkVisibility) {
    // One call where the page is laid out: display and content-visibility on the element and its
    // ancestors, and the element's own visibility (inherited, and a descendant may set it back).
    // Walking the ancestors' computed styles instead costs ~20 style reads per element, which a
    // Firefox content script pays across its sandbox's wrappers on every portal page load.
    if (!el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 || box.height > 0;
  }
  // Without layout (a document not rendered), the styles themselves.
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  // visibility is inherited and can be overridden by a descendant, so the element's own value decides.
  if (style?.visibility === 'hidden' || style?.visibility === 'collapse') return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const nodeStyle = view?.getComputedStyle(node);
    if (nodeStyle?.display === 'none') return false;
    if (node !== el && nodeStyle?.getPropertyValue('content-visibility') === 'hidden') return false;
  }
  return true;
}
