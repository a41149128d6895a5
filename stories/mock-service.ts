// A mocked token service for the stories: an ApiClient whose fetch answers from memory after a
// short, realistic delay. Nothing reaches the network.
import { ApiClient, type Branding, type Contact, type SignIn } from '../components/index.ts';

export const demoContact: Contact = { id: 'con_demo', firmId: 'firm_demo', email: 'alex@example.com', name: 'Alex Rivera' };

const logo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">' +
      '<rect width="40" height="40" rx="6" fill="#b8860b"/><text x="20" y="27" font-family="Georgia" font-size="18" ' +
      'text-anchor="middle" fill="#1f3a5f">HW</text></svg>',
  );

export const demoBranding: Branding = {
  slug: 'demo',
  name: 'Hale & Whitmore LLP',
  currency: 'USD',
  logoUrl: logo,
  colors: { brand: '#1f3a5f', brandContrast: '#ffffff', accent: '#b8860b' },
  fontFamily: null,
  sections: { activities: true, invoices: true, payments: true, messages: true, files: true },
};

/** A firm with its own colours and font in the service's branding (not in page CSS). */
export const themedBranding: Branding = {
  ...demoBranding,
  slug: 'harbor',
  name: 'Harbor Legal Group',
  logoUrl: null,
  colors: { brand: '#0f5c4d', brandContrast: '#ffffff', accent: '#c2571a' },
  fontFamily: "'Trebuchet MS', 'Segoe UI', sans-serif",
};

export interface MockOptions {
  /** How the branding call ends. */
  branding?: Branding | 'never' | 'offline' | 'unknown-firm';
  /** Whether an earlier sign-in can be resumed from the refresh cookie. */
  signedIn?: boolean;
  /** How a sign-in attempt (login, invitation, reset) ends. */
  signIn?: 'ok' | 'never' | 'wrong-password' | 'rate-limited' | 'offline' | 'invitation-invalid';
  /** Milliseconds before each answer. */
  latency?: number;
}

type Answer = Response | 'offline' | 'never';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

const session = (): SignIn => ({ accessToken: 'story-token', tokenType: 'Bearer', expiresIn: 600, contact: demoContact });

function answerFor(route: string, options: MockOptions, state: { signedIn: boolean }): Answer {
  const branding = options.branding ?? demoBranding;
  if (route.startsWith('GET /api/v1/firms/')) {
    if (branding === 'never' || branding === 'offline') return branding;
    if (branding === 'unknown-firm') return problem(404, 'firm_not_found', 'No firm has this slug.');
    return json(200, branding);
  }
  switch (route) {
    case 'POST /api/v1/auth/refresh':
      return state.signedIn ? json(200, session()) : problem(401, 'refresh_missing', 'There is no sign-in to resume.');
    case 'POST /api/v1/auth/logout':
      state.signedIn = false;
      return new Response(null, { status: 204 });
    case 'POST /api/v1/auth/password-reset/request':
      return json(202, { accepted: true });
    case 'POST /api/v1/auth/login':
    case 'POST /api/v1/auth/invitations/accept':
    case 'POST /api/v1/auth/password-reset/confirm':
      switch (options.signIn ?? 'ok') {
        case 'never':
          return 'never';
        case 'offline':
          return 'offline';
        case 'wrong-password':
          return problem(401, 'invalid_credentials', 'The email or password is incorrect.');
        case 'rate-limited':
          return problem(429, 'rate_limited', 'Too many attempts.', { 'Retry-After': '300' });
        case 'invitation-invalid':
          return problem(400, 'invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
        case 'ok':
          state.signedIn = true;
          return json(200, session());
      }
      break;
    case 'GET /api/v1/me':
      return state.signedIn ? json(200, { contact: demoContact, firm: branding }) : problem(401, 'token_missing', 'Sign in first.');
  }
  return problem(404, 'not_found', `The mock service has no answer for ${route}.`);
}

/** An ApiClient for the demo firm, answered by the mock service. */
export function mockClient(options: MockOptions = {}): ApiClient {
  const state = { signedIn: options.signedIn ?? false };
  const latency = options.latency ?? 400;
  return new ApiClient({
    baseUrl: 'https://portal.example-law.test',
    firm: typeof options.branding === 'object' ? options.branding.slug : 'demo',
    fetch: (input, init) =>
      new Promise<Response>((resolve, reject) => {
        const route = `${init.method ?? 'GET'} ${new URL(input).pathname}`;
        const signal = init.signal;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        setTimeout(() => {
          const answer = answerFor(route, options, state);
          if (answer === 'offline') reject(new TypeError('Failed to fetch'));
          else if (answer !== 'never') resolve(answer);
        }, latency);
      }),
  });
}
