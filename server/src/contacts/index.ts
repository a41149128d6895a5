/** The firm's clients. Other components look a contact up here, always within a firm. */
export * as contactsContract from './contacts.contract.ts';
export { ContactsRepository } from './contacts.repository.ts';
export type { Contact } from './contacts.repository.ts';
export { adminContactRoutes } from './contacts.routes.ts';
export { ContactsService } from './contacts.service.ts';
