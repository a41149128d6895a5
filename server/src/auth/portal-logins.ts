import type { AuthRepository, PortalAccessRow } from './auth.repository.ts';

/** Which contacts have created a portal login, and when they last signed in, for the firm's view of its contacts. */
export class PortalLogins {
  constructor(private readonly auth: AuthRepository) {}

  /** Each contact's login, last sign-in and latest invitation, by contact id. */
  async accessOf(contactIds: readonly string[]): Promise<Map<string, PortalAccessRow>> {
    return new Map((await this.auth.portalAccess(contactIds)).map((row) => [row.contactId, row]));
  }
}
