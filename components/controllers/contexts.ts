import { createContext } from '@lit/context';
import type { ApiClient } from '../api/api-client.ts';
import type { Branding, Contact } from '../api/types.ts';

/** Where the client stands: not known yet (resuming), signed out, or signed in as `contact`. */
export interface SessionState {
  status: 'unknown' | 'signed-out' | 'signed-in';
  contact?: Contact;
}

// Keys are global symbols so that two copies of Portico on one page still find each other's providers.

/** The `ApiClient` every element inside a `<portal-session>` uses. */
export const apiContext = createContext<ApiClient | undefined>(Symbol.for('portico.api'));

/** The client's sign-in, provided by `<portal-session>`. */
export const sessionContext = createContext<SessionState>(Symbol.for('portico.session'));

/** The firm's branding (name, logo, colours, currency, sections), provided by `<portal-session>`. */
export const brandingContext = createContext<Branding | undefined>(Symbol.for('portico.branding'));
