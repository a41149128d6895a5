/** Bank routing and account numbers as the client types them. Pure functions only. */

/** The ABA routing-number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

export type RoutingProblem = 'required' | 'incomplete' | 'invalid';

/**
 * What is wrong with a routing number. While the client is still typing (`typing`), a short
 * number is not a problem yet; nine digits are checked at once.
 */
export function routingProblem(routing: string, typing = false): RoutingProblem | undefined {
  if (!routing) return typing ? undefined : 'required';
  if (!/^\d*$/.test(routing)) return 'invalid';
  if (routing.length < 9) return typing ? undefined : 'incomplete';
  return abaValid(routing) ? undefined : 'invalid';
}

export type AccountNumberProblem = 'required' | 'invalid';

/** US account numbers have 4 to 17 digits. */
export function accountNumberProblem(account: string): AccountNumberProblem | undefined {
  if (!account) return 'required';
  return /^\d{4,17}$/.test(account) ? undefined : 'invalid';
}
