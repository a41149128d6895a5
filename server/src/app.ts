import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Router, type Express } from 'express';
import { sql } from 'kysely';
import { activityRoutes, adminActivityRoutes } from './activities/index.ts';
import { adminApiKeyRoutes } from './api-keys/index.ts';
import { requireClient, requireFirmKey } from './auth/index.ts';
import { accountRoutes, authRoutes } from './auth/index.ts';
import { adminContactRoutes, profileRoutes } from './contacts/index.ts';
import { devRoutes } from './dev/dev.routes.ts';
import { documentRoutes } from './documents/index.ts';
import { adminFileRoutes, adminFileUploadRoutes, fileRoutes, fileUploadRoutes } from './files/index.ts';
import { adminSettingsRoutes, brandingRoutes, publicBranding } from './firms/index.ts';
import { requireEnabledSection } from './firms/index.ts';
import { homeRoutes } from './home/index.ts';
import { adminInvoiceRoutes, invoiceRoutes } from './invoices/index.ts';
import { adminMessageRoutes, messageRoutes } from './messages/index.ts';
import { checkoutRoutes } from './payments/index.ts';
import { adminPaymentRoutes, paymentRoutes } from './payments/index.ts';
import { sandboxErrors, sandboxRoutes } from './payments/index.ts';
import { stripeWebhookRoutes } from './payments/index.ts';
import { firmCors, publicCors } from './http/cors.ts';
import { actAsSystem } from './http/tenancy.ts';
import { adminAutopayRoutes, adminPlanRoutes, autopayRoutes, planRoutes } from './plans/index.ts';
import { adminStaffRoutes, requireRole, staffAuthRoutes } from './staff/index.ts';
import { adminWebhookRoutes } from './webhooks/index.ts';
import { errorHandler, notFoundHandler } from './http/problem.ts';
import { createLogger, type Logger } from './logger.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './http/health.ts';
import { sdkRoutes } from './http/sdk.ts';
import { sendRevalidated, taggedJson, type TaggedJson } from './http/revalidated.ts';
import { openApiDocument } from './openapi.ts';
import { findSdkPackage, serverRoot } from './package-info.ts';
import type { Services } from './services.ts';

const sdkPackage = findSdkPackage();

export interface AppOptions {
  logger?: Logger;
  /** Where the built component bundle lives (`dist/cdn`). */
  sdkDir?: string;
}

/** The token service's HTTP surface. Separate from `listen` so tests can mount it on any port. */
export function createApp(services: Services, options: AppOptions = {}): Express {
  const { config } = services;
  const logger = options.logger ?? createLogger();
  const serviceOrigin = new URL(config.publicUrl).origin;
  const app = express();

  app.disable('x-powered-by');
  // Only the replies a cache may keep carry a tag (`sendRevalidated`).
  app.disable('etag');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestLog(logger));
  app.use(securityHeaders({ crossOriginResourcePolicy: { policy: 'same-origin' } }));

  app.use(
    healthRoutes({
      database: () => sql`SELECT 1`.execute(services.storage.db),
      files: () => services.fileStore.check(),
    }),
  );

  // Before any JSON parser: Stripe signs the raw bytes of the body.
  if (services.stripeWebhooks) {
    // A processor's event finds its payment by the processor's ids, whichever firm it is.
    app.use('/webhooks/stripe', actAsSystem(services.storage));
    app.use(stripeWebhookRoutes({ webhooks: services.stripeWebhooks, logger }));
  }

  const sdkDir = options.sdkDir ?? sdkPackage?.dir ?? path.join(serverRoot, '..', 'dist', 'cdn');
  app.use('/sdk', publicCors, sdkRoutes({ dir: sdkDir, version }));
  app.get('/.well-known/jwks.json', publicCors, async (_req, res) => {
    sendRevalidated(res.set('Cache-Control', 'public, max-age=300'), taggedJson(await services.keys.jwks()));
  });

  // Made on its first request and kept, as the text sent and its tag: building it from the schemas
  // takes some 50 ms of processor time, and writing out and hashing its 217 kB another 3 ms, for
  // a document that changes only with the code.
  let openApi: TaggedJson | undefined;
  app.get('/api/v1/openapi.json', publicCors, (_req, res) => {
    sendRevalidated(res.set('Cache-Control', 'public, max-age=300'), (openApi ??= taggedJson(openApiDocument(`${config.publicUrl}`, version))));
  });

  const json = express.json({ limit: '100kb', type: ['application/json', 'application/*+json'] });
  const api = Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // The console calls the firm-side API from the firm's own site with a staff token: CORS for the
  // firms' origins, as the client API has; an API key is the firm's backend and sends no Origin.
  api.use(
    '/admin',
    firmCors(services.firms, serviceOrigin),
    requireFirmKey(services.apiKeys, services.storage, services.staff),
    requireRole,
    adminFileUploadRoutes(services),
    json,
    adminStaffRoutes(services),
    adminContactRoutes(services),
    adminApiKeyRoutes(services),
    adminSettingsRoutes(services),
    adminInvoiceRoutes(services),
    adminActivityRoutes(services),
    adminMessageRoutes(services),
    adminFileRoutes(services),
    adminPaymentRoutes(services),
    adminPlanRoutes(services),
    adminAutopayRoutes(services),
    adminWebhookRoutes(services),
  );
  api.use(firmCors(services.firms, serviceOrigin));
  const authenticate = requireClient({ tokens: services.tokens, firms: services.firms, contacts: services.contacts, tenancy: services.storage, serviceOrigin });
  const sectionOpen = requireEnabledSection();
  // Uploads read the raw request stream, so they come before the JSON body parser.
  api.use(
    fileUploadRoutes(services, (req, res, next) => {
      Promise.resolve(authenticate(req, res, (error?: unknown) => (error ? next(error) : sectionOpen(req, res, next)))).catch(next);
    }),
  );
  api.use(json, cookieParser());
  api.use('/auth', authRoutes({ auth: services.auth, firms: services.firms, tenancy: services.storage, publicUrl: config.publicUrl }));
  api.use('/staff/auth', staffAuthRoutes({ staff: services.staff, firms: services.firms, tenancy: services.storage, publicUrl: config.publicUrl }));
  api.use(brandingRoutes({ firms: services.firms, serviceOrigin }));
  api.use(authenticate, sectionOpen);
  api.use(
    profileRoutes({ profile: services.profile, branding: publicBranding }),
    accountRoutes(services),
    homeRoutes(services),
    activityRoutes(services),
    messageRoutes(services),
    fileRoutes(services),
    invoiceRoutes(services),
    documentRoutes(services),
    checkoutRoutes({ checkout: services.checkout, bankLinks: services.bankLinks, setup: services.paymentSetup }),
    paymentRoutes(services),
    planRoutes(services),
    autopayRoutes(services),
  );
  app.use('/api/v1', api);

  if (config.payments === 'sandbox') {
    app.use(
      '/sandbox',
      firmCors(services.firms, serviceOrigin),
      json,
      actAsSystem(services.storage),
      sandboxRoutes({ ...services.sandbox, clock: services.clock }),
      sandboxErrors,
    );
  }
  if (config.development) {
    app.use('/dev', firmCors(services.firms, serviceOrigin), json, actAsSystem(services.storage), devRoutes(services));
  }

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

const version = sdkPackage?.version ?? '0.0.0';
