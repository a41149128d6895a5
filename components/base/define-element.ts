/**
 * Registers a custom element unless the tag is already taken, so that loading Portico twice
 * (two script tags, or the CDN file next to a bundled copy) never throws.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
