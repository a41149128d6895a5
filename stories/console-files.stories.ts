import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmFile } from '../components/console/api/files-api.ts';
import '../components/console/files/define.ts';
import type { PortalConsoleFiles } from '../components/console/files/files.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const clients = [
  {
    id: 'con_alex',
    firmId: 'firm_demo',
    email: 'alex@example.com',
    name: 'Alex Morgan',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  },
  {
    id: 'con_jordan',
    firmId: 'firm_demo',
    email: 'jordan@example.com',
    name: 'Jordan Lee',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-02-11T09:00:00.000Z',
    updatedAt: '2026-02-11T09:00:00.000Z',
  },
];

const file = (id: string, name: string, contactId: string, folder: string | null, by: FirmFile['uploadedBy'], createdAt: string, size: number): FirmFile => ({
  id,
  name,
  size,
  contentType: 'application/pdf',
  folder,
  sha256: 'a'.repeat(64),
  uploadedBy: by,
  createdAt,
  contactId,
});

const storyFiles: FirmFile[] = [
  file('file_s1', 'Signed lease.pdf', 'con_alex', 'Morgan v. Castellan', { type: 'contact', name: 'Alex Morgan' }, '2026-12-04T16:20:00.000Z', 2_400_000),
  file(
    'file_s2',
    'Bank statements 2026.pdf',
    'con_alex',
    'Estate of Eleanor Morgan',
    { type: 'contact', name: 'Alex Morgan' },
    '2026-12-03T11:05:00.000Z',
    880_000,
  ),
  file(
    'file_s3',
    'Engagement letter.pdf',
    'con_jordan',
    'Lee Holdings — formation',
    { type: 'staff', name: 'Margaret Hale' },
    '2026-12-01T09:30:00.000Z',
    48_000,
  ),
  file(
    'file_s4',
    'Probate checklist.pdf',
    'con_alex',
    'Estate of Eleanor Morgan',
    { type: 'staff', name: 'Daniel Whitmore' },
    '2026-11-27T14:00:00.000Z',
    152_000,
  ),
  file('file_s5', 'Operating agreement draft.pdf', 'con_jordan', null, { type: 'staff', name: 'Margaret Hale' }, '2026-11-20T10:45:00.000Z', 310_000),
];

/** The admin routes of the Files screen: `files` answers the list ('never', 'offline' or a Response stand in for states). */
function filesHandler(files: FirmFile[] | ConsoleAnswer): ConsoleHandler {
  return (method, url) => {
    if (method === 'GET' && url.pathname === '/api/v1/admin/contacts') return { data: clients, nextCursor: null };
    if (method === 'DELETE' && url.pathname.startsWith('/api/v1/admin/files/')) return new Response(null, { status: 204 });
    if (method !== 'GET' || url.pathname !== '/api/v1/admin/files') return undefined;
    if (!Array.isArray(files)) return files;
    const contactId = url.searchParams.get('contactId');
    const by = url.searchParams.get('uploadedBy');
    const folder = url.searchParams.get('folder');
    const mine = (files as FirmFile[]).filter((f) => !contactId || f.contactId === contactId);
    const data = mine.filter((f) => (!by || f.uploadedBy.type === by) && (folder === null || (f.folder ?? '') === folder));
    const folders = [...new Set(mine.map((f) => f.folder))].sort().map((name) => ({ name, files: mine.filter((f) => f.folder === name).length }));
    return { data, nextCursor: null, ...(contactId ? { folders } : {}) };
  };
}

interface FilesArgs {
  files: FirmFile[] | ConsoleAnswer;
  signedInStaff: boolean;
  itemId: string;
}

const meta: Meta<FilesArgs> = {
  title: 'Console/Files',
  component: 'portal-console-files',
  render: ({ files, signedInStaff, itemId }) =>
    html`<portal-console-files
      item-id=${itemId}
      .client=${consoleMockClient({ role: 'staff', handlers: [filesHandler(files)] })}
      .staff=${signedInStaff ? storyStaffMe('staff') : undefined}
    ></portal-console-files>`,
  args: { files: storyFiles, signedInStaff: true, itemId: '' },
  argTypes: { files: { control: false } },
};

export default meta;

type Story = StoryObj<FilesArgs>;

async function ready(canvas: HTMLElement): Promise<PortalConsoleFiles> {
  const element = canvas.querySelector<PortalConsoleFiles>('portal-console-files')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector('[part~="file"]'); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** Every client's files, newest first: what clients uploaded carries a mark; the firm's uploads can be deleted. */
export const Full: Story = {};

/** While the files load. */
export const Loading: Story = { args: { files: 'never' } };

/** No files yet. */
export const Empty: Story = { args: { files: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { files: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** One client's files, with their folders to filter by. */
export const OneClient: Story = { args: { itemId: 'con_alex' } };

/** The share form, opened for a client, with their folders to choose from. */
export const ShareForm: Story = {
  args: { itemId: 'con_alex' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="share-button"]')!.click();
  },
};

/** The confirmation before a firm upload is deleted. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-file-id="file_s3"] [part~="delete-button"]')!.click();
  },
};

/** Without a signed-in staff member who may write: read and download only. */
export const ReadOnly: Story = { args: { signedInStaff: false } };

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-color-danger: #fca5a5; --portal-color-success: #86efac;
        --portal-color-warning: #fcd34d; --portal-console-files-client-upload-color: #fbbf24;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
