/** The firm's staff: console accounts, their sign-in with a second factor, roles on the firm-side API. */
export * as staffContract from './staff.contract.ts';
export { staffCommands } from './staff.cli.ts';
export { StaffRepository } from './staff.repository.ts';
export { adminStaffRoutes, staffAuthRoutes, staffRefreshCookie } from './staff.routes.ts';
export { StaffService, staffTokenKind } from './staff.service.ts';
export { leastRoleFor, requireRole } from './roles.ts';
