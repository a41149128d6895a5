import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  currencyDigits,
  formatDate,
  formatDuration,
  formatMoney,
  languageOf,
  t,
  translations,
  withLanguage,
  type Messages,
} from '../../components/index.ts';
import { describe, it } from './mocha.ts';

describe('i18n', () => {
  it('fills in named parameters', () => {
    expect(t('session.signed-in-as', { name: 'Alex' })).to.equal('Signed in as Alex');
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
