import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/profile/two-factor-settings-define.ts';
import { twoFactorClient, type FactorsAnswer } from './two-factor-data.ts';

interface Args {
  factors: FactorsAnswer;
}

const meta: Meta<Args> = {
  title: 'Components/Profile/Two-factor settings',
  component: 'portal-two-factor-settings',
  render: ({ factors }) => html`<portal-two-factor-settings .client=${twoFactorClient({ factors, signedIn: true })}></portal-two-factor-settings>`,
  args: { factors: 'full' },
  argTypes: { factors: { control: 'inline-radio', options: ['full', 'empty', 'off', 'required', 'error', 'never'] } },
};

export default meta;

type Story = StoryObj<Args>;

/** An authenticator app, two passkeys and recovery codes left. */
export const Full: Story = {};

/** While the factors load. */
export const Loading: Story = { args: { factors: 'never' } };

/** Nothing set up yet: "Set up an authenticator app", "Add a passkey". */
export const Empty: Story = { args: { factors: 'empty' } };

/** The firm has two-step verification off: the element says so. */
export const Off: Story = { args: { factors: 'off' } };

/** The firm requires a second factor: the last one cannot be removed. */
export const Required: Story = { args: { factors: 'required' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { factors: 'error' } };

/** With page-set tokens. */
export const Themed: Story = {
  globals: { theme: 'default' },
  render: () => html`
    <portal-two-factor-settings
      .client=${twoFactorClient({ factors: 'full', signedIn: true })}
      style="--portal-two-factor-heading-color: #0f5c4d; --portal-two-factor-divider-color: #c2571a"
    ></portal-two-factor-settings>
  `,
};

/** In Spanish (`lang="es"`). */
export const Spanish: Story = {
  render: () =>
    html`<div lang="es"><portal-two-factor-settings .client=${twoFactorClient({ factors: 'full', signedIn: true })}></portal-two-factor-settings></div>`,
};
