// A stand-in for the token service: answers an ApiClient's fetch calls from routes a test sets,
// and records every request. Nothing reaches the network.
import { SignInMarker } from '../../components/api/sign-in-marker.ts';
import type { Branding, Contact, SignIn } from '../../components/index.ts';

export interface RecordedRequest {
  method: string;
  url: URL;
  /** "POST /api/v1/auth/login" */
  route: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | undefined;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export const contact: Contact = { id: 'con_1', firmId: 'firm_1', email: 'alex@example.com', name: 'Alex Rivera', locale: null };

export const branding: Branding = {
  slug: 'demo',
  name: 'Hale & Whitmore LLP',
  currency: 'USD',
  logoUrl: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/%3E',
  colors: { brand: '#1f3a5f', brandContrast: '#fffff0', accent: '#b8860b' },
  fontFamily: 'Georgia, serif',
  sections: { activities: true, invoices: true, payments: true, messages: true, files: true },
  paymentMethods: { card: true, bankLink: true, bankAccount: true },
  minimumPayment: 100,
  maxUploadBytes: 25 * 1024 * 1024,
  plans: { enabled: false, maxInstalments: 6, minInstalment: 5_000 },
};

export function signIn(accessToken = 'access-1', who: Contact = contact): SignIn {
  return { accessToken, tokenType: 'Bearer', expiresIn: 600, contact: who };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** A promise with its resolve function, for answers a test releases when it chooses. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class FakeService {
  readonly requests: RecordedRequest[] = [];
  readonly #routes = new Map<string, Handler>();

  /** Answers `route` ("GET /api/v1/me") with `handler`, replacing an earlier answer. */
  on(route: string, handler: Handler | Response): this {
    this.#routes.set(route, typeof handler === 'function' ? handler : () => handler.clone());
    return this;
  }

  /** Requests made to `route` so far. */
  calls(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  /** The `fetch` to give an ApiClient. */
  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input, window.location.href);
    const method = init.method ?? 'GET';
    const request: RecordedRequest = {
      method,
      url,
      route: `${method} ${url.pathname}`,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
      signal: init.signal ?? undefined,
    };
    this.requests.push(request);
    const signal = request.signal;
    if (signal?.aborted) throw signal.reason;
    const handler = this.#routes.get(request.route);
    const answer = handler ? Promise.resolve(handler(request)) : Promise.resolve(problem(404, 'not_found', `No route for ${request.route}`));
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
}

/**
 * Whether this browser signed in to the test service before: a page asks to resume a sign-in
 * only then. The services that resume one set it, so that no test depends on what an earlier
 * file left in the browser's storage.
 */
export const signedInBefore = new SignInMarker('http://service.test/api/v1/auth');

/** A service for a firm whose client is signed out, with working sign-in routes. */
export function signedOutService(): FakeService {
  return new FakeService()
    .on('GET /api/v1/firms/demo/branding', () => json(200, branding))
    .on('POST /api/v1/auth/refresh', () => problem(401, 'refresh_missing', 'No refresh token.'))
    .on('POST /api/v1/auth/login', () => json(200, signIn()))
    .on('POST /api/v1/auth/logout', () => new Response(null, { status: 204 }))
    .on('GET /api/v1/me', () => json(200, { contact, firm: branding }));
}

/** What `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
