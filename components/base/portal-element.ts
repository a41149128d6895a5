import { ContextConsumer } from '@lit/context';
import { LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import type { Branding } from '../api/types.ts';
import { brandingContext } from '../controllers/contexts.ts';
import { loadLanguagesInUse } from '../i18n/catalog.ts';
import { documentLanguage, languageOf, localeFor, unwatchLanguage, watchLanguage, withLanguage } from '../i18n/language.ts';
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

  /**
   * Fetches the words of the elements loaded so far in each language the page reads (its own,
   * that of each `tag` already in it, and each one asked for so far). The script-tag loader waits
   * for it before it defines an element, so that the element's first render is in its language,
   * not in English while its table is on its way.
   */
  static wordsReady(tag: string): Promise<void> {
    return loadLanguagesInUse([documentLanguage(), ...Array.from(document.querySelectorAll(tag), languageOf)]);
  }

  readonly #firm = new ContextConsumer(this, { context: brandingContext, subscribe: true });

  /**
   * The firm's branding that an enclosing `<portal-session>` provides (its name, logo, settings
   * and region); none outside a session. The element updates when it arrives or changes.
   */
  protected get sessionBranding(): Branding | undefined {
    return this.#firm.value;
  }

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
    return currencyRegion(this.sessionBranding?.currency);
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
