import type { ConsoleMessages } from './translate.ts';

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
  'console.retry': 'Intentar de nuevo',
};
