/**
 * The country whose conventions a currency's amounts are read by, for the currencies of one
 * country (the euro and other shared currencies have none): a firm that bills in US dollars is in
 * the United States, so its Spanish-reading clients see es-US formats.
 */
const currencyCountries: Readonly<Record<string, string>> = {
  AED: 'AE',
  ARS: 'AR',
  AUD: 'AU',
  BRL: 'BR',
  CAD: 'CA',
  CHF: 'CH',
  CLP: 'CL',
  CNY: 'CN',
  COP: 'CO',
  CZK: 'CZ',
  DKK: 'DK',
  GBP: 'GB',
  HKD: 'HK',
  HUF: 'HU',
  IDR: 'ID',
  ILS: 'IL',
  INR: 'IN',
  JPY: 'JP',
  KRW: 'KR',
  MXN: 'MX',
  MYR: 'MY',
  NOK: 'NO',
  NZD: 'NZ',
  PEN: 'PE',
  PHP: 'PH',
  PLN: 'PL',
  SEK: 'SE',
  SGD: 'SG',
  THB: 'TH',
  TRY: 'TR',
  TWD: 'TW',
  USD: 'US',
  ZAR: 'ZA',
};

/** The region (ISO 3166 code) of a currency's country, e.g. "US" for USD; undefined for a shared currency such as EUR. */
export function currencyRegion(currency: string | undefined): string | undefined {
  return currency ? currencyCountries[currency.toUpperCase()] : undefined;
}
