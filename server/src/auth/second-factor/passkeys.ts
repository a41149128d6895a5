import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, RegistrationResponseJSON } from '@simplewebauthn/server';
import type * as SimpleWebAuthn from '@simplewebauthn/server';
import { Problem } from '../../http/problem.ts';

/** A stored passkey, as much of it as checking an assertion needs. */
export interface StoredPasskey {
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
}

/** The WebAuthn library, loaded when a passkey is first used: every command and start need not pay for it. */
let library: Promise<typeof SimpleWebAuthn> | undefined;
const webAuthn = () => (library ??= import('@simplewebauthn/server'));

/** How long a WebAuthn ceremony may take, from options to response. */
export const challengeLifetimeMs = 5 * 60_000;

/** Who the passkey is for: the hostname of the page (rpID) and its origin, checked when the response comes back. */
export interface RelyingParty {
  rpId: string;
  origin: string;
}

const passkeyInvalid = (detail = 'The passkey could not be verified. Try again, or use another way to sign in.') =>
  Problem.badRequest('passkey_invalid', detail);

/**
 * The relying party of a request: its Origin, which must be one of the firm's allowed origins or
 * the service's own, so a passkey is bound to the site its owner actually uses.
 */
export function relyingParty(origin: string | undefined, allowedOrigins: readonly string[], serviceOrigin: string): RelyingParty {
  if (!origin) throw Problem.badRequest('invalid_request', 'Passkeys work in a browser: the request needs an Origin header.');
  if (origin !== serviceOrigin && !allowedOrigins.includes(origin)) {
    throw Problem.forbidden('origin_not_allowed', `The origin ${origin} is not allowed for this firm.`);
  }
  return { rpId: new URL(origin).hostname, origin };
}

/** The challenge a browser's response answers (from its client data), to find it among the stored ones. */
export function answeredChallenge(credential: { response?: unknown }): string {
  const clientData = (credential.response as { clientDataJSON?: unknown } | undefined)?.clientDataJSON;
  if (typeof clientData !== 'string') throw passkeyInvalid('The passkey response has no client data.');
  try {
    const { challenge } = JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof challenge === 'string' && challenge.length > 0) return challenge;
  } catch {
    // Falls through to the same answer as a missing challenge.
  }
  throw passkeyInvalid('The passkey response is not readable.');
}

export async function registrationOptions(input: {
  rp: RelyingParty;
  rpName: string;
  /** The account's id: the user handle the authenticator keeps with a discoverable passkey. */
  userId: string;
  email: string;
  name: string;
  existing: readonly StoredPasskey[];
}) {
  const { generateRegistrationOptions } = await webAuthn();
  return generateRegistrationOptions({
    rpName: input.rpName,
    rpID: input.rp.rpId,
    userName: input.email,
    userDisplayName: input.name,
    userID: new TextEncoder().encode(input.userId),
    attestationType: 'none',
    excludeCredentials: input.existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export async function verifyRegistration(credential: unknown, challenge: { challenge: string; rpId: string; origin: string }) {
  try {
    const { verifyRegistrationResponse } = await webAuthn();
    const result = await verifyRegistrationResponse({
      response: credential as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: challenge.origin,
      expectedRPID: challenge.rpId,
      requireUserVerification: false,
    });
    if (!result.verified) throw passkeyInvalid();
    const { credential: created } = result.registrationInfo;
    return {
      credentialId: created.id,
      publicKey: Buffer.from(created.publicKey).toString('base64url'),
      counter: created.counter,
      transports: (created.transports ?? []) as string[],
    };
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw passkeyInvalid(`The passkey could not be verified: ${(error as Error).message}`);
  }
}

export async function authenticationOptions(rp: RelyingParty, passkeys: readonly StoredPasskey[]) {
  const { generateAuthenticationOptions } = await webAuthn();
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
    userVerification: 'preferred',
  });
}

/** Checks an assertion against the stored passkey; answers the authenticator's new signature counter. */
export async function verifyAuthentication(credential: unknown, passkey: StoredPasskey, challenge: { challenge: string; rpId: string; origin: string }) {
  try {
    const { verifyAuthenticationResponse } = await webAuthn();
    const result = await verifyAuthenticationResponse({
      response: credential as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: challenge.origin,
      expectedRPID: challenge.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: false,
    });
    if (!result.verified) throw passkeyInvalid();
    return result.authenticationInfo.newCounter;
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw passkeyInvalid(`The passkey could not be verified: ${(error as Error).message}`);
  }
}
