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

  'session.loading': 'Loading the client portal…',
  'session.error-heading': 'The client portal is unavailable',
  'session.sign-out': 'Sign out',
  'session.signed-in-as': 'Signed in as {name}',
  'session.signed-out': 'You have signed out.',
  'session.expired': 'For your security, you have been signed out. Please sign in again.',
  'session.content-label': 'Client portal',
  'session.assertion-pending': 'Signing you in from {firm}’s website…',
  'session.assertion-failed': 'We couldn’t sign you in from {firm}’s website. Try signing in again there, or sign in with your portal password below.',
  'session.assertion-no-account': '{firm}’s website signed you in, but we couldn’t find your client portal account. Please contact the firm.',

  'login.heading.sign-in': 'Sign in',
  'login.heading.sign-in-firm': 'Sign in to {firm}',
  'login.heading.accept-invitation': 'Create your password',
  'login.heading.forgot-password': 'Reset your password',
  'login.heading.reset-password': 'Choose a new password',
  'login.label.email': 'Email address',
  'login.label.password': 'Password',
  'login.label.new-password': 'New password',
  'login.label.confirm-password': 'Confirm password',
  'login.hint.new-password': 'At least 10 characters.',
  'login.submit.sign-in': 'Sign in',
  'login.submit.accept-invitation': 'Create password and sign in',
  'login.submit.forgot-password': 'Send reset link',
  'login.submit.reset-password': 'Save password and sign in',
  'login.pending.sign-in': 'Signing in…',
  'login.pending.accept-invitation': 'Creating your password…',
  'login.pending.forgot-password': 'Sending…',
  'login.pending.reset-password': 'Saving…',
  'login.link.forgot-password': 'Forgot your password?',
  'login.link.sign-in': 'Back to sign in',
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
  'login.error.invitation-invalid': 'This invitation link is no longer valid. Ask the firm for a new invitation, or sign in if you already have a password.',
  'login.error.reset-invalid': 'This reset link is no longer valid. Request a new one.',
  'login.error.token-missing': 'This link is incomplete. Open the link from your email again.',
  'login.error.contact-archived': 'This portal account is closed. Please contact the firm.',

  // Passwordless sign-in by an emailed code, and emailed links checked when opened (the intros,
  // notices and refused-link answers of the login's other flows are in components/login/login-flows.en.ts).
  'login.heading.email-code': 'Sign in with a code',
  'login.heading.enter-code': 'Enter your code',
  'login.heading.sign-in-link': 'Signing you in',
  'login.label.code': 'Sign-in code',
  'login.hint.code': 'The 6 digits from the email.',
  'login.submit.email-code': 'Email me a code',
  'login.submit.enter-code': 'Sign in',
  'login.submit.sign-in-link': 'Sign in',
  'login.pending.email-code': 'Sending…',
  'login.pending.enter-code': 'Signing in…',
  'login.pending.sign-in-link': 'Signing in…',
  'login.link.email-code': 'Email me a sign-in code',
  'login.error.code-required': 'Enter the 6-digit code from the email.',
  'login.error.code-shape': 'The code is 6 digits, like 123456.',
  'login.error.code-expired': 'This code no longer works: it expired, was used, or was entered wrong too many times. Send a new code.',
  'login.link-check.checking': 'Checking your link…',
  'login.link.passkey': 'Sign in with a passkey',

  // Payment plans, as <portal-payments> and <portal-home> mention them (<portal-invoice-plan>'s own
  // messages are in components/invoice/plan.en.ts)
  'plan.payment-badge': 'Plan instalment {number} of {count}',
  'plan.home-next': 'Next plan charge: {amount} on {date} (invoice {number})',

  // Autopay, as <portal-home> and <portal-invoice> mention it (<portal-autopay-settings>'s own
  // messages are in components/profile/autopay.en.ts)
  'autopay.home-next': 'Next autopay charge: {amount} on {date} (invoice {number})',
  'autopay.invoice-note': 'Autopay will charge {amount} on {date}.',

  // The whole portal in one element (<portal-app>)
  'app.nav-label': 'Client portal sections',
  'app.section.activities': 'Tasks and events',
  'app.section.invoices': 'Invoices',
  'app.section.payments': 'Payments',
  'app.section.messages': 'Messages',
  'app.section.files': 'Files',
  'app.section-shown': 'Showing {section}',
  'app.no-sections': 'There is nothing to show in the portal yet. Please contact the firm.',

  // The client's home and the navigation's counts (<portal-home>, <portal-app>)
  'app.section.home': 'Home',
  'app.badge.unread': '{count} unread',
  'app.badge.unpaid': '{count} unpaid',
  'app.section-hidden': '{section} is not available in this portal. Showing {home}.',

  // The client's own profile: its section's name (<portal-profile>'s own messages are in
  // components/profile/profile.en.ts)
  'app.section.profile': 'Profile',
} as const satisfies Record<string, string>;
