import os from 'node:os';
import path from 'node:path';
import { decodeSecretsKey } from './secrets/secret-box.ts';

/** The token service's configuration, read from the environment and validated once at start. */
export interface Config {
  port: number;
  demoPort: number;
  dataDir: string;
  /** PostgreSQL (DATABASE_URL); absent: embedded SQLite in `dataDir`. */
  databaseUrl: string | null;
  /**
   * SECRETS_KEY: the 32-byte key that seals signing keys, bank tokens and webhook secrets in the
   * database; absent, `loadSecretsKey` makes or reads one in `dataDir` (SQLite only).
   */
  secretsKey: Buffer | null;
  /** Where the service is reached from outside, used in links and as the token issuer. */
  publicUrl: string;
  payments: 'sandbox' | 'stripe';
  bankLink: 'sandbox' | 'plaid';
  mail: 'outbox' | 'smtp';
  smtpUrl?: string;
  /** The address the service's emails come from. */
  mailFrom: string;
  /** `apiBase` (STRIPE_API_BASE, PLAID_API_BASE) sends the provider's API calls elsewhere: a proxy, or a stand-in in tests. */
  stripe: { secretKey?: string; publishableKey?: string; webhookSecret?: string; apiBase?: string };
  plaid: { clientId?: string; secret?: string; env: 'sandbox' | 'development' | 'production'; apiBase?: string };
  /** Where uploads are scanned for viruses before they are kept (SCANNER): ClamAV's daemon, or nowhere. */
  scanner: { type: 'clamd'; host: string; port: number } | { type: 'none' };
  /** Where the files' bytes are kept (FILE_STORE): `DATA_DIR/files`, or an S3 bucket. */
  fileStore: { type: 'local' } | S3StoreConfig;
  /**
   * This instance's name among those sharing a database (INSTANCE_ID, default `host:port`). Work
   * it holds is marked with it, so that on a restart it takes back its own unfinished checkouts
   * and jobs at once, and never another live instance's (those wait for their lease to run out).
   */
  instanceId: string;
  /**
   * How many jobs this instance runs at once (WORKERS, default 4); 0 serves HTTP only and runs no
   * jobs, for a fleet whose jobs `portico worker` processes run.
   */
  workers: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for client IPs (rate limits). */
  trustProxy: boolean | number | string;
  /**
   * Running on a developer's machine: the pages under /dev (the outbox, the job queue, the sandbox
   * clock) are served, and rules meant for local work relax (webhooks to http://localhost). Only
   * when PUBLIC_URL is a loopback address (localhost, 127.0.0.0/8, [::1]) and NODE_ENV is not
   * production: a service reachable from elsewhere never shows its outbox or lets anyone move the
   * sandbox's clock, whatever NODE_ENV says (or forgets to say).
   */
  development: boolean;
  /** scrypt's cost for new password hashes (PASSWORD_HASH_COST): `low` only for test suites. */
  passwordHashCost: 'standard' | 'low';
}

/** An S3 bucket, on AWS or an S3-compatible store (S3_ENDPOINT). */
export interface S3StoreConfig {
  type: 's3';
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** Absent: the SDK's own chain (AWS_* variables, an instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * The library a configured provider needs could not be loaded (its package is missing, say). The
 * service loads it as it opens, not with the first payment or email, so this stops it at start.
 */
export function providerUnavailable(setting: `${string}=${string}`, library: string, error: unknown): ConfigError {
  const [variable, value] = setting.split('=') as [string, string];
  const reason = error instanceof Error ? error.message : String(error);
  const problem = new ConfigError(variable, `${value} needs the ${library} package, which could not be loaded: ${reason}`);
  problem.cause = error;
  return problem;
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new ConfigError(name, `must be a port number from 1 to 65535, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** A PostgreSQL connection URL; the message never repeats it, as it holds a password. */
function postgresUrl(raw: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a URL like postgres://user:password@host:5432/portico');
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// URL (PostgreSQL), got a ${protocol}// one`);
  }
  return raw;
}

/** SECRETS_KEY: 32 bytes in base64. No message repeats it, not even in part. */
function secretsKey(env: Env): Buffer | null {
  const raw = env.SECRETS_KEY;
  if (!raw) return null;
  const key = decodeSecretsKey(raw);
  if (!key) throw new ConfigError('SECRETS_KEY', 'must be 32 random bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`');
  return key;
}

function url(name: string, raw: string, protocols: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must be a ${protocols.join(' or ')} URL, got "${raw}"`);
  }
  return raw;
}

/** A provider API's address, scheme, host and port only (for a proxy, or a local stand-in in tests). */
function apiBase(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const value = url(name, raw, ['http:', 'https:']);
  const parsed = new URL(value);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
    throw new ConfigError(name, `must be a scheme, host and port only, like http://127.0.0.1:12111, got "${raw}"`);
  }
  return parsed.origin;
}

function required(env: Env, name: string, because: string): string {
  const raw = env[name];
  if (!raw) throw new ConfigError(name, `is required ${because}`);
  return raw;
}

/**
 * PASSWORD_HASH_COST: scrypt's cost for new password hashes. `standard` (the default: N = 2^15,
 * r = 8, 32 MiB and about 0.1 s a hash) or `low` (N = 2^10), for test suites, which set passwords
 * thousands of times; refused when NODE_ENV=production. A stored hash carries its own cost, so
 * either one checks the other's hashes.
 */
export function passwordHashCost(env: Env): 'standard' | 'low' {
  const cost = oneOf(env, 'PASSWORD_HASH_COST', ['standard', 'low'] as const, 'standard');
  if (cost === 'low' && env.NODE_ENV === 'production')
    throw new ConfigError('PASSWORD_HASH_COST', 'cannot be low when NODE_ENV=production: low is for test suites');
  return cost;
}

/**
 * SCANNER: `clamd://host:port` or `none`. Production needs one of them said out loud, so a
 * forgotten variable never means uploads are kept unscanned.
 */
function scanner(env: Env): Config['scanner'] {
  const raw = env.SCANNER;
  if (!raw) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError('SCANNER', 'is required when NODE_ENV=production: clamd://host:port to scan uploads for viruses, or none to keep them unscanned');
    }
    return { type: 'none' };
  }
  if (raw === 'none') return { type: 'none' };
  const wrong = () => new ConfigError('SCANNER', `must be clamd://host:port (ClamAV's daemon on TCP) or none, got "${raw}"`);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw wrong();
  }
  const { protocol, hostname, port, pathname, search, hash, username, password } = parsed;
  if (protocol !== 'clamd:' || !hostname || !port || Number(port) < 1 || (pathname && pathname !== '/') || search || hash || username || password) {
    throw wrong();
  }
  return { type: 'clamd', host: hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(port) };
}

/**
 * FILE_STORE: `local` (DATA_DIR/files) or `s3` with S3_BUCKET and the S3_* settings. A bucket set
 * while FILE_STORE is still local stops the service: files kept on one machine's disk where a
 * bucket was meant would be missing on every other machine. No message repeats a credential.
 */
function fileStore(env: Env): Config['fileStore'] {
  const type = oneOf(env, 'FILE_STORE', ['local', 's3'] as const, 'local');
  if (type === 'local') {
    if (env.S3_BUCKET)
      throw new ConfigError('FILE_STORE', 'is local (the default) but S3_BUCKET is set: set FILE_STORE=s3 to keep files in the bucket, or unset S3_BUCKET');
    return { type };
  }
  const bucket = required(env, 'S3_BUCKET', 'when FILE_STORE=s3');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new ConfigError('S3_BUCKET', `must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got "${bucket}"`);
  }
  let endpoint: string | undefined;
  if (env.S3_ENDPOINT) {
    const parsed = new URL(url('S3_ENDPOINT', env.S3_ENDPOINT, ['http:', 'https:']));
    if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username || parsed.password) {
      throw new ConfigError(
        'S3_ENDPOINT',
        "must be the store's scheme, host and port only (no path, query or credentials), like https://s3.example.com or http://127.0.0.1:9000",
      );
    }
    endpoint = parsed.origin;
  }
  // AWS needs the bucket's region; S3-compatible stores mostly accept any, conventionally us-east-1.
  const region =
    env.S3_REGION || (endpoint ? 'us-east-1' : required(env, 'S3_REGION', "when FILE_STORE=s3 without S3_ENDPOINT (the bucket's AWS region, like eu-west-1)"));
  if (!/^[a-z0-9-]+$/.test(region)) throw new ConfigError('S3_REGION', `must be a region name like us-east-1, got "${region}"`);
  // S3-compatible stores usually serve buckets by path (http://host/bucket), AWS by host name.
  const forcePathStyle = oneOf(env, 'S3_FORCE_PATH_STYLE', ['true', 'false'] as const, endpoint ? 'true' : 'false') === 'true';
  const accessKeyId = env.S3_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY;
  if (accessKeyId && !secretAccessKey) throw new ConfigError('S3_SECRET_ACCESS_KEY', 'is required when S3_ACCESS_KEY_ID is set');
  if (secretAccessKey && !accessKeyId) throw new ConfigError('S3_ACCESS_KEY_ID', 'is required when S3_SECRET_ACCESS_KEY is set');
  if (accessKeyId && !/^\S+$/.test(accessKeyId)) throw new ConfigError('S3_ACCESS_KEY_ID', 'must not contain spaces');
  if (secretAccessKey && !/^\S+$/.test(secretAccessKey)) throw new ConfigError('S3_SECRET_ACCESS_KEY', 'must not contain spaces (its value is not shown)');
  const store: S3StoreConfig = { type, bucket, region, forcePathStyle };
  if (endpoint) store.endpoint = endpoint;
  if (accessKeyId && secretAccessKey) store.credentials = { accessKeyId, secretAccessKey };
  return store;
}

/** True when the URL's host is this machine's loopback: `localhost`, 127.0.0.0/8 or `[::1]`. */
export function isLoopbackUrl(raw: string): boolean {
  // The URL parser lower-cases names and normalises IPv4 (`127.1` becomes `127.0.0.1`).
  const { hostname } = new URL(raw);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const servicePort = port(env, 'PORT', 8787);
  const demoPort = port(env, 'DEMO_PORT', 8080);
  const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
  const publicUrl = url('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${servicePort}`, ['http:', 'https:']).replace(/\/+$/, '');
  const databaseUrl = env.DATABASE_URL ? postgresUrl(env.DATABASE_URL) : null;
  const sealingKey = secretsKey(env);
  const payments = oneOf(env, 'PAYMENTS', ['sandbox', 'stripe'] as const, 'sandbox');
  const bankLink = oneOf(env, 'BANK_LINK', ['sandbox', 'plaid'] as const, 'sandbox');
  const mail = oneOf(env, 'MAIL', ['outbox', 'smtp'] as const, 'outbox');
  const smtpUrl = mail === 'smtp' ? url('SMTP_URL', required(env, 'SMTP_URL', 'when MAIL=smtp'), ['smtp:', 'smtps:']) : undefined;

  const stripe = {
    secretKey: payments === 'stripe' ? required(env, 'STRIPE_SECRET_KEY', 'when PAYMENTS=stripe') : env.STRIPE_SECRET_KEY,
    publishableKey: payments === 'stripe' ? required(env, 'STRIPE_PUBLISHABLE_KEY', 'when PAYMENTS=stripe') : env.STRIPE_PUBLISHABLE_KEY,
    webhookSecret: payments === 'stripe' ? required(env, 'STRIPE_WEBHOOK_SECRET', 'when PAYMENTS=stripe') : env.STRIPE_WEBHOOK_SECRET,
  };
  if (stripe.secretKey && !/^(sk|rk)_(test|live)_/.test(stripe.secretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY', 'must start with sk_test_, sk_live_, rk_test_ or rk_live_');
  }
  if (stripe.publishableKey && !/^pk_(test|live)_/.test(stripe.publishableKey)) {
    throw new ConfigError('STRIPE_PUBLISHABLE_KEY', 'must start with pk_test_ or pk_live_');
  }
  if (stripe.webhookSecret && !stripe.webhookSecret.startsWith('whsec_')) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must start with whsec_');
  }
  const stripeApiBase = apiBase(env, 'STRIPE_API_BASE');

  const plaid = {
    clientId: bankLink === 'plaid' ? required(env, 'PLAID_CLIENT_ID', 'when BANK_LINK=plaid') : env.PLAID_CLIENT_ID,
    secret: bankLink === 'plaid' ? required(env, 'PLAID_SECRET', 'when BANK_LINK=plaid') : env.PLAID_SECRET,
    env: oneOf(env, 'PLAID_ENV', ['sandbox', 'development', 'production'] as const, 'sandbox'),
  };
  const plaidApiBase = apiBase(env, 'PLAID_API_BASE');

  const mailFrom = env.MAIL_FROM || `portal@${new URL(publicUrl).hostname}`;
  if (!/^[^@\s<>]+@[^@\s<>]+$/.test(mailFrom)) throw new ConfigError('MAIL_FROM', `must be an email address, got "${mailFrom}"`);

  const fileScanner = scanner(env);
  const files = fileStore(env);

  const workersRaw = env.WORKERS;
  let workers = 4;
  if (workersRaw !== undefined && workersRaw !== '') {
    if (!/^\d+$/.test(workersRaw) || Number(workersRaw) > 64)
      throw new ConfigError('WORKERS', `must be a whole number from 0 (HTTP only, no jobs) to 64, got "${workersRaw}"`);
    workers = Number(workersRaw);
  }

  const instanceId = env.INSTANCE_ID || `${os.hostname()}:${servicePort}`;
  if (!/^[\x21-\x7e]{1,100}$/.test(instanceId)) throw new ConfigError('INSTANCE_ID', `must be 1 to 100 visible characters with no spaces, got "${instanceId}"`);

  const trustRaw = env.TRUST_PROXY;
  let trustProxy: boolean | number | string = false;
  if (trustRaw) {
    if (trustRaw === 'true' || trustRaw === 'false') trustProxy = trustRaw === 'true';
    else if (/^\d+$/.test(trustRaw)) trustProxy = Number(trustRaw);
    else if (/^[\w.:/, -]+$/.test(trustRaw)) trustProxy = trustRaw;
    else throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count or a list of addresses, got "${trustRaw}"`);
  }

  return {
    port: servicePort,
    demoPort,
    dataDir,
    databaseUrl,
    secretsKey: sealingKey,
    publicUrl,
    payments,
    bankLink,
    mail,
    smtpUrl,
    mailFrom,
    stripe: stripeApiBase ? { ...stripe, apiBase: stripeApiBase } : stripe,
    plaid: plaidApiBase ? { ...plaid, apiBase: plaidApiBase } : plaid,
    scanner: fileScanner,
    fileStore: files,
    instanceId,
    workers,
    trustProxy,
    development: env.NODE_ENV !== 'production' && isLoopbackUrl(publicUrl),
    passwordHashCost: passwordHashCost(env),
  };
}
