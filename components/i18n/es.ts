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

  'login.heading.sign-in': 'Iniciar sesión',
  'login.heading.sign-in-firm': 'Iniciar sesión en {firm}',
  'login.heading.accept-invitation': 'Cree su contraseña',
  'login.heading.forgot-password': 'Restablezca su contraseña',
  'login.heading.reset-password': 'Elija una contraseña nueva',
  'login.label.email': 'Correo electrónico',
  'login.label.password': 'Contraseña',
  'login.label.new-password': 'Contraseña nueva',
  'login.label.confirm-password': 'Confirme la contraseña',
  'login.hint.new-password': 'Al menos 10 caracteres.',
  'login.submit.sign-in': 'Iniciar sesión',
  'login.submit.accept-invitation': 'Crear contraseña e iniciar sesión',
  'login.submit.forgot-password': 'Enviar enlace de restablecimiento',
  'login.submit.reset-password': 'Guardar contraseña e iniciar sesión',
  'login.pending.sign-in': 'Iniciando sesión…',
  'login.pending.accept-invitation': 'Creando su contraseña…',
  'login.pending.forgot-password': 'Enviando…',
  'login.pending.reset-password': 'Guardando…',
  'login.link.forgot-password': '¿Olvidó su contraseña?',
  'login.link.sign-in': 'Volver a iniciar sesión',
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
  'login.error.invitation-invalid': 'Este enlace de invitación ya no es válido. Pida al bufete una nueva invitación o inicie sesión si ya tiene contraseña.',
  'login.error.reset-invalid': 'Este enlace de restablecimiento ya no es válido. Solicite uno nuevo.',
  'login.error.token-missing': 'Este enlace está incompleto. Vuelva a abrir el enlace desde su correo electrónico.',
  'login.error.contact-archived': 'Esta cuenta del portal está cerrada. Comuníquese con el bufete.',

  // Inicio de sesión sin contraseña con un código por correo, y enlaces comprobados al abrirlos.
  'login.heading.email-code': 'Iniciar sesión con un código',
  'login.heading.enter-code': 'Escriba su código',
  'login.heading.sign-in-link': 'Iniciando su sesión',
  'login.label.code': 'Código de acceso',
  'login.hint.code': 'Los 6 dígitos del correo.',
  'login.submit.email-code': 'Enviarme un código',
  'login.submit.enter-code': 'Iniciar sesión',
  'login.submit.sign-in-link': 'Iniciar sesión',
  'login.pending.email-code': 'Enviando…',
  'login.pending.enter-code': 'Iniciando sesión…',
  'login.pending.sign-in-link': 'Iniciando sesión…',
  'login.link.email-code': 'Enviarme un código de acceso por correo',
  'login.error.code-required': 'Escriba el código de 6 dígitos del correo.',
  'login.error.code-shape': 'El código tiene 6 dígitos, por ejemplo 123456.',
  'login.error.code-expired': 'Este código ya no sirve: venció, ya se usó o se escribió mal demasiadas veces. Pida un código nuevo.',
  'login.link-check.checking': 'Comprobando su enlace…',
  'login.link.passkey': 'Iniciar sesión con una llave de acceso',

  // Payment plans, as <portal-payments> and <portal-home> mention them (<portal-invoice-plan>'s own
  // messages are in components/invoice/plan.en.ts)
  'plan.payment-badge': 'Cuota {number} de {count} del plan',
  'plan.home-next': 'Próximo cargo del plan: {amount} el {date} (factura {number})',
  'autopay.home-next': 'Próximo cargo automático: {amount} el {date} (factura {number})',
  'autopay.invoice-note': 'El pago automático cobrará {amount} el {date}.',

  // The whole portal in one element (<portal-app>)
  'app.nav-label': 'Secciones del portal del cliente',
  'app.section.activities': 'Tareas y eventos',
  'app.section.invoices': 'Facturas',
  'app.section.payments': 'Pagos',
  'app.section.messages': 'Mensajes',
  'app.section.files': 'Archivos',
  'app.section-shown': 'Se muestra: {section}',
  'app.no-sections': 'Todavía no hay nada que mostrar en el portal. Comuníquese con el bufete.',

  // The client's home and the navigation's counts (<portal-home>, <portal-app>)
  'app.section.home': 'Inicio',
  'app.badge.unread': '{count} sin leer',
  'app.badge.unpaid': '{count} sin pagar',
  'app.section-hidden': '{section} no está disponible en este portal. Se muestra: {home}.',

  // The client's own profile: its section's name (<portal-profile>'s own messages are in
  // components/profile/profile.en.ts)
  'app.section.profile': 'Perfil',
};
