import { translator, type Language } from '../i18n/index.ts';

/** What labelling an invoice's adjustments reads of it. */
export interface AdjustedInvoice {
  discount: number;
  tax: number;
  lines: ReadonlyArray<{ kind: string; description: string | null; amount: number }>;
}

/**
 * The discounts and taxes between subtotal and total, labelled in `language` as the portal's
 * invoice labels them (components/invoice/invoice-labels.ts): one per discount or tax line
 * ("Discount: Courtesy"), or the invoice's totals when it has no such lines.
 */
export function invoiceAdjustments(invoice: AdjustedInvoice, language: Language): Array<{ label: string; amount: number }> {
  const t = translator(language);
  const labelled = (line: AdjustedInvoice['lines'][number]) => {
    const kind = line.kind === 'discount' ? t('invoice.line.discount') : t('invoice.line.tax');
    return line.description ? `${kind}: ${line.description}` : kind;
  };
  const discounts = invoice.lines.filter((line) => line.kind === 'discount');
  const taxes = invoice.lines.filter((line) => line.kind === 'tax');
  return [
    ...(discounts.length
      ? discounts.map((line) => ({ label: labelled(line), amount: line.amount }))
      : invoice.discount
        ? [{ label: t('invoice.totals.discount'), amount: invoice.discount }]
        : []),
    ...(taxes.length
      ? taxes.map((line) => ({ label: labelled(line), amount: line.amount }))
      : invoice.tax
        ? [{ label: t('invoice.totals.tax'), amount: invoice.tax }]
        : []),
  ];
}
