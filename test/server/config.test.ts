import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { freePort, runCli, runScript, stackTrace } from './helpers/cli.ts';
import { removeDataDir } from './helpers/engine.ts';

const cwd = path.join(os.tmpdir(), 'portico-config-cwd');

const stripeKeys = {
  PAYMENTS: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_51abcDEF',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_51abcDEF',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
};
const plaidKeys = { BANK_LINK: 'plaid', PLAID_CLIENT_ID: 'client-123', PLAID_SECRET: 'secret-456' };

/** Asserts that loading `env` fails with a ConfigError about `variable`, whose message contains each of `mentions`. */
function assertRefused(env: Record<string, string>, variable: string, ...mentions: string[]) {
  assert.throws(
    () => loadConfig(env, cwd),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.name, 'ConfigError');
      assert.equal(error.variable, variable);
      assert.ok(error.message.startsWith(`${variable}: `), `the message names ${variable}: ${error.message}`);
      for (const mention of mentions) assert.ok(error.message.includes(mention), `"${error.message}" mentions "${mention}"`);
      return true;
    },
  );
}

describe('loadConfig defaults', () => {
  it('runs with nothing set', () => {
    const config = loadConfig({}, cwd);
    assert.equal(config.port, 8787);
    assert.equal(config.demoPort, 8080);
    assert.equal(config.dataDir, path.join(cwd, 'data'));
    assert.equal(config.publicUrl, 'http://localhost:8787');
    assert.equal(config.payments, 'sandbox');
    assert.equal(config.bankLink, 'sandbox');
    assert.equal(config.mail, 'outbox');
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.mailFrom, 'portal@localhost');
    assert.deepEqual(config.stripe, { secretKey: undefined, publishableKey: undefined, webhookSecret: undefined });
    assert.equal(config.plaid.env, 'sandbox');
    assert.equal(config.trustProxy, false);
    assert.equal(config.development, true);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', DEMO_PORT: '', DATA_DIR: '', PUBLIC_URL: '', PAYMENTS: '', BANK_LINK: '', MAIL: '', TRUST_PROXY: '' }, cwd);
    assert.equal(config.port, 8787);
    assert.equal(config.demoPort, 8080);
    assert.equal(config.dataDir, path.join(cwd, 'data'));
    assert.equal(config.publicUrl, 'http://localhost:8787');
    assert.equal(config.payments, 'sandbox');
    assert.equal(config.trustProxy, false);
  });

  it('uses SQLite in DATA_DIR unless DATABASE_URL names a PostgreSQL database, whose password no message repeats', () => {
    assert.equal(loadConfig({}, cwd).databaseUrl, null);
    const url = 'postgres://portico:s3cret@db.internal:5432/portico';
    assert.equal(loadConfig({ DATABASE_URL: url }, cwd).databaseUrl, url);
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://db.internal/portico' }, cwd).databaseUrl, 'postgresql://db.internal/portico');
    for (const bad of ['mysql://portico:s3cret@db/portico', 'portico:s3cret@db']) {
      assert.throws(
        () => loadConfig({ DATABASE_URL: bad }, cwd),
        (error: Error) => error instanceof ConfigError && error.variable === 'DATABASE_URL' && !error.message.includes('s3cret'),
      );
    }
  });

  it('derives the default public URL from PORT', () => {
    const config = loadConfig({ PORT: '9100', DEMO_PORT: '9200' }, cwd);
    assert.equal(config.port, 9100);
    assert.equal(config.demoPort, 9200);
    assert.equal(config.publicUrl, 'http://localhost:9100');
  });

  it('resolves DATA_DIR against the working directory, and keeps an absolute one', () => {
    assert.equal(loadConfig({ DATA_DIR: 'store/portico' }, cwd).dataDir, path.join(cwd, 'store', 'portico'));
    assert.equal(loadConfig({ DATA_DIR: '../elsewhere' }, cwd).dataDir, path.resolve(cwd, '..', 'elsewhere'));
    const absolute = path.join(os.tmpdir(), 'portico-absolute');
    assert.equal(loadConfig({ DATA_DIR: absolute }, cwd).dataDir, absolute);
  });

  it('takes PUBLIC_URL as given, without trailing slashes, and sends mail from its host', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://portal.hale.example/' }, cwd);
    assert.equal(config.publicUrl, 'https://portal.hale.example');
    assert.equal(config.mailFrom, 'portal@portal.hale.example');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://h.example/portico//' }, cwd).publicUrl, 'https://h.example/portico');
  });

  it('is in development on the default (loopback) PUBLIC_URL unless NODE_ENV=production', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production', SCANNER: 'none' }, cwd).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'development' }, cwd).development, true);
    assert.equal(loadConfig({ NODE_ENV: 'test' }, cwd).development, true);
  });

  it('reads TRUST_PROXY as a boolean, a hop count or a list of addresses', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }, cwd).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }, cwd).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }, cwd).trustProxy, 2);
    assert.equal(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }, cwd).trustProxy, 'loopback, 10.0.0.0/8');
  });

  it('names the instance by INSTANCE_ID, else by its host and port', () => {
    assert.equal(loadConfig({ PORT: '9001' }, cwd).instanceId, `${os.hostname()}:9001`);
    assert.equal(loadConfig({ INSTANCE_ID: 'portal-a' }, cwd).instanceId, 'portal-a');
    assertRefused({ INSTANCE_ID: 'two words' }, 'INSTANCE_ID', 'visible characters');
    assertRefused({ INSTANCE_ID: 'x'.repeat(101) }, 'INSTANCE_ID', '1 to 100');
  });

  it('reads WORKERS: 4 by default, 0 for an instance that serves HTTP only', () => {
    assert.equal(loadConfig({}, cwd).workers, 4);
    assert.equal(loadConfig({ WORKERS: '0' }, cwd).workers, 0);
    assert.equal(loadConfig({ WORKERS: '12' }, cwd).workers, 12);
    for (const bad of ['-1', 'two', '1.5', '65']) assertRefused({ WORKERS: bad }, 'WORKERS', 'whole number from 0', bad);
  });
});

describe('development (the /dev pages)', () => {
  const loopback = ['http://localhost:8787', 'http://LOCALHOST:9000/', 'https://localhost', 'http://127.0.0.1:8787', 'http://127.3.4.5', 'http://[::1]:8787'];
  const elsewhere = [
    'https://portal.example.com',
    'http://portico.test',
    'http://10.0.0.5:8787',
    'http://192.168.1.2',
    'http://0.0.0.0:8787',
    'http://localhost.example.com',
    'http://127.0.0.1.example.com',
    'http://[::2]',
  ];

  it('is on with the default PUBLIC_URL (http://localhost:$PORT)', () => {
    assert.equal(loadConfig({}, cwd).development, true);
    assert.equal(loadConfig({ PORT: '9100' }, cwd).development, true);
  });

  it('is on for a loopback PUBLIC_URL unless NODE_ENV=production', () => {
    for (const url of loopback) {
      for (const nodeEnv of [undefined, 'development', 'test']) {
        assert.equal(loadConfig({ PUBLIC_URL: url, ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) }, cwd).development, true, `${url} with NODE_ENV=${nodeEnv}`);
      }
      assert.equal(loadConfig({ PUBLIC_URL: url, NODE_ENV: 'production', SCANNER: 'none' }, cwd).development, false, `${url} in production`);
    }
  });

  it('is never on for any other PUBLIC_URL, whatever NODE_ENV says', () => {
    for (const url of elsewhere) {
      for (const nodeEnv of [undefined, 'development', 'test']) {
        assert.equal(loadConfig({ PUBLIC_URL: url, ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) }, cwd).development, false, `${url} with NODE_ENV=${nodeEnv}`);
      }
    }
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it('PORT that is not a number', () => assertRefused({ PORT: 'abc' }, 'PORT', '"abc"'));
  it('PORT out of range', () => assertRefused({ PORT: '70000' }, 'PORT', '"70000"'));
  it('PORT of zero', () => assertRefused({ PORT: '0' }, 'PORT'));
  it('PORT with a fraction', () => assertRefused({ PORT: '80.5' }, 'PORT'));
  it('DEMO_PORT that is negative', () => assertRefused({ DEMO_PORT: '-1' }, 'DEMO_PORT', '"-1"'));
  it('PUBLIC_URL with another scheme', () => assertRefused({ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL', 'ftp://x'));
  it('PUBLIC_URL that is not a URL', () => assertRefused({ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL', 'not a url'));
  it('PAYMENTS that is not a known processor', () => assertRefused({ PAYMENTS: 'paypal' }, 'PAYMENTS', 'paypal', 'sandbox', 'stripe'));
  it('BANK_LINK that is not a known provider', () => assertRefused({ BANK_LINK: 'x' }, 'BANK_LINK', 'sandbox', 'plaid'));
  it('MAIL that is not a known transport', () => assertRefused({ MAIL: 'pigeon' }, 'MAIL', 'pigeon', 'outbox', 'smtp'));
  it('MAIL=smtp without SMTP_URL', () => assertRefused({ MAIL: 'smtp' }, 'SMTP_URL', 'MAIL=smtp'));
  it('SMTP_URL that is not smtp(s)', () => assertRefused({ MAIL: 'smtp', SMTP_URL: 'http://mail.example:25' }, 'SMTP_URL', 'http://mail.example:25'));
  it('SMTP_URL that is not a URL', () => assertRefused({ MAIL: 'smtp', SMTP_URL: 'mail server' }, 'SMTP_URL'));
  it('PAYMENTS=stripe without STRIPE_SECRET_KEY', () => {
    const { STRIPE_SECRET_KEY: _omitted, ...env } = stripeKeys;
    assertRefused(env, 'STRIPE_SECRET_KEY', 'PAYMENTS=stripe');
  });
  it('PAYMENTS=stripe without STRIPE_PUBLISHABLE_KEY', () => {
    const { STRIPE_PUBLISHABLE_KEY: _omitted, ...env } = stripeKeys;
    assertRefused(env, 'STRIPE_PUBLISHABLE_KEY', 'PAYMENTS=stripe');
  });
  it('PAYMENTS=stripe without STRIPE_WEBHOOK_SECRET', () => {
    const { STRIPE_WEBHOOK_SECRET: _omitted, ...env } = stripeKeys;
    assertRefused(env, 'STRIPE_WEBHOOK_SECRET', 'PAYMENTS=stripe');
  });
  it('a malformed STRIPE_SECRET_KEY', () => {
    assertRefused({ ...stripeKeys, STRIPE_SECRET_KEY: 'pk_test_51abcDEF' }, 'STRIPE_SECRET_KEY', 'sk_test_');
    assertRefused({ ...stripeKeys, STRIPE_SECRET_KEY: 'sk_prod_51abcDEF' }, 'STRIPE_SECRET_KEY');
  });
  it('a malformed STRIPE_SECRET_KEY even with the sandbox processor', () => {
    assertRefused({ STRIPE_SECRET_KEY: 'secret' }, 'STRIPE_SECRET_KEY');
  });
  it('a malformed STRIPE_PUBLISHABLE_KEY', () =>
    assertRefused({ ...stripeKeys, STRIPE_PUBLISHABLE_KEY: 'sk_test_51abcDEF' }, 'STRIPE_PUBLISHABLE_KEY', 'pk_test_'));
  it('a malformed STRIPE_WEBHOOK_SECRET', () => assertRefused({ ...stripeKeys, STRIPE_WEBHOOK_SECRET: 'wh_abc' }, 'STRIPE_WEBHOOK_SECRET', 'whsec_'));
  it('BANK_LINK=plaid without PLAID_CLIENT_ID', () => assertRefused({ BANK_LINK: 'plaid', PLAID_SECRET: 'secret-456' }, 'PLAID_CLIENT_ID', 'BANK_LINK=plaid'));
  it('BANK_LINK=plaid without PLAID_SECRET', () => assertRefused({ BANK_LINK: 'plaid', PLAID_CLIENT_ID: 'client-123' }, 'PLAID_SECRET', 'BANK_LINK=plaid'));
  it('PLAID_ENV that is not a Plaid environment', () =>
    assertRefused({ ...plaidKeys, PLAID_ENV: 'x' }, 'PLAID_ENV', '"x"', 'sandbox', 'development', 'production'));
  it('TRUST_PROXY with junk', () => {
    assertRefused({ TRUST_PROXY: 'yes; rm -rf /' }, 'TRUST_PROXY', 'yes; rm -rf /');
    assertRefused({ TRUST_PROXY: '$(whoami)' }, 'TRUST_PROXY');
  });
  it('MAIL_FROM that is not an address', () => assertRefused({ MAIL_FROM: 'the firm' }, 'MAIL_FROM', 'the firm'));
});

describe('SCANNER', () => {
  it('is none in development when unset or empty, and when set to none', () => {
    assert.deepEqual(loadConfig({}, cwd).scanner, { type: 'none' });
    assert.deepEqual(loadConfig({ SCANNER: '' }, cwd).scanner, { type: 'none' });
    assert.deepEqual(loadConfig({ SCANNER: 'none' }, cwd).scanner, { type: 'none' });
  });

  it('reads clamd://host:port', () => {
    assert.deepEqual(loadConfig({ SCANNER: 'clamd://127.0.0.1:3310' }, cwd).scanner, { type: 'clamd', host: '127.0.0.1', port: 3310 });
    assert.deepEqual(loadConfig({ SCANNER: 'clamd://clamav.internal:3310/' }, cwd).scanner, { type: 'clamd', host: 'clamav.internal', port: 3310 });
    assert.deepEqual(loadConfig({ SCANNER: 'clamd://[::1]:3310' }, cwd).scanner, { type: 'clamd', host: '::1', port: 3310 });
  });

  it('refuses anything else, naming SCANNER and the value', () => {
    for (const value of [
      'clamav',
      'clamd',
      'NONE',
      'tcp://127.0.0.1:3310',
      'clamd://127.0.0.1',
      'clamd://127.0.0.1:0',
      'clamd://127.0.0.1:70000',
      'clamd://:3310',
      'clamd://127.0.0.1:3310/scan',
      'clamd://127.0.0.1:3310?timeout=5',
      'clamd://user:pw@127.0.0.1:3310',
    ]) {
      assertRefused({ SCANNER: value }, 'SCANNER', `"${value}"`, 'clamd://host:port', 'none');
    }
  });

  it('must be set in production: a scanner, or none said out loud', () => {
    assertRefused({ NODE_ENV: 'production' }, 'SCANNER', 'NODE_ENV=production', 'clamd://host:port', 'none');
    assertRefused({ NODE_ENV: 'production', SCANNER: '' }, 'SCANNER', 'NODE_ENV=production');
    assert.deepEqual(loadConfig({ NODE_ENV: 'production', SCANNER: 'none' }, cwd).scanner, { type: 'none' });
    assert.deepEqual(loadConfig({ NODE_ENV: 'production', SCANNER: 'clamd://10.0.0.5:3310' }, cwd).scanner, { type: 'clamd', host: '10.0.0.5', port: 3310 });
  });
});

describe('loadConfig accepts real provider set-ups', () => {
  it('stripe with its three keys', () => {
    const config = loadConfig(stripeKeys, cwd);
    assert.equal(config.payments, 'stripe');
    assert.deepEqual(config.stripe, { secretKey: 'sk_test_51abcDEF', publishableKey: 'pk_test_51abcDEF', webhookSecret: 'whsec_abc123' });
  });

  it('stripe live keys and restricted keys', () => {
    assert.equal(loadConfig({ ...stripeKeys, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_PUBLISHABLE_KEY: 'pk_live_x' }, cwd).stripe.secretKey, 'sk_live_x');
    assert.equal(loadConfig({ ...stripeKeys, STRIPE_SECRET_KEY: 'rk_test_x' }, cwd).stripe.secretKey, 'rk_test_x');
    assert.equal(loadConfig({ ...stripeKeys, STRIPE_SECRET_KEY: 'rk_live_x' }, cwd).stripe.secretKey, 'rk_live_x');
  });

  it('plaid with its credentials and each environment', () => {
    const config = loadConfig(plaidKeys, cwd);
    assert.equal(config.bankLink, 'plaid');
    assert.deepEqual(config.plaid, { clientId: 'client-123', secret: 'secret-456', env: 'sandbox' });
    for (const env of ['sandbox', 'development', 'production'] as const) {
      assert.equal(loadConfig({ ...plaidKeys, PLAID_ENV: env }, cwd).plaid.env, env);
    }
  });

  it('smtp and smtps mail', () => {
    const smtp = loadConfig({ MAIL: 'smtp', SMTP_URL: 'smtp://user:pass@mail.example:587' }, cwd);
    assert.equal(smtp.mail, 'smtp');
    assert.equal(smtp.smtpUrl, 'smtp://user:pass@mail.example:587');
    assert.equal(loadConfig({ MAIL: 'smtp', SMTP_URL: 'smtps://mail.example' }, cwd).smtpUrl, 'smtps://mail.example');
  });

  it('ignores SMTP_URL while mail goes to the outbox', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example' }, cwd);
    assert.equal(config.mail, 'outbox');
    assert.equal(config.smtpUrl, undefined);
  });

  it('stripe, plaid and smtp together', () => {
    const config = loadConfig(
      {
        ...stripeKeys,
        ...plaidKeys,
        PLAID_ENV: 'production',
        MAIL: 'smtp',
        SMTP_URL: 'smtps://mail.example:465',
        PUBLIC_URL: 'https://portal.example',
        MAIL_FROM: 'billing@firm.example',
      },
      cwd,
    );
    assert.equal(config.payments, 'stripe');
    assert.equal(config.bankLink, 'plaid');
    assert.equal(config.plaid.env, 'production');
    assert.equal(config.mail, 'smtp');
    assert.equal(config.mailFrom, 'billing@firm.example');
    assert.equal(config.publicUrl, 'https://portal.example');
  });
});

describe('portico serve with a bad configuration', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-config-'));
  });
  after(() => removeDataDir(dataDir));

  it('stops at once with a message naming PORT and no stack trace', async () => {
    const result = await runCli(['serve'], { PORT: 'abc', DATA_DIR: dataDir });
    assert.notEqual(result.code, 0, `exit code ${result.code}`);
    assert.equal(result.signal, null);
    assert.ok(result.ms < 10_000, `took ${result.ms} ms`);
    assert.match(result.stderr, /\bPORT\b/);
    assert.match(result.stderr, /"abc"/);
    assert.doesNotMatch(result.stderr, stackTrace);
    assert.doesNotMatch(result.stdout, /listening on/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'nothing was opened in DATA_DIR');
  });

  it('will not start in production without SCANNER', async () => {
    const result = await runCli(['serve'], { NODE_ENV: 'production', DATA_DIR: dataDir });
    assert.notEqual(result.code, 0, `exit code ${result.code}`);
    assert.equal(result.signal, null);
    assert.match(result.stderr, /\bSCANNER\b.*NODE_ENV=production/);
    assert.doesNotMatch(result.stderr, stackTrace);
    assert.doesNotMatch(result.stdout, /listening on/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'nothing was opened in DATA_DIR');
  });
});

describe('portico serve with a configured provider whose package cannot be loaded', () => {
  // Each SDK loads only when its provider is configured, and then as the service opens: a missing
  // package stops `portico serve` at start, naming the setting, not at the first payment or email.
  // A child process whose module resolution refuses the one package stands in for a missing install.
  const hook = `
    let blocked;
    export async function initialize(data) { blocked = data.blocked; }
    export async function resolve(specifier, context, next) {
      if (specifier === blocked || specifier.startsWith(blocked + '/')) {
        throw Object.assign(new Error("Cannot find package '" + blocked + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
      }
      return next(specifier, context);
    }`;
  const serveWithout = async (blocked: string, env: Record<string, string>) => {
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { blocked: ${JSON.stringify(blocked)} } });
      const { main } = await import('./server/src/cli.ts');
      const lines = [];
      const code = await main(['serve'], { env: ${JSON.stringify(env)}, out: (line) => lines.push(line), err: (line) => lines.push(line), stopRequested: async () => 'SIGTERM' });
      console.log(JSON.stringify({ code, output: lines.join('\\n') }));
      process.exit(0);
    `;
    return runScript<{ code: number; output: string }>(script, { timeoutMs: 60_000 });
  };
  const dataDirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-provider-'));
    dataDirs.push(dir);
    return dir;
  };
  after(() => Promise.all(dataDirs.map((dir) => removeDataDir(dir))));

  const cases: { setting: string; blocked: string; env: Record<string, string> }[] = [
    { setting: 'PAYMENTS', blocked: 'stripe', env: stripeKeys },
    { setting: 'BANK_LINK', blocked: 'plaid', env: { ...stripeKeys, ...plaidKeys } },
    { setting: 'MAIL', blocked: 'nodemailer', env: { MAIL: 'smtp', SMTP_URL: 'smtp://127.0.0.1:2525' } },
    { setting: 'FILE_STORE', blocked: '@aws-sdk/client-s3', env: { FILE_STORE: 's3', S3_BUCKET: 'portico', S3_REGION: 'us-east-1' } },
  ];
  for (const { setting, blocked, env } of cases) {
    it(`${setting}: stops at start, naming ${setting} and ${blocked}`, { timeout: 90_000 }, async () => {
      const { code, output } = await serveWithout(blocked, { ...env, PORT: String(await freePort()), DATA_DIR: dataDir(), SCANNER: 'none' });
      assert.equal(code, 1, output);
      assert.match(output, new RegExp(`configuration error: ${setting}: .*needs the ${blocked} package, which could not be loaded: Cannot find package`));
      assert.doesNotMatch(output, /listening on/);
    });
  }
});
