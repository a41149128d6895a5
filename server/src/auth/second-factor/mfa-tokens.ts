import { randomUUID } from 'node:crypto';
import { Problem } from '../../http/problem.ts';
import type { AccessTokens, TokenKind } from '../access-tokens.ts';

/** What the hand-over between the first factor and the second allows: giving a second factor, or setting up a first one. */
export type MfaPurpose = 'mfa' | 'enroll';

/** What a valid MFA token says: whose it is, in which firm, and its own id (to count wrong codes on it). */
export interface MfaTokenClaims {
  subject: string;
  firmId: string;
  purpose: MfaPurpose;
  tokenId: string;
  /** How the first factor was given (password, email_code, …): recorded with the sign-in it completes. */
  via?: string;
}

export const mfaTokenInvalid = () => Problem.unauthorized('mfa_token_invalid', 'This sign-in step has expired. Please sign in again.');

/**
 * The short-lived token a correct first factor answers with when a second one is needed (or must
 * be set up first). Signed like an access token but of its own kind, so it opens nothing else.
 */
export class MfaTokens {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly kind: TokenKind,
  ) {}

  async issue(input: { subject: string; firmId: string; purpose: MfaPurpose; via?: string }): Promise<string> {
    const claims: Record<string, unknown> = { purpose: input.purpose, jti: randomUUID() };
    if (input.via) claims.via = input.via;
    return (await this.tokens.issueAs(this.kind, { subject: input.subject, firmId: input.firmId, claims })).token;
  }

  /** The token's claims when it is valid and for `purpose`; else `mfa_token_invalid`. */
  async verify(token: string, purpose?: MfaPurpose): Promise<MfaTokenClaims> {
    let verified;
    try {
      verified = await this.tokens.verifyAs(this.kind, token);
    } catch {
      throw mfaTokenInvalid();
    }
    const { claims } = verified;
    if (claims.purpose !== 'mfa' && claims.purpose !== 'enroll') throw mfaTokenInvalid();
    if (purpose && claims.purpose !== purpose) throw mfaTokenInvalid();
    return {
      subject: verified.subject,
      firmId: verified.firmId,
      purpose: claims.purpose,
      tokenId: typeof claims.jti === 'string' ? claims.jti : token.slice(-32),
      ...(typeof claims.via === 'string' ? { via: claims.via } : {}),
    };
  }

  /** The firm a token names: to open that firm's scope for the step it authorises. */
  async firmOf(token: string): Promise<string> {
    return (await this.verify(token)).firmId;
  }
}
