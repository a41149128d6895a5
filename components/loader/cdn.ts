/**
 * The entry of the script-tag bundle (`dist/cdn/portal.js`): claims every `portal-*` tag at once
 * and loads each element's class, styles and what only it uses (a chunk under `chunks/`) when
 * its first instance appears. The ESM modules for bundlers (`portico/all`, `portico/<element>`)
 * register their elements statically instead.
 *
 * `with` lists what an element always renders: `<portal-app>` its `<portal-session>`, which shows
 * `<portal-login>` until the client is signed in; `<portal-invoices>` opens an invoice in a
 * `<portal-invoice>`, which shows its payment plan in a `<portal-invoice-plan>`. The sections of `<portal-app>` and `<portal-pay>` load when first shown.
 */
import { loadElement, registerLazyElements, watch } from './lazy-elements.ts';

registerLazyElements({
  'portal-app': { load: async () => (await import('../app/app.ts')).PortalApp, with: ['portal-session'] },
  'portal-session': { load: async () => (await import('../session/session.ts')).PortalSession, with: ['portal-login'] },
  'portal-login': { load: async () => (await import('../login/login.ts')).PortalLogin },
  'portal-home': { load: async () => (await import('../home/home.ts')).PortalHome },
  'portal-activities': { load: async () => (await import('../activities/activities.ts')).PortalActivities },
  'portal-invoices': { load: async () => (await import('../invoices/invoices.ts')).PortalInvoices, with: ['portal-invoice'] },
  'portal-invoice': { load: async () => (await import('../invoice/invoice.ts')).PortalInvoice, with: ['portal-invoice-plan'] },
  'portal-invoice-plan': { load: async () => (await import('../invoice/invoice-plan.ts')).PortalInvoicePlan },
  'portal-payments': { load: async () => (await import('../payments/payments.ts')).PortalPayments },
  'portal-pay': { load: async () => (await import('../pay/pay.ts')).PortalPay },
  'portal-messages': { load: async () => (await import('../messages/messages.ts')).PortalMessages },
  'portal-files': { load: async () => (await import('../files/files.ts')).PortalFiles },
  'portal-profile': {
    load: async () => (await import('../profile/profile.ts')).PortalProfile,
    with: ['portal-two-factor-settings', 'portal-autopay-settings'],
  },
  'portal-two-factor-settings': { load: async () => (await import('../profile/two-factor-settings.ts')).PortalTwoFactorSettings },
  'portal-autopay-settings': { load: async () => (await import('../profile/autopay-settings.ts')).PortalAutopaySettings },
});

watch(document);

/**
 * `load('portal-pay')` defines an element now, without waiting for an instance to appear;
 * `watch(shadowRoot)` loads the elements a page renders inside shadow roots of its own.
 */
export { loadElement as load, watch };
