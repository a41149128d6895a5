import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type * as schemas from '../../api/contract.ts';
import type { ConsoleClient } from '../api/console-client.ts';

/** A client of the firm as the console's pickers and lists name them. */
export type DirectoryClient = Pick<schemas.FirmContact, 'id' | 'name' | 'email' | 'status'>;

// The admin API's largest page: enough for a picker; a firm with more clients searches on the Clients screen.
const LARGEST_PAGE = 200;

/**
 * The firm's clients by name, for a screen's client filter and picker and for naming the client
 * of each row. Loads once per console client (archived clients too, so their old rows keep a
 * name), sorted by name.
 */
export class ClientDirectory {
  readonly #task: Task<readonly [ConsoleClient | undefined], DirectoryClient[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, client: () => ConsoleClient | undefined) {
    this.#task = new Task(host, {
      task: async ([console], { signal }) => {
        if (!console) return [];
        const page = await console.contacts.list({ status: 'all', limit: LARGEST_PAGE }, { signal });
        return page.data
          .map(({ id, name, email, status }) => ({ id, name, email, status }))
          .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
      },
      args: () => [client()] as const,
    });
  }

  /** Every client, by name; empty until loaded. */
  get clients(): readonly DirectoryClient[] {
    return this.#task.value ?? [];
  }

  /** The clients a new item can be for: those not archived. */
  get activeClients(): readonly DirectoryClient[] {
    return this.clients.filter((client) => client.status === 'active');
  }

  /** Why the list could not be loaded, if it could not. */
  get error(): unknown {
    return this.#task.error;
  }

  /** A client's name, or undefined while the list loads or for a client it does not hold. */
  nameOf(id: string): string | undefined {
    return this.clients.find((client) => client.id === id)?.name;
  }

  /** Loads the list again. */
  refresh(): Promise<unknown> {
    return this.#task.run();
  }
}
