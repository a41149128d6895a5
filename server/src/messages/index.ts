/** Secure message threads between a client and the firm. */
export * as messagesContract from './messages.contract.ts';
export type { Author } from './message.ts';
export { messageCommands } from './messages.cli.ts';
export { MessagesRepository } from './messages.repository.ts';
export { adminMessageRoutes, messageRoutes } from './messages.routes.ts';
export { MessagesService } from './messages.service.ts';
