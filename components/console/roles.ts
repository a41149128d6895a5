import type { StaffAccess } from './api/types.ts';

/** What a screen or action needs, as the admin API checks it. */
export type StaffPermission = 'clients' | 'messages' | 'files' | 'tasks' | 'read-money' | 'write-money' | 'settings' | 'staff' | 'api-keys';

// Each permission as the admin API group and right it stands for; what a role may do comes from
// the service (`GET /admin/staff/me`), which answers 403 `role_forbidden` beyond it.
const permissionAccess: Record<StaffPermission, [group: keyof StaffAccess, right: 'read' | 'write']> = {
  clients: ['contacts', 'write'],
  messages: ['threads', 'write'],
  files: ['files', 'write'],
  tasks: ['activities', 'write'],
  'read-money': ['invoices', 'read'],
  'write-money': ['invoices', 'write'],
  settings: ['settings', 'write'],
  staff: ['staff', 'write'],
  'api-keys': ['api-keys', 'write'],
};

/**
 * True when the signed-in member may do what `permission` names; the console hides what they may
 * not. `staff` is `GET /admin/staff/me`'s answer or the console client's `staff`: both carry `access`.
 */
export function can(staff: { access: StaffAccess } | undefined, permission: StaffPermission): boolean {
  const [group, right] = permissionAccess[permission];
  return staff?.access[group]?.[right] === true;
}
