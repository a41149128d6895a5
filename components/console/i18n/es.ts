import { invoicesEs } from '../invoices/invoices.es.ts';
import { inboxEs } from '../inbox/inbox.es.ts';
import { shellEs } from '../shell/shell.es.ts';
import { staffLoginEs } from '../staff-login/staff-login.es.ts';
import { accountEs } from '../account/account.es.ts';
import { settingsEs } from '../settings/settings.es.ts';
import type { ConsoleMessages } from './translate.ts';
import { filesEs } from '../files/files.es.ts';
import { tasksEs } from '../tasks/tasks.es.ts';
import { clientsEs } from '../clients/clients.es.ts';
import { paymentsEs } from '../payments/payments.es.ts';

/** The console in Spanish. Loaded when a page's `lang` asks for it. */
export const es: ConsoleMessages = {
  'console.loading': 'Cargando la consola…',
  'console.label': 'Consola del bufete',
  'console.error.network': 'La consola no pudo comunicarse con el servicio. Revise su conexión e inténtelo de nuevo.',
  'console.error.firm-not-found': 'Esta consola no está configurada: no se encontró el bufete.',
  'console.error.origin-not-allowed': 'Este sitio web no es uno de los orígenes permitidos del bufete, así que la consola no puede funcionar aquí.',
  'console.error.forbidden': 'Su función no permite esto. Pídaselo a un propietario de la cuenta del bufete.',
  'console.error.rate-limited': 'Demasiados intentos. Espere {time} e inténtelo de nuevo.',
  'console.error.rate-limited-later': 'Demasiados intentos. Espere un poco e inténtelo de nuevo.',
  'console.error.unexpected': 'Algo salió mal. Inténtelo de nuevo.',
  ...shellEs,
  ...staffLoginEs,
  ...accountEs,
  ...inboxEs,
  ...filesEs,
  ...invoicesEs,
  ...tasksEs,
  'console.retry': 'Intentar de nuevo',
  ...settingsEs,
  ...clientsEs,
  ...paymentsEs,
};
