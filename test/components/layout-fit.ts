// Measures whether anything a component renders reaches past its container: at a phone's width
// an element wider than the page pushes buttons off screen, or makes the page scroll sideways.

/** Whether an element keeps its content inside its own box (a scroll area, or clipped text for screen readers). */
function clips(element: Element): boolean {
  const style = getComputedStyle(element);
  return style.overflowX !== 'visible' || style.clip !== 'auto';
}

/**
 * Every element under `root`, looking through open shadow roots; not inside an element that
 * keeps its content in its box: that element is measured instead.
 */
function* descendants(root: Element | ShadowRoot): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (clips(child)) continue;
    if (child.shadowRoot) yield* descendants(child.shadowRoot);
    yield* descendants(child);
  }
}

/** Whether an element is there only for screen readers (clipped to a pixel) or not drawn at all. */
function unseen(element: Element): boolean {
  const style = getComputedStyle(element);
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  const box = element.getBoundingClientRect();
  return box.width <= 1 && box.height <= 1;
}

/** A short description of an element, for a failing assertion's message. */
function describe(element: Element): string {
  const part = element.getAttribute('part');
  const name = part ? `[part="${part}"]` : element.className && typeof element.className === 'string' ? `.${element.className.split(' ')[0]}` : '';
  return `<${element.localName}${name}> ${Math.round(element.getBoundingClientRect().width)} px wide`;
}

/**
 * The elements under `element` that reach outside `container` (1 px of rounding allowed),
 * described, with the container's own width; empty when everything fits.
 */
export function overflowing(element: Element, container: Element = element.parentElement!): string[] {
  const bounds = container.getBoundingClientRect();
  const found: string[] = [];
  for (const each of descendants(element.shadowRoot ?? element)) {
    if (unseen(each)) continue;
    const box = each.getBoundingClientRect();
    if (box.left < bounds.left - 1 || box.right > bounds.right + 1) found.push(`${describe(each)} in ${Math.round(bounds.width)} px`);
  }
  if (element.scrollWidth > element.clientWidth + 1) found.push(`<${element.localName}> scrolls sideways`);
  return found;
}
