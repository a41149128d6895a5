import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { LoginMode, PortalLogin } from '../components/index.ts';
import '../components/login/define.ts';
import { mockClient, type MockOptions } from './mock-service.ts';

interface LoginArgs {
  mode: LoginMode;
  token: string;
  service: MockOptions;
}

const meta: Meta<LoginArgs> = {
  title: 'Components/Login',
  component: 'portal-login',
  render: ({ mode, token, service }) => html`<portal-login mode=${mode} token=${token} .client=${mockClient(service)}></portal-login>`,
  args: { mode: 'sign-in', token: '', service: {} },
  argTypes: {
    mode: { control: 'select', options: ['sign-in', 'accept-invitation', 'forgot-password', 'reset-password', 'email-code', 'enter-code', 'sign-in-link'] },
    service: { control: false },
  },
};

export default meta;

type Story = StoryObj<LoginArgs>;

async function loginIn(canvas: HTMLElement): Promise<PortalLogin> {
  const login = canvas.querySelector('portal-login')!;
  await login.updateComplete;
  // A link mode checks its link first: the form shows once the service says it works.
  await waitFor(() => login.shadowRoot!.querySelector('form'));
  return login;
}

// The inputs live in a shadow root, so the stories type by setting values and firing `input`.
async function fill(login: PortalLogin, values: Partial<Record<'email' | 'password' | 'confirm' | 'code', string>>): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const input = login.shadowRoot!.querySelector<HTMLInputElement>(`#${field}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  }
  await login.updateComplete;
}

/** Waits for the component to get where a story shows it. */
async function waitFor(condition: () => unknown): Promise<void> {
  while (!condition()) await new Promise((resolve) => requestAnimationFrame(resolve));
}

async function submit(login: PortalLogin): Promise<void> {
  login.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
  await login.updateComplete;
}

export const SignIn: Story = {};

export const AcceptInvitation: Story = { args: { mode: 'accept-invitation', token: 'invitation-token' } };

export const ForgotPassword: Story = { args: { mode: 'forgot-password' } };

export const ResetPassword: Story = { args: { mode: 'reset-password', token: 'reset-token' } };

/** Submitting an empty form: each field explains what it needs, and the first one has focus. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { email: 'alex@example' });
    await submit(login);
  },
};

/** New passwords that are too short and do not match. */
export const PasswordProblems: Story = {
  args: { mode: 'reset-password', token: 'reset-token' },
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { password: 'short', confirm: 'different' });
    await submit(login);
  },
};

/** The service refused the email and password. */
export const WrongPassword: Story = {
  args: { service: { signIn: 'wrong-password', latency: 50 } },
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { email: 'alex@example.com', password: 'not-the-password' });
    await submit(login);
  },
};

/** Too many attempts: the message says how long to wait. */
export const RateLimited: Story = {
  args: { service: { signIn: 'rate-limited', latency: 50 } },
  play: WrongPassword.play!,
};

/** The service cannot be reached. */
export const Offline: Story = {
  args: { service: { signIn: 'offline', latency: 50 } },
  play: WrongPassword.play!,
};

/** An invitation link that was already used or has expired. */
export const InvitationExpired: Story = {
  args: { mode: 'accept-invitation', token: 'old-token', service: { signIn: 'invitation-invalid', latency: 50 } },
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { password: 'a-good-password', confirm: 'a-good-password' });
    await submit(login);
  },
};

/** Waiting for the service: the button says what is happening and ignores further presses. */
export const Pending: Story = {
  args: { service: { signIn: 'never' } },
  play: WrongPassword.play!,
};

/** The reset email was requested. */
export const ResetRequested: Story = {
  args: { mode: 'forgot-password', service: { latency: 50 } },
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { email: 'alex@example.com' });
    await submit(login);
  },
};

/** "Email me a sign-in code": the client gives the address the code goes to. */
export const EmailCode: Story = { args: { mode: 'email-code' } };

/** The code's step, once the email is on its way: six digits, and "Send a new code" after a cool-down. */
export const EnterCode: Story = {
  args: { mode: 'email-code', service: { latency: 50 } },
  play: async ({ canvasElement }) => {
    const login = await loginIn(canvasElement);
    await fill(login, { email: 'alex@example.com' });
    await submit(login);
    await waitFor(() => login.shadowRoot!.querySelector('#code'));
  },
};

/** A wrong code: said in plain words beside the field. */
export const WrongCode: Story = {
  args: { mode: 'email-code', service: { latency: 50, emailCode: 'wrong-code' } },
  play: async (context) => {
    await EnterCode.play!(context);
    const login = await loginIn(context.canvasElement);
    await fill(login, { code: '123 456' });
    await submit(login);
  },
};

/** A code that expired, was used, or was tried wrong too often. */
export const CodeExpired: Story = {
  args: { mode: 'email-code', service: { latency: 50, emailCode: 'expired' } },
  play: WrongCode.play!,
};

/** The email's one-click link, while the service signs the client in. */
export const SignInLink: Story = { args: { mode: 'sign-in-link', token: 'sign-in-token', service: { emailCode: 'never' } } };

/** An emailed link being checked as it opens: nothing to type until the service answers. */
export const CheckingLink: Story = { args: { mode: 'reset-password', token: 'reset-token', service: { link: 'never' } } };

/** A reset link that was used already: said before anything is typed, with "Send me a new link". */
export const UsedResetLink: Story = { args: { mode: 'reset-password', token: 'reset-token', service: { link: 'used' } } };

/** A sign-in link that expired. */
export const ExpiredSignInLink: Story = { args: { mode: 'sign-in-link', token: 'sign-in-token', service: { link: 'expired' } } };

/** An invitation replaced by a newer one: the client is told to ask the firm (or use the newest email). */
export const ReplacedInvitation: Story = { args: { mode: 'accept-invitation', token: 'invitation-token', service: { link: 'replaced' } } };

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };

/** A firm's look from the page's CSS: its brand colour and type, a tinted box, rounder corners. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: ({ mode, token, service }) => html`
    <portal-login
      mode=${mode}
      token=${token}
      .client=${mockClient(service)}
      style="--portal-color-brand: #0f5c4d; --portal-font-family: 'Trebuchet MS', 'Segoe UI', sans-serif; --portal-radius: 12px; --portal-login-background: #f4faf8; --portal-login-border-color: #b9d8cf"
    ></portal-login>
  `,
};
