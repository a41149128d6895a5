import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/profile/define.ts';
import '../components/session/define.ts';
import { mockClient, themedBranding } from './mock-service.ts';
import type { ProfileAnswer } from './profile-data.ts';

interface ProfileArgs {
  profile: ProfileAnswer;
}

const meta: Meta<ProfileArgs> = {
  title: 'Components/Profile',
  component: 'portal-profile',
  render: ({ profile }) => html`<portal-profile .client=${mockClient({ signedIn: true, latency: 300, profile })}></portal-profile>`,
  args: { profile: 'full' },
  argTypes: { profile: { control: 'inline-radio', options: ['full', 'empty', 'error', 'never'] } },
};

export default meta;

type Story = StoryObj<ProfileArgs>;

/**
 * Name and language, email address, password, email choices, two saved methods (the card the
 * default) and "sign out everywhere". Changes stick: the current password is "portico-demo",
 * the code for a new address 123456.
 */
export const Full: Story = {};

/** While the profile loads. */
export const Loading: Story = { args: { profile: 'never' } };

/** No saved payment methods yet. */
export const Empty: Story = { args: { profile: 'empty' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { profile: 'error' } };

/** Inside `<portal-session>`, with the firm's branding and page-set card tokens: a new name shows in the header. */
export const Themed: Story = {
  globals: { theme: 'default' },
  render: () => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300, profile: 'full' })}
      style="--portal-profile-card-background: #f7fbfa; --portal-profile-card-border-color: #c2571a"
    >
      <portal-profile></portal-profile>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };

/** In Spanish (`lang="es"`). */
export const Spanish: Story = {
  render: ({ profile }) => html`<div lang="es"><portal-profile .client=${mockClient({ signedIn: true, latency: 300, profile })}></portal-profile></div>`,
};
