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
import type { Config } from './config.ts';
import { ContactsRepository } from './contacts/contacts.repository.ts';
import { ContactsService } from './contacts/contacts.service.ts';
import type { Db } from './db/database.ts';
import { FirmsRepository } from './firms/firms.repository.ts';
import { FirmsService } from './firms/firms.service.ts';
import { InvoicesRepository } from './invoices/invoices.repository.ts';
import { InvoicesService } from './invoices/invoices.service.ts';
import type { MailProvider } from './mail/mail.ts';
import { PaymentsRepository } from './payments/payments.repository.ts';
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
    payments: new PaymentsService({ ...shared, db, invoices: invoicesRepository, payments: paymentsRepository }),
  };
}
export type Services = ReturnType<typeof createServices>;
