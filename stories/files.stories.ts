import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalFiles } from '../components/index.ts';
import '../components/files/define.ts';
import '../components/session/define.ts';
import { answersArrived } from './answers-due.ts';
import { storyUploadLimit } from './messages-data.ts';
import { demoBranding, mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface FilesArgs {
  service: MockOptions;
}

const meta: Meta<FilesArgs> = {
  title: 'Components/Files',
  component: 'portal-files',
  render: ({ service }) => html`<portal-files .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-files>`,
  args: { service: {} },
  argTypes: { service: { control: false } },
};

export default meta;

type Story = StoryObj<FilesArgs>;

/** Picks files in the element's hidden file input, as the browser's file picker would. */
async function chooseFiles(element: PortalFiles, files: File[]): Promise<void> {
  let input: HTMLInputElement | null = null;
  for (let frame = 0; frame < 300 && !input; frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (element.shadowRoot?.querySelector('[part~="file"], [part~="empty"]')) input = element.shadowRoot.querySelector<HTMLInputElement>('input[type="file"]');
  }
  // The firm's limit arrives with its branding.
  await answersArrived();
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input!.files = transfer.files;
  input!.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Documents by matter, shared by the firm and uploaded by the client. Choose or drop files to upload them. */
export const Full: Story = {};

/** While the files load. */
export const Loading: Story = { args: { service: { messages: { files: 'never' } } } };

/** No files yet: the upload area is ready. */
export const Empty: Story = { args: { service: { messages: { files: 'empty' } } } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { messages: { files: 'error' } } } };

/** Two documents on their way, each with its progress bar and Cancel (this upload stops part-way). */
export const UploadInProgress: Story = {
  args: { service: { messages: { upload: 'stall' } } },
  play: async ({ canvasElement }) => {
    await chooseFiles(canvasElement.querySelector<PortalFiles>('portal-files')!, [
      new File([new Uint8Array(2_400_000)], 'Lease signed.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(600_000)], 'Rent receipts.pdf', { type: 'application/pdf' }),
    ]);
  },
};

/**
 * Every way an upload can be refused: too large and a type the portal does not take (found
 * before sending), and the service's refusals: content that does not match the name, too large,
 * and the virus scan.
 */
export const UploadErrors: Story = {
  args: { service: { branding: { ...demoBranding, maxUploadBytes: storyUploadLimit }, messages: {} } },
  play: async ({ canvasElement }) => {
    await chooseFiles(canvasElement.querySelector<PortalFiles>('portal-files')!, [
      new File([new Uint8Array(storyUploadLimit + 700 * 1024)], 'Exhibits bundle.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'setup.exe'),
      new File(['plain text'], 'Renamed statement.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(4096)], 'Huge archive.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(2048)], 'Infected invoice.pdf', { type: 'application/pdf' }),
    ]);
  },
};

/** Uploads while the connection is down: each can be tried again. */
export const UploadOffline: Story = {
  args: { service: { messages: { upload: 'offline' } } },
  play: async ({ canvasElement }) => {
    await chooseFiles(canvasElement.querySelector<PortalFiles>('portal-files')!, [
      new File([new Uint8Array(20_000)], 'Insurance policy.pdf', { type: 'application/pdf' }),
    ]);
  },
};

/** Inside `<portal-session>`, themed by the firm's branding from the service, with component tokens set by the page. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: () => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-files-drop-zone-background: #f3faf7; --portal-files-folder-color: #0f5c4d"
    >
      <portal-files></portal-files>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };
