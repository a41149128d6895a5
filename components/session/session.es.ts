import type { TableOf } from '../i18n/catalog.ts';
import type { sessionEn } from './session.en.ts';

/** `<portal-session>` in Spanish, fetched the first time a page reads Spanish. */
export const sessionEs: TableOf<typeof sessionEn> = {
  'session.loading': 'Cargando el portal del cliente…',
  'session.error-heading': 'El portal del cliente no está disponible',
  'session.sign-out': 'Cerrar sesión',
  'session.signed-in-as': 'Sesión iniciada como {name}',
  'session.signed-out': 'Ha cerrado la sesión.',
  'session.expired': 'Por su seguridad, se ha cerrado su sesión. Vuelva a iniciar sesión.',
  'session.content-label': 'Portal del cliente',
  'session.assertion-pending': 'Iniciando su sesión desde el sitio web de {firm}…',
  'session.assertion-failed':
    'No pudimos iniciar su sesión desde el sitio web de {firm}. Vuelva a iniciar sesión allí, o inicie sesión abajo con la contraseña del portal.',
  'session.assertion-no-account': 'El sitio web de {firm} inició su sesión, pero no encontramos su cuenta del portal del cliente. Comuníquese con el bufete.',
};
