// The public API of Portico's components, without side effects: importing this module registers
// no element. Register them with `portico/all` or one `portico/define/<name>` module each.

export { PortalElement } from './base/portal-element.ts';
export { defineElement } from './base/define-element.ts';

export { ApiClient, type ApiClientOptions } from './api/api-client.ts';
export { AuthApi } from './api/auth-api.ts';
export { isSignedIn } from './api/sign-in-answer.ts';
export { TwoFactorApi } from './api/two-factor-api.ts';
export type { ClientPasskey, ClientTwoFactor, EnrollmentChallenge, SecondFactorAnswer, SecondFactorChallenge, SignInAnswer, TotpSetup } from './api/types.ts';
export { PortalTwoFactorSettings } from './profile/two-factor-settings.ts';
export { PortalTwoFactorChangeEvent, type PortalTwoFactorChangeDetail, type TwoFactorChange } from './profile/two-factor-events.ts';
export { InvoicesApi } from './api/invoices-api.ts';
export { ActivitiesApi } from './api/activities-api.ts';
export { PaymentsApi } from './api/payments-api.ts';
export { ApiError, isAbortError, type ApiErrorInit, type FieldError, type Problem } from './api/api-error.ts';
export type {
  Branding,
  BrandingSections,
  Contact,
  Credentials,
  FetchFunction,
  Me,
  RequestOptions,
  SessionChange,
  SessionChangeListener,
  SessionChangeReason,
  SignIn,
  TokenAndPassword,
  TokenExchange,
} from './api/types.ts';
export type {
  Activity,
  ActivityEvent,
  ActivityGroups,
  ActivityListQuery,
  ActivityTask,
  AppliedPayment,
  DepositAccount,
  DocumentOptions,
  DownloadedFile,
  InvoiceDetail,
  InvoiceLine,
  InvoiceLineKind,
  InvoiceListQuery,
  InvoiceSort,
  InvoiceSortKey,
  InvoiceStatus,
  InvoiceStatusFilter,
  InvoiceSummary,
  Page,
  PageQuery,
  Payment,
  PaymentAllocation,
  PaymentMethodSummary,
  PaymentMethodType,
  PaymentRefund,
  PaymentStatus,
} from './api/types.ts';

export { apiContext, brandingContext, sessionContext, type SessionState } from './controllers/contexts.ts';
export { ApiClientController } from './controllers/api-client-controller.ts';
export { ApiClientLookup, type ApiClientHost } from './controllers/api-client-lookup.ts';
export { LazyApiClientController } from './controllers/lazy-api-client-controller.ts';

export { t } from './i18n/translate.ts';
export { currencyDigits, formatDate, formatDuration, formatMoney, type DateStyle } from './i18n/format.ts';
export { daysBetween, formatDateRange, formatDateTime, formatNumber, formatRelativeDate, localToday } from './i18n/format.ts';
export { currentLanguage, currentLocale, currentRegion, documentLanguage, languageOf, localeFor, withLanguage } from './i18n/language.ts';
export { currencyRegion } from './i18n/region.ts';
export { errorMessage } from './i18n/error-message.ts';
export { loadMessages, translations, type MessageArgs, type MessageKey, type MessageParams, type Messages } from './i18n/translations.ts';

export { darkTokens, tokenDefaults, tokens } from './styles/tokens.ts';
export { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from './styles/shared.ts';
export { badgeStyles } from './styles/shared.ts';
export { FirmTheme, firmTokens } from './styles/firm-theme.ts';

export { PortalSession } from './session/session.ts';
export { PortalSessionChangeEvent, type PortalSessionChangeDetail } from './session/events.ts';
export type { AssertionProvider } from './session/assertion-sign-in.ts';

export { PortalLogin } from './login/login.ts';
export {
  PortalLoginSucceededEvent,
  PortalPasswordResetRequestedEvent,
  type PortalLoginSucceededDetail,
  type PortalPasswordResetRequestedDetail,
} from './login/events.ts';
export { validateLogin, type LoginField, type LoginMode, type LoginValues } from './login/validation.ts';

export { saveFile, safeFileName } from './base/save-file.ts';

export { PortalActivities } from './activities/activities.ts';
export { PortalActivityChangeEvent, type PortalActivityChangeDetail } from './activities/events.ts';

export { PortalInvoice } from './invoice/invoice.ts';
export { PortalInvoicePlan } from './invoice/invoice-plan.ts';
export { PortalPlanCancelledEvent, PortalPlanCreatedEvent, type PortalPlanDetail } from './invoice/events.ts';
export { PlansApi } from './api/plans-api.ts';
export { PortalPayRequestEvent, type PortalPayRequestDetail } from './invoice/events.ts';

export { PortalInvoices, invoiceFilters, invoiceSorts } from './invoices/invoices.ts';
export { PortalInvoiceSelectEvent, type PortalInvoiceSelectDetail } from './invoices/events.ts';

export { PortalPayments } from './payments/payments.ts';

// Paying (<portal-pay>)
export { PaymentMethodsApi } from './api/payment-methods-api.ts';
export { BankLinksApi } from './api/bank-links-api.ts';
export { SandboxApi, ProcessorError } from './api/sandbox-api.ts';
export type {
  AllocationRequest,
  BankAccountDetails,
  BankAccountType,
  BankLinkSession,
  CardDetails,
  CheckoutResult,
  LinkAccount,
  LinkedBankAccount,
  LinkInstitution,
  LinkStep,
  MandateQuery,
  PaymentMethodInput,
  PaymentMethodsAccepted,
  PaymentNextAction,
  PaymentQuote,
  PaymentQuoteRequest,
  PaymentRequest,
  PaymentSetup,
  ProcessorPaymentMethod,
  SavedPaymentMethod,
  Plan,
  PlanInstalment,
  PlanOptions,
  PlanPreview,
} from './api/types.ts';
export { PortalPay, newIdempotencyKey, type PayMethodChoice } from './pay/pay.ts';
export {
  PortalPayCloseEvent,
  PortalPaymentFailedEvent,
  PortalPaymentProcessingEvent,
  PortalPaymentSucceededEvent,
  type PortalPayCloseDetail,
  type PortalPaymentDetail,
  type PortalPaymentFailedDetail,
  type PortalPaymentProcessingDetail,
  type PortalPaymentSucceededDetail,
} from './pay/events.ts';
export {
  cardNumberProblem,
  cvcLength,
  detectBrand,
  expiryProblem,
  formatCardNumber,
  formatExpiry,
  luhnValid,
  parseExpiry,
  type CardBrand,
} from './pay/card-format.ts';
export { abaValid } from './pay/bank-format.ts';
export { formatMoneyInput, parseMoney } from './pay/money.ts';

// The client's home (<portal-home>)
export { HomeApi } from './api/home-api.ts';
export type { Home, HomeChanges, HomeCounts, HomeInvoice, HomeMessage, HomePayment, HomeTasks } from './api/types.ts';
export { PortalHome } from './home/home.ts';
export { PortalSectionOpenEvent, type HomeLinkSection, type PortalSectionOpenDetail } from './home/events.ts';

// The client's own profile (<portal-profile>)
export { ProfileApi } from './api/profile-api.ts';
export type { EmailChangeStarted, Profile, ProfileChanges } from './api/types.ts';
export { PortalProfile } from './profile/profile.ts';
export { PortalProfileChangeEvent, type PortalProfileChangeDetail, type ProfileChange } from './profile/events.ts';
export { AutopayApi } from './api/autopay-api.ts';
export type { AutopayCharge, AutopayChargeUnderWay, AutopayEnrolment, AutopayMatters, AutopayPreview, AutopayProposal, NewAutopay } from './api/types.ts';
export { PortalAutopaySettings } from './profile/autopay-settings.ts';
export { PortalAutopayChangeEvent, type AutopayChange, type PortalAutopayChangeDetail } from './profile/autopay-events.ts';

// The whole portal in one element (<portal-app>)
export { PortalApp, type PortalAppLayout } from './app/app.ts';
export { PortalNavigateEvent, type PortalNavigateDetail, type PortalNavigateTrigger } from './app/events.ts';
export { formatRoute, parseRoute, readRoute, writeRoute, type PortalRoute, type PortalRouting } from './app/routing.ts';
export { offeredSections, portalSections, type PortalSectionName } from './app/sections.ts';

// Secure messages (<portal-messages>) and files (<portal-files>)
export { ThreadsApi } from './api/threads-api.ts';
export { FilesApi } from './api/files-api.ts';
export { postForm, type FormPost } from './api/form-upload.ts';
export type {
  Attachment,
  FileFolder,
  FileListQuery,
  FilePage,
  FileUploadOptions,
  LastMessage,
  MessageAuthor,
  NewThread,
  NewThreadMessage,
  PortalFile,
  StartedThread,
  Thread,
  ThreadListQuery,
  ThreadMessage,
  ThreadMessagePage,
  ThreadMessageQuery,
  ThreadPage,
  ThreadStatus,
  Uploader,
  UploadProgress,
  XhrFactory,
} from './api/types.ts';
export { formatFileSize } from './i18n/format.ts';
export { BrandingController } from './controllers/branding-controller.ts';
export { PortalMessages } from './messages/messages.ts';
export { PortalMessageSentEvent, PortalThreadOpenEvent, type PortalMessageSentDetail, type PortalThreadOpenDetail } from './messages/events.ts';
export { textParts, type TextPart } from './messages/message-text.ts';
export { PortalFiles } from './files/files.ts';
export { PortalFileUploadedEvent, type PortalFileUploadedDetail } from './files/events.ts';
export { acceptedExtensions, checkUpload, type UploadRefusal } from './files/upload-rules.ts';
export {
  ConsoleClient,
  type ConsoleClientOptions,
  type StaffSessionChange,
  type StaffMe,
  type StaffMember,
  type StaffRole,
  type StaffSignIn,
  type SignedInStaff,
  type StaffAccess,
  PortalConsoleOpenEvent,
  type ConsoleOpenDetail,
  consoleScreens,
  type ConsoleScreenName,
  PortalConsole,
  PortalStaffLoginSucceededEvent,
  PortalStaffLogin,
  PortalConsoleAccount,
  PortalConsoleAccountChangeEvent,
  PortalConsoleInboxSentEvent,
  PortalConsoleInboxStatusEvent,
  PortalConsoleInbox,
  PortalConsoleClients,
  PortalConsoleClientsAddedEvent,
  PortalConsoleClientsChangedEvent,
  PortalConsoleClientsInvitedEvent,
  PortalConsoleClientsNewItemEvent,
  PortalConsoleInvoiceSavedEvent,
  PortalConsoleInvoiceSentEvent,
  PortalConsoleInvoiceVoidedEvent,
  PortalConsoleInvoicePaymentRecordedEvent,
  PortalConsoleInvoices,
  PortalConsolePaymentRefundedEvent,
  PortalConsolePaymentsExportedEvent,
  PortalConsolePayments,
  PortalConsoleFileSharedEvent,
  PortalConsoleFileDeletedEvent,
  PortalConsoleFiles,
  PortalConsoleActivitySavedEvent,
  PortalConsoleActivityDeletedEvent,
  PortalConsoleTasks,
  PortalConsoleSettingsSavedEvent,
  PortalConsoleSettings,
} from './console/index.ts';
