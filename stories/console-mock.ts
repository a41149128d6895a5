// A stand-in token service for the console's stories: a staff member of the demo firm signed in
// with a role, and the admin routes each screen's stories add. Answers after `latency` ms, like
// the real service over a network.
import { SignInMarker } from '../components/api/sign-in-marker.ts';
import { ConsoleClient } from '../components/console/api/console-client.ts';
import type { StaffMe, StaffRole } from '../components/console/api/types.ts';
import { accessFor } from '../server/src/staff/roles.ts';
import { answerAfter } from './answers-due.ts';
import { demoBranding } from './mock-service.ts';

/** How one route answers: a JSON body (200), a `Response`, `'never'` (loading forever) or `'offline'` (a network failure). */
export type ConsoleAnswer = Response | 'never' | 'offline' | Record<string, unknown> | unknown[];

/** Answers a request, or undefined to fall through to the next handler. */
export type ConsoleHandler = (method: string, url: URL, body: unknown) => ConsoleAnswer | undefined;

export interface ConsoleMockOptions {
  role?: StaffRole;
  latency?: number;
  signedIn?: boolean;
  /** Each screen's answers, tried in order before the sign-in routes. */
  handlers?: ConsoleHandler[];
}

export const consoleProblem = (status: number, code: string, detail: string): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export function storyStaffMe(role: StaffRole = 'owner'): StaffMe {
  return {
    staff: {
      id: `stf_story_${role}`,
      email: 'margaret@example.com',
      name: 'Margaret Hale',
      role,
      status: 'active',
      lastSignInAt: '2026-12-01T15:04:00.000Z',
      createdAt: '2026-01-05T09:00:00.000Z',
    },
    firm: { slug: 'demo', name: demoBranding.name, staffTwoFactor: 'optional' },
    twoFactor: { totp: true, passkeys: [], recoveryCodesLeft: 10 },
    // What the service answers for `role`: its own rule, not a copy of it.
    access: accessFor(role) as StaffMe['access'],
  };
}

/** A ConsoleClient for the demo firm, answered by the mock. */
export function consoleMockClient({ role = 'owner', latency = 300, signedIn = true, handlers = [] }: ConsoleMockOptions = {}): ConsoleClient {
  const me = storyStaffMe(role);
  const signIn = { accessToken: 'story-staff-token', expiresIn: 600, staff: me.staff, access: me.access };
  const state = { signedIn };
  const baseUrl = 'https://portal.example-law.test';
  // The mark a sign-in leaves in the browser: without it the console does not try to resume one.
  new SignInMarker(`${baseUrl}/api/v1/staff/auth`).remember(signedIn);
  return new ConsoleClient({
    baseUrl,
    firm: 'demo',
    fetch: (input, init) =>
      new Promise<Response>((resolve, reject) => {
        const url = new URL(input);
        const method = init.method ?? 'GET';
        const route = `${method} ${url.pathname}`;
        const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
        const signal = init.signal;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        answerAfter(latency, () => {
          let answer: ConsoleAnswer | undefined;
          for (const handler of handlers) {
            answer = handler(method, url, body);
            if (answer !== undefined) break;
          }
          answer ??= signInAnswer(route, state, signIn, me);
          if (answer === 'offline') reject(new TypeError('Failed to fetch'));
          else if (answer === 'never') return;
          else resolve(answer instanceof Response ? answer : jsonResponse(200, answer));
        });
      }),
  });
}

function signInAnswer(route: string, state: { signedIn: boolean }, signIn: object, me: StaffMe): ConsoleAnswer {
  switch (route) {
    case 'GET /api/v1/firms/demo/branding':
      return demoBranding as unknown as Record<string, unknown>;
    case 'POST /api/v1/staff/auth/refresh':
      return state.signedIn ? { ...signIn } : consoleProblem(401, 'refresh_missing', 'No refresh token.');
    case 'POST /api/v1/staff/auth/login':
      state.signedIn = true;
      return { ...signIn };
    case 'POST /api/v1/staff/auth/logout':
      state.signedIn = false;
      return new Response(null, { status: 204 });
    case 'GET /api/v1/admin/staff/me':
      return state.signedIn ? { ...me } : consoleProblem(401, 'token_missing', 'Sign in first.');
  }
  return consoleProblem(404, 'not_found', `The mock service has no answer for ${route}.`);
}
