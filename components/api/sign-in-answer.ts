import type { SignIn, SignInAnswer } from './types.ts';

/** True when an answer signed the client in (rather than asking for a second factor, or for one to be set up). */
export function isSignedIn(answer: SignInAnswer): answer is SignIn {
  return 'accessToken' in answer;
}
