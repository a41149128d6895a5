// Stand-ins for Stripe.js and Plaid Link in the stories, installed as window.Stripe and
// window.Plaid before <portal-pay> asks for them, so that Storybook loads nothing from Stripe or
// Plaid. The Payment Element stand-in draws a small form in the light-DOM mount point, in the
// colours, font and corners of the Appearance it was given; card numbers behave like the sandbox's
// test cards (…9995 is declined, …3155 asks for 3-D Secure).

import { answerAfter } from './answers-due.ts';

type Handler = (event: unknown) => void;
type Variables = Record<string, string | undefined>;

interface StoryElementsOptions {
  allowedPaymentMethodTypes?: string[];
  appearance?: { variables?: Variables };
}

let failingLoads = 0;

/** Installs the Stripe.js stand-in; `failFirstLoad` makes the first load fail, as a blocked script would. */
export function installStoryStripe({ failFirstLoad = false }: { failFirstLoad?: boolean } = {}): void {
  failingLoads = failFirstLoad ? 1 : 0;
  const global = window as unknown as { Stripe?: unknown };
  if (global.Stripe) return;
  const stripe = () => {
    if (failingLoads > 0) {
      failingLoads -= 1;
      throw new Error('The Stripe.js stand-in did not load, as the story asks.');
    }
    return new StoryStripe();
  };
  global.Stripe = Object.assign(stripe, { version: 'endive' });
}

class StoryStripe {
  elements(options: StoryElementsOptions): StoryElements {
    return new StoryElements(options);
  }

  async createPaymentMethod({ elements }: { elements: StoryElements }) {
    await pause(300);
    if (elements.type === 'us_bank_account') {
      return {
        paymentMethod: {
          id: 'pm_story_bank',
          type: 'us_bank_account',
          us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789', account_type: 'checking' },
        },
      };
    }
    const last4 = elements.element?.digits.slice(-4) ?? '4242';
    return { paymentMethod: { id: `pm_story_${last4}`, type: 'card', card: { brand: 'visa', last4 } } };
  }

  async handleNextAction() {
    // Stripe would show the card issuer's page here; the stand-in approves after a moment.
    await pause(800);
    return { paymentIntent: { status: 'succeeded' } };
  }
}

class StoryElements {
  readonly options: StoryElementsOptions;
  element: StoryPaymentElement | undefined;

  constructor(options: StoryElementsOptions) {
    this.options = options;
  }

  get type(): string {
    return this.options.allowedPaymentMethodTypes?.[0] ?? 'card';
  }

  create(): StoryPaymentElement {
    this.element = new StoryPaymentElement(this);
    return this.element;
  }

  async update(options: Partial<StoryElementsOptions>): Promise<void> {
    Object.assign(this.options, options);
  }

  async submit() {
    const element = this.element;
    if (this.type === 'card' && (element?.digits.length ?? 0) < 15) {
      return { error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } };
    }
    if (this.type === 'us_bank_account' && !element?.complete) {
      return { error: { type: 'validation_error', code: 'incomplete', message: 'Connect your bank account to continue.' } };
    }
    return { selectedPaymentMethod: this.type };
  }
}

class StoryPaymentElement {
  readonly #elements: StoryElements;
  readonly #handlers = new Map<string, Handler[]>();
  #form: HTMLElement | undefined;
  digits = '';
  complete = false;

  constructor(elements: StoryElements) {
    this.#elements = elements;
  }

  mount(target: HTMLElement): void {
    this.#form = this.#elements.type === 'us_bank_account' ? this.#bankForm() : this.#cardForm();
    styleForm(this.#form, this.#elements.options.appearance?.variables ?? {});
    target.append(this.#form);
  }

  unmount(): void {
    this.#form?.remove();
  }

  destroy(): void {
    this.unmount();
  }

  focus(): void {
    this.#form?.querySelector<HTMLElement>('input, button')?.focus();
  }

  on(event: string, handler: Handler): this {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  #changed(): void {
    for (const handler of this.#handlers.get('change') ?? [])
      handler({ elementType: 'payment', complete: this.complete, empty: false, value: { type: this.#elements.type } });
  }

  #cardForm(): HTMLElement {
    const form = document.createElement('div');
    form.append(
      note(
        'Stripe’s Payment Element (a stand-in in these stories). Try 4242 4242 4242 4242, 4000 0000 0000 9995 (declined) or 4000 0025 0000 3155 (3-D Secure).',
      ),
    );
    const number = field(form, 'Card number', 'cc-number');
    number.addEventListener('input', () => {
      this.digits = number.value.replace(/\D/g, '');
      this.complete = this.digits.length >= 15;
      this.#changed();
    });
    field(form, 'Expiration date (MM / YY)', 'cc-exp');
    field(form, 'Security code', 'cc-csc');
    return form;
  }

  #bankForm(): HTMLElement {
    const form = document.createElement('div');
    form.append(note('Stripe’s Payment Element for US bank accounts (a stand-in in these stories): sign in to a bank, or enter routing and account numbers.'));
    const connect = document.createElement('button');
    connect.type = 'button';
    connect.textContent = 'Connect STRIPE TEST BANK checking ••6789';
    connect.addEventListener('click', () => {
      this.complete = true;
      connect.textContent = 'Connected: STRIPE TEST BANK checking ••6789';
      this.#changed();
    });
    form.append(connect);
    return form;
  }
}

function note(text: string): HTMLElement {
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  paragraph.style.margin = '0 0 0.75em';
  paragraph.style.fontSize = '0.875em';
  return paragraph;
}

function field(form: HTMLElement, text: string, autocomplete: AutoFill): HTMLInputElement {
  const label = document.createElement('label');
  label.textContent = text;
  label.style.display = 'grid';
  label.style.gap = '0.25em';
  label.style.marginBlockEnd = '0.75em';
  const input = document.createElement('input');
  input.autocomplete = autocomplete;
  input.inputMode = 'numeric';
  input.style.font = 'inherit';
  input.style.padding = '0.5em';
  label.append(input);
  form.append(label);
  return input;
}

/** Draws the stand-in with the Appearance variables the portal gave Stripe. */
function styleForm(form: HTMLElement, variables: Variables): void {
  form.style.fontFamily = variables.fontFamily ?? 'system-ui, sans-serif';
  form.style.color = variables.colorText ?? '#30313d';
  form.style.background = variables.colorBackground ?? '#ffffff';
  form.style.border = `2px solid ${variables.colorPrimary ?? '#0570de'}`;
  form.style.borderRadius = variables.borderRadius ?? '4px';
  form.style.padding = `calc(${variables.spacingUnit ?? '2px'} * 6)`;
  for (const input of form.querySelectorAll<HTMLElement>('input, button')) {
    input.style.borderRadius = variables.borderRadius ?? '4px';
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => answerAfter(ms, resolve));
}

interface StoryLinkConfig {
  token?: string;
  onSuccess: (publicToken: string, metadata: unknown) => void;
  onExit?: (error: unknown, metadata: unknown) => void;
  onEvent?: (eventName: string, metadata: unknown) => void;
}

/** Installs the Plaid Link stand-in: a dialog to connect a test account, close, or end with an error. */
export function installStoryPlaid(): void {
  (window as unknown as { Plaid?: unknown }).Plaid = { version: 'story', create: (config: StoryLinkConfig) => new StoryLinkHandler(config) };
}

class StoryLinkHandler {
  readonly #config: StoryLinkConfig;
  #dialog: HTMLDialogElement | undefined;

  constructor(config: StoryLinkConfig) {
    this.#config = config;
  }

  open(): void {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-labelledby', 'story-plaid-heading');
    dialog.style.font = '16px system-ui, sans-serif';
    dialog.style.maxWidth = '22rem';
    const heading = document.createElement('h2');
    heading.id = 'story-plaid-heading';
    heading.textContent = 'Plaid Link (a stand-in in these stories)';
    heading.style.fontSize = '1.125rem';
    dialog.append(heading, note(`Link token ${this.#config.token ?? ''}. Choose what the client does in Link.`));
    const metadata = { institution: { institution_id: 'ins_109508', name: 'First Platypus Bank' }, link_session_id: 'story' };
    const choices: [string, () => void][] = [
      [
        'Connect Plaid Checking ••0000',
        () =>
          this.#config.onSuccess('public-sandbox-story', {
            ...metadata,
            accounts: [{ id: 'acct_checking', name: 'Plaid Checking', mask: '0000', subtype: 'checking', type: 'depository' }],
          }),
      ],
      ['Close without connecting', () => this.#config.onExit?.(null, { ...metadata, status: 'requires_credentials' })],
      [
        'End with an error (bank unavailable)',
        () =>
          this.#config.onExit?.(
            { error_code: 'INSTITUTION_DOWN', error_type: 'INSTITUTION_ERROR', error_message: 'institution down', display_message: null },
            { ...metadata, status: 'institution_not_found' },
          ),
      ],
    ];
    for (const [text, action] of choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text;
      button.style.display = 'block';
      button.style.margin = '0.5rem 0';
      button.addEventListener('click', () => {
        this.destroy();
        action();
      });
      dialog.append(button);
    }
    dialog.addEventListener('cancel', () => {
      this.destroy();
      this.#config.onExit?.(null, { ...metadata, status: 'requires_credentials' });
    });
    document.body.append(dialog);
    this.#dialog = dialog;
    dialog.showModal();
    this.#config.onEvent?.('OPEN', metadata);
  }

  exit(): void {
    this.destroy();
  }

  destroy(): void {
    this.#dialog?.remove();
    this.#dialog = undefined;
  }
}
