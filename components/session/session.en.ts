/** The English of `<portal-session>`, loaded with the element. */
export const sessionEn = {
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
} as const satisfies Record<string, string>;
