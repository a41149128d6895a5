import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  ApiClient,
  currencyDigits,
  formatDate,
  formatDuration,
  formatMoney,
  languageOf,
  loadMessages,
  t,
  translations,
  withLanguage,
  type Messages,
  type PortalLogin,
} from '../../components/index.ts';
import { languageLoaders } from '../../components/i18n/translations.ts';
import '../../components/login/define.ts';
import { signedOutService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

describe('i18n', () => {
  it('fills in named parameters', () => {
    expect(t('login.heading.sign-in-firm', { firm: 'Lakeside Law' })).to.equal('Sign in to Lakeside Law');
    expect(t('login.heading.sign-in')).to.equal('Sign in');
  });

  it('falls back from a regional or unknown language to English', () => {
    expect(withLanguage('en-GB', () => t('common.retry'))).to.equal('Try again');
    expect(withLanguage('xx', () => t('common.retry'))).to.equal('Try again');
  });

  it('uses a language added with the same keys', () => {
    const mutable = translations as Record<string, Messages>;
    mutable.zz = { ...translations.en!, 'common.retry': 'Réessayer' };
    try {
      expect(withLanguage('zz-ZZ', () => t('common.retry'))).to.equal('Réessayer');
    } finally {
      delete mutable.zz;
    }
  });

  it('formats money from minor units with the currency’s own digits', () => {
    expect(currencyDigits('USD')).to.equal(2);
    expect(currencyDigits('JPY')).to.equal(0);
    expect(currencyDigits('KWD')).to.equal(3);
    expect(formatMoney(123456, 'USD', 'en-US')).to.equal('$1,234.56');
    expect(formatMoney(1500, 'JPY', 'en-US')).to.equal('¥1,500');
    expect(formatMoney(1500, 'KWD', 'en-US')).to.match(/^KWD\s1\.500$/);
    expect(formatMoney(-2500, 'eur', 'de-DE')).to.match(/^-25,00\s€$/);
  });

  it('formats a date-only value as the same calendar day everywhere', () => {
    expect(formatDate('2025-03-31', 'en-US', 'long')).to.equal('March 31, 2025');
    expect(formatDate('2025-03-31T12:00:00Z', 'en-US', 'short')).to.match(/^3\/3[01]\/25$/);
  });

  it('survives a page language that is not a valid locale', () => {
    expect(formatMoney(100, 'USD', 'not a locale!')).to.equal('$1.00');
  });

  it('formats durations in words', () => {
    expect(formatDuration(45, 'en')).to.equal('45 seconds');
    expect(formatDuration(61, 'en')).to.equal('2 minutes');
  });

  it('finds the nearest lang attribute, through shadow roots', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="es-MX"><span></span></div>`);
    const host = outer.querySelector('span')!;
    const inner = document.createElement('b');
    host.attachShadow({ mode: 'open' }).append(inner);
    expect(languageOf(inner)).to.equal('es-MX');
    outer.setAttribute('lang', 'fr');
    expect(languageOf(inner)).to.equal('fr');
    expect(languageOf(document.createElement('i'))).to.equal(document.documentElement.lang || navigator.language);
    expect(LitElement).to.exist;
  });
});

/** A `<portal-login>` under `lang`, added to the page by hand so that no frame passes before the first look. */
async function loginUnder(lang: string): Promise<{ wrapper: HTMLDivElement; login: PortalLogin }> {
  const wrapper = document.createElement('div');
  wrapper.lang = lang;
  const login = document.createElement('portal-login');
  login.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: signedOutService().fetch });
  wrapper.append(login);
  document.body.append(wrapper);
  await login.updateComplete;
  return { wrapper, login };
}

const heading = (login: PortalLogin) => login.shadowRoot!.querySelector('[part="heading"]')!.textContent!.trim();

// These run before anything in this page has asked for Spanish: the first test sees it arrive.
describe('i18n: languages on demand', () => {
  const added: HTMLElement[] = [];
  afterEach(() => {
    for (const element of added.splice(0)) element.remove();
  });

  it('builds in English only, and renders in English until the Spanish table arrives, then in Spanish', async () => {
    expect(Object.keys(translations)).to.deep.equal(['en']);
    const { wrapper, login } = await loginUnder('es-MX');
    added.push(wrapper);
    // Rendered before the table could arrive: English, never a key.
    expect(heading(login)).to.equal('Sign in');
    await waitUntil(() => heading(login) === 'Iniciar sesión', 'the login never switched to Spanish');
    expect(translations.es, 'the Spanish table is at hand once loaded').to.exist;
    expect(login.shadowRoot!.querySelector('label[for="email"]')!.textContent!.trim()).to.equal('Correo electrónico');
  });

  it('follows a lang attribute changed at run time, both ways', async () => {
    const { wrapper, login } = await loginUnder('en');
    added.push(wrapper);
    expect(heading(login)).to.equal('Sign in');
    wrapper.lang = 'es';
    await waitUntil(() => heading(login) === 'Iniciar sesión', 'did not switch to Spanish');
    wrapper.lang = 'en-US';
    await waitUntil(() => heading(login) === 'Sign in', 'did not switch back to English');
  });

  it('stays in English for a language it has no table for, and fetches nothing', async () => {
    const before = performance.getEntriesByType('resource').length;
    expect(await loadMessages('xx-YY')).to.equal(false);
    const { wrapper, login } = await loginUnder('xx-YY');
    added.push(wrapper);
    await login.updateComplete;
    expect(heading(login)).to.equal('Sign in');
    expect(
      performance
        .getEntriesByType('resource')
        .slice(before)
        .map((entry) => entry.name),
    ).to.deep.equal([]);
  });

  it('stays in English, quietly, when a language’s module cannot be fetched', async () => {
    const failed = new TypeError('Failed to fetch dynamically imported module');
    let attempts = 0;
    languageLoaders.set('qq', () => {
      attempts += 1;
      return Promise.reject(failed);
    });
    const logged: unknown[] = [];
    const { error, warn } = console;
    console.error = (...args: unknown[]) => logged.push(args);
    console.warn = (...args: unknown[]) => logged.push(args);
    try {
      const { wrapper, login } = await loginUnder('qq');
      added.push(wrapper);
      expect(await loadMessages('qq')).to.equal(false);
      login.requestUpdate();
      await login.updateComplete;
      expect(heading(login)).to.equal('Sign in');
      expect(attempts, 'a failed language is not fetched again on every render').to.equal(1);
      expect(logged).to.deep.equal([]);
    } finally {
      console.error = error;
      console.warn = warn;
      languageLoaders.delete('qq');
    }
  });

  it('lets a page load a language ahead of its first render', async () => {
    expect(await loadMessages('ES')).to.equal(true);
    expect(withLanguage('es-US', () => t('common.retry'))).to.equal('Volver a intentarlo');
  });
});
