/** Options every remote call accepts. */
export interface RequestOptions {
  /** Aborts the call; the returned promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A client of the firm, as the portal knows them. */
export interface Contact {
  id: string;
  firmId: string;
  email: string;
  name: string;
}

/** The portal sections a firm can switch on or off. */
export interface BrandingSections {
  activities: boolean;
  invoices: boolean;
  payments: boolean;
  messages: boolean;
  files: boolean;
}

/** A firm's public branding: `GET /api/v1/firms/:slug/branding`. */
export interface Branding {
  slug: string;
  name: string;
  /** ISO 4217 code of the firm's currency. */
  currency: string;
  logoUrl?: string | null;
  colors?: {
    brand?: string;
    brandContrast?: string;
    accent?: string;
  };
  fontFamily?: string | null;
  sections?: Partial<BrandingSections>;
  /** How the firm's clients may pay: card, bank sign-in, bank account and routing numbers. */
  paymentMethods?: PaymentMethodsAccepted;
  /** The smallest payment the firm accepts, in minor units of `currency`. */
  minimumPayment?: number;
  /** The largest file a client may upload, in bytes. */
  maxUploadBytes?: number;
}

/** The answer to every request that signs a client in (login, refresh, invitation, reset). */
export interface SignIn {
  accessToken: string;
  tokenType: 'Bearer';
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
  contact: Contact;
}

/** `GET /api/v1/me`: the signed-in client and their firm. */
export interface Me {
  contact: Contact;
  firm: Branding;
}

export interface Credentials {
  email: string;
  password: string;
}

/** A single-use token from an email link, and the password the client chose. */
export interface TokenAndPassword {
  token: string;
  password: string;
}

/** Why the client's sign-in changed. */
export type SessionChangeReason =
  /** The client signed in: login, accepted invitation or password reset. */
  | 'sign-in'
  /** An earlier sign-in was resumed from the refresh cookie. */
  | 'resume'
  /** The client signed out. */
  | 'sign-out'
  /** The service no longer accepts the sign-in (refresh token missing, expired, reused or revoked). */
  | 'expired';

/** A change of the client's sign-in, as an `ApiClient` reports it. */
export type SessionChange =
  | { status: 'signed-in'; contact: Contact; reason: 'sign-in' | 'resume' }
  | { status: 'signed-out'; reason: 'sign-out' | 'expired' };

export type SessionChangeListener = (change: SessionChange) => void;

/** The `fetch` an `ApiClient` uses; tests and stories pass their own. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** A file the service answered with, e.g. an event's `.ics`. */
export interface DownloadedFile {
  blob: Blob;
  /** The name the service suggested, when its `Content-Disposition` header could be read. */
  fileName: string | undefined;
}

/** One page of a list the service pages with opaque cursors. */
export interface Page<T> {
  data: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Options for a paged list. */
export interface PageQuery {
  /** Items per page, 1 to 200 (the service's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

// Invoices: GET /api/v1/invoices, GET /api/v1/invoices/:id

/** Where an invoice stands for the client, derived by the service from its payments and due date. */
export type InvoiceStatus = 'open' | 'partially_paid' | 'overdue' | 'paid' | 'void';

/** Which invoices a list holds: one status, `unpaid` (open, partially paid and overdue), or `all`. */
export type InvoiceStatusFilter = InvoiceStatus | 'unpaid' | 'all';

export type InvoiceSortKey = 'issuedOn' | 'dueOn' | 'number' | 'total' | 'balance';

/** A sort key, ascending, or descending with a leading `-` (`-issuedOn`: newest first). */
export type InvoiceSort = InvoiceSortKey | `-${InvoiceSortKey}`;

/** The firm's bank account an invoice is paid into: a trust retainer request goes to `trust`. */
export type DepositAccount = 'operating' | 'trust';

export type InvoiceLineKind = 'time' | 'expense' | 'flat_fee' | 'discount' | 'tax';

export interface InvoiceLine {
  id: string;
  kind: InvoiceLineKind;
  /** `YYYY-MM-DD`. */
  date: string | null;
  description: string;
  /** Hours for time entries, units for expenses. */
  quantity: number | null;
  /** Minor units per unit of quantity. */
  rate: number | null;
  /** Minor units; negative for discounts. */
  amount: number;
}

/** An invoice as listed. Amounts are integer minor units of `currency`. */
export interface InvoiceSummary {
  id: string;
  number: string;
  matter: string | null;
  contactId: string;
  /** `YYYY-MM-DD`. */
  issuedOn: string;
  /** `YYYY-MM-DD`. */
  dueOn: string;
  currency: string;
  depositAccount: DepositAccount;
  status: InvoiceStatus;
  total: number;
  /** Settled payments applied to the invoice. */
  amountPaid: number;
  /** Payments still processing (bank debits). */
  amountPending: number;
  /** What is still owed: total minus settled payments. */
  balance: number;
  /** What can be paid now: the balance minus payments still processing. */
  openBalance: number;
}

/** A payment as applied to one invoice. */
export interface AppliedPayment {
  paymentId: string;
  receiptNumber: string;
  /** ISO instant. */
  date: string;
  /** The part of the payment applied to this invoice, in minor units. */
  amount: number;
  status: PaymentStatus | (string & {});
  method: { type: PaymentMethodType | (string & {}); brand: string | null; last4: string | null };
}

/** One invoice with its lines and the payments applied to it. */
export interface InvoiceDetail extends InvoiceSummary {
  /** Fees and expenses before discounts and tax. */
  subtotal: number;
  /** Discounts, as a negative amount (or 0). */
  discount: number;
  tax: number;
  notes: string | null;
  lines: InvoiceLine[];
  payments: AppliedPayment[];
  /** ISO instant. */
  sentAt: string | null;
  /** ISO instant. */
  voidedAt: string | null;
}

export interface InvoiceListQuery extends PageQuery {
  /** One filter or several; `all` by default. */
  status?: InvoiceStatusFilter | readonly InvoiceStatusFilter[];
  /** `-issuedOn` (newest first) by default. */
  sort?: InvoiceSort;
}

// Activities: GET /api/v1/activities, PATCH /api/v1/activities/:id, GET /api/v1/activities/:id/calendar.ics

/** Something the firm asks the client to do. */
export interface ActivityTask {
  id: string;
  kind: 'task';
  title: string;
  notes: string | null;
  /** `YYYY-MM-DD` in the firm's time zone, if the task has a due date. */
  dueOn: string | null;
  /** When the client marked it done (ISO instant). */
  completedAt: string | null;
  status: 'overdue' | 'upcoming' | 'done';
}

/** Something on the calendar: a hearing, a meeting, a deadline. */
export interface ActivityEvent {
  id: string;
  kind: 'event';
  title: string;
  notes: string | null;
  /** An ISO instant; for an all-day event a `YYYY-MM-DD` date. */
  startsAt: string;
  /** An ISO instant; for an all-day event the last day (inclusive), `YYYY-MM-DD`. */
  endsAt: string;
  allDay: boolean;
  location: string | null;
  status: 'upcoming' | 'done';
}

export type Activity = ActivityTask | ActivityEvent;

/** The client's activities, grouped by where they stand on the firm's calendar. */
export interface ActivityGroups {
  /** Tasks past their due date, the longest overdue first. */
  overdue: ActivityTask[];
  /** Open tasks and events to come, soonest first; undated tasks last. */
  upcoming: Activity[];
  /** Completed tasks and past events, the most recent first. */
  done: Activity[];
}

export interface ActivityListQuery {
  /** `recent` (the default) lists the 50 most recent done activities; `all` lists every one. */
  done?: 'recent' | 'all';
}

// Payments: GET /api/v1/payments

export type PaymentStatus = 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'refunded' | 'disputed';

export type PaymentMethodType = 'card' | 'us_bank_account' | 'check' | 'wire' | 'cash' | 'other';

export interface PaymentMethodSummary {
  type: PaymentMethodType;
  /** Card brand (visa, mastercard, …) or bank name. */
  brand: string | null;
  last4: string | null;
}

/** The part of a payment applied to one invoice. */
export interface PaymentAllocation {
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
  depositAccount: DepositAccount;
}

export interface Payment {
  id: string;
  status: PaymentStatus;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  method: PaymentMethodSummary;
  /** Paid through the portal, or recorded by the firm (a check, a wire). */
  source: 'portal' | 'firm';
  /** The firm's reference for a payment it recorded, e.g. a check number. */
  reference: string | null;
  receiptNumber: string;
  allocations: PaymentAllocation[];
  /** Why a payment failed, in the processor's terms. */
  failure?: { code: string; declineCode?: string; message: string } | null;
  /** ISO instant. */
  createdAt: string;
  /** When the status last changed (ISO instant). */
  updatedAt: string;
}

// Checkout: GET /api/v1/payments/setup, GET /api/v1/payments/mandate, POST /api/v1/payments,
// POST /api/v1/payments/:id/confirm, GET|DELETE /api/v1/payment-methods, POST /api/v1/bank-links,
// POST /api/v1/bank-links/exchange, and the sandbox processor's browser-facing API

/** The payment methods a firm accepts in the portal. */
export interface PaymentMethodsAccepted {
  card: boolean;
  /** Bank sign-in (Plaid Link, or the sandbox's stand-in). */
  bankLink: boolean;
  /** Bank account and routing numbers typed in. */
  bankAccount: boolean;
}

/** Which processor takes the payment and how the browser reaches it. */
export interface PaymentSetup {
  processor: 'sandbox' | 'stripe';
  /** Stripe's publishable key, with `processor: 'stripe'`. */
  publishableKey: string | null;
  bankLink: 'sandbox' | 'plaid';
  /** Where the sandbox processor's browser-facing API lives, with `processor: 'sandbox'`. */
  sandboxUrl: string | null;
}

export type BankAccountType = 'checking' | 'savings';

/** What the ACH debit authorization names: `GET /api/v1/payments/mandate`. */
export interface MandateQuery {
  /** Minor units. */
  amount: number;
  bankName: string;
  accountType: BankAccountType;
  last4: string;
}

/** The part of a payment to apply to one invoice, in minor units. */
export interface AllocationRequest {
  invoiceId: string;
  amount: number;
}

/** A processor token (never card or account numbers), or a method the client saved. */
export type PaymentMethodInput = { type: 'card' | 'us_bank_account'; token: string } | { savedId: string };

/** The body of `POST /api/v1/payments`. */
export interface PaymentRequest {
  allocations: AllocationRequest[];
  paymentMethod: PaymentMethodInput;
  savePaymentMethod: boolean;
  /** Required for bank debits: the client accepted the authorization text. */
  mandate?: { accepted: boolean };
}

/** A payment waiting for 3-D Secure, and the secret the processor's challenge needs. */
export interface PaymentNextAction {
  paymentId: string;
  clientSecret: string;
}

/**
 * The answer to `POST /api/v1/payments`: one payment per deposit account the invoices are paid
 * into (`payment` is the first), and the 3-D Secure challenges still to complete.
 */
export interface CheckoutResult {
  payment: Payment;
  payments: Payment[];
  clientSecret?: string;
  nextActions?: PaymentNextAction[];
}

/** A payment method the client saved for later, with their consent. */
export interface SavedPaymentMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  /** Card brand, or the bank's name. */
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  createdAt: string;
}

/** A bank sign-in just started: `POST /api/v1/bank-links`. */
export interface BankLinkSession {
  provider: 'sandbox' | 'plaid';
  linkToken: string;
  expiresAt: string;
}

/** A bank account the client connected, as a processor token ready to debit. */
export interface LinkedBankAccount {
  type: 'us_bank_account';
  token: string;
  bankName: string;
  last4: string;
  accountType: string;
}

/** Card details for the processor's tokenization endpoint (Stripe's shape). */
export interface CardDetails {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  name: string;
  postalCode: string;
}

/** Bank account details for the processor's tokenization endpoint (Stripe's shape). */
export interface BankAccountDetails {
  routing_number: string;
  account_number: string;
  account_type: BankAccountType;
  name: string;
}

/** A payment method the processor created from the details the browser sent it. */
export interface ProcessorPaymentMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  card?: { brand: string; last4: string; exp_month: number; exp_year: number };
  us_bank_account?: { bank_name: string; last4: string; account_type: BankAccountType; routing_number: string };
}

/** A bank in the sandbox's sign-in. */
export interface LinkInstitution {
  id: string;
  name: string;
  mfa: boolean;
}

/** One of the client's accounts at the bank they signed in to. */
export interface LinkAccount {
  id: string;
  name: string;
  mask: string;
  subtype: string;
}

/** The next step of a bank sign-in: a one-time code, or choosing the account. */
export type LinkStep =
  | { status: 'mfa_required'; prompt: string }
  | { status: 'select_account'; institution: { id: string; name: string }; accounts: LinkAccount[] };

// Messages: GET|POST /api/v1/threads, GET|POST /api/v1/threads/:id/messages, POST /api/v1/threads/:id/read

/** Who wrote a message: the client, or a named member of the firm's staff. */
export interface MessageAuthor {
  type: 'contact' | 'staff';
  name: string;
}

/** A file on a message; download it with `client.files.download(id)`. */
export interface Attachment {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  contentType: string;
}

/** One message in a thread. `body` is plain text exactly as written: never render it as HTML. */
export interface ThreadMessage {
  id: string;
  threadId: string;
  author: MessageAuthor;
  body: string;
  attachments: Attachment[];
  /** ISO instant. */
  createdAt: string;
}

/** A closed thread takes no more messages from the client. */
export type ThreadStatus = 'open' | 'closed';

/** A thread's newest message, as a list shows it. */
export interface LastMessage {
  id: string;
  author: MessageAuthor;
  /** The start of the body on one line (plain text). */
  preview: string;
  /** ISO instant. */
  createdAt: string;
}

/** A conversation between the client and the firm. */
export interface Thread {
  id: string;
  subject: string;
  status: ThreadStatus;
  lastMessage: LastMessage;
  /** Messages from the firm the client has not read. */
  unreadCount: number;
  /** ISO instant. */
  createdAt: string;
  /** When the newest message was written (ISO instant). */
  lastActivityAt: string;
}

/** A page of the client's threads, newest activity first. */
export interface ThreadPage extends Page<Thread> {
  /** Messages from the firm the client has not read, over every thread. */
  unreadCount: number;
}

/** Options for a page of the client's threads (`limit` 1 to 100, 20 by default). */
export type ThreadListQuery = PageQuery;

/**
 * A page of a thread's messages, oldest first: the newest messages unless `before` asks for older
 * ones. Pass `nextCursor` as `before` for the page before this one; null when there is none.
 */
export interface ThreadMessagePage extends Page<ThreadMessage> {
  thread: Thread;
}

export interface ThreadMessageQuery {
  /** The `nextCursor` of the page after the one wanted. */
  before?: string | null;
  /** Messages per page, 1 to 200 (the service's default is 50). */
  limit?: number;
}

/** The body of `POST /api/v1/threads`: a new conversation with the firm. */
export interface NewThread {
  /** One line, up to 200 characters. */
  subject: string;
  body: string;
  /** Files already uploaded (`client.files.upload`), at most 10. */
  attachmentIds?: string[];
}

/** The body of `POST /api/v1/threads/:id/messages`. */
export interface NewThreadMessage {
  body: string;
  /** Files already uploaded (`client.files.upload`), at most 10. */
  attachmentIds?: string[];
}

/** A thread just started, with its first message. */
export interface StartedThread {
  thread: Thread;
  message: ThreadMessage;
}

// Files: GET|POST /api/v1/files, GET /api/v1/files/:id/content

/** Who put a file in the portal: the client, or someone at the firm. */
export interface Uploader {
  type: 'contact' | 'staff';
  name: string;
}

/** A file the firm shared with the client, or one the client uploaded. */
export interface PortalFile {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  contentType: string;
  /** The matter the file is filed under; null when it is in no folder. */
  folder: string | null;
  sha256: string;
  uploadedBy: Uploader;
  /** ISO instant. */
  createdAt: string;
}

/** A folder (matter) and how many files it holds; `name` is null for files in no folder. */
export interface FileFolder {
  name: string | null;
  files: number;
}

/** A page of the client's files, with every folder they have. */
export interface FilePage extends Page<PortalFile> {
  folders: FileFolder[];
}

export interface FileListQuery extends PageQuery {
  /** Only the files in this folder. */
  folder?: string;
  /** `folder`: folder by folder (by name), newest first within each; otherwise newest first. */
  groupBy?: 'folder';
}

/** How much of an upload has gone out. */
export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send in all (the file and the form around it); 0 when unknown. */
  total: number;
}

export interface FileUploadOptions extends RequestOptions {
  /** The folder (matter) to file it under. */
  folder?: string | null;
  /** Called as the upload goes out. */
  onProgress?: (progress: UploadProgress) => void;
}

/** Makes the `XMLHttpRequest` an upload is sent with; tests and stories pass their own. */
export type XhrFactory = () => XMLHttpRequest;
