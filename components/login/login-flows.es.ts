import type { TableOf } from '../i18n/catalog.ts';
import type { loginFlowsEn } from './login-flows.en.ts';

/** The login's flows other than the password sign-in in Spanish, fetched the first time a page reads Spanish. */
export const loginFlowsEs: TableOf<typeof loginFlowsEn> = {
  'login.intro.accept-invitation': 'Elija una contraseña para terminar de configurar su cuenta del portal del cliente.',
  'login.intro.forgot-password': 'Escriba el correo electrónico que usa para el portal y le enviaremos un enlace para restablecer su contraseña.',
  'login.intro.reset-password': 'Elija una contraseña nueva para su cuenta del portal del cliente.',
  'login.notice.reset-requested':
    'Si {email} tiene una cuenta en el portal, le hemos enviado un enlace para restablecer la contraseña. El enlace vence pronto, así que úselo cuanto antes.',
  'login.intro.email-code': 'Escriba el correo electrónico que usa para el portal y le enviaremos un código de 6 dígitos. No necesita contraseña.',
  'login.intro.enter-code':
    'Si {email} tiene una cuenta en el portal, le hemos enviado un código de 6 dígitos. Sirve una sola vez, durante 10 minutos. También puede usar el enlace del correo.',
  'login.intro.enter-code-no-email': 'Escriba su correo electrónico y el código de 6 dígitos que le enviamos.',
  'login.intro.sign-in-link': 'Estamos iniciando su sesión con el enlace de su correo.',
  'login.link.password': 'Iniciar sesión con contraseña',
  'login.link.other-email': 'Usar otro correo electrónico',
  'login.resend': 'Enviar un código nuevo',
  'login.resend-wait': 'Enviar un código nuevo en {seconds} s',
  'login.notice.code-resent': 'Enviamos un código nuevo a {email}. Solo sirve el código más reciente.',
  'login.error.code-invalid': 'Ese código no es correcto. Revise el correo e inténtelo de nuevo.',
  'login.link-check.heading': 'Este enlace ya no funciona',
  'login.link-check.used': 'Este enlace ya se usó. Cada enlace sirve una sola vez.',
  'login.link-check.expired': 'Este enlace venció.',
  'login.link-check.replaced': 'Después de este enlace se envió otro más reciente. Use el enlace del último correo o pida uno nuevo.',
  'login.link-check.unknown': 'Este enlace no es válido. Puede estar incompleto: vuelva a abrirlo desde su correo.',
  'login.link-check.new-link': 'Enviarme un enlace nuevo',
  'login.link-check.renewed': 'Hemos enviado un enlace nuevo a la dirección a la que se envió este. Puede tardar un minuto en llegar.',
  'login.link-check.ask-firm': 'Pida a {firm} que le envíe una invitación nueva. Si ya creó una contraseña, inicie sesión.',
  'login.link-check.ask-the-firm': 'Pida al bufete que le envíe una invitación nueva. Si ya creó una contraseña, inicie sesión.',
};
