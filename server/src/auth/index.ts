/** Sign-in, sessions and the secrets around them (access tokens, refresh families, invitations, resets, token exchange). */
export * as authContract from './auth.contract.ts';
export * as twoFactorContract from './two-factor.contract.ts';
export * as secondFactorContract from './second-factor/second-factor.contract.ts';
export { AccessTokens, type TokenKind } from './access-tokens.ts';
export { AssertionVerifier } from './assertions.ts';
export * as accountContract from './account.contract.ts';
export { accountRoutes } from './account.routes.ts';
export { AccountService } from './account.service.ts';
export { AuthRepository } from './auth.repository.ts';
export { assertStrongPassword, authRoutes, refreshCookieOptions } from './auth.routes.ts';
export { AuthService, publicContact } from './auth.service.ts';
export { requireClient, requireFirmKey, type StaffAuthenticator } from './authenticate.ts';
export { decoyHash, hashPassword, passwordRules, verifyPassword } from './passwords.ts';
export { RefreshFamilies, type OwnedRefreshToken, type RefreshTables } from './refresh-families.ts';
export { refreshLifetimeMs, rotateRefreshToken, type RefreshStore, type StoredRefreshToken } from './refresh-rotation.ts';
export { PortalLogins } from './portal-logins.ts';
export { SigningKeys } from './signing-keys.ts';
export {
  MfaTokens,
  mfaTokenInvalid,
  answeredChallenge,
  authenticationOptions,
  challengeLifetimeMs,
  matchPendingTotp,
  matchTotp,
  mfaCodeInvalid,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  recoveryCodeHash,
  registrationOptions,
  relyingParty,
  SecondFactorStore,
  startTotpEnrolment,
  totpEnrollment,
  verifyAuthentication,
  verifyRegistration,
  type OwnedPasskey,
  type SecondFactorMethod,
  type StoredPasskey,
  type TotpEnrolmentDeps,
} from './second-factor/index.ts';
