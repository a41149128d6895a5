import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../db/ids.ts';

/** The one-time-password and QR code libraries, loaded when first needed: every command and start need not pay for them. */
const otp = () => import('otplib');
const qr = async () => ({ ...(await import('lean-qr')), ...(await import('lean-qr/extras/svg')) });

/** Codes are six digits for 30-second steps (RFC 6238 defaults, which every authenticator app reads). */
export const totpPeriod = 30;
/** How many steps either side of now a code may be from: phones' clocks drift. */
const toleranceSeconds = totpPeriod;

export const recoveryCodeCount = 10;

export async function newTotpSecret(): Promise<string> {
  return (await otp()).generateSecret();
}

/** What an authenticator app is set up from: the secret to type, the otpauth URI, and that URI as a QR code (SVG path data). */
export async function totpEnrollment(secret: string, issuer: string, account: string) {
  const { generateURI } = await otp();
  const { generate: qrCode, toSvgPath } = await qr();
  const otpauthUri = generateURI({ issuer, label: account, secret, period: totpPeriod });
  const code = qrCode(otpauthUri);
  return { secret, otpauthUri, qrCode: { size: code.size, path: toSvgPath(code) } };
}

/**
 * The time step a code matches at `now`, or null. `afterStep` refuses codes of that step or
 * earlier, so a code seen once (an eavesdropper's copy) does not work again.
 */
export async function matchTotp(secret: string, code: string, now: Date, afterStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const { verify } = await otp();
  const result = await verify({
    secret,
    token: code,
    period: totpPeriod,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: toleranceSeconds,
    ...(afterStep === null || afterStep === undefined ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use codes like `k7dm-x3qp-9wft`: about 70 bits each, easy to copy down. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A recovery code as typed (any case, spaces or hyphens) in the one form that is hashed. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** What is stored of a recovery code: the hash of its normalized form. */
export function recoveryCodeHash(input: string): string {
  return hashSecret(normalizeRecoveryCode(input));
}
