/**
 * Passkeys through the browser's own WebAuthn API (no library: the JSON forms of the options and
 * answers are what the service speaks): asking for one, making one, and why neither worked.
 * Shared by the client's sign-in and profile and the console's staff sign-in and account.
 */

/** The part of `navigator.credentials` that passkeys use; tests give an object of their own. */
export interface PasskeyCredentials {
  get(options: CredentialRequestOptions): Promise<Credential | null>;
  create(options: CredentialCreationOptions): Promise<Credential | null>;
}

/** Why a passkey could not be used, as the sign-in and the account screen say it. */
export type PasskeyFailure = 'unsupported' | 'cancelled';

/** Thrown when the browser cannot use passkeys, or the person did not use one. */
export class PasskeyError extends Error {
  constructor(readonly failure: PasskeyFailure) {
    super(`passkey ${failure}`);
    this.name = 'PasskeyError';
  }
}

type JsonCredential = Credential & { toJSON(): unknown };

function webAuthn(): typeof PublicKeyCredential | undefined {
  const api = (globalThis as { PublicKeyCredential?: typeof PublicKeyCredential }).PublicKeyCredential;
  return api && typeof api.parseRequestOptionsFromJSON === 'function' && typeof api.parseCreationOptionsFromJSON === 'function' ? api : undefined;
}

/** The credentials container to use: the one given, else the browser's, else none. */
export function browserCredentials(given: PasskeyCredentials | undefined): PasskeyCredentials | undefined {
  return given ?? (typeof navigator !== 'undefined' ? navigator.credentials : undefined);
}

function answerOf(credential: Credential | null): unknown {
  if (!credential || typeof (credential as JsonCredential).toJSON !== 'function') throw new PasskeyError('cancelled');
  return (credential as JsonCredential).toJSON();
}

/** Browsers report a dismissed prompt (or none available) as `NotAllowedError`/`AbortError`. */
function asPasskeyError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError' || error.name === 'InvalidStateError')
    ? new PasskeyError('cancelled')
    : error;
}

/** Asks the browser for a passkey answering the service's request options; gives `credential.toJSON()`. */
export async function requestPasskey(credentials: PasskeyCredentials | undefined, options: unknown, signal: AbortSignal): Promise<unknown> {
  const api = webAuthn();
  if (!api || !credentials) throw new PasskeyError('unsupported');
  const publicKey = api.parseRequestOptionsFromJSON(options as PublicKeyCredentialRequestOptionsJSON);
  try {
    return answerOf(await credentials.get({ publicKey, signal }));
  } catch (error) {
    throw asPasskeyError(error, signal);
  }
}

/** Asks the browser to make a passkey from the service's creation options; gives `credential.toJSON()`. */
export async function createPasskey(credentials: PasskeyCredentials | undefined, options: unknown, signal: AbortSignal): Promise<unknown> {
  const api = webAuthn();
  if (!api || !credentials) throw new PasskeyError('unsupported');
  const publicKey = api.parseCreationOptionsFromJSON(options as PublicKeyCredentialCreationOptionsJSON);
  try {
    return answerOf(await credentials.create({ publicKey, signal }));
  } catch (error) {
    throw asPasskeyError(error, signal);
  }
}

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(credentials?: PasskeyCredentials): boolean {
  return webAuthn() !== undefined && browserCredentials(credentials) !== undefined;
}
