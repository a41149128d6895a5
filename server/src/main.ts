import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { SigningKeys } from './auth/signing-keys.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openStorage } from './db/open-storage.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMail } from './mail/create-mail.ts';
import { seedDemo } from './seed/demo.ts';
import { createServices, type Services } from './services.ts';

export interface RunningService {
  url: string;
  services: Services;
  server: Server;
  close(): Promise<void>;
}

/** Opens the store, keys and mail of a configuration: everything but the HTTP listener. */
export async function openServices(config: Config, options: { clock?: Clock; logger?: Logger } = {}): Promise<Services> {
  const storage = await openStorage(config);
  const keys = await SigningKeys.open(config.dataDir);
  const mail = createMail(config, storage, { clock: options.clock });
  return createServices({ config, storage, keys, mail, clock: options.clock, logger: options.logger });
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
  // Nothing else uses this store, so every checkout left unfinished was this service's own,
  // interrupted by a crash or a stop: settled against the processor before taking requests.
  const recovered = await services.storage.asSystem(() => services.checkout.recover({ everything: true }));
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
  await services.jobs.start({ soleWorker: true });
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
