import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/** A public key the firm's backend signs sign-in assertions with: EC P-256 (ES256) or RSA of at least 2048 bits (RS256). */
export type PublicJwk =
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid?: string; alg?: 'ES256'; use?: 'sig' }
  | { kty: 'RSA'; n: string; e: string; kid?: string; alg?: 'RS256'; use?: 'sig' };

/**
 * How a firm whose own site already signs its clients in hands them to the portal: its backend
 * signs a short-lived assertion (a JWT) that `POST /auth/token-exchange` turns into a session.
 * The keys are published at `jwksUrl` or listed in `publicKeys` (exactly one of them).
 */
export interface IdentitySettings {
  /** The assertion's `iss`, exactly. */
  issuer: string;
  /** The assertion's `aud`, exactly (one of its values when it is a list). */
  audience: string;
  jwksUrl?: string;
  publicKeys?: PublicJwk[];
  /** Create a contact for a client the firm has not added yet (else they are refused). */
  autoProvision: boolean;
}

/** JWK members that only a private or secret key has: a firm pasting one must be told, not have it stored. */
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .max(2048);

const jwkSchema = z
  .looseObject({
    kty: z.enum(['EC', 'RSA'], { error: 'must be EC (P-256) or RSA' }),
    crv: z.string().max(20).optional(),
    x: base64url.optional(),
    y: base64url.optional(),
    n: base64url.optional(),
    e: base64url.optional(),
    kid: z.string().min(1).max(200).optional(),
    alg: z.enum(['ES256', 'RS256'], { error: 'must be ES256 or RS256' }).optional(),
    use: z.literal('sig', { error: 'must be sig' }).optional(),
  })
  .superRefine((jwk, ctx) => {
    const secret = privateMembers.filter((member) => member in jwk);
    if (secret.length) {
      ctx.addIssue({ code: 'custom', message: `must be a public key: remove ${secret.join(', ')} (and treat that private key as exposed)` });
      return;
    }
    const problem = publicKeyProblem(jwk);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((jwk): PublicJwk => {
    const common = { ...(jwk.kid ? { kid: jwk.kid } : {}), ...(jwk.use ? { use: jwk.use } : {}) };
    return jwk.kty === 'EC'
      ? { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, ...common, ...(jwk.alg ? { alg: 'ES256' as const } : {}) }
      : { kty: 'RSA', n: jwk.n!, e: jwk.e!, ...common, ...(jwk.alg ? { alg: 'RS256' as const } : {}) };
  });

/** Why a JWK is not a usable public verification key, or null when it is. */
function publicKeyProblem(jwk: { kty: 'EC' | 'RSA'; crv?: string; x?: string; y?: string; n?: string; e?: string; alg?: string }): string | null {
  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256') return 'must be on the P-256 curve (crv "P-256") for ES256';
    if (!jwk.x || !jwk.y) return 'needs x and y';
    if (jwk.alg && jwk.alg !== 'ES256') return 'alg must be ES256 for an EC key';
  } else {
    if (!jwk.n || !jwk.e) return 'needs n and e';
    if (jwk.alg && jwk.alg !== 'RS256') return 'alg must be RS256 for an RSA key';
  }
  let key;
  try {
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, n: jwk.n, e: jwk.e }, format: 'jwk' });
  } catch {
    return 'is not a valid public key';
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return 'must be an RSA key of at least 2048 bits';
  return null;
}

export const identitySchema = z
  .strictObject({
    issuer: z.string().min(1, 'is required').max(500),
    audience: z.string().min(1, 'is required').max(500),
    jwksUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .optional(),
    publicKeys: z.array(jwkSchema).min(1, 'must hold at least one key').max(10).optional(),
    autoProvision: z.boolean().default(false),
  })
  .refine((identity) => (identity.jwksUrl === undefined) !== (identity.publicKeys === undefined), {
    message: 'must have exactly one of jwksUrl and publicKeys',
  });
