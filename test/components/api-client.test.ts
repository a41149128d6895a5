import { expect } from '@open-wc/testing';
import { ApiClient, ApiError, type SessionChange } from '../../components/index.ts';
import { contact, deferred, type FakeService, json, problem, rejection, signIn, signedOutService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

const BASE = 'http://service.test';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: `${BASE}/`, firm: 'demo', fetch: service.fetch });
}

describe('ApiClient', () => {
  it('signs in with the firm, email and password, sending the refresh cookie', async () => {
    const service = signedOutService();
    const client = clientFor(service);
    const answer = await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });

    expect('contact' in answer && answer.contact).to.deep.equal(contact);
    expect(client.contact).to.deep.equal(contact);
    const [login] = service.calls('POST /api/v1/auth/login');
    expect(login!.url.href).to.equal(`${BASE}/api/v1/auth/login`);
    expect(login!.body).to.deep.equal({ firm: 'demo', email: 'alex@example.com', password: 'portico-demo' });
    expect(login!.credentials).to.equal('include');
  });

  it('keeps the access token in memory only and sends it as a Bearer token', async () => {
    const service = signedOutService();
    const client = clientFor(service);
    localStorage.clear();
    sessionStorage.clear();
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    await client.me();

    const [me] = service.calls('GET /api/v1/me');
    expect(me!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(me!.credentials).to.equal('omit');
    // Only a flag that this browser signed in (so a later load may resume it): no token, no name.
    expect(Object.entries(localStorage)).to.deep.equal([['portico:may-resume:http://service.test/api/v1/auth', '1']]);
    expect(sessionStorage.length).to.equal(0);
    expect(document.cookie).not.to.include('access-1');
    expect(JSON.stringify(client)).not.to.include('access-1');
  });

  it('loads the public branding without credentials', async () => {
    const service = signedOutService();
    const branding = await clientFor(service).branding();
    expect(branding.name).to.equal('Hale & Whitmore LLP');
    const [call] = service.calls('GET /api/v1/firms/demo/branding');
    expect(call!.headers.has('Authorization')).to.equal(false);
    expect(call!.credentials).to.equal('omit');
  });

  it('resumes the sign-in from the refresh cookie before an authenticated call when it has no token', async () => {
    const service = signedOutService().on('POST /api/v1/auth/refresh', () => json(200, signIn('access-2')));
    const client = clientFor(service);
    const me = await client.me();
    expect(me.contact.name).to.equal('Alex Rivera');
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
    expect(service.calls('GET /api/v1/me')[0]!.headers.get('Authorization')).to.equal('Bearer access-2');
  });

  it('shares one refresh between concurrent 401s and retries each call once', async () => {
    const refreshAnswer = deferred<Response>();
    const service = signedOutService()
      .on('GET /api/v1/me', (request) =>
        request.headers.get('Authorization') === 'Bearer fresh'
          ? json(200, { contact, firm: {} })
          : problem(401, 'token_expired', 'The access token has expired.'),
      )
      .on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    const client = clientFor(service);
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });

    const calls = Promise.all([client.me(), client.me(), client.me()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    refreshAnswer.resolve(json(200, signIn('fresh')));
    const answers = await calls;

    expect(answers.map((answer) => answer.contact.id)).to.deep.equal(['con_1', 'con_1', 'con_1']);
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
    expect(service.calls('GET /api/v1/me')).to.have.length(6);
  });

  it('retries only once: a second 401 is the caller’s error', async () => {
    const service = signedOutService()
      .on('GET /api/v1/me', () => problem(401, 'token_invalid', 'The access token is not valid.'))
      .on('POST /api/v1/auth/refresh', () => json(200, signIn('fresh')));
    const client = clientFor(service);
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });

    const error = await rejection(client.me());
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('token_invalid');
    expect(service.calls('GET /api/v1/me')).to.have.length(2);
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
  });

  it('does not refresh for a 401 that is not about the access token, such as a wrong code', async () => {
    const service = signedOutService()
      .on('GET /api/v1/me', () => problem(401, 'mfa_code_invalid', 'The code is incorrect.'))
      .on('POST /api/v1/auth/refresh', () => json(200, signIn('fresh')));
    const client = clientFor(service);
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });

    const error = await rejection(client.me());
    expect((error as ApiError).code).to.equal('mfa_code_invalid');
    expect(service.calls('GET /api/v1/me')).to.have.length(1);
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(0);
    expect(client.contact?.id, 'still signed in').to.equal(contact.id);
  });

  it('turns a problem answer into an ApiError with status, code, detail and field errors', async () => {
    const service = signedOutService().on('POST /api/v1/auth/login', () =>
      problem(400, 'invalid_request', 'The request is not valid.', { errors: [{ field: 'email', message: 'Must be an email.' }] }),
    );
    const error = (await rejection(clientFor(service).auth.login({ email: 'x', password: 'y' }))) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(400);
    expect(error.code).to.equal('invalid_request');
    expect(error.detail).to.equal('The request is not valid.');
    expect(error.message).to.equal('The request is not valid.');
    expect(error.errors).to.deep.equal([{ field: 'email', message: 'Must be an email.' }]);
  });

  it('reads Retry-After from a rate-limited answer', async () => {
    const service = signedOutService().on('POST /api/v1/auth/login', () => problem(429, 'rate_limited', 'Too many attempts.', {}, { 'Retry-After': '90' }));
    const error = (await rejection(clientFor(service).auth.login({ email: 'a@b.co', password: 'y' }))) as ApiError;
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(90);
  });

  it('gives an answer that is not a problem a code from its status', async () => {
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const error = (await rejection(clientFor(service).branding())) as ApiError;
    expect(error.status).to.equal(502);
    expect(error.code).to.equal('http_502');
  });

  it('turns a network failure into a readable network_error', async () => {
    const client = new ApiClient({
      baseUrl: BASE,
      firm: 'demo',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const error = (await rejection(client.branding())) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.code).to.equal('network_error');
    expect(error.status).to.equal(0);
    expect(error.detail).to.match(/could not be reached/);
  });

  it('honours an abort signal', async () => {
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const call = clientFor(service).branding({ signal: controller.signal });
    controller.abort();
    const error = await rejection(call);
    expect(error).not.to.be.instanceOf(ApiError);
    expect((error as Error).name).to.equal('AbortError');
    expect(service.calls('GET /api/v1/firms/demo/branding')[0]!.signal?.aborted).to.equal(true);
  });

  it('lets one caller abort its wait for a shared refresh without cancelling it for the others', async () => {
    const refreshAnswer = deferred<Response>();
    const service = signedOutService().on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    const client = clientFor(service);
    const controller = new AbortController();
    const abandoned = client.auth.refresh({ signal: controller.signal });
    const kept = client.auth.refresh();
    controller.abort();
    refreshAnswer.resolve(json(200, signIn('fresh')));
    expect(((await rejection(abandoned)) as Error).name).to.equal('AbortError');
    expect((await kept).accessToken).to.equal('fresh');
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
  });

  it('reports sign-in, sign-out and a lost sign-in to its listeners', async () => {
    const service = signedOutService();
    const client = clientFor(service);
    const changes: SessionChange[] = [];
    const stop = client.onSessionChange((change) => changes.push(change));

    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    await client.auth.logout();
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    service
      .on('GET /api/v1/me', () => problem(401, 'token_expired', 'Expired.'))
      .on('POST /api/v1/auth/refresh', () => problem(401, 'refresh_reused', 'Reused.'));
    const error = (await rejection(client.me())) as ApiError;
    stop();

    expect(error.code).to.equal('refresh_reused');
    expect(changes.map((change) => `${change.status}/${change.reason}`)).to.deep.equal([
      'signed-in/sign-in',
      'signed-out/sign-out',
      'signed-in/sign-in',
      'signed-out/expired',
    ]);
    expect(client.contact).to.equal(undefined);
    expect(service.calls('POST /api/v1/auth/logout')[0]!.credentials).to.equal('include');
  });

  it('forgets the sign-in on logout even when the service cannot be reached', async () => {
    const service = signedOutService().on('POST /api/v1/auth/logout', () => Promise.reject(new TypeError('Failed to fetch')));
    const client = clientFor(service);
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    const error = (await rejection(client.auth.logout())) as ApiError;
    expect(error.code).to.equal('network_error');
    expect(client.contact).to.equal(undefined);
  });

  it('asks nothing for a call that needs a token once the client signed out here, and keeps no refresh answered after the sign-out', async () => {
    const refreshAnswer = deferred<Response>();
    const service = signedOutService().on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    const client = clientFor(service);
    const changes: SessionChange[] = [];
    client.onSessionChange((change) => changes.push(change));
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    // A refresh is on its way (another section's call, say) when the client signs out.
    const refreshing = client.auth.refresh();
    await client.auth.logout();
    refreshAnswer.resolve(json(200, signIn('late')));
    await refreshing;
    expect(client.contact, 'the late refresh did not sign the client back in').to.equal(undefined);

    // A section's call after the sign-out meets the same answer a refresh would give, without asking.
    const error = (await rejection(client.me())) as ApiError;
    expect(error.status).to.equal(401);
    expect(error.code).to.equal('refresh_missing');
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
    expect(service.calls('GET /api/v1/me')).to.have.length(0);
    expect(changes.map((change) => `${change.status}/${change.reason}`)).to.deep.equal(['signed-in/sign-in', 'signed-out/sign-out']);

    // Signing in again here makes calls as before.
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    expect((await client.me()).contact.name).to.equal('Alex Rivera');
  });

  it('sends the firm with a password-reset request, and tokens with invitation and reset confirmations', async () => {
    const service = signedOutService()
      .on('POST /api/v1/auth/password-reset/request', () => json(202, { accepted: true }))
      .on('POST /api/v1/auth/password-reset/confirm', () => json(200, signIn()))
      .on('POST /api/v1/auth/invitations/accept', () => json(200, signIn()));
    const client = clientFor(service);
    expect(await client.auth.requestPasswordReset({ email: 'alex@example.com' })).to.deep.equal({ accepted: true });
    await client.auth.confirmPasswordReset({ token: 'reset-token', password: 'a-long-password' });
    await client.auth.acceptInvitation({ token: 'invite-token', password: 'a-long-password' });
    expect(service.calls('POST /api/v1/auth/password-reset/request')[0]!.body).to.deep.equal({ firm: 'demo', email: 'alex@example.com' });
    expect(service.calls('POST /api/v1/auth/password-reset/confirm')[0]!.body).to.deep.equal({ token: 'reset-token', password: 'a-long-password' });
    expect(service.calls('POST /api/v1/auth/invitations/accept')[0]!.body).to.deep.equal({ token: 'invite-token', password: 'a-long-password' });
  });
});
