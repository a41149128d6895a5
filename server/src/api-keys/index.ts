/** The firm's API keys (stored hashed): what other components and the wiring may use of them. */
export * as apiKeysContract from './api-keys.contract.ts';
export { apiKeyCommands } from './api-keys.cli.ts';
export { ApiKeysRepository } from './api-keys.repository.ts';
export { adminApiKeyRoutes } from './api-keys.routes.ts';
export { ApiKeysService } from './api-keys.service.ts';
