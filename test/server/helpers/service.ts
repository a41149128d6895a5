import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { sql } from 'kysely';
import { createApp } from '../../../server/src/app.ts';
import { SigningKeys } from '../../../server/src/auth/signing-keys.ts';
import { loadConfig } from '../../../server/src/config.ts';
import { openPostgresStorage, openSqliteStorage } from '../../../server/src/db/open-storage.ts';
import type { Storage } from '../../../server/src/db/storage.ts';
import type { FileScanner } from '../../../server/src/files/file.ts';
import { defaultSettings, type Firm } from '../../../server/src/firms/firm.ts';
import { silentLogger, type Logger } from '../../../server/src/logger.ts';
import { createMail } from '../../../server/src/mail/create-mail.ts';
import { listOutbox } from '../../../server/src/mail/outbox.ts';
import { loadSecretsKey } from '../../../server/src/secrets/secrets-key.ts';
import { createServices } from '../../../server/src/services.ts';
import { databaseEnv, removeDataDir, testEngine } from './engine.ts';
import { replyCheck } from './reply-check.ts';

export const password = 'correct horse battery';
export const issuer = 'http://portico.test';
/** A loopback PUBLIC_URL, for tests that use the development pages (/dev): they are served only on one. */
export const loopbackPublicUrl = 'http://localhost:8787';
export const firmOrigin = 'https://www.hale.example';
export const otherFirmOrigin = 'https://www.north.example';

export { removeDataDir, testEngine };

/**
 * The fixture clients' password hash, in the form the service stores (`scrypt$N$r$p$salt$hash`)
 * but at a low cost: a stored hash carries its own parameters, and the suite signs in hundreds of
 * times. Passwords set through the API (invitations, resets) are hashed at the service's own cost.
 */
const fixtureHash = (() => {
  const cost = { N: 2 ** 10, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
})();

/** A clock the test moves by hand. */
export function testClock(start = Date.parse('2026-03-02T15:00:00Z')) {
  let now = start;
  const clock = () => new Date(now);
  return Object.assign(clock, { advance: (ms: number) => void (now += ms) });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  cookies: Map<string, string>;
  setCookie: string[];
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
  token?: string;
  origin?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/**
 * The token service on real SQLite in a temporary folder (or PostgreSQL, see `testEngine`), listening on 127.0.0.1 at a free port,
 * with two firms, each with two clients who can sign in, and an API key per firm.
 *
 * `dataDir` starts it on the folder of a service that was closed with `{ keepDataDir: true }`,
 * as a restart would: its firms and clients are used as they are (with a new API key each).
 */
export async function startTestService(
  options: {
    env?: Record<string, string>;
    sdkDir?: string;
    fileScanner?: FileScanner;
    dataDir?: string;
    resolveHost?: (hostname: string) => Promise<string[]>;
    logger?: Logger;
  } = {},
) {
  const restarted = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portico-test-'));
  // On PostgreSQL the folder's own database (and its SECRETS_KEY), so that a service restarted on the
  // folder finds its data; in `config` too, for what a test opens on the service's store itself (a CLI command).
  // A new folder's database may come with the schema in place: the service would make it so first thing.
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: issuer, ...(await databaseEnv(dataDir, { migrated: true })), ...options.env });
  const clock = testClock();
  const secrets = loadSecretsKey(config);
  const storage = config.databaseUrl ? await openPostgresStorage(config.databaseUrl) : openSqliteStorage(dataDir);
  const keys = await SigningKeys.open(storage, secrets, { dataDir, clock });
  const services = createServices({
    config,
    storage,
    keys,
    secrets,
    mail: createMail(config, storage, { clock }),
    clock,
    logger: silentLogger,
    fileScanner: options.fileScanner,
    resolveHost: options.resolveHost,
  });
  await storage.asSystem(() => services.sealPlainSecrets());
  services.jobs.start({ pollMs: 100 });
  const app = createApp(services, { logger: options.logger ?? silentLogger, sdkDir: options.sdkDir ?? path.join(dataDir, 'no-sdk') });
  // Every reply the tests see is checked against the API contract; close() fails on a mismatch.
  const contract = replyCheck();
  const checked = express().disable('x-powered-by').use(contract.middleware).use(app);
  const server = await new Promise<Server>((resolve) => {
    const s = checked.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const hash = fixtureHash;
  const now = clock().toISOString();
  const makeFirm = async (slug: string, name: string, origin: string) =>
    (restarted && (await services.repositories.firms.findBySlug(slug))) ||
    services.firms.create({
      slug,
      name,
      siteUrl: origin,
      allowedOrigins: [origin],
      branding: { colors: { brand: '#1f3a5f' } },
      settings: { ...defaultSettings, portalUrl: `${origin}/portal` },
    });
  const addClient = async (firm: Firm, email: string, name: string) => {
    const existing = restarted && (await services.repositories.contacts.findByEmail(firm.id, email));
    if (existing) return existing;
    const contact = await services.repositories.contacts.create(firm.id, { email, name }, now);
    await services.auth.setPasswordHash(contact.id, hash, now);
    return contact;
  };
  const fixtures = await storage.asSystem(async () => {
    const firm = await makeFirm('hale', 'Hale & Whitmore LLP', firmOrigin);
    const otherFirm = await makeFirm('north', 'North Legal', otherFirmOrigin);
    return {
      firm,
      otherFirm,
      alex: await addClient(firm, 'alex@example.com', 'Alex Morgan'),
      jordan: await addClient(firm, 'jordan@example.com', 'Jordan Lee'),
      sam: await addClient(otherFirm, 'sam@example.com', 'Sam Rivera'),
      firmKey: (await services.apiKeys.create(firm.id, 'test')).key,
      otherFirmKey: (await services.apiKeys.create(otherFirm.id, 'test')).key,
    };
  });

  async function request(pathname: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.origin) headers.origin = opts.origin;
    if (opts.cookie) headers.cookie = opts.cookie;
    const response = await fetch(baseUrl + pathname, {
      method: opts.method ?? (opts.body !== undefined || opts.raw !== undefined ? 'POST' : 'GET'),
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const setCookie = response.headers.getSetCookie();
    const cookies = new Map(setCookie.map((c) => c.split(';')[0]!.split('=') as [string, string]));
    return { status: response.status, headers: response.headers, body: /json/.test(type) && text ? JSON.parse(text) : text, cookies, setCookie };
  }

  /** Signs a client in; returns the access token and the refresh cookie as a `Cookie` header value. */
  async function login(email: string, firmSlug = 'hale', pass = password) {
    const reply = await request('/api/v1/auth/login', { body: { firm: firmSlug, email, password: pass } });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { token: reply.body.accessToken as string, cookie: `portico_refresh=${reply.cookies.get('portico_refresh')}`, reply };
  }

  return {
    baseUrl,
    config,
    clock,
    dataDir,
    /** The services, each method called as the operator (across firms), as the CLI would. */
    services: asOperator(services, storage),
    /**
     * Portable SQL run as the operator, on whichever engine the tests run: rows look the same on
     * both (BIGINT as numbers). `await svc.query<{ n: number }>\`SELECT count(*) AS n FROM jobs WHERE kind = ${kind}\``
     */
    query: <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) =>
      storage.asSystem(async () => (await sql<T>(strings, ...values).execute(storage.db)).rows),
    fixtures,
    request,
    login,
    /** The emails sent so far, once every job already due has run. */
    async outbox(to?: string) {
      await services.jobs.drain();
      return storage.asSystem(() => listOutbox(storage, { to }));
    },
    /**
     * Runs a recovery sweep (`services.refunds.recover()`, …), then waits for the worker's own.
     * Advancing the clock into a new period starts the worker's sweep of that period too, which
     * may take some of the work first: the sweep's own counts then say little, but once both are
     * done everything unfinished is settled.
     */
    async sweep(run: () => Promise<unknown>) {
      await run();
      await services.jobs.drain();
    },
    /** Stops the service; `keepDataDir` leaves its folder (and database) for a restart on it (then `removeDataDir` it). */
    async close(closeOptions: { keepDataDir?: boolean } = {}) {
      await services.jobs.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.mail.close();
      await storage.close();
      if (!closeOptions.keepDataDir) await removeDataDir(dataDir);
      if (contract.violations.length) {
        const seen = [...new Set(contract.violations.map((v) => `${v.request} → ${v.status}: ${v.issue}`))];
        throw new Error(`Replies that break the API contract:\n  ${seen.join('\n  ')}`);
      }
    },
  };
}

export type TestService = Awaited<ReturnType<typeof startTestService>>;

/**
 * The services as a test calls them directly: every method of every service, at any depth (e.g.
 * `services.firms.update`, `services.repositories.contacts.findByEmail`), runs in the system scope,
 * since a test stands where the CLI does. Requests over HTTP do not come through here: they say
 * which firm they act for themselves. `storage` and `config` are handed out as they are.
 */
export function asOperator<T extends object>(services: T, storage: Storage): T {
  const wrapped = new WeakMap<object, object>();
  const wrap = <O extends object>(target: O): O => {
    let proxy = wrapped.get(target);
    if (!proxy) {
      proxy = new Proxy(target, {
        get(object, key) {
          const value = Reflect.get(object, key, object);
          if (typeof value === 'function') return (...args: unknown[]) => storage.asSystem(() => value.apply(object, args));
          if (value && typeof value === 'object' && key !== 'storage' && key !== 'config') return wrap(value);
          return value;
        },
      });
      wrapped.set(target, proxy);
    }
    return proxy as O;
  };
  return wrap(services);
}

/** The token in a link inside an email body, e.g. `?invitation=…`. */
export function tokenFromEmail(text: string, param: 'invitation' | 'reset'): string {
  const match = new RegExp(`[?&]${param}=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${param} link in the email`);
  return match[1]!;
}
