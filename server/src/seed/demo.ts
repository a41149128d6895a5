import { hashPassword } from '../auth/index.ts';
import { todayIn } from '../calendar.ts';
import type { Contact } from '../contacts/index.ts';
import type { Services } from '../services.ts';
import { seedDemoActivities } from './demo-activities.ts';
import { demoIdentity } from './demo-identity.ts';
import { seedDemoFiles, storeDemoFiles } from './demo-files.ts';
import { seedDemoInvoices } from './demo-invoices.ts';
import { seedDemoMessages } from './demo-messages.ts';

export const demoPassword = 'portico-demo';
/** The demo firm's owner, who signs in to the console (the demo firm makes a second factor optional). */
export const demoStaff = { email: 'margaret@example.com', name: 'Margaret Hale', role: 'owner' } as const;
/** The demo clients; `externalId` is the id the firm's own website knows each one by. */
export const demoClients = [
  { email: 'alex@example.com', name: 'Alex Morgan', phone: '+1 (415) 555-0142', externalId: 'HW-1001' },
  { email: 'jordan@example.com', name: 'Jordan Lee', phone: '+1 (415) 555-0187', externalId: 'HW-1002' },
] as const;

/**
 * Seeds the demo firm, Hale & Whitmore LLP, whose website runs at `siteUrl`, with two clients who
 * can sign in with a password or from the website (its sign-in assertions are trusted, see
 * demo-identity.ts). Does nothing when the firm already exists, so it is safe on every start,
 * except give a demo firm seeded before sign-in from the website existed its identity settings.
 */
export async function seedDemo(services: Services, options: { siteUrl: string }): Promise<{ created: boolean }> {
  const site = new URL(options.siteUrl);
  const existing = await services.repositories.firms.findBySlug('demo');
  if (existing) {
    if (!existing.settings.identity) await services.firms.update(existing.id, { settings: { identity: demoIdentity(site) } });
    // A demo firm seeded before the console existed gets its owner and console settings.
    if (!(await services.staff.findByEmail(existing.id, demoStaff.email))) {
      await services.firms.update(existing.id, { settings: { staffTwoFactor: 'optional', consoleUrl: new URL('/console/', site).toString() } });
      await services.staff.addActive(existing.id, { ...demoStaff, passwordHash: await hashPassword(demoPassword) });
    }
    return { created: false };
  }
  const origins = [site.origin];
  if (site.hostname === 'localhost') origins.push(`${site.protocol}//127.0.0.1${site.port ? `:${site.port}` : ''}`);

  const passwordHash = await hashPassword(demoPassword);
  const storedFiles = await storeDemoFiles(services.fileStore);
  const now = services.clock().toISOString();
  try {
    await services.storage.transaction(async () => {
      const firm = await services.firms.create({
        slug: 'demo',
        name: 'Hale & Whitmore LLP',
        currency: 'USD',
        siteUrl: site.origin,
        allowedOrigins: origins,
        branding: {
          logoUrl: new URL('/assets/logo.svg', site).toString(),
          colors: { brand: '#1f3a5f', brandContrast: '#ffffff', accent: '#a97c2f' },
          fontFamily: "Georgia, 'Times New Roman', serif",
        },
        settings: {
          sections: { activities: true, invoices: true, messages: true, files: true },
          showPayments: true,
          paymentMethods: { card: true, bankLink: true, bankAccount: true },
          minimumPayment: 100,
          timeZone: 'America/Los_Angeles',
          portalUrl: new URL('/portal/', site).toString(),
          inboxEmail: 'clients@halewhitmore.example',
          identity: demoIdentity(site),
          staffTwoFactor: 'optional',
          consoleUrl: new URL('/console/', site).toString(),
          address: '350 Mission Street, Suite 1200\nSan Francisco, CA 94105',
          plans: { enabled: true, maxInstalments: 6, minInstalment: 5_000 },
          autopay: { enabled: true },
        },
      });
      await services.staff.addActive(firm.id, { ...demoStaff, passwordHash });
      const contacts: Contact[] = [];
      for (const client of demoClients) {
        const contact = await services.repositories.contacts.create(firm.id, client, now);
        await services.auth.setPasswordHash(contact.id, passwordHash, now);
        contacts.push(contact);
      }
      const clients = { alex: contacts[0]!, jordan: contacts[1]! };
      const today = todayIn(firm.settings.timeZone, services.clock());
      await seedDemoInvoices(services, firm, clients, today);
      await seedDemoActivities(services, firm, clients, today);
      const files = await seedDemoFiles(services, firm, clients, storedFiles, services.clock());
      await seedDemoMessages(services, firm, clients, files, services.clock());
      // Alex last looked at the portal ten days ago: home has news to show since then.
      const lastVisit = new Date(services.clock().getTime() - 10 * 24 * 3_600_000).toISOString();
      await services.repositories.home.recordVisits(firm.id, clients.alex.id, { sinceAt: null, lastSeenAt: lastVisit });
    });
  } catch (error) {
    // Nothing refers to the stored bytes once the transaction is rolled back.
    for (const { storageKey } of storedFiles) await services.fileStore.remove(storageKey);
    throw error;
  }
  return { created: true };
}
