import { z } from 'zod';
import { isCalendarDate } from '../calendar.ts';
import { CalendarDate, Currency, Instant, Money, listOf } from '../http/schema.ts';

// Requests

const calendarDate = z.string().refine(isCalendarDate, 'must be a date like 2026-03-01');
const id = z.string().min(1).max(64);

/** The method the plan charges: a saved one, or a processor token saved for the plan in the same step. */
export const planMethod = z.union([
  z.strictObject({ savedId: id }),
  z.strictObject({ type: z.enum(['card', 'us_bank_account']), token: z.string().min(1).max(255) }),
]);

/** `POST /plans/preview`: the schedule and the authorization text for these dates and this method, nothing stored. */
export const planProposalBody = z
  .strictObject({
    invoiceId: id,
    dates: z
      .array(calendarDate)
      .min(2, 'a plan has at least 2 instalments')
      .max(24)
      .meta({ description: 'One date per instalment, earliest first: the client chooses them within the firm’s limits' }),
    paymentMethod: planMethod,
  })
  .meta({ id: 'PlanProposal' });

/** `POST /plans`: the proposal with the authorization accepted (the version the client was shown). */
export const newPlanBody = planProposalBody
  .extend({
    authorization: z.strictObject({
      accepted: z.literal(true, 'the authorization must be accepted'),
      version: z.string().min(1).max(40).meta({ description: 'The `authorization.version` of the preview the client accepted' }),
    }),
  })
  .meta({ id: 'NewPlan' });

export const clientListQuery = z.strictObject({ invoiceId: id.optional() });

export const adminListQuery = z.strictObject({
  contactId: id.optional(),
  invoiceId: id.optional(),
  status: z.enum(['active', 'completed', 'cancelled', 'stopped']).optional(),
});

/** `GET /admin/plans/authorizations/export`: accepted since / before (default: the last two years). */
export const authorizationExportQuery = z.strictObject({ from: calendarDate.optional(), to: calendarDate.optional() });

// Replies

export const PlanMethod = z
  .strictObject({ type: z.enum(['card', 'us_bank_account']), brand: z.string().nullable(), last4: z.string() })
  .meta({ id: 'PlanMethod' });

export const PlanInstalment = z
  .strictObject({
    id: z.string(),
    seq: z.number().int().min(1),
    dueOn: CalendarDate,
    attemptOn: CalendarDate.meta({ description: 'When it is charged next: its date, or 3 days after a failed attempt' }),
    amount: Money.meta({ description: 'What it will charge (a payment outside the plan comes off the last instalments first)' }),
    status: z.enum(['scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled']),
    attempts: z.number().int().min(0),
    paymentId: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'PlanInstalment' });

export const PlanAuthorization = z
  .strictObject({ id: z.string(), version: z.string(), text: z.string(), acceptedAt: Instant, revokedAt: Instant.nullable() })
  .meta({ id: 'PlanAuthorization' });

export const Plan = z
  .strictObject({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    contactId: z.string(),
    status: z.enum(['active', 'completed', 'cancelled', 'stopped']),
    amount: Money.meta({ description: 'The balance the plan was made for' }),
    currency: Currency,
    method: PlanMethod,
    authorization: PlanAuthorization,
    nextCharge: z.strictObject({ on: CalendarDate, amount: Money }).nullable(),
    instalments: z.array(PlanInstalment),
    createdAt: Instant,
    endedAt: Instant.nullable(),
    endedReason: z.string().nullable().meta({ description: 'cancelled_by_client, cancelled_by_firm, paid, charge_failed' }),
  })
  .meta({ id: 'Plan' });

export const PlanList = listOf(Plan).meta({ id: 'PlanList' });

export const PlanPreview = z
  .strictObject({
    amount: Money,
    currency: Currency,
    method: PlanMethod,
    instalments: z.array(z.strictObject({ dueOn: CalendarDate, amount: Money })),
    authorization: z.strictObject({ version: z.string(), text: z.string() }),
  })
  .meta({ id: 'PlanPreview' });

/** What the portal needs to offer a plan on an invoice: the firm's limits and the dates a plan may use. */
export const PlanOptions = z
  .strictObject({
    enabled: z.boolean(),
    maxInstalments: z.number().int(),
    minInstalment: Money,
    earliest: CalendarDate.meta({ description: 'The first date an instalment may have (the firm’s today)' }),
    latest: CalendarDate.meta({ description: 'The last date an instalment may have' }),
  })
  .meta({ id: 'PlanOptions' });
