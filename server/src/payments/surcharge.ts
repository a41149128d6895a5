import { networkSurchargeCap, stateOfZip, surchargeBannedStates, surchargeCaps, type StateCode } from './surcharge-rules.ts';

/** How a card is funded, as the processor reports it (Stripe's `card.funding`). */
export type CardFunding = 'credit' | 'debit' | 'prepaid' | 'unknown';

/** The firm's surcharge setting: a percent of the operating part of a credit-card payment. */
export interface SurchargeSetting {
  enabled: boolean;
  percent: number;
}

/** Why a payment carries no surcharge, or a smaller one than the firm's setting. */
export type SurchargeReason = 'disabled' | 'not_credit_card' | 'trust_only' | 'state_prohibits' | 'state_cap';

export interface Surcharge {
  /** Minor units, added to the operating part of the payment; 0 when none. */
  amount: number;
  /** The rate applied, in percent; 0 when none. */
  percent: number;
  /** Why none was added, or why the rate is below the firm's (a state's cap); null when the firm's rate applies. */
  reason: SurchargeReason | null;
  /** The client's state as the rules read it (from the billing ZIP, else the contact's address); null when unknown. */
  state: StateCode | null;
}

export interface SurchargeInput {
  setting: SurchargeSetting;
  method: { type: 'card' | 'us_bank_account'; funding?: CardFunding | null; postalCode?: string | null };
  /** The contact's postal address, read when the card carries no U.S. billing ZIP. */
  address: { state: string | null; postalCode: string | null } | null;
  /** What the payment puts toward operating invoices: trust money never carries a surcharge. */
  operatingAmount: number;
}

/**
 * The surcharge a payment carries, by the rules: only a credit card (never debit, prepaid or a
 * bank debit), only on operating money, never for a client in a state that forbids it, and at
 * most the state's cap and the card networks' 3 %. Rounded to the nearest minor unit.
 */
export function surchargeFor(input: SurchargeInput): Surcharge {
  const { setting, method, operatingAmount } = input;
  const state = clientState(method.postalCode, input.address);
  const none = (reason: SurchargeReason): Surcharge => ({ amount: 0, percent: 0, reason, state });
  if (!setting.enabled || setting.percent <= 0) return none('disabled');
  if (method.type !== 'card' || method.funding !== 'credit') return none('not_credit_card');
  if (operatingAmount <= 0) return none('trust_only');
  if (state && surchargeBannedStates.has(state)) return none('state_prohibits');
  const cap = Math.min(networkSurchargeCap, (state ? surchargeCaps[state] : undefined) ?? networkSurchargeCap);
  const percent = Math.min(setting.percent, cap);
  // Hundredths of a percent in integers, so 2.5 % of 10 001 cents is computed exactly before rounding.
  const amount = Math.round((operatingAmount * Math.round(percent * 100)) / 10_000);
  return { amount, percent, reason: percent < setting.percent ? 'state_cap' : null, state };
}

/** The client's state: from the card's billing ZIP, else from the contact's address (its state, or its ZIP). */
export function clientState(billingPostalCode: string | null | undefined, address: SurchargeInput['address']): StateCode | null {
  const fromCard = stateOfZip(billingPostalCode);
  if (fromCard) return fromCard;
  const stated = address?.state?.trim().toUpperCase();
  if (stated && /^[A-Z]{2}$/.test(stated)) return stated;
  return stateOfZip(address?.postalCode);
}
