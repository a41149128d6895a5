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
