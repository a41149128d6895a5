import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PortalMessages } from '../components/index.ts';
import '../components/messages/define.ts';
import '../components/session/define.ts';
import { answersArrived } from './answers-due.ts';
import { storyUploadLimit } from './messages-data.ts';
import { demoBranding, mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface MessagesArgs {
  threadId: string;
  service: MockOptions;
}

const meta: Meta<MessagesArgs> = {
  title: 'Components/Messages',
  component: 'portal-messages',
  render: ({ threadId, service }) =>
    html`<portal-messages thread-id=${threadId} poll-interval="0" .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-messages>`,
  args: { threadId: '', service: {} },
  argTypes: { threadId: { control: 'text' }, service: { control: false } },
};

export default meta;

type Story = StoryObj<MessagesArgs>;

/** Picks files in the element's hidden file input, as the browser's file picker would. */
function chooseFiles(element: PortalMessages, inputId: string, files: File[]): void {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>(`#${inputId}`)!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Waits until `find` returns something, checking every frame for up to five seconds. */
async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (let frame = 0; frame < 300; frame += 1) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error('The story did not reach its state.');
}

/** Three conversations: one with an unread reply from the firm, one read, one the firm closed. Open one to read and reply. */
export const Full: Story = {};

/** A conversation open beside the list: the firm's messages and the client's, attachments, a link, and the reply box. */
export const ThreadOpen: Story = { args: { threadId: 'thr_story_deposition' } };

/** While the conversations load. */
export const Loading: Story = { args: { service: { messages: { threads: 'never' } } } };

/** A client who has not written yet. */
export const Empty: Story = { args: { service: { messages: { threads: 'empty' } } } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { messages: { threads: 'error' } } } };

/** A conversation the firm closed: the reply box is turned off and says why. */
export const ThreadClosed: Story = { args: { threadId: 'thr_story_welcome' } };

/** A thread of 10,000 messages: only those near the viewport are in the DOM; scroll up for earlier pages. */
export const LongThread: Story = { args: { threadId: 'thr_story_long', service: { messages: { threads: 'long' } } } };

/** The new message form. */
export const NewMessage: Story = {
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<PortalMessages>('portal-messages')!;
    const button = await until(() => element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="new-button"]'));
    button.click();
  },
};

/** A reply being sent with two files: each shows its upload progress (this upload stops part-way). */
export const UploadInProgress: Story = {
  args: { threadId: 'thr_story_probate', service: { messages: { upload: 'stall' } } },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<PortalMessages>('portal-messages')!;
    const reply = await until(() => element.shadowRoot!.querySelector<HTMLTextAreaElement>('#reply'));
    chooseFiles(element, 'reply-files', [
      new File([new Uint8Array(900_000)], 'Deed scan.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(240_000)], 'Tax assessment.pdf', { type: 'application/pdf' }),
    ]);
    reply.value = 'Here are the deed and the latest tax assessment.';
    reply.dispatchEvent(new Event('input'));
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
  },
};

/** Files that cannot be sent: one over the firm's limit and one of a type the portal does not take, refused before uploading. */
export const UploadErrors: Story = {
  args: { threadId: 'thr_story_probate', service: { branding: { ...demoBranding, maxUploadBytes: storyUploadLimit } } },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<PortalMessages>('portal-messages')!;
    await until(() => element.shadowRoot!.querySelector('#reply'));
    // The firm's limit arrives with its branding.
    await answersArrived();
    chooseFiles(element, 'reply-files', [
      new File([new Uint8Array(storyUploadLimit + 300 * 1024)], 'Exhibits bundle.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'setup.exe'),
    ]);
  },
};

/**
 * Inside `<portal-session>`, themed by the firm's branding from the service, with component
 * tokens set by the page for the messages.
 */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  args: { threadId: 'thr_story_deposition' },
  render: ({ threadId }) => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-messages-contact-background: #e4f2ec; --portal-messages-staff-background: #fdf3ea; --portal-messages-unread-background: #a84a15"
    >
      <portal-messages thread-id=${threadId} poll-interval="0"></portal-messages>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px): the list, or a conversation with a Back button. */
export const Narrow: Story = { parameters: { narrow: true } };

/** A conversation open at 320px. */
export const NarrowThread: Story = { args: { threadId: 'thr_story_deposition' }, parameters: { narrow: true } };
