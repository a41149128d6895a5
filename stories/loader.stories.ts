import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { PortalLogin } from '../components/index.ts';
import { registerLazyElements, watch } from '../components/loader/lazy-elements.ts';
import { mockClient } from './mock-service.ts';

/**
 * How the script-tag bundle (`/sdk/portal.js`) serves an element: the tag is claimed at once,
 * and its class arrives the first time an instance appears. Until then the element is
 * `:not(:defined)`, which a page can style as a placeholder, as these stories do.
 */
const meta: Meta = {
  title: 'Loader/On first use',
};

export default meta;

type Story = StoryObj;

// Each story claims its own tag: a tag is defined once per page, and Storybook keeps one page.
registerLazyElements({
  'portal-story-login-waiting': { load: () => new Promise<CustomElementConstructor>(() => undefined) },
  'portal-story-login-arrived': { load: async () => class extends PortalLogin {} },
});
watch(document);

const placeholder = html`<style>
  :not(:defined) {
    display: block;
    min-height: 12rem;
    border: 1px dashed currentColor;
    border-radius: 0.5rem;
  }
</style>`;

/** The element's class has not arrived yet (here it never does): the page's placeholder shows. */
export const Loading: Story = {
  render: () => html`${placeholder}<portal-story-login-waiting><p>Loading the sign-in form…</p></portal-story-login-waiting>`,
};

/** The class arrived and the element upgraded in place: a `<portal-login>` loaded on first use. */
export const Loaded: Story = {
  render: () => html`${placeholder}<portal-story-login-arrived .client=${mockClient({})}><p>Loading the sign-in form…</p></portal-story-login-arrived>`,
};
