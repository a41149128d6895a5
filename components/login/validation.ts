import type { PlainMessageKey } from '../i18n/translations.ts';

/** What the login form is for. */
export type LoginMode = 'sign-in' | 'accept-invitation' | 'forgot-password' | 'reset-password';

export const loginModes: readonly LoginMode[] = ['sign-in', 'accept-invitation', 'forgot-password', 'reset-password'];

export type LoginField = 'email' | 'password' | 'confirm';

export type LoginValues = Record<LoginField, string>;

/** The first problem with each field, as a message key. */
export type LoginProblems = Partial<Record<LoginField, PlainMessageKey>>;

/** Passwords the service accepts: 10 to 200 characters. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// Deliberately loose: the service has the final word; this catches typing slips.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The fields each mode asks for, in order. */
export function fieldsOf(mode: LoginMode): readonly LoginField[] {
  switch (mode) {
    case 'sign-in':
      return ['email', 'password'];
    case 'forgot-password':
      return ['email'];
    case 'accept-invitation':
    case 'reset-password':
      return ['password', 'confirm'];
  }
}

/** True when the mode sets a new password (so the length rules apply). */
export function choosesPassword(mode: LoginMode): boolean {
  return mode === 'accept-invitation' || mode === 'reset-password';
}

/** Checks the fields a mode shows; returns only the fields that have a problem. */
export function validateLogin(mode: LoginMode, values: LoginValues): LoginProblems {
  const problems: LoginProblems = {};
  const fields = fieldsOf(mode);
  if (fields.includes('email')) {
    const email = values.email.trim();
    if (!email) problems.email = 'login.error.email-required';
    else if (!EMAIL_SHAPE.test(email)) problems.email = 'login.error.email-invalid';
  }
  if (fields.includes('password')) {
    if (!values.password) {
      problems.password = choosesPassword(mode) ? 'login.error.new-password-required' : 'login.error.password-required';
    } else if (choosesPassword(mode) && values.password.length < PASSWORD_MIN_LENGTH) {
      problems.password = 'login.error.password-short';
    } else if (choosesPassword(mode) && values.password.length > PASSWORD_MAX_LENGTH) {
      problems.password = 'login.error.password-long';
    }
  }
  if (fields.includes('confirm')) {
    if (!values.confirm) problems.confirm = 'login.error.confirm-required';
    else if (values.confirm !== values.password) problems.confirm = 'login.error.password-mismatch';
  }
  return problems;
}
