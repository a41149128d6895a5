import { expect, fixture, html } from '@open-wc/testing';
import { css } from 'lit';
import { defineElement, FirmTheme, PortalElement, PortalLogin, PortalSession } from '../../components/index.ts';
import '../../components/all.ts';
import { describe, it } from './mocha.ts';

class LanguageProbe extends PortalElement {
  static override styles = [PortalElement.styles, css`p { color: var(--portal-color-brand, var(--portal-firm-color-brand, #1f4e79)); }`];
  renders = 0;

  protected override render() {
    this.renders += 1;
    return html`<p>${this.language}</p>`;
  }
}
defineElement('test-language-probe', LanguageProbe);

describe('defineElement', () => {
  it('registers a tag once and ignores later registrations instead of throwing', () => {
    class Other extends HTMLElement {}
    expect(() => defineElement('portal-login', Other)).not.to.throw();
    expect(customElements.get('portal-login')).to.equal(PortalLogin);
    expect(customElements.get('portal-session')).to.equal(PortalSession);
  });

  it('tolerates the registration modules being loaded again', async () => {
    const again = `${new URL('../../components/all.ts', import.meta.url).href}?again`;
    await import(again);
    expect(customElements.get('portal-login')).to.equal(PortalLogin);
  });
});

describe('PortalElement', () => {
  it('applies the base styles', async () => {
    const probe = await fixture<LanguageProbe>(html`<test-language-probe></test-language-probe>`);
    const style = getComputedStyle(probe);
    expect(style.display).to.equal('block');
    expect(style.boxSizing).to.equal('border-box');
  });

  it('renders in the nearest language and re-renders when it changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de"><test-language-probe></test-language-probe></div>`);
    const probe = wrapper.querySelector<LanguageProbe>('test-language-probe')!;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.include('de');
    wrapper.setAttribute('lang', 'es');
    await new Promise((resolve) => setTimeout(resolve));
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.include('es');
  });
});

describe('FirmTheme', () => {
  it('publishes the firm’s colours as defaults that page CSS overrides', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><test-language-probe></test-language-probe></div>`);
    const probe = wrapper.querySelector<LanguageProbe>('test-language-probe')!;
    const theme = new FirmTheme(probe);
    theme.adoptInto(probe.shadowRoot!);
    theme.apply({ colors: { brand: 'rgb(0, 128, 0)' } });
    const paragraph = probe.shadowRoot!.querySelector('p')!;
    expect(getComputedStyle(paragraph).color).to.equal('rgb(0, 128, 0)');
    wrapper.style.setProperty('--portal-color-brand', 'rgb(255, 0, 0)');
    expect(getComputedStyle(paragraph).color).to.equal('rgb(255, 0, 0)');
    theme.apply(undefined);
    wrapper.style.removeProperty('--portal-color-brand');
    expect(getComputedStyle(paragraph).color).to.equal('rgb(31, 78, 121)');
  });

  it('ignores branding values that are not plain colours or font names', async () => {
    const probe = await fixture<LanguageProbe>(html`<test-language-probe></test-language-probe>`);
    const theme = new FirmTheme(probe);
    theme.adoptInto(probe.shadowRoot!);
    theme.apply({
      colors: { brand: 'url(https://tracker.example/x.png)', brandContrast: 'var(--x)', accent: 'red; color: blue' },
      fontFamily: 'Georgia, serif',
    });
    const style = getComputedStyle(probe);
    expect(style.getPropertyValue('--portal-firm-color-brand')).to.equal('');
    expect(style.getPropertyValue('--portal-firm-color-brand-contrast')).to.equal('');
    expect(style.getPropertyValue('--portal-firm-color-accent')).to.equal('');
    expect(style.getPropertyValue('--portal-firm-font-family').trim()).to.equal('Georgia, serif');
  });
});
