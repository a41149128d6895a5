import type { Config } from '../config.ts';
import { Problem } from '../http/problem.ts';
import { createLogger } from '../logger.ts';
import type { Services } from '../services.ts';

export interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  description: string;
}

export type CliValues = Record<string, string | boolean | string[] | undefined>;

/**
 * Where a command's words go and what it reads of its surroundings: the process's by default;
 * a test calls `main` in-process with its own.
 */
export interface CliIO {
  /** One line of the command's output (stdout): what a script would read. */
  out(line: string): void;
  /** One line for the operator (stderr): errors and notices beside the output. */
  err(line: string): void;
  /** The environment the configuration is read from. */
  env: NodeJS.ProcessEnv;
  /** For `serve` and `worker`: resolves, with its name, when they should stop (SIGINT or SIGTERM). */
  stopRequested(): Promise<string>;
}

/** What a command runs with. */
export interface CommandContext {
  config: Config;
  out: CliIO['out'];
  err: CliIO['err'];
  stopRequested: CliIO['stopRequested'];
}

/** One `portico` command: its help text, its options and what it does. */
export interface Command {
  usage: string;
  summary: string;
  options: Record<string, CliOption>;
  /** Option names that must be given. */
  required?: string[];
  /** The one positional argument the command needs (e.g. an id), passed to `run` as `values[key]`. */
  argument?: { name: string; key: string; description: string };
  run(values: CliValues, context: CommandContext): Promise<void>;
}

/** What the audit log records for changes made from the command line. */
export const cliActor = { type: 'system', id: 'cli' } as const;

/**
 * Opens the store for one command and closes it afterwards, whatever happens. What the command
 * queued (its emails) is run before it ends; what cannot run now is left for the service. A
 * command is the operator's: it acts across firms, naming each by its slug.
 */
export async function withServices<T>(config: Config, work: (services: Services) => Promise<T> | T, options: { runJobs?: boolean } = {}): Promise<T> {
  // Loaded when a command runs: the components' own commands import this module, and they are
  // part of what main.ts loads, so a static import here would be a cycle.
  const { openServices, closeServices } = await import('../main.ts');
  const services = await openServices(config, { logger: createLogger({ silent: true }) });
  try {
    const result = await services.storage.asSystem(() => work(services));
    if (options.runJobs !== false) await services.jobs.drain();
    return result;
  } finally {
    await closeServices(services);
  }
}

/** The contact a command names by email, or a clear 404. */
export async function contactByEmail(services: Services, firmId: string, email: string) {
  const contact = await services.contacts.findByEmail(firmId, email);
  if (!contact) throw Problem.notFound(`contact with the email ${email}`);
  return contact;
}
