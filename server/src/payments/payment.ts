export type PaymentStatus = 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'refunded' | 'disputed';
export type MethodType = 'card' | 'us_bank_account' | 'check' | 'wire' | 'cash' | 'other';

export interface PaymentMethodSummary {
  type: MethodType;
  /** Card brand (visa, mastercard, …) or bank name. */
  brand: string | null;
  last4: string | null;
}

export interface Allocation {
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
  depositAccount: 'operating' | 'trust';
}

/** A refund of a payment, as the client sees it (the firm's reason stays the firm's). */
export interface PaymentRefund {
  id: string;
  amount: number;
  /** `pending`: on its way back (a bank refund takes days); failed refunds are not shown. */
  status: 'pending' | 'succeeded';
  createdAt: string;
}

export interface Payment {
  id: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  method: PaymentMethodSummary;
  source: 'portal' | 'firm';
  reference: string | null;
  receiptNumber: string;
  allocations: Allocation[];
  /** Why a payment failed, in the processor's terms (e.g. `card_declined` / `insufficient_funds`). */
  failure: { code: string; declineCode?: string; message: string } | null;
  /** What has been given back so far (succeeded refunds); the whole amount when `status` is `refunded`. */
  amountRefunded: number;
  /** Refunds made or on their way, oldest first. */
  refunds: PaymentRefund[];
  /** Payments made in one checkout share this (a checkout paying trust and operating invoices is split). */
  checkoutId: string | null;
  createdAt: string;
  /** When the status last changed. */
  updatedAt: string;
}
