import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalLogin } from '../components/index.ts';
import '../components/login/define.ts';
import { twoFactorClient, type LoginAnswer } from './two-factor-data.ts';

interface Args {
  login: LoginAnswer;
}

/** Signs in with the demo's password so that the story opens on the second step. */
async function toSecondStep(canvasElement: HTMLElement): Promise<void> {
  const login = canvasElement.querySelector<PortalLogin>('portal-login')!;
  await login.updateComplete;
  const root = login.shadowRoot!;
  for (const [id, value] of [
    ['email', 'alex@example.com'],
    ['password', 'portico-demo'],
  ] as const) {
    const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  root.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
}

const meta: Meta<Args> = {
  title: 'Components/Login/Two-step verification',
  component: 'portal-login',
  render: ({ login }) => html`<portal-login .client=${twoFactorClient({ login })}></portal-login>`,
  play: ({ canvasElement }) => toSecondStep(canvasElement),
  args: { login: 'totp' },
  argTypes: { login: { control: 'inline-radio', options: ['totp', 'passkey', 'enroll'] } },
};

export default meta;

type Story = StoryObj<Args>;

/** The code from the authenticator app, with "Use a recovery code" and "Use a passkey". */
export const AuthenticatorCode: Story = {};

/** A client whose only factor is a passkey. */
export const Passkey: Story = { args: { login: 'passkey' } };

/** The firm requires a second factor the client has not set up: choose an app or a passkey. */
export const Enrolment: Story = { args: { login: 'enroll' } };

/** With page-set tokens. */
export const Themed: Story = {
  globals: { theme: 'default' },
  render: () =>
    html`<portal-login .client=${twoFactorClient({ login: 'totp' })} style="--portal-login-background: #f7fbfa; --portal-login-heading-color: #0f5c4d"></portal-login>`,
};

/** In Spanish (`lang="es"`). */
export const Spanish: Story = {
  render: () => html`<div lang="es"><portal-login .client=${twoFactorClient({ login: 'totp' })}></portal-login></div>`,
};
