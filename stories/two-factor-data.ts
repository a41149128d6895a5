// A small stand-in for the token service's second-factor routes, for the two-factor stories: the
// sign-in's second step and <portal-two-factor-settings>. Everything else answers as signed in.
import { ApiClient } from '../components/index.ts';
import { demoBranding } from './mock-service.ts';

export type FactorsAnswer = 'full' | 'empty' | 'off' | 'required' | 'error' | 'never';
export type LoginAnswer = 'totp' | 'passkey' | 'enroll';

const contact = { id: 'con_story', firmId: 'firm_story', email: 'alex@example.com', name: 'Alex Morgan', locale: null };
const session = { accessToken: 'story-token', tokenType: 'Bearer', expiresIn: 600, contact };
const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  otpauthUri: 'otpauth://totp/Hale:alex@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DP',
  qrCode: {
    size: 21,
    path: 'M0 0h7v1H0zM0 6h7v1H0zM0 0h1v7H0zM6 0h1v7H6zM2 2h3v3H2zM14 0h7v1h-7zM14 6h7v1h-7zM14 0h1v7h-1zM20 0h1v7h-1zM16 2h3v3h-3zM0 14h7v1H0zM0 20h7v1H0zM0 14h1v7H0zM6 14h1v7H6zM2 16h3v3H2zM9 9h3v3H9zM14 14h2v2h-2zM18 18h3v3h-3z',
  },
};
const recoveryCodes = ['k7dm-x3qp-9wft', 'a2bc-d4ef-g5hj', 'm6np-q7rs-t8uv', 'w9xy-z2ab-c3de', 'f4gh-j5km-n6pq'];
const passkeys = [
  { id: 'cpk_1', name: 'Phone', createdAt: '2026-02-01T10:00:00Z', lastUsedAt: '2026-03-01T09:00:00Z' },
  { id: 'cpk_2', name: 'Laptop', createdAt: '2026-02-10T10:00:00Z', lastUsedAt: null },
];

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

function factors(answer: FactorsAnswer) {
  const setting = answer === 'off' ? 'off' : answer === 'required' ? 'required' : 'optional';
  const some = answer === 'full' || answer === 'required';
  return { setting, totp: some ? { enabledAt: '2026-02-01T10:00:00Z' } : null, passkeys: some ? passkeys : [], recoveryCodesLeft: some ? 8 : 0 };
}

/** An ApiClient whose second-factor routes answer as `options` say. */
export function twoFactorClient(options: { factors?: FactorsAnswer; login?: LoginAnswer; signedIn?: boolean } = {}): ApiClient {
  return new ApiClient({
    baseUrl: 'https://portal.example-law.test',
    firm: 'demo',
    fetch: (input, init) =>
      new Promise<Response>((resolve) => {
        const route = `${init.method ?? 'GET'} ${new URL(input).pathname.replace('/api/v1', '')}`;
        const answer = (): Response | undefined => {
          if (route.startsWith('GET /firms/')) return json(200, { ...demoBranding, clientTwoFactor: 'optional' });
          switch (route) {
            case 'POST /auth/refresh':
              return options.signedIn ? json(200, session) : problem(401, 'refresh_missing', 'Not signed in.');
            case 'GET /auth/two-factor':
              if (options.factors === 'never') return undefined;
              return options.factors === 'error' ? problem(500, 'internal_error', 'The service failed.') : json(200, factors(options.factors ?? 'full'));
            case 'POST /auth/login':
              if (options.login === 'enroll') return json(200, { enrollmentRequired: true, mfaToken: 'story-enrol' });
              return json(200, {
                mfaRequired: true,
                mfaToken: 'story-mfa',
                methods: options.login === 'passkey' ? ['passkey', 'recovery_code'] : ['totp', 'passkey', 'recovery_code'],
              });
            case 'POST /auth/mfa':
              return json(200, session);
            case 'POST /auth/two-factor/totp/setup':
              return json(200, setup);
            case 'POST /auth/two-factor/totp/confirm':
              return json(200, { recoveryCodes, ...(options.signedIn ? {} : { signIn: session }) });
            case 'POST /auth/two-factor/recovery-codes':
              return json(200, { recoveryCodes });
            case 'DELETE /auth/two-factor/totp':
              return new Response(null, { status: 204 });
            default:
              return problem(404, 'not_found', `No story answer for ${route}.`);
          }
        };
        setTimeout(() => {
          const response = answer();
          if (response) resolve(response);
        }, 300);
      }),
  });
}
