/** The client's home: what needs them now and what changed since their last visit. */
export * as homeContract from './home.contract.ts';
export { HomeRepository } from './home.repository.ts';
export { homeRoutes } from './home.routes.ts';
export { HomeService } from './home.service.ts';
export type { Home, HomeCounts } from './home.service.ts';
