/**
 * The English of `<portal-app>`'s navigation (components/app/app-shell.ts), which arrives with it
 * once a client signs in: a signed-out page never downloads it.
 */
export const appEn = {
  'app.nav-label': 'Client portal sections',
  'app.section.home': 'Home',
  'app.section.activities': 'Tasks and events',
  'app.section.invoices': 'Invoices',
  'app.section.payments': 'Payments',
  'app.section.messages': 'Messages',
  'app.section.files': 'Files',
  'app.section.profile': 'Profile',
  'app.section-shown': 'Showing {section}',
  'app.section-hidden': '{section} is not available in this portal. Showing {home}.',
  'app.no-sections': 'There is nothing to show in the portal yet. Please contact the firm.',
  'app.badge.unread': '{count} unread',
  'app.badge.unpaid': '{count} unpaid',
} as const satisfies Record<string, string>;
