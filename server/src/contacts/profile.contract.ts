import { z } from 'zod';
import { Instant } from '../http/schema.ts';

/**
 * The notices a client may turn off, by kind. Security emails (sign-in codes, password and
 * email changes) and payment receipts always go, whatever the choices.
 */
export const optionalEmails = ['invoices', 'messages'] as const;
export type OptionalEmail = (typeof optionalEmails)[number];

// Requests

const name = z.string().trim().min(1, 'is required').max(200);
const email = z.email({ error: 'must be an email address' }).max(254);
// The current password, to confirm the change: its rules are the auth component's, which checks it.
const password = z.string().min(1, 'is required').max(200, 'must be at most 200 characters');

/** Which notices the client wants by email: true sends them. */
export const Notifications = z
  .strictObject({
    invoices: z.boolean().meta({ description: 'New invoices and reminders about what is left to pay' }),
    messages: z.boolean().meta({ description: 'A new message from the firm' }),
  })
  .meta({ id: 'Notifications', description: 'Security emails and payment receipts always go, whatever these say' });

/** `PATCH /me`: what the client changes of their own profile; what is left out stays. */
export const profileChangesSchema = z
  .strictObject({
    name: name.optional(),
    locale: z
      .enum(['en', 'es'], { error: "must be 'en' or 'es'" })
      .nullable()
      .optional()
      .meta({ description: "The portal's and the emails' language; null follows the page's" }),
    notifications: Notifications.partial().optional(),
  })
  .meta({ id: 'ProfileChanges' });

/** `POST /me/email-change`: a code goes to the new address; the current password confirms the request. */
export const emailChangeBody = z.strictObject({ newEmail: email, password }).meta({ id: 'EmailChangeRequest' });
/** `POST /me/email-change/confirm`: the code from the email to the new address. */
export const emailChangeConfirmBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be the 6 digits from the email')
      .meta({ description: 'The 6-digit code sent to the new address' }),
  })
  .meta({ id: 'EmailChangeConfirm' });

// Replies

/** The client's own settings, as the profile shows them. */
export const Profile = z
  .strictObject({
    notifications: Notifications,
    hasPassword: z.boolean().meta({ description: 'Whether the client has a password (a client who signs in from the firm’s site or by code may not)' }),
    pendingEmail: z
      .strictObject({ email: z.string(), expiresAt: Instant })
      .nullable()
      .meta({ description: 'An email change waiting for the code sent to the new address' }),
  })
  .meta({ id: 'Profile' });

/** An email change asked for: the code went to `email`. */
export const EmailChangeStarted = z.strictObject({ email: z.string(), expiresAt: Instant }).meta({ id: 'EmailChangeStarted' });
