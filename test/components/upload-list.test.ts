import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { ApiError } from '../../components/api/api-error.ts';
import { renderUploadList, retryable, type UploadListView } from '../../components/files/upload-list.ts';
import type { Upload } from '../../components/files/upload-tracker.ts';
import { describe, it } from './mocha.ts';

const pdf = (name: string, size = 2048): File => new File(['x'.repeat(size)], name, { type: 'application/pdf' });

/** One upload in each state a row can show. */
function uploads(): Upload[] {
  return [
    { key: 'upload-t1', file: pdf('Ready.pdf'), status: 'ready', loaded: 0, total: 2048 },
    { key: 'upload-t2', file: pdf('Going.pdf'), status: 'uploading', loaded: 1024, total: 2048 },
    { key: 'upload-t3', file: pdf('Done.pdf'), status: 'done', loaded: 2048, total: 2048 },
    {
      key: 'upload-t4',
      file: pdf('Lost.pdf'),
      status: 'failed',
      loaded: 0,
      total: 2048,
      error: new ApiError({ status: 0, code: 'network_error', detail: 'The service could not be reached.' }),
    },
    {
      key: 'upload-t5',
      file: pdf('Scanned.pdf'),
      status: 'failed',
      loaded: 0,
      total: 2048,
      error: new ApiError({ status: 422, code: 'file_rejected', detail: 'The file did not pass the virus scan.' }),
    },
    { key: 'upload-t6', file: new File([], 'Empty.pdf', { type: 'application/pdf' }), status: 'refused', loaded: 0, total: 0, refusal: { reason: 'empty' } },
    { key: 'upload-t7', file: pdf('Stopped.pdf'), status: 'cancelled', loaded: 0, total: 2048 },
  ];
}

/** Renders the list as a host would, into a shadow root of its own; returns it and the calls its buttons made. */
async function shown(kind: 'attachments' | 'uploads', list: Upload[] = uploads()): Promise<{ root: ShadowRoot; calls: string[] }> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const root = host.attachShadow({ mode: 'open' });
  const calls: string[] = [];
  const view: UploadListView =
    kind === 'attachments'
      ? { kind, label: 'Files to send', maxBytes: 1024 * 1024, removeLabel: 'Remove', onRemove: (key) => calls.push(`remove ${key}`) }
      : {
          kind,
          label: 'Uploads',
          maxBytes: 1024 * 1024,
          onCancel: (key) => calls.push(`cancel ${key}`),
          onRetry: (key) => calls.push(`retry ${key}`),
          onDismiss: (key) => calls.push(`dismiss ${key}`),
        };
  render(renderUploadList(list, view), root);
  return { root, calls };
}

const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('renderUploadList', () => {
  it('renders nothing without uploads', async () => {
    const { root } = await shown('uploads', []);
    expect(root.querySelector('[part~="uploads"]')).to.equal(null);
  });

  it('shows uploads that go at once: progress, problems, and cancel, retry or dismiss; accessible', async () => {
    const { root, calls } = await shown('uploads');
    await expect(root.host).to.be.accessible();
    const list = root.querySelector('ul')!;
    expect(list.getAttribute('part')).to.equal('uploads');
    expect(list.getAttribute('aria-label')).to.equal('Uploads');
    const rows = [...root.querySelectorAll<HTMLElement>('[part~="upload"]')];
    expect(rows.map((row) => row.getAttribute('part'))).to.deep.equal([
      'upload upload-ready',
      'upload upload-uploading',
      'upload upload-done',
      'upload upload-failed',
      'upload upload-failed',
      'upload upload-refused',
      'upload upload-cancelled',
    ]);
    const going = rows[1]!;
    expect(going.querySelector<HTMLProgressElement>('[part~="progress"]')!.value).to.equal(50);
    expect(text(going)).to.contain('50% uploaded');
    expect(text(rows[2])).to.contain('Uploaded');
    expect(text(rows[6])).to.contain('Upload cancelled');
    expect(rows[5]!.querySelector('[part~="upload-error"]'), 'a refused file says why').not.to.equal(null);
    expect(rows[3]!.querySelector('[part~="retry-upload-button"]'), 'a lost upload can be tried again').not.to.equal(null);
    expect(rows[4]!.querySelector('[part~="retry-upload-button"]'), 'a file the service refused cannot').to.equal(null);

    going.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    rows[3]!.querySelector<HTMLButtonElement>('[part~="retry-upload-button"]')!.click();
    rows[2]!.querySelector<HTMLButtonElement>('[part~="dismiss-button"]')!.click();
    expect(calls).to.deep.equal(['cancel upload-t2', 'retry upload-t4', 'dismiss upload-t3']);
  });

  it('shows files chosen for a message, each with one remove button (cancel while it goes); accessible', async () => {
    const { root, calls } = await shown('attachments');
    await expect(root.host).to.be.accessible();
    const rows = [...root.querySelectorAll<HTMLElement>('[part~="upload"]')];
    expect(rows.every((row) => row.getAttribute('part') === 'upload')).to.equal(true);
    expect(root.querySelectorAll('[part~="retry-upload-button"], [part~="dismiss-button"], [part~="cancel-button"]')).to.have.length(0);
    const removes = rows.map((row) => row.querySelector<HTMLButtonElement>('[part~="remove-button"]')!);
    expect(removes.map(text)).to.deep.equal(['Remove', 'Cancel', 'Remove', 'Remove', 'Remove', 'Remove', 'Remove']);
    expect(text(rows[6]!.querySelector('.upload-error'))).to.equal('Upload cancelled');
    expect(removes[1]!.getAttribute('aria-describedby')).to.equal('upload-t2-name');
    removes[1]!.click();
    expect(calls).to.deep.equal(['remove upload-t2']);
  });

  it('tells which failures are worth trying again', () => {
    const [ready, , , lost, scanned] = uploads();
    expect([ready, lost, scanned].map((upload) => retryable(upload!))).to.deep.equal([false, true, false]);
  });
});
