import type { AuthRepository } from './auth.repository.ts';

/** Which contacts have created a portal login, for the firm's view of its contacts. */
export class PortalLogins {
  constructor(private readonly auth: AuthRepository) {}

  async withLogin(contactIds: readonly string[]): Promise<Set<string>> {
    return new Set(await this.auth.contactsWithLogin(contactIds));
  }
}
