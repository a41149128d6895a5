/** Payment plans and autopay: invoices charged on their dates to a saved method, and the authorizations behind them. */
export * as plansContract from './plans.contract.ts';
export * as autopayContract from './autopay.contract.ts';
export { PlansRepository } from './plans.repository.ts';
export { AutopayRepository } from './autopay.repository.ts';
export { adminPlanRoutes, planRoutes } from './plans.routes.ts';
export { adminAutopayRoutes, autopayRoutes } from './autopay.routes.ts';
export { PlansService, chargeJobKind } from './plans.service.ts';
export { AutopayService, autopayChargeJobKind } from './autopay.service.ts';
