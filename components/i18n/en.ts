/**
 * English, the reference language: every other language is typed against these keys.
 * `{name}` marks a parameter; `t()` requires exactly the parameters a message names.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',

  'error.network': 'The portal could not reach the service. Check your connection and try again.',
  'error.firm-not-found': 'This portal is not set up yet: the firm could not be found. Please contact the firm.',
  'error.origin-not-allowed': 'This website is not allowed to use the portal. Please contact the firm.',
  'error.not-configured': 'The portal is missing its settings (the service address and the firm).',
  'error.rate-limited': 'Too many attempts. Please wait {time} and try again.',
  'error.rate-limited-later': 'Too many attempts. Please wait a little and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',

  'login.heading.sign-in': 'Sign in',
  'login.heading.sign-in-firm': 'Sign in to {firm}',
  'login.heading.accept-invitation': 'Create your password',
  'login.heading.forgot-password': 'Reset your password',
  'login.heading.reset-password': 'Choose a new password',
  'login.label.email': 'Email address',
  'login.label.password': 'Password',
  'login.submit.sign-in': 'Sign in',
  'login.pending.sign-in': 'Signing in…',
  'login.link.forgot-password': 'Forgot your password?',
  'login.notice.signed-in': 'You are signed in.',
  'login.error.fix-fields': 'Please correct the highlighted fields.',
  'login.error.email-required': 'Enter your email address.',
  'login.error.email-invalid': 'Enter an email address like name@example.com.',
  'login.error.password-required': 'Enter your password.',
  'login.error.new-password-required': 'Choose a password.',
  'login.error.password-short': 'Use at least 10 characters.',
  'login.error.password-long': 'Use at most 200 characters.',
  'login.error.password-weak': 'Choose a less common password.',
  'login.error.confirm-required': 'Enter the password again.',
  'login.error.password-mismatch': 'The passwords do not match.',
  'login.error.invalid-credentials': 'The email address or password is incorrect.',
  'login.error.token-missing': 'This link is incomplete. Open the link from your email again.',
  'login.error.contact-archived': 'This portal account is closed. Please contact the firm.',

  // Passwordless sign-in by an emailed code, and emailed links checked when opened. The rest of the
  // login's other flows (intros, notices, their fields and buttons, refused links) are in
  // components/login/login-flows.en.ts, loaded with them.
  'login.heading.email-code': 'Sign in with a code',
  'login.heading.enter-code': 'Enter your code',
  'login.heading.sign-in-link': 'Signing you in',
  'login.link.email-code': 'Email me a sign-in code',
  'login.error.code-required': 'Enter the 6-digit code from the email.',
  'login.error.code-shape': 'The code is 6 digits, like 123456.',
  'login.link-check.checking': 'Checking your link…',
  'login.link.passkey': 'Sign in with a passkey',
} as const satisfies Record<string, string>;
