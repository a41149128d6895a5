import { ActivitiesRepository } from './activities/index.ts';
import { ActivitiesService } from './activities/index.ts';
import { AccessTokens } from './auth/index.ts';
import { AuthRepository } from './auth/index.ts';
import { PortalLogins } from './auth/index.ts';
import { AuthService } from './auth/index.ts';
import { AccountService } from './auth/index.ts';
import { AssertionVerifier } from './auth/index.ts';
import type { SigningKeys } from './auth/index.ts';
import { ApiKeysRepository } from './api-keys/index.ts';
import { ApiKeysService } from './api-keys/index.ts';
import { AuditLog, AuditRepository } from './audit/index.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import { ContactsRepository } from './contacts/index.ts';
import { ContactsService } from './contacts/index.ts';
import { ProfileRepository, ProfileService } from './contacts/index.ts';
import type { Storage } from './db/storage.ts';
import type { SecretBox } from './secrets/secret-box.ts';
import { unitOfWork } from './db/unit-of-work.ts';
import { DocumentsService, FirmLogos } from './documents/index.ts';
import { createFileScanner } from './files/index.ts';
import type { FileScanner } from './files/index.ts';
import { createFileStore } from './files/index.ts';
import { FilesRepository } from './files/index.ts';
import { FilesService } from './files/index.ts';
import { FirmsRepository } from './firms/index.ts';
import { HomeRepository, HomeService } from './home/index.ts';
import { FirmsService } from './firms/index.ts';
import { InvoicesRepository } from './invoices/index.ts';
import { InvoicesService } from './invoices/index.ts';
import { JobQueue } from './jobs/index.ts';
import { JobsRepository } from './jobs/index.ts';
import { createLimits } from './limits/index.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MailProvider } from './mail/index.ts';
import { Mailer } from './mail/index.ts';
import { MessagesRepository } from './messages/index.ts';
import { MessagesService } from './messages/index.ts';
import { BankLinksService, sandboxBankLinkProvider, unavailableBankLink, type BankLinkProvider } from './payments/index.ts';
import { CheckoutRepository } from './payments/index.ts';
import { CheckoutService } from './payments/index.ts';
import { PaymentsRepository } from './payments/index.ts';
import { PaymentsInvoiceLedger } from './payments/index.ts';
import { RefundsRepository } from './payments/index.ts';
import { RefundsService } from './payments/index.ts';
import { createPlaid, type PlaidFactory } from './payments/index.ts';
import { PlaidRepository } from './payments/index.ts';
import type { PaymentProcessor, ProcessorEvent } from './payments/index.ts';
import { SandboxBankLink } from './payments/index.ts';
import { SandboxClock } from './payments/index.ts';
import { SandboxProcessor } from './payments/index.ts';
import { SandboxRepository } from './payments/index.ts';
import { PaymentsService } from './payments/index.ts';
import { createStripe, type StripeFactory } from './payments/index.ts';
import { AutopayRepository, AutopayService, PlansRepository, PlansService, autopayChargeJobKind, chargeJobKind } from './plans/index.ts';
import { StaffRepository } from './staff/index.ts';
import { StaffService } from './staff/index.ts';
import { WebhooksRepository } from './webhooks/index.ts';
import { WebhooksService } from './webhooks/index.ts';

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  keys: SigningKeys;
  /** Seals the secrets kept in the database (bank tokens, webhook secrets) with SECRETS_KEY. */
  secrets: SecretBox;
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
  const { config, storage, keys, secrets, mail } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  const audit = new AuditLog(new AuditRepository(storage));
  const jobs = new JobQueue(new JobsRepository(storage), clock, logger, storage, config.instanceId);
  const mailer = new Mailer(jobs, mail);
  const work = unitOfWork(storage);
  const firmsRepository = new FirmsRepository(storage);
  const webhooksRepository = new WebhooksRepository(storage, secrets);
  const contactsRepository = new ContactsRepository(storage);
  const authRepository = new AuthRepository(storage);
  const firms = new FirmsService(firmsRepository, clock, { production: !config.development });
  const contacts = new ContactsService(contactsRepository, audit, clock, new PortalLogins(authRepository));
  const webhooks = new WebhooksService({
    webhooks: webhooksRepository,
    firms,
    jobs,
    mailer,
    audit,
    clock,
    policy: { production: !config.development },
    resolve: deps.resolveHost,
  });
  const tokens = new AccessTokens(keys, config.publicUrl, clock);
  const limits = createLimits({ storage, clock, firms });
  const auth = new AuthService({
    firms,
    contacts,
    auth: authRepository,
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
    secrets,
  });
  const account = new AccountService({ auth: authRepository, firms, limits: limits.auth, mailer, unitOfWork: work, audit, clock });
  const profile = new ProfileService({
    profiles: new ProfileRepository(storage),
    contacts: contactsRepository,
    passwords: account,
    limits: limits.auth,
    mailer,
    jobs,
    unitOfWork: work,
    audit,
    clock,
  });
  const staff = new StaffService({
    staff: new StaffRepository(storage),
    firms,
    tokens,
    secrets,
    limits: limits.auth,
    mailer,
    audit,
    unitOfWork: work,
    clock,
    publicUrl: config.publicUrl,
  });
  const invoicesRepository = new InvoicesRepository(storage, new PaymentsInvoiceLedger(storage));
  const paymentsRepository = new PaymentsRepository(storage);
  const shared = { firms, contacts, audit, clock, webhooks, unitOfWork: work };
  const filesRepository = new FilesRepository(storage);
  const activitiesRepository = new ActivitiesRepository(storage);
  const messagesRepository = new MessagesRepository(storage);
  const fileStore = createFileStore(config, logger);
  const files = new FilesService({
    ...shared,
    files: filesRepository,
    store: fileStore,
    scanner: deps.fileScanner ?? createFileScanner(config),
    logger,
    mailer,
  });
  const checkoutRepository = new CheckoutRepository(storage, config.instanceId);
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
  const invoices = new InvoicesService({ ...shared, invoices: invoicesRepository, mailer, emailChoices: profile });
  const payments = new PaymentsService({
    ...shared,
    invoices,
    payments: paymentsRepository,
    mandates: checkoutRepository,
    idempotencyKeys: checkoutRepository,
    refunds: refundsRepository,
    fees: processor,
  });
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
  // With the sandbox, plans and autopay follow its clock: moving it (the demo, the tests) brings charges due.
  const planNow = processor === sandbox.processor ? () => sandbox.clock.now() : async () => clock();
  const plansRepository = new PlansRepository(storage);
  const plans = new PlansService({
    ...shared,
    plans: plansRepository,
    invoices,
    checkout,
    payments,
    jobs,
    mailer,
    planNow,
    publicUrl: config.publicUrl,
  });
  registerPlanJobs({ jobs, plans, logger });
  const autopay = new AutopayService({
    ...shared,
    autopay: new AutopayRepository(storage),
    plans: plansRepository,
    invoices,
    checkout,
    payments,
    jobs,
    mailer,
    planNow,
    publicUrl: config.publicUrl,
  });
  // An invoice published for a matter on autopay gets its charge in the same transaction.
  invoices.onPublished((firmId, invoice) => autopay.invoicePublished(firmId, invoice));
  registerAutopayJobs({ jobs, autopay, logger });
  let bankLink: BankLinkProvider;
  if (config.bankLink === 'plaid') {
    bankLink = (deps.providers?.plaid ?? createPlaid)({ config: config.plaid, storage, secrets, clock, stripe: stripe!.processor });
  } else if (stripe) {
    bankLink = unavailableBankLink(
      'Bank sign-in is not set up for this portal (it needs Plaid with Stripe). Enter your account and routing numbers, or pay by card.',
    );
  } else {
    bankLink = sandboxBankLinkProvider(sandbox.bankLink);
  }

  const activities = new ActivitiesService({ ...shared, activities: activitiesRepository });
  const messages = new MessagesService({ ...shared, messages: messagesRepository, files, mailer, emailChoices: profile });
  const homeRepository = new HomeRepository(storage);
  const home = new HomeService({ home: homeRepository, activities, invoices, messages, files, payments, clock });

  return {
    config,
    storage,
    keys,
    /**
     * Seals what an earlier release stored in plain text (Plaid access tokens, webhook secrets),
     * whatever the configuration now uses; run as the service opens. Safe on many instances at once.
     */
    sealPlainSecrets: async () => ({
      plaidTokens: await new PlaidRepository(storage, secrets).sealPlainTokens(),
      webhookSecrets: await webhooksRepository.sealPlainSecrets(),
    }),
    /**
     * Loads the SDKs of the providers the configuration chose (Stripe, Plaid, SMTP, S3), which are
     * otherwise loaded on first use; run as the service opens, so a missing package stops it at
     * start, naming the setting. What is not configured is never loaded.
     */
    loadProviders: async () => {
      await Promise.all([stripe?.load(), bankLink.load?.(), mail.load?.(), fileStore.load?.()]);
    },
    mail,
    mailer,
    jobs,
    webhooks,
    clock,
    logger,
    audit,
    tokens,
    auth,
    /** The signed-in client's own password and sign-ins. */
    account,
    /** The signed-in client's own profile: name, language, which emails, a new address. */
    profile,
    staff,
    /** Abuse limits kept in the database: `limits.paymentFailures` is the checkout's. */
    limits,
    /** For seeding and tests; components reach each other through their services. */
    repositories: {
      activities: activitiesRepository,
      firms: firmsRepository,
      contacts: contactsRepository,
      invoices: invoicesRepository,
      payments: paymentsRepository,
      messages: messagesRepository,
      files: filesRepository,
      home: homeRepository,
    },
    fileStore,
    firms,
    contacts,
    apiKeys: new ApiKeysService(new ApiKeysRepository(storage), clock, audit),
    activities,
    invoices,
    messages,
    home,
    files,
    payments,
    checkout,
    refunds,
    plans,
    autopay,
    bankLinks: new BankLinksService(bankLink, contacts, firms),
    /** Invoices and receipts as PDFs; the firm's logo is read from its own site, where webhooks may go. */
    documents: new DocumentsService({ invoices, payments, clock, logos: new FirmLogos({ policy: { production: !config.development }, clock, logger }) }),
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
function registerPaymentJobs(deps: {
  jobs: JobQueue;
  checkout: CheckoutService;
  refunds: RefundsService;
  sandbox?: { processor: SandboxProcessor };
  logger: Logger;
}) {
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

/**
 * Payment plans' work: a sweep every minute (charge jobs for instalments due on the plan clock,
 * reminders, settled bank debits), the charge of one instalment attempt, and forgetting
 * authorizations two years after they ended.
 */
function registerPlanJobs(deps: { jobs: JobQueue; plans: PlansService; logger: Logger }) {
  const { jobs, plans, logger } = deps;
  jobs.register<{ instalmentId: string; attempt: number }>(chargeJobKind, async (job) => {
    await plans.charge(job.payload.instalmentId, job.payload.attempt);
  });
  jobs.register('plans.sweep', async () => {
    const outcome = await plans.sweep();
    if (outcome.charges || outcome.reminders || outcome.settled) logger.info('payment plan sweep', outcome);
  });
  jobs.every('plans.sweep', 60_000);
  jobs.register('plans.purge', async () => {
    await plans.purgeAuthorizations();
  });
  jobs.every('plans.purge', 86_400_000);
}

/** Autopay's work: a sweep every minute (charge jobs for invoices due on the plan clock, reminders, settled debits) and one charge attempt. */
function registerAutopayJobs(deps: { jobs: JobQueue; autopay: AutopayService; logger: Logger }) {
  const { jobs, autopay, logger } = deps;
  jobs.register<{ chargeId: string; attempt: number }>(autopayChargeJobKind, async (job) => {
    await autopay.charge(job.payload.chargeId, job.payload.attempt);
  });
  jobs.register('autopay.sweep', async () => {
    const outcome = await autopay.sweep();
    if (outcome.charges || outcome.reminders || outcome.settled) logger.info('autopay sweep', outcome);
  });
  jobs.every('autopay.sweep', 60_000);
}
