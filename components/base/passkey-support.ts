/**
 * Whether this browser can use passkeys: all that a sign-in form needs before the client asks
 * for one (components/base/passkeys.ts does the asking, and loads with what asks).
 */

/** The part of `navigator.credentials` that passkeys use; tests give an object of their own. */
export interface PasskeyCredentials {
  get(options: CredentialRequestOptions): Promise<Credential | null>;
  create(options: CredentialCreationOptions): Promise<Credential | null>;
}

/** The browser's WebAuthn API, when it reads and writes the JSON forms the service speaks. */
export function webAuthn(): typeof PublicKeyCredential | undefined {
  const api = (globalThis as { PublicKeyCredential?: typeof PublicKeyCredential }).PublicKeyCredential;
  return api && typeof api.parseRequestOptionsFromJSON === 'function' && typeof api.parseCreationOptionsFromJSON === 'function' ? api : undefined;
}

/** The credentials container to use: the one given, else the browser's, else none. */
export function browserCredentials(given: PasskeyCredentials | undefined): PasskeyCredentials | undefined {
  return given ?? (typeof navigator !== 'undefined' ? navigator.credentials : undefined);
}

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(credentials?: PasskeyCredentials): boolean {
  return webAuthn() !== undefined && browserCredentials(credentials) !== undefined;
}
