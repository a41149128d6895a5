/** Sign-in, sessions and the secrets around them (access tokens, refresh families, invitations, resets, token exchange). */
export * as authContract from './auth.contract.ts';
export { AccessTokens } from './access-tokens.ts';
export { AssertionVerifier } from './assertions.ts';
export { AuthRepository } from './auth.repository.ts';
export { authRoutes } from './auth.routes.ts';
export { AuthService, publicContact } from './auth.service.ts';
export { requireClient, requireFirmKey } from './authenticate.ts';
export { hashPassword } from './passwords.ts';
export { PortalLogins } from './portal-logins.ts';
export { SigningKeys } from './signing-keys.ts';
