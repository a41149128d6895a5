/** Sign-in, sessions and the secrets around them (access tokens, refresh families, invitations, resets, token exchange). */
export * as authContract from './auth.contract.ts';
export { AccessTokens, type TokenKind } from './access-tokens.ts';
export { AssertionVerifier } from './assertions.ts';
export { AuthRepository } from './auth.repository.ts';
export { assertStrongPassword, authRoutes, refreshCookieOptions } from './auth.routes.ts';
export { AuthService, publicContact } from './auth.service.ts';
export { requireClient, requireFirmKey, type StaffAuthenticator } from './authenticate.ts';
export { decoyHash, hashPassword, passwordRules, verifyPassword } from './passwords.ts';
export { RefreshFamilies, type OwnedRefreshToken, type RefreshTables } from './refresh-families.ts';
export { refreshLifetimeMs, rotateRefreshToken, type RefreshStore, type StoredRefreshToken } from './refresh-rotation.ts';
export { PortalLogins } from './portal-logins.ts';
export { SigningKeys } from './signing-keys.ts';
