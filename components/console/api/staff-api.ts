import type { ServiceConnection } from '../../api/connection.ts';
import type { RequestOptions, SignedInStaff, StaffMember, StaffRole, StaffSignIn } from './types.ts';

/** Who to invite to the firm's staff. */
export interface NewStaffMember {
  email: string;
  name: string;
  role: StaffRole;
}

/** What may change about a staff member: their role, or whether they may sign in. */
export interface StaffMemberChanges {
  role?: StaffRole;
  status?: 'active' | 'disabled';
}

/** The firm's staff (`/api/v1/admin/staff`). Needs `owner`. */
export class StaffApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** Every member of the firm's staff. */
  async list({ signal }: RequestOptions = {}): Promise<StaffMember[]> {
    const list = await this.#connection.request<{ data: StaffMember[] }>({ method: 'GET', path: '/admin/staff', authentication: 'bearer', signal });
    return list.data;
  }

  /** Adds a staff member and emails them an invitation. */
  invite(member: NewStaffMember, { signal }: RequestOptions = {}): Promise<StaffMember> {
    return this.#connection.request<StaffMember>({ method: 'POST', path: '/admin/staff', body: member, authentication: 'bearer', signal });
  }

  /** Changes a role, or disables or enables a member; the last owner cannot be changed (409). */
  update(id: string, changes: StaffMemberChanges, { signal }: RequestOptions = {}): Promise<StaffMember> {
    return this.#connection.request<StaffMember>({
      method: 'PATCH',
      path: `/admin/staff/${encodeURIComponent(id)}`,
      body: changes,
      authentication: 'bearer',
      signal,
    });
  }

  /** Emails an invited member their invitation again. */
  resendInvitation(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'POST', path: `/admin/staff/${encodeURIComponent(id)}/invitations`, authentication: 'bearer', signal });
  }
}
