import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalSession } from '../../components/index.ts';
import '../../components/session/define.ts';
import { branding, json, signedOutService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

// A navy logo, as a firm whose brand colour is navy draws it.
const navyLogo =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="160" height="40"%3E%3Crect width="160" height="40" fill="%231f3a5f"/%3E%3C/svg%3E';

async function sessionFor(style: string): Promise<PortalSession> {
  const sheet = document.createElement('style');
  sheet.id = 'host-theme';
  sheet.textContent = style;
  document.head.append(sheet);
  const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, logoUrl: navyLogo }));
  const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  const session = await fixture<PortalSession>(html`<portal-session .client=${client}></portal-session>`);
  await waitUntil(() => session.shadowRoot!.querySelector('[part~="logo"]'), 'no logo');
  return session;
}

const logo = (session: PortalSession) => session.shadowRoot!.querySelector<HTMLImageElement>('[part~="logo"]')!;
const header = (session: PortalSession) => session.shadowRoot!.querySelector<HTMLElement>('[part~="header"]')!;

describe('<portal-session> logo on the header', () => {
  afterEach(() => document.querySelector('#host-theme')?.remove());

  it('puts a navy logo on a plate the page chooses, on the firm’s navy header, keeping the logo’s box', async () => {
    const plain = await sessionFor('');
    const box = logo(plain).getBoundingClientRect();
    expect(getComputedStyle(header(plain)).backgroundColor).to.equal('rgb(31, 58, 95)');
    expect(getComputedStyle(logo(plain)).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    document.querySelector('#host-theme')?.remove();

    const plated = await sessionFor('portal-session { --portal-session-logo-background: #ffffff; --portal-session-logo-padding: 0.25rem; }');
    const style = getComputedStyle(logo(plated));
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(style.paddingTop).to.equal('4px');
    const platedBox = logo(plated).getBoundingClientRect();
    expect([platedBox.width, platedBox.height]).to.deep.equal([box.width, box.height]);
    // The header keeps the firm's colour.
    expect(getComputedStyle(header(plated)).backgroundColor).to.equal('rgb(31, 58, 95)');
  });

  it('keeps the firm’s colour on the header under the dark theme, also as a part of another element', async () => {
    // As the dark theme does for <portal-app>, whose inner session is its part "session".
    class PartHost extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = '<portal-session part="session"></portal-session>';
      }
    }
    if (!customElements.get('test-part-host')) customElements.define('test-part-host', PartHost);
    const sheet = document.createElement('style');
    sheet.id = 'host-theme';
    sheet.textContent = `test-part-host {
        --portal-color-brand: #8ab4f8;
        --portal-session-header-background: #262c33;
      }
      test-part-host::part(session) {
        --portal-session-header-background: var(--portal-firm-color-brand, #262c33);
        --portal-session-header-color: var(--portal-firm-color-brand-contrast, #e8eaed);
      }`;
    document.head.append(sheet);
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, logoUrl: navyLogo }));
    const host = await fixture<HTMLElement>(html`<test-part-host></test-part-host>`);
    const session = host.shadowRoot!.querySelector<PortalSession>('portal-session')!;
    session.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    await waitUntil(() => session.shadowRoot?.querySelector('[part~="logo"]'), 'no logo');
    expect(getComputedStyle(header(session)).backgroundColor).to.equal('rgb(31, 58, 95)');
    expect(getComputedStyle(header(session)).color).to.equal('rgb(255, 255, 240)');
  });

  it('offers a light header through its tokens, for a logo made for light backgrounds', async () => {
    const light = await sessionFor('portal-session { --portal-session-header-background: #ffffff; --portal-session-header-color: #1b2430; }');
    expect(getComputedStyle(header(light)).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(header(light)).color).to.equal('rgb(27, 36, 48)');
  });
});
