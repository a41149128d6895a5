/**
 * The currencies of one country each, whose amounts are read by that country's conventions (the
 * euro and other shared currencies have none): a firm that bills in US dollars is in the United
 * States, so its Spanish-reading clients see es-US formats. An ISO 4217 code of a national
 * currency begins with its country's ISO 3166 code (USD: US, GBP: GB).
 */
const nationalCurrencies = new Set(
  'AED ARS AUD BRL CAD CHF CLP CNY COP CZK DKK GBP HKD HUF IDR ILS INR JPY KRW MXN MYR NOK NZD PEN PHP PLN SEK SGD THB TRY TWD USD ZAR'.split(' '),
);

/** The region (ISO 3166 code) of a currency's country, e.g. "US" for USD; undefined for a shared currency such as EUR. */
export function currencyRegion(currency: string | undefined): string | undefined {
  const code = currency?.toUpperCase();
  return code && nationalCurrencies.has(code) ? code.slice(0, 2) : undefined;
}
