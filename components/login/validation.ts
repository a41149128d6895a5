import type { PlainMessageKey } from '../i18n/translations.ts';

/**
 * What the login form is for: a password sign-in, an invitation, a reset asked for or chosen,
 * a sign-in code asked for (`email-code`) or typed (`enter-code`), or an emailed sign-in link.
 */
export type LoginMode = 'sign-in' | 'accept-invitation' | 'forgot-password' | 'reset-password' | 'email-code' | 'enter-code' | 'sign-in-link';

export const loginModes: readonly LoginMode[] = [
  'sign-in',
  'accept-invitation',
  'forgot-password',
  'reset-password',
  'email-code',
  'enter-code',
  'sign-in-link',
];

/** The modes opened from an emailed link, whose token is checked when the link is opened. */
export type LinkMode = Extract<LoginMode, 'accept-invitation' | 'reset-password' | 'sign-in-link'>;

export function isLinkMode(mode: LoginMode): mode is LinkMode {
  return mode === 'accept-invitation' || mode === 'reset-password' || mode === 'sign-in-link';
}

export type LoginField = 'email' | 'password' | 'confirm' | 'code';

export type LoginValues = Record<LoginField, string>;

/** The first problem with each field, as a message key. */
export type LoginProblems = Partial<Record<LoginField, PlainMessageKey>>;

/** Passwords the service accepts: 10 to 200 characters. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// Deliberately loose: the service has the final word; this catches typing slips.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A sign-in code as typed or pasted ("123 456", "123-456"): its digits only. */
export function normalizeCode(value: string): string {
  return value.replace(/\D/g, '');
}

/** The fields each mode asks for, in order. */
export function fieldsOf(mode: LoginMode): readonly LoginField[] {
  switch (mode) {
    case 'sign-in':
      return ['email', 'password'];
    case 'forgot-password':
    case 'email-code':
      return ['email'];
    case 'enter-code':
      return ['code'];
    case 'sign-in-link':
      return [];
    case 'accept-invitation':
    case 'reset-password':
      return ['password', 'confirm'];
  }
}

/** True when the mode sets a new password (so the length rules apply). */
export function choosesPassword(mode: LoginMode): boolean {
  return mode === 'accept-invitation' || mode === 'reset-password';
}

/** Checks the fields a mode shows (or `fields`, when the form shows others); returns only the fields that have a problem. */
export function validateLogin(mode: LoginMode, given: Partial<LoginValues>, fields: readonly LoginField[] = fieldsOf(mode)): LoginProblems {
  const problems: LoginProblems = {};
  const values: LoginValues = { email: '', password: '', confirm: '', code: '', ...given };
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
  if (fields.includes('code')) {
    const code = normalizeCode(values.code);
    if (!code) problems.code = 'login.error.code-required';
    else if (code.length !== 6) problems.code = 'login.error.code-shape';
  }
  if (fields.includes('confirm')) {
    if (!values.confirm) problems.confirm = 'login.error.confirm-required';
    else if (values.confirm !== values.password) problems.confirm = 'login.error.password-mismatch';
  }
  return problems;
}
