import { ActivitiesRepository } from './activities/activities.repository.ts';
import { ActivitiesService } from './activities/activities.service.ts';
import { AccessTokens } from './auth/access-tokens.ts';
import { AuthRepository } from './auth/auth.repository.ts';
import { AuthService } from './auth/auth.service.ts';
import { AssertionVerifier } from './auth/assertions.ts';
import type { SigningKeys } from './auth/signing-keys.ts';
import { ApiKeysRepository } from './api-keys/api-keys.repository.ts';
import { ApiKeysService } from './api-keys/api-keys.service.ts';
import { AuditLog } from './audit/audit.repository.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import { ContactsRepository } from './contacts/contacts.repository.ts';
import { ContactsService } from './contacts/contacts.service.ts';
import type { Storage } from './db/storage.ts';
import { unitOfWork } from './db/unit-of-work.ts';
import { createFileScanner } from './files/create-scanner.ts';
import type { FileScanner } from './files/file.ts';
import { FileStore } from './files/file-store.ts';
import { FilesRepository } from './files/files.repository.ts';
import { FilesService } from './files/files.service.ts';
import { FirmsRepository } from './firms/firms.repository.ts';
import { FirmsService } from './firms/firms.service.ts';
import { InvoicesRepository } from './invoices/invoices.repository.ts';
import { InvoicesService } from './invoices/invoices.service.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { JobsRepository } from './jobs/jobs.repository.ts';
import { createLimits } from './limits/limits.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MailProvider } from './mail/mail.ts';
import { Mailer } from './mail/mailer.ts';
import { MessagesRepository } from './messages/messages.repository.ts';
import { MessagesService } from './messages/messages.service.ts';
import { BankLinksService, sandboxBankLinkProvider, unavailableBankLink, type BankLinkProvider } from './payments/bank-links.ts';
import { CheckoutRepository } from './payments/checkout.repository.ts';
import { CheckoutService } from './payments/checkout.service.ts';
import { PaymentsRepository } from './payments/payments.repository.ts';
import { RefundsRepository } from './payments/refunds.repository.ts';
import { RefundsService } from './payments/refunds.service.ts';
import { createPlaid, type PlaidFactory } from './payments/plaid/create-plaid.ts';
import type { PaymentProcessor, ProcessorEvent } from './payments/processor.ts';
import { SandboxBankLink } from './payments/sandbox/sandbox-bank-link.ts';
import { SandboxClock } from './payments/sandbox/sandbox-clock.ts';
import { SandboxProcessor } from './payments/sandbox/sandbox.processor.ts';
import { SandboxRepository } from './payments/sandbox/sandbox.repository.ts';
import { PaymentsService } from './payments/payments.service.ts';
import { createStripe, type StripeFactory } from './payments/stripe/create-stripe.ts';
import { WebhooksRepository } from './webhooks/webhooks.repository.ts';
import { WebhooksService } from './webhooks/webhooks.service.ts';

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  keys: SigningKeys;
  mail: MailProvider;
  clock?: Clock;
  logger?: Logger;
  /** Name resolution for the webhook URL check (tests stand in for DNS). */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /** Checks each upload before it is kept (a virus scanner); replaces the one SCANNER configures. */
  fileScanner?: FileScanner;
  /** Where Stripe and Plaid are made when the configuration asks for them (tests replace these). */
  providers?: { stripe?: StripeFactory; plaid?: PlaidFactory };
}

/** Wires repositories and services once; the HTTP app and the CLI both work through these. */
export function createServices(deps: ServiceDeps) {
  const { config, storage, keys, mail } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  const audit = new AuditLog(storage);
  const jobs = new JobQueue(new JobsRepository(storage), clock, logger, storage);
  const mailer = new Mailer(jobs, mail);
  const work = unitOfWork(storage);
  const firmsRepository = new FirmsRepository(storage);
  const contactsRepository = new ContactsRepository(storage);
  const webhooks = new WebhooksService({
    webhooks: new WebhooksRepository(storage),
    firms: firmsRepository,
    jobs,
    mailer,
    audit,
    clock,
    policy: { production: !config.development },
    resolve: deps.resolveHost,
  });
  const tokens = new AccessTokens(keys, config.publicUrl, clock);
  const limits = createLimits({ storage, clock, firms: firmsRepository });
  const auth = new AuthService({
    firms: firmsRepository,
    contacts: contactsRepository,
    auth: new AuthRepository(storage),
    tokens,
    assertions: new AssertionVerifier({ clock, policy: { production: !config.development } }),
    limits: limits.auth,
    mailer,
    jobs,
    unitOfWork: work,
    webhooks,
    audit,
    clock,
    publicUrl: config.publicUrl,
  });
  const invoicesRepository = new InvoicesRepository(storage);
  const paymentsRepository = new PaymentsRepository(storage);
  const shared = { firms: firmsRepository, contacts: contactsRepository, audit, clock, webhooks, unitOfWork: work };
  const filesRepository = new FilesRepository(storage);
  const messagesRepository = new MessagesRepository(storage);
  const fileStore = FileStore.inDataDir(config.dataDir);
  const checkoutRepository = new CheckoutRepository(storage);
  const refundsRepository = new RefundsRepository(storage);

  const sandboxRepository = new SandboxRepository(storage);
  const sandboxClock = new SandboxClock(sandboxRepository, clock);
  const sandbox = {
    repository: sandboxRepository,
    clock: sandboxClock,
    processor: new SandboxProcessor(sandboxRepository, sandboxClock),
    bankLink: new SandboxBankLink(sandboxRepository, clock),
  };
  const stripe = config.payments === 'stripe' ? (deps.providers?.stripe ?? createStripe)({ config: config.stripe, storage, clock }) : undefined;
  if (config.bankLink === 'plaid' && !stripe) {
    throw new ConfigError('BANK_LINK', 'plaid turns a bank sign-in into a Stripe bank account, so it needs PAYMENTS=stripe');
  }
  const processor: PaymentProcessor = stripe?.processor ?? sandbox.processor;
  const payments = new PaymentsService({
    ...shared, invoices: invoicesRepository, payments: paymentsRepository, mandates: checkoutRepository, refunds: refundsRepository, fees: processor,
  });
  const invoices = new InvoicesService({ ...shared, invoices: invoicesRepository, mailer });
  const checkout = new CheckoutService({
    invoices,
    failureLimits: limits.paymentFailures,
    ...shared,
    checkout: checkoutRepository,
    payments: paymentsRepository,
    ledger: payments,
    processor,
    mailer,
    publicUrl: config.publicUrl,
  });
  const refunds = new RefundsService({
    ...shared,
    refunds: refundsRepository,
    payments: paymentsRepository,
    ledger: payments,
    processor,
    mailer,
    publicUrl: config.publicUrl,
  });
  registerPaymentJobs({ jobs, checkout, refunds, sandbox: config.payments === 'sandbox' ? sandbox : undefined, logger });
  let bankLink: BankLinkProvider;
  if (config.bankLink === 'plaid') {
    bankLink = (deps.providers?.plaid ?? createPlaid)({ config: config.plaid, storage, clock, stripe: stripe!.processor });
  } else if (stripe) {
    bankLink = unavailableBankLink('Bank sign-in is not set up for this portal (it needs Plaid with Stripe). Enter your account and routing numbers, or pay by card.');
  } else {
    bankLink = sandboxBankLinkProvider(sandbox.bankLink);
  }

  return {
    config,
    storage,
    keys,
    mail,
    mailer,
    jobs,
    webhooks,
    clock,
    logger,
    audit,
    tokens,
    auth,
    /** Abuse limits kept in the database: `limits.paymentFailures` is the checkout's. */
    limits,
    repositories: { firms: firmsRepository, contacts: contactsRepository, invoices: invoicesRepository, payments: paymentsRepository, messages: messagesRepository, files: filesRepository },
    fileStore,
    firms: new FirmsService(firmsRepository, clock, { production: !config.development }),
    contacts: new ContactsService(contactsRepository, audit, clock),
    apiKeys: new ApiKeysService(new ApiKeysRepository(storage), clock, audit),
    activities: new ActivitiesService({ ...shared, activities: new ActivitiesRepository(storage) }),
    invoices,
    messages: new MessagesService({ ...shared, messages: messagesRepository, files: filesRepository, mailer }),
    files: new FilesService({ ...shared, files: filesRepository, store: fileStore, scanner: deps.fileScanner ?? createFileScanner(config), logger }),
    payments,
    checkout,
    refunds,
    bankLinks: new BankLinksService(bankLink, contactsRepository, firmsRepository),
    paymentSetup: {
      processor: processor.name as 'sandbox' | 'stripe',
      publishableKey: (stripe ? config.stripe.publishableKey! : null) as string | null,
      bankLink: bankLink.name as 'sandbox' | 'plaid',
      sandboxUrl: (stripe ? null : `${config.publicUrl}/sandbox`) as string | null,
    },
    sandbox,
    /** `POST /webhooks/stripe`, when payments go through Stripe. */
    stripeWebhooks: stripe?.webhooks({ checkout, refunds, payments: paymentsRepository }),
  };
}
export type Services = ReturnType<typeof createServices>;

/**
 * The payments' work after a commit and on a schedule, each a job: processor events (the
 * sandbox's settlements, delivered like Stripe's webhooks), the recovery sweep of interrupted
 * checkouts, the sandbox's settlement clock, and forgetting what is old.
 */
function registerPaymentJobs(deps: { jobs: JobQueue; checkout: CheckoutService; refunds: RefundsService; sandbox?: { processor: SandboxProcessor }; logger: Logger }) {
  const { jobs, checkout, refunds, sandbox, logger } = deps;
  jobs.register<ProcessorEvent>('payments.processor_event', async (job) => {
    await checkout.applyEvent(job.payload);
  });
  jobs.register('checkout.recover', async () => {
    const outcome = await checkout.recover();
    if (outcome.settled || outcome.abandoned || outcome.waiting) logger.info('recovery sweep', outcome);
  });
  jobs.every('checkout.recover', 30_000);
  jobs.register('refunds.recover', async () => {
    const outcome = await refunds.recover();
    if (outcome.settled || outcome.waiting) logger.info('refund recovery sweep', outcome);
  });
  jobs.every('refunds.recover', 30_000);
  jobs.register('checkout.prune', async () => {
    await checkout.prune();
    await refunds.prune();
  });
  jobs.every('checkout.prune', 3_600_000);
  if (sandbox) {
    sandbox.processor.onEvent((event) => jobs.enqueue({ kind: 'payments.processor_event', key: `processor-event:${event.id}`, payload: event }));
    // Bank debits in the sandbox settle as time passes, as well as when its clock is advanced.
    jobs.register('sandbox.settle', async () => {
      await sandbox.processor.settleDue();
    });
    jobs.every('sandbox.settle', 60_000);
  }
}
