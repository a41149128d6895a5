import { expect } from '@open-wc/testing';
import { lazyModule, lazyResource } from '../../components/api/lazy-resource.ts';
import { ApiClient, ApiError } from '../../components/index.ts';
import { deferred, json, rejection, signedOutService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

class Greeter {
  calls = 0;

  greet(name: string): Promise<string> {
    this.calls += 1;
    return Promise.resolve(`Hello, ${name}`);
  }

  link(id: string): string {
    return `/greetings/${id}`;
  }
}

describe('lazyResource', () => {
  it('has its methods at once, each waiting for the module, and calls the real instance once it is there', async () => {
    const arrival = deferred<Greeter>();
    let loads = 0;
    const greeter = lazyResource(() => {
      loads += 1;
      return arrival.promise;
    });
    const first = greeter.greet('Alex');
    expect(loads).to.equal(1);
    const real = new Greeter();
    arrival.resolve(real);
    expect(await first).to.equal('Hello, Alex');
    expect(await greeter.greet('Sam')).to.equal('Hello, Sam');
    expect(real.calls).to.equal(2);
    expect(greeter.greet, 'one function per method').to.equal(greeter.greet);
  });

  it('answers an eager member at once, and is never taken for a promise or serialized as one', async () => {
    let loads = 0;
    const greeter = lazyResource(
      () => {
        loads += 1;
        return Promise.resolve(new Greeter());
      },
      { link: (id: string) => `/greetings/${id}` },
    );
    expect(greeter.link('g_1')).to.equal('/greetings/g_1');
    expect((greeter as unknown as { then?: unknown }).then).to.equal(undefined);
    expect(await Promise.resolve(greeter)).to.equal(greeter);
    expect(JSON.stringify({ greeter })).to.equal('{"greeter":{}}');
    expect(loads, 'none of that loaded the module').to.equal(0);
  });

  it('rejects as a call without an answer when the module does not arrive, and asks for it again on the next call', async () => {
    let attempts = 0;
    const load = lazyModule(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve(new Greeter());
    });
    const greeter = lazyResource(load);
    const error = await rejection(greeter.greet('Alex'));
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('network_error');
    expect(await greeter.greet('Alex')).to.equal('Hello, Alex');
    expect(attempts).to.equal(2);
  });
});

describe('ApiClient resources that wait for the sign-in', () => {
  it('lists invoices with a client made signed out, and works out a calendar address without loading anything', async () => {
    const service = signedOutService().on('GET /api/v1/invoices', () => json(200, { data: [], nextCursor: null }));
    const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    expect(client.activities.calendarUrl('act 1')).to.equal('http://service.test/api/v1/activities/act%201/calendar.ics');
    await client.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    expect(await client.invoices.list({ status: 'open' })).to.deep.equal({ data: [], nextCursor: null });
    expect(service.calls('GET /api/v1/invoices')[0]!.url.searchParams.get('status')).to.equal('open');
    expect(client.sandbox('http://sandbox.test/').baseUrl).to.equal('http://sandbox.test');
  });
});
