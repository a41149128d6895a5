import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets CSS custom properties on an element through the CSSOM, on every render. Lit's `styleMap`
 * writes its first render as a `style` attribute, which a CSP without `'unsafe-inline'` blocks,
 * so the first values would be lost.
 */
class CssPropertiesDirective extends Directive {
  #applied = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperties() goes on an element, not in an attribute or text.');
  }

  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#applied) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.#applied = new Set(Object.keys(properties));
    return noChange;
  }
}

/** `<div ${cssProperties({ '--portal-color-brand': '#1f3a5f' })}>`: custom properties set without a `style` attribute. */
export const cssProperties = directive(CssPropertiesDirective);
