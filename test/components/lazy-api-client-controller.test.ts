import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ApiClient } from '../../components/api/api-client.ts';
import { apiContext } from '../../components/controllers/contexts.ts';
import { LazyApiClientController } from '../../components/controllers/lazy-api-client-controller.ts';
import { describe, it } from './mocha.ts';

/** An element that finds its client lazily, and counts the updates it was asked for. */
class LazyClientProbe extends LitElement {
  static override properties = { api: {}, firm: {} };
  api = '';
  firm = '';
  client: ApiClient | undefined;
  updatesAsked = 0;
  readonly lookup = new LazyApiClientController(this);

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    this.updatesAsked += 1;
    super.requestUpdate(...args);
  }
}
customElements.define('test-lazy-client-probe', LazyClientProbe);

/** Provides an API client to what it holds, as `<portal-session>` does. */
class ClientProvider extends LitElement {
  readonly provided = new ApiClient({ baseUrl: 'http://session.test', firm: 'session-firm' });
  readonly provider = new ContextProvider(this, { context: apiContext, initialValue: this.provided });
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
customElements.define('test-client-provider', ClientProvider);

describe('LazyApiClientController', () => {
  it('alone, has no client until the module has loaded, then makes one from api and firm and updates its host', async () => {
    const probe = await fixture<LazyClientProbe>(html`<test-lazy-client-probe api="http://service.test/" firm="demo"></test-lazy-client-probe>`);
    const asked = probe.updatesAsked;
    expect(probe.lookup.value, 'nothing to send with before the module is there').to.equal(undefined);
    const client = await probe.lookup.ready();
    expect(client).to.be.instanceOf(ApiClient);
    expect(client!.baseUrl).to.equal('http://service.test');
    expect(client!.firm).to.equal('demo');
    expect(probe.lookup.value, 'the same client every time').to.equal(client);
    expect(probe.updatesAsked, 'the host updates once the client can be had').to.be.greaterThan(asked);

    probe.firm = 'other';
    expect(probe.lookup.value!.firm, 'a new client for another firm').to.equal('other');
  });

  it('uses a client set on the element, or the session’s, without waiting', async () => {
    const own = new ApiClient({ baseUrl: 'http://own.test', firm: 'own' });
    const probe = await fixture<LazyClientProbe>(html`<test-lazy-client-probe firm="demo" .client=${own}></test-lazy-client-probe>`);
    expect(probe.lookup.value).to.equal(own);
    expect(await probe.lookup.ready()).to.equal(own);

    const provider = await fixture<ClientProvider>(
      html`<test-client-provider><test-lazy-client-probe firm="demo"></test-lazy-client-probe></test-client-provider>`,
    );
    const inside = provider.querySelector<LazyClientProbe>('test-lazy-client-probe')!;
    expect(inside.lookup.value, 'the session’s client, at once').to.equal(provider.provided);
    expect(await inside.lookup.ready()).to.equal(provider.provided);
  });

  it('has no client without a firm', async () => {
    const probe = await fixture<LazyClientProbe>(html`<test-lazy-client-probe></test-lazy-client-probe>`);
    expect(await probe.lookup.ready()).to.equal(undefined);
  });
});
