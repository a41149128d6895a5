/** Payment plans: an open invoice split into instalments charged on their dates, and the authorizations behind them. */
export * as plansContract from './plans.contract.ts';
export { PlansRepository } from './plans.repository.ts';
export { adminPlanRoutes, planRoutes } from './plans.routes.ts';
export { PlansService, chargeJobKind } from './plans.service.ts';
