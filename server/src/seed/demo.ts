import { hashPassword } from '../auth/passwords.ts';
import { todayIn } from '../calendar.ts';
import type { Services } from '../services.ts';
import { seedDemoActivities } from './demo-activities.ts';
import { seedDemoFiles } from './demo-files.ts';
import { seedDemoInvoices } from './demo-invoices.ts';
import { seedDemoMessages } from './demo-messages.ts';

export const demoPassword = 'portico-demo';
export const demoClients = [
  { email: 'alex@example.com', name: 'Alex Morgan', phone: '+1 (415) 555-0142' },
  { email: 'jordan@example.com', name: 'Jordan Lee', phone: '+1 (415) 555-0187' },
] as const;

/**
 * Seeds the demo firm, Hale & Whitmore LLP, whose website runs at `siteUrl`, with two clients who
 * can sign in. Does nothing when the firm already exists, so it is safe on every start.
 */
export async function seedDemo(services: Services, options: { siteUrl: string }): Promise<{ created: boolean }> {
  if (services.repositories.firms.findBySlug('demo')) return { created: false };
  const site = new URL(options.siteUrl);
  const origins = [site.origin];
  if (site.hostname === 'localhost') origins.push(`${site.protocol}//127.0.0.1${site.port ? `:${site.port}` : ''}`);

  const passwordHash = await hashPassword(demoPassword);
  const now = services.clock().toISOString();
  services.db.transaction(() => {
    const firm = services.firms.create({
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
      },
    });
    const [alex, jordan] = demoClients.map((client) => {
      const contact = services.repositories.contacts.create(firm.id, client, now);
      services.auth.setPasswordHash(contact.id, passwordHash, now);
      return contact;
    });
    const today = todayIn(firm.settings.timeZone, services.clock());
    seedDemoInvoices(services, firm, { alex: alex!, jordan: jordan! }, today);
    seedDemoActivities(services, firm, { alex: alex!, jordan: jordan! }, today);
    const files = seedDemoFiles(services, firm, { alex: alex!, jordan: jordan! }, services.clock());
    seedDemoMessages(services, firm, { alex: alex!, jordan: jordan! }, files, services.clock());
  })();
  return { created: true };
}
