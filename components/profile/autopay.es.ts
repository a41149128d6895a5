import type { TableOf } from '../i18n/catalog.ts';
import type { autopayEn } from './autopay.en.ts';

/** `<portal-autopay-settings>` in Spanish, fetched the first time a page reads Spanish. */
export const autopayEs: TableOf<typeof autopayEn> = {
  'autopay.heading': 'Pago automático',
  'autopay.intro':
    'Active el pago automático de un asunto y cada factura nueva de ese asunto se cobrará a un método guardado en su fecha de vencimiento. Le enviaremos un correo 3 días antes de cada cobro.',
  'autopay.off-for-firm': 'Esta firma no ofrece pago automático.',
  'autopay.no-matters': 'Todavía no tiene asuntos con facturas.',
  'autopay.matters': 'Sus asuntos',
  'autopay.status-on': 'Activado — {method}',
  'autopay.status-off': 'Desactivado',
  'autopay.next-charge': 'Próximo cobro: {amount} el {date} (factura {number})',
  'autopay.turn-on': 'Activar el pago automático',
  'autopay.turn-on-label': 'Activar el pago automático de {matter}',
  'autopay.turn-off': 'Desactivar el pago automático',
  'autopay.turn-off-label': 'Desactivar el pago automático de {matter}',
  'autopay.form-heading': 'Pago automático de {matter}',
  'autopay.method': 'Pagar con',
  'autopay.no-methods': 'No tiene métodos de pago guardados. Guarde uno la próxima vez que pague una factura y luego active aquí el pago automático.',
  'autopay.authorization': 'Autorización',
  'autopay.authorization-loading': 'Preparando la autorización…',
  'autopay.accept': 'Leí y acepto esta autorización',
  'autopay.confirm': 'Activar el pago automático',
  'autopay.pending': 'Guardando…',
  'autopay.cancel': 'Cancelar',
  'autopay.turned-on': 'El pago automático está activado para {matter}.',
  'autopay.turned-off': 'El pago automático está desactivado para {matter}. Su autorización quedó revocada.',
  'autopay.under-way':
    'Un pago de {amount} de la factura {number} ya se había iniciado, y desactivar el pago automático no lo detiene. Recibirá un correo electrónico cuando se complete.',
  'autopay.error.accept': 'Lea la autorización y marque la casilla para aceptarla.',
  'autopay.error.exists': 'El pago automático ya está activado para este asunto.',
  'autopay.error.disabled': 'Esta firma ya no ofrece pago automático.',
  'autopay.error.outdated': 'La autorización cambió desde que se mostró. Léala de nuevo y confirme.',
};
