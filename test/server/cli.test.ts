import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../server/src/app.ts';
import { SigningKeys } from '../../server/src/auth/signing-keys.ts';
import { loadConfig } from '../../server/src/config.ts';
import { loadSecretsKey } from '../../server/src/secrets/secrets-key.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { listOutbox } from '../../server/src/mail/outbox.ts';
import { closeServices, openServices } from '../../server/src/main.ts';
import type { Services } from '../../server/src/services.ts';
import { freePort, runCli, runCliProcess, stackTrace, startServe, startWorkerCommand, withDatabase, type CliResult } from './helpers/cli.ts';
import { asOperator, removeDataDir } from './helpers/service.ts';

const commands: Record<string, { options: string[]; required: string[] }> = {
  serve: { options: ['--seed-demo'], required: [] },
  worker: { options: [], required: [] },
  'firm create': {
    options: ['--slug', '--name', '--currency', '--site-url', '--portal-url', '--origin', '--brand-color', '--logo-url'],
    required: ['--slug', '--name'],
  },
  'apikey create': { options: ['--firm', '--name'], required: ['--firm'] },
  'apikey list': { options: ['--firm'], required: ['--firm'] },
  'apikey revoke': { options: ['--firm'], required: ['--firm'] },
  'contact add': { options: ['--firm', '--email', '--name', '--phone', '--language', '--invite'], required: ['--firm', '--email', '--name'] },
  'contact language': { options: ['--firm', '--email', '--language'], required: ['--firm', '--email', '--language'] },
  invite: { options: ['--firm', '--email'], required: ['--firm', '--email'] },
  'seed-demo': { options: [], required: [] },
  'keys rotate': { options: [], required: [] },
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function describeRun(result: CliResult) {
  return `exit ${result.code ?? result.signal}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

function assertSucceeded(result: CliResult) {
  assert.equal(result.code, 0, describeRun(result));
}

/** Exit code 1, nothing on stdout, a `portico:` message on stderr matching each pattern, and no stack trace. */
function assertFailed(result: CliResult, ...patterns: RegExp[]) {
  assert.equal(result.code, 1, describeRun(result));
  assert.equal(result.stdout, '', describeRun(result));
  assert.match(result.stderr, /^portico: /);
  for (const pattern of patterns) assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, stackTrace);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-cli-'));
after(() => removeDataDir(root));

describe('portico --help and argument errors', { concurrency: Math.max(2, Math.min(4, os.availableParallelism())) }, () => {
  const env = { DATA_DIR: path.join(root, 'help') };
  let help: Promise<CliResult> | undefined;
  const topHelp = () => (help ??= runCli(['--help'], env));

  it('lists every command', async () => {
    const result = await topHelp();
    assertSucceeded(result);
    assert.match(result.stdout, /^Usage: portico <command> \[options\]/);
    for (const name of Object.keys(commands)) {
      assert.match(result.stdout, new RegExp(`^  ${escape(name)}\\s+\\S`, 'm'), `lists ${name}`);
    }
    assert.equal(result.stderr, '');
  });

  it('shows the same list with no arguments', async () => {
    const bare = await runCli([], env);
    assertSucceeded(bare);
    assert.equal(bare.stdout, (await topHelp()).stdout);
  });

  for (const [name, { options, required }] of Object.entries(commands)) {
    it(`${name} --help shows its usage and options`, async () => {
      const result = await runCli([...name.split(' '), '--help'], env);
      assertSucceeded(result);
      assert.match(result.stdout, new RegExp(`^Usage: portico ${escape(name)}\\b`));
      for (const option of [...options, '--help']) {
        const line = result.stdout.split('\n').find((l) => new RegExp(`^\\s+${escape(option)}\\b`).test(l));
        assert.ok(line, `${name} --help describes ${option}:\n${result.stdout}`);
        assert.equal(line.includes('(required)'), required.includes(option), `${option} is ${required.includes(option) ? '' : 'not '}marked required`);
      }
      const listed = [...result.stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]);
      assert.deepEqual(listed.sort(), [...options, '--help'].sort());
    });
  }

  it('refuses an unknown command', async () => {
    assertFailed(await runCli(['frobnicate'], env), /unknown command "frobnicate"/, /portico --help/);
    assertFailed(await runCli(['firm', 'delete', '--slug', 'acme'], env), /unknown command "firm delete"/);
  });

  it('refuses an unknown option, showing the usage', async () => {
    const result = await runCli(['firm', 'create', '--slug', 'colour', '--name', 'Colour', '--colour', 'red'], env);
    assertFailed(result, /Unknown option '--colour'/, /portico firm create --slug SLUG --name NAME/);
  });

  it('refuses a stray argument', async () => {
    assertFailed(await runCli(['seed-demo', 'now'], env), /Unexpected argument 'now'/);
    assertFailed(
      await runCli(['apikey', 'revoke', '--firm', 'acme', 'key_one', 'key_two'], env),
      /Unexpected argument 'key_two'/,
      /portico apikey revoke --firm SLUG ID/,
    );
  });

  it('apikey revoke --help describes its ID argument', async () => {
    const result = await runCli(['apikey', 'revoke', '--help'], env);
    assertSucceeded(result);
    assert.match(result.stdout, /^Argument:\n\s+ID\s+The id of the key .*\(required\)$/m);
  });

  it('names the missing required options', async () => {
    assertFailed(await runCli(['apikey', 'create'], env), /missing --firm\b/, /portico apikey create --firm SLUG/);
    assertFailed(await runCli(['apikey', 'revoke'], env), /missing --firm, ID$/m, /portico apikey revoke --firm SLUG ID/);
    assertFailed(await runCli(['apikey', 'revoke', '--firm', 'acme'], env), /missing ID$/m);
    const contact = await runCli(['contact', 'add', '--firm', 'acme'], env);
    assertFailed(contact, /missing --email, --name\b/);
    assert.doesNotMatch(contact.stderr, /--firm\b.*missing|missing.*--firm\b/);
  });
});

// The cases above run the CLI's main in this process; these run the binary, for what only a process shows.
describe('the portico binary', () => {
  const env = { DATA_DIR: path.join(root, 'help') };

  it('prints the help on stdout and exits 0', async () => {
    const result = await runCliProcess(['--help'], env);
    assertSucceeded(result);
    assert.equal(result.stdout, (await runCli(['--help'], env)).stdout);
    assert.equal(result.stderr, '');
  });

  it('exits 1 with a one-line message on stderr for a command it does not know', async () => {
    assertFailed(await runCliProcess(['frobnicate'], env), /^portico: unknown command "frobnicate"\. Run portico --help for the list\.\n$/);
  });
});

describe('portico help and argument errors, afterwards', () => {
  it('opened no database', () => {
    assert.equal(fs.existsSync(path.join(root, 'help')), false);
  });
});

describe('managing a firm from the command line', () => {
  const dataDir = path.join(root, 'flow');
  const env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://portico.test', DEMO_PORT: '8099' };
  const cli = (...args: string[]) => runCli(args, env);
  let apiKey: string;
  let services: Services | undefined;
  let server: Server | undefined;
  let baseUrl: string;

  /**
   * The token service in this process, over the same store as the CLI, listening on 127.0.0.1; its
   * services called directly act as the operator, as the CLI does.
   */
  async function open(): Promise<Services> {
    if (!services) {
      const opened = await openServices(loadConfig(await withDatabase(env)));
      services = asOperator(opened, opened.storage);
      const app = createApp(opened, { logger: silentLogger, sdkDir: path.join(dataDir, 'no-sdk') });
      server = await new Promise<Server>((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    return services;
  }

  /** Portable SQL on the store, as the operator. */
  async function query<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
    const { storage } = await open();
    return storage.asSystem(async () => (await sql<T>(strings, ...values).execute(storage.db)).rows);
  }

  /** The emails sent so far, as the operator sees them. */
  async function outbox(filter: Parameters<typeof listOutbox>[1] = {}) {
    const { storage } = await open();
    return storage.asSystem(() => listOutbox(storage, filter));
  }

  async function http(pathname: string, init: { method?: string; token?: string; body?: unknown } = {}) {
    await open();
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + pathname, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  after(async () => {
    if (server) {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        server!.closeAllConnections();
      });
    }
    if (services) await closeServices(services);
  });

  it('creates a firm', async () => {
    const result = await cli(
      'firm',
      'create',
      '--slug',
      'acme',
      '--name',
      'Acme Legal',
      '--origin',
      'https://acme.example',
      '--portal-url',
      'https://acme.example/portal',
    );
    assertSucceeded(result);
    assert.match(result.stdout, /^Created firm acme \(firm_[\w-]+\): Acme Legal\n$/);
  });

  it('refuses a second firm with the same slug', async () => {
    assertFailed(await cli('firm', 'create', '--slug', 'acme', '--name', 'Acme Again'), /slug "acme" already exists/);
  });

  it('refuses a bad slug, naming the field', async () => {
    const result = await cli('firm', 'create', '--slug', 'Bad Slug!', '--name', 'Bad');
    assertFailed(result, /^\s+slug: must be 2 to 63 lowercase letters, digits or hyphens$/m);
  });

  it('prints a new API key, alone, on stdout', async () => {
    const result = await cli('apikey', 'create', '--firm', 'acme');
    assertSucceeded(result);
    assert.match(result.stdout, /^pk_[A-Za-z0-9_-]{32,}\n$/);
    assert.match(result.stderr, /acme/);
    assert.match(result.stderr, /only this once/);
    apiKey = result.stdout.trim();
  });

  it('the key opens the firm API over HTTP; a made-up key does not', async () => {
    const good = await http('/api/v1/admin/contacts', { token: apiKey });
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.deepEqual(good.body, { data: [], nextCursor: null });

    const madeUp = await http('/api/v1/admin/contacts', { token: `pk_${randomBytes(32).toString('base64url')}` });
    assert.equal(madeUp.status, 401);
    assert.equal(typeof madeUp.body.code, 'string');
    assert.equal((await http('/api/v1/admin/contacts')).status, 401);
  });

  it('lists the API keys with no key and no hash in the output', async () => {
    const svc = await open();
    const firm = (await svc.repositories.firms.findBySlug('acme'))!;
    const [stored] = await svc.apiKeys.list(firm.id);
    const result = await cli('apikey', 'list', '--firm', 'acme');
    assertSucceeded(result);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stdout);
    assert.match(lines[0]!, new RegExp(`^${stored!.id}  ${escape(stored!.prefix)}…  created ${escape(stored!.createdAt)}  last used \\S+  default$`));
    assert.ok(apiKey.startsWith(stored!.prefix));
    const [{ key_hash: hash }] = (await query<{ key_hash: string }>`SELECT key_hash FROM api_keys WHERE id = ${stored!.id}`) as [{ key_hash: string }];
    for (const secret of [apiKey, hash]) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), 'no key and no hash');
  });

  it('revokes a key: it no longer opens the firm API, and the others still do', async () => {
    const created = await cli('apikey', 'create', '--firm', 'acme', '--name', 'old backend');
    assertSucceeded(created);
    const spare = created.stdout.trim();
    const id = /API key (key_[\w-]+)/.exec(created.stderr)?.[1];
    assert.ok(id, created.stderr);
    assert.equal((await http('/api/v1/admin/contacts', { token: spare })).status, 200);

    const revoked = await cli('apikey', 'revoke', '--firm', 'acme', id);
    assertSucceeded(revoked);
    assert.match(revoked.stdout, new RegExp(`^Revoked API key ${escape(id)} of acme`));
    const refused = await http('/api/v1/admin/contacts', { token: spare });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'api_key_invalid');
    assert.equal((await http('/api/v1/admin/contacts', { token: apiKey })).status, 200);

    const listed = await cli('apikey', 'list', '--firm', 'acme');
    assert.match(listed.stdout, new RegExp(`^${escape(id)}  .*  revoked \\d{4}-\\d\\d-\\d\\dT\\S+  old backend$`, 'm'));
    const audit = await query`SELECT actor_type AS type, actor_id AS actor FROM audit_log WHERE action = 'api_key.revoked' AND subject_id = ${id}`;
    assert.deepEqual(audit, [{ type: 'system', actor: 'cli' }]);

    assertFailed(await cli('apikey', 'revoke', '--firm', 'acme', id), new RegExp(`${escape(id)}.*already revoked`));
  });

  it('refuses to revoke an unknown key, or at an unknown firm', async () => {
    assertFailed(await cli('apikey', 'revoke', '--firm', 'acme', 'key_nosuchkey'), /No such API key key_nosuchkey in acme/, /apikey list/);
    assertFailed(await cli('apikey', 'revoke', '--firm', 'ghost', 'key_nosuchkey'), /No firm with the slug "ghost"/);
    assertFailed(await cli('apikey', 'list', '--firm', 'ghost'), /No firm with the slug "ghost"/);
  });

  it("refuses to revoke another firm's key, which keeps working", async () => {
    assertSucceeded(await cli('firm', 'create', '--slug', 'other-firm', '--name', 'Other Firm'));
    const created = await cli('apikey', 'create', '--firm', 'other-firm');
    const id = /API key (key_[\w-]+)/.exec(created.stderr)![1]!;
    assertFailed(await cli('apikey', 'revoke', '--firm', 'acme', id), /No such API key/);
    assert.equal((await http('/api/v1/admin/contacts', { token: created.stdout.trim() })).status, 200);
  });

  it('adds a contact and emails them an invitation to the portal page', async () => {
    const svc = await open();
    const result = await cli('contact', 'add', '--firm', 'acme', '--email', 'pat@example.com', '--name', 'Pat Doe', '--invite');
    assertSucceeded(result);
    assert.match(result.stdout, /^Added Pat Doe <pat@example\.com> \(con_[\w-]+\) to acme$/m);
    assert.match(result.stdout, /^Invitation emailed to pat@example\.com; it expires \d{4}-\d\d-\d\dT/m);

    const firm = (await svc.repositories.firms.findBySlug('acme'))!;
    const mails = await outbox({ to: 'pat@example.com' });
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.kind, 'invitation');
    assert.equal(mails[0]!.firmId, firm.id);
    assert.match(mails[0]!.from, /Acme Legal/);
    const link = /https?:\/\/\S+/.exec(mails[0]!.text)?.[0] ?? '';
    assert.ok(link.startsWith('https://acme.example/portal?invitation='), `the link is ${link}`);
    assert.ok(mails[0]!.html.includes('https://acme.example/portal?invitation='));

    const listed = await http('/api/v1/admin/contacts', { token: apiKey });
    assert.deepEqual(
      listed.body.data.map((c: { email: string; name: string }) => [c.email, c.name]),
      [['pat@example.com', 'Pat Doe']],
    );

    const token = new URL(link).searchParams.get('invitation')!;
    const accepted = await http('/api/v1/auth/invitations/accept', { body: { token, password: 'a long enough password' } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.contact.email, 'pat@example.com');
    const login = await http('/api/v1/auth/login', { body: { firm: 'acme', email: 'pat@example.com', password: 'a long enough password' } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
  });

  it('records the contact and the invitation as the work of the same command-line actor', async () => {
    const svc = await open();
    const contact = (await svc.repositories.contacts.findByEmail((await svc.repositories.firms.findBySlug('acme'))!.id, 'pat@example.com'))!;
    const actors = await query<{ action: string; type: string; id: string | null }>`
      SELECT action, actor_type AS type, actor_id AS id FROM audit_log WHERE subject_id = ${contact.id} AND action IN ('contact.created', 'invitation.sent') ORDER BY id`;
    assert.deepEqual(
      actors.map((a) => a.action),
      ['contact.created', 'invitation.sent'],
    );
    assert.deepEqual({ type: actors[0]!.type, id: actors[0]!.id }, { type: actors[1]!.type, id: actors[1]!.id }, 'the CLI is not an API key');
  });

  it("adds a Spanish-speaking contact, invites them in Spanish, and changes a contact's language", async () => {
    const result = await cli('contact', 'add', '--firm', 'acme', '--email', 'lucia@example.com', '--name', 'Lucía Fernández', '--language', 'es', '--invite');
    assertSucceeded(result);
    const [invitation] = await outbox({ to: 'lucia@example.com' });
    assert.equal(invitation!.subject, 'Acme Legal le invitó a su portal del cliente');
    assertFailed(await cli('contact', 'add', '--firm', 'acme', '--email', 'x@example.com', '--name', 'X', '--language', 'fr'), /locale/);
    const changed = await cli('contact', 'language', '--firm', 'acme', '--email', 'lucia@example.com', '--language', 'none');
    assertSucceeded(changed);
    assert.match(changed.stdout, /reads the portal and emails in the language of the portal page they sign in from/);
    assertSucceeded(await cli('contact', 'language', '--firm', 'acme', '--email', 'lucia@example.com', '--language', 'en'));
    const listed = await http('/api/v1/admin/contacts?q=lucia', { token: apiKey });
    assert.equal(listed.body.data[0].locale, 'en');
  });

  it('refuses the same contact twice', async () => {
    assertFailed(await cli('contact', 'add', '--firm', 'acme', '--email', 'PAT@example.com', '--name', 'Pat Again'), /already exists/);
  });

  it('invites an existing contact again with a new link', async () => {
    await open();
    const before = await outbox({ to: 'pat@example.com' });
    const result = await cli('invite', '--firm', 'acme', '--email', 'pat@example.com');
    assertSucceeded(result);
    // Pat accepted the first invitation: the new link sets a new password, and says so.
    assert.match(result.stdout, /^Pat Doe already has a portal login\. Emailed pat@example\.com a link to choose a new password/);
    const mails = await outbox({ to: 'pat@example.com', kind: 'invitation' });
    assert.equal(mails.length, before.length + 1);
    assert.notEqual(mails[0]!.text, before[0]!.text);
    assert.match(mails[0]!.text, /https:\/\/acme\.example\/portal\?invitation=[\w-]+/);
  });

  it('refuses to invite someone who is not a contact', async () => {
    await open();
    const count = (await outbox()).length;
    assertFailed(await cli('invite', '--firm', 'acme', '--email', 'nobody@example.com'), /nobody@example\.com/, /No such contact/);
    assert.equal((await outbox()).length, count);
  });

  it('refuses to invite at a firm that does not exist', async () => {
    assertFailed(await cli('invite', '--firm', 'ghost', '--email', 'pat@example.com'), /No firm with the slug "ghost"/);
  });

  it('seeds the demo firm once', async () => {
    const svc = await open();
    const first = await cli('seed-demo');
    assertSucceeded(first);
    assert.match(first.stdout, /^Seeded the demo firm\.$/m);
    assert.match(first.stdout, /alex@example\.com, jordan@example\.com \(password portico-demo\)/);

    const demo = await svc.repositories.firms.findBySlug('demo');
    assert.ok(demo, 'the demo firm exists');
    assert.deepEqual(demo.allowedOrigins, ['http://localhost:8099', 'http://127.0.0.1:8099']);
    const contacts = await query`SELECT email FROM contacts WHERE firm_id = ${demo.id} ORDER BY email`;
    assert.deepEqual(contacts, [{ email: 'alex@example.com' }, { email: 'jordan@example.com' }]);

    const second = await cli('seed-demo');
    assertSucceeded(second);
    assert.match(second.stdout, /nothing changed/);
    assert.doesNotMatch(second.stdout, /^Seeded/m);
    assert.deepEqual(await query`SELECT count(*) AS n FROM firms WHERE slug = ${'demo'}`, [{ n: 1 }]);
    assert.deepEqual(await query`SELECT count(*) AS n FROM contacts WHERE firm_id = ${demo.id}`, [{ n: 2 }]);
  });

  it('rotates the signing key, keeping the old one for verification', async () => {
    const before = (await http('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    assert.equal(before.length, 1);
    const result = await cli('keys', 'rotate');
    assertSucceeded(result);
    const kid = /^New signing key (\S+)$/m.exec(result.stdout)?.[1];
    assert.ok(kid, result.stdout);
    assert.notEqual(kid, before[0]);

    // Another instance on the same store, opened now, signs with the new key.
    const { storage } = await open();
    const keys = await SigningKeys.open(storage, loadSecretsKey(loadConfig(await withDatabase(env))));
    assert.equal((await keys.current()).kid, kid);
    assert.deepEqual(
      (await keys.jwks()).keys.map((k) => k.kid),
      [before[0], kid],
    );
  });
});

describe('portico serve', () => {
  const dataDir = path.join(root, 'serve');

  it('serves, lets the demo client sign in, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const service = await startServe(['--seed-demo'], { DATA_DIR: dataDir, PORT: String(port) });
    try {
      assert.match(service.stdout(), new RegExp(`listening on http://localhost:${port}\\b`));

      const health = await fetch(`${service.baseUrl}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });

      const login = await fetch(`${service.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firm: 'demo', email: 'alex@example.com', password: 'portico-demo' }),
      });
      const body = (await login.json()) as { accessToken: string; contact: { email: string } };
      assert.equal(login.status, 200, JSON.stringify(body));
      assert.equal(body.contact.email, 'alex@example.com');
      const me = await fetch(`${service.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
      assert.equal(me.status, 200);
      await me.arrayBuffer();

      const wrong = await fetch(`${service.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firm: 'demo', email: 'alex@example.com', password: 'not-the-password' }),
      });
      assert.equal(wrong.status, 401);
      await wrong.arrayBuffer();
    } finally {
      service.child.kill('SIGTERM');
    }
    const signalled = Date.now();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5_000, 'timeout').unref());
    const exit = await Promise.race([service.exited, timeout]);
    if (exit === 'timeout') service.child.kill('SIGKILL');
    assert.notEqual(exit, 'timeout', `still running 5 s after SIGTERM\nstderr: ${service.stderr()}`);
    assert.deepEqual(exit, { code: 0, signal: null }, service.stderr());
    assert.ok(Date.now() - signalled < 5_000);
    assert.match(service.stdout(), /SIGTERM: stopping/);
    assert.doesNotMatch(service.stderr(), stackTrace);
    assert.match(service.stderr(), /seeded the demo firm/);

    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'the port is closed');
  });

  it('keeps the demo firm on the next start without seeding it again', async () => {
    const port = await freePort();
    const service = await startServe(['--seed-demo'], { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    try {
      assert.match(service.stdout(), new RegExp(`listening on http://127\\.0\\.0\\.1:${port}\\b`));
      const branding = await fetch(`${service.baseUrl}/api/v1/firms/demo/branding`);
      assert.equal(branding.status, 200);
      assert.equal(((await branding.json()) as { name: string }).name, 'Hale & Whitmore LLP');
    } finally {
      service.child.kill('SIGTERM');
    }
    assert.deepEqual(await service.exited, { code: 0, signal: null });
    assert.doesNotMatch(service.stderr(), /seeded the demo firm/);
  });

  it('with WORKERS=0 serves HTTP only, and portico worker runs the jobs it leaves', async () => {
    const workersDir = path.join(root, 'workers');
    const port = await freePort();
    const env = { DATA_DIR: workersDir, PORT: String(port), WORKERS: '0' };
    const service = await startServe(['--seed-demo'], env);
    let worker: Awaited<ReturnType<typeof startWorkerCommand>> | undefined;
    try {
      assert.match(service.stderr(), /WORKERS=0: serving HTTP only/);
      const ready = await fetch(`${service.baseUrl}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ok', checks: { database: 'ok', files: 'ok' } });

      const reset = await fetch(`${service.baseUrl}/api/v1/auth/password-reset/request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firm: 'demo', email: 'alex@example.com' }),
      });
      assert.equal(reset.status, 202);
      await reset.arrayBuffer();
      // An instance that runs workers claims a job the moment its transaction commits; this one has
      // none, so the reset email is still waiting (the seeding's own emails are behind it too).
      const store = await openServices(loadConfig(await withDatabase({ DATA_DIR: workersDir }), root), { logger: silentLogger });
      try {
        const pendingResets = async () =>
          await store.storage.asSystem(
            async () => (await sql<{ state: string }>`SELECT state FROM jobs WHERE kind = 'auth.password_reset'`.execute(store.storage.db)).rows,
          );
        assert.deepEqual(await pendingResets(), [{ state: 'pending' }]);

        worker = await startWorkerCommand({ DATA_DIR: workersDir });
        assert.match(worker.stdout(), /worker running 4 job\(s\) at a time/);
        const deadline = Date.now() + 20_000;
        let emails: Awaited<ReturnType<typeof listOutbox>> = [];
        while (Date.now() < deadline) {
          emails = await store.storage.asSystem(() => listOutbox(store.storage, { kind: 'password_reset' }));
          if (emails.length) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(emails.length, 1, 'the worker sent the reset email');
        assert.equal(emails[0]!.to, 'alex@example.com');
        assert.deepEqual(await pendingResets(), [{ state: 'done' }]);
      } finally {
        await closeServices(store);
      }
    } finally {
      service.child.kill('SIGTERM');
      worker?.child.kill('SIGTERM');
    }
    assert.deepEqual(await service.exited, { code: 0, signal: null }, service.stderr());
    assert.deepEqual(await worker!.exited, { code: 0, signal: null }, worker!.stderr());
    assert.match(worker!.stdout(), /SIGTERM: stopping after the jobs running now/);
    await removeDataDir(workersDir);
  });

  it('refuses a port that is taken, with a clear message', async () => {
    const port = await freePort();
    // Anything listening takes the port; a bare socket is quicker to start than a second service.
    const taken = net.createServer();
    await new Promise<void>((resolve, reject) => taken.once('error', reject).listen(port, '0.0.0.0', resolve));
    try {
      const second = await runCliProcess(['serve'], { DATA_DIR: dataDir, PORT: String(port) }, { timeoutMs: 10_000 });
      assert.notEqual(second.code, 0, describeRun(second));
      assert.equal(second.signal, null, 'exited by itself');
      assert.match(second.stderr, new RegExp(`^portico: port ${port} is already in use`, 'm'));
      assert.doesNotMatch(second.stderr, stackTrace);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
