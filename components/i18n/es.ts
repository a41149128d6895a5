import type { Messages } from './translations.ts';

/**
 * Spanish (US Spanish-speaking market), addressing the client as «usted». Typed against the
 * English keys: the compiler rejects a missing or unknown key. Every `{name}` placeholder of the
 * English message appears here too.
 */
export const es: Messages = {
  'common.loading': 'Cargando…',
  'common.retry': 'Volver a intentarlo',

  'error.network': 'El portal no pudo conectarse con el servicio. Compruebe su conexión y vuelva a intentarlo.',
  'error.firm-not-found': 'Este portal aún no está configurado: no se encontró el bufete. Comuníquese con el bufete.',
  'error.origin-not-allowed': 'Este sitio web no tiene permiso para usar el portal. Comuníquese con el bufete.',
  'error.not-configured': 'Falta la configuración del portal (la dirección del servicio y el bufete).',
  'error.rate-limited': 'Demasiados intentos. Espere {time} y vuelva a intentarlo.',
  'error.rate-limited-later': 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
  'error.unexpected': 'Se produjo un error. Vuelva a intentarlo.',

  'login.heading.sign-in': 'Iniciar sesión',
  'login.heading.sign-in-firm': 'Iniciar sesión en {firm}',
  'login.heading.accept-invitation': 'Cree su contraseña',
  'login.heading.forgot-password': 'Restablezca su contraseña',
  'login.heading.reset-password': 'Elija una contraseña nueva',
  'login.label.email': 'Correo electrónico',
  'login.label.password': 'Contraseña',
  'login.submit.sign-in': 'Iniciar sesión',
  'login.pending.sign-in': 'Iniciando sesión…',
  'login.link.forgot-password': '¿Olvidó su contraseña?',
  'login.notice.signed-in': 'Ha iniciado sesión.',
  'login.error.fix-fields': 'Corrija los campos resaltados.',
  'login.error.email-required': 'Escriba su correo electrónico.',
  'login.error.email-invalid': 'Escriba un correo electrónico como nombre@ejemplo.com.',
  'login.error.password-required': 'Escriba su contraseña.',
  'login.error.new-password-required': 'Elija una contraseña.',
  'login.error.password-short': 'Use al menos 10 caracteres.',
  'login.error.password-long': 'Use como máximo 200 caracteres.',
  'login.error.password-weak': 'Elija una contraseña menos común.',
  'login.error.confirm-required': 'Vuelva a escribir la contraseña.',
  'login.error.password-mismatch': 'Las contraseñas no coinciden.',
  'login.error.invalid-credentials': 'El correo electrónico o la contraseña no son correctos.',
  'login.error.token-missing': 'Este enlace está incompleto. Vuelva a abrir el enlace desde su correo electrónico.',
  'login.error.contact-archived': 'Esta cuenta del portal está cerrada. Comuníquese con el bufete.',

  // Inicio de sesión sin contraseña con un código por correo, y enlaces comprobados al abrirlos.
  'login.heading.email-code': 'Iniciar sesión con un código',
  'login.heading.enter-code': 'Escriba su código',
  'login.heading.sign-in-link': 'Iniciando su sesión',
  'login.link.email-code': 'Enviarme un código de acceso por correo',
  'login.error.code-required': 'Escriba el código de 6 dígitos del correo.',
  'login.error.code-shape': 'El código tiene 6 dígitos, por ejemplo 123456.',
  'login.link-check.checking': 'Comprobando su enlace…',
  'login.link.passkey': 'Iniciar sesión con una llave de acceso',
};
