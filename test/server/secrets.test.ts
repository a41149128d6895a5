import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { closeServices, openServices } from '../../server/src/main.ts';
import { SecretBox, SecretOpenError } from '../../server/src/secrets/secret-box.ts';
import { loadSecretsKey, secretsKeyFile } from '../../server/src/secrets/secrets-key.ts';
import { freePort, runCli, stackTrace, withDatabase, type CliResult } from './helpers/cli.ts';
import { removeDataDir, startTestService, testEngine } from './helpers/service.ts';

// SECRETS_KEY seals what the database keeps of signing keys, bank tokens and webhook secrets.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-secrets-'));
after(() => removeDataDir(root));

const newKey = () => randomBytes(32).toString('base64');

/** Flips one bit of the sealed bytes at `index` (negative counts from the end). */
function flip(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url');
  bytes[index < 0 ? bytes.length + index : index]! ^= 1;
  return `enc:v1:${bytes.toString('base64url')}`;
}

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('seals and opens, with a fresh IV each time', () => {
    for (const plain of ['access-sandbox-0d1f', '', 'whsec_ünïcødé ✓', 'x'.repeat(10_000)]) {
      const sealed = box.seal(plain);
      assert.match(sealed, /^enc:v1:[A-Za-z0-9_-]+$/);
      assert.equal(sealed.includes(plain) && plain !== '', false);
      assert.equal(box.open(sealed), plain);
    }
    assert.notEqual(box.seal('same'), box.seal('same'));
  });

  it('refuses a changed IV, ciphertext or tag, a cut-short value, and another key', () => {
    const sealed = box.seal('access-sandbox-0d1f');
    for (const changed of [flip(sealed, 0), flip(sealed, 12), flip(sealed, -1), sealed.slice(0, 30), 'enc:v1:', sealed.slice(0, -8)]) {
      assert.throws(() => box.open(changed), SecretOpenError);
    }
    assert.throws(() => new SecretBox(randomBytes(32)).open(sealed), /does not open with this key/);
    assert.throws(() => box.open('access-sandbox-0d1f'), /not a sealed value/);
  });

  it('reveals plain text stored before sealing as it is', () => {
    assert.equal(box.reveal('whsec_plain'), 'whsec_plain');
    assert.equal(box.reveal(box.seal('whsec_sealed')), 'whsec_sealed');
  });

  it('keeps its key out of inspection', () => {
    const key = randomBytes(32);
    const shown = JSON.stringify(new SecretBox(key)) + inspect(new SecretBox(key), { showHidden: true, depth: 5 });
    assert.equal(shown.includes(key.toString('base64')), false);
    assert.equal(shown.includes(key.toString('hex')), false);
  });
});

describe('SECRETS_KEY', () => {
  const cwd = path.join(root, 'cwd');

  it('is 32 bytes in base64 or base64url, padded or not', () => {
    const key = randomBytes(32);
    for (const written of [key.toString('base64'), key.toString('base64url'), key.toString('base64').replace(/=$/, ''), ` ${key.toString('base64')}\n`]) {
      assert.deepEqual(loadConfig({ SECRETS_KEY: written }, cwd).secretsKey, key);
    }
    assert.equal(loadConfig({}, cwd).secretsKey, null);
  });

  it('refuses any other value, naming SECRETS_KEY and never repeating it', () => {
    const bad = [
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(32).toString('hex'),
      `${newKey().slice(0, 40)}!!!=`,
      'correct horse battery staple',
    ];
    for (const value of bad) {
      assert.throws(
        () => loadConfig({ SECRETS_KEY: value }, cwd),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.variable === 'SECRETS_KEY' &&
          /^SECRETS_KEY: must be 32 random bytes in base64/.test(error.message) &&
          !error.message.includes(value.slice(0, 8)),
      );
    }
  });

  it('is made once into DATA_DIR/keys/secrets.key (mode 0600) on a single machine, and read from there after', () => {
    const dataDir = path.join(root, 'single');
    const config = loadConfig({ DATA_DIR: dataDir }, cwd);
    const first = loadSecretsKey(config);
    const file = secretsKeyFile(dataDir);
    assert.equal(first.origin, file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const written = fs.readFileSync(file, 'utf8');
    const sealed = first.seal('kept');
    assert.equal(loadSecretsKey(config).open(sealed), 'kept', 'the same key the next time');
    assert.equal(fs.readFileSync(file, 'utf8'), written);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['secrets.key'], 'no file left behind');
  });

  it('wins over the key file, which is then not made', () => {
    const dataDir = path.join(root, 'given');
    const key = newKey();
    const box = loadSecretsKey(loadConfig({ DATA_DIR: dataDir, SECRETS_KEY: key }, cwd));
    assert.equal(box.origin, 'SECRETS_KEY');
    assert.equal(new SecretBox(Buffer.from(key, 'base64')).open(box.seal('given')), 'given');
    assert.equal(fs.existsSync(secretsKeyFile(dataDir)), false);
  });

  it('is required with DATABASE_URL, so that every instance seals with the same key', () => {
    const config = loadConfig({ DATA_DIR: path.join(root, 'fleet'), DATABASE_URL: 'postgres://portico@db.internal:5432/portico' }, cwd);
    assert.throws(
      () => loadSecretsKey(config),
      (error: unknown) => error instanceof ConfigError && /^SECRETS_KEY: is required with DATABASE_URL/.test(error.message),
    );
    assert.equal(fs.existsSync(path.join(root, 'fleet')), false, 'no key was made on disk instead');
  });
});

describe('the service at start', () => {
  /** Exit code 1, a one-line `portico:` message matching `pattern`, no stack trace, and none of `hidden`. */
  function assertRefused(result: CliResult, pattern: RegExp, ...hidden: string[]) {
    const described = `exit ${result.code ?? result.signal}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
    assert.equal(result.code, 1, described);
    assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, stackTrace);
    for (const secret of hidden) assert.equal(result.stderr.includes(secret), false, `the message shows no key: ${result.stderr}`);
  }

  it('stops with a clear message when SECRETS_KEY does not open the stored signing keys', async () => {
    const dataDir = path.join(root, 'wrong-key');
    const made = await runCli(['keys', 'rotate'], { DATA_DIR: dataDir });
    assert.equal(made.code, 0, made.stderr);

    const wrong = newKey();
    const serve = await runCli(['serve'], { DATA_DIR: dataDir, PORT: String(await freePort()), SECRETS_KEY: wrong });
    assertRefused(serve, /^portico: configuration error: SECRETS_KEY: does not open the stored signing keys: they were sealed with another key/m, wrong);
    assert.doesNotMatch(serve.stdout, /listening/);

    if (testEngine === 'sqlite') {
      // The machine's own key file lost: a new one is made, and cannot open what the old one sealed.
      fs.rmSync(secretsKeyFile(dataDir));
      const lost = await runCli(['keys', 'rotate'], { DATA_DIR: dataDir });
      assertRefused(
        lost,
        /^portico: configuration error: SECRETS_KEY: does not open the stored signing keys: SECRETS_KEY is not set, and the key in .*secrets\.key is not the one/m,
      );
    }
  });

  it('stops naming SECRETS_KEY when DATABASE_URL has none, or when it is malformed', async () => {
    const dataDir = path.join(root, 'no-key');
    const missing = await runCli(['keys', 'rotate'], { DATA_DIR: dataDir, DATABASE_URL: 'postgres://portico:s3cret@127.0.0.1:9/portico' });
    assertRefused(missing, /^portico: configuration error: SECRETS_KEY: is required with DATABASE_URL/m, 's3cret');

    const short = randomBytes(24).toString('base64');
    const malformed = await runCli(['keys', 'rotate'], { DATA_DIR: dataDir, SECRETS_KEY: short });
    assertRefused(malformed, /^portico: configuration error: SECRETS_KEY: must be 32 random bytes in base64/m, short);
  });

  it('seals Plaid access tokens and webhook secrets an earlier release stored in plain text', async () => {
    const dataDir = path.join(root, 'upgrade');
    const svc = await startTestService({ dataDir, env: { PUBLIC_URL: 'http://localhost:8787' } });
    const created = await svc.request('/api/v1/admin/webhook-endpoints', {
      token: svc.fixtures.firmKey,
      body: { url: 'http://127.0.0.1:9/hooks', events: ['payment.succeeded'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const endpointId = created.body.id as string;
    const [stored] = await svc.query<{ secret: string }>`SELECT secret FROM webhook_endpoints WHERE id = ${endpointId}`;
    assert.match(stored!.secret, /^enc:v1:/, 'a new secret is stored sealed');
    assert.equal(stored!.secret.includes(created.body.secret), false);

    // What an earlier release left: everything in plain text.
    const plain = { current: 'whsec_cGxhaW4tY3VycmVudA==', previous: 'whsec_cGxhaW4tcHJldmlvdXM=', token: 'access-sandbox-plain-0001' };
    await svc.query`UPDATE webhook_endpoints SET secret = ${plain.current}, previous_secret = ${plain.previous} WHERE id = ${endpointId}`;
    await svc.query`INSERT INTO plaid_items (item_id, contact_id, access_token, created_at) VALUES ('item-plain', ${svc.fixtures.alex.id}, ${plain.token}, '2025-01-01T00:00:00.000Z')`;
    await svc.close({ keepDataDir: true });

    const config = loadConfig(await withDatabase({ DATA_DIR: dataDir }));
    const services = await openServices(config, { logger: silentLogger });
    try {
      const box = loadSecretsKey(config);
      const query = async <T>(text: TemplateStringsArray, ...values: unknown[]) =>
        services.storage.asSystem(async () => (await sql<T>(text, ...values).execute(services.storage.db)).rows);
      const [item] = await query<{ access_token: string }>`SELECT access_token FROM plaid_items WHERE item_id = 'item-plain'`;
      assert.match(item!.access_token, /^enc:v1:/);
      assert.equal(box.open(item!.access_token), plain.token);
      const [endpoint] = await query<{
        secret: string;
        previous_secret: string;
      }>`SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ${endpointId}`;
      assert.equal(box.open(endpoint!.secret), plain.current);
      assert.equal(box.open(endpoint!.previous_secret), plain.previous);
      assert.deepEqual(await services.storage.asSystem(() => services.sealPlainSecrets()), { plaidTokens: 0, webhookSecrets: 0 }, 'nothing is sealed twice');
    } finally {
      await closeServices(services);
      await removeDataDir(dataDir);
    }
  });
});
