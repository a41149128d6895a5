import type { TableOf } from '../i18n/catalog.ts';
import type { appEn } from './app.en.ts';

/** `<portal-app>`'s navigation in Spanish, fetched the first time a page reads Spanish. */
export const appEs: TableOf<typeof appEn> = {
  'app.nav-label': 'Secciones del portal del cliente',
  'app.section.home': 'Inicio',
  'app.section.activities': 'Tareas y eventos',
  'app.section.invoices': 'Facturas',
  'app.section.payments': 'Pagos',
  'app.section.messages': 'Mensajes',
  'app.section.files': 'Archivos',
  'app.section.profile': 'Perfil',
  'app.section-shown': 'Se muestra: {section}',
  'app.section-hidden': '{section} no está disponible en este portal. Se muestra: {home}.',
  'app.no-sections': 'Todavía no hay nada que mostrar en el portal. Comuníquese con el bufete.',
  'app.badge.unread': '{count} sin leer',
  'app.badge.unpaid': '{count} sin pagar',
};
