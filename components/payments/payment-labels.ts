import type { Payment, PaymentMethodSummary, PaymentStatus } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { t } from './payments-messages.ts';
import type { PaymentsMessageKey } from './payments-messages.ts';

/** A badge's colour; its text always names the status too. */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

const statusTones: Record<PaymentStatus, Tone> = {
  succeeded: 'success',
  processing: 'warning',
  requires_action: 'warning',
  failed: 'danger',
  disputed: 'danger',
  refunded: 'neutral',
};

const statusKeys: Record<PaymentStatus, PaymentsMessageKey> = {
  succeeded: 'payments.status.succeeded',
  processing: 'payments.status.processing',
  requires_action: 'payments.status.requires_action',
  failed: 'payments.status.failed',
  disputed: 'payments.status.disputed',
  refunded: 'payments.status.refunded',
};

const isKnownStatus = (status: string): status is PaymentStatus => Object.hasOwn(statusKeys, status);

/** The tone of a payment status' badge. */
export function paymentStatusTone(status: string): Tone {
  return isKnownStatus(status) ? statusTones[status] : 'neutral';
}

/** A payment status in words; a status this version does not know shows as the service names it. */
export function paymentStatusLabel(status: string): string {
  return isKnownStatus(status) ? t(statusKeys[status]) : status;
}

/**
 * What refunds did to a payment, in words: a succeeded payment with money given back is
 * "Partially refunded" (its own label and tone) with "Refunded $X"; a refund not finished yet adds
 * "Refund of $Y on its way". A payment refunded in full needs only its "Refunded" status.
 */
export function refundSummary(payment: Pick<Payment, 'status' | 'amount' | 'currency'> & Partial<Pick<Payment, 'amountRefunded' | 'refunds'>>): {
  label?: string;
  tone?: Tone;
  details: string[];
} {
  const refunded = payment.amountRefunded ?? 0;
  const pending = (payment.refunds ?? []).filter((refund) => refund.status === 'pending').reduce((sum, refund) => sum + refund.amount, 0);
  const details: string[] = [];
  const whole = payment.status === 'refunded' && refunded >= payment.amount;
  if (refunded > 0 && !whole) details.push(t('payments.refunded-amount', { amount: formatMoney(refunded, payment.currency) }));
  if (pending > 0) details.push(t('payments.refund-pending', { amount: formatMoney(pending, payment.currency) }));
  const partly = payment.status === 'succeeded' && refunded > 0;
  return partly ? { label: t('payments.status.partially-refunded'), tone: 'info', details } : { details };
}

const brandNames: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** A card brand as people write it (`visa` → "Visa"); an unknown one as the service sent it. */
export function cardBrandName(brand: string): string {
  return brandNames[brand.toLowerCase()] ?? brand;
}

/** How a payment was made, in words: "Visa ending in 4242", "Check", "Bank account ending in 6789". */
export function paymentMethodLabel(method: Pick<PaymentMethodSummary, 'brand' | 'last4'> & { type: string }): string {
  const { brand, last4 } = method;
  switch (method.type) {
    case 'card':
      return brand && last4 ? t('payments.method.card', { brand: cardBrandName(brand), last4 }) : t('payments.method.card-plain');
    case 'us_bank_account':
      if (brand && last4) return t('payments.method.bank', { bank: brand, last4 });
      return last4 ? t('payments.method.bank-account', { last4 }) : t('payments.method.bank-plain');
    case 'check':
      return t('payments.method.check');
    case 'wire':
      return t('payments.method.wire');
    case 'cash':
      return t('payments.method.cash');
    default:
      return t('payments.method.other');
  }
}
