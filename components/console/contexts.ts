import { createContext } from '@lit/context';
import type { ConsoleClient } from './api/console-client.ts';
import type { StaffMe } from './api/types.ts';

// Keys are global symbols so that two copies of Portico on one page still find each other's providers.

/** The `ConsoleClient` every console screen inside a `<portal-console>` uses. */
export const consoleClientContext = createContext<ConsoleClient | undefined>(Symbol.for('portico.console.client'));

/** The signed-in staff member (with role and firm), provided by `<portal-console>` once known. */
export const staffContext = createContext<StaffMe | undefined>(Symbol.for('portico.console.staff'));
