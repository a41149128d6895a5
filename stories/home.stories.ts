import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/home/define.ts';
import '../components/session/define.ts';
import type { HomeAnswer } from './home-data.ts';
import { demoBranding, mockClient, themedBranding, withAutopay } from './mock-service.ts';

interface HomeArgs {
  home: HomeAnswer;
}

const meta: Meta<HomeArgs> = {
  title: 'Components/Home',
  component: 'portal-home',
  render: ({ home }) => html`<portal-home .client=${mockClient({ signedIn: true, latency: 300, home })}></portal-home>`,
  args: { home: 'full' },
  argTypes: { home: { control: 'inline-radio', options: ['full', 'empty', 'error', 'never'] } },
};

export default meta;

type Story = StoryObj<HomeArgs>;

/** Balance due with "Pay all", two unread messages, the next events, open tasks (one overdue) and what changed since the last visit. */
export const Full: Story = {};

/** Inside `<portal-session>` for a firm that offers autopay: the balance card says when autopay charges next, how much, for which invoice. */
export const NextAutopayCharge: Story = {
  render: ({ home }) => html`
    <portal-session .client=${mockClient({ signedIn: true, branding: withAutopay(demoBranding), autopay: true, latency: 300, home })}>
      <portal-home></portal-home>
    </portal-session>
  `,
};

/** While home loads. */
export const Loading: Story = { args: { home: 'never' } };

/** Nothing to pay, read or do, and nothing new: "You’re all caught up". */
export const Empty: Story = { args: { home: 'empty' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { home: 'error' } };

/** Inside `<portal-session>`, with the firm's branding and page-set card tokens. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: () => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-home-accent: #c2571a; --portal-home-card-background: #f7fbfa"
    >
      <portal-home></portal-home>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px): one card under another. */
export const Narrow: Story = { parameters: { narrow: true } };

/** In Spanish (`lang="es"`). */
export const Spanish: Story = {
  render: ({ home }) => html`<div lang="es"><portal-home .client=${mockClient({ signedIn: true, latency: 300, home })}></portal-home></div>`,
};
