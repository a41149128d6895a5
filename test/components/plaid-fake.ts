// A stand-in for Plaid Link's script, installed as window.Plaid before <portal-pay> asks for it,
// so that no script is added. Plaid.create records its configuration and returns a handler whose
// open() a test observes; the test then plays the client's part with succeed() or close().
import type { Plaid } from 'plaid-link';

export class FakeLinkHandler {
  readonly config: Plaid.CreateConfig;
  opened = 0;
  destroyed = false;
  exited = false;

  constructor(config: Plaid.CreateConfig) {
    this.config = config;
  }

  open(): void {
    this.opened += 1;
    this.config.onEvent?.('OPEN', eventMetadata('OPEN'));
  }

  exit(): void {
    this.exited = true;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** The client chose `accounts` at their bank. */
  succeed(
    publicToken = 'public-sandbox-fake',
    accounts: Partial<Plaid.Account>[] = [{ id: 'acc_checking', name: 'Plaid Checking', mask: '0000', subtype: 'checking' }],
  ): void {
    this.config.onSuccess(publicToken, {
      accounts: accounts.map((account) => ({
        class_type: null,
        id: 'acc_checking',
        mask: '0000',
        name: 'Plaid Checking',
        subtype: 'checking',
        type: 'depository',
        verification_status: null,
        ...account,
      })),
      institution: { institution_id: 'ins_109508', name: 'First Platypus Bank' },
      link_session_id: 'link-session-fake',
      transfer_status: null,
      wallet: null,
    });
  }

  /** The client closed Link; `error` when Link ended on an error. */
  close(error: Partial<Plaid.Error> | null = null): void {
    this.config.onExit?.(
      error ? { display_message: null, error_code: 'INTERNAL_SERVER_ERROR', error_message: 'internal error', error_type: 'API_ERROR', ...error } : null,
      { institution: null, link_session_id: 'link-session-fake', request_id: 'req-fake', status: 'requires_credentials' },
    );
  }
}

function eventMetadata(view: string): Plaid.OnEventMetaData {
  return {
    account_number_mask: null,
    error_code: null,
    error_message: null,
    error_type: null,
    exit_status: null,
    institution_id: null,
    institution_name: null,
    institution_search_query: null,
    link_session_id: 'link-session-fake',
    match_reason: null,
    mfa_type: null,
    request_id: 'req-fake',
    routing_number: null,
    selection: null,
    timestamp: new Date().toISOString(),
    view_name: view as Plaid.ViewName,
  };
}

export class FakePlaid {
  readonly handlers: FakeLinkHandler[] = [];

  create(config: Plaid.CreateConfig): FakeLinkHandler {
    const handler = new FakeLinkHandler(config);
    this.handlers.push(handler);
    return handler;
  }

  /** The handler Link was last created with. */
  get last(): FakeLinkHandler | undefined {
    return this.handlers.at(-1);
  }
}

/** Installs a new fake as window.Plaid. */
export function installFakePlaid(): FakePlaid {
  const plaid = new FakePlaid();
  (window as unknown as { Plaid?: unknown }).Plaid = Object.assign(plaid, { version: 'fake' });
  return plaid;
}

export function removeFakePlaid(): void {
  delete (window as unknown as { Plaid?: unknown }).Plaid;
}
