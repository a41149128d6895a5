import { z } from 'zod';
import { CalendarDate, Currency, Instant, Money, listOf } from '../http/schema.ts';
import { PlanAuthorization, PlanMethod, planMethod } from './plans.contract.ts';

// Requests

const id = z.string().min(1).max(64);
const matter = z.string().trim().min(1).max(200).meta({ description: 'The matter, as the firm names it on its invoices' });

/** `POST /autopay/preview`: the authorization text for this matter and method, nothing stored. */
export const autopayProposalBody = z.strictObject({ matter, paymentMethod: planMethod }).meta({ id: 'AutopayProposal' });

/** `POST /autopay`: the proposal with the authorization accepted (the version the client was shown). */
export const newAutopayBody = autopayProposalBody
  .extend({
    authorization: z.strictObject({
      accepted: z.literal(true, 'the authorization must be accepted'),
      version: z.string().min(1).max(40).meta({ description: 'The `authorization.version` of the preview the client accepted' }),
    }),
  })
  .meta({ id: 'NewAutopay' });

export const clientAutopayQuery = z.strictObject({ status: z.enum(['active', 'cancelled', 'stopped']).optional() });

export const adminAutopayQuery = z.strictObject({
  contactId: id.optional(),
  status: z.enum(['active', 'cancelled', 'stopped']).optional(),
});

// Replies

export const AutopayCharge = z
  .strictObject({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    chargeOn: CalendarDate.meta({ description: 'The invoice’s due date (or the day it was published, when that came later)' }),
    attemptOn: CalendarDate.meta({ description: 'When it is charged next: its date, or 3 days after a failed attempt' }),
    amount: Money.meta({ description: 'What it will charge (the invoice’s open balance now) or, once tried, what it charged' }),
    status: z.enum(['scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled']),
    attempts: z.number().int().min(0),
    paymentId: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'AutopayCharge' });

/** A charge already under way when autopay was turned off: its money still moves. */
export const AutopayChargeUnderWay = z
  .strictObject({
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    amount: Money.meta({ description: 'What the charge takes (the invoice’s open balance when it started)' }),
    currency: Currency,
    status: z.enum(['charging', 'processing']).meta({
      description: '`charging`: the processor is being asked; `processing`: a bank debit waiting to settle',
    }),
  })
  .meta({ id: 'AutopayChargeUnderWay' });

export const AutopayEnrolment = z
  .strictObject({
    id: z.string(),
    contactId: z.string(),
    matter: z.string(),
    status: z.enum(['active', 'cancelled', 'stopped']),
    currency: Currency.meta({ description: 'The currency of its charges (the firm’s)' }),
    method: PlanMethod,
    authorization: PlanAuthorization,
    nextCharge: z.strictObject({ invoiceId: z.string(), invoiceNumber: z.string(), on: CalendarDate, amount: Money }).nullable(),
    charges: z.array(AutopayCharge).meta({ description: 'The invoices published since autopay was turned on, newest first' }),
    chargesUnderWay: z.array(AutopayChargeUnderWay).meta({
      description:
        'Charges already started and not yet settled, which go through even with autopay off (a receipt follows each); in the reply to a cancel, those under way at the moment it was turned off. Empty when none',
    }),
    createdAt: Instant,
    endedAt: Instant.nullable(),
    endedReason: z.string().nullable().meta({ description: 'cancelled_by_client, cancelled_by_firm' }),
  })
  .meta({ id: 'AutopayEnrolment' });

export const AutopayEnrolmentList = listOf(AutopayEnrolment).meta({ id: 'AutopayEnrolmentList' });

/** `GET /autopay/matters`: whether the firm offers autopay, and the client's matters with autopay on or off. */
export const AutopayMatters = z
  .strictObject({
    enabled: z.boolean(),
    data: z.array(
      z.strictObject({
        matter: z.string(),
        enrolmentId: z.string().nullable().meta({ description: 'The active enrolment, when autopay is on for the matter' }),
      }),
    ),
  })
  .meta({ id: 'AutopayMatters' });

export const AutopayPreview = z
  .strictObject({
    matter: z.string(),
    method: PlanMethod,
    authorization: z.strictObject({ version: z.string(), text: z.string() }),
  })
  .meta({ id: 'AutopayPreview' });
