import { elementMessages } from '../i18n/element-messages.ts';
import { appEn } from './app.en.ts';
import type { PortalSectionName } from './sections.ts';

/** The messages of `<portal-app>`'s navigation, and their `t()` (these keys and the portal's): loaded with the navigation. */
export const { messages: appMessages, t } = elementMessages(appEn, async () => (await import('./app.es.ts')).appEs);

/** The section's name in the navigation, in the current language. */
export function sectionLabel(section: PortalSectionName): string {
  switch (section) {
    case 'home':
      return t('app.section.home');
    case 'activities':
      return t('app.section.activities');
    case 'invoices':
      return t('app.section.invoices');
    case 'payments':
      return t('app.section.payments');
    case 'messages':
      return t('app.section.messages');
    case 'files':
      return t('app.section.files');
    case 'profile':
      return t('app.section.profile');
  }
}
