// The console's side of the fake token service: a firm's staff member signed in with a role, and
// a ConsoleClient that calls the fake. Each screen's tests add the admin routes they need.
import { ConsoleClient } from '../../components/console/api/console-client.ts';
import type { StaffMe, StaffMember, StaffRole, StaffSignIn } from '../../components/console/api/types.ts';
import { branding, FakeService, json, problem } from './fake-service.ts';
import type { FakeUploads } from './fake-xhr.ts';

export function staffMember(role: StaffRole = 'owner', overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: `stf_${role}`,
    email: `${role}@example.com`,
    name: { owner: 'Margaret Hale', admin: 'Daniel Whitmore', staff: 'Priya Natarajan' }[role],
    role,
    status: 'active',
    lastSignInAt: '2026-12-01T15:04:00.000Z',
    createdAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export function staffSignIn(role: StaffRole = 'owner', accessToken = 'staff-access-1'): StaffSignIn {
  return { accessToken, expiresIn: 600, staff: staffMember(role) };
}

export function staffMe(role: StaffRole = 'owner', overrides: Partial<StaffMe> = {}): StaffMe {
  return {
    staff: staffMember(role),
    firm: { slug: 'demo', name: branding.name, staffTwoFactor: 'optional' },
    twoFactor: { totp: false, passkeys: [], recoveryCodesLeft: 0 },
    ...overrides,
  };
}

/** A fake service where nobody is signed in to the console yet. */
export function staffSignedOutService(): FakeService {
  return new FakeService()
    .on('GET /api/v1/firms/demo/branding', () => json(200, branding))
    .on('POST /api/v1/staff/auth/refresh', () => problem(401, 'refresh_missing', 'No refresh token.'))
    .on('POST /api/v1/staff/auth/logout', () => new Response(null, { status: 204 }));
}

/** A fake service where a staff member with `role` is signed in (the first call resumes from the refresh cookie). */
export function staffSignedInService(role: StaffRole = 'owner'): FakeService {
  return staffSignedOutService()
    .on('POST /api/v1/staff/auth/refresh', () => json(200, staffSignIn(role)))
    .on('GET /api/v1/admin/staff/me', () => json(200, staffMe(role)));
}

export function consoleClientFor(service: FakeService, uploads?: FakeUploads): ConsoleClient {
  return new ConsoleClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch, ...(uploads ? { xhr: uploads.xhr } : {}) });
}
