import type { InvoiceDetail } from '../api/types.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { t } from './invoice-messages.ts';
import { paymentMethodLabel, paymentStatusLabel } from '../payments/payment-labels.ts';
import { adjustments, chargeColumns, chargeLines, invoiceStatusLabel, quantityAndRate } from './invoice-labels.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const documentStyles = `
  body { margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #000; background: #fff;
    font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
  h1 { margin: 0 0 0.25rem; font-size: 1.5rem; }
  h2 { margin: 2rem 0 0.5rem; font-size: 1.125rem; }
  .firm { margin: 0; font-weight: 600; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 1rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; }
  th, td { padding: 0.375rem 0.5rem; border-bottom: 1px solid #ccc; text-align: left; vertical-align: top; }
  .number { text-align: right; white-space: nowrap; }
  .totals th { font-weight: normal; }
  .totals tr.strong th, .totals tr.strong td { font-weight: 700; border-top: 2px solid #000; }
  .note { padding: 0.5rem 0.75rem; border-left: 4px solid #000; }
`;

/**
 * A self-contained HTML rendition of an invoice, for the client to keep: no scripts, no outside
 * resources, styles included. Call it while the element's language is current.
 */
export function invoiceDocument(invoice: InvoiceDetail, firmName: string | undefined, language: string): string {
  const money = (amount: number) => escapeHtml(formatMoney(amount, invoice.currency));
  const text = (value: string) => escapeHtml(value);
  const trust = invoice.depositAccount === 'trust';
  const title = trust ? t('invoice.heading-trust', { number: invoice.number }) : t('invoice.heading', { number: invoice.number });
  const facts: [string, string][] = [
    ...(firmName ? [[t('invoice.firm'), firmName] as [string, string]] : []),
    [t('invoice.number'), invoice.number],
    ...(invoice.matter ? [[t('invoice.matter'), invoice.matter] as [string, string]] : []),
    [t('invoice.status'), invoiceStatusLabel(invoice.status)],
    [t('invoice.issued'), formatDate(invoice.issuedOn)],
    [t('invoice.due'), formatDate(invoice.dueOn)],
  ];
  const lines = chargeLines(invoice);
  const columns = chargeColumns(lines);
  const charges = lines
    .map(
      (line) =>
        `<tr>${columns.date ? `<td>${line.date ? text(formatDate(line.date)) : ''}</td>` : ''}<td>${text(line.description)}</td>` +
        `${columns.quantity ? `<td class="number">${text(quantityAndRate(line, invoice.currency))}</td>` : ''}<td class="number">${money(line.amount)}</td></tr>`,
    )
    .join('');
  const totals: [string, number, boolean][] = [
    [t('invoice.totals.subtotal'), invoice.subtotal, false],
    ...adjustments(invoice).map(({ label, amount }): [string, number, boolean] => [label, amount, false]),
    [t('invoice.totals.total'), invoice.total, true],
    ...(invoice.amountPaid ? [[t('invoice.totals.paid'), -invoice.amountPaid, false] as [string, number, boolean]] : []),
    [t('invoice.totals.balance'), invoice.balance, true],
    ...(invoice.amountPending
      ? [
          [t('invoice.totals.pending'), -invoice.amountPending, false] as [string, number, boolean],
          [t('invoice.totals.payable'), invoice.openBalance, false] as [string, number, boolean],
        ]
      : []),
  ];
  const payments = invoice.payments
    .map(
      (payment) =>
        `<tr><td>${text(formatDate(payment.date))}</td><td>${text(paymentMethodLabel(payment.method))}</td>` +
        `<td>${text(payment.receiptNumber)}</td><td>${text(paymentStatusLabel(payment.status))}</td><td class="number">${money(payment.amount)}</td></tr>`,
    )
    .join('');

  return `<!doctype html>
<html lang="${text(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(firmName ? t('invoice.document-title', { number: invoice.number, firm: firmName }) : title)}</title>
<style>${documentStyles}</style>
</head>
<body>
${firmName ? `<p class="firm">${text(firmName)}</p>` : ''}
<h1>${text(title)}</h1>
<dl>${facts.map(([term, value]) => `<dt>${text(term)}</dt><dd>${text(value)}</dd>`).join('')}</dl>
${trust ? `<p class="note">${text(t('invoice.trust-note'))}</p>` : ''}
${invoice.status === 'void' && invoice.voidedAt ? `<p class="note">${text(t('invoice.voided', { date: formatDate(invoice.voidedAt) }))}</p>` : ''}
<h2>${text(t('invoice.lines.caption'))}</h2>
<table>
<thead><tr>${columns.date ? `<th scope="col">${text(t('invoice.lines.date'))}</th>` : ''}<th scope="col">${text(t('invoice.lines.description'))}</th>${columns.quantity ? `<th scope="col" class="number">${text(t('invoice.lines.quantity'))}</th>` : ''}<th scope="col" class="number">${text(t('invoice.lines.amount'))}</th></tr></thead>
<tbody>${charges}</tbody>
</table>
<h2>${text(t('invoice.totals.caption'))}</h2>
<table class="totals">
<tbody>${totals.map(([label, amount, strong]) => `<tr${strong ? ' class="strong"' : ''}><th scope="row">${text(label)}</th><td class="number">${money(amount)}</td></tr>`).join('')}</tbody>
</table>
${
  payments
    ? `<h2>${text(t('invoice.payments.caption'))}</h2>
<table>
<thead><tr><th scope="col">${text(t('invoice.payments.date'))}</th><th scope="col">${text(t('invoice.payments.method'))}</th><th scope="col">${text(t('invoice.payments.receipt'))}</th><th scope="col">${text(t('invoice.payments.status'))}</th><th scope="col" class="number">${text(t('invoice.payments.amount'))}</th></tr></thead>
<tbody>${payments}</tbody>
</table>`
    : ''
}
${invoice.notes ? `<h2>${text(t('invoice.notes'))}</h2><p>${text(invoice.notes)}</p>` : ''}
</body>
</html>
`;
}
