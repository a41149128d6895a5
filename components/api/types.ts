import type * as schemas from './contract.ts';

/** Options every remote call accepts. */
export interface RequestOptions {
  /** Aborts the call; the returned promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A document the service writes as a PDF (an invoice, a receipt), and the language to write it in. */
export interface DocumentOptions extends RequestOptions {
  /** The portal's language, e.g. `es` or `es-US`; the service writes English where it has no such language. */
  language?: string;
}

/** A client of the firm, as the portal knows them. */
export type Contact = schemas.Contact;

/** The portal sections a firm can switch on or off. */
export type BrandingSections = Branding['sections'];

/** A firm's public branding: `GET /api/v1/firms/:slug/branding`. */
export type Branding = schemas.Branding;

/** The answer to every request that signs a client in (login, refresh, invitation, reset). */
export type SignIn = schemas.Session;

/** What a first factor (password, emailed code or link, invitation, reset) answers: a sign-in, or the second factor to give or set up first. */
export type SignInAnswer = schemas.SignInResult;

/** A first factor was right and a second one is needed: `POST /auth/mfa` finishes the sign-in. */
export type SecondFactorChallenge = schemas.SecondFactorChallenge;

/** A first factor was right, but the firm requires a second factor the client has not set up yet. */
export type EnrollmentChallenge = schemas.EnrollmentChallenge;

/** The client's second factors and the firm's `clientTwoFactor` setting: `GET /auth/two-factor`. */
export type ClientTwoFactor = schemas.ClientTwoFactor;

/** One of the client's passkeys. */
export type ClientPasskey = schemas.ClientPasskey;

/** An authenticator app being set up: its secret, as a QR code too. */
export type TotpSetup = schemas.TotpSetup;

/** The second factor for an MFA token: a code from the app, a recovery code, or a passkey's answer. */
export type SecondFactorAnswer = { code: string } | { recoveryCode: string } | { credential: unknown };

/** `GET|PATCH /api/v1/me`: the signed-in client, their firm and their own settings. */
export type Me = schemas.Me;

/** The client's own settings: which emails they get, whether they have a password, a pending email change. */
export type Profile = schemas.Profile;

/** `PATCH /api/v1/me`: the name, language and email choices to change. */
export type ProfileChanges = schemas.ProfileChanges;

/** An email change asked for: the code went to `email`. */
export type EmailChangeStarted = schemas.EmailChangeStarted;

export interface Credentials {
  email: string;
  password: string;
}

/**
 * A sign-in assertion from the firm's own website: a short-lived JWT its backend signs for the
 * client it has signed in (`POST /api/v1/auth/token-exchange`).
 */
export interface TokenExchange {
  /** The signed JWT (ES256 or RS256, with `iss`, `aud`, `sub`, `email`, `exp` and a single-use `jti`). */
  assertion: string;
  /** The firm's slug; the client's own firm when left out. */
  firm?: string;
}

/** A single-use token from an email link, and the password the client chose. */
export interface TokenAndPassword {
  token: string;
  password: string;
}

/** An emailed sign-in code with the address it went to, or the token of the email's one-click link. */
export type EmailCodeSignIn = { email: string; code: string } | { token: string };

/** A language the portal and its emails are written in, as a contact's `locale` names it. */
export type PortalLocale = NonNullable<schemas.Contact['locale']>;

/** Which emailed link a token comes from, as `POST /api/v1/auth/link-status` names it. */
export type LinkKind = schemas.LinkStatus['kind'];

/** Whether an emailed link still works: `usable`, `used`, `expired`, `replaced` (a newer one was sent) or `unknown`. */
export type LinkStatus = schemas.LinkStatus;

/** Why the client's sign-in changed. */
export type SessionChangeReason =
  /** The client signed in: login, accepted invitation, password reset, or an assertion from the firm's site. */
  | 'sign-in'
  /** An earlier sign-in was resumed from the refresh cookie. */
  | 'resume'
  /** The client signed out. */
  | 'sign-out'
  /** The service no longer accepts the sign-in (refresh token missing, expired, reused or revoked). */
  | 'expired';

/** A change of the client's sign-in, as an `ApiClient` reports it (the console's connection reports its staff member's the same way). */
export type SessionChange<Person = Contact> =
  { status: 'signed-in'; contact: Person; reason: 'sign-in' | 'resume' } | { status: 'signed-out'; reason: 'sign-out' | 'expired' };

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
export type InvoiceStatus = schemas.InvoiceStatus;

/** Which invoices a list holds: one status, `unpaid` (open, partially paid and overdue), or `all`. */
export type InvoiceStatusFilter = InvoiceStatus | 'unpaid' | 'all';

export type InvoiceSortKey = 'issuedOn' | 'dueOn' | 'number' | 'total' | 'balance';

/** A sort key, ascending, or descending with a leading `-` (`-issuedOn`: newest first). */
export type InvoiceSort = InvoiceSortKey | `-${InvoiceSortKey}`;

/** The firm's bank account an invoice is paid into: a trust retainer request goes to `trust`. */
export type DepositAccount = schemas.DepositAccount;

export type InvoiceLineKind = InvoiceLine['kind'];

export type InvoiceLine = schemas.InvoiceLine;

/** An invoice as listed. Amounts are integer minor units of `currency`. */
export type InvoiceSummary = schemas.Invoice;

/** A payment as applied to one invoice. */
export type AppliedPayment = schemas.AppliedPayment;

/** One invoice with its lines and the payments applied to it. */
export type InvoiceDetail = schemas.InvoiceDetail;

/** What the client owes now: `GET /api/v1/invoices/outstanding`. */
export type OutstandingInvoices = schemas.OutstandingInvoices;

export interface InvoiceListQuery extends PageQuery {
  /** One filter or several; `all` by default. */
  status?: InvoiceStatusFilter | readonly InvoiceStatusFilter[];
  /** `-issuedOn` (newest first) by default. */
  sort?: InvoiceSort;
}

// Activities: GET /api/v1/activities, PATCH /api/v1/activities/:id, GET /api/v1/activities/:id/calendar.ics

/** Something the firm asks the client to do. */
export type ActivityTask = schemas.Task;

/** Something on the calendar: a hearing, a meeting, a deadline. */
export type ActivityEvent = schemas.CalendarEvent;

export type Activity = schemas.Activity;

/** The client's activities, grouped by where they stand on the firm's calendar. */
export type ActivityGroups = schemas.ActivityGroups;

export interface ActivityListQuery {
  /** `recent` (the default) lists the 50 most recent done activities; `all` lists every one. */
  done?: 'recent' | 'all';
}

// Payments: GET /api/v1/payments

export type PaymentStatus = schemas.PaymentStatus;

export type PaymentMethodType = schemas.PaymentMethodType;

export type PaymentMethodSummary = schemas.PaymentMethodSummary;

/** The part of a payment applied to one invoice. */
export type PaymentAllocation = schemas.PaymentAllocation;

export type Payment = schemas.Payment;

/**
 * A refund of a payment, made or on its way (`pending`): `Payment.refunds`. `Payment.amountRefunded`
 * is what succeeded refunds gave back; a payment refunded in full has the status `refunded`.
 */
export type PaymentRefund = schemas.PaymentRefund;

// Checkout: GET /api/v1/payments/setup, GET /api/v1/payments/mandate, POST /api/v1/payments,
// POST /api/v1/payments/:id/confirm, GET|DELETE /api/v1/payment-methods, POST /api/v1/bank-links,
// POST /api/v1/bank-links/exchange, and the sandbox processor's browser-facing API

/** The payment methods a firm accepts in the portal. */
export type PaymentMethodsAccepted = schemas.PaymentMethodsAccepted;

/** Which processor takes the payment and how the browser reaches it. */
export type PaymentSetup = schemas.PaymentSetup;

export type BankAccountType = MandateQuery['accountType'];

/** What the ACH debit authorization names: `GET /api/v1/payments/mandate`. */
export type MandateQuery = schemas.operations['getApiV1PaymentsMandate']['parameters']['query'];

/** The part of a payment to apply to one invoice, in minor units. */
export type AllocationRequest = PaymentRequest['allocations'][number];

/** A processor token (never card or account numbers), or a method the client saved. */
export type PaymentMethodInput = PaymentRequest['paymentMethod'];

/** The body of `POST /api/v1/payments`. */
export type PaymentRequest = schemas.Checkout;

/** The body of `POST /api/v1/payments/quote`: the allocations and the method, as a payment would send them. */
export type PaymentQuoteRequest = schemas.PaymentQuoteRequest;

/** What a payment comes to with its method: the allocations, any card surcharge, and the total to confirm. */
export type PaymentQuote = schemas.PaymentQuote;

/** A payment waiting for 3-D Secure, and the secret the processor's challenge needs. */
export type PaymentNextAction = schemas.PaymentNextAction;

/**
 * The answer to `POST /api/v1/payments`: one payment per deposit account the invoices are paid
 * into (`payment` is the first), and the 3-D Secure challenges still to complete.
 */
export type CheckoutResult = schemas.CheckoutResult;

/** A payment method the client saved for later, with their consent. */
export type SavedPaymentMethod = schemas.SavedPaymentMethod;

/** A payment plan: an invoice split into instalments charged on their dates. */
export type Plan = schemas.Plan;
/** One instalment of a plan. */
export type PlanInstalment = schemas.PlanInstalment;
/** The firm's plan limits and the dates a new plan may use. */
export type PlanOptions = schemas.PlanOptions;
/** A proposed plan: the invoice, one date per instalment and the method. */
export type PlanProposal = schemas.PlanProposal;
/** A proposal with its authorization accepted. */
export type NewPlan = schemas.NewPlan;
/** The schedule and authorization text of a proposal. */
export type PlanPreview = schemas.PlanPreview;

/** Autopay for one matter: each invoice published for it is charged on its due date. */
export type AutopayEnrolment = schemas.AutopayEnrolment;
/** One invoice's autopay charge. */
export type AutopayCharge = schemas.AutopayCharge;
/** A charge already started when autopay was turned off, which turning it off does not stop. */
export type AutopayChargeUnderWay = schemas.AutopayChargeUnderWay;
/** Whether the firm offers autopay, and the client's matters with autopay on or off. */
export type AutopayMatters = schemas.AutopayMatters;
/** A matter and a method, before the authorization is accepted. */
export type AutopayProposal = schemas.AutopayProposal;
/** A proposal with its authorization accepted. */
export type NewAutopay = schemas.NewAutopay;
/** The authorization text for a proposal. */
export type AutopayPreview = schemas.AutopayPreview;

/** A bank sign-in just started: `POST /api/v1/bank-links`. */
export type BankLinkSession = schemas.BankLink;

/** A bank account the client connected, as a processor token ready to debit. */
export type LinkedBankAccount = schemas.LinkedAccount['paymentMethod'];

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
  { status: 'mfa_required'; prompt: string } | { status: 'select_account'; institution: { id: string; name: string }; accounts: LinkAccount[] };

// Messages: GET|POST /api/v1/threads, GET|POST /api/v1/threads/:id/messages, POST /api/v1/threads/:id/read

/** Who wrote a message: the client, or a named member of the firm's staff. */
export type MessageAuthor = schemas.Author;

/** A file on a message; download it with `client.files.download(id)`. */
export type Attachment = schemas.Attachment;

/** One message in a thread. `body` is plain text exactly as written: never render it as HTML. */
export type ThreadMessage = schemas.Message;

/** A closed thread takes no more messages from the client. */
export type ThreadStatus = schemas.Thread['status'];

/** A thread's newest message, as a list shows it. */
export type LastMessage = schemas.LastMessage;

/** A conversation between the client and the firm. */
export type Thread = schemas.Thread;

/** A page of the client's threads, newest activity first. */
export type ThreadPage = schemas.ThreadPage;

/** Options for a page of the client's threads (`limit` 1 to 100, 20 by default). */
export type ThreadListQuery = PageQuery;

/**
 * A page of a thread's messages, oldest first: the newest messages unless `before` asks for older
 * ones. Pass `nextCursor` as `before` for the page before this one; null when there is none.
 */
export type ThreadMessagePage = schemas.ThreadMessages;

export interface ThreadMessageQuery {
  /** The `nextCursor` of the page after the one wanted. */
  before?: string | null;
  /** Messages per page, 1 to 200 (the service's default is 50). */
  limit?: number;
}

/** The body of `POST /api/v1/threads`: a new conversation with the firm. */
export type NewThread = schemas.NewThread;

/** The body of `POST /api/v1/threads/:id/messages`. */
export type NewThreadMessage = schemas.NewMessage;

/** A thread just started, with its first message. */
export type StartedThread = schemas.ThreadStarted;

// Files: GET|POST /api/v1/files, GET /api/v1/files/:id/content

/** Who put a file in the portal: the client, or someone at the firm. */
export type Uploader = schemas.Uploader;

/** A file the firm shared with the client, or one the client uploaded. */
export type PortalFile = schemas.File;

/** A folder (matter) and how many files it holds; `name` is null for files in no folder. */
export type FileFolder = schemas.FileFolder;

/** A page of the client's files, with every folder they have. */
export type FilePage = schemas.FilePage;

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

// Home: GET /api/v1/home, GET /api/v1/home/counts, POST /api/v1/home/seen

/**
 * The client's home: what needs them now (balance due, unread messages, the next events, open
 * tasks) and what changed since their last visit. A part is null when the firm hides its section.
 */
export type Home = schemas.Home;

/** The navigation's counts: unread messages and unpaid invoices; null for a section the firm hides. */
export type HomeCounts = schemas.HomeCounts;

/** What changed since the client's last visit: for each kind, how many and the newest few. */
export type HomeChanges = schemas.HomeChanges;

/** The client's open tasks: how many, how many overdue, and the first few. */
export type HomeTasks = schemas.HomeTasks;

/** An invoice sent since the last visit. */
export type HomeInvoice = schemas.HomeInvoice;

/** A message from the firm since the last visit, with its thread. */
export type HomeMessage = schemas.HomeMessage;

/** A payment settled since the last visit. */
export type HomePayment = schemas.HomePayment;
