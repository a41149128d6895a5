import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { defaultSettings } from './firms/index.ts';
import { Problem } from './http/problem.ts';
import { cliActor, withServices, type CliIO, type CliValues, type Command } from './cli/command.ts';
import { activityCommands } from './activities/index.ts';
import { apiKeyCommands } from './api-keys/index.ts';
import { invoiceCommands } from './invoices/index.ts';
import { messageCommands } from './messages/index.ts';
import { staffCommands } from './staff/index.ts';
import { jobCommands } from './jobs/index.ts';
import { dbCommands } from './db/db.cli.ts';
import { MigrationError } from './db/migrator.ts';
import { startService, startWorker } from './main.ts';
import { seedDemo, demoClients, demoPassword, demoStaff } from './seed/demo.ts';
import type { Services } from './services.ts';

const firmBySlug = (services: Services, slug: string) => services.firms.bySlug(slug);

const commands: Record<string, Command> = {
  serve: {
    usage: 'portico serve [--seed-demo]',
    summary: 'Start the token service (configured by the environment: PORT, DATA_DIR, PUBLIC_URL, …).',
    options: { 'seed-demo': { type: 'boolean', description: 'Create the demo firm and its clients on first start.' } },
    async run(values, { config, out, stopRequested }) {
      const service = await startService(config, { seedDemo: values['seed-demo'] === true });
      out(`Portico token service listening on ${config.publicUrl} (port ${config.port}, data in ${config.dataDir})`);
      out(`${await stopRequested()}: stopping…`);
      await service.close();
    },
  },
  worker: {
    usage: 'portico worker',
    summary: 'Run only the job workers (emails, webhooks, settlements, recovery), no HTTP: beside instances started with WORKERS=0.',
    options: {},
    async run(_values, { config, out, stopRequested }) {
      const worker = await startWorker(config);
      out(`Portico worker running ${Math.max(config.workers, 1)} job(s) at a time (data in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})`);
      out(`${await stopRequested()}: stopping after the jobs running now…`);
      await worker.close();
    },
  },
  'firm create': {
    usage:
      'portico firm create --slug SLUG --name NAME [--currency USD] [--site-url URL] [--portal-url URL] [--origin URL]… [--brand-color #RRGGBB] [--logo-url URL]',
    summary: 'Create a firm. Its clients sign in on the pages at --origin.',
    options: {
      slug: { type: 'string', description: 'Short name used by the components, e.g. hale-whitmore.' },
      name: { type: 'string', description: "The firm's name as clients see it." },
      currency: { type: 'string', description: 'ISO 4217 currency of its invoices (default USD).' },
      'site-url': { type: 'string', description: "The firm's website." },
      'portal-url': { type: 'string', description: 'The page that embeds the portal; emails link here.' },
      origin: { type: 'string', multiple: true, description: 'An origin allowed to call the service (repeatable).' },
      'brand-color': { type: 'string', description: 'Main colour, e.g. #1f3a5f.' },
      'logo-url': { type: 'string', description: 'URL of the logo image.' },
    },
    required: ['slug', 'name'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.create({
          slug: v.slug,
          name: v.name,
          currency: v.currency,
          siteUrl: v['site-url'],
          allowedOrigins: v.origin ?? [],
          branding: v['brand-color'] || v['logo-url'] ? { colors: { brand: v['brand-color'] ?? '#1f3a5f' }, logoUrl: v['logo-url'] } : undefined,
          settings: {
            ...defaultSettings,
            ...(v['portal-url'] ? { portalUrl: v['portal-url'] } : {}),
          },
        });
        out(`Created firm ${firm.slug} (${firm.id}): ${firm.name}`);
      });
    },
  },
  ...apiKeyCommands,
  'contact add': {
    usage: 'portico contact add --firm SLUG --email EMAIL --name NAME [--phone PHONE] [--language en|es] [--invite]',
    summary: 'Add a client to a firm, and with --invite email them a link to create their portal login.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      email: { type: 'string', description: "The client's email address." },
      name: { type: 'string', description: "The client's name." },
      phone: { type: 'string', description: "The client's phone number." },
      language: { type: 'string', description: "The language of the client's portal and emails: en or es." },
      invite: { type: 'boolean', description: 'Send the portal invitation at once.' },
    },
    required: ['firm', 'email', 'name'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await firmBySlug(services, v.firm as string);
        const contact = await services.contacts.create(firm.id, { email: v.email, name: v.name, phone: v.phone, locale: v.language }, cliActor);
        out(`Added ${contact.name} <${contact.email}> (${contact.id}) to ${firm.slug}`);
        if (v.invite) {
          const invitation = await services.auth.invite(firm.id, contact.id, cliActor);
          out(`Invitation emailed to ${contact.email}; it expires ${invitation.expiresAt}`);
        }
      });
    },
  },
  'contact language': {
    usage: 'portico contact language --firm SLUG --email EMAIL --language en|es|none',
    summary: "Set the language of a client's portal and emails; none lets their emails follow the portal page they sign in from.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      email: { type: 'string', description: "The client's email address." },
      language: { type: 'string', description: 'en, es, or none.' },
    },
    required: ['firm', 'email', 'language'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await firmBySlug(services, v.firm as string);
        const contact = await services.contacts.findByEmail(firm.id, v.email as string);
        if (!contact) throw Problem.notFound(`contact with the email ${v.email as string} in ${firm.slug}`);
        const locale = v.language === 'none' ? null : v.language;
        const updated = await services.contacts.update(firm.id, contact.id, { locale }, cliActor);
        out(
          `${updated.name} <${updated.email}> reads the portal and emails in ${updated.locale === 'es' ? 'Spanish' : updated.locale === 'en' ? 'English' : 'the language of the portal page they sign in from'}`,
        );
      });
    },
  },
  invite: {
    usage: 'portico invite --firm SLUG --email EMAIL',
    summary: 'Email a client a link to create (or re-create) their portal login. Any earlier link stops working.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      email: { type: 'string', description: "The client's email address." },
    },
    required: ['firm', 'email'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await firmBySlug(services, v.firm as string);
        const contact = await services.contacts.findByEmail(firm.id, v.email as string);
        if (!contact) throw Problem.notFound(`contact with the email ${v.email as string} in ${firm.slug}`);
        const invitation = await services.auth.invite(firm.id, contact.id, cliActor);
        out(
          invitation.hasLogin
            ? `${contact.name} already has a portal login. Emailed ${contact.email} a link to choose a new password (the current one keeps working until it is used); it expires ${invitation.expiresAt}`
            : `Invitation emailed to ${contact.email}; it expires ${invitation.expiresAt}`,
        );
      });
    },
  },
  'seed-demo': {
    usage: 'portico seed-demo',
    summary: 'Create the demo firm (slug demo) and its two clients, unless it exists.',
    options: {},
    async run(_v, { config, out }) {
      await withServices(config, async (services) => {
        const { created } = await seedDemo(services, { siteUrl: `http://localhost:${config.demoPort}` });
        out(created ? 'Seeded the demo firm.' : 'The demo firm exists already; nothing changed.');
        out(`Clients: ${demoClients.map((c) => c.email).join(', ')} (password ${demoPassword})`);
        out(`Console: ${demoStaff.email} (password ${demoPassword})`);
      });
    },
  },
  'keys rotate': {
    usage: 'portico keys rotate',
    summary:
      'Start signing access tokens with a new key (every instance on the database within a minute). Tokens signed by the previous keys stay valid until they expire.',
    options: {},
    async run(_v, { config, out }) {
      await withServices(config, async (services) => out(`New signing key ${await services.keys.rotate()}`));
    },
  },
  ...staffCommands,
  ...invoiceCommands,
  ...activityCommands,
  ...messageCommands,
  ...jobCommands,
  ...dbCommands,
};

function help(out: (line: string) => void) {
  out('Usage: portico <command> [options]\n');
  out('Commands:');
  for (const [name, command] of Object.entries(commands)) out(`  ${name.padEnd(16)} ${command.summary}`);
  out('\nEach command has --help. Configuration comes from the environment (see the README).');
}

function commandHelp(command: Command, out: (line: string) => void) {
  out(`Usage: ${command.usage}\n\n${command.summary}\n`);
  if (command.argument) out(`Argument:\n  ${command.argument.name.padEnd(22)} ${command.argument.description} (required)\n`);
  const entries = Object.entries(command.options);
  if (entries.length) out('Options:');
  for (const [name, option] of entries) {
    const flag = option.type === 'string' ? `--${name} VALUE` : `--${name}`;
    out(`  ${flag.padEnd(22)} ${option.description}${command.required?.includes(name) ? ' (required)' : ''}`);
  }
  out(`  ${'--help'.padEnd(22)} Show this help.`);
}

/** The first SIGINT or SIGTERM the process receives, by name. */
function processStop(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/** The process's own streams and environment. */
const processIO: CliIO = {
  out: (line) => console.log(line),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stopRequested: processStop,
};

/** Runs the CLI; returns the exit code. `io` replaces the process's streams, environment or stop signals. */
export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const { out, err, env, stopRequested } = { ...processIO, ...io };
  const fail = (message: string) => {
    err(`portico: ${message}`);
    return 1;
  };
  const name = [`${argv[0]} ${argv[1]}`, argv[0]].find((candidate) => candidate && commands[candidate]);
  if (!name) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
      help(out);
      return 0;
    }
    return fail(`unknown command "${argv.slice(0, 2).join(' ')}". Run portico --help for the list.`);
  }
  const command = commands[name]!;
  const rest = argv.slice(name.split(' ').length);
  let values: CliValues;
  let positionals: string[];
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([key, { type, multiple }]) => [key, { type, multiple: multiple ?? false }]));
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: command.argument !== undefined,
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${command.usage}`);
  }
  if (values.help) {
    commandHelp(command, out);
    return 0;
  }
  const missing = (command.required ?? []).filter((option) => values[option] === undefined).map((m) => `--${m}`);
  if (command.argument && positionals.length === 0) missing.push(command.argument.name);
  if (missing.length) return fail(`missing ${missing.join(', ')}\n\n${command.usage}`);
  if (positionals.length > 1) return fail(`Unexpected argument '${positionals[1]}': only one ${command.argument!.name} is taken.\n\n${command.usage}`);
  if (command.argument) values[command.argument.key] = positionals[0];
  try {
    await command.run(values, { config: loadConfig(env), out, err, stopRequested });
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) return fail(`configuration error: ${error.message}`);
    if (error instanceof MigrationError) return fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`port ${(error as { port?: number }).port ?? ''} is already in use: stop what is using it or set PORT.`);
    if (code === 'EACCES') return fail(`not allowed to listen on port ${(error as { port?: number }).port ?? ''}: choose another PORT.`);
    if (error instanceof Problem) {
      const details = (error.extra.errors as { field: string; message: string }[] | undefined)?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
      return fail(`${error.message}${details}`);
    }
    throw error;
  }
}
