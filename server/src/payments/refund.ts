export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** A refund as the firm sees it. */
export interface Refund {
  id: string;
  paymentId: string;
  amount: number;
  currency: string;
  /** The firm's own note of why; not shown to the client. */
  reason: string | null;
  /** `pending` while the processor is asked or finishing; only `succeeded` gives money back. */
  status: RefundStatus;
  /** `api`: asked for through the firm's API; `processor`: made at the processor (Stripe's dashboard). */
  origin: 'api' | 'processor';
  /** The processor's id of the refund (`re_…`), once it answered. */
  processorRef: string | null;
  /** The invoices a succeeded refund reopened, and by how much. */
  allocations: { invoiceId: string; invoiceNumber: string; amount: number }[];
  failure: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}
