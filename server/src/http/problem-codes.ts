import { z } from 'zod';

/**
 * Every problem `code` the service answers with, and what it means. A client branches on the
 * code; the `detail` is for people. The Problem type only takes a code from this list, and the
 * OpenAPI document lists them all.
 */
export const problemCodes = {
  // Any route
  invalid_request: 'The body, query or path is invalid; `errors` names each field',
  malformed_json: 'The body is not valid JSON',
  body_too_large: 'The body is larger than the service accepts',
  not_ready: 'The service cannot serve now: a part it needs (database, file store) does not answer; `checks` says which',
  unsupported_encoding: 'The body uses an encoding the service does not accept',
  bad_request: 'The request could not be read',
  invalid_cursor: 'The paging cursor is not one the service gave',
  route_not_found: 'No route answers this method and path',
  method_not_allowed: 'The route does not take this method',
  not_found: 'No such object for this client or firm (another firm or client’s object is never found)',
  origin_not_allowed: 'The browser origin is not one of the firm’s allowed origins',
  rate_limited: 'Too many attempts; `retryAfter` (seconds) says when to try again',
  internal_error: 'A fault on the service’s side; nothing was changed',
  sdk_not_built: 'The component bundle has not been built',
  // Sign-in
  firm_not_found: 'No firm has this slug',
  invalid_credentials: 'The email or the password is wrong',
  weak_password: 'The password does not meet the rules',
  invitation_invalid: 'The invitation link is unknown, used or expired',
  reset_token_invalid: 'The reset link is unknown, used or expired',
  refresh_missing: 'No refresh cookie was sent',
  refresh_invalid: 'The refresh cookie is unknown or expired',
  refresh_reused: 'The refresh cookie was used before: the whole sign-in is revoked',
  token_missing: 'No access token was sent',
  token_invalid: 'The access token is not valid',
  token_expired: 'The access token has expired: refresh it',
  contact_archived: 'The client is archived and cannot sign in',
  api_key_missing: 'No API key was sent',
  api_key_invalid: 'The API key is not valid',
  api_key_revoked: 'The API key was revoked',
  invalid_assertion: 'The sign-in assertion from the firm’s site is not valid (which check failed is not said)',
  token_exchange_not_enabled: 'The firm has not set up sign-in from its own site',
  external_id_mismatch: 'The contact is linked to another id of the firm’s own system',
  email_code_invalid: 'The emailed sign-in code is wrong (tries are left), or the sign-in link is unknown',
  email_code_expired:
    'The emailed sign-in code or link can no longer be used (expired after 10 minutes, used, replaced by a newer one, or tried wrong 5 times): ask for a new one',
  // Staff
  role_forbidden: 'The staff member’s role does not allow this request (`requiredRole` names the least role that does)',
  staff_exists: 'A staff member with this email exists in the firm',
  staff_disabled: 'The staff member is disabled and cannot sign in',
  last_owner: 'The firm’s last active owner cannot be demoted or disabled',
  staff_not_invited: 'The staff member has already accepted an invitation',
  console_url_missing: 'The firm has no console URL (settings.consoleUrl) for the links in staff invitations',
  mfa_token_invalid: 'The second-factor token is unknown, expired or not for this step: sign in again',
  mfa_code_invalid: 'The authenticator code or recovery code is wrong',
  totp_setup_missing: 'Start authenticator app setup before confirming it',
  passkey_invalid: 'The passkey could not be verified',
  second_factor_required: 'The firm requires a second factor: the last one cannot be removed',
  mfa_attempts_exceeded: 'Too many wrong codes were given with this second-factor token: sign in again',
  two_factor_off: 'The firm has not turned on two-factor sign-in for clients (`clientTwoFactor` is `off`)',
  // Firm and contacts
  firm_exists: 'A firm with this slug exists',
  portal_url_missing: 'The firm has no portal URL for the links in its emails',
  section_disabled: 'The firm has turned this section of the portal off',
  contact_exists: 'A contact with this email exists in the firm',
  contact_not_found: 'No such contact in the firm',
  external_id_taken: 'Another object of this kind in the firm has this external id',
  // The client's own profile
  password_incorrect: 'The current password given to confirm a change is wrong',
  password_not_set: 'The client has no password yet (they sign in another way): set one through “Forgot your password?” first',
  email_in_use: 'Another client of the firm has this email address',
  email_unchanged: 'The new email address is the one the client already has',
  email_change_invalid: 'The code sent to the new email address is wrong (tries are left)',
  email_change_expired:
    'No email change is waiting for a code: none was asked for, or it expired after 10 minutes, was replaced, or its code was tried wrong 5 times',
  // Invoices
  invoice_not_found: 'No such invoice in the firm',
  invoice_number_taken: 'Another invoice of the firm has this number',
  invoice_empty: 'An invoice needs at least one line to be sent',
  invoice_not_draft: 'Only a draft can be deleted or have its amounts changed',
  invoice_sent: 'A sent invoice keeps its amounts',
  invoice_void: 'The invoice is void',
  invoice_paid: 'The invoice is paid in full',
  invoice_has_payments: 'An invoice with payments cannot be voided',
  invalid_line: 'An invoice line is invalid',
  currency_mismatch: 'The currencies do not match',
  invoice_contact_fixed: 'An invoice stays with the client it was written for',
  invoice_currency_fixed: 'An invoice keeps its currency',
  // Activities
  not_a_task: 'Only a task can be completed',
  not_an_event: 'Only an event has a calendar file',
  // Payments
  receipt_not_available: 'The payment has no receipt: it failed, or a bank payment has not settled yet',
  idempotency_key_missing: 'The Idempotency-Key header is required',
  idempotency_key_invalid: 'The Idempotency-Key header is not a valid key',
  idempotency_key_reused: 'The Idempotency-Key was used with a different request',
  idempotency_in_progress: 'A request with this Idempotency-Key is still being handled: retry shortly',
  invalid_amount: 'The amount is not one that can be paid',
  amount_exceeds_balance: 'The amount is more than can be paid on the invoice now (`openBalance`)',
  card_data_not_accepted: 'Card or account numbers were sent: the browser tokenizes them with the processor',
  deposit_account_invalid: 'The firm’s deposit account for this money is not set up correctly',
  trust_account_missing: 'Trust money cannot be taken: the firm has no trust account with the processor',
  processor_unavailable: 'The payment processor could not be reached: nothing was charged, try again',
  amount_below_minimum: 'The amount is below the firm’s minimum payment',
  allocation_mismatch: 'The allocations do not add up',
  duplicate_allocation: 'An invoice is named twice',
  mandate_required: 'A bank debit needs the client’s acceptance of the authorization',
  payment_method_invalid: 'The payment method cannot be used',
  payment_method_mismatch: 'The payment method does not match its type',
  payment_not_ready: 'The payment cannot take this step now',
  payments_hidden: 'The firm does not show payment history',
  saved_method_not_found: 'No such saved payment method',
  bank_link_invalid: 'The bank sign-in result cannot be used',
  bank_link_unavailable: 'The bank sign-in service could not be reached: try again',
  invalid_option: 'A command-line option is invalid',
  webhook_signature_invalid: 'The processor’s webhook signature does not verify',
  amount_exceeds_refundable: 'The refund is more than is left unrefunded of the payment (`refundable`)',
  payment_not_settled: 'The payment is still processing (a bank debit): it can be refunded once it has settled',
  payment_not_refundable: 'The payment failed, was never completed, or was recorded by the firm: nothing to refund through the processor',
  payment_disputed: 'The payment is disputed and cannot be refunded while the dispute is open',
  refund_refused: 'The payment processor refused the refund; nothing was refunded',
  refund_interrupted: 'The refund was cut short before it reached the processor; nothing was refunded',
  surcharge_too_high: 'A card surcharge above 3 % (the card networks’ cap) was asked for',
  amount_mismatch: 'The total the client confirmed (`amount`) is not what the service computes (`expected`, with any card surcharge): quote again',
  surcharge_not_confirmed: 'The payment carries a card surcharge the client did not confirm: send the quoted total as `amount`',
  // Payment plans
  plans_disabled: 'The firm does not offer payment plans',
  invoice_not_open: 'The invoice has nothing left to pay now (paid, void, or its balance is held by payments still processing)',
  plan_exists: 'The invoice is already on an active payment plan',
  too_many_instalments: 'More instalments than the firm allows (`maximum`)',
  instalment_below_minimum: 'An instalment would be below the firm’s smallest instalment (`minimum`): choose fewer',
  plan_date_past: 'An instalment date is before the firm’s today',
  plan_date_too_late: 'An instalment date is after the longest plan the firm allows (`latest`)',
  plan_dates_unordered: 'The instalment dates must be different days, earliest first',
  authorization_outdated: 'The authorization wording changed since the client saw it: preview again',
  plan_not_active: 'The plan has ended (completed, cancelled or stopped)',
  // Autopay
  autopay_disabled: 'The firm does not offer autopay',
  matter_unknown: 'The client has no published invoice for this matter',
  autopay_exists: 'Autopay is already on for this matter',
  autopay_not_active: 'Autopay for this matter has already been turned off',
  // Messages and files
  thread_closed: 'The thread is closed to new messages',
  attachment_not_found: 'An attachment is not a file this side may attach',
  invalid_upload: 'The upload is not a valid form',
  upload_aborted: 'The upload stopped before it ended',
  file_empty: 'The file is empty',
  file_too_large: 'The file is larger than the firm’s limit (`maxBytes`)',
  file_type_not_allowed: 'The file’s content is not a type the portal accepts',
  file_rejected: 'The virus scan rejected the file; it was not kept',
  scan_unavailable: 'The virus scanner could not be reached; the file was not kept: try again',
  file_store_unavailable: 'The file store could not be reached; nothing was kept or changed: try again',
  // Webhooks out and jobs
  webhook_url_invalid: 'The webhook URL is not one the service will call',
  job_not_dead: 'Only a dead job can be retried',
} as const;

export type ProblemCode = keyof typeof problemCodes;

const codes = Object.keys(problemCodes) as [ProblemCode, ...ProblemCode[]];

/** An RFC 9457 problem as the service sends it, with the catalogue's code. */
export const ProblemReply = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(codes).meta({ description: 'Stable: branch on it' }),
    detail: z.string().meta({ description: 'For people: what went wrong and what to do' }),
    errors: z
      .array(z.strictObject({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'With `invalid_request`: each bad field' }),
    retryAfter: z.number().int().optional().meta({ description: 'With `rate_limited`: seconds to wait' }),
    requestId: z.string().meta({ description: 'The request’s id, as in its `X-Request-Id` response header: quote it when reporting a problem' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`' });
