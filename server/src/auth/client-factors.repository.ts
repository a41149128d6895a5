import type { Storage } from '../db/storage.ts';
import { SecondFactorStore, type OwnedPasskey } from './second-factor/index.ts';

/** A client's passkey; its owner is the contact. */
export type ClientPasskey = OwnedPasskey;

/** Registration and authentication belong to a known contact; `sign_in` is a passkey sign-in that names nobody yet. */
export type ClientChallengePurpose = 'registration' | 'authentication' | 'sign_in';

/** Clients' second factors: authenticator apps, recovery codes, passkeys and WebAuthn challenges, owned by contacts. */
export class ClientFactorsRepository extends SecondFactorStore<ClientChallengePurpose> {
  constructor(storage: Storage) {
    super(storage, {
      totp: 'client_totp',
      recoveryCodes: 'client_recovery_codes',
      passkeys: 'client_passkeys',
      challenges: 'client_challenges',
      owner: 'contact_id',
      recoveryCodeIdPrefix: 'crc',
      passkeyIdPrefix: 'cpk',
      challengeIdPrefix: 'cch',
      // A passkey sign-in's challenge names nobody yet, so the firm's finished ones are swept together.
      sweepChallengesOf: 'firm',
    });
  }
}
