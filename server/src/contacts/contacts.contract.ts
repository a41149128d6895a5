import { z } from 'zod';
import { externalIdFilter, externalIdSchema } from '../external-id.ts';
import { Instant, pageOf } from '../http/schema.ts';

// Requests

const email = z.email({ error: 'must be an email address' }).max(254);
const name = z.string().trim().min(1, 'is required').max(200);
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d\s().-]*$/, 'must be a phone number')
  .nullable();

const externalId = externalIdSchema.nullable();

export const newContactSchema = z.strictObject({ email, name, phone: phone.optional(), externalId: externalId.optional() }).meta({ id: 'NewContact' });
export const contactChangesSchema = z
  .strictObject({ email: email.optional(), name: name.optional(), phone: phone.optional(), externalId: externalId.optional() })
  .meta({ id: 'ContactChanges' });
export const contactQuerySchema = z.strictObject({
  status: z.enum(['active', 'archived', 'all']).default('active'),
  q: z.string().max(200).optional(),
  externalId: externalIdFilter,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

// Replies

/** A contact as the firm sees it. */
export const FirmContact = z
  .strictObject({
    id: z.string(),
    firmId: z.string(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    status: z.enum(['active', 'archived']),
    externalId: z.string().nullable().meta({ description: "The contact's id in the firm's own system, unique in the firm" }),
    hasLogin: z.boolean().meta({ description: 'Whether the contact has created a login' }),
    invitationStatus: z.enum(['none', 'pending', 'expired', 'accepted']).meta({
      description: 'The latest invitation: none sent, waiting to be accepted, no longer usable (expired or replaced), or accepted',
    }),
    invitedAt: Instant.nullable().meta({ description: 'When the latest invitation was sent' }),
    lastSignInAt: Instant.nullable().meta({ description: 'When the contact last signed in to the portal (password or token exchange)' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'FirmContact' });

export const ContactPage = pageOf(FirmContact).meta({ id: 'ContactPage' });

/** An invitation just emailed. */
export const Invitation = z
  .strictObject({
    id: z.string(),
    contactId: z.string(),
    hasLogin: z.boolean().meta({ description: 'The contact already had a login: the email said so, and its link only sets a new password' }),
    expiresAt: Instant,
    createdAt: Instant,
  })
  .meta({ id: 'Invitation' });
