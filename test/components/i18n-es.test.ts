import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  ApiClient,
  formatDate,
  formatDuration,
  formatMoney,
  formatRelativeDate,
  loadMessages,
  t,
  translations,
  withLanguage,
  type MessageKey,
  type PortalLogin,
} from '../../components/index.ts';
import type { MessageCatalog } from '../../components/i18n/catalog.ts';
import { activitiesMessages } from '../../components/activities/activities-messages.ts';
import { appMessages } from '../../components/app/app-messages.ts';
import { filesMessages } from '../../components/files/files-messages.ts';
import { homeMessages } from '../../components/home/home-messages.ts';
import { invoicesMessages } from '../../components/invoices/invoices-messages.ts';
import { messagesCatalog } from '../../components/messages/messages-catalog.ts';
import { paymentsMessages } from '../../components/payments/payments-messages.ts';
import { invoiceMessages, t as invoiceT } from '../../components/invoice/invoice-messages.ts';
import { planMessages } from '../../components/invoice/plan-messages.ts';
import '../../components/login/define.ts';
import { loginFlowsMessages } from '../../components/login/login-flows-messages.ts';
import { twoFactorMessages } from '../../components/login/two-factor-messages.ts';
import { payMessages } from '../../components/pay/pay-messages.ts';
import { profileMessages } from '../../components/profile/profile-messages.ts';
import { sessionMessages } from '../../components/session/session-messages.ts';
import { signedOutService, type FakeService } from './fake-service.ts';
import { before, describe, it } from './mocha.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const $ = <T extends Element = HTMLElement>(element: Element, selector: string): T => {
  const found = element.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

const text = (element: Element) => element.textContent!.replace(/\s+/g, ' ').trim();

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

/** Messages that read the same in Spanish as in English, on purpose. */
const sameInBoth: ReadonlySet<string> = new Set<string>([
  'invoices.column.total',
  'invoice.totals.subtotal',
  'invoice.totals.total',
  'invoice.line.quantity-rate',
  'activities.group.count',
  'pay.total',
  'files.folder.none',
]);

async function loginIn(lang: string): Promise<{ wrapper: HTMLDivElement; login: PortalLogin }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><portal-login .client=${clientFor(signedOutService())}></portal-login></div>`);
  const login = wrapper.querySelector<PortalLogin>('portal-login')!;
  await login.updateComplete;
  return { wrapper, login };
}

describe('i18n: Spanish', () => {
  // Spanish is fetched on demand; these tests read its table directly.
  before(async () => {
    expect(await loadMessages('es')).to.equal(true);
  });

  it('has exactly the English keys, none empty, each with the English placeholders', () => {
    const en = translations.en!;
    const es = translations.es!;
    expect(es, 'es is registered').to.exist;
    expect(Object.keys(es).sort()).to.deep.equal(Object.keys(en).sort());
    const problems: string[] = [];
    for (const key of Object.keys(en) as MessageKey[]) {
      const spanish = es[key];
      if (spanish.trim() === '') problems.push(`${key}: empty`);
      if (placeholders(spanish).join() !== placeholders(en[key]).join())
        problems.push(`${key}: placeholders ${placeholders(spanish)} ≠ ${placeholders(en[key])}`);
      if (spanish === en[key] && !sameInBoth.has(key)) problems.push(`${key}: untranslated`);
      if (spanish !== en[key] && sameInBoth.has(key)) problems.push(`${key}: listed as the same in both`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('gives the messages that load with their elements complete Spanish', async () => {
    const problems: string[] = [];
    const catalogs = [
      profileMessages,
      planMessages,
      twoFactorMessages,
      loginFlowsMessages,
      activitiesMessages,
      payMessages,
      invoiceMessages,
      invoicesMessages,
      paymentsMessages,
      messagesCatalog,
      filesMessages,
      homeMessages,
      sessionMessages,
      appMessages,
    ] as MessageCatalog<Record<string, string>>[];
    for (const catalog of catalogs) {
      expect(await catalog.load('es')).to.equal(true);
      const en = catalog.tables.en!;
      const es = catalog.tables.es!;
      expect(Object.keys(es).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        const spanish = es[key]!;
        if (spanish.trim() === '') problems.push(`${key}: empty`);
        if (spanish === en[key] && !sameInBoth.has(key)) problems.push(`${key}: untranslated`);
        if (spanish !== en[key] && sameInBoth.has(key)) problems.push(`${key}: listed as the same in both`);
        if (placeholders(spanish).join() !== placeholders(en[key]!).join())
          problems.push(`${key}: placeholders ${placeholders(spanish)} ≠ ${placeholders(en[key]!)}`);
        if (Object.hasOwn(translations.en!, key)) problems.push(`${key}: also in the portal's shared table`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('keeps brand names and sandbox values untranslated', async () => {
    await Promise.all([payMessages.load('es'), invoiceMessages.load('es')]);
    const es = { ...payMessages.tables.es!, ...invoiceMessages.tables.es! };
    expect(es['pay.link.sandbox-credentials']).to.contain('user_good / pass_good');
    expect(es['pay.link.sandbox-code']).to.contain('1234');
    expect(es['pay.stripe.error.load']).to.contain('Stripe');
    expect(es['pay.plaid.error.load']).to.contain('Plaid');
    expect(es['invoice.heading-trust']).to.contain('anticipo');
    expect(es['pay.mandate.heading']).to.equal('Autorización de débito ACH');
  });

  it('is chosen for es and its regional variants, with parameters filled in', () => {
    expect(withLanguage('es', () => t('login.heading.sign-in'))).to.equal('Iniciar sesión');
    expect(withLanguage('es-MX', () => t('common.retry'))).to.equal('Volver a intentarlo');
    expect(withLanguage('ES-us', () => t('login.heading.sign-in-firm', { firm: 'Lakeside Law' }))).to.equal('Iniciar sesión en Lakeside Law');
    expect(withLanguage('es', () => invoiceT('invoice.heading', { number: 'INV-7' }))).to.equal('Factura INV-7');
  });

  it('formats money, dates and durations the Spanish way', () => {
    expect(formatMoney(123456, 'USD', 'es-US')).to.equal('$1,234.56');
    expect(formatMoney(123456, 'EUR', 'es-ES')).to.match(/^1234,56\s€$/);
    expect(formatDate('2025-03-31', 'es-US', 'long')).to.equal('31 de marzo de 2025');
    expect(formatDuration(45, 'es')).to.equal('45 segundos');
    expect(formatRelativeDate('2025-04-01', 'es', '2025-03-31')).to.equal('mañana');
    // The formatters follow the rendering language when no locale is given.
    expect(withLanguage('es-US', () => formatDate('2025-03-31', undefined, 'long'))).to.equal('31 de marzo de 2025');
  });

  it('renders <portal-login> in Spanish under lang="es", accessibly', async () => {
    const { login } = await loginIn('es');
    expect(text($(login, '[part="heading"]'))).to.equal('Iniciar sesión');
    const email = $<HTMLInputElement>(login, '#email');
    const password = $<HTMLInputElement>(login, '#password');
    expect(text(email.labels![0]!)).to.equal('Correo electrónico');
    expect(text(password.labels![0]!)).to.equal('Contraseña');
    expect(text($(login, '[part="submit-button"]'))).to.equal('Iniciar sesión');
    expect(text(login.shadowRoot!.querySelector('[part~="link"]')!)).to.equal('¿Olvidó su contraseña?');
    await expect(login).to.be.accessible();
  });

  it('reports field errors in Spanish', async () => {
    const { login } = await loginIn('es-US');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await login.updateComplete;
    expect(text($(login, '#email-error'))).to.equal('Escriba su correo electrónico.');
    expect(text($(login, '#password-error'))).to.equal('Escriba su contraseña.');
  });

  it('switches language when the lang attribute changes', async () => {
    const { wrapper, login } = await loginIn('es');
    expect(text($(login, '[part="heading"]'))).to.equal('Iniciar sesión');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => text($(login, '[part="heading"]')) === 'Sign in', 'did not switch to English');
    expect(text($<HTMLInputElement>(login, '#email').labels![0]!)).to.equal('Email address');
  });
});
