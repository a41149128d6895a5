/**
 * Passkeys through the browser's own WebAuthn API (no library: the JSON forms of the options and
 * answers are what the service speaks): asking for one, making one, and why neither worked.
 * Shared by the client's sign-in and profile and the console's staff sign-in and account.
 */
import { webAuthn, type PasskeyCredentials } from './passkey-support.ts';

// Whether passkeys can be used at all is a module of its own, which a sign-in form loads without the rest.
export { browserCredentials, passkeysSupported, type PasskeyCredentials } from './passkey-support.ts';

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
