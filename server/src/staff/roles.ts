import type { RequestHandler } from 'express';
import type { StaffRole } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';

const rank: Record<StaffRole, number> = { staff: 0, admin: 1, owner: 2 };

/**
 * The least role each group of the firm-side API (`/api/v1/admin/<group>/…`) needs, to read
 * (GET) and to change anything (every other method). The one place the rule is written: `staff`
 * works with clients (contacts, messages, files, activities) and reads invoices and payments;
 * `admin` also bills (invoices, payments: refunds and offline payments), changes settings and
 * webhooks; `owner` also manages staff and API keys. A group not listed needs an owner.
 */
export const leastRoles: Record<string, { read: StaffRole; write: StaffRole }> = {
  contacts: { read: 'staff', write: 'staff' },
  threads: { read: 'staff', write: 'staff' },
  files: { read: 'staff', write: 'staff' },
  activities: { read: 'staff', write: 'staff' },
  invoices: { read: 'staff', write: 'admin' },
  payments: { read: 'staff', write: 'admin' },
  plans: { read: 'staff', write: 'admin' },
  autopay: { read: 'staff', write: 'admin' },
  settings: { read: 'admin', write: 'admin' },
  'webhook-endpoints': { read: 'admin', write: 'admin' },
  'api-keys': { read: 'owner', write: 'owner' },
  staff: { read: 'owner', write: 'owner' },
  /** Every member reads their own account. */
  'staff/me': { read: 'staff', write: 'owner' },
};

const describe: Record<StaffRole, string> = { staff: 'a staff member', admin: 'an admin', owner: 'an owner' };

const atLeast = (role: StaffRole, needed: StaffRole): boolean => rank[role] >= rank[needed];

/** What `role` may do in each group of the table, so the console shows only that (`GET /admin/staff/me`). */
export function accessFor(role: StaffRole): Record<string, { read: boolean; write: boolean }> {
  return Object.fromEntries(
    Object.entries(leastRoles).map(([group, least]) => [group, { read: atLeast(role, least.read), write: atLeast(role, least.write) }]),
  );
}

/** The least role a firm-side request needs; `path` is relative to `/api/v1/admin`. */
export function leastRoleFor(method: string, path: string): StaffRole {
  const [first = '', second = ''] = path.split('/').filter(Boolean);
  const rule = leastRoles[`${first}/${second}`] ?? leastRoles[first];
  if (!rule) return 'owner';
  return method === 'GET' || method === 'HEAD' ? rule.read : rule.write;
}

/** Refuses a staff member whose role is below what the route needs (403 `role_forbidden`); an API key has every right. */
export const requireRole: RequestHandler = (req, _res, next) => {
  const principal = req.principal;
  if (principal?.kind === 'staff') {
    const needed = leastRoleFor(req.method, req.path);
    if (!atLeast(principal.role, needed)) {
      throw new Problem(403, 'role_forbidden', `This needs ${describe[needed]} of the firm; you are ${describe[principal.role]}.`, {
        requiredRole: needed,
      });
    }
  }
  next();
};
