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

/** The languages the portal and its emails are written in. */
export const contactLocales = ['en', 'es'] as const;
/** The language a contact reads the portal and its emails in; null until chosen. */
export const ContactLocale = z.enum(contactLocales, { error: "must be 'en' or 'es'" }).nullable().meta({
  id: 'ContactLocale',
  description:
    'The language the contact reads the portal and its emails in, English or Spanish; null until chosen, when emails follow the language of the portal page the contact last asked to sign in from (English before that)',
});

const addressLine = z.string().trim().max(200).nullable().optional();
/**
 * The contact's postal address (U.S.): where a card gives no billing ZIP, its state decides the
 * card surcharge rules. Sent whole: fields left out are cleared.
 */
export const contactAddressSchema = z
  .strictObject({
    line1: addressLine,
    city: addressLine,
    state: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter state code like NY')
      .nullable()
      .optional(),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, 'must be a ZIP code like 10001 or 10001-1234')
      .nullable()
      .optional(),
  })
  .meta({ id: 'ContactAddressInput' });

export const newContactSchema = z
  .strictObject({
    email,
    name,
    phone: phone.optional(),
    externalId: externalId.optional(),
    locale: ContactLocale.optional(),
    address: contactAddressSchema.nullable().optional(),
  })
  .meta({ id: 'NewContact' });
export const contactChangesSchema = z
  .strictObject({
    email: email.optional(),
    name: name.optional(),
    phone: phone.optional(),
    externalId: externalId.optional(),
    locale: ContactLocale.optional(),
    address: contactAddressSchema.nullable().optional(),
  })
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
    locale: ContactLocale,
    address: z
      .strictObject({ line1: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), postalCode: z.string().nullable() })
      .nullable()
      .optional()
      .meta({ id: 'ContactAddress', description: "The contact's postal address; its state decides the card surcharge rules when a card gives no billing ZIP" }),
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
