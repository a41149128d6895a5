// What GET /api/v1/me and GET /api/v1/payment-methods answer in the profile's browser tests and stories.
import type { Me, SavedPaymentMethod } from '../../components/index.ts';
import { branding, contact } from './fake-service.ts';

/** The signed-in client's profile: every email on, a password, no email change waiting. */
export function profileMe(overrides: { contact?: Partial<Me['contact']>; profile?: Partial<Me['profile']>; firm?: Partial<Me['firm']> } = {}): Me {
  return {
    contact: { ...contact, ...overrides.contact },
    // Clients' two-factor off unless a test turns it on: its element has tests of its own.
    firm: { ...branding, clientTwoFactor: 'off', ...overrides.firm },
    profile: { notifications: { invoices: true, messages: true }, hasPassword: true, pendingEmail: null, ...overrides.profile },
  };
}

/** Two saved methods, the bank account the default. */
export function profileMethods(): SavedPaymentMethod[] {
  return [
    { id: 'spm_card', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2031, createdAt: '2026-01-02T10:00:00.000Z', isDefault: false },
    {
      id: 'spm_bank',
      type: 'us_bank_account',
      brand: 'STRIPE TEST BANK',
      last4: '6789',
      expMonth: null,
      expYear: null,
      createdAt: '2026-01-03T10:00:00.000Z',
      isDefault: true,
    },
  ];
}
