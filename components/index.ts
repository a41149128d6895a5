// The public API of Portico's components, without side effects: importing this module registers
// no element. Register them with `portico/all` or one `portico/define/<name>` module each.

export { PortalElement } from './base/portal-element.ts';
export { defineElement } from './base/define-element.ts';

export { ApiClient, type ApiClientOptions } from './api/api-client.ts';
export { AuthApi } from './api/auth-api.ts';
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
} from './api/types.ts';

export { apiContext, brandingContext, sessionContext, type SessionState } from './context/contexts.ts';
export { ApiClientController, type ApiClientHost } from './context/api-client-controller.ts';

export { t } from './i18n/translate.ts';
export { currencyDigits, formatDate, formatDuration, formatMoney, type DateStyle } from './i18n/format.ts';
export { currentLanguage, documentLanguage, languageOf, withLanguage } from './i18n/language.ts';
export { errorMessage } from './i18n/error-message.ts';
export { translations, type MessageArgs, type MessageKey, type MessageParams, type Messages } from './i18n/translations.ts';

export { tokenDefaults, tokens } from './styles/tokens.ts';
export { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from './styles/shared.ts';
export { FirmTheme, firmTokens } from './styles/firm-theme.ts';

export { PortalSession } from './session/session.ts';
export { PortalSessionChangeEvent, type PortalSessionChangeDetail } from './session/events.ts';

export { PortalLogin } from './login/login.ts';
export {
  PortalLoginSucceededEvent,
  PortalPasswordResetRequestedEvent,
  type PortalLoginSucceededDetail,
  type PortalPasswordResetRequestedDetail,
} from './login/events.ts';
export { validateLogin, type LoginField, type LoginMode, type LoginValues } from './login/validation.ts';
