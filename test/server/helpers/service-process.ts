import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cliEnv, freePort, porticoProcessArgs, repoRoot, withDatabase } from './cli.ts';

/**
 * The token service as its own process (`portico serve --seed-demo`), so a test can kill it with
 * SIGKILL the way a power cut would and start it again on the same data (its SQLite file, or on
 * PostgreSQL the data folder's own database).
 */
export class ServiceProcess {
  #child: ChildProcess | undefined;
  #output = '';

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly demoPort: number,
    private readonly env: Record<string, string>,
    private readonly publicUrl?: string,
  ) {}

  /**
   * `fleet` makes it one of several instances behind one address: `publicUrl` is the address every
   * instance is told (the balancer's), `demoPort` the demo site's port they share (the origin the
   * seeded firm allows); `port` is where this one listens.
   */
  static async create(
    dataDir: string,
    env: Record<string, string> = {},
    fleet: { publicUrl?: string; demoPort?: number; port?: number } = {},
  ): Promise<ServiceProcess> {
    return new ServiceProcess(dataDir, fleet.port ?? (await freePort()), fleet.demoPort ?? (await freePort()), env, fleet.publicUrl);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The demo site's origin, which the seeded firm allows. */
  get siteOrigin(): string {
    return `http://localhost:${this.demoPort}`;
  }

  get output(): string {
    return this.#output;
  }

  /** Starts the service and waits until it answers; `crashAt` arms a crash point and `env` adds variables, in this run only. */
  async start(options: { crashAt?: string; env?: Record<string, string> } = {}): Promise<void> {
    this.#output = '';
    const env = cliEnv({
      ...(await withDatabase({ ...this.env, DATA_DIR: this.dataDir })),
      DATA_DIR: this.dataDir,
      PORT: String(this.port),
      DEMO_PORT: String(this.demoPort),
      PUBLIC_URL: this.publicUrl ?? this.url,
      ...(options.crashAt ? { PORTICO_CRASH_AT: options.crashAt } : {}),
      ...options.env,
    });
    if (!options.crashAt) delete env.PORTICO_CRASH_AT;
    const child = spawn(process.execPath, porticoProcessArgs(['serve', '--seed-demo']), { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.#output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.#output += chunk));
    // Its own line first: another process that took the port meanwhile would answer the health
    // check too (a port from freePort() is free only until somebody else binds it).
    const listening = `(port ${this.port},`;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service stopped while starting:\n${this.#output}`);
      try {
        if (this.#output.includes(listening) && (await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the service did not answer within 30 s:\n${this.#output}`);
  }

  /** Resolves with the signal or code the process ended with (it may already have ended). */
  async exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.#child!;
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    return { code: child.exitCode, signal: child.signalCode };
  }

  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.#child?.kill('SIGKILL');
    return this.exited();
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await this.exited();
  }

  async request(path: string, options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; origin?: string } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.origin) headers.origin = options.origin;
    const response = await fetch(this.url + path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
    };
  }

  /** Signs a demo client in. */
  async login(email = 'alex@example.com'): Promise<string> {
    const reply = await this.request('/api/v1/auth/login', { body: { firm: 'demo', email, password: 'portico-demo' } });
    if (reply.status !== 200) throw new Error(`login: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.accessToken as string;
  }

  /** A card token from the sandbox processor, as the browser would make it. */
  async cardToken(number = '4242424242424242'): Promise<string> {
    const reply = await this.request('/sandbox/v1/payment_methods', {
      origin: this.siteOrigin,
      body: {
        type: 'card',
        card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
        billing_details: { name: 'Alex Morgan', address: { postal_code: '94107' } },
      },
    });
    if (reply.status !== 200) throw new Error(`tokenize: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id as string;
  }
}
