import { ContextConsumer } from '@lit/context';
import { LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { brandingContext } from '../controllers/contexts.ts';
import { languageOf, localeFor, unwatchLanguage, watchLanguage, withLanguage } from '../i18n/language.ts';
import { currencyRegion } from '../i18n/region.ts';
import { baseStyles } from './base.styles.ts';

/**
 * The base of every Portico element: shared base styles (box sizing, font, colour, focus ring,
 * reduced motion) and rendering in the language of the nearest `lang` attribute, re-rendering
 * when a `lang` attribute changes. Money, dates and numbers follow that language in the firm's
 * region (from the currency an enclosing `<portal-session>` reports) unless `lang` names its own.
 *
 * Subclasses extend the styles: `static override styles = [PortalElement.styles, myStyles]`.
 */
export class PortalElement extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  // The firm's branding, for its region; an element outside a session has none.
  readonly #firm = new ContextConsumer(this, { context: brandingContext, subscribe: true });

  /** The language this element renders in: its nearest `lang` attribute, else the page's. */
  get language(): string {
    return languageOf(this);
  }

  /**
   * The locale it formats money, dates and numbers in: its language, in the firm's region when
   * the language names none (`lang="es"` for a firm billing in US dollars: "es-US").
   */
  get locale(): string {
    return localeFor(this.language, this.#region);
  }

  get #region(): string | undefined {
    return currencyRegion(this.#firm.value?.currency);
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
    withLanguage(this.language, () => super.update(changedProperties), this.#region);
  }
}
