// What the autopay routes answer in the browser tests and stories of <portal-autopay-settings>.
import type { AutopayEnrolment, AutopayMatters, AutopayPreview } from '../../components/index.ts';

/** Two matters: autopay on for the first (its next charge scheduled), off for the second. */
export function autopayMatters(overrides: Partial<AutopayMatters> = {}): AutopayMatters {
  return {
    enabled: true,
    data: [
      { matter: 'Estate of Morgan', enrolmentId: 'apay_1' },
      { matter: 'Smith v. Jones', enrolmentId: null },
    ],
    ...overrides,
  };
}

export function autopayEnrolment(overrides: Partial<AutopayEnrolment> = {}): AutopayEnrolment {
  return {
    id: 'apay_1',
    contactId: 'con_1',
    matter: 'Estate of Morgan',
    status: 'active',
    currency: 'USD',
    method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    authorization: {
      id: 'auth_1',
      version: 'autopay-2026-12',
      text: 'By selecting Turn on autopay, I authorize Hale & Whitmore LLP to electronically debit my checking account …',
      acceptedAt: '2026-03-01T10:00:00.000Z',
      revokedAt: null,
    },
    nextCharge: { invoiceId: 'inv_7', invoiceNumber: 'INV-1007', on: '2026-03-20', amount: 25_000 },
    charges: [
      {
        id: 'apc_1',
        invoiceId: 'inv_7',
        invoiceNumber: 'INV-1007',
        chargeOn: '2026-03-20',
        attemptOn: '2026-03-20',
        amount: 25_000,
        status: 'scheduled',
        attempts: 0,
        paymentId: null,
        lastError: null,
      },
    ],
    chargesUnderWay: [],
    createdAt: '2026-03-01T10:00:00.000Z',
    endedAt: null,
    endedReason: null,
    ...overrides,
  };
}

export function autopayPreview(matter = 'Smith v. Jones'): AutopayPreview {
  return {
    matter,
    method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    authorization: {
      version: 'autopay-2026-12',
      text: `By selecting Turn on autopay, I authorize Hale & Whitmore LLP to electronically debit my checking account at STRIPE TEST BANK ending in 6789 in recurring payments for the balance of each invoice Hale & Whitmore LLP issues to me for the matter “${matter}” from today on, on that invoice’s due date. I may revoke this authorization at any time by turning autopay off in the client portal.`,
    },
  };
}
