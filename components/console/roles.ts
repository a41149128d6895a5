import type { StaffRole } from './api/types.ts';

/** What a screen or action needs, as the admin API checks it. */
export type StaffPermission = 'clients' | 'messages' | 'files' | 'tasks' | 'read-money' | 'write-money' | 'settings' | 'staff' | 'api-keys';

const rank: Record<StaffRole, number> = { staff: 0, admin: 1, owner: 2 };

// The least role for each permission; the service enforces the same rule and answers 403 `role_forbidden` otherwise.
const leastRole: Record<StaffPermission, StaffRole> = {
  clients: 'staff',
  messages: 'staff',
  files: 'staff',
  tasks: 'staff',
  'read-money': 'staff',
  'write-money': 'admin',
  settings: 'admin',
  staff: 'owner',
  'api-keys': 'owner',
};

/** True when `role` may do what `permission` names; the console hides what it may not. */
export function can(role: StaffRole | undefined, permission: StaffPermission): boolean {
  return role !== undefined && rank[role] >= rank[leastRole[permission]];
}
