/**
 * Bank names as a client knows them. Processors report a bank's name as the routing directory
 * writes it ("WELLS FARGO BANK, NA"), and in test mode a made-up one ("STRIPE TEST BANK") that no
 * client would recognise as their bank; both reach clients in replies, authorizations and emails.
 */

/** Names processors give their test banks: shown to a client as a neutral label. */
const testBank = /^(?:stripe\s+)?test\s+(?:bank|institution)$/i;
export const testBankLabel = 'Test bank';

/** Parts of bank names written in capitals (legal forms, initials), and names with their own casing. */
const keptAsWritten = new Map(
  ['NA', 'N.A.', 'FSB', 'SSB', 'NB', 'USA', 'US', 'USAA', 'FCU', 'CU', 'TD', 'PNC', 'BMO', 'HSBC', 'BB&T', 'JPMorgan', 'SunTrust', 'BancorpSouth'].map(
    (word) => [word.toUpperCase(), word],
  ),
);
const minorWords = new Set(['of', 'and', 'the', 'de', 'du', 'la', 'for']);

/**
 * A payment method's brand as clients read it, wherever they read it (replies, receipts, emails,
 * authorizations): a card's network as the processor gave it, a bank's name as the client knows it.
 */
export function clientMethodBrand(method: { type: string; brand: string | null }): string | null {
  return method.type === 'us_bank_account' ? clientBankName(method.brand) : method.brand;
}

/**
 * The name to show a client for the bank a processor named: test banks as "Test bank", a name in
 * capitals in title case ("Wells Fargo Bank, NA"), any other name as written; null when there is none.
 */
export function clientBankName(name: string | null | undefined): string | null {
  const trimmed = name?.replace(/\s+/g, ' ').trim();
  if (!trimmed) return null;
  if (testBank.test(trimmed)) return testBankLabel;
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed
    .split(' ')
    .map((word, index) => {
      const bare = word.replace(/[,;]$/, '');
      const tail = word.slice(bare.length);
      const kept = keptAsWritten.get(bare);
      if (kept) return kept + tail;
      const lower = bare.toLowerCase();
      if (index > 0 && minorWords.has(lower)) return lower + tail;
      // "FIRST-CITIZENS" → "First-Citizens"; a word of initials with no vowel ("PNC") stays as it is.
      if (!/[AEIOUY]/.test(bare)) return word;
      return lower.replace(/(^|[-'/&.])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase()) + tail;
    })
    .join(' ');
}
