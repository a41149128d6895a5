import { ActivitiesApi } from './activities-api.ts';
import { AutopayApi } from './autopay-api.ts';
import { BankLinksApi } from './bank-links-api.ts';
import type { ServiceConnection } from './connection.ts';
import { FilesApi } from './files-api.ts';
import { HomeApi } from './home-api.ts';
import { InvoicesApi } from './invoices-api.ts';
import { PaymentMethodsApi } from './payment-methods-api.ts';
import { PaymentsApi } from './payments-api.ts';
import { PlansApi } from './plans-api.ts';
import { ProfileApi } from './profile-api.ts';
import { ThreadsApi } from './threads-api.ts';
import { TwoFactorApi } from './two-factor-api.ts';
import type { XhrFactory } from './types.ts';

/**
 * The resources only a signed-in client calls, made together: `ApiClient` imports this module
 * (a chunk of its own) when someone signs in or a section first calls one of them. A second
 * factor is set up during a sign-in too, just before the client is signed in.
 */
export function signedInResources(connection: ServiceConnection, xhr: XhrFactory | undefined) {
  return {
    invoices: new InvoicesApi(connection),
    activities: new ActivitiesApi(connection),
    payments: new PaymentsApi(connection),
    paymentMethods: new PaymentMethodsApi(connection),
    plans: new PlansApi(connection),
    autopay: new AutopayApi(connection),
    bankLinks: new BankLinksApi(connection),
    threads: new ThreadsApi(connection),
    files: new FilesApi(connection, xhr),
    home: new HomeApi(connection),
    profile: new ProfileApi(connection),
    twoFactor: new TwoFactorApi(connection),
  };
}

export type SignedInResources = ReturnType<typeof signedInResources>;
