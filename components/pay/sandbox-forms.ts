import { BankAccountFields } from './bank-account-fields.ts';
import { BankLinkDialog, type BankLinkOptions } from './bank-link-dialog.ts';
import { CardFields } from './card-fields.ts';
import type { DialogHost } from './dialog-host.ts';
import { ThreeDSecureDialog } from './three-d-secure-dialog.ts';

export { sandboxStyles } from './sandbox.styles.ts';

export interface SandboxFormsOptions {
  /** Runs after every change the client makes to the bank account numbers. */
  onBankChange: () => void;
  bankLink: BankLinkOptions;
}

/**
 * What `<portal-pay>` shows only with the sandbox processor: its own card and bank account forms,
 * its bank sign-in and its 3-D Secure page. With Stripe, the Payment Element and Stripe's own
 * pages take their place, so this module (a chunk of its own in the script-tag bundle) is
 * imported only once the service's payment setup names the sandbox.
 */
export class SandboxForms {
  readonly card: CardFields;
  readonly bank: BankAccountFields;
  readonly bankLink: BankLinkDialog;
  readonly threeDSecure: ThreeDSecureDialog;

  constructor(host: DialogHost, options: SandboxFormsOptions) {
    this.card = new CardFields(host);
    this.bank = new BankAccountFields(host, options.onBankChange);
    this.bankLink = new BankLinkDialog(host, options.bankLink);
    this.threeDSecure = new ThreeDSecureDialog(host);
  }
}
