import { translator, type Language } from '../i18n/index.ts';
import { clientMethodBrand } from './bank-names.ts';

/** A payment method as receipts, invoices and emails name it. */
export interface LabelledMethod {
  type: string;
  /** The card's network (`visa`), or a bank account's bank. */
  brand: string | null;
  last4: string | null;
}

/** Card networks as their owners write them, the same in every language. */
const cardBrands: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** A card network's name: `amex` → "American Express"; one this table does not know as the processor wrote it. */
export function cardBrandName(brand: string): string {
  return cardBrands[brand.toLowerCase()] ?? brand;
}

/**
 * How a payment was made, in words a client reads in `language`: "Visa ending in 4242",
 * "Wells Fargo Bank account ending in 6789", "Check". A bank's name is the one a client knows
 * (never a processor's test bank).
 */
export function methodLabel(method: LabelledMethod, language: Language): string {
  const t = translator(language);
  const { last4 } = method;
  switch (method.type) {
    case 'card':
      return method.brand && last4 ? t('method.card', { brand: cardBrandName(method.brand), last4 }) : t('method.card-plain');
    case 'us_bank_account': {
      const bank = clientMethodBrand(method);
      if (bank && last4) return t('method.bank', { bank, last4 });
      return last4 ? t('method.bank-account', { last4 }) : t('method.bank-plain');
    }
    case 'check':
      return t('method.check');
    case 'wire':
      return t('method.wire');
    case 'cash':
      return t('method.cash');
    default:
      return t('method.other');
  }
}
