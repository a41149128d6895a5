/** The client's tasks and events: what other components and the wiring may use of them. */
export * as activitiesContract from './activities.contract.ts';
export { activityCommands } from './activities.cli.ts';
export { ActivitiesRepository } from './activities.repository.ts';
export { activityRoutes, adminActivityRoutes } from './activities.routes.ts';
export { ActivitiesService } from './activities.service.ts';
