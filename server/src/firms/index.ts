/** The firms (tenants): profile, branding, settings and the sections their clients see. */
export * as firmsContract from './firms.contract.ts';
export { defaultSettings, publicBranding } from './firm.ts';
export type { Firm } from './firm.ts';
export { FirmsRepository } from './firms.repository.ts';
export { adminSettingsRoutes, brandingRoutes } from './firms.routes.ts';
export { FirmsService } from './firms.service.ts';
export type { IdentitySettings } from './identity.ts';
export { requireEnabledSection } from './sections.ts';
