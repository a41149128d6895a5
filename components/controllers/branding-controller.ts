import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import type { Branding } from '../api/types.ts';
import { brandingContext } from './contexts.ts';

/**
 * The firm's branding for an element: the one an enclosing `<portal-session>` provides, else,
 * for an element used on its own, the service's answer to `client.branding()`. A failure to load
 * it leaves it undefined: an element then works with defaults.
 */
export class BrandingController implements ReactiveController {
  readonly #context: ContextConsumer<typeof brandingContext, ReactiveControllerHost & HTMLElement>;
  readonly #own: Task<readonly [ApiClient | undefined, boolean], Branding | undefined>;

  constructor(host: ReactiveControllerHost & HTMLElement, client: () => ApiClient | undefined) {
    this.#context = new ContextConsumer(host, { context: brandingContext, subscribe: true });
    this.#own = new Task(host, {
      task: ([own, provided], { signal }) => (provided || !own ? Promise.resolve(undefined) : own.branding({ signal }).catch(() => undefined)),
      args: () => [client(), this.#context.value !== undefined] as const,
    });
    host.addController(this);
  }

  get value(): Branding | undefined {
    return this.#context.value ?? this.#own.value;
  }

  hostConnected(): void {}
}
