import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { SigningKeys } from './auth/index.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openStorage } from './db/open-storage.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMail } from './mail/index.ts';
import { loadSecretsKey } from './secrets/secrets-key.ts';
import { seedDemo } from './seed/demo.ts';
import { createServices, type Services } from './services.ts';

export interface RunningService {
  url: string;
  services: Services;
  server: Server;
  close(): Promise<void>;
}

/**
 * Opens the store, keys and mail of a configuration: everything but the HTTP listener. The SDKs of
 * the configured providers are loaded, and secrets an earlier release stored in plain text are
 * sealed, on the way.
 */
export async function openServices(config: Config, options: { clock?: Clock; logger?: Logger } = {}): Promise<Services> {
  // Before the store: a missing or malformed key stops the service before it touches the database.
  const secrets = loadSecretsKey(config);
  const storage = await openStorage(config);
  try {
    const keys = await SigningKeys.open(storage, secrets, { dataDir: config.dataDir, clock: options.clock, logger: options.logger });
    const mail = createMail(config, storage, { clock: options.clock });
    const services = createServices({ config, storage, keys, secrets, mail, clock: options.clock, logger: options.logger });
    await services.loadProviders();
    const sealed = await storage.asSystem(() => services.sealPlainSecrets());
    if (sealed.plaidTokens || sealed.webhookSecrets) services.logger.info('sealed secrets stored in plain text', sealed);
    return services;
  } catch (error) {
    // A PostgreSQL pool left open would keep the process alive after the error is reported.
    await storage.close();
    throw error;
  }
}

export async function closeServices(services: Services): Promise<void> {
  await services.jobs.stop();
  await services.mail.close();
  await services.storage.close();
}

/** Starts the token service; `close` stops taking requests, lets open ones finish, then closes the store. */
export async function startService(
  config: Config,
  options: { logger?: Logger; seedDemo?: boolean; host?: string; clock?: Clock } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger();
  const services = await openServices(config, { ...options, logger });
  if (config.scanner.type === 'none') logger.warn('uploads are not scanned for viruses; set SCANNER=clamd://host:port to scan them');
  // Checkouts this instance left unfinished (a crash or a stop) are settled against the processor
  // before it takes requests. Alone on its store, every unfinished one was its own; on a shared
  // database another live instance may be finishing its own right now, so only this instance's
  // (by INSTANCE_ID) and those whose lease ran out.
  const recovered = await services.storage.asSystem(() => services.checkout.recover({ left: soleInstance(config) ? 'all' : 'mine' }));
  if (recovered.settled || recovered.abandoned || recovered.waiting) logger.info('settled checkouts left unfinished', recovered);
  if (options.seedDemo) {
    const { created } = await services.storage.asSystem(() => seedDemo(services, { siteUrl: `http://localhost:${config.demoPort}` }));
    if (created) logger.info('seeded the demo firm', { firm: 'demo' });
  }
  const app = createApp(services, { logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, options.host ?? '0.0.0.0', (error?: Error) => (error ? reject(error) : resolve(listening)));
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    // Nothing will serve: let go of the store (a PostgreSQL pool would keep the process alive).
    await closeServices(services);
    throw error;
  });
  server.keepAliveTimeout = 5_000;
  if (config.workers > 0) await services.jobs.start({ soleWorker: soleInstance(config), releaseOwn: true, concurrency: config.workers });
  else logger.info('WORKERS=0: serving HTTP only; jobs run in the instances that run workers (portico worker)');
  let closing: Promise<void> | undefined;
  return {
    url: config.publicUrl,
    services,
    server,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => closeServices(services))),
  };
}

/**
 * Runs only the job workers (`portico worker`): no HTTP. Jobs are claimed from the shared store
 * one at a time per worker slot, so any number of these can run beside the HTTP instances.
 */
export async function startWorker(config: Config, options: { logger?: Logger; clock?: Clock } = {}): Promise<{ services: Services; close(): Promise<void> }> {
  const logger = options.logger ?? createLogger();
  // A name of its own: an HTTP instance on the same host and port setting may hold jobs right now.
  const services = await openServices({ ...config, instanceId: `${config.instanceId}/worker` }, { ...options, logger });
  await services.jobs.start({ releaseOwn: true, concurrency: Math.max(config.workers, 1) });
  // The queue's own timers do not hold the process open (an HTTP server does, in serve): this does, until close.
  const alive = setInterval(() => undefined, 3_600_000);
  let closing: Promise<void> | undefined;
  return {
    services,
    close: () => {
      clearInterval(alive);
      return (closing ??= closeServices(services));
    },
  };
}

/** One machine on its embedded SQLite file is the only process using its store; on PostgreSQL, other instances may be. */
function soleInstance(config: Config): boolean {
  return !config.databaseUrl;
}
