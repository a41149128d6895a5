import { LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { languageOf, unwatchLanguage, watchLanguage, withLanguage } from '../i18n/language.ts';
import { baseStyles } from './base.styles.ts';

/**
 * The base of every Portico element: shared base styles (box sizing, font, colour, focus ring,
 * reduced motion) and rendering in the language of the nearest `lang` attribute, re-rendering
 * when a `lang` attribute changes.
 *
 * Subclasses extend the styles: `static override styles = [PortalElement.styles, myStyles]`.
 */
export class PortalElement extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  /** The language this element renders in: its nearest `lang` attribute, else the page's. */
  get language(): string {
    return languageOf(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLanguage(this);
  }

  protected override update(changedProperties: PropertyValues): void {
    withLanguage(this.language, () => super.update(changedProperties));
  }
}
