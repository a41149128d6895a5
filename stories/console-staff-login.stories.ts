import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/console/staff-login/define.ts';
import type { PortalStaffLogin } from '../components/console/staff-login/staff-login.ts';
import { consoleMockClient, consoleProblem, type ConsoleHandler } from './console-mock.ts';

interface StaffLoginArgs {
  handlers: ConsoleHandler[];
  token: string;
}

// A stand-in QR code: the three finder squares and a few modules, enough to look the part.
const qrPath =
  'M0 0h7v7H0zM1 1v5h5V1zM2 2h3v3H2zM14 0h7v7h-7zM15 1v5h5V1zM16 2h3v3h-3zM0 14h7v7H0zM1 15v5h5v-5zM2 16h3v3H2zM9 9h3v1H9zM10 11h2v2h-2zM14 14h2v2h-2zM17 17h3v3h-3z';
const totpSetup = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  otpauthUri: 'otpauth://totp/Hale%20%26%20Whitmore:margaret@example.com',
  qrCode: { size: 21, path: qrPath },
};
const recoveryCodes = ['7kq2-9xmd', 'p4va-t8cw', 'h3nz-6ryb', 'q9fe-2lgu', 'w5js-k7dp', 'c8tx-4mhn', 'e2rb-v6qa', 'y7lc-3dzk', 'n6gw-8pfs', 'u4hm-5tje'];

const route =
  (method: string, path: string, answer: ReturnType<ConsoleHandler>): ConsoleHandler =>
  (asked, url) =>
    asked === method && url.pathname === `/api/v1${path}` ? answer : undefined;

const meta: Meta<StaffLoginArgs> = {
  title: 'Console/Staff login',
  component: 'portal-staff-login',
  render: ({ handlers, token }) =>
    html`<portal-staff-login .client=${consoleMockClient({ signedIn: false, latency: 250, handlers })} firm-name="Hale &amp; Whitmore LLP" token=${token}></portal-staff-login>`,
  args: { handlers: [], token: '' },
  argTypes: { handlers: { control: false } },
};

export default meta;

type Story = StoryObj<StaffLoginArgs>;

async function ready(canvas: HTMLElement): Promise<PortalStaffLogin> {
  const login = canvas.querySelector('portal-staff-login')!;
  await login.updateComplete;
  return login;
}

function fill(login: PortalStaffLogin, field: string, value: string): void {
  const input = login.shadowRoot!.querySelector<HTMLInputElement>(`#${field}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
}

async function signIn(canvas: HTMLElement, waitFor: PortalStaffLogin['currentStep']): Promise<PortalStaffLogin> {
  const login = await ready(canvas);
  fill(login, 'email', 'margaret@example.com');
  fill(login, 'password', 'portico-demo');
  login.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  await new Promise<void>((resolve) => {
    const check = () => (login.currentStep === waitFor ? resolve() : setTimeout(check, 50));
    check();
  });
  await login.updateComplete;
  return login;
}

/** Email and password: the first step. */
export const Password: Story = {};

/** A wrong password: the service's answer in the alert. */
export const Error: Story = {
  args: { handlers: [route('POST', '/staff/auth/login', consoleProblem(401, 'invalid_credentials', 'The email or password is incorrect.'))] },
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, 'password');
  },
};

/** The second factor: a 6-digit code, a passkey, or a recovery code. */
export const Code: Story = {
  args: { handlers: [route('POST', '/staff/auth/login', { mfaRequired: true, mfaToken: 'story-mfa', methods: ['totp', 'passkey', 'recovery_code'] })] },
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, 'code');
  },
};

/** The firm requires a second factor not set up yet: choose the app or a passkey. */
export const Enrolment: Story = {
  args: { handlers: [route('POST', '/staff/auth/login', { enrollmentRequired: true, mfaToken: 'story-enrol' })] },
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, 'enrol');
  },
};

/** Setting up the authenticator app: the QR code (inline SVG) and the setup key in groups of four. */
export const EnrolmentWithQr: Story = {
  args: {
    handlers: [route('POST', '/staff/auth/login', { enrollmentRequired: true, mfaToken: 'story-enrol' }), route('POST', '/staff/auth/totp/setup', totpSetup)],
  },
  play: async ({ canvasElement }) => {
    const login = await signIn(canvasElement, 'enrol');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[data-method="totp"]')!.click();
  },
};

/** The recovery codes, shown once after the app is confirmed: copy, download, continue. */
export const RecoveryCodes: Story = {
  args: {
    handlers: [
      route('POST', '/staff/auth/login', { enrollmentRequired: true, mfaToken: 'story-enrol' }),
      route('POST', '/staff/auth/totp/setup', totpSetup),
      route('POST', '/staff/auth/totp/confirm', { recoveryCodes }),
    ],
  },
  play: async ({ canvasElement }) => {
    const login = await signIn(canvasElement, 'enrol');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[data-method="totp"]')!.click();
    await new Promise<void>((resolve) => {
      const check = () => (login.shadowRoot!.querySelector('#code') ? resolve() : setTimeout(check, 50));
      check();
    });
    fill(login, 'code', '123456');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  },
};

/** Opened from a staff invitation: create a password first. */
export const Invitation: Story = { args: { token: 'story-invitation' } };

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
