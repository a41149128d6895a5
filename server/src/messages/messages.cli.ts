import { cliActor, contactByEmail, withServices, type Command } from '../cli/command.ts';

export const messageCommands: Record<string, Command> = {
  'thread list': {
    usage: 'portico thread list --firm SLUG [--contact EMAIL]',
    summary: "List a firm's message threads, newest activity first, or one client's.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "Only this client's (their email address)." },
    },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contactId = v.contact === undefined ? undefined : (await contactByEmail(services, firm.id, v.contact as string)).id;
        let cursor: string | undefined;
        let count = 0;
        do {
          const page = await services.messages.listForFirm(firm.id, { contactId, limit: 100, cursor });
          for (const t of page.data) {
            const unread = t.unreadCount ? `${t.unreadCount} unread` : 'read';
            out([t.id, t.status.padEnd(6), unread.padEnd(9), t.lastActivityAt, t.contact.email, t.subject].join('  '));
          }
          count += page.data.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (count === 0) out(`No threads${v.contact ? ` with ${v.contact as string}` : ''} in ${firm.slug}.`);
      });
    },
  },
  'thread reply': {
    usage: 'portico thread reply --firm SLUG --id THREAD --staff NAME --body TEXT',
    summary: 'Reply in a thread as a named member of staff; the client is emailed a notice (without the text).',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      id: { type: 'string', description: 'The thread id (see thread list).' },
      staff: { type: 'string', description: 'Who is replying, as the client sees it, e.g. "Margaret Hale, Partner".' },
      body: { type: 'string', description: 'The message, as plain text.' },
    },
    required: ['firm', 'id', 'staff', 'body'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const message = await services.messages.replyForFirm(firm.id, v.id as string, { body: v.body, staffName: v.staff }, cliActor);
        out(`Replied in ${message.threadId} as ${message.author.name} (${message.id})`);
      });
    },
  },
  'thread start': {
    usage: 'portico thread start --firm SLUG --contact EMAIL --subject SUBJECT --body TEXT --staff NAME',
    summary: 'Start a thread with a client as a named member of staff; the client is emailed a notice (without the text).',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "The client's email address." },
      subject: { type: 'string', description: 'What the thread is about.' },
      body: { type: 'string', description: 'The first message, as plain text.' },
      staff: { type: 'string', description: 'Who is writing, as the client sees it, e.g. "Daniel Okafor, Associate".' },
    },
    required: ['firm', 'contact', 'subject', 'body', 'staff'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contact = await contactByEmail(services, firm.id, v.contact as string);
        const { thread } = await services.messages.startForFirm(
          firm.id,
          { contactId: contact.id, subject: v.subject, body: v.body, staffName: v.staff },
          cliActor,
        );
        out(`Started thread ${thread.id} with ${contact.email}: ${thread.subject}`);
      });
    },
  },
};
