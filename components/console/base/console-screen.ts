import { ContextConsumer } from '@lit/context';
import type { CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { PortalElement } from '../../base/portal-element.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../../styles/shared.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { StaffMe } from '../api/types.ts';
import { consoleClientContext, staffContext } from '../contexts.ts';

/**
 * The base of a console screen: what `<portal-console>` gives every screen (the console client and
 * the signed-in staff member, by context) and the item it shows, plus the styles screens share.
 * A screen says what its item is with `@attr item-id` and `@prop itemId` in its own JSDoc.
 *
 * Subclasses extend the styles: `static override styles = [ConsoleScreen.styles, confirmStyles, myStyles]`.
 */
export class ConsoleScreen extends PortalElement {
  static override styles: CSSResultGroup = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, badgeStyles];

  /** The console client; given by `<portal-console>`, or set it to use the element alone. */
  @property({ attribute: false }) client: ConsoleClient | undefined;

  /** The signed-in staff member (for the role); given by `<portal-console>`, or set it. */
  @property({ attribute: false }) staff: StaffMe | undefined;

  /** The item shown (its id); empty for none. Reflected, so the console can keep it in the address. */
  @property({ attribute: 'item-id', reflect: true }) itemId = '';

  constructor() {
    super();
    // What <portal-console> gives, set again whenever it changes.
    new ContextConsumer(this, { context: consoleClientContext, subscribe: true, callback: (client) => (this.client = client) });
    new ContextConsumer(this, { context: staffContext, subscribe: true, callback: (staff) => (this.staff = staff) });
  }
}
