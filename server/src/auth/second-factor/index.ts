/**
 * What staff and clients share about second factors: authenticator-app codes (TOTP), passkeys
 * (WebAuthn), recovery codes and the short-lived MFA token between the first factor and the second.
 */
export {
  answeredChallenge,
  authenticationOptions,
  challengeLifetimeMs,
  registrationOptions,
  relyingParty,
  verifyAuthentication,
  verifyRegistration,
  type RelyingParty,
  type StoredPasskey,
} from './passkeys.ts';
export { matchTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, recoveryCodeCount, recoveryCodeHash, totpEnrollment, totpPeriod } from './totp.ts';
export { matchPendingTotp, mfaCodeInvalid, startTotpEnrolment, type TotpEnrolmentDeps } from './enrolment.ts';
export { SecondFactorStore, type OwnedChallenge, type OwnedPasskey, type SecondFactorTables, type StoredTotp } from './factor-store.ts';
export { MfaTokens, mfaTokenInvalid, type MfaPurpose, type MfaTokenClaims } from './mfa-tokens.ts';

/** How a second factor was given. */
export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';
