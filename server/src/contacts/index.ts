/** The firm's clients. Other components look a contact up here, always within a firm. */
export * as contactsContract from './contacts.contract.ts';
export { ContactsRepository } from './contacts.repository.ts';
export type { Contact, ContactLocale } from './contacts.repository.ts';
export { adminContactRoutes } from './contacts.routes.ts';
export { ContactsService } from './contacts.service.ts';
export * as profileContract from './profile.contract.ts';
export type { OptionalEmail } from './profile.contract.ts';
export { ProfileRepository } from './profile.repository.ts';
export { profileRoutes } from './profile.routes.ts';
export { ProfileService, type EmailChoices, type PasswordConfirmation } from './profile.service.ts';
