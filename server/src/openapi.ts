/**
 * The token service's API as an OpenAPI 3.1 document, served at `/api/v1/openapi.json`. A test
 * walks the Express routes and checks that this list and the routes are the same.
 */

import { z } from 'zod';
import { activitiesContract } from './activities/index.ts';
import { apiKeysContract } from './api-keys/index.ts';
import { accountContract, authContract, twoFactorContract } from './auth/index.ts';
import { contactsContract, profileContract } from './contacts/index.ts';
import { documentsContract } from './documents/index.ts';
import { filesContract } from './files/index.ts';
import { firmsContract } from './firms/index.ts';
import { ProblemReply } from './http/problem-codes.ts';
import { homeContract } from './home/index.ts';
import { invoicesContract } from './invoices/index.ts';
import { messagesContract } from './messages/index.ts';
import { paymentsContract, refundsContract } from './payments/index.ts';
import { autopayContract, plansContract } from './plans/index.ts';
import { staffContract } from './staff/index.ts';
import { webhooksContract } from './webhooks/index.ts';

const {
  ClientPasskeyRegistered,
  ClientTotpConfirmed,
  ClientTwoFactor,
  RecoveryCodes,
  SignInResult,
  enrollmentBody: clientEnrollmentBody,
  mfaBody,
  mfaTokenBody: clientMfaTokenBody,
  passkeyRegistrationBody: clientPasskeyRegistrationBody,
  passkeySignInBody,
  passkeySignInOptionsBody,
  recoveryCodesBody,
  totpConfirmBody: clientTotpConfirmBody,
} = twoFactorContract;

const {
  Activity,
  ActivityChanges,
  ActivityGroups,
  FirmActivity,
  FirmActivityPage,
  clientListQuery,
  completionSchema,
  firmListQuery: firmActivityListQuery,
  newActivitySchema,
} = activitiesContract;
const { ApiKeyList, NewApiKeyResult, newApiKeySchema } = apiKeysContract;
const {
  Accepted,
  Session,
  LinkStatus,
  emailCodeRequestBody,
  emailCodeVerifyBody,
  linkRenewBody,
  linkStatusBody,
  loginBody,
  newPasswordBody,
  resetRequestBody,
  tokenExchangeBody,
} = authContract;
const { ContactPage, FirmContact, Invitation, contactChangesSchema, contactQuerySchema, newContactSchema } = contactsContract;
const { EmailChangeStarted, emailChangeBody, emailChangeConfirmBody, profileChangesSchema } = profileContract;
const { passwordChangeBody } = accountContract;
const { documentQuery } = documentsContract;
const { ClientFile, FilePage, FirmFile, FirmFilePage, firmListQuery: firmFileListQuery, listQuery: fileListQuery } = filesContract;
const { Branding, FirmChanges, FirmProfile, Me } = firmsContract;
const {
  FirmInvoiceDetail,
  FirmInvoicePage,
  InvoiceDetail,
  InvoicePage,
  OutstandingInvoices,
  adminListQuery: adminInvoiceListQuery,
  invoiceChangesSchema,
  listQuery: invoiceListQuery,
  newInvoiceSchema,
  voidSchema,
} = invoicesContract;
const {
  FirmThread,
  FirmThreadMessages,
  FirmThreadPage,
  FirmThreadStarted,
  Message,
  Thread,
  ThreadMessages,
  ThreadPage,
  ThreadStarted,
  firmThreadListQuery,
  messagesQuery,
  newMessageSchema,
  newThreadSchema,
  staffMessageSchema,
  staffThreadSchema,
  threadListQuery,
} = messagesContract;
const {
  BankLink,
  BankLinkExchange,
  CheckoutResult,
  FirmPayment,
  FirmPaymentPage,
  LinkedAccount,
  Mandate,
  Payment,
  PaymentPage,
  PaymentSetup,
  PaymentTotals,
  SavedPaymentMethods,
  StripeEvent,
  StripeEventReceipt,
  exportQuery,
  firmListQuery: firmPaymentListQuery,
  listQuery: paymentListQuery,
  mandateQuery,
  invoicePaymentSchema,
  offlinePaymentSchema,
  paymentBody,
  PaymentQuote,
  quoteBody,
  totalsQuery,
} = paymentsContract;
const { NewRefund, RefundResult } = refundsContract;
const {
  NewWebhookEndpointResult,
  RotatedWebhookSecret,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointList,
  deliveriesQuery,
  endpointChangesSchema,
  newEndpointSchema,
} = webhooksContract;

const {
  PasskeyCreationOptions,
  PasskeyRegistered,
  PasskeyRequestOptions,
  StaffList,
  StaffMe,
  StaffMember,
  StaffPasswordResult,
  StaffSignIn,
  TotpConfirmed,
  TotpSetup,
  enrollmentBody,
  mfaCodeBody,
  mfaTokenBody,
  newStaffSchema,
  passkeyAssertionBody,
  passkeyRegistrationBody,
  staffChangesSchema,
  staffInvitationBody,
  staffLoginBody,
  totpConfirmBody,
} = staffContract;

/** This document's own shape, as far as a client needs it. */
const OpenApiDocument = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
  })
  .meta({ id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document' });

type Auth = 'public' | 'client' | 'firm' | 'staff' | 'staffCookie' | 'cookie' | 'stripe';
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** A zod schema with an `id` in its metadata, or a media type for what is not JSON (files, CSV). */
type Shape = z.ZodType | `${string}/${string}`;

interface Operation {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  /** The request body's schema, or `multipart` for uploads. */
  body?: z.ZodType | 'multipart';
  /** The success status and its reply: a schema, or a media type for files. */
  response: [number, Shape?];
  /** Another success status with the same reply: a PUT answers 201 when it creates, 200 when it updates. */
  alsoStatus?: number;
  /** The query's schema: each field is a parameter. */
  query?: z.ZodObject;
  /** The request needs an `Idempotency-Key` header: a retry with the same key is answered once. */
  idempotent?: true;
}

const op = (
  method: Method,
  path: string,
  tag: string,
  summary: string,
  auth: Auth,
  response: [number, Shape?],
  extra: Partial<Pick<Operation, 'body' | 'query' | 'alsoStatus' | 'idempotent'>> = {},
): Operation => ({ method, path, tag, summary, auth, response, ...extra });

export const operations: Operation[] = [
  op('post', '/api/v1/auth/login', 'Sign-in', 'Sign a client in: a session, or the second factor to give or set up first', 'public', [200, SignInResult], {
    body: loginBody,
  }),
  op(
    'post',
    '/api/v1/auth/token-exchange',
    'Sign-in',
    "Sign a client in with an assertion from the firm's own backend (settings.identity)",
    'public',
    [200, Session],
    { body: tokenExchangeBody },
  ),
  op('post', '/api/v1/auth/refresh', 'Sign-in', 'Rotate the refresh cookie and get a new access token', 'cookie', [200, Session]),
  op('post', '/api/v1/auth/logout', 'Sign-in', 'End the sign-in', 'cookie', [204]),
  op(
    'post',
    '/api/v1/auth/invitations/accept',
    'Sign-in',
    'Create a password from an invitation and sign in (answers as login does)',
    'public',
    [200, SignInResult],
    {
      body: newPasswordBody,
    },
  ),
  op(
    'post',
    '/api/v1/auth/password-reset/request',
    'Sign-in',
    'Email a password reset link (same answer whether or not the email exists)',
    'public',
    [202, Accepted],
    { body: resetRequestBody },
  ),
  op(
    'post',
    '/api/v1/auth/password-reset/confirm',
    'Sign-in',
    'Set a new password from a reset link and sign in (answers as login does)',
    'public',
    [200, SignInResult],
    {
      body: newPasswordBody,
    },
  ),
  op(
    'post',
    '/api/v1/auth/email-code/request',
    'Sign-in',
    'Email a 6-digit sign-in code and a one-click link, valid 10 minutes (same answer whether or not the email exists)',
    'public',
    [202, Accepted],
    { body: emailCodeRequestBody },
  ),
  op(
    'post',
    '/api/v1/auth/email-code/verify',
    'Sign-in',
    "Sign in with the emailed code, or the email link's token (answers as login does)",
    'public',
    [200, SignInResult],
    {
      body: emailCodeVerifyBody,
    },
  ),
  op('post', '/api/v1/auth/mfa', 'Sign-in', 'Finish signing in with an authenticator code, a recovery code or a passkey', 'public', [200, Session], {
    body: mfaBody,
  }),
  op('post', '/api/v1/auth/mfa/passkey/options', 'Sign-in', 'WebAuthn options to give a passkey as the second factor', 'public', [200, PasskeyRequestOptions], {
    body: clientMfaTokenBody,
  }),
  op('post', '/api/v1/auth/passkey/options', 'Sign-in', 'WebAuthn options to sign in with a passkey alone', 'public', [200, PasskeyRequestOptions], {
    body: passkeySignInOptionsBody,
  }),
  op('post', '/api/v1/auth/passkey/verify', 'Sign-in', 'Sign in with a passkey alone', 'public', [200, Session], { body: passkeySignInBody }),
  op('get', '/api/v1/auth/two-factor', 'Two-factor sign-in', "The client's second factors and the firm's setting", 'client', [200, ClientTwoFactor]),
  op(
    'post',
    '/api/v1/auth/two-factor/totp/setup',
    'Two-factor sign-in',
    'Start setting up an authenticator app (access token, or mfaToken of an EnrollmentChallenge)',
    'client',
    [200, TotpSetup],
    { body: clientEnrollmentBody },
  ),
  op(
    'post',
    '/api/v1/auth/two-factor/totp/confirm',
    'Two-factor sign-in',
    'Turn the authenticator app on with a first code; answers recovery codes (and the sign-in, for an mfaToken)',
    'client',
    [200, ClientTotpConfirmed],
    { body: clientTotpConfirmBody },
  ),
  op('delete', '/api/v1/auth/two-factor/totp', 'Two-factor sign-in', 'Remove the authenticator app', 'client', [204]),
  op(
    'post',
    '/api/v1/auth/two-factor/passkeys/options',
    'Two-factor sign-in',
    'WebAuthn options to add a passkey (access token, or mfaToken of an EnrollmentChallenge)',
    'client',
    [200, PasskeyCreationOptions],
    { body: clientEnrollmentBody },
  ),
  op('post', '/api/v1/auth/two-factor/passkeys', 'Two-factor sign-in', 'Add a passkey', 'client', [201, ClientPasskeyRegistered], {
    body: clientPasskeyRegistrationBody,
  }),
  op('delete', '/api/v1/auth/two-factor/passkeys/{id}', 'Two-factor sign-in', 'Remove a passkey', 'client', [204]),
  op(
    'post',
    '/api/v1/auth/two-factor/recovery-codes',
    'Two-factor sign-in',
    'Replace the recovery codes (needs the password or a current code)',
    'client',
    [200, RecoveryCodes],
    {
      body: recoveryCodesBody,
    },
  ),
  op('post', '/api/v1/auth/link-status', 'Sign-in', 'Whether an invitation, reset or sign-in link is still usable', 'public', [200, LinkStatus], {
    body: linkStatusBody,
  }),
  op('post', '/api/v1/auth/link-renew', 'Sign-in', 'Email a new reset or sign-in link to where a used or expired one went', 'public', [202, Accepted], {
    body: linkRenewBody,
  }),
  op(
    'post',
    '/api/v1/staff/auth/login',
    'Staff sign-in',
    'Sign a staff member in: a sign-in, or the second factor to give or set up',
    'public',
    [200, StaffPasswordResult],
    {
      body: staffLoginBody,
    },
  ),
  op(
    'post',
    '/api/v1/staff/auth/invitations/accept',
    'Staff sign-in',
    'Set a password from a staff invitation; answers as login does',
    'public',
    [200, StaffPasswordResult],
    {
      body: staffInvitationBody,
    },
  ),
  op('post', '/api/v1/staff/auth/mfa', 'Staff sign-in', 'Finish signing in with an authenticator code or a recovery code', 'public', [200, StaffSignIn], {
    body: mfaCodeBody,
  }),
  op('post', '/api/v1/staff/auth/mfa/passkey/options', 'Staff sign-in', 'WebAuthn options to sign in with a passkey', 'public', [200, PasskeyRequestOptions], {
    body: mfaTokenBody,
  }),
  op('post', '/api/v1/staff/auth/mfa/passkey', 'Staff sign-in', 'Finish signing in with a passkey', 'public', [200, StaffSignIn], {
    body: passkeyAssertionBody,
  }),
  op(
    'post',
    '/api/v1/staff/auth/totp/setup',
    'Staff sign-in',
    'Start setting up an authenticator app (staff token, or mfaToken of an EnrollmentChallenge)',
    'staff',
    [200, TotpSetup],
    {
      body: enrollmentBody,
    },
  ),
  op(
    'post',
    '/api/v1/staff/auth/totp/confirm',
    'Staff sign-in',
    'Turn the authenticator app on with its first code; answers recovery codes',
    'staff',
    [200, TotpConfirmed],
    {
      body: totpConfirmBody,
    },
  ),
  op(
    'delete',
    '/api/v1/staff/auth/totp',
    'Staff sign-in',
    'Turn the authenticator app off (409 when the firm requires a second factor and it is the last)',
    'staff',
    [204],
  ),
  op(
    'post',
    '/api/v1/staff/auth/passkeys/options',
    'Staff sign-in',
    'WebAuthn options to add a passkey (staff token, or mfaToken of an EnrollmentChallenge)',
    'staff',
    [200, PasskeyCreationOptions],
    { body: enrollmentBody },
  ),
  op('post', '/api/v1/staff/auth/passkeys', 'Staff sign-in', 'Add a passkey', 'staff', [201, PasskeyRegistered], { body: passkeyRegistrationBody }),
  op(
    'delete',
    '/api/v1/staff/auth/passkeys/{id}',
    'Staff sign-in',
    'Remove a passkey (409 when the firm requires a second factor and it is the last)',
    'staff',
    [204],
  ),
  op('post', '/api/v1/staff/auth/refresh', 'Staff sign-in', 'Rotate the staff refresh cookie and get a new access token', 'staffCookie', [200, StaffSignIn]),
  op('post', '/api/v1/staff/auth/logout', 'Staff sign-in', 'End the staff sign-in', 'staffCookie', [204]),
  op(
    'get',
    '/api/v1/admin/staff/me',
    'Staff',
    'The signed-in staff member, their firm, their second factors and what their role may do (staff token only)',
    'staff',
    [200, StaffMe],
  ),
  op('get', '/api/v1/admin/staff', 'Staff', "The firm's staff (owner)", 'firm', [200, StaffList]),
  op('post', '/api/v1/admin/staff', 'Staff', 'Add a staff member and email their invitation (owner)', 'firm', [201, StaffMember], { body: newStaffSchema }),
  op('patch', '/api/v1/admin/staff/{id}', 'Staff', "Change a member's role or status (owner; 409 for the last owner)", 'firm', [200, StaffMember], {
    body: staffChangesSchema,
  }),
  op('post', '/api/v1/admin/staff/{id}/invitations', 'Staff', 'Email the invitation again (owner)', 'firm', [202]),
  op('get', '/api/v1/firms/{slug}/branding', 'Firm', "The firm's public branding and sections", 'public', [200, Branding]),
  op('get', '/api/v1/openapi.json', 'Firm', 'This document', 'public', [200, OpenApiDocument]),
  op('post', '/webhooks/stripe', 'Webhooks', "Stripe's events, verified by their signature (only with PAYMENTS=stripe)", 'stripe', [200, StripeEventReceipt], {
    body: StripeEvent,
  }),
  op('get', '/api/v1/me', 'Client', 'The signed-in client, their firm and their own settings', 'client', [200, Me]),
  op('patch', '/api/v1/me', 'Client', "Change the client's name, language or which emails they get", 'client', [200, Me], { body: profileChangesSchema }),
  op(
    'post',
    '/api/v1/me/email-change',
    'Client',
    'Move to a new email address: a 6-digit code goes there (10 minutes, 5 tries), a notice to the current one',
    'client',
    [202, EmailChangeStarted],
    { body: emailChangeBody },
  ),
  op('post', '/api/v1/me/email-change/confirm', 'Client', 'Finish the move to the new address with its code', 'client', [200, Me], {
    body: emailChangeConfirmBody,
  }),
  op('post', '/api/v1/me/password', 'Client', 'Change the password (the current one confirms it); emails "your password was changed"', 'client', [204], {
    body: passwordChangeBody,
  }),
  op('post', '/api/v1/me/sign-out-everywhere', 'Client', 'End every sign-in of the client, this one included', 'client', [204]),
  op('get', '/api/v1/home', 'Client', "The client's home: what needs them now and what changed since their last visit", 'client', [200, homeContract.Home]),
  op('get', '/api/v1/home/counts', 'Client', "The navigation's counts: unread messages, unpaid invoices", 'client', [200, homeContract.HomeCounts]),
  op('post', '/api/v1/home/seen', 'Client', 'The client looked at home: a visit goes on, or a new one starts after 30 minutes away (no body)', 'client', [204]),

  op('get', '/api/v1/activities', 'Activities', 'Tasks and events: overdue, upcoming, done', 'client', [200, ActivityGroups], { query: clientListQuery }),
  op('patch', '/api/v1/activities/{id}', 'Activities', 'Mark a task done or not done', 'client', [200, Activity], { body: completionSchema }),
  op('get', '/api/v1/activities/{id}/calendar.ics', 'Activities', 'An event as an iCalendar file', 'client', [200, 'text/calendar']),

  op('get', '/api/v1/invoices', 'Invoices', "The client's invoices", 'client', [200, InvoicePage], { query: invoiceListQuery }),
  op(
    'get',
    '/api/v1/invoices/outstanding',
    'Invoices',
    'What the client owes now: every unpaid invoice with something to pay, and the sum (one query)',
    'client',
    [200, OutstandingInvoices],
  ),
  op('get', '/api/v1/invoices/{id}', 'Invoices', 'One invoice with lines and payments', 'client', [200, InvoiceDetail]),
  op(
    'get',
    '/api/v1/invoices/{id}/pdf',
    'Invoices',
    "The invoice as a PDF, in the client's language (`Invoice-<number>.pdf`)",
    'client',
    [200, 'application/pdf'],
    { query: documentQuery },
  ),

  op('get', '/api/v1/payments', 'Payments', 'Payment history (403 payments_hidden when the firm hides it)', 'client', [200, PaymentPage], {
    query: paymentListQuery,
  }),
  op('get', '/api/v1/payments/{id}', 'Payments', 'One payment', 'client', [200, Payment]),
  op(
    'get',
    '/api/v1/payments/{id}/receipt.pdf',
    'Payments',
    'The receipt of a received payment as a PDF (`Receipt-<number>.pdf`); 404 receipt_not_available for a failed or unsettled one',
    'client',
    [200, 'application/pdf'],
    { query: documentQuery },
  ),
  op('get', '/api/v1/payments/setup', 'Payments', 'Which processor and bank sign-in the browser uses', 'client', [200, PaymentSetup]),
  op('get', '/api/v1/payments/mandate', 'Payments', 'The ACH debit authorization text', 'client', [200, Mandate], { query: mandateQuery }),
  op(
    'post',
    '/api/v1/payments/quote',
    'Payments',
    'What paying these allocations with this method comes to, with any card surcharge; nothing is charged or held',
    'client',
    [200, PaymentQuote],
    { body: quoteBody },
  ),
  op('post', '/api/v1/payments', 'Payments', 'Pay invoices (Idempotency-Key header required)', 'client', [201, CheckoutResult], {
    body: paymentBody,
    idempotent: true,
  }),
  op('get', '/api/v1/plans/options', 'Payment plans', "The firm's plan limits and the dates a plan started today may use", 'client', [
    200,
    plansContract.PlanOptions,
  ]),
  op(
    'post',
    '/api/v1/plans/preview',
    'Payment plans',
    'The schedule and the authorization text for a proposed plan; nothing is stored',
    'client',
    [200, plansContract.PlanPreview],
    {
      body: plansContract.planProposalBody,
    },
  ),
  op('get', '/api/v1/plans', 'Payment plans', "The client's payment plans, newest first", 'client', [200, plansContract.PlanList], {
    query: plansContract.clientListQuery,
  }),
  op(
    'post',
    '/api/v1/plans',
    'Payment plans',
    'Put an open invoice on a plan of instalments, the authorization accepted',
    'client',
    [201, plansContract.Plan],
    {
      body: plansContract.newPlanBody,
    },
  ),
  op('post', '/api/v1/plans/{id}/cancel', 'Payment plans', 'Cancel a plan: nothing more is charged and the authorization is revoked', 'client', [
    200,
    plansContract.Plan,
  ]),
  op('get', '/api/v1/autopay/matters', 'Autopay', "Whether the firm offers autopay, and the client's matters with autopay on or off", 'client', [
    200,
    autopayContract.AutopayMatters,
  ]),
  op(
    'post',
    '/api/v1/autopay/preview',
    'Autopay',
    'The authorization text for autopay on a matter with a method; nothing is stored',
    'client',
    [200, autopayContract.AutopayPreview],
    {
      body: autopayContract.autopayProposalBody,
    },
  ),
  op(
    'get',
    '/api/v1/autopay',
    'Autopay',
    "The client's autopay enrolments with their charges, newest first",
    'client',
    [200, autopayContract.AutopayEnrolmentList],
    {
      query: autopayContract.clientAutopayQuery,
    },
  ),
  op(
    'post',
    '/api/v1/autopay',
    'Autopay',
    'Turn on autopay for a matter: each invoice published for it from now on is charged on its due date; the authorization accepted',
    'client',
    [201, autopayContract.AutopayEnrolment],
    { body: autopayContract.newAutopayBody },
  ),
  op(
    'post',
    '/api/v1/autopay/{id}/cancel',
    'Autopay',
    'Turn autopay off: nothing more is charged and the authorization is revoked; the reply lists the charges already under way, which turning it off does not stop',
    'client',
    [200, autopayContract.AutopayEnrolment],
  ),
  op('post', '/api/v1/payments/{id}/confirm', 'Payments', 'Finish a payment after 3-D Secure', 'client', [200, Payment]),
  op('get', '/api/v1/payment-methods', 'Payments', 'Saved payment methods', 'client', [200, SavedPaymentMethods]),
  op('delete', '/api/v1/payment-methods/{id}', 'Payments', 'Remove a saved payment method', 'client', [204]),
  op('post', '/api/v1/payment-methods/{id}/default', 'Payments', 'Choose the saved method to pay with first', 'client', [200, SavedPaymentMethods]),
  op('post', '/api/v1/bank-links', 'Payments', 'Start bank sign-in', 'client', [201, BankLink]),
  op('post', '/api/v1/bank-links/exchange', 'Payments', 'Turn the bank sign-in result into a payment method', 'client', [200, LinkedAccount], {
    body: BankLinkExchange,
  }),

  op('get', '/api/v1/threads', 'Messages', 'Message threads with unread counts', 'client', [200, ThreadPage], { query: threadListQuery }),
  op('post', '/api/v1/threads', 'Messages', 'Start a thread', 'client', [201, ThreadStarted], { body: newThreadSchema }),
  op('get', '/api/v1/threads/{id}/messages', 'Messages', "A thread's messages, newest last", 'client', [200, ThreadMessages], { query: messagesQuery }),
  op('post', '/api/v1/threads/{id}/messages', 'Messages', 'Reply in a thread', 'client', [201, Message], { body: newMessageSchema }),
  op('post', '/api/v1/threads/{id}/read', 'Messages', 'Mark a thread read', 'client', [200, Thread]),
  op('get', '/api/v1/files', 'Files', 'Files shared with and uploaded by the client', 'client', [200, FilePage], { query: fileListQuery }),
  op('post', '/api/v1/files', 'Files', 'Upload a file (multipart/form-data)', 'client', [201, ClientFile], { body: 'multipart' }),
  op('get', '/api/v1/files/{id}/content', 'Files', 'Download a file (attachment)', 'client', [200, '*/*']),

  op('get', '/api/v1/admin/settings', 'Firm administration', "The firm's profile, branding and settings", 'firm', [200, FirmProfile]),
  op('patch', '/api/v1/admin/settings', 'Firm administration', 'Change the profile, branding or settings', 'firm', [200, FirmProfile], { body: FirmChanges }),
  op('get', '/api/v1/admin/contacts', 'Firm administration', 'List contacts', 'firm', [200, ContactPage], { query: contactQuerySchema }),
  op(
    'put',
    '/api/v1/admin/contacts/by-external-id/{externalId}',
    'Firm administration',
    "Create (201) or update (200) the contact with the firm's own id",
    'firm',
    [201, FirmContact],
    { body: newContactSchema, alsoStatus: 200 },
  ),
  op('post', '/api/v1/admin/contacts', 'Firm administration', 'Add a contact', 'firm', [201, FirmContact], { body: newContactSchema }),
  op('get', '/api/v1/admin/contacts/{id}', 'Firm administration', 'One contact', 'firm', [200, FirmContact]),
  op('patch', '/api/v1/admin/contacts/{id}', 'Firm administration', 'Change a contact', 'firm', [200, FirmContact], { body: contactChangesSchema }),
  op('post', '/api/v1/admin/contacts/{id}/archive', 'Firm administration', 'Archive a contact (they can no longer sign in)', 'firm', [200, FirmContact]),
  op('post', '/api/v1/admin/contacts/{id}/restore', 'Firm administration', 'Restore an archived contact', 'firm', [200, FirmContact]),
  op('post', '/api/v1/admin/contacts/{id}/invitations', 'Firm administration', 'Email the contact an invitation to create a login', 'firm', [201, Invitation]),
  op('get', '/api/v1/admin/api-keys', 'Firm administration', "The firm's API keys, revoked ones included (never the keys themselves)", 'firm', [
    200,
    ApiKeyList,
  ]),
  op('post', '/api/v1/admin/api-keys', 'Firm administration', 'Create an API key: the key is in this answer only', 'firm', [201, NewApiKeyResult], {
    body: newApiKeySchema,
  }),
  op(
    'delete',
    '/api/v1/admin/api-keys/{id}',
    'Firm administration',
    'Revoke an API key: refused from the next request on (404 for an unknown or revoked key)',
    'firm',
    [204],
  ),
  op('get', '/api/v1/admin/invoices', 'Firm administration', 'List invoices, drafts included', 'firm', [200, FirmInvoicePage], {
    query: adminInvoiceListQuery,
  }),
  op(
    'put',
    '/api/v1/admin/invoices/by-external-id/{externalId}',
    'Firm administration',
    "Create (201) or update (200) the invoice with the firm's own id (a sent one keeps its amounts)",
    'firm',
    [201, FirmInvoiceDetail],
    { body: newInvoiceSchema, alsoStatus: 200 },
  ),
  op('post', '/api/v1/admin/invoices', 'Firm administration', 'Draft an invoice', 'firm', [201, FirmInvoiceDetail], { body: newInvoiceSchema }),
  op('get', '/api/v1/admin/invoices/{id}', 'Firm administration', 'One invoice', 'firm', [200, FirmInvoiceDetail]),
  op('patch', '/api/v1/admin/invoices/{id}', 'Firm administration', 'Change an invoice (a sent one keeps its amounts)', 'firm', [200, FirmInvoiceDetail], {
    body: invoiceChangesSchema,
  }),
  op('delete', '/api/v1/admin/invoices/{id}', 'Firm administration', 'Delete a draft', 'firm', [204]),
  op('post', '/api/v1/admin/invoices/{id}/send', 'Firm administration', 'Publish an invoice and email the client', 'firm', [200, FirmInvoiceDetail]),
  op('post', '/api/v1/admin/invoices/{id}/void', 'Firm administration', 'Void an invoice without payments', 'firm', [200, FirmInvoiceDetail], {
    body: voidSchema,
  }),
  op(
    'post',
    '/api/v1/admin/invoices/{id}/payments',
    'Firm administration',
    'Record a check, wire or cash received for one invoice (Idempotency-Key header required)',
    'firm',
    [201, Payment],
    { body: invoicePaymentSchema, idempotent: true },
  ),
  op('get', '/api/v1/admin/payments', 'Firm administration', "The firm's payments, newest first", 'firm', [200, FirmPaymentPage], {
    query: firmPaymentListQuery,
  }),
  op(
    'get',
    '/api/v1/admin/payments/export',
    'Firm administration',
    'Payments and refunds as CSV for reconciliation, one row per allocation',
    'firm',
    [200, 'text/csv'],
    { query: exportQuery },
  ),
  op(
    'get',
    '/api/v1/admin/payments/totals',
    'Firm administration',
    'What the payments a filter selects add up to, per currency',
    'firm',
    [200, PaymentTotals],
    {
      query: totalsQuery,
    },
  ),
  op('get', '/api/v1/admin/payments/{id}', 'Firm administration', 'One payment with its client, processor ids, history and authorization', 'firm', [
    200,
    FirmPayment,
  ]),
  op(
    'post',
    '/api/v1/admin/payments/{id}/refunds',
    'Firm administration',
    'Refund all or part of a payment through the processor (Idempotency-Key header required)',
    'firm',
    [201, RefundResult],
    { body: NewRefund, idempotent: true },
  ),
  op('post', '/api/v1/admin/payments', 'Firm administration', 'Record a payment received outside the portal', 'firm', [201, Payment], {
    body: offlinePaymentSchema,
  }),
  op('get', '/api/v1/admin/plans', 'Firm administration', "The firm's payment plans, newest first", 'firm', [200, plansContract.PlanList], {
    query: plansContract.adminListQuery,
  }),
  op(
    'get',
    '/api/v1/admin/plans/authorizations/export',
    'Firm administration',
    'Recurring-charge authorizations (text, version, time, IP, method, revocation) as CSV; kept 2 years after they end',
    'firm',
    [200, 'text/csv'],
    { query: plansContract.authorizationExportQuery },
  ),
  op('post', '/api/v1/admin/plans/{id}/cancel', 'Firm administration', 'Cancel a client’s plan; its authorization is revoked', 'firm', [
    200,
    plansContract.Plan,
  ]),
  op(
    'get',
    '/api/v1/admin/autopay',
    'Firm administration',
    "The firm's autopay enrolments (a client's with `contactId`), newest first",
    'firm',
    [200, autopayContract.AutopayEnrolmentList],
    { query: autopayContract.adminAutopayQuery },
  ),
  op(
    'post',
    '/api/v1/admin/autopay/{id}/cancel',
    'Firm administration',
    'Turn a client’s autopay off; its authorization is revoked; the reply lists the charges already under way, which turning it off does not stop',
    'firm',
    [200, autopayContract.AutopayEnrolment],
  ),
  op('get', '/api/v1/admin/activities', 'Firm administration', 'List tasks and events', 'firm', [200, FirmActivityPage], { query: firmActivityListQuery }),
  op('post', '/api/v1/admin/activities', 'Firm administration', 'Give a client a task or an event', 'firm', [201, FirmActivity], { body: newActivitySchema }),
  op('get', '/api/v1/admin/activities/{id}', 'Firm administration', 'One task or event', 'firm', [200, FirmActivity]),
  op('patch', '/api/v1/admin/activities/{id}', 'Firm administration', 'Change a task or event', 'firm', [200, FirmActivity], { body: ActivityChanges }),
  op('delete', '/api/v1/admin/activities/{id}', 'Firm administration', 'Delete a task or event', 'firm', [204]),
  op('get', '/api/v1/admin/threads', 'Firm administration', 'List threads', 'firm', [200, FirmThreadPage], { query: firmThreadListQuery }),
  op('post', '/api/v1/admin/threads', 'Firm administration', 'Start a thread with a contact', 'firm', [201, FirmThreadStarted], { body: staffThreadSchema }),
  op('get', '/api/v1/admin/threads/{id}', 'Firm administration', 'A thread with its messages', 'firm', [200, FirmThreadMessages], { query: messagesQuery }),
  op('post', '/api/v1/admin/threads/{id}/messages', 'Firm administration', 'Reply as a named staff member', 'firm', [201, Message], {
    body: staffMessageSchema,
  }),
  op('post', '/api/v1/admin/threads/{id}/close', 'Firm administration', 'Close a thread', 'firm', [200, FirmThread]),
  op('post', '/api/v1/admin/threads/{id}/reopen', 'Firm administration', 'Reopen a thread', 'firm', [200, FirmThread]),
  op('post', '/api/v1/admin/threads/{id}/read', 'Firm administration', 'Mark a thread read by the firm', 'firm', [200, FirmThread]),
  op('get', '/api/v1/admin/webhook-endpoints', 'Webhooks', "The firm's webhook endpoints (never their secrets)", 'firm', [200, WebhookEndpointList]),
  op(
    'post',
    '/api/v1/admin/webhook-endpoints',
    'Webhooks',
    'Add an endpoint; its signing secret is in this answer only',
    'firm',
    [201, NewWebhookEndpointResult],
    { body: newEndpointSchema },
  ),
  op('get', '/api/v1/admin/webhook-endpoints/{id}', 'Webhooks', 'One endpoint', 'firm', [200, WebhookEndpoint]),
  op(
    'patch',
    '/api/v1/admin/webhook-endpoints/{id}',
    'Webhooks',
    'Change an endpoint; enabled: true turns one the service turned off back on',
    'firm',
    [200, WebhookEndpoint],
    { body: endpointChangesSchema },
  ),
  op('delete', '/api/v1/admin/webhook-endpoints/{id}', 'Webhooks', 'Delete an endpoint (its delivery log stays)', 'firm', [204]),
  op('post', '/api/v1/admin/webhook-endpoints/{id}/secret', 'Webhooks', 'Rotate the signing secret; the old one also signs for 24 hours', 'firm', [
    200,
    RotatedWebhookSecret,
  ]),
  op('get', '/api/v1/admin/webhook-endpoints/{id}/deliveries', 'Webhooks', "The endpoint's deliveries, newest first", 'firm', [200, WebhookDeliveryPage], {
    query: deliveriesQuery,
  }),
  op('post', '/api/v1/admin/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', 'Webhooks', 'Send a delivery again now, with the same webhook-id', 'firm', [
    202,
    WebhookDelivery,
  ]),
  op('get', '/api/v1/admin/files', 'Firm administration', "List a firm's files", 'firm', [200, FirmFilePage], { query: firmFileListQuery }),
  op('post', '/api/v1/admin/files', 'Firm administration', 'Share a file with a contact (multipart/form-data)', 'firm', [201, FirmFile], { body: 'multipart' }),
  op('get', '/api/v1/admin/files/{id}', 'Firm administration', 'One file', 'firm', [200, FirmFile]),
  op('get', '/api/v1/admin/files/{id}/content', 'Firm administration', 'Download a file', 'firm', [200, '*/*']),
  op('delete', '/api/v1/admin/files/{id}', 'Firm administration', 'Delete a file', 'firm', [204]),
];

const str = { type: 'string' };

const security: Record<Auth, unknown[] | undefined> = {
  public: [],
  client: [{ accessToken: [] }],
  firm: [{ apiKey: [] }, { staffToken: [] }],
  staff: [{ staffToken: [] }],
  staffCookie: [{ staffRefreshCookie: [] }],
  cookie: [{ refreshCookie: [] }],
  stripe: [{ stripeSignature: [] }],
};

const schemaUri = (id: string) => `#/components/schemas/${id}`;

/** A query's parameters: each field of its schema as the service reads it. */
function queryParameters(query: Operation['query']) {
  if (!query) return [];
  return Object.entries(query.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { $schema: _s, description, ...schema } = z.toJSONSchema(field, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    return { name, in: 'query', required: !field.safeParse(undefined).success, ...(description ? { description } : {}), schema };
  });
}

/** The `$ref` of a schema, by the `id` in its metadata (every body and reply schema has one). */
function refTo(shape: z.ZodType) {
  const id = z.globalRegistry.get(shape)?.id;
  if (!id) throw new Error('A request or reply schema of the API needs an id: add .meta({ id }) to it.');
  return { $ref: schemaUri(id) };
}

/**
 * Every schema with an id, as JSON Schema: request bodies as the service accepts them (`input`:
 * defaults are optional), everything else as it answers (`output`).
 */
function generatedSchemas(bodyIds: Set<string>) {
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, uri: schemaUri, unrepresentable: 'any' }).schemas as Record<
      string,
      Record<string, unknown>
    >;
  const input = convert('input');
  const output = convert('output');
  const result: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(output)) {
    const { $schema: _s, $id: _i, ...rest } = bodyIds.has(id) ? input[id]! : schema;
    result[id] = rest;
  }
  return result;
}

/** The document, for a service at `serverUrl`. */
export function openApiDocument(serverUrl: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const bodyIds = new Set(operations.flatMap(({ body }) => (body && body !== 'multipart' ? [z.globalRegistry.get(body)?.id ?? ''] : [])));
  for (const operation of operations) {
    const [status, result] = operation.response;
    const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: str }));
    const queryParams = queryParameters(operation.query);
    const headers = operation.idempotent ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: str }] : [];
    const content = !result
      ? undefined
      : typeof result === 'string'
        ? { [result]: { schema: { type: 'string', format: 'binary' } } }
        : { 'application/json': { schema: refTo(result) } };
    (paths[operation.path] ??= {})[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      security: security[operation.auth],
      parameters: [...pathParams, ...queryParams, ...headers],
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content:
                operation.body === 'multipart'
                  ? { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } }
                  : { 'application/json': { schema: refTo(operation.body) } },
            },
          }
        : {}),
      responses: {
        [status]: { description: 'Success', ...(content ? { content } : {}) },
        ...(operation.alsoStatus ? { [operation.alsoStatus]: { description: 'Success', ...(content ? { content } : {}) } } : {}),
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: refTo(ProblemReply) } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portico token service',
      version,
      description: 'Client-facing (access token) and firm-facing (API key or staff token) API. Money is integer minor units.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: generatedSchemas(bodyIds),
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A client access token (ES256, 10 minutes) from /auth/login or /auth/refresh',
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A firm API key, pk_…' },
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "A staff member's access token (ES256, 10 minutes) from /staff/auth: the firm-side API by the member's role",
        },
        staffRefreshCookie: { type: 'apiKey', in: 'cookie', name: 'portico_staff_refresh' },
        refreshCookie: { type: 'apiKey', in: 'cookie', name: 'portico_refresh' },
        stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
      },
    },
  };
}
