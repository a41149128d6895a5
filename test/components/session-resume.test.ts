import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalSession } from '../../components/index.ts';
import '../../components/session/define.ts';
import { json, problem, signIn, signedOutService, type FakeService } from './fake-service.ts';
import { beforeEach, describe, it } from './mocha.ts';

// A signed-out page must not ask the service to resume a sign-in that cannot exist: every such
// request is a 401 in the browser's console on every load. The client remembers (a flag, nothing
// else) that it signed in, and asks only then; the refresh cookie itself stays HttpOnly.
const baseUrl = 'http://resume.test';
const refresh = 'POST /api/v1/auth/refresh';

const clientFor = (service: FakeService) => new ApiClient({ baseUrl, firm: 'demo', fetch: service.fetch });
const part = (session: PortalSession, name: string) => session.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** A page load: a new client (nothing in memory) in a new `<portal-session>`, settled. */
async function load(service: FakeService): Promise<PortalSession> {
  const session = await fixture<PortalSession>(html`<portal-session .client=${clientFor(service)}><p>Portal</p></portal-session>`);
  await waitUntil(() => session.session.status !== 'unknown', 'the session did not settle');
  return session;
}

/** Whatever remembers the sign-in, as this browser keeps it across loads. */
const remembered = () => Object.keys(localStorage).filter((key) => key.startsWith('portico:'));

describe('<portal-session>: resuming a sign-in on load', () => {
  beforeEach(() => {
    for (const key of remembered()) localStorage.removeItem(key);
  });

  it('asks nothing of a browser that never signed in: the login shows and no 401 is logged', async () => {
    const service = signedOutService();
    const session = await load(service);
    expect(session.session.status).to.equal('signed-out');
    expect(part(session, 'login')).to.exist;
    expect(service.calls(refresh)).to.have.length(0);
  });

  it('resumes after a sign-in, on the next load, and keeps no token or name in storage', async () => {
    const first = signedOutService();
    await clientFor(first).auth.login({ email: 'alex@example.com', password: 'secret' });
    expect(remembered()).to.have.length(1);
    const stored = localStorage.getItem(remembered()[0]!)!;
    expect(stored).not.to.contain('access-1');
    expect(stored).not.to.contain('Alex');

    const reload = signedOutService().on(refresh, () => json(200, signIn()));
    const session = await load(reload);
    expect(session.session.status).to.equal('signed-in');
    expect(reload.calls(refresh)).to.have.length(1);
  });

  it('asks nothing after the client signed out', async () => {
    const service = signedOutService().on(refresh, () => json(200, signIn()));
    const client = clientFor(service);
    await client.auth.login({ email: 'alex@example.com', password: 'secret' });
    await client.auth.logout();
    const next = signedOutService();
    await load(next);
    expect(next.calls(refresh)).to.have.length(0);
  });

  it('asks once more after a sign-in the service has since ended, then no more', async () => {
    await clientFor(signedOutService()).auth.login({ email: 'alex@example.com', password: 'secret' });
    const ended = signedOutService().on(refresh, () => problem(401, 'refresh_expired', 'The sign-in has ended.'));
    expect((await load(ended)).session.status).to.equal('signed-out');
    expect(ended.calls(refresh)).to.have.length(1);
    const next = signedOutService();
    await load(next);
    expect(next.calls(refresh)).to.have.length(0);
  });

  it("still signs in with the firm's site assertion when there is nothing to resume", async () => {
    const service = signedOutService().on('POST /api/v1/auth/token-exchange', () => json(200, signIn()));
    const session = await fixture<PortalSession>(
      html`<portal-session .client=${clientFor(service)} assertion="header.payload.signature"><p>Portal</p></portal-session>`,
    );
    await waitUntil(() => session.session.status === 'signed-in', 'the assertion did not sign the client in');
    expect(service.calls(refresh)).to.have.length(0);
  });
});
