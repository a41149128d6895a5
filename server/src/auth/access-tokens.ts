import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';
import type { SigningKeys } from './signing-keys.ts';

/** Access tokens last ten minutes: short enough that revocation needs no lookup. */
export const accessTokenSeconds = 600;
export const accessTokenType = 'at+jwt';
export const accessTokenAudience = 'portico';

/**
 * A kind of token the service signs with its keys. Each kind has its own `typ` and audience, and
 * a token is only ever checked as one kind, so a token of one kind is refused wherever another
 * is expected (a staff token on the client API, a client token on the firm's).
 */
export interface TokenKind {
  typ: string;
  audience: string;
  /** Lifetime, at most ten minutes. */
  seconds: number;
}

export const clientTokenKind: TokenKind = { typ: accessTokenType, audience: accessTokenAudience, seconds: accessTokenSeconds };

export interface AccessClaims {
  contactId: string;
  firmId: string;
}

/** What a token of any kind says: who (`sub`), for which firm, and the kind's own claims. */
export interface TokenClaims {
  subject: string;
  firmId: string;
  claims: Record<string, unknown>;
}

/** How many verified tokens to remember; a token is checked by signature once, then by expiry. */
const verifiedCacheSize = 10_000;

/** Issues and checks the ES256 tokens the service signs: clients' access tokens, and other kinds. */
export class AccessTokens {
  /** One cache per kind, so a token verified as one kind is never taken for another. */
  #verified = new Map<TokenKind, Map<string, TokenClaims & { exp: number }>>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  /** A client's access token. */
  async issue(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    return this.issueAs(clientTokenKind, { subject: claims.contactId, firmId: claims.firmId });
  }

  async verify(token: string): Promise<AccessClaims> {
    const { subject, firmId } = await this.verifyAs(clientTokenKind, token);
    return { contactId: subject, firmId };
  }

  async issueAs(kind: TokenKind, input: { subject: string; firmId: string; claims?: Record<string, unknown> }): Promise<{ token: string; expiresIn: number }> {
    const { kid, privateKey } = await this.keys.current();
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT({ ...input.claims, firm: input.firmId })
      .setProtectedHeader({ alg: 'ES256', typ: kind.typ, kid })
      .setIssuer(this.issuer)
      .setAudience(kind.audience)
      .setSubject(input.subject)
      .setIssuedAt(now)
      .setExpirationTime(now + kind.seconds)
      .sign(privateKey);
    return { token, expiresIn: kind.seconds };
  }

  /** The token's claims when it is a valid token of `kind`; else a 401 problem. */
  async verifyAs(kind: TokenKind, token: string): Promise<TokenClaims> {
    let cache = this.#verified.get(kind);
    if (!cache) this.#verified.set(kind, (cache = new Map()));
    const known = cache.get(token);
    if (known) {
      if (known.exp * 1000 > this.clock().getTime()) return { subject: known.subject, firmId: known.firmId, claims: known.claims };
      cache.delete(token);
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
          audience: kind.audience,
          typ: kind.typ,
          requiredClaims: ['exp', 'iat', 'sub', 'firm'],
          maxTokenAge: kind.seconds,
          currentDate: this.clock(),
        },
      );
      if (typeof payload.firm !== 'string' || typeof payload.sub !== 'string') throw new errors.JWTInvalid('missing subject or firm');
      // A token minted to outlive its kind's lifetime was not minted by us.
      if (payload.exp! - payload.iat! > kind.seconds) throw new errors.JWTInvalid('lifetime too long');
      const { iss: _iss, aud: _aud, sub, iat: _iat, exp, firm, ...claims } = payload;
      const verified = { subject: sub, firmId: firm, claims };
      if (cache.size >= verifiedCacheSize) cache.delete(cache.keys().next().value!);
      cache.set(token, { ...verified, exp: exp! });
      return verified;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw Problem.unauthorized('token_expired', 'The access token has expired. Refresh it and try again.');
      throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    }
  }
}
