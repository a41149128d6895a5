// The console's side of the fake token service: a firm's staff member signed in with a role, and
// a ConsoleClient that calls the fake. Each screen's tests add the admin routes they need.
import { fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ConsoleClient } from '../../components/console/api/console-client.ts';
import type { FirmContact } from '../../components/console/api/contacts-api.ts';
import type { FirmFile } from '../../components/console/api/files-api.ts';
import type { StaffMe, StaffMember, StaffRole, StaffSignIn } from '../../components/console/api/types.ts';
import type { ConsoleScreen } from '../../components/console/base/console-screen.ts';
import { accessFor } from '../../server/src/staff/roles.ts';
import { SignInMarker } from '../../components/api/sign-in-marker.ts';
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
  return { accessToken, expiresIn: 600, staff: staffMember(role), access: accessFor(role) as StaffSignIn['access'] };
}

export function staffMe(role: StaffRole = 'owner', overrides: Partial<StaffMe> = {}): StaffMe {
  return {
    staff: staffMember(role),
    firm: { slug: 'demo', name: branding.name, staffTwoFactor: 'optional' },
    twoFactor: { totp: false, passkeys: [], recoveryCodesLeft: 0 },
    // What the service answers for `role`: its own rule, not a copy of it.
    access: accessFor(role) as StaffMe['access'],
    ...overrides,
  };
}

/** The mark a staff sign-in leaves in this browser, without which the console does not try to resume one. */
export const staffSignedInBefore = new SignInMarker('http://service.test/api/v1/staff/auth');

/** A fake service where nobody is signed in to the console yet. */
export function staffSignedOutService(): FakeService {
  staffSignedInBefore.remember(false);
  return new FakeService()
    .on('GET /api/v1/firms/demo/branding', () => json(200, branding))
    .on('POST /api/v1/staff/auth/refresh', () => problem(401, 'refresh_missing', 'No refresh token.'))
    .on('POST /api/v1/staff/auth/logout', () => new Response(null, { status: 204 }));
}

/** A fake service where a staff member with `role` is signed in (the first call resumes from the refresh cookie). */
export function staffSignedInService(role: StaffRole = 'owner'): FakeService {
  const service = staffSignedOutService();
  staffSignedInBefore.remember(true);
  return service.on('POST /api/v1/staff/auth/refresh', () => json(200, staffSignIn(role))).on('GET /api/v1/admin/staff/me', () => json(200, staffMe(role)));
}

export function consoleClientFor(service: FakeService, uploads?: FakeUploads): ConsoleClient {
  return new ConsoleClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch, ...(uploads ? { xhr: uploads.xhr } : {}) });
}

/** The tags of the console's screens: the elements built on ConsoleScreen. */
type ScreenTag = { [K in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[K] extends ConsoleScreen ? K : never }[keyof HTMLElementTagNameMap];

export interface ScreenOptions {
  width?: string;
  role?: StaffRole;
  lang?: string;
  /** False to mount it without a signed-in staff member. */
  staff?: boolean;
  itemId?: string;
  uploads?: FakeUploads;
}

/** Mounts a console screen alone, in a page of `width` and `lang`, before it has loaded. */
export async function mountScreen<K extends ScreenTag>(
  tag: K,
  service: FakeService,
  { width = '70rem', role = 'owner', lang = 'en', staff = true, itemId = '', uploads }: ScreenOptions = {},
): Promise<HTMLElementTagNameMap[K]> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}"></div>`);
  const element = document.createElement(tag);
  element.client = consoleClientFor(service, uploads);
  if (staff) element.staff = staffMe(role);
  if (itemId) element.itemId = itemId;
  wrapper.append(element);
  return element;
}

// Reading a screen's shadow DOM, as every screen's tests do.
export const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
export const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
export const $ = <T extends Element = HTMLElement>(element: Element, selector: string): T => element.shadowRoot!.querySelector<T>(selector)!;
export const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits for a screen's confirmation dialog to open. */
export const confirmOpened = (element: Element): Promise<void> => waitUntil(() => $<HTMLDialogElement>(element, 'dialog.confirm').open);
/** Waits for a screen's confirmation dialog to close. */
export const confirmClosed = (element: Element): Promise<void> => waitUntil(() => !$<HTMLDialogElement>(element, 'dialog.confirm').open);

export function firmContact(id: string, name: string, overrides: Partial<FirmContact> = {}): FirmContact {
  return {
    id,
    firmId: 'firm_1',
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    name,
    phone: null,
    status: 'active',
    externalId: null,
    locale: null,
    hasLogin: false,
    invitationStatus: 'none',
    invitedAt: null,
    lastSignInAt: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

/** Two of the firm's clients, as the contacts list answers the screens that name them. */
export const contacts = [
  {
    id: 'con_alex',
    firmId: 'firm_1',
    email: 'alex@example.com',
    name: 'Alex Morgan',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'con_jordan',
    firmId: 'firm_1',
    email: 'jordan@example.com',
    name: 'Jordan Lee',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
];

export function firmFile(n: number, overrides: Partial<FirmFile> = {}): FirmFile {
  return {
    id: `file_${n}`,
    name: `Document ${n}.pdf`,
    size: 1024 * n,
    contentType: 'application/pdf',
    folder: null,
    sha256: 'a'.repeat(64),
    uploadedBy: { type: 'staff', name: 'Margaret Hale' },
    createdAt: `2026-11-0${n}T10:00:00.000Z`,
    contactId: 'con_alex',
    ...overrides,
  };
}
