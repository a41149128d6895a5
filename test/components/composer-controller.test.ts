import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { ApiClient } from '../../components/api/api-client.ts';
import { ApiError } from '../../components/api/api-error.ts';
import type { Thread } from '../../components/api/types.ts';
import { ComposerController, type Sent } from '../../components/messages/composer-controller.ts';
import { deferred } from './fake-service.ts';
import { message, thread } from './message-fixtures.ts';
import { describe, it } from './mocha.ts';

/** What the fake service was asked. */
type Call = { reply: { id: string; body: unknown } } | { create: unknown } | { upload: string };

/** An element with a composer and a reply box, talking to a fake client. */
class Writer extends LitElement {
  readonly calls: Call[] = [];
  readonly sent: Sent[] = [];
  readonly invalid: string[] = [];
  readonly closed: Thread[] = [];
  replyAnswer: () => Promise<unknown> = async () => message(9, 'thr_1');
  readonly client = {
    threads: {
      reply: (id: string, body: unknown) => (this.calls.push({ reply: { id, body } }), this.replyAnswer()),
      create: async (body: unknown) => (this.calls.push({ create: body }), { thread: thread(7), message: message(1, 'thr_7') }),
    },
    files: {
      upload: async (file: File) => (this.calls.push({ upload: file.name }), { id: `file_${file.name}`, name: file.name }),
    },
  } as unknown as ApiClient;
  readonly composer = new ComposerController(this, {
    client: () => this.client,
    maxBytes: () => undefined,
    replyField: () => this.renderRoot.querySelector('textarea'),
    invalid: (field) => void this.invalid.push(field),
    sent: (sent) => void this.sent.push(sent),
    closed: (closed) => void this.closed.push(closed),
  });

  protected override render() {
    return html`<textarea aria-label="Reply"></textarea>`;
  }
}
customElements.define('test-writer', Writer);

const field = (writer: Writer) => writer.shadowRoot!.querySelector('textarea')!;

describe('ComposerController', () => {
  it('sends a reply with its files, once: the text must be there first', async () => {
    const writer = await fixture<Writer>(html`<test-writer></test-writer>`);
    const open = thread(1);
    await writer.composer.send({ reply: open });
    expect(writer.composer.replyError?.()).to.equal('Write a message first.');
    expect(writer.invalid).to.deep.equal(['reply']);
    expect(writer.calls).to.deep.equal([]);

    writer.composer.drafts.set(open.id, 'Here it is');
    field(writer).value = 'Here it is';
    writer.composer.attach('reply', [new File(['%PDF-1.4'], 'Lease.pdf', { type: 'application/pdf' })]);
    const going = writer.composer.send({ reply: open });
    expect(writer.composer.sending).to.equal(true);
    void writer.composer.send({ reply: open });
    await going;
    expect(writer.calls).to.deep.equal([{ upload: 'Lease.pdf' }, { reply: { id: open.id, body: { body: 'Here it is', attachmentIds: ['file_Lease.pdf'] } } }]);
    expect(writer.sent.map((sent) => [sent.thread.id, sent.newThread])).to.deep.equal([[open.id, false]]);
    expect(writer.composer.replyError).to.equal(undefined);
    expect(writer.composer.sending).to.equal(false);
    expect(field(writer).value).to.equal('');
    expect(writer.composer.drafts.has(open.id)).to.equal(false);
    expect(writer.composer.replyUploads.uploads).to.have.length(0);
  });

  it('starts a thread through the same send: subject and text checked first', async () => {
    const writer = await fixture<Writer>(html`<test-writer></test-writer>`);
    writer.composer.startComposing();
    writer.composer.newThread.body = 'Hello';
    await writer.composer.send({ newThread: true });
    expect(writer.composer.composeErrors.subject?.()).to.equal('Enter a subject.');
    expect(writer.composer.composeErrors.body).to.equal(undefined);
    expect(writer.invalid).to.deep.equal(['subject']);
    expect(writer.calls).to.deep.equal([]);

    writer.composer.newThread.subject = '  Lease renewal ';
    await writer.composer.send({ newThread: true });
    expect(writer.calls).to.deep.equal([{ create: { subject: 'Lease renewal', body: 'Hello' } }]);
    expect(writer.sent.map((sent) => [sent.thread.id, sent.newThread])).to.deep.equal([['thr_7', true]]);
    expect(writer.composer.composing).to.equal(false);
    expect(writer.composer.newThread).to.deep.equal({ subject: '', body: '' });
  });

  it('hears that the thread was closed meanwhile, and drops a reply when another thread opens', async () => {
    const writer = await fixture<Writer>(html`<test-writer></test-writer>`);
    const open = thread(1);
    field(writer).value = 'Still there?';
    writer.replyAnswer = () => Promise.reject(new ApiError({ status: 409, code: 'thread_closed', detail: 'This conversation is closed.' }));
    await writer.composer.send({ reply: open });
    expect(writer.closed.map((closed) => [closed.id, closed.status])).to.deep.equal([[open.id, 'closed']]);
    expect(writer.composer.replyError?.()).to.contain('closed');

    const answer = deferred<unknown>();
    writer.replyAnswer = () => answer.promise;
    const going = writer.composer.send({ reply: open });
    await Promise.resolve();
    writer.composer.leaveThread();
    expect(writer.composer.sending).to.equal(false);
    answer.resolve(message(9, 'thr_1'));
    await going;
    expect(writer.sent).to.have.length(0);
  });
});
