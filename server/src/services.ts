import { ActivitiesRepository } from './activities/activities.repository.ts';
import { ActivitiesService } from './activities/activities.service.ts';
import { AccessTokens } from './auth/access-tokens.ts';
import { AuthRepository } from './auth/auth.repository.ts';
import { AuthService } from './auth/auth.service.ts';
import { createAuthLimits } from './auth/rate-limiter.ts';
import type { SigningKeys } from './auth/signing-keys.ts';
import { ApiKeysRepository } from './api-keys/api-keys.repository.ts';
import { ApiKeysService } from './api-keys/api-keys.service.ts';
import { AuditLog } from './audit/audit.repository.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import { ContactsRepository } from './contacts/contacts.repository.ts';
import { ContactsService } from './contacts/contacts.service.ts';
import type { Db } from './db/database.ts';
import { FirmsRepository } from './firms/firms.repository.ts';
import { FirmsService } from './firms/firms.service.ts';
import { InvoicesRepository } from './invoices/invoices.repository.ts';
import { InvoicesService } from './invoices/invoices.service.ts';
import type { MailProvider } from './mail/mail.ts';
import { BankLinksService, sandboxBankLinkProvider } from './payments/bank-links.ts';
import { CheckoutRepository } from './payments/checkout.repository.ts';
import { CheckoutService } from './payments/checkout.service.ts';
import { PaymentsRepository } from './payments/payments.repository.ts';
import { SandboxBankLink } from './payments/sandbox/sandbox-bank-link.ts';
import { SandboxClock } from './payments/sandbox/sandbox-clock.ts';
import { SandboxProcessor } from './payments/sandbox/sandbox.processor.ts';
import { SandboxRepository } from './payments/sandbox/sandbox.repository.ts';
import { PaymentsService } from './payments/payments.service.ts';

export interface ServiceDeps {
  config: Config;
  db: Db;
  keys: SigningKeys;
  mail: MailProvider;
  clock?: Clock;
}

/** Wires repositories and services once; the HTTP app and the CLI both work through these. */
export function createServices(deps: ServiceDeps) {
  const { config, db, keys, mail } = deps;
  const clock = deps.clock ?? systemClock;
  const audit = new AuditLog(db);
  const firmsRepository = new FirmsRepository(db);
  const contactsRepository = new ContactsRepository(db);
  const tokens = new AccessTokens(keys, config.publicUrl, clock);
  const auth = new AuthService({
    firms: firmsRepository,
    contacts: contactsRepository,
    auth: new AuthRepository(db),
    tokens,
    limits: createAuthLimits(clock),
    mail,
    audit,
    clock,
    publicUrl: config.publicUrl,
  });
  const invoicesRepository = new InvoicesRepository(db);
  const paymentsRepository = new PaymentsRepository(db);
  const shared = { firms: firmsRepository, contacts: contactsRepository, audit, clock };
  const payments = new PaymentsService({ ...shared, db, invoices: invoicesRepository, payments: paymentsRepository });

  const sandboxRepository = new SandboxRepository(db);
  const sandboxClock = new SandboxClock(sandboxRepository, clock);
  const sandbox = {
    repository: sandboxRepository,
    clock: sandboxClock,
    processor: new SandboxProcessor(sandboxRepository, sandboxClock),
    bankLink: new SandboxBankLink(sandboxRepository, clock),
  };
  if (config.payments !== 'sandbox') throw new ConfigError('PAYMENTS', `"${config.payments}" is not available in this version; use sandbox`);
  if (config.bankLink !== 'sandbox') throw new ConfigError('BANK_LINK', `"${config.bankLink}" is not available in this version; use sandbox`);
  const processor = sandbox.processor;
  const checkout = new CheckoutService({
    ...shared,
    checkout: new CheckoutRepository(db),
    payments: paymentsRepository,
    ledger: payments,
    processor,
    mail,
    publicUrl: config.publicUrl,
  });
  sandbox.processor.onEvent(async (event) => {
    await checkout.applyEvent(event);
  });

  return {
    config,
    db,
    keys,
    mail,
    clock,
    audit,
    tokens,
    auth,
    repositories: { firms: firmsRepository, contacts: contactsRepository, invoices: invoicesRepository, payments: paymentsRepository },
    firms: new FirmsService(firmsRepository, clock),
    contacts: new ContactsService(contactsRepository, audit, clock),
    apiKeys: new ApiKeysService(new ApiKeysRepository(db), clock),
    activities: new ActivitiesService({ ...shared, activities: new ActivitiesRepository(db) }),
    invoices: new InvoicesService({ ...shared, invoices: invoicesRepository, mail }),
    payments,
    checkout,
    bankLinks: new BankLinksService(sandboxBankLinkProvider(sandbox.bankLink), contactsRepository),
    paymentSetup: {
      processor: processor.name as 'sandbox' | 'stripe',
      publishableKey: null as string | null,
      bankLink: 'sandbox' as const,
      sandboxUrl: `${config.publicUrl}/sandbox` as string | null,
    },
    sandbox,
  };
}
export type Services = ReturnType<typeof createServices>;
