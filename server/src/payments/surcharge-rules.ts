/**
 * Where a card surcharge may be added, and how much: the data the surcharge rules read, kept in
 * one place with its sources. Review it when a state changes its law or a card network its rules.
 *
 * Sources:
 * - Card networks: Visa Core Rules and Visa Product and Service Rules, "Surcharging Credit Cards –
 *   U.S. Region" (a surcharge on credit cards only, never debit or prepaid; at most 3 %, shown
 *   before payment and on the receipt); Mastercard Rules, Chapter 5.12.2 (the same for U.S.
 *   credit cards, at most 3 %). Hence the 3 % ceiling on the firm's setting.
 * - States that forbid surcharges on card payments (Visa's "Merchant Surcharging Considerations
 *   and Requirements" lists them):
 *   CT: Conn. Gen. Stat. § 42-133ff(a);
 *   ME: Me. Rev. Stat. tit. 9-A, § 8-509;
 *   MA: Mass. Gen. Laws ch. 140D, § 28A;
 *   PR: Puerto Rico's Department of Consumer Affairs (DACO) rules on credit-card payments.
 * - States that cap them below the networks' 3 %:
 *   CO: Colo. Rev. Stat. § 5-2-212 (2 % of the amount, or the merchant's cost if lower).
 * - ZIP code prefixes: USPS, "Publication 65 – National Five-Digit ZIP Code and Post Office
 *   Directory" / the L002 three-digit ZIP code prefix list (sectional center facilities).
 */

/** A U.S. state, district or territory by its USPS two-letter code. */
export type StateCode = string;

/** States where a card surcharge is against the law: none is ever added for a client there. */
export const surchargeBannedStates: ReadonlySet<StateCode> = new Set(['CT', 'ME', 'MA', 'PR']);

/** States that allow a surcharge but cap it below the networks' ceiling, in percent. */
export const surchargeCaps: Readonly<Record<StateCode, number>> = { CO: 2 };

/** The card networks' ceiling for a U.S. credit-card surcharge, in percent (Visa, Mastercard). */
export const networkSurchargeCap = 3;

/**
 * Three-digit ZIP prefixes to states, as inclusive ranges in ascending order (USPS). Military
 * (AA, AE, AP) prefixes map to their codes, which no rule names, so they are treated as allowed.
 */
const zipPrefixRanges: readonly (readonly [from: number, to: number, state: StateCode])[] = [
  [5, 5, 'NY'],
  [6, 7, 'PR'],
  [8, 8, 'VI'],
  [9, 9, 'PR'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [90, 99, 'AE'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [340, 340, 'AA'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 732, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [962, 966, 'AP'],
  [967, 968, 'HI'],
  [969, 969, 'GU'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** The state a U.S. ZIP code (5 digits, or ZIP+4) belongs to, or null when it is not one. */
export function stateOfZip(postalCode: string | null | undefined): StateCode | null {
  const match = /^\s*(\d{3})\d{2}(?:-?\d{4})?\s*$/.exec(postalCode ?? '');
  if (!match) return null;
  const prefix = Number(match[1]);
  for (const [from, to, state] of zipPrefixRanges) {
    if (prefix < from) return null;
    if (prefix <= to) return state;
  }
  return null;
}
