// What the stories' mocked service answers for the client's own profile (/api/v1/me and its
// changes, and the saved payment methods), in the shape the token service answers with.
import type { Branding, Contact, Me, SavedPaymentMethod } from '../components/index.ts';

/** How the profile loads: all of it, with nothing saved, a failure, or no answer at all. */
export type ProfileAnswer = 'full' | 'empty' | 'error' | 'never';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, code: string, detail: string): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

const storyMethods = (): SavedPaymentMethod[] => [
  { id: 'spm_story_card', type: 'card', brand: 'visa', last4: '4242', expMonth: 8, expYear: 2030, createdAt: '2026-01-05T10:00:00.000Z', isDefault: true },
  {
    id: 'spm_story_bank',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '6789',
    expMonth: null,
    expYear: null,
    createdAt: '2026-01-06T10:00:00.000Z',
    isDefault: false,
  },
];

/**
 * A stateful stand-in for the profile's routes: changes stick for the story's life. The code that
 * confirms an email change is 123456; the current password is "portico-demo".
 */
export function profileMock(answer: ProfileAnswer, contact: Contact, branding: () => Branding) {
  // Clients' two-factor is off in these stories: `<portal-two-factor-settings>` has its own.
  const firm = (): Branding => ({ ...branding(), clientTwoFactor: 'off' });
  let me: Me = { contact, firm: firm(), profile: { notifications: { invoices: true, messages: true }, hasPassword: true, pendingEmail: null } };
  let methods = answer === 'empty' ? [] : storyMethods();
  const wrongPassword = () => problem(400, 'password_incorrect', 'Your current password is not right.');
  return (method: string, url: URL, body: unknown): Response | 'never' | undefined => {
    const path = url.pathname;
    const input = typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : {};
    const route = `${method} ${path}`;
    if (route === 'GET /api/v1/me') {
      if (answer === 'never') return 'never';
      if (answer === 'error') return problem(503, 'not_ready', 'The service is not ready.');
      return json(200, { ...me, firm: firm() });
    }
    if (route === 'PATCH /api/v1/me') {
      const { name, locale, notifications } = input as { name?: string; locale?: Contact['locale']; notifications?: Partial<Me['profile']['notifications']> };
      me = {
        ...me,
        contact: { ...me.contact, ...(name ? { name } : {}), ...(locale !== undefined ? { locale } : {}) },
        profile: { ...me.profile, notifications: { ...me.profile.notifications, ...notifications } },
      };
      return json(200, me);
    }
    if (route === 'POST /api/v1/me/email-change') {
      if (input.password !== 'portico-demo') return wrongPassword();
      const pendingEmail = { email: String(input.newEmail).toLowerCase(), expiresAt: new Date(Date.now() + 600_000).toISOString() };
      me = { ...me, profile: { ...me.profile, pendingEmail } };
      return json(202, pendingEmail);
    }
    if (route === 'POST /api/v1/me/email-change/confirm') {
      if (input.code !== '123456') return problem(400, 'email_change_invalid', 'That code is not right.');
      me = { ...me, contact: { ...me.contact, email: me.profile.pendingEmail?.email ?? me.contact.email }, profile: { ...me.profile, pendingEmail: null } };
      return json(200, me);
    }
    if (route === 'POST /api/v1/me/password') return input.currentPassword === 'portico-demo' ? new Response(null, { status: 204 }) : wrongPassword();
    if (route === 'POST /api/v1/me/sign-out-everywhere') return new Response(null, { status: 204 });
    if (route === 'GET /api/v1/payment-methods') return json(200, { data: methods });
    const chosen = /^\/api\/v1\/payment-methods\/([^/]+)\/default$/.exec(path);
    if (method === 'POST' && chosen) {
      methods = methods.map((saved) => ({ ...saved, isDefault: saved.id === chosen[1] }));
      return json(200, { data: methods });
    }
    const removed = /^\/api\/v1\/payment-methods\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && removed) {
      methods = methods.filter((saved) => saved.id !== removed[1]);
      return new Response(null, { status: 204 });
    }
    return undefined;
  };
}
