import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';
import type { SigningKeys } from './signing-keys.ts';

/** Access tokens last ten minutes: short enough that revocation needs no lookup. */
export const accessTokenSeconds = 600;
export const accessTokenType = 'at+jwt';
export const accessTokenAudience = 'portico';

export interface AccessClaims {
  contactId: string;
  firmId: string;
}

/** How many verified tokens to remember; a token is checked by signature once, then by expiry. */
const verifiedCacheSize = 10_000;

/** Issues and checks the ES256 access tokens clients send as `Authorization: Bearer …`. */
export class AccessTokens {
  #verified = new Map<string, AccessClaims & { exp: number }>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  async issue(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const { kid, privateKey } = await this.keys.current();
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT({ firm: claims.firmId })
      .setProtectedHeader({ alg: 'ES256', typ: accessTokenType, kid })
      .setIssuer(this.issuer)
      .setAudience(accessTokenAudience)
      .setSubject(claims.contactId)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTokenSeconds)
      .sign(privateKey);
    return { token, expiresIn: accessTokenSeconds };
  }

  async verify(token: string): Promise<AccessClaims> {
    const known = this.#verified.get(token);
    if (known) {
      if (known.exp * 1000 > this.clock().getTime()) return { contactId: known.contactId, firmId: known.firmId };
      this.#verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(
        token,
        async (header: JWTHeaderParameters) => {
          const key = await this.keys.verificationKey(header.kid);
          if (!key) throw new errors.JWKSNoMatchingKey();
          return key;
        },
        {
          algorithms: ['ES256'],
          issuer: this.issuer,
          audience: accessTokenAudience,
          typ: accessTokenType,
          requiredClaims: ['exp', 'iat', 'sub', 'firm'],
          maxTokenAge: accessTokenSeconds,
          currentDate: this.clock(),
        },
      );
      if (typeof payload.firm !== 'string' || typeof payload.sub !== 'string') throw new errors.JWTInvalid('missing subject or firm');
      // A token minted to outlive the ten-minute rule was not minted by us.
      if (payload.exp! - payload.iat! > accessTokenSeconds) throw new errors.JWTInvalid('lifetime too long');
      const claims = { contactId: payload.sub, firmId: payload.firm };
      if (this.#verified.size >= verifiedCacheSize) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, { ...claims, exp: payload.exp! });
      return claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw Problem.unauthorized('token_expired', 'The access token has expired. Refresh it and try again.');
      throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    }
  }
}
