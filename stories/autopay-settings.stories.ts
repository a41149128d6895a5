import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/profile/autopay-settings-define.ts';
import { autopayClient, type AutopayAnswer } from './autopay-data.ts';

interface Args {
  autopay: AutopayAnswer;
}

const meta: Meta<Args> = {
  title: 'Components/Profile/Autopay settings',
  component: 'portal-autopay-settings',
  render: ({ autopay }) => html`<portal-autopay-settings .client=${autopayClient(autopay)}></portal-autopay-settings>`,
  args: { autopay: 'full' },
  argTypes: { autopay: { control: 'inline-radio', options: ['full', 'under-way', 'empty', 'off', 'error', 'never'] } },
};

export default meta;

type Story = StoryObj<Args>;

/** Two matters: autopay on for the first (its next charge shown), off for the second. Turning it on and off sticks. */
export const Full: Story = {};

/** While the matters load. */
export const Loading: Story = { args: { autopay: 'never' } };

/** No matters with invoices yet. */
export const Empty: Story = { args: { autopay: 'empty' } };

/** The firm does not offer autopay: the element says so. */
export const Off: Story = { args: { autopay: 'off' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { autopay: 'error' } };

/** With page-set tokens. */
export const Themed: Story = {
  globals: { theme: 'default' },
  render: () => html`
    <portal-autopay-settings
      .client=${autopayClient('full')}
      style="--portal-autopay-heading-color: #0f5c4d; --portal-autopay-divider-color: #c2571a"
    ></portal-autopay-settings>
  `,
};

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };

/** In Spanish (`lang="es"`). */
export const Spanish: Story = {
  render: () => html`<div lang="es"><portal-autopay-settings .client=${autopayClient('full')}></portal-autopay-settings></div>`,
};
