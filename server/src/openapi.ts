/**
 * The token service's API as an OpenAPI 3.1 document, served at `/api/v1/openapi.json`. A test
 * walks the Express routes and checks that this list and the routes are the same.
 */

import { webhookEventTypes } from './webhooks/webhook.ts';

type Auth = 'public' | 'client' | 'firm' | 'cookie' | 'stripe';
type Method = 'get' | 'post' | 'patch' | 'delete';

interface Operation {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  /** A schema name under components.schemas, or `multipart` for uploads. */
  body?: string;
  /** The success status and its schema name (or a media type for files). */
  response: [number, string?];
  query?: string[];
}

const op = (
  method: Method,
  path: string,
  tag: string,
  summary: string,
  auth: Auth,
  response: [number, string?],
  extra: Partial<Pick<Operation, 'body' | 'query'>> = {},
): Operation => ({ method, path, tag, summary, auth, response, ...extra });

export const operations: Operation[] = [
  op('post', '/api/v1/auth/login', 'Sign-in', 'Sign a client in', 'public', [200, 'Session'], { body: 'Login' }),
  op('post', '/api/v1/auth/refresh', 'Sign-in', 'Rotate the refresh cookie and get a new access token', 'cookie', [200, 'Session']),
  op('post', '/api/v1/auth/logout', 'Sign-in', 'End the sign-in', 'cookie', [204]),
  op('post', '/api/v1/auth/invitations/accept', 'Sign-in', 'Create a password from an invitation and sign in', 'public', [200, 'Session'], { body: 'NewPassword' }),
  op('post', '/api/v1/auth/password-reset/request', 'Sign-in', 'Email a password reset link (same answer whether or not the email exists)', 'public', [202], { body: 'ResetRequest' }),
  op('post', '/api/v1/auth/password-reset/confirm', 'Sign-in', 'Set a new password from a reset link and sign in', 'public', [200, 'Session'], { body: 'NewPassword' }),
  op('get', '/api/v1/firms/{slug}/branding', 'Firm', "The firm's public branding and sections", 'public', [200, 'Branding']),
  op('get', '/api/v1/openapi.json', 'Firm', 'This document', 'public', [200]),
  op('post', '/webhooks/stripe', 'Webhooks', "Stripe's events, verified by their signature (only with PAYMENTS=stripe)", 'stripe', [200], { body: 'StripeEvent' }),
  op('get', '/api/v1/me', 'Client', 'The signed-in client and their firm', 'client', [200, 'Me']),

  op('get', '/api/v1/activities', 'Activities', 'Tasks and events: overdue, upcoming, done', 'client', [200, 'ActivityGroups'], { query: ['done'] }),
  op('patch', '/api/v1/activities/{id}', 'Activities', 'Mark a task done or not done', 'client', [200, 'Activity'], { body: 'TaskCompletion' }),
  op('get', '/api/v1/activities/{id}/calendar.ics', 'Activities', 'An event as an iCalendar file', 'client', [200, 'text/calendar']),

  op('get', '/api/v1/invoices', 'Invoices', "The client's invoices", 'client', [200, 'InvoicePage'], { query: ['status', 'sort', 'limit', 'cursor'] }),
  op('get', '/api/v1/invoices/{id}', 'Invoices', 'One invoice with lines and payments', 'client', [200, 'InvoiceDetail']),

  op('get', '/api/v1/payments', 'Payments', 'Payment history (403 payments_hidden when the firm hides it)', 'client', [200, 'PaymentPage'], { query: ['limit', 'cursor'] }),
  op('get', '/api/v1/payments/{id}', 'Payments', 'One payment', 'client', [200, 'Payment']),
  op('get', '/api/v1/payments/setup', 'Payments', 'Which processor and bank sign-in the browser uses', 'client', [200, 'PaymentSetup']),
  op('get', '/api/v1/payments/mandate', 'Payments', 'The ACH debit authorization text', 'client', [200, 'Mandate'], { query: ['amount', 'bankName', 'accountType', 'last4'] }),
  op('post', '/api/v1/payments', 'Payments', 'Pay invoices (Idempotency-Key header required)', 'client', [201, 'CheckoutResult'], { body: 'Checkout' }),
  op('post', '/api/v1/payments/{id}/confirm', 'Payments', 'Finish a payment after 3-D Secure', 'client', [200, 'Payment']),
  op('get', '/api/v1/payment-methods', 'Payments', 'Saved payment methods', 'client', [200, 'SavedMethods']),
  op('delete', '/api/v1/payment-methods/{id}', 'Payments', 'Remove a saved payment method', 'client', [204]),
  op('post', '/api/v1/bank-links', 'Payments', 'Start bank sign-in', 'client', [201, 'BankLink']),
  op('post', '/api/v1/bank-links/exchange', 'Payments', 'Turn the bank sign-in result into a payment method', 'client', [200, 'LinkedAccount'], { body: 'BankLinkExchange' }),

  op('get', '/api/v1/threads', 'Messages', 'Message threads with unread counts', 'client', [200, 'ThreadPage'], { query: ['limit', 'cursor'] }),
  op('post', '/api/v1/threads', 'Messages', 'Start a thread', 'client', [201, 'ThreadStarted'], { body: 'NewThread' }),
  op('get', '/api/v1/threads/{id}/messages', 'Messages', "A thread's messages, newest last", 'client', [200, 'ThreadMessages'], { query: ['limit', 'before'] }),
  op('post', '/api/v1/threads/{id}/messages', 'Messages', 'Reply in a thread', 'client', [201, 'Message'], { body: 'NewMessage' }),
  op('post', '/api/v1/threads/{id}/read', 'Messages', 'Mark a thread read', 'client', [200, 'Thread']),
  op('get', '/api/v1/files', 'Files', 'Files shared with and uploaded by the client', 'client', [200, 'FilePage'], { query: ['limit', 'cursor', 'folder', 'groupBy'] }),
  op('post', '/api/v1/files', 'Files', 'Upload a file (multipart/form-data)', 'client', [201, 'File'], { body: 'multipart' }),
  op('get', '/api/v1/files/{id}/content', 'Files', 'Download a file (attachment)', 'client', [200, 'application/octet-stream']),

  op('get', '/api/v1/admin/settings', 'Firm administration', "The firm's profile, branding and settings", 'firm', [200, 'FirmProfile']),
  op('patch', '/api/v1/admin/settings', 'Firm administration', 'Change the profile, branding or settings', 'firm', [200, 'FirmProfile'], { body: 'FirmChanges' }),
  op('get', '/api/v1/admin/contacts', 'Firm administration', 'List contacts', 'firm', [200, 'ContactPage'], { query: ['status', 'q', 'limit', 'cursor'] }),
  op('post', '/api/v1/admin/contacts', 'Firm administration', 'Add a contact', 'firm', [201, 'FirmContact'], { body: 'NewContact' }),
  op('get', '/api/v1/admin/contacts/{id}', 'Firm administration', 'One contact', 'firm', [200, 'FirmContact']),
  op('patch', '/api/v1/admin/contacts/{id}', 'Firm administration', 'Change a contact', 'firm', [200, 'FirmContact'], { body: 'ContactChanges' }),
  op('post', '/api/v1/admin/contacts/{id}/archive', 'Firm administration', 'Archive a contact (they can no longer sign in)', 'firm', [200, 'FirmContact']),
  op('post', '/api/v1/admin/contacts/{id}/restore', 'Firm administration', 'Restore an archived contact', 'firm', [200, 'FirmContact']),
  op('post', '/api/v1/admin/contacts/{id}/invitations', 'Firm administration', 'Email the contact an invitation to create a login', 'firm', [201, 'Invitation']),
  op('get', '/api/v1/admin/api-keys', 'Firm administration', "The firm's API keys, revoked ones included (never the keys themselves)", 'firm', [200, 'ApiKeyList']),
  op('delete', '/api/v1/admin/api-keys/{id}', 'Firm administration', 'Revoke an API key: refused from the next request on (404 for an unknown or revoked key)', 'firm', [204]),
  op('get', '/api/v1/admin/invoices', 'Firm administration', 'List invoices, drafts included', 'firm', [200, 'InvoicePage'], { query: ['contactId', 'status', 'sort', 'limit', 'cursor'] }),
  op('post', '/api/v1/admin/invoices', 'Firm administration', 'Draft an invoice', 'firm', [201, 'InvoiceDetail'], { body: 'NewInvoice' }),
  op('get', '/api/v1/admin/invoices/{id}', 'Firm administration', 'One invoice', 'firm', [200, 'InvoiceDetail']),
  op('patch', '/api/v1/admin/invoices/{id}', 'Firm administration', 'Change an invoice (a sent one keeps its amounts)', 'firm', [200, 'InvoiceDetail'], { body: 'InvoiceChanges' }),
  op('delete', '/api/v1/admin/invoices/{id}', 'Firm administration', 'Delete a draft', 'firm', [204]),
  op('post', '/api/v1/admin/invoices/{id}/send', 'Firm administration', 'Publish an invoice and email the client', 'firm', [200, 'InvoiceDetail']),
  op('post', '/api/v1/admin/invoices/{id}/void', 'Firm administration', 'Void an invoice without payments', 'firm', [200, 'InvoiceDetail']),
  op('get', '/api/v1/admin/payments', 'Firm administration', "The firm's payments, newest first", 'firm', [200, 'FirmPaymentPage'], {
    query: ['status', 'contactId', 'invoiceId', 'methodType', 'depositAccount', 'createdFrom', 'createdTo', 'limit', 'cursor'],
  }),
  op('get', '/api/v1/admin/payments/export', 'Firm administration', 'Payments as CSV for reconciliation, one row per allocation', 'firm', [200, 'text/csv'], { query: ['from', 'to'] }),
  op('get', '/api/v1/admin/payments/{id}', 'Firm administration', 'One payment with its client, processor ids, history and authorization', 'firm', [200, 'FirmPayment']),
  op('post', '/api/v1/admin/payments', 'Firm administration', 'Record a payment received outside the portal', 'firm', [201, 'Payment'], { body: 'OfflinePayment' }),
  op('get', '/api/v1/admin/activities', 'Firm administration', 'List tasks and events', 'firm', [200, 'ActivityPage'], { query: ['contactId', 'kind', 'limit', 'cursor'] }),
  op('post', '/api/v1/admin/activities', 'Firm administration', 'Give a client a task or an event', 'firm', [201, 'Activity'], { body: 'NewActivity' }),
  op('get', '/api/v1/admin/activities/{id}', 'Firm administration', 'One task or event', 'firm', [200, 'Activity']),
  op('patch', '/api/v1/admin/activities/{id}', 'Firm administration', 'Change a task or event', 'firm', [200, 'Activity'], { body: 'NewActivity' }),
  op('delete', '/api/v1/admin/activities/{id}', 'Firm administration', 'Delete a task or event', 'firm', [204]),
  op('get', '/api/v1/admin/threads', 'Firm administration', 'List threads', 'firm', [200, 'ThreadPage'], { query: ['contactId', 'unread', 'status', 'limit', 'cursor'] }),
  op('post', '/api/v1/admin/threads', 'Firm administration', 'Start a thread with a contact', 'firm', [201, 'ThreadStarted'], { body: 'NewStaffThread' }),
  op('get', '/api/v1/admin/threads/{id}', 'Firm administration', 'A thread with its messages', 'firm', [200, 'ThreadMessages']),
  op('post', '/api/v1/admin/threads/{id}/messages', 'Firm administration', 'Reply as a named staff member', 'firm', [201, 'Message'], { body: 'StaffMessage' }),
  op('post', '/api/v1/admin/threads/{id}/close', 'Firm administration', 'Close a thread', 'firm', [200, 'Thread']),
  op('post', '/api/v1/admin/threads/{id}/reopen', 'Firm administration', 'Reopen a thread', 'firm', [200, 'Thread']),
  op('post', '/api/v1/admin/threads/{id}/read', 'Firm administration', 'Mark a thread read by the firm', 'firm', [200, 'Thread']),
  op('get', '/api/v1/admin/webhook-endpoints', 'Webhooks', "The firm's webhook endpoints (never their secrets)", 'firm', [200, 'WebhookEndpointList']),
  op('post', '/api/v1/admin/webhook-endpoints', 'Webhooks', 'Add an endpoint; its signing secret is in this answer only', 'firm', [201, 'NewWebhookEndpointResult'], { body: 'NewWebhookEndpoint' }),
  op('get', '/api/v1/admin/webhook-endpoints/{id}', 'Webhooks', 'One endpoint', 'firm', [200, 'WebhookEndpoint']),
  op('patch', '/api/v1/admin/webhook-endpoints/{id}', 'Webhooks', 'Change an endpoint; enabled: true turns one the service turned off back on', 'firm', [200, 'WebhookEndpoint'], { body: 'WebhookEndpointChanges' }),
  op('delete', '/api/v1/admin/webhook-endpoints/{id}', 'Webhooks', 'Delete an endpoint (its delivery log stays)', 'firm', [204]),
  op('post', '/api/v1/admin/webhook-endpoints/{id}/secret', 'Webhooks', 'Rotate the signing secret; the old one also signs for 24 hours', 'firm', [200, 'RotatedWebhookSecret']),
  op('get', '/api/v1/admin/webhook-endpoints/{id}/deliveries', 'Webhooks', "The endpoint's deliveries, newest first", 'firm', [200, 'WebhookDeliveryPage'], { query: ['limit', 'cursor'] }),
  op('post', '/api/v1/admin/webhook-endpoints/{id}/deliveries/{deliveryId}/retry', 'Webhooks', 'Send a delivery again now, with the same webhook-id', 'firm', [202, 'WebhookDelivery']),
  op('get', '/api/v1/admin/files', 'Firm administration', "List a firm's files", 'firm', [200, 'FilePage'], { query: ['contactId', 'limit', 'cursor'] }),
  op('post', '/api/v1/admin/files', 'Firm administration', 'Share a file with a contact (multipart/form-data)', 'firm', [201, 'File'], { body: 'multipart' }),
  op('get', '/api/v1/admin/files/{id}', 'Firm administration', 'One file', 'firm', [200, 'File']),
  op('get', '/api/v1/admin/files/{id}/content', 'Firm administration', 'Download a file', 'firm', [200, 'application/octet-stream']),
  op('delete', '/api/v1/admin/files/{id}', 'Firm administration', 'Delete a file', 'firm', [204]),
];

const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({ type: 'object', properties, required });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const int = { type: 'integer' };
const money = { type: 'integer', description: 'Minor units of the currency' };
const page = (item: string) => object({ data: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } });
const loose = (description: string) => ({ type: 'object', description });

const schemas: Record<string, unknown> = {
  StripeEvent: loose("A Stripe event, e.g. payment_intent.succeeded; the raw body is what the Stripe-Signature header signs"),
  Problem: object(
    { type: str, title: str, status: int, code: { ...str, description: 'Stable: branch on it' }, detail: str, errors: { type: 'array', items: object({ field: str, message: str }) } },
    ['type', 'title', 'status', 'code', 'detail'],
  ),
  Login: object({ firm: str, email: { ...str, format: 'email' }, password: str }),
  NewPassword: object({ token: str, password: { ...str, minLength: 10, maxLength: 200 } }),
  ResetRequest: object({ firm: str, email: { ...str, format: 'email' } }),
  Contact: object({ id: str, firmId: str, email: str, name: str }),
  Session: object({ accessToken: str, tokenType: { const: 'Bearer' }, expiresIn: int, contact: ref('Contact') }),
  Branding: loose('slug, name, currency, logoUrl, colors {brand, brandContrast, accent}, fontFamily, sections, paymentMethods, minimumPayment, maxUploadBytes'),
  Me: object({ contact: ref('Contact'), firm: ref('Branding') }),
  Activity: loose('A task {id, kind: task, title, notes, dueOn, completedAt, status} or an event {id, kind: event, title, notes, startsAt, endsAt, allDay, location, status}'),
  ActivityGroups: object({ overdue: { type: 'array', items: ref('Activity') }, upcoming: { type: 'array', items: ref('Activity') }, done: { type: 'array', items: ref('Activity') } }),
  ActivityPage: page('Activity'),
  TaskCompletion: object({ completed: { type: 'boolean' } }),
  NewActivity: loose('{contactId, kind: task, title, notes?, dueOn?} or {contactId, kind: event, title, startsAt, endsAt, allDay?, location?, notes?}'),
  Invoice: object({
    id: str, number: str, matter: { type: ['string', 'null'] }, issuedOn: { ...str, format: 'date' }, dueOn: { ...str, format: 'date' },
    currency: str, depositAccount: { enum: ['operating', 'trust'] }, status: { enum: ['draft', 'open', 'partially_paid', 'overdue', 'paid', 'void'] },
    total: money, amountPaid: money, amountPending: money, balance: money, openBalance: money,
  }),
  InvoiceDetail: loose('An Invoice plus subtotal, discount, tax, notes, lines[], payments[], sentAt, voidedAt'),
  InvoicePage: page('Invoice'),
  NewInvoice: loose('{contactId, number?, matter?, issuedOn?, dueOn?, currency?, depositAccount?, notes?, lines?: [{kind, date?, description, quantity?, rate?, amount?, percent?}]}'),
  InvoiceChanges: loose('Any NewInvoice field but contactId and currency'),
  Payment: object({
    id: str, status: { enum: ['requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed'] }, amount: money, currency: str,
    method: object({ type: str, brand: { type: ['string', 'null'] }, last4: { type: ['string', 'null'] } }),
    receiptNumber: str, allocations: { type: 'array', items: object({ invoiceId: str, invoiceNumber: str, amount: money, depositAccount: str }) },
    failure: { type: ['object', 'null'] }, checkoutId: { type: ['string', 'null'] }, createdAt: str, updatedAt: str,
  }, ['id', 'status', 'amount', 'currency', 'method', 'receiptNumber', 'allocations', 'createdAt']),
  PaymentPage: page('Payment'),
  PaymentSetup: object({ processor: { enum: ['sandbox', 'stripe'] }, publishableKey: { type: ['string', 'null'] }, bankLink: { enum: ['sandbox', 'plaid'] }, sandboxUrl: { type: ['string', 'null'] } }),
  Mandate: object({ text: str }),
  Checkout: loose('{allocations: [{invoiceId, amount}], paymentMethod: {type, token} | {savedId}, savePaymentMethod?, mandate?: {accepted}}'),
  CheckoutResult: loose('{payment, payments[], clientSecret?, nextActions?: [{paymentId, clientSecret}]}'),
  SavedMethods: object({ data: { type: 'array', items: object({ id: str, type: str, brand: { type: ['string', 'null'] }, last4: str }) } }),
  BankLink: object({ provider: { enum: ['sandbox', 'plaid'] }, linkToken: str, expiresAt: str }),
  BankLinkExchange: object({ publicToken: str, accountId: str }, ['publicToken']),
  LinkedAccount: loose('{paymentMethod: {type: us_bank_account, token, bankName, last4, accountType}}'),
  Thread: loose('{id, subject, status, unreadCount, lastMessage, …}'),
  ThreadPage: loose('{data: [Thread], nextCursor, unreadCount}'),
  ThreadStarted: object({ thread: ref('Thread'), message: ref('Message') }),
  ThreadMessages: loose('{thread, data: [Message] oldest first, nextCursor}: pass nextCursor as `before` for older messages'),
  NewThread: object({ subject: str, body: str, attachmentIds: { type: 'array', items: str } }, ['subject', 'body']),
  NewStaffThread: loose('{contactId, subject, body, staffName, attachmentIds?}'),
  Message: loose('{id, threadId, author: {type, name}, body, attachments[], createdAt}'),
  MessagePage: page('Message'),
  NewMessage: object({ body: str, attachmentIds: { type: 'array', items: str } }, ['body']),
  StaffMessage: object({ body: str, staffName: str, attachmentIds: { type: 'array', items: str } }, ['body', 'staffName']),
  File: loose('{id, name, size, contentType, folder, sha256, uploadedBy: {type, name}, createdAt}'),
  FilePage: loose('{data: [File], nextCursor, folders?: [{name, files}] with groupBy=folder}'),
  FirmProfile: loose('{id, slug, name, currency, siteUrl, allowedOrigins, branding, settings, warnings[]}'),
  FirmChanges: loose('A JSON Merge Patch (RFC 7396) of the FirmProfile fields but id and slug: only what is sent changes, null removes'),
  FirmContact: loose('{id, email, name, phone, status, hasLogin, createdAt, updatedAt}'),
  ContactPage: page('FirmContact'),
  NewContact: object({ email: str, name: str, phone: str }, ['email', 'name']),
  ContactChanges: loose('{email?, name?, phone?}'),
  Invitation: object({ id: str, contactId: str, expiresAt: str, createdAt: str }),
  ApiKey: object({
    id: str, name: str, prefix: { ...str, description: "The key's first characters, to tell keys apart" }, createdAt: str,
    lastUsedAt: { type: ['string', 'null'], description: 'Recorded at most once a minute' }, revokedAt: { type: ['string', 'null'] },
  }),
  ApiKeyList: object({ data: { type: 'array', items: ref('ApiKey') } }),
  FirmPaymentPage: page('FirmPaymentSummary'),
  FirmPaymentSummary: { allOf: [ref('Payment'), object({ contactId: str })] },
  FirmPayment: {
    allOf: [
      ref('Payment'),
      object({
        contactId: str,
        contact: object({ id: str, name: str, email: str }),
        processor: { type: ['string', 'null'], enum: ['sandbox', 'stripe', null] },
        processorRef: { type: ['string', 'null'], description: "The processor's id of the charge (a PaymentIntent for Stripe)" },
        fee: { type: ['integer', 'null'], description: 'Minor units, where the processor reports it' },
        history: { type: 'array', items: object({ status: str, at: { ...str, format: 'date-time' } }) },
        refunds: { type: 'array', items: loose('A refund') },
        mandate: { oneOf: [{ type: 'null' }, object({ text: str, acceptedAt: { ...str, format: 'date-time' }, ip: { type: ['string', 'null'] }, userAgent: { type: ['string', 'null'] } })] },
      }),
    ],
  },
  WebhookEventType: { type: 'string', enum: [...webhookEventTypes] },
  WebhookEndpoint: object({
    id: str, url: { ...str, format: 'uri' }, events: { type: 'array', items: ref('WebhookEventType') }, enabled: { type: 'boolean' },
    description: { type: ['string', 'null'] }, disabledReason: { type: ['string', 'null'] }, failingSince: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { ...str, format: 'date-time' }, updatedAt: { ...str, format: 'date-time' },
  }),
  WebhookEndpointList: object({ data: { type: 'array', items: ref('WebhookEndpoint') } }),
  NewWebhookEndpoint: object(
    { url: { ...str, format: 'uri', description: 'https with a public address in production; http://localhost in development' }, events: { type: 'array', items: ref('WebhookEventType'), minItems: 1 }, description: str, enabled: { type: 'boolean' } },
    ['url', 'events'],
  ),
  NewWebhookEndpointResult: { allOf: [ref('WebhookEndpoint'), object({ secret: { ...str, description: 'whsec_…: shown once' } })] },
  WebhookEndpointChanges: object({ url: { ...str, format: 'uri' }, events: { type: 'array', items: ref('WebhookEventType') }, description: { type: ['string', 'null'] }, enabled: { type: 'boolean' } }, []),
  RotatedWebhookSecret: object({ secret: str, previousValidUntil: { ...str, format: 'date-time' } }),
  WebhookDelivery: object({
    id: str, endpointId: str, eventId: { ...str, description: 'The webhook-id header' }, eventType: ref('WebhookEventType'),
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] }, attempts: int, lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] }, lastAttemptAt: { type: ['string', 'null'], format: 'date-time' }, createdAt: { ...str, format: 'date-time' },
  }),
  WebhookDeliveryPage: page('WebhookDelivery'),
  OfflinePayment: loose('{contactId, amount, method: {type: check | wire | cash | other, reference?}, allocations: [{invoiceId, amount}]}'),
};

const security: Record<Auth, unknown[] | undefined> = {
  public: [],
  client: [{ accessToken: [] }],
  firm: [{ apiKey: [] }],
  cookie: [{ refreshCookie: [] }],
  stripe: [{ stripeSignature: [] }],
};

/** The document, for a service at `serverUrl`. */
export function openApiDocument(serverUrl: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const [status, result] = operation.response;
    const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: str }));
    const queryParams = (operation.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: str }));
    const headers = operation.path === '/api/v1/payments' && operation.method === 'post' ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: str }] : [];
    const content = !result ? undefined : result.includes('/') ? { [result]: {} } : { 'application/json': { schema: ref(result) } };
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
              content: operation.body === 'multipart' ? { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } : { 'application/json': { schema: ref(operation.body) } },
            },
          }
        : {}),
      responses: {
        [status]: { description: 'Success', ...(content ? { content } : {}) },
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: ref('Problem') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Portico token service', version, description: 'Client-facing (access token) and firm-facing (API key) API. Money is integer minor units.' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A client access token (ES256, 10 minutes) from /auth/login or /auth/refresh' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A firm API key, pk_…' },
        refreshCookie: { type: 'apiKey', in: 'cookie', name: 'portico_refresh' },
        stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature' },
      },
    },
  };
}
