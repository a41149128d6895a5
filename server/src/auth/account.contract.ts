import { z } from 'zod';
import { passwordRules } from './passwords.ts';

const password = z.string().min(1, 'is required').max(passwordRules.max, `must be at most ${passwordRules.max} characters`);

/** `POST /me/password`: the current password confirms the change. */
export const passwordChangeBody = z
  .strictObject({ currentPassword: password, newPassword: password.meta({ description: `At least ${passwordRules.min} characters` }) })
  .meta({ id: 'PasswordChange' });
