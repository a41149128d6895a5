/* The API's shapes, generated from the service's OpenAPI document by scripts/api-contract.ts: do not edit. */

export type paths = {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a client in: a session, or the second factor to give or set up first */
        post: operations["postApiV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token-exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a client in with an assertion from the firm's own backend (settings.identity) */
        post: operations["postApiV1AuthTokenExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the refresh cookie and get a new access token */
        post: operations["postApiV1AuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the sign-in */
        post: operations["postApiV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a password from an invitation and sign in (answers as login does) */
        post: operations["postApiV1AuthInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password reset link (same answer whether or not the email exists) */
        post: operations["postApiV1AuthPasswordResetRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password from a reset link and sign in (answers as login does) */
        post: operations["postApiV1AuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email-code/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a 6-digit sign-in code and a one-click link, valid 10 minutes (same answer whether or not the email exists) */
        post: operations["postApiV1AuthEmailCodeRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email-code/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with the emailed code, or the email link's token (answers as login does) */
        post: operations["postApiV1AuthEmailCodeVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish signing in with an authenticator code, a recovery code or a passkey */
        post: operations["postApiV1AuthMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WebAuthn options to give a passkey as the second factor */
        post: operations["postApiV1AuthMfaPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WebAuthn options to sign in with a passkey alone */
        post: operations["postApiV1AuthPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passkey/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a passkey alone */
        post: operations["postApiV1AuthPasskeyVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's second factors and the firm's setting */
        get: operations["getApiV1AuthTwoFactor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start setting up an authenticator app (access token, or mfaToken of an EnrollmentChallenge) */
        post: operations["postApiV1AuthTwoFactorTotpSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn the authenticator app on with a first code; answers recovery codes (and the sign-in, for an mfaToken) */
        post: operations["postApiV1AuthTwoFactorTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove the authenticator app */
        delete: operations["deleteApiV1AuthTwoFactorTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WebAuthn options to add a passkey (access token, or mfaToken of an EnrollmentChallenge) */
        post: operations["postApiV1AuthTwoFactorPasskeysOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a passkey */
        post: operations["postApiV1AuthTwoFactorPasskeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a passkey */
        delete: operations["deleteApiV1AuthTwoFactorPasskeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the recovery codes (needs the password or a current code) */
        post: operations["postApiV1AuthTwoFactorRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/link-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether an invitation, reset or sign-in link is still usable */
        post: operations["postApiV1AuthLinkStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/link-renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a new reset or sign-in link to where a used or expired one went */
        post: operations["postApiV1AuthLinkRenew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a staff member in: a sign-in, or the second factor to give or set up */
        post: operations["postApiV1StaffAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a password from a staff invitation; answers as login does */
        post: operations["postApiV1StaffAuthInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish signing in with an authenticator code or a recovery code */
        post: operations["postApiV1StaffAuthMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/mfa/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WebAuthn options to sign in with a passkey */
        post: operations["postApiV1StaffAuthMfaPasskeyOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/mfa/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish signing in with a passkey */
        post: operations["postApiV1StaffAuthMfaPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start setting up an authenticator app (staff token, or mfaToken of an EnrollmentChallenge) */
        post: operations["postApiV1StaffAuthTotpSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn the authenticator app on with its first code; answers recovery codes */
        post: operations["postApiV1StaffAuthTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Turn the authenticator app off (409 when the firm requires a second factor and it is the last) */
        delete: operations["deleteApiV1StaffAuthTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** WebAuthn options to add a passkey (staff token, or mfaToken of an EnrollmentChallenge) */
        post: operations["postApiV1StaffAuthPasskeysOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a passkey */
        post: operations["postApiV1StaffAuthPasskeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a passkey (409 when the firm requires a second factor and it is the last) */
        delete: operations["deleteApiV1StaffAuthPasskeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the staff refresh cookie and get a new access token */
        post: operations["postApiV1StaffAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the staff sign-in */
        post: operations["postApiV1StaffAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in staff member, their firm, their second factors and what their role may do (staff token only) */
        get: operations["getApiV1AdminStaffMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's staff (owner) */
        get: operations["getApiV1AdminStaff"];
        put?: never;
        /** Add a staff member and email their invitation (owner) */
        post: operations["postApiV1AdminStaff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a member's role or status (owner; 409 for the last owner) */
        patch: operations["patchApiV1AdminStaffId"];
        trace?: never;
    };
    "/api/v1/admin/staff/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email the invitation again (owner) */
        post: operations["postApiV1AdminStaffIdInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firms/{slug}/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's public branding and sections */
        get: operations["getApiV1FirmsSlugBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getApiV1OpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe's events, verified by their signature (only with PAYMENTS=stripe) */
        post: operations["postWebhooksStripe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in client, their firm and their own settings */
        get: operations["getApiV1Me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the client's name, language or which emails they get */
        patch: operations["patchApiV1Me"];
        trace?: never;
    };
    "/api/v1/me/email-change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move to a new email address: a 6-digit code goes there (10 minutes, 5 tries), a notice to the current one */
        post: operations["postApiV1MeEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email-change/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish the move to the new address with its code */
        post: operations["postApiV1MeEmailChangeConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (the current one confirms it); emails "your password was changed" */
        post: operations["postApiV1MePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every sign-in of the client, this one included */
        post: operations["postApiV1MeSignOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's home: what needs them now and what changed since their last visit */
        get: operations["getApiV1Home"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/home/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The navigation's counts: unread messages, unpaid invoices */
        get: operations["getApiV1HomeCounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/home/seen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The client looked at home: a visit goes on, or a new one starts after 30 minutes away (no body) */
        post: operations["postApiV1HomeSeen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks and events: overdue, upcoming, done */
        get: operations["getApiV1Activities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/activities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mark a task done or not done */
        patch: operations["patchApiV1ActivitiesId"];
        trace?: never;
    };
    "/api/v1/activities/{id}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event as an iCalendar file */
        get: operations["getApiV1ActivitiesIdCalendarIcs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's invoices */
        get: operations["getApiV1Invoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invoices/outstanding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the client owes now: every unpaid invoice with something to pay, and the sum (one query) */
        get: operations["getApiV1InvoicesOutstanding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice with lines and payments */
        get: operations["getApiV1InvoicesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a PDF, in the client's language (`Invoice-<number>.pdf`) */
        get: operations["getApiV1InvoicesIdPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payment history (403 payments_hidden when the firm hides it) */
        get: operations["getApiV1Payments"];
        put?: never;
        /** Pay invoices (Idempotency-Key header required) */
        post: operations["postApiV1Payments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One payment */
        get: operations["getApiV1PaymentsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/receipt.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The receipt of a received payment as a PDF (`Receipt-<number>.pdf`); 404 receipt_not_available for a failed or unsettled one */
        get: operations["getApiV1PaymentsIdReceiptPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which processor and bank sign-in the browser uses */
        get: operations["getApiV1PaymentsSetup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/mandate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ACH debit authorization text */
        get: operations["getApiV1PaymentsMandate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What paying these allocations with this method comes to, with any card surcharge; nothing is charged or held */
        post: operations["postApiV1PaymentsQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's plan limits and the dates a plan started today may use */
        get: operations["getApiV1PlansOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The schedule and the authorization text for a proposed plan; nothing is stored */
        post: operations["postApiV1PlansPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's payment plans, newest first */
        get: operations["getApiV1Plans"];
        put?: never;
        /** Put an open invoice on a plan of instalments, the authorization accepted */
        post: operations["postApiV1Plans"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a plan: nothing more is charged and the authorization is revoked */
        post: operations["postApiV1PlansIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/autopay/matters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the firm offers autopay, and the client's matters with autopay on or off */
        get: operations["getApiV1AutopayMatters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/autopay/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The authorization text for autopay on a matter with a method; nothing is stored */
        post: operations["postApiV1AutopayPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/autopay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The client's autopay enrolments with their charges, newest first */
        get: operations["getApiV1Autopay"];
        put?: never;
        /** Turn on autopay for a matter: each invoice published for it from now on is charged on its due date; the authorization accepted */
        post: operations["postApiV1Autopay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/autopay/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn autopay off: nothing more is charged and the authorization is revoked; the reply lists the charges already under way, which turning it off does not stop */
        post: operations["postApiV1AutopayIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a payment after 3-D Secure */
        post: operations["postApiV1PaymentsIdConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved payment methods */
        get: operations["getApiV1PaymentMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payment-methods/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a saved payment method */
        delete: operations["deleteApiV1PaymentMethodsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payment-methods/{id}/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose the saved method to pay with first */
        post: operations["postApiV1PaymentMethodsIdDefault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bank-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start bank sign-in */
        post: operations["postApiV1BankLinks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bank-links/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn the bank sign-in result into a payment method */
        post: operations["postApiV1BankLinksExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Message threads with unread counts */
        get: operations["getApiV1Threads"];
        put?: never;
        /** Start a thread */
        post: operations["postApiV1Threads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A thread's messages, newest last */
        get: operations["getApiV1ThreadsIdMessages"];
        put?: never;
        /** Reply in a thread */
        post: operations["postApiV1ThreadsIdMessages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/threads/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a thread read */
        post: operations["postApiV1ThreadsIdRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Files shared with and uploaded by the client */
        get: operations["getApiV1Files"];
        put?: never;
        /** Upload a file (multipart/form-data) */
        post: operations["postApiV1Files"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/files/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file (attachment) */
        get: operations["getApiV1FilesIdContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's profile, branding and settings */
        get: operations["getApiV1AdminSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the profile, branding or settings */
        patch: operations["patchApiV1AdminSettings"];
        trace?: never;
    };
    "/api/v1/admin/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contacts */
        get: operations["getApiV1AdminContacts"];
        put?: never;
        /** Add a contact */
        post: operations["postApiV1AdminContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/contacts/by-external-id/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create (201) or update (200) the contact with the firm's own id */
        put: operations["putApiV1AdminContactsByExternalIdExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One contact */
        get: operations["getApiV1AdminContactsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a contact */
        patch: operations["patchApiV1AdminContactsId"];
        trace?: never;
    };
    "/api/v1/admin/contacts/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a contact (they can no longer sign in) */
        post: operations["postApiV1AdminContactsIdArchive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/contacts/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore an archived contact */
        post: operations["postApiV1AdminContactsIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/contacts/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email the contact an invitation to create a login */
        post: operations["postApiV1AdminContactsIdInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's API keys, revoked ones included (never the keys themselves) */
        get: operations["getApiV1AdminApiKeys"];
        put?: never;
        /** Create an API key: the key is in this answer only */
        post: operations["postApiV1AdminApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key: refused from the next request on (404 for an unknown or revoked key) */
        delete: operations["deleteApiV1AdminApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices, drafts included */
        get: operations["getApiV1AdminInvoices"];
        put?: never;
        /** Draft an invoice */
        post: operations["postApiV1AdminInvoices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invoices/by-external-id/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create (201) or update (200) the invoice with the firm's own id (a sent one keeps its amounts) */
        put: operations["putApiV1AdminInvoicesByExternalIdExternalId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice */
        get: operations["getApiV1AdminInvoicesId"];
        put?: never;
        post?: never;
        /** Delete a draft */
        delete: operations["deleteApiV1AdminInvoicesId"];
        options?: never;
        head?: never;
        /** Change an invoice (a sent one keeps its amounts) */
        patch: operations["patchApiV1AdminInvoicesId"];
        trace?: never;
    };
    "/api/v1/admin/invoices/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish an invoice and email the client */
        post: operations["postApiV1AdminInvoicesIdSend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an invoice without payments */
        post: operations["postApiV1AdminInvoicesIdVoid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invoices/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a check, wire or cash received for one invoice (Idempotency-Key header required) */
        post: operations["postApiV1AdminInvoicesIdPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's payments, newest first */
        get: operations["getApiV1AdminPayments"];
        put?: never;
        /** Record a payment received outside the portal */
        post: operations["postApiV1AdminPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments and refunds as CSV for reconciliation, one row per allocation */
        get: operations["getApiV1AdminPaymentsExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/totals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the payments a filter selects add up to, per currency */
        get: operations["getApiV1AdminPaymentsTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One payment with its client, processor ids, history and authorization */
        get: operations["getApiV1AdminPaymentsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund all or part of a payment through the processor (Idempotency-Key header required) */
        post: operations["postApiV1AdminPaymentsIdRefunds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's payment plans, newest first */
        get: operations["getApiV1AdminPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/plans/authorizations/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recurring-charge authorizations (text, version, time, IP, method, revocation) as CSV; kept 2 years after they end */
        get: operations["getApiV1AdminPlansAuthorizationsExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/plans/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a client’s plan; its authorization is revoked */
        post: operations["postApiV1AdminPlansIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/autopay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's autopay enrolments (a client's with `contactId`), newest first */
        get: operations["getApiV1AdminAutopay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/autopay/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a client’s autopay off; its authorization is revoked; the reply lists the charges already under way, which turning it off does not stop */
        post: operations["postApiV1AdminAutopayIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tasks and events */
        get: operations["getApiV1AdminActivities"];
        put?: never;
        /** Give a client a task or an event */
        post: operations["postApiV1AdminActivities"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/activities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task or event */
        get: operations["getApiV1AdminActivitiesId"];
        put?: never;
        post?: never;
        /** Delete a task or event */
        delete: operations["deleteApiV1AdminActivitiesId"];
        options?: never;
        head?: never;
        /** Change a task or event */
        patch: operations["patchApiV1AdminActivitiesId"];
        trace?: never;
    };
    "/api/v1/admin/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List threads */
        get: operations["getApiV1AdminThreads"];
        put?: never;
        /** Start a thread with a contact */
        post: operations["postApiV1AdminThreads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/threads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A thread with its messages */
        get: operations["getApiV1AdminThreadsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/threads/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reply as a named staff member */
        post: operations["postApiV1AdminThreadsIdMessages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/threads/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a thread */
        post: operations["postApiV1AdminThreadsIdClose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/threads/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a thread */
        post: operations["postApiV1AdminThreadsIdReopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/threads/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a thread read by the firm */
        post: operations["postApiV1AdminThreadsIdRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The firm's webhook endpoints (never their secrets) */
        get: operations["getApiV1AdminWebhookEndpoints"];
        put?: never;
        /** Add an endpoint; its signing secret is in this answer only */
        post: operations["postApiV1AdminWebhookEndpoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getApiV1AdminWebhookEndpointsId"];
        put?: never;
        post?: never;
        /** Delete an endpoint (its delivery log stays) */
        delete: operations["deleteApiV1AdminWebhookEndpointsId"];
        options?: never;
        head?: never;
        /** Change an endpoint; enabled: true turns one the service turned off back on */
        patch: operations["patchApiV1AdminWebhookEndpointsId"];
        trace?: never;
    };
    "/api/v1/admin/webhook-endpoints/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret; the old one also signs for 24 hours */
        post: operations["postApiV1AdminWebhookEndpointsIdSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's deliveries, newest first */
        get: operations["getApiV1AdminWebhookEndpointsIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-endpoints/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with the same webhook-id */
        post: operations["postApiV1AdminWebhookEndpointsIdDeliveriesDeliveryIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a firm's files */
        get: operations["getApiV1AdminFiles"];
        put?: never;
        /** Share a file with a contact (multipart/form-data) */
        post: operations["postApiV1AdminFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One file */
        get: operations["getApiV1AdminFilesId"];
        put?: never;
        post?: never;
        /** Delete a file */
        delete: operations["deleteApiV1AdminFilesId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/files/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file */
        get: operations["getApiV1AdminFilesIdContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description RFC 9457 problem details with a stable `code` */
        Problem: {
            type: string;
            title: string;
            status: number;
            /**
             * @description Stable: branch on it
             * @enum {string}
             */
            code: "invalid_request" | "malformed_json" | "body_too_large" | "not_ready" | "unsupported_encoding" | "bad_request" | "invalid_cursor" | "route_not_found" | "method_not_allowed" | "not_found" | "origin_not_allowed" | "rate_limited" | "internal_error" | "sdk_not_built" | "firm_not_found" | "invalid_credentials" | "weak_password" | "invitation_invalid" | "reset_token_invalid" | "refresh_missing" | "refresh_invalid" | "refresh_reused" | "token_missing" | "token_invalid" | "token_expired" | "contact_archived" | "api_key_missing" | "api_key_invalid" | "api_key_revoked" | "invalid_assertion" | "token_exchange_not_enabled" | "external_id_mismatch" | "email_code_invalid" | "email_code_expired" | "role_forbidden" | "staff_exists" | "staff_disabled" | "last_owner" | "staff_not_invited" | "console_url_missing" | "mfa_token_invalid" | "mfa_code_invalid" | "totp_setup_missing" | "passkey_invalid" | "second_factor_required" | "mfa_attempts_exceeded" | "two_factor_off" | "firm_exists" | "portal_url_missing" | "section_disabled" | "contact_exists" | "contact_not_found" | "external_id_taken" | "password_incorrect" | "password_not_set" | "email_in_use" | "email_unchanged" | "email_change_invalid" | "email_change_expired" | "invoice_not_found" | "invoice_number_taken" | "invoice_empty" | "invoice_not_draft" | "invoice_sent" | "invoice_void" | "invoice_paid" | "invoice_has_payments" | "invalid_line" | "currency_mismatch" | "invoice_contact_fixed" | "invoice_currency_fixed" | "not_a_task" | "not_an_event" | "receipt_not_available" | "idempotency_key_missing" | "idempotency_key_invalid" | "idempotency_key_reused" | "idempotency_in_progress" | "invalid_amount" | "amount_exceeds_balance" | "card_data_not_accepted" | "deposit_account_invalid" | "trust_account_missing" | "processor_unavailable" | "amount_below_minimum" | "allocation_mismatch" | "duplicate_allocation" | "mandate_required" | "payment_method_invalid" | "payment_method_mismatch" | "payment_not_ready" | "payments_hidden" | "saved_method_not_found" | "bank_link_invalid" | "bank_link_unavailable" | "invalid_option" | "webhook_signature_invalid" | "amount_exceeds_refundable" | "payment_not_settled" | "payment_not_refundable" | "payment_disputed" | "refund_refused" | "refund_interrupted" | "surcharge_too_high" | "amount_mismatch" | "surcharge_not_confirmed" | "plans_disabled" | "invoice_not_open" | "plan_exists" | "too_many_instalments" | "instalment_below_minimum" | "plan_date_past" | "plan_date_too_late" | "plan_dates_unordered" | "authorization_outdated" | "plan_not_active" | "autopay_disabled" | "matter_unknown" | "autopay_exists" | "autopay_not_active" | "thread_closed" | "attachment_not_found" | "invalid_upload" | "upload_aborted" | "file_empty" | "file_too_large" | "file_type_not_allowed" | "file_rejected" | "scan_unavailable" | "file_store_unavailable" | "webhook_url_invalid" | "job_not_dead";
            /** @description For people: what went wrong and what to do */
            detail: string;
            /** @description With `invalid_request`: each bad field */
            errors?: {
                field: string;
                message: string;
            }[];
            /** @description With `rate_limited`: seconds to wait */
            retryAfter?: number;
            /** @description The request’s id, as in its `X-Request-Id` response header: quote it when reporting a problem */
            requestId: string;
        } & {
            [key: string]: unknown;
        };
        NewActivity: {
            /** @constant */
            kind: "task";
            contactId: string;
            title: string;
            notes?: string | null;
            dueOn?: string | null;
            externalId?: string | null;
        } | {
            /** @constant */
            kind: "event";
            contactId: string;
            title: string;
            notes?: string | null;
            startsAt: string;
            endsAt: string;
            allDay?: boolean;
            location?: string | null;
            externalId?: string | null;
        };
        TaskCompletion: {
            completed: boolean;
        };
        ActivityChanges: {
            /** @constant */
            kind?: "task";
            contactId?: string;
            title?: string;
            notes?: string | null;
            dueOn?: string | null;
            completed?: boolean;
            externalId?: string | null;
        } | {
            /** @constant */
            kind?: "event";
            contactId?: string;
            title?: string;
            notes?: string | null;
            startsAt?: string;
            endsAt?: string;
            allDay?: boolean;
            location?: string | null;
            externalId?: string | null;
        };
        Task: {
            id: string;
            /** @constant */
            kind: "task";
            title: string;
            notes: string | null;
            /** @description The date it is due, in the firm's time zone */
            dueOn: string | null;
            /** @description When the client marked it done */
            completedAt: string | null;
            /** @enum {string} */
            status: "overdue" | "upcoming" | "done";
        };
        CalendarEvent: {
            id: string;
            /** @constant */
            kind: "event";
            title: string;
            notes: string | null;
            /** @description An ISO instant; for an all-day event a `YYYY-MM-DD` date */
            startsAt: string;
            /** @description An ISO instant; for an all-day event the last day (inclusive), `YYYY-MM-DD` */
            endsAt: string;
            allDay: boolean;
            location: string | null;
            /** @enum {string} */
            status: "upcoming" | "done";
        };
        Activity: components["schemas"]["Task"] | components["schemas"]["CalendarEvent"];
        ActivityGroups: {
            /** @description Tasks past their due date, the longest overdue first */
            overdue: components["schemas"]["Task"][];
            /** @description Open tasks and events to come, soonest first; undated tasks last */
            upcoming: components["schemas"]["Activity"][];
            /** @description Completed tasks and past events, the most recent first */
            done: components["schemas"]["Activity"][];
        };
        FirmActivity: {
            id: string;
            /** @constant */
            kind: "task";
            title: string;
            notes: string | null;
            /** @description The date it is due, in the firm's time zone */
            dueOn: string | null;
            /** @description When the client marked it done */
            completedAt: string | null;
            /** @enum {string} */
            status: "overdue" | "upcoming" | "done";
            contactId: string;
            /** @description The activity's id in the firm's own system, unique in the firm */
            externalId: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
        } | {
            id: string;
            /** @constant */
            kind: "event";
            title: string;
            notes: string | null;
            /** @description An ISO instant; for an all-day event a `YYYY-MM-DD` date */
            startsAt: string;
            /** @description An ISO instant; for an all-day event the last day (inclusive), `YYYY-MM-DD` */
            endsAt: string;
            allDay: boolean;
            location: string | null;
            /** @enum {string} */
            status: "upcoming" | "done";
            contactId: string;
            /** @description The activity's id in the firm's own system, unique in the firm */
            externalId: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
        };
        FirmActivityPage: {
            data: components["schemas"]["FirmActivity"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        NewApiKey: {
            /** @description What the key is for, e.g. "Accounting export" */
            name: string;
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description The key's first characters, to tell keys apart */
            prefix: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /** @description Recorded at most once a minute */
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
        };
        NewApiKeyResult: {
            id: string;
            name: string;
            /** @description The key's first characters, to tell keys apart */
            prefix: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /** @description Recorded at most once a minute */
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description pk_…: shown once; only its hash is kept */
            key: string;
        };
        /** @description The language the contact reads the portal and its emails in, English or Spanish; null until chosen, when emails follow the language of the portal page the contact last asked to sign in from (English before that) */
        ContactLocale: ("en" | "es") | null;
        ContactAddressInput: {
            line1?: string | null;
            city?: string | null;
            state?: string | null;
            postalCode?: string | null;
        };
        NewContact: {
            /** Format: email */
            email: string;
            name: string;
            phone?: string | null;
            externalId?: string | null;
            locale?: components["schemas"]["ContactLocale"];
            address?: components["schemas"]["ContactAddressInput"] | null;
        };
        ContactChanges: {
            /** Format: email */
            email?: string;
            name?: string;
            phone?: string | null;
            externalId?: string | null;
            locale?: components["schemas"]["ContactLocale"];
            address?: components["schemas"]["ContactAddressInput"] | null;
        };
        /** @description The contact's postal address; its state decides the card surcharge rules when a card gives no billing ZIP */
        ContactAddress: {
            line1: string | null;
            city: string | null;
            state: string | null;
            postalCode: string | null;
        } | null;
        FirmContact: {
            id: string;
            firmId: string;
            email: string;
            name: string;
            phone: string | null;
            /** @enum {string} */
            status: "active" | "archived";
            /** @description The contact's id in the firm's own system, unique in the firm */
            externalId: string | null;
            locale: components["schemas"]["ContactLocale"];
            address?: components["schemas"]["ContactAddress"];
            /** @description Whether the contact has created a login */
            hasLogin: boolean;
            /**
             * @description The latest invitation: none sent, waiting to be accepted, no longer usable (expired or replaced), or accepted
             * @enum {string}
             */
            invitationStatus: "none" | "pending" | "expired" | "accepted";
            /** @description When the latest invitation was sent */
            invitedAt: string | null;
            /** @description When the contact last signed in to the portal (password or token exchange) */
            lastSignInAt: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
        };
        ContactPage: {
            data: components["schemas"]["FirmContact"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        Invitation: {
            id: string;
            contactId: string;
            /** @description The contact already had a login: the email said so, and its link only sets a new password */
            hasLogin: boolean;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        /** @description Security emails and payment receipts always go, whatever these say */
        Notifications: {
            /** @description New invoices and reminders about what is left to pay */
            invoices: boolean;
            /** @description A new message from the firm */
            messages: boolean;
        };
        ProfileChanges: {
            name?: string;
            /** @description The portal's and the emails' language; null follows the page's */
            locale?: ("en" | "es") | null;
            notifications?: {
                /** @description New invoices and reminders about what is left to pay */
                invoices?: boolean;
                /** @description A new message from the firm */
                messages?: boolean;
            };
        };
        EmailChangeRequest: {
            /** Format: email */
            newEmail: string;
            password: string;
        };
        EmailChangeConfirm: {
            /** @description The 6-digit code sent to the new address */
            code: string;
        };
        Profile: {
            notifications: components["schemas"]["Notifications"];
            /** @description Whether the client has a password (a client who signs in from the firm’s site or by code may not) */
            hasPassword: boolean;
            /** @description An email change waiting for the code sent to the new address */
            pendingEmail: {
                email: string;
                /**
                 * Format: date-time
                 * @description An ISO 8601 instant (UTC)
                 */
                expiresAt: string;
            } | null;
        };
        EmailChangeStarted: {
            email: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            expiresAt: string;
        };
        Login: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email: string;
            password: string;
        };
        NewPassword: {
            token: string;
            /** @description At least 10 characters */
            password: string;
        };
        ResetRequest: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email: string;
            /**
             * @description The language of the portal page asking, 'en' or 'es': the contact's emails are written in it until they choose one
             * @enum {string}
             */
            locale?: "en" | "es";
        };
        TokenExchange: {
            /** @description The firm's slug */
            firm: string;
            /** @description A JWT from the firm's backend (ES256 or RS256): iss, aud, sub, email, exp ≤ 5 minutes, single-use jti */
            assertion: string;
        };
        EmailCodeRequest: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email: string;
            /**
             * @description The language of the portal page asking, 'en' or 'es': the contact's emails are written in it until they choose one
             * @enum {string}
             */
            locale?: "en" | "es";
        };
        EmailCodeVerify: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email: string;
            /** @description The 6-digit code from the email */
            code: string;
        } | {
            /** @description The firm's slug */
            firm: string;
            /** @description The token of the email's sign-in link */
            token: string;
        };
        LinkStatusRequest: {
            /** @enum {string} */
            kind: "invitation" | "reset" | "sign-in";
            token: string;
        };
        LinkRenewRequest: {
            /** @enum {string} */
            kind: "reset" | "sign-in";
            token: string;
        };
        Contact: {
            id: string;
            firmId: string;
            email: string;
            name: string;
            locale: components["schemas"]["ContactLocale"];
        };
        Session: {
            /** @description An ES256 JWT; send it as `Authorization: Bearer …` */
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Lifetime of the access token, in seconds */
            expiresIn: number;
            contact: components["schemas"]["Contact"];
        };
        Accepted: {
            /** @constant */
            accepted: true;
        };
        LinkStatus: {
            /** @enum {string} */
            kind: "invitation" | "reset" | "sign-in";
            /** @enum {string} */
            status: "usable" | "used" | "expired" | "replaced" | "unknown";
        };
        SecondFactorChallenge: {
            /** @constant */
            mfaRequired: true;
            /** @description Send it with the second factor, within five minutes */
            mfaToken: string;
            methods: ("totp" | "passkey" | "recovery_code")[];
        };
        EnrollmentChallenge: {
            /** @constant */
            enrollmentRequired: true;
            /** @description Authorises setting up a first second factor, within five minutes */
            mfaToken: string;
        };
        PasskeyRequestOptions: {
            /** @description PublicKeyCredentialRequestOptionsJSON */
            options: {
                challenge: string;
            } & {
                [key: string]: unknown;
            };
        };
        PasskeyCreationOptions: {
            /** @description PublicKeyCredentialCreationOptionsJSON */
            options: {
                challenge: string;
            } & {
                [key: string]: unknown;
            };
        };
        TotpSetup: {
            /** @description Base32, for typing into an authenticator app */
            secret: string;
            otpauthUri: string;
            qrCode: {
                size: number;
                /** @description SVG path data, one unit per module */
                path: string;
            };
        };
        SecondFactor: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
            /** @description The 6-digit code the authenticator app shows */
            code: string;
        } | {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
            /** @description One of the recovery codes, used once */
            recoveryCode: string;
        } | {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
            /** @description AuthenticationResponseJSON, for options from /auth/mfa/passkey/options */
            credential: {
                id: string;
                rawId: string;
                /** @constant */
                type: "public-key";
                response: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        };
        MfaToken: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
        };
        PasskeySignInOptionsRequest: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email?: string;
        };
        PasskeySignIn: {
            /** @description The firm's slug */
            firm: string;
            /** @description AuthenticationResponseJSON */
            credential: {
                id: string;
                rawId: string;
                /** @constant */
                type: "public-key";
                response: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        };
        ClientEnrollment: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        ClientTotpConfirmation: {
            code: string;
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        ClientPasskeyRegistration: {
            /** @description RegistrationResponseJSON */
            credential: {
                id: string;
                rawId: string;
                /** @constant */
                type: "public-key";
                response: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
            /** @description What the client calls this passkey */
            name?: string;
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        RecoveryCodesRequest: {
            password: string;
        } | {
            code: string;
        };
        SignInResult: components["schemas"]["Session"] | components["schemas"]["SecondFactorChallenge"] | components["schemas"]["EnrollmentChallenge"];
        ClientPasskey: {
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            lastUsedAt: string | null;
        };
        ClientTwoFactor: {
            /**
             * @description The firm's `clientTwoFactor`
             * @enum {string}
             */
            setting: "off" | "optional" | "required";
            /** @description The authenticator app, or null when none is set up */
            totp: {
                enabledAt: string | null;
            } | null;
            passkeys: components["schemas"]["ClientPasskey"][];
            recoveryCodesLeft: number;
        };
        ClientTotpConfirmed: {
            /** @description Shown once: each signs in once instead of a code */
            recoveryCodes: string[];
            /** @description With an enrolment token: the sign-in it was waiting for */
            signIn?: components["schemas"]["Session"];
        };
        ClientPasskeyRegistered: {
            passkey: components["schemas"]["ClientPasskey"];
            /** @description With a first factor only: shown once */
            recoveryCodes?: string[];
            /** @description With an enrolment token: the sign-in it was waiting for */
            signIn?: components["schemas"]["Session"];
        };
        RecoveryCodes: {
            /** @description Shown once; the earlier codes no longer work */
            recoveryCodes: string[];
        };
        /** @enum {string} */
        WebhookEventType: "payment.succeeded" | "payment.processing" | "payment.failed" | "payment.refunded" | "invoice.paid" | "message.created" | "file.uploaded" | "contact.activated" | "activity.completed";
        NewWebhookEndpoint: {
            url: string;
            events: ("payment.succeeded" | "payment.processing" | "payment.failed" | "payment.refunded" | "invoice.paid" | "message.created" | "file.uploaded" | "contact.activated" | "activity.completed")[];
            description?: string;
            /** @default true */
            enabled: boolean;
        };
        WebhookEndpointChanges: {
            url?: string;
            events?: ("payment.succeeded" | "payment.processing" | "payment.failed" | "payment.refunded" | "invoice.paid" | "message.created" | "file.uploaded" | "contact.activated" | "activity.completed")[];
            description?: string | null;
            enabled?: boolean;
        };
        WebhookEndpoint: {
            id: string;
            firmId: string;
            /** Format: uri */
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            enabled: boolean;
            description: string | null;
            /** @description Why the service turned it off (it kept failing) */
            disabledReason: string | null;
            /** @description Since when every delivery has failed; null while it succeeds */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
        };
        NewWebhookEndpointResult: {
            id: string;
            firmId: string;
            /** Format: uri */
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            enabled: boolean;
            description: string | null;
            /** @description Why the service turned it off (it kept failing) */
            disabledReason: string | null;
            /** @description Since when every delivery has failed; null while it succeeds */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
            /** @description whsec_…: shown once */
            secret: string;
        };
        RotatedWebhookSecret: {
            secret: string;
            /**
             * Format: date-time
             * @description The old secret also signs until then
             */
            previousValidUntil: string;
        };
        WebhookDelivery: {
            id: string;
            endpointId: string;
            /** @description The webhook-id header */
            eventId: string;
            eventType: components["schemas"]["WebhookEventType"];
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            lastAttemptAt: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        WebhookDeliveryPage: {
            data: components["schemas"]["WebhookDelivery"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        PasswordChange: {
            currentPassword: string;
            /** @description At least 10 characters */
            newPassword: string;
        };
        /** @description Who put a file in the portal: the client, or someone at the firm */
        Uploader: {
            /** @enum {string} */
            type: "contact" | "staff";
            name: string;
        };
        File: {
            id: string;
            name: string;
            /** @description Bytes */
            size: number;
            contentType: string;
            /** @description The matter the file is filed under; null when it is in no folder */
            folder: string | null;
            /** @description Hex SHA-256 of the bytes */
            sha256: string;
            uploadedBy: components["schemas"]["Uploader"];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        FirmFile: {
            id: string;
            name: string;
            /** @description Bytes */
            size: number;
            contentType: string;
            /** @description The matter the file is filed under; null when it is in no folder */
            folder: string | null;
            /** @description Hex SHA-256 of the bytes */
            sha256: string;
            uploadedBy: components["schemas"]["Uploader"];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            contactId: string;
        };
        /** @description A folder (matter) and how many files it holds; `name` is null for files in no folder */
        FileFolder: {
            name: string | null;
            files: number;
        };
        FilePage: {
            data: components["schemas"]["File"][];
            nextCursor: string | null;
            folders: components["schemas"]["FileFolder"][];
        };
        FirmFilePage: {
            data: components["schemas"]["FirmFile"][];
            nextCursor: string | null;
            /** @description With `contactId`: every folder of that contact's and how many files each holds */
            folders?: components["schemas"]["FileFolder"][];
        };
        Attachment: {
            id: string;
            name: string;
            size: number;
            contentType: string;
        };
        PlanSettings: {
            /** @description Whether clients may put an open invoice on a payment plan */
            enabled: boolean;
            /** @description The most instalments a plan may have; a plan runs at most this many months */
            maxInstalments: number;
            /** @description The smallest instalment, in minor units */
            minInstalment: number;
        };
        AutopaySettings: {
            /** @description Whether clients may turn on autopay for the new invoices of a matter */
            enabled: boolean;
        };
        /** @description What the firm lets its clients see and do */
        FirmSettings: {
            sections: {
                activities: boolean;
                invoices: boolean;
                messages: boolean;
                files: boolean;
            };
            /** @default true */
            showPayments: boolean;
            /**
             * @default {
             *       "card": true,
             *       "bankLink": true,
             *       "bankAccount": true,
             *       "wallets": false
             *     }
             */
            paymentMethods: {
                card: boolean;
                bankLink: boolean;
                bankAccount: boolean;
                /**
                 * @description Apple Pay and Google Pay with cards, through Stripe's Payment Element; register the firm's domain with Stripe first
                 * @default false
                 */
                wallets: boolean;
            };
            /**
             * @description A surcharge on credit-card payments to operating invoices, in percent: never on debit or prepaid cards, trust money or clients in states that forbid it (CT, ME, MA, PR), and capped where a state caps it (CO: 2 %)
             * @default {
             *       "enabled": false,
             *       "percent": 0
             *     }
             */
            surcharge: {
                enabled: boolean;
                percent: number;
            };
            /** @default 100 */
            minimumPayment: number;
            /** @default 26214400 */
            maxUploadBytes: number;
            /** @default 10 */
            paymentFailuresPerHour: number;
            /** @default UTC */
            timeZone: string;
            /** Format: uri */
            portalUrl?: string;
            /** Format: email */
            inboxEmail?: string;
            stripe?: {
                operatingAccount?: string;
                trustAccount?: string;
            };
            identity?: {
                issuer: string;
                audience: string;
                /** Format: uri */
                jwksUrl?: string;
                publicKeys?: unknown[];
                /** @default false */
                autoProvision: boolean;
            };
            /**
             * @description Whether staff must set up a second factor (authenticator app or passkey) to sign in
             * @default required
             * @enum {string}
             */
            staffTwoFactor: "required" | "optional";
            /**
             * @description Second factor for clients (authenticator app or passkey): `off` (none), `optional` (each client chooses) or `required` (set up at the next sign-in)
             * @default off
             * @enum {string}
             */
            clientTwoFactor: "off" | "optional" | "required";
            /**
             * Format: uri
             * @description The page that embeds the firm's staff console; staff invitations link here
             */
            consoleUrl?: string;
            /** @description The firm's postal address, one line per line: printed on invoice and receipt PDFs as where to remit payment */
            address?: string;
            /**
             * @default {
             *       "enabled": false,
             *       "maxInstalments": 6,
             *       "minInstalment": 5000
             *     }
             */
            plans: components["schemas"]["PlanSettings"];
            /**
             * @default {
             *       "enabled": false
             *     }
             */
            autopay: components["schemas"]["AutopaySettings"];
        };
        FirmChanges: {
            name?: string | null;
            currency?: string | null;
            siteUrl?: string | null;
            allowedOrigins?: string[] | null;
            branding?: {
                logoUrl?: string | null;
                colors?: {
                    brand?: string | null;
                    brandContrast?: string | null;
                    accent?: string | null;
                } | null;
                fontFamily?: string | null;
            } | null;
            settings?: {
                sections?: {
                    activities?: boolean | null;
                    invoices?: boolean | null;
                    messages?: boolean | null;
                    files?: boolean | null;
                } | null;
                showPayments?: boolean | null;
                paymentMethods?: {
                    card?: boolean | null;
                    bankLink?: boolean | null;
                    bankAccount?: boolean | null;
                    wallets?: boolean | null;
                } | null;
                surcharge?: {
                    enabled?: boolean | null;
                    percent?: number | null;
                } | null;
                minimumPayment?: number | null;
                maxUploadBytes?: number | null;
                paymentFailuresPerHour?: number | null;
                timeZone?: string | null;
                portalUrl?: string | null;
                inboxEmail?: string | null;
                stripe?: {
                    operatingAccount?: string | null;
                    trustAccount?: string | null;
                } | null;
                identity?: {
                    issuer?: string | null;
                    audience?: string | null;
                    jwksUrl?: string | null;
                    publicKeys?: ({
                        /** @enum {string} */
                        kty: "EC" | "RSA";
                        crv?: string;
                        x?: string;
                        y?: string;
                        n?: string;
                        e?: string;
                        kid?: string;
                        /** @enum {string} */
                        alg?: "ES256" | "RS256";
                        /** @constant */
                        use?: "sig";
                    } & {
                        [key: string]: unknown;
                    })[] | null;
                    autoProvision?: boolean | null;
                } | null;
                staffTwoFactor?: ("required" | "optional") | null;
                clientTwoFactor?: ("off" | "optional" | "required") | null;
                consoleUrl?: string | null;
                address?: string | null;
                plans?: {
                    enabled?: boolean | null;
                    maxInstalments?: number | null;
                    minInstalment?: number | null;
                } | null;
                autopay?: {
                    enabled?: boolean | null;
                } | null;
            } | null;
        };
        PaymentMethodsAccepted: {
            card: boolean;
            /** @description Bank sign-in (Plaid Link, or the sandbox stand-in) */
            bankLink: boolean;
            /** @description Bank account and routing numbers typed in */
            bankAccount: boolean;
            /** @description Apple Pay and Google Pay with cards, when payments go through Stripe */
            wallets?: boolean;
        };
        Branding: {
            slug: string;
            name: string;
            /** @description ISO 4217 currency code */
            currency: string;
            logoUrl: string | null;
            colors: {
                /** @description The brand colour, `#rrggbb` */
                brand: string;
                /** @description Text on the brand colour */
                brandContrast: string;
                accent?: string;
            };
            fontFamily: string | null;
            sections: {
                activities: boolean;
                invoices: boolean;
                messages: boolean;
                files: boolean;
                payments: boolean;
            };
            paymentMethods: components["schemas"]["PaymentMethodsAccepted"];
            /** @description The smallest payment the firm accepts, in minor units */
            minimumPayment: number;
            /** @description The largest file a client may upload, in bytes */
            maxUploadBytes: number;
            plans: components["schemas"]["PlanSettings"];
            /** @description Whether clients may turn on autopay for a matter */
            autopay?: components["schemas"]["AutopaySettings"];
            /**
             * @description Whether clients may (or must) sign in with a second factor; `off` also means no passkey sign-in
             * @enum {string}
             */
            clientTwoFactor?: "off" | "optional" | "required";
        };
        Me: {
            contact: components["schemas"]["Contact"];
            firm: components["schemas"]["Branding"];
            profile: components["schemas"]["Profile"];
        };
        FirmProfile: {
            id: string;
            slug: string;
            name: string;
            /** @description ISO 4217 currency code */
            currency: string;
            siteUrl: string | null;
            allowedOrigins: string[];
            branding: {
                /** Format: uri */
                logoUrl?: string;
                colors: {
                    brand: string;
                    brandContrast?: string;
                    accent?: string;
                };
                fontFamily?: string;
            };
            settings: components["schemas"]["FirmSettings"];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
            /** @description What the firm should know, e.g. a brand colour too light to read */
            warnings: {
                code: string;
                message: string;
            }[];
        };
        NewInvoice: {
            contactId: string;
            currency?: string;
            number?: string;
            matter?: string | null;
            issuedOn?: string;
            dueOn?: string;
            /** @enum {string} */
            depositAccount?: "operating" | "trust";
            notes?: string | null;
            lines?: {
                /** @enum {string} */
                kind: "time" | "expense" | "flat_fee" | "discount" | "tax";
                date?: string;
                description: string;
                quantity?: number;
                rate?: number;
                amount?: number;
                percent?: number;
            }[];
            externalId?: string | null;
        };
        InvoiceChanges: {
            number?: string;
            matter?: string | null;
            issuedOn?: string;
            dueOn?: string;
            /** @enum {string} */
            depositAccount?: "operating" | "trust";
            notes?: string | null;
            lines?: {
                /** @enum {string} */
                kind: "time" | "expense" | "flat_fee" | "discount" | "tax";
                date?: string;
                description: string;
                quantity?: number;
                rate?: number;
                amount?: number;
                percent?: number;
            }[];
            externalId?: string | null;
        };
        InvoiceVoid: {
            reason?: string;
        };
        /**
         * @description Where the invoice stands for the client: derived from the payments and the due date
         * @enum {string}
         */
        InvoiceStatus: "open" | "partially_paid" | "overdue" | "paid" | "void";
        /**
         * @description As the client sees it, and `draft` before it is sent
         * @enum {string}
         */
        FirmInvoiceStatus: "draft" | "open" | "partially_paid" | "overdue" | "paid" | "void";
        /**
         * @description The firm's bank account the invoice is paid into: a trust retainer request goes to `trust`
         * @enum {string}
         */
        DepositAccount: "operating" | "trust";
        InvoiceLine: {
            id: string;
            /** @enum {string} */
            kind: "time" | "expense" | "flat_fee" | "discount" | "tax";
            date: string | null;
            description: string;
            /** @description Hours for time entries, units for expenses */
            quantity: number | null;
            /** @description Minor units per unit of quantity */
            rate: number | null;
            /** @description Minor units; negative for discounts */
            amount: number;
        };
        Invoice: {
            id: string;
            number: string;
            matter: string | null;
            contactId: string;
            /** Format: date */
            issuedOn: string;
            /** Format: date */
            dueOn: string;
            /** @description ISO 4217 currency code */
            currency: string;
            depositAccount: components["schemas"]["DepositAccount"];
            status: components["schemas"]["InvoiceStatus"];
            /** @description Integer minor units of the currency */
            total: number;
            /** @description Settled payments applied to the invoice */
            amountPaid: number;
            /** @description Payments still processing (bank debits) */
            amountPending: number;
            /** @description What is still owed: total minus settled payments */
            balance: number;
            /** @description What can be paid now: the balance minus payments still processing */
            openBalance: number;
        };
        AppliedPayment: {
            paymentId: string;
            receiptNumber: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            date: string;
            /** @description The part of the payment applied to this invoice */
            amount: number;
            status: string;
            method: {
                type: string;
                brand: string | null;
                last4: string | null;
            };
        };
        InvoiceDetail: {
            id: string;
            number: string;
            matter: string | null;
            contactId: string;
            /** Format: date */
            issuedOn: string;
            /** Format: date */
            dueOn: string;
            /** @description ISO 4217 currency code */
            currency: string;
            depositAccount: components["schemas"]["DepositAccount"];
            status: components["schemas"]["InvoiceStatus"];
            /** @description Integer minor units of the currency */
            total: number;
            /** @description Settled payments applied to the invoice */
            amountPaid: number;
            /** @description Payments still processing (bank debits) */
            amountPending: number;
            /** @description What is still owed: total minus settled payments */
            balance: number;
            /** @description What can be paid now: the balance minus payments still processing */
            openBalance: number;
            /** @description Fees and expenses before discounts and tax */
            subtotal: number;
            /** @description Discounts, as a negative amount (or 0) */
            discount: number;
            /** @description Integer minor units of the currency */
            tax: number;
            notes: string | null;
            lines: components["schemas"]["InvoiceLine"][];
            payments: components["schemas"]["AppliedPayment"][];
            sentAt: string | null;
            voidedAt: string | null;
        };
        InvoicePage: {
            data: components["schemas"]["Invoice"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        OutstandingInvoices: {
            /** @description Every unpaid invoice with something left to pay now, soonest due first */
            invoiceIds: string[];
            /** @description What can be paid now on them all; null when they are in more than one currency */
            amount: number | null;
            currency: string | null;
            /** @description What payments still on their way (bank debits) will pay on the client's unpaid invoices: in their balances, not in `amount`; null when they are in more than one currency */
            processing?: number | null;
        };
        FirmInvoice: {
            id: string;
            number: string;
            matter: string | null;
            contactId: string;
            /** Format: date */
            issuedOn: string;
            /** Format: date */
            dueOn: string;
            /** @description ISO 4217 currency code */
            currency: string;
            depositAccount: components["schemas"]["DepositAccount"];
            status: components["schemas"]["FirmInvoiceStatus"];
            /** @description Integer minor units of the currency */
            total: number;
            /** @description Settled payments applied to the invoice */
            amountPaid: number;
            /** @description Payments still processing (bank debits) */
            amountPending: number;
            /** @description What is still owed: total minus settled payments */
            balance: number;
            /** @description What can be paid now: the balance minus payments still processing */
            openBalance: number;
            /** @description The invoice's id in the firm's own system */
            externalId: string | null;
        };
        FirmInvoicePage: {
            data: components["schemas"]["FirmInvoice"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        FirmInvoiceDetail: {
            id: string;
            number: string;
            matter: string | null;
            contactId: string;
            /** Format: date */
            issuedOn: string;
            /** Format: date */
            dueOn: string;
            /** @description ISO 4217 currency code */
            currency: string;
            depositAccount: components["schemas"]["DepositAccount"];
            status: components["schemas"]["FirmInvoiceStatus"];
            /** @description Integer minor units of the currency */
            total: number;
            /** @description Settled payments applied to the invoice */
            amountPaid: number;
            /** @description Payments still processing (bank debits) */
            amountPending: number;
            /** @description What is still owed: total minus settled payments */
            balance: number;
            /** @description What can be paid now: the balance minus payments still processing */
            openBalance: number;
            /** @description Fees and expenses before discounts and tax */
            subtotal: number;
            /** @description Discounts, as a negative amount (or 0) */
            discount: number;
            /** @description Integer minor units of the currency */
            tax: number;
            notes: string | null;
            lines: components["schemas"]["InvoiceLine"][];
            payments: components["schemas"]["AppliedPayment"][];
            sentAt: string | null;
            voidedAt: string | null;
            /** @description The invoice's id in the firm's own system */
            externalId: string | null;
            /**
             * @description The lifecycle: a draft is sent once, and may be voided
             * @enum {string}
             */
            state: "draft" | "sent" | "void";
            /**
             * Format: date-time
             * @description When the invoice was drafted
             */
            createdAt: string;
            /** @description The firm's reason for voiding it, if it gave one */
            voidReason: string | null;
        };
        NewThread: {
            subject: string;
            body: string;
            attachmentIds?: string[];
        };
        NewMessage: {
            body: string;
            attachmentIds?: string[];
        };
        NewStaffThread: {
            contactId: string;
            subject: string;
            body: string;
            staffName: string;
            attachmentIds?: string[];
        };
        StaffMessage: {
            body: string;
            staffName: string;
            attachmentIds?: string[];
        };
        /** @description Who wrote a message: the client, or a named member of the firm */
        Author: {
            /** @enum {string} */
            type: "contact" | "staff";
            name: string;
        };
        Message: {
            id: string;
            threadId: string;
            author: components["schemas"]["Author"];
            body: string;
            attachments: components["schemas"]["Attachment"][];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        LastMessage: {
            id: string;
            author: components["schemas"]["Author"];
            /** @description The start of the body on one line */
            preview: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        Thread: {
            id: string;
            subject: string;
            /** @enum {string} */
            status: "open" | "closed";
            lastMessage: components["schemas"]["LastMessage"];
            /** @description Messages from the other side this side has not read */
            unreadCount: number;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            lastActivityAt: string;
        };
        FirmThread: {
            id: string;
            subject: string;
            /** @enum {string} */
            status: "open" | "closed";
            lastMessage: components["schemas"]["LastMessage"];
            /** @description Messages from the other side this side has not read */
            unreadCount: number;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            lastActivityAt: string;
            contact: {
                id: string;
                name: string;
                email: string;
            };
            closedAt: string | null;
        };
        ThreadPage: {
            data: components["schemas"]["Thread"][];
            nextCursor: string | null;
            /** @description Unread messages over every thread */
            unreadCount: number;
        };
        FirmThreadPage: {
            data: components["schemas"]["FirmThread"][];
            nextCursor: string | null;
            /** @description Clients' messages the firm has not read, over every thread (whatever the filters) */
            unreadCount: number;
        };
        ThreadMessages: {
            thread: components["schemas"]["Thread"];
            data: components["schemas"]["Message"][];
            nextCursor: string | null;
        };
        FirmThreadMessages: {
            thread: components["schemas"]["FirmThread"];
            data: components["schemas"]["Message"][];
            nextCursor: string | null;
        };
        ThreadStarted: {
            thread: components["schemas"]["Thread"];
            message: components["schemas"]["Message"];
        };
        FirmThreadStarted: {
            thread: components["schemas"]["FirmThread"];
            message: components["schemas"]["Message"];
        };
        HomeInvoice: {
            id: string;
            number: string;
            /** @description Integer minor units of the currency */
            total: number;
            /** @description ISO 4217 currency code */
            currency: string;
            /** Format: date */
            dueOn: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            sentAt: string;
        };
        HomeMessage: {
            id: string;
            threadId: string;
            /** @description The thread's subject */
            subject: string;
            author: components["schemas"]["Author"];
            /** @description The start of the body on one line */
            preview: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        HomePayment: {
            id: string;
            /** @description Integer minor units of the currency */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
            receiptNumber: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            settledAt: string;
        };
        HomeTasks: {
            openCount: number;
            overdueCount: number;
            first: components["schemas"]["Task"][];
        };
        HomeInvoiceChanges: {
            /** @description How many invoices sent since the last visit */
            count: number;
            /** @description The newest few, newest first */
            latest: components["schemas"]["HomeInvoice"][];
        };
        HomeDocumentChanges: {
            /** @description How many files shared by the firm since the last visit */
            count: number;
            /** @description The newest few, newest first */
            latest: components["schemas"]["File"][];
        };
        HomeMessageChanges: {
            /** @description How many messages from the firm since the last visit */
            count: number;
            /** @description The newest few, newest first */
            latest: components["schemas"]["HomeMessage"][];
        };
        HomePaymentChanges: {
            /** @description How many payments settled since the last visit */
            count: number;
            /** @description The newest few, newest first */
            latest: components["schemas"]["HomePayment"][];
        };
        HomeChanges: {
            invoices: components["schemas"]["HomeInvoiceChanges"] | null;
            documents: components["schemas"]["HomeDocumentChanges"] | null;
            messages: components["schemas"]["HomeMessageChanges"] | null;
            payments: components["schemas"]["HomePaymentChanges"] | null;
        };
        Home: {
            /** @description Where this visit's changes start: the client's last look at home in their previous visit; null during their first visit (everything is new) */
            since: string | null;
            /** @description What the client can pay now; null when invoices are hidden */
            balance: components["schemas"]["OutstandingInvoices"] | null;
            /** @description The firm's messages the client has not read; null when messages are hidden */
            unreadMessages: number | null;
            /** @description The next few events, soonest first; null when tasks and events are hidden */
            nextEvents: components["schemas"]["CalendarEvent"][] | null;
            tasks: components["schemas"]["HomeTasks"] | null;
            changes: components["schemas"]["HomeChanges"];
        };
        HomeCounts: {
            /** @description The firm's messages the client has not read; null when messages are hidden */
            unreadMessages: number | null;
            /** @description The invoices the client can pay now; null when invoices are hidden */
            unpaidInvoices: number | null;
        };
        OfflinePayment: {
            contactId: string;
            amount: number;
            method: {
                /** @enum {string} */
                type: "check" | "wire" | "cash" | "other";
                reference?: string;
            };
            allocations: {
                invoiceId: string;
                amount: number;
            }[];
        };
        InvoicePayment: {
            amount: number;
            method: {
                /** @enum {string} */
                type: "check" | "wire" | "cash" | "other";
                /** @description A check number, a wire reference */
                reference?: string;
            };
            receivedOn?: string;
        };
        PaymentQuoteRequest: {
            allocations: {
                invoiceId: string;
                amount: number;
            }[];
            paymentMethod: {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            } | {
                savedId: string;
            };
        };
        Checkout: {
            allocations: {
                invoiceId: string;
                amount: number;
            }[];
            paymentMethod: {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            } | {
                savedId: string;
            };
            /** @description The total the client confirmed: the allocations plus the card surcharge `POST /payments/quote` gave. Required when a surcharge applies; a total that differs from the service’s is refused (409 `amount_mismatch`) */
            amount?: number;
            /** @default false */
            savePaymentMethod: boolean;
            /** @description Required for bank debits: the client accepted the authorization text */
            mandate?: {
                accepted: boolean;
            };
        };
        /** @enum {string} */
        PaymentStatus: "requires_action" | "processing" | "succeeded" | "failed" | "refunded" | "disputed";
        /** @enum {string} */
        PaymentMethodType: "card" | "us_bank_account" | "check" | "wire" | "cash" | "other";
        PaymentMethodSummary: {
            type: components["schemas"]["PaymentMethodType"];
            /** @description Card brand (visa, mastercard, …) or bank name */
            brand: string | null;
            last4: string | null;
        };
        PaymentAllocation: {
            invoiceId: string;
            invoiceNumber: string;
            /** @description Integer minor units of the currency */
            amount: number;
            depositAccount: components["schemas"]["DepositAccount"];
        };
        PaymentRefund: {
            id: string;
            /** @description Integer minor units of the currency */
            amount: number;
            /** @enum {string} */
            status: "pending" | "succeeded";
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        Refund: {
            id: string;
            paymentId: string;
            /** @description Integer minor units of the currency */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
            /** @description The firm's own note; not shown to the client */
            reason: string | null;
            /**
             * @description Only a succeeded refund gave money back and reopened invoices
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed";
            /**
             * @description `api`: asked for through this API; `processor`: made at the processor (Stripe's dashboard)
             * @enum {string}
             */
            origin: "api" | "processor";
            /** @description The processor's id of the refund (`re_…` for Stripe) */
            processorRef: string | null;
            /** @description The invoices a succeeded refund reopened: the payment's allocations, last first */
            allocations: {
                invoiceId: string;
                invoiceNumber: string;
                /** @description Integer minor units of the currency */
                amount: number;
            }[];
            failure: {
                code: string;
                message: string;
            } | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            updatedAt: string;
        };
        Payment: {
            id: string;
            status: components["schemas"]["PaymentStatus"];
            /** @description What was charged: the allocations plus `surcharge` */
            amount: number;
            /** @description The card surcharge included in `amount`, booked to operating; 0 when none */
            surcharge?: number;
            /** @description The surcharge rate in percent; null when none */
            surchargePercent?: number | null;
            /** @description ISO 4217 currency code */
            currency: string;
            method: components["schemas"]["PaymentMethodSummary"];
            /**
             * @description Paid through the portal, or recorded by the firm (a check, a wire)
             * @enum {string}
             */
            source: "portal" | "firm";
            /** @description The firm's reference for a payment it recorded, e.g. a check number */
            reference: string | null;
            /** @description The receipt number; null for a failed payment, which received no money and so has no receipt */
            receiptNumber: string | null;
            allocations: components["schemas"]["PaymentAllocation"][];
            /** @description Why a payment failed, in the processor's terms */
            failure: {
                code: string;
                declineCode?: string;
                message: string;
            } | null;
            /** @description What refunds have given back; the whole amount when the status is `refunded` */
            amountRefunded: number;
            /** @description Refunds made or on their way, oldest first */
            refunds: components["schemas"]["PaymentRefund"][];
            /** @description Payments made in one checkout share this (one per deposit account) */
            checkoutId: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the status last changed
             */
            updatedAt: string;
        };
        PaymentPage: {
            data: components["schemas"]["Payment"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        PaymentTotals: {
            data: {
                /** @description ISO 4217 currency code */
                currency: string;
                /** @description How many payments, whatever their status */
                count: number;
                /** @description Payments that went through (succeeded, refunded or disputed), before refunds */
                collected: number;
                /** @description Bank debits and other payments not settled yet */
                processing: number;
                /** @description What succeeded refunds of these payments gave back */
                refunded: number;
            }[];
        };
        FirmPaymentSummary: {
            id: string;
            status: components["schemas"]["PaymentStatus"];
            /** @description What was charged: the allocations plus `surcharge` */
            amount: number;
            /** @description The card surcharge included in `amount`, booked to operating; 0 when none */
            surcharge?: number;
            /** @description The surcharge rate in percent; null when none */
            surchargePercent?: number | null;
            /** @description ISO 4217 currency code */
            currency: string;
            method: components["schemas"]["PaymentMethodSummary"];
            /**
             * @description Paid through the portal, or recorded by the firm (a check, a wire)
             * @enum {string}
             */
            source: "portal" | "firm";
            /** @description The firm's reference for a payment it recorded, e.g. a check number */
            reference: string | null;
            /** @description The firm's reference of every attempt, failed ones included; the client sees it only on money received */
            receiptNumber: string;
            allocations: components["schemas"]["PaymentAllocation"][];
            /** @description Why a payment failed, in the processor's terms */
            failure: {
                code: string;
                declineCode?: string;
                message: string;
            } | null;
            /** @description What refunds have given back; the whole amount when the status is `refunded` */
            amountRefunded: number;
            /** @description Refunds made or on their way, oldest first */
            refunds: components["schemas"]["PaymentRefund"][];
            /** @description Payments made in one checkout share this (one per deposit account) */
            checkoutId: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the status last changed
             */
            updatedAt: string;
            contactId: string;
        };
        FirmPaymentPage: {
            data: components["schemas"]["FirmPaymentSummary"][];
            /** @description Pass back as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        FirmPayment: {
            id: string;
            status: components["schemas"]["PaymentStatus"];
            /** @description What was charged: the allocations plus `surcharge` */
            amount: number;
            /** @description The card surcharge included in `amount`, booked to operating; 0 when none */
            surcharge?: number;
            /** @description The surcharge rate in percent; null when none */
            surchargePercent?: number | null;
            /** @description ISO 4217 currency code */
            currency: string;
            method: components["schemas"]["PaymentMethodSummary"];
            /**
             * @description Paid through the portal, or recorded by the firm (a check, a wire)
             * @enum {string}
             */
            source: "portal" | "firm";
            /** @description The firm's reference for a payment it recorded, e.g. a check number */
            reference: string | null;
            /** @description The firm's reference of every attempt, failed ones included; the client sees it only on money received */
            receiptNumber: string;
            allocations: components["schemas"]["PaymentAllocation"][];
            /** @description Why a payment failed, in the processor's terms */
            failure: {
                code: string;
                declineCode?: string;
                message: string;
            } | null;
            /** @description What refunds have given back; the whole amount when the status is `refunded` */
            amountRefunded: number;
            /** @description Every refund of the payment, failed ones included, oldest first */
            refunds: components["schemas"]["Refund"][];
            /** @description Payments made in one checkout share this (one per deposit account) */
            checkoutId: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the status last changed
             */
            updatedAt: string;
            contactId: string;
            contact: {
                id: string;
                name: string;
                email: string;
            };
            processor: ("sandbox" | "stripe") | null;
            /** @description The processor's id of the charge (a PaymentIntent for Stripe) */
            processorRef: string | null;
            /** @description What the processor charged, where it reports it */
            fee: number | null;
            history: {
                status: string;
                /**
                 * Format: date-time
                 * @description An ISO 8601 instant (UTC)
                 */
                at: string;
            }[];
            /** @description The ACH debit authorization the client accepted */
            mandate: {
                text: string;
                /**
                 * Format: date-time
                 * @description An ISO 8601 instant (UTC)
                 */
                acceptedAt: string;
                ip: string | null;
                userAgent: string | null;
            } | null;
        };
        PaymentSetup: {
            /** @enum {string} */
            processor: "sandbox" | "stripe";
            /** @description Stripe's publishable key, with processor `stripe` */
            publishableKey: string | null;
            /** @enum {string} */
            bankLink: "sandbox" | "plaid";
            /** @description The sandbox processor's browser-facing API, with processor `sandbox` */
            sandboxUrl: string | null;
        };
        /** @description The ACH debit authorization text */
        Mandate: {
            text: string;
        };
        /**
         * @description `disabled`: the firm adds none; `not_credit_card`: debit, prepaid or bank; `trust_only`: only trust invoices; `state_prohibits`: the client’s state forbids it; `state_cap`: the state caps the rate
         * @enum {string}
         */
        SurchargeReason: "disabled" | "not_credit_card" | "trust_only" | "state_prohibits" | "state_cap";
        PaymentQuote: {
            /** @description ISO 4217 currency code */
            currency: string;
            /** @description The allocations */
            subtotal: number;
            surcharge: {
                /** @description Added to the operating part of the payment; 0 when none */
                amount: number;
                /** @description The rate applied; 0 when none */
                percent: number;
                reason: components["schemas"]["SurchargeReason"] | null;
            };
            /** @description What will be charged: send it as `amount` with `POST /payments` */
            total: number;
        };
        PaymentNextAction: {
            paymentId: string;
            clientSecret: string;
        };
        CheckoutResult: {
            payment: components["schemas"]["Payment"];
            payments: components["schemas"]["Payment"][];
            clientSecret?: string;
            nextActions?: components["schemas"]["PaymentNextAction"][];
        };
        SavedPaymentMethod: {
            id: string;
            /** @enum {string} */
            type: "card" | "us_bank_account";
            /** @description Card brand, or the bank name */
            brand: string | null;
            last4: string;
            expMonth: number | null;
            expYear: number | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            /** @description The method the client chose to pay with first (at most one) */
            isDefault: boolean;
        };
        SavedPaymentMethods: {
            data: components["schemas"]["SavedPaymentMethod"][];
        };
        BankLinkExchange: {
            publicToken: string;
            accountId?: string;
        };
        BankLink: {
            /** @enum {string} */
            provider: "sandbox" | "plaid";
            linkToken: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            expiresAt: string;
        };
        LinkedAccount: {
            paymentMethod: {
                /** @constant */
                type: "us_bank_account";
                token: string;
                bankName: string;
                last4: string;
                accountType: string;
            };
        };
        StripeEvent: {
            id: string;
            /** @description e.g. payment_intent.succeeded, charge.refunded */
            type: string;
            data: {
                object: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        StripeEventReceipt: {
            /** @constant */
            received: true;
            /** @enum {string} */
            outcome: "applied" | "unchanged" | "duplicate" | "ignored";
            /** @description Why an event was ignored */
            reason?: string;
        };
        NewRefund: {
            /** @description Integer minor units to give back: at most what is left unrefunded of the payment */
            amount: number;
            /** @description The firm's own note of why; not shown to the client */
            reason?: string | null;
        };
        RefundResult: {
            refund: components["schemas"]["Refund"];
            payment: components["schemas"]["FirmPaymentSummary"];
        };
        PlanProposal: {
            invoiceId: string;
            /** @description One date per instalment, earliest first: the client chooses them within the firm’s limits */
            dates: string[];
            paymentMethod: {
                savedId: string;
            } | {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            };
        };
        NewPlan: {
            invoiceId: string;
            /** @description One date per instalment, earliest first: the client chooses them within the firm’s limits */
            dates: string[];
            paymentMethod: {
                savedId: string;
            } | {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            };
            authorization: {
                /** @constant */
                accepted: true;
                /** @description The `authorization.version` of the preview the client accepted */
                version: string;
            };
        };
        PlanMethod: {
            /** @enum {string} */
            type: "card" | "us_bank_account";
            brand: string | null;
            last4: string;
        };
        PlanInstalment: {
            id: string;
            seq: number;
            /** Format: date */
            dueOn: string;
            /**
             * Format: date
             * @description When it is charged next: its date, or 3 days after a failed attempt
             */
            attemptOn: string;
            /** @description What it will charge (a payment outside the plan comes off the last instalments first) */
            amount: number;
            /** @enum {string} */
            status: "scheduled" | "charging" | "processing" | "paid" | "failed" | "skipped" | "cancelled";
            attempts: number;
            paymentId: string | null;
            lastError: string | null;
        };
        PlanAuthorization: {
            id: string;
            version: string;
            text: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            acceptedAt: string;
            revokedAt: string | null;
        };
        Plan: {
            id: string;
            invoiceId: string;
            invoiceNumber: string;
            contactId: string;
            /** @enum {string} */
            status: "active" | "completed" | "cancelled" | "stopped";
            /** @description The balance the plan was made for */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
            method: components["schemas"]["PlanMethod"];
            authorization: components["schemas"]["PlanAuthorization"];
            nextCharge: {
                /** Format: date */
                on: string;
                /** @description Integer minor units of the currency */
                amount: number;
            } | null;
            instalments: components["schemas"]["PlanInstalment"][];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            endedAt: string | null;
            /** @description cancelled_by_client, cancelled_by_firm, paid, charge_failed */
            endedReason: string | null;
        };
        PlanList: {
            data: components["schemas"]["Plan"][];
        };
        PlanPreview: {
            /** @description Integer minor units of the currency */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
            method: components["schemas"]["PlanMethod"];
            instalments: {
                /** Format: date */
                dueOn: string;
                /** @description Integer minor units of the currency */
                amount: number;
            }[];
            authorization: {
                version: string;
                text: string;
            };
        };
        PlanOptions: {
            enabled: boolean;
            maxInstalments: number;
            /** @description Integer minor units of the currency */
            minInstalment: number;
            /**
             * Format: date
             * @description The first date an instalment may have (the firm’s today)
             */
            earliest: string;
            /**
             * Format: date
             * @description The last date an instalment may have
             */
            latest: string;
        };
        AutopayProposal: {
            /** @description The matter, as the firm names it on its invoices */
            matter: string;
            paymentMethod: {
                savedId: string;
            } | {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            };
        };
        NewAutopay: {
            /** @description The matter, as the firm names it on its invoices */
            matter: string;
            paymentMethod: {
                savedId: string;
            } | {
                /** @enum {string} */
                type: "card" | "us_bank_account";
                token: string;
            };
            authorization: {
                /** @constant */
                accepted: true;
                /** @description The `authorization.version` of the preview the client accepted */
                version: string;
            };
        };
        AutopayCharge: {
            id: string;
            invoiceId: string;
            invoiceNumber: string;
            /**
             * Format: date
             * @description The invoice’s due date (or the day it was published, when that came later)
             */
            chargeOn: string;
            /**
             * Format: date
             * @description When it is charged next: its date, or 3 days after a failed attempt
             */
            attemptOn: string;
            /** @description What it will charge (the invoice’s open balance now) or, once tried, what it charged */
            amount: number;
            /** @enum {string} */
            status: "scheduled" | "charging" | "processing" | "paid" | "failed" | "skipped" | "cancelled";
            attempts: number;
            paymentId: string | null;
            lastError: string | null;
        };
        AutopayChargeUnderWay: {
            invoiceId: string;
            invoiceNumber: string;
            /** @description What the charge takes (the invoice’s open balance when it started) */
            amount: number;
            /** @description ISO 4217 currency code */
            currency: string;
            /**
             * @description `charging`: the processor is being asked; `processing`: a bank debit waiting to settle
             * @enum {string}
             */
            status: "charging" | "processing";
        };
        AutopayEnrolment: {
            id: string;
            contactId: string;
            matter: string;
            /** @enum {string} */
            status: "active" | "cancelled" | "stopped";
            /** @description The currency of its charges (the firm’s) */
            currency: string;
            method: components["schemas"]["PlanMethod"];
            authorization: components["schemas"]["PlanAuthorization"];
            nextCharge: {
                invoiceId: string;
                invoiceNumber: string;
                /** Format: date */
                on: string;
                /** @description Integer minor units of the currency */
                amount: number;
            } | null;
            /** @description The invoices published since autopay was turned on, newest first */
            charges: components["schemas"]["AutopayCharge"][];
            /** @description Charges already started and not yet settled, which go through even with autopay off (a receipt follows each); in the reply to a cancel, those under way at the moment it was turned off. Empty when none */
            chargesUnderWay: components["schemas"]["AutopayChargeUnderWay"][];
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
            endedAt: string | null;
            /** @description cancelled_by_client, cancelled_by_firm */
            endedReason: string | null;
        };
        AutopayEnrolmentList: {
            data: components["schemas"]["AutopayEnrolment"][];
        };
        AutopayMatters: {
            enabled: boolean;
            data: {
                matter: string;
                /** @description The active enrolment, when autopay is on for the matter */
                enrolmentId: string | null;
            }[];
        };
        AutopayPreview: {
            matter: string;
            method: components["schemas"]["PlanMethod"];
            authorization: {
                version: string;
                text: string;
            };
        };
        StaffLogin: {
            /** @description The firm's slug */
            firm: string;
            /** Format: email */
            email: string;
            password: string;
        };
        StaffInvitationAcceptance: {
            token: string;
            /** @description At least 10 characters */
            password: string;
        };
        StaffMfaCode: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
            /** @description A 6-digit authenticator code, or a recovery code */
            code: string;
        };
        StaffMfaToken: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
        };
        StaffPasskeyAssertion: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken: string;
            /** @description AuthenticationResponseJSON */
            credential: {
                id: string;
                rawId: string;
                /** @constant */
                type: "public-key";
                response: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        };
        StaffEnrollment: {
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        StaffTotpConfirmation: {
            code: string;
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        StaffPasskeyRegistration: {
            /** @description RegistrationResponseJSON */
            credential: {
                id: string;
                rawId: string;
                /** @constant */
                type: "public-key";
                response: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
            /** @description What the staff member calls this passkey */
            name?: string;
            /** @description From a SecondFactorChallenge or an EnrollmentChallenge */
            mfaToken?: string;
        };
        NewStaffMember: {
            /** Format: email */
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "staff";
        };
        StaffMemberChanges: {
            /** @enum {string} */
            role?: "owner" | "admin" | "staff";
            /** @enum {string} */
            status?: "active" | "disabled";
        };
        StaffMember: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "staff";
            /** @enum {string} */
            status: "invited" | "active" | "disabled";
            lastSignInAt: string | null;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        StaffGroupAccess: {
            read: boolean;
            write: boolean;
        };
        /** @description What the member may do in each group of `/api/v1/admin/<group>`: read (GET) and write (every other method) */
        StaffAccess: {
            contacts: components["schemas"]["StaffGroupAccess"];
            threads: components["schemas"]["StaffGroupAccess"];
            files: components["schemas"]["StaffGroupAccess"];
            activities: components["schemas"]["StaffGroupAccess"];
            invoices: components["schemas"]["StaffGroupAccess"];
            payments: components["schemas"]["StaffGroupAccess"];
            plans: components["schemas"]["StaffGroupAccess"];
            autopay: components["schemas"]["StaffGroupAccess"];
            settings: components["schemas"]["StaffGroupAccess"];
            "webhook-endpoints": components["schemas"]["StaffGroupAccess"];
            "api-keys": components["schemas"]["StaffGroupAccess"];
            staff: components["schemas"]["StaffGroupAccess"];
            "staff/me": components["schemas"]["StaffGroupAccess"];
        };
        StaffSignIn: {
            /** @description An ES256 JWT for the firm-side API; send it as `Authorization: Bearer …` */
            accessToken: string;
            /** @description Lifetime of the access token, in seconds */
            expiresIn: number;
            staff: components["schemas"]["StaffMember"];
            access: components["schemas"]["StaffAccess"];
        };
        StaffPasswordResult: components["schemas"]["StaffSignIn"] | components["schemas"]["SecondFactorChallenge"] | components["schemas"]["EnrollmentChallenge"];
        TotpConfirmed: {
            /** @description Shown once: each signs in once instead of a code */
            recoveryCodes: string[];
            signIn?: components["schemas"]["StaffSignIn"];
        };
        Passkey: {
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description An ISO 8601 instant (UTC)
             */
            createdAt: string;
        };
        PasskeyRegistered: {
            passkey: components["schemas"]["Passkey"];
            recoveryCodes?: string[];
            signIn?: components["schemas"]["StaffSignIn"];
        };
        StaffMe: {
            staff: components["schemas"]["StaffMember"];
            firm: {
                slug: string;
                name: string;
                /** @enum {string} */
                staffTwoFactor: "required" | "optional";
            };
            twoFactor: {
                totp: boolean;
                passkeys: components["schemas"]["Passkey"][];
                recoveryCodesLeft: number;
            };
            access: components["schemas"]["StaffAccess"];
        };
        StaffList: {
            data: components["schemas"]["StaffMember"][];
        };
        /** @description An OpenAPI 3.1 document */
        OpenApiDocument: {
            /** @constant */
            openapi: "3.1.0";
            info: {
                title: string;
                version: string;
            } & {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            components: {
                schemas: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type Problem = components['schemas']['Problem'];
export type NewActivity = components['schemas']['NewActivity'];
export type TaskCompletion = components['schemas']['TaskCompletion'];
export type ActivityChanges = components['schemas']['ActivityChanges'];
export type Task = components['schemas']['Task'];
export type CalendarEvent = components['schemas']['CalendarEvent'];
export type Activity = components['schemas']['Activity'];
export type ActivityGroups = components['schemas']['ActivityGroups'];
export type FirmActivity = components['schemas']['FirmActivity'];
export type FirmActivityPage = components['schemas']['FirmActivityPage'];
export type NewApiKey = components['schemas']['NewApiKey'];
export type ApiKey = components['schemas']['ApiKey'];
export type ApiKeyList = components['schemas']['ApiKeyList'];
export type NewApiKeyResult = components['schemas']['NewApiKeyResult'];
export type ContactLocale = components['schemas']['ContactLocale'];
export type ContactAddressInput = components['schemas']['ContactAddressInput'];
export type NewContact = components['schemas']['NewContact'];
export type ContactChanges = components['schemas']['ContactChanges'];
export type ContactAddress = components['schemas']['ContactAddress'];
export type FirmContact = components['schemas']['FirmContact'];
export type ContactPage = components['schemas']['ContactPage'];
export type Invitation = components['schemas']['Invitation'];
export type Notifications = components['schemas']['Notifications'];
export type ProfileChanges = components['schemas']['ProfileChanges'];
export type EmailChangeRequest = components['schemas']['EmailChangeRequest'];
export type EmailChangeConfirm = components['schemas']['EmailChangeConfirm'];
export type Profile = components['schemas']['Profile'];
export type EmailChangeStarted = components['schemas']['EmailChangeStarted'];
export type Login = components['schemas']['Login'];
export type NewPassword = components['schemas']['NewPassword'];
export type ResetRequest = components['schemas']['ResetRequest'];
export type TokenExchange = components['schemas']['TokenExchange'];
export type EmailCodeRequest = components['schemas']['EmailCodeRequest'];
export type EmailCodeVerify = components['schemas']['EmailCodeVerify'];
export type LinkStatusRequest = components['schemas']['LinkStatusRequest'];
export type LinkRenewRequest = components['schemas']['LinkRenewRequest'];
export type Contact = components['schemas']['Contact'];
export type Session = components['schemas']['Session'];
export type Accepted = components['schemas']['Accepted'];
export type LinkStatus = components['schemas']['LinkStatus'];
export type SecondFactorChallenge = components['schemas']['SecondFactorChallenge'];
export type EnrollmentChallenge = components['schemas']['EnrollmentChallenge'];
export type PasskeyRequestOptions = components['schemas']['PasskeyRequestOptions'];
export type PasskeyCreationOptions = components['schemas']['PasskeyCreationOptions'];
export type TotpSetup = components['schemas']['TotpSetup'];
export type SecondFactor = components['schemas']['SecondFactor'];
export type MfaToken = components['schemas']['MfaToken'];
export type PasskeySignInOptionsRequest = components['schemas']['PasskeySignInOptionsRequest'];
export type PasskeySignIn = components['schemas']['PasskeySignIn'];
export type ClientEnrollment = components['schemas']['ClientEnrollment'];
export type ClientTotpConfirmation = components['schemas']['ClientTotpConfirmation'];
export type ClientPasskeyRegistration = components['schemas']['ClientPasskeyRegistration'];
export type RecoveryCodesRequest = components['schemas']['RecoveryCodesRequest'];
export type SignInResult = components['schemas']['SignInResult'];
export type ClientPasskey = components['schemas']['ClientPasskey'];
export type ClientTwoFactor = components['schemas']['ClientTwoFactor'];
export type ClientTotpConfirmed = components['schemas']['ClientTotpConfirmed'];
export type ClientPasskeyRegistered = components['schemas']['ClientPasskeyRegistered'];
export type RecoveryCodes = components['schemas']['RecoveryCodes'];
export type WebhookEventType = components['schemas']['WebhookEventType'];
export type NewWebhookEndpoint = components['schemas']['NewWebhookEndpoint'];
export type WebhookEndpointChanges = components['schemas']['WebhookEndpointChanges'];
export type WebhookEndpoint = components['schemas']['WebhookEndpoint'];
export type WebhookEndpointList = components['schemas']['WebhookEndpointList'];
export type NewWebhookEndpointResult = components['schemas']['NewWebhookEndpointResult'];
export type RotatedWebhookSecret = components['schemas']['RotatedWebhookSecret'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type WebhookDeliveryPage = components['schemas']['WebhookDeliveryPage'];
export type PasswordChange = components['schemas']['PasswordChange'];
export type Uploader = components['schemas']['Uploader'];
export type File = components['schemas']['File'];
export type FirmFile = components['schemas']['FirmFile'];
export type FileFolder = components['schemas']['FileFolder'];
export type FilePage = components['schemas']['FilePage'];
export type FirmFilePage = components['schemas']['FirmFilePage'];
export type Attachment = components['schemas']['Attachment'];
export type PlanSettings = components['schemas']['PlanSettings'];
export type AutopaySettings = components['schemas']['AutopaySettings'];
export type FirmSettings = components['schemas']['FirmSettings'];
export type FirmChanges = components['schemas']['FirmChanges'];
export type PaymentMethodsAccepted = components['schemas']['PaymentMethodsAccepted'];
export type Branding = components['schemas']['Branding'];
export type Me = components['schemas']['Me'];
export type FirmProfile = components['schemas']['FirmProfile'];
export type NewInvoice = components['schemas']['NewInvoice'];
export type InvoiceChanges = components['schemas']['InvoiceChanges'];
export type InvoiceVoid = components['schemas']['InvoiceVoid'];
export type InvoiceStatus = components['schemas']['InvoiceStatus'];
export type FirmInvoiceStatus = components['schemas']['FirmInvoiceStatus'];
export type DepositAccount = components['schemas']['DepositAccount'];
export type InvoiceLine = components['schemas']['InvoiceLine'];
export type Invoice = components['schemas']['Invoice'];
export type AppliedPayment = components['schemas']['AppliedPayment'];
export type InvoiceDetail = components['schemas']['InvoiceDetail'];
export type InvoicePage = components['schemas']['InvoicePage'];
export type OutstandingInvoices = components['schemas']['OutstandingInvoices'];
export type FirmInvoice = components['schemas']['FirmInvoice'];
export type FirmInvoicePage = components['schemas']['FirmInvoicePage'];
export type FirmInvoiceDetail = components['schemas']['FirmInvoiceDetail'];
export type NewThread = components['schemas']['NewThread'];
export type NewMessage = components['schemas']['NewMessage'];
export type NewStaffThread = components['schemas']['NewStaffThread'];
export type StaffMessage = components['schemas']['StaffMessage'];
export type Author = components['schemas']['Author'];
export type Message = components['schemas']['Message'];
export type LastMessage = components['schemas']['LastMessage'];
export type Thread = components['schemas']['Thread'];
export type FirmThread = components['schemas']['FirmThread'];
export type ThreadPage = components['schemas']['ThreadPage'];
export type FirmThreadPage = components['schemas']['FirmThreadPage'];
export type ThreadMessages = components['schemas']['ThreadMessages'];
export type FirmThreadMessages = components['schemas']['FirmThreadMessages'];
export type ThreadStarted = components['schemas']['ThreadStarted'];
export type FirmThreadStarted = components['schemas']['FirmThreadStarted'];
export type HomeInvoice = components['schemas']['HomeInvoice'];
export type HomeMessage = components['schemas']['HomeMessage'];
export type HomePayment = components['schemas']['HomePayment'];
export type HomeTasks = components['schemas']['HomeTasks'];
export type HomeInvoiceChanges = components['schemas']['HomeInvoiceChanges'];
export type HomeDocumentChanges = components['schemas']['HomeDocumentChanges'];
export type HomeMessageChanges = components['schemas']['HomeMessageChanges'];
export type HomePaymentChanges = components['schemas']['HomePaymentChanges'];
export type HomeChanges = components['schemas']['HomeChanges'];
export type Home = components['schemas']['Home'];
export type HomeCounts = components['schemas']['HomeCounts'];
export type OfflinePayment = components['schemas']['OfflinePayment'];
export type InvoicePayment = components['schemas']['InvoicePayment'];
export type PaymentQuoteRequest = components['schemas']['PaymentQuoteRequest'];
export type Checkout = components['schemas']['Checkout'];
export type PaymentStatus = components['schemas']['PaymentStatus'];
export type PaymentMethodType = components['schemas']['PaymentMethodType'];
export type PaymentMethodSummary = components['schemas']['PaymentMethodSummary'];
export type PaymentAllocation = components['schemas']['PaymentAllocation'];
export type PaymentRefund = components['schemas']['PaymentRefund'];
export type Refund = components['schemas']['Refund'];
export type Payment = components['schemas']['Payment'];
export type PaymentPage = components['schemas']['PaymentPage'];
export type PaymentTotals = components['schemas']['PaymentTotals'];
export type FirmPaymentSummary = components['schemas']['FirmPaymentSummary'];
export type FirmPaymentPage = components['schemas']['FirmPaymentPage'];
export type FirmPayment = components['schemas']['FirmPayment'];
export type PaymentSetup = components['schemas']['PaymentSetup'];
export type Mandate = components['schemas']['Mandate'];
export type SurchargeReason = components['schemas']['SurchargeReason'];
export type PaymentQuote = components['schemas']['PaymentQuote'];
export type PaymentNextAction = components['schemas']['PaymentNextAction'];
export type CheckoutResult = components['schemas']['CheckoutResult'];
export type SavedPaymentMethod = components['schemas']['SavedPaymentMethod'];
export type SavedPaymentMethods = components['schemas']['SavedPaymentMethods'];
export type BankLinkExchange = components['schemas']['BankLinkExchange'];
export type BankLink = components['schemas']['BankLink'];
export type LinkedAccount = components['schemas']['LinkedAccount'];
export type StripeEvent = components['schemas']['StripeEvent'];
export type StripeEventReceipt = components['schemas']['StripeEventReceipt'];
export type NewRefund = components['schemas']['NewRefund'];
export type RefundResult = components['schemas']['RefundResult'];
export type PlanProposal = components['schemas']['PlanProposal'];
export type NewPlan = components['schemas']['NewPlan'];
export type PlanMethod = components['schemas']['PlanMethod'];
export type PlanInstalment = components['schemas']['PlanInstalment'];
export type PlanAuthorization = components['schemas']['PlanAuthorization'];
export type Plan = components['schemas']['Plan'];
export type PlanList = components['schemas']['PlanList'];
export type PlanPreview = components['schemas']['PlanPreview'];
export type PlanOptions = components['schemas']['PlanOptions'];
export type AutopayProposal = components['schemas']['AutopayProposal'];
export type NewAutopay = components['schemas']['NewAutopay'];
export type AutopayCharge = components['schemas']['AutopayCharge'];
export type AutopayChargeUnderWay = components['schemas']['AutopayChargeUnderWay'];
export type AutopayEnrolment = components['schemas']['AutopayEnrolment'];
export type AutopayEnrolmentList = components['schemas']['AutopayEnrolmentList'];
export type AutopayMatters = components['schemas']['AutopayMatters'];
export type AutopayPreview = components['schemas']['AutopayPreview'];
export type StaffLogin = components['schemas']['StaffLogin'];
export type StaffInvitationAcceptance = components['schemas']['StaffInvitationAcceptance'];
export type StaffMfaCode = components['schemas']['StaffMfaCode'];
export type StaffMfaToken = components['schemas']['StaffMfaToken'];
export type StaffPasskeyAssertion = components['schemas']['StaffPasskeyAssertion'];
export type StaffEnrollment = components['schemas']['StaffEnrollment'];
export type StaffTotpConfirmation = components['schemas']['StaffTotpConfirmation'];
export type StaffPasskeyRegistration = components['schemas']['StaffPasskeyRegistration'];
export type NewStaffMember = components['schemas']['NewStaffMember'];
export type StaffMemberChanges = components['schemas']['StaffMemberChanges'];
export type StaffMember = components['schemas']['StaffMember'];
export type StaffGroupAccess = components['schemas']['StaffGroupAccess'];
export type StaffAccess = components['schemas']['StaffAccess'];
export type StaffSignIn = components['schemas']['StaffSignIn'];
export type StaffPasswordResult = components['schemas']['StaffPasswordResult'];
export type TotpConfirmed = components['schemas']['TotpConfirmed'];
export type Passkey = components['schemas']['Passkey'];
export type PasskeyRegistered = components['schemas']['PasskeyRegistered'];
export type StaffMe = components['schemas']['StaffMe'];
export type StaffList = components['schemas']['StaffList'];
export type OpenApiDocument = components['schemas']['OpenApiDocument'];
export type $defs = Record<string, never>;
export interface operations {
    postApiV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Login"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTokenExchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenExchange"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPassword"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthPasswordResetRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetRequest"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPassword"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthEmailCodeRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailCodeRequest"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthEmailCodeVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailCodeVerify"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecondFactor"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthMfaPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaToken"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyRequestOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasskeySignInOptionsRequest"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyRequestOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthPasskeyVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasskeySignIn"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AuthTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientTwoFactor"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTwoFactorTotpSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientEnrollment"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetup"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTwoFactorTotpConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientTotpConfirmation"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientTotpConfirmed"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AuthTwoFactorTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTwoFactorPasskeysOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientEnrollment"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyCreationOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTwoFactorPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientPasskeyRegistration"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientPasskeyRegistered"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AuthTwoFactorPasskeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthTwoFactorRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoveryCodesRequest"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthLinkStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkStatusRequest"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkStatus"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AuthLinkRenew: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkRenewRequest"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffLogin"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffPasswordResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffInvitationAcceptance"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffPasswordResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffMfaCode"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffSignIn"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthMfaPasskeyOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffMfaToken"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyRequestOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthMfaPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffPasskeyAssertion"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffSignIn"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthTotpSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffEnrollment"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetup"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthTotpConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffTotpConfirmation"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpConfirmed"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1StaffAuthTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthPasskeysOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffEnrollment"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyCreationOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffPasskeyRegistration"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasskeyRegistered"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1StaffAuthPasskeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffSignIn"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1StaffAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminStaffMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMe"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminStaff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminStaff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewStaffMember"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMember"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminStaffId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffMemberChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMember"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminStaffIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1FirmsSlugBranding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branding"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1OpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWebhooksStripe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StripeEvent"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeEventReceipt"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1Me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailChangeRequest"];
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailChangeStarted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeEmailChangeConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailChangeConfirm"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeSignOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Home: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Home"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1HomeCounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HomeCounts"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1HomeSeen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Activities: {
        parameters: {
            query?: {
                done?: "recent" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityGroups"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1ActivitiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskCompletion"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ActivitiesIdCalendarIcs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Invoices: {
        parameters: {
            query?: {
                /** @description One status or several, comma-separated: open, partially_paid, overdue, paid, void, draft (firm only), unpaid, all */
                status?: string;
                sort?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoicePage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1InvoicesOutstanding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutstandingInvoices"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1InvoicesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1InvoicesIdPdf: {
        parameters: {
            query?: {
                /** @description The language to write the document in (the portal's language): `en` or `es`, with a region for money and dates (`es-US`). Without it, the request's Accept-Language; else English */
                lang?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Payments: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Payments: {
        parameters: {
            query?: never;
            header: {
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Checkout"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PaymentsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PaymentsIdReceiptPdf: {
        parameters: {
            query?: {
                /** @description The language to write the document in (the portal's language): `en` or `es`, with a region for money and dates (`es-US`). Without it, the request's Accept-Language; else English */
                lang?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PaymentsSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentSetup"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PaymentsMandate: {
        parameters: {
            query: {
                amount: number;
                bankName: string;
                accountType: "checking" | "savings";
                last4: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Mandate"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1PaymentsQuote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentQuoteRequest"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentQuote"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PlansOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanOptions"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1PlansPreview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanProposal"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanPreview"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Plans: {
        parameters: {
            query?: {
                invoiceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Plans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPlan"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1PlansIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AutopayMatters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayMatters"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AutopayPreview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutopayProposal"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayPreview"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Autopay: {
        parameters: {
            query?: {
                status?: "active" | "cancelled" | "stopped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayEnrolmentList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Autopay: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAutopay"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayEnrolment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AutopayIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayEnrolment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1PaymentsIdConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1PaymentMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedPaymentMethods"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1PaymentMethodsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1PaymentMethodsIdDefault: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedPaymentMethods"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1BankLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankLink"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1BankLinksExchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BankLinkExchange"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedAccount"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Threads: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Threads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewThread"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadStarted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ThreadsIdMessages: {
        parameters: {
            query?: {
                limit?: number;
                before?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadMessages"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1ThreadsIdMessages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMessage"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1ThreadsIdRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Thread"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Files: {
        parameters: {
            query?: {
                folder?: string;
                groupBy?: "folder";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilePage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Files: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["File"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1FilesIdContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmProfile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FirmChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmProfile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminContacts: {
        parameters: {
            query?: {
                status?: "active" | "archived" | "all";
                q?: string;
                externalId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminContacts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewContact"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiV1AdminContactsByExternalIdExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewContact"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminContactsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminContactsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminContactsIdArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminContactsIdRestore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmContact"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminContactsIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewApiKey"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKeyResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AdminApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminInvoices: {
        parameters: {
            query?: {
                /** @description One status or several, comma-separated: open, partially_paid, overdue, paid, void, draft (firm only), unpaid, all */
                status?: string;
                sort?: string;
                limit?: number;
                cursor?: string;
                contactId?: string;
                externalId?: string;
                depositAccount?: "operating" | "trust";
                /** @description Due on or after this date */
                dueFrom?: string;
                /** @description Due on or before this date */
                dueTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoicePage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminInvoices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvoice"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiV1AdminInvoicesByExternalIdExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvoice"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminInvoicesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AdminInvoicesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminInvoicesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminInvoicesIdSend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminInvoicesIdVoid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceVoid"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmInvoiceDetail"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminInvoicesIdPayments: {
        parameters: {
            query?: never;
            header: {
                "Idempotency-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoicePayment"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPayments: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "requires_action" | "processing" | "succeeded" | "failed" | "refunded" | "disputed";
                contactId?: string;
                invoiceId?: string;
                methodType?: "card" | "us_bank_account" | "check" | "wire" | "cash" | "other";
                depositAccount?: "operating" | "trust";
                createdFrom?: string;
                createdTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmPaymentPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminPayments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfflinePayment"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPaymentsExport: {
        parameters: {
            query: {
                from: string;
                to: string;
                status?: "requires_action" | "processing" | "succeeded" | "failed" | "refunded" | "disputed";
                contactId?: string;
                invoiceId?: string;
                methodType?: "card" | "us_bank_account" | "check" | "wire" | "cash" | "other";
                depositAccount?: "operating" | "trust";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPaymentsTotals: {
        parameters: {
            query?: {
                status?: "requires_action" | "processing" | "succeeded" | "failed" | "refunded" | "disputed";
                contactId?: string;
                invoiceId?: string;
                methodType?: "card" | "us_bank_account" | "check" | "wire" | "cash" | "other";
                depositAccount?: "operating" | "trust";
                createdFrom?: string;
                createdTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentTotals"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPaymentsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmPayment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminPaymentsIdRefunds: {
        parameters: {
            query?: never;
            header: {
                "Idempotency-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewRefund"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefundResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPlans: {
        parameters: {
            query?: {
                contactId?: string;
                invoiceId?: string;
                status?: "active" | "completed" | "cancelled" | "stopped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminPlansAuthorizationsExport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminPlansIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminAutopay: {
        parameters: {
            query?: {
                contactId?: string;
                status?: "active" | "cancelled" | "stopped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayEnrolmentList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminAutopayIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutopayEnrolment"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminActivities: {
        parameters: {
            query?: {
                contactId?: string;
                kind?: "task" | "event";
                externalId?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmActivityPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminActivities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewActivity"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmActivity"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminActivitiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmActivity"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AdminActivitiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminActivitiesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivityChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmActivity"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminThreads: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                contactId?: string;
                status?: "open" | "closed";
                unread?: "true" | "false";
                /** @description Only threads whose subject contains this text, ignoring case */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThreadPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminThreads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewStaffThread"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThreadStarted"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminThreadsId: {
        parameters: {
            query?: {
                limit?: number;
                before?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThreadMessages"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminThreadsIdMessages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffMessage"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminThreadsIdClose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThread"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminThreadsIdReopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThread"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminThreadsIdRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmThread"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhookEndpoint"];
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewWebhookEndpointResult"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminWebhookEndpointsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AdminWebhookEndpointsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1AdminWebhookEndpointsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointChanges"];
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminWebhookEndpointsIdSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedWebhookSecret"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminWebhookEndpointsIdDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminWebhookEndpointsIdDeliveriesDeliveryIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminFiles: {
        parameters: {
            query?: {
                folder?: string;
                groupBy?: "folder";
                limit?: number;
                cursor?: string;
                contactId?: string;
                uploadedBy?: "contact" | "staff";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmFilePage"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1AdminFiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmFile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminFilesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmFile"];
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1AdminFilesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1AdminFilesIdContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description A problem (RFC 9457) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
