import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AccessTokens } from '../../server/src/auth/access-tokens.ts';
import { loadConfig } from '../../server/src/config.ts';
import { keysReloadMs, SigningKeys, unknownKidReloadMs } from '../../server/src/auth/signing-keys.ts';
import { openPostgresStorage, openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { openServices } from '../../server/src/main.ts';
import { loadSecretsKey } from '../../server/src/secrets/secrets-key.ts';
import { cliEnv, runScript, withDatabase } from './helpers/cli.ts';
import { assertProblem } from './helpers/payments.ts';
import { databaseUrlFor } from './helpers/engine.ts';
import { issuer, removeDataDir, startTestService, testClock, testEngine, type TestService } from './helpers/service.ts';

// The ES256 keys live in the database, their private halves sealed: every instance on one
// database signs and verifies with the same keys, and sees another's rotation.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-signing-keys-'));
after(() => removeDataDir(root));

/** A second connection to the service's store, as another instance on the same database has. */
function secondStorage(svc: TestService): Promise<Storage> {
  return svc.config.databaseUrl ? openPostgresStorage(svc.config.databaseUrl) : Promise.resolve(openSqliteStorage(svc.dataDir));
}

/** An access token as the service signs one, for `contactId` of `firmId`, with any key. */
function accessToken(key: { kid: string; privateKey: CryptoKey }, claims: { contactId: string; firmId: string }, now: Date): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ firm: claims.firmId })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid })
    .setIssuer(issuer)
    .setAudience('portico')
    .setSubject(claims.contactId)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 600)
    .sign(key.privateKey);
}

const jwksKids = async (svc: TestService) => (await svc.request('/.well-known/jwks.json')).body.keys.map((key: { kid: string }) => key.kid) as string[];

describe('signing keys in the database', () => {
  it('keeps each private half sealed, and signs with the same key after a restart', async () => {
    const dataDir = path.join(root, 'restart');
    let svc = await startTestService({ dataDir });
    try {
      const { token } = await svc.login('alex@example.com');
      const rows = await svc.query<{ kid: string; public_jwk: string; private_jwk: string }>`SELECT kid, public_jwk, private_jwk FROM signing_keys`;
      assert.equal(rows.length, 1);
      const [row] = rows as [(typeof rows)[0]];
      assert.match(row.private_jwk, /^enc:v1:[A-Za-z0-9_-]+$/);
      assert.doesNotMatch(row.private_jwk, /"d"/);
      assert.equal((JSON.parse(row.public_jwk) as JWK).d, undefined);
      assert.deepEqual(await jwksKids(svc), [row.kid]);
      await svc.close({ keepDataDir: true });

      svc = await startTestService({ dataDir });
      assert.equal((await svc.request('/api/v1/me', { token })).status, 200, 'a token signed before the restart verifies after it');
      assert.equal((await svc.services.keys.current()).kid, row.kid);
      assert.deepEqual(await jwksKids(svc), [row.kid]);
    } finally {
      await svc.close();
    }
  });

  it('moves the keys of an earlier signing-keys.json into the database once, leaving the file', async () => {
    const dataDir = path.join(root, 'legacy');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const legacy = { kid: 'k20250101-0123abcd', createdAt: '2025-01-01T09:00:00.000Z', privateJwk: await exportJWK(privateKey) };
    const file = path.join(dataDir, 'keys', 'signing-keys.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify([legacy], null, 2);
    fs.writeFileSync(file, text, { mode: 0o600 });

    let svc = await startTestService({ dataDir });
    try {
      const claims = { contactId: svc.fixtures.alex.id, firmId: svc.fixtures.firm.id };
      // Signed as the service did before the upgrade, with the key from the file.
      const before = await accessToken({ kid: legacy.kid, privateKey }, claims, svc.clock());
      assert.equal((await svc.request('/api/v1/me', { token: before })).status, 200);
      assert.equal((await svc.services.keys.current()).kid, legacy.kid, 'the imported key goes on signing');
      assert.deepEqual(await jwksKids(svc), [legacy.kid]);
      const [row] = await svc.query<{ private_jwk: string }>`SELECT private_jwk FROM signing_keys WHERE kid = ${legacy.kid}`;
      assert.match(row!.private_jwk, /^enc:v1:/);
      assert.equal(fs.readFileSync(file, 'utf8'), text, 'the file is left as it was');

      // Three rotations drop the imported key; a restart does not bring it back from the file.
      for (let i = 0; i < 3; i++) await svc.services.keys.rotate();
      assert.equal((await jwksKids(svc)).includes(legacy.kid), false);
      await svc.close({ keepDataDir: true });
      svc = await startTestService({ dataDir });
      const kids = await jwksKids(svc);
      assert.equal(kids.length, 3);
      assert.equal(kids.includes(legacy.kid), false, 'imported once, not at every start');
      assertProblem(await svc.request('/api/v1/me', { token: before }), 401, 'token_invalid');
    } finally {
      await svc.close();
    }
  });

  it('refuses a signing-keys.json it cannot read, naming the file', async () => {
    const dataDir = path.join(root, 'legacy-broken');
    const file = path.join(dataDir, 'keys', 'signing-keys.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '[{"kid": "k1"}]');
    await assert.rejects(
      openServices(loadConfig(await withDatabase({ DATA_DIR: dataDir })), { logger: silentLogger }),
      (error: Error) => error.name === 'ConfigError' && error.message.startsWith('DATA_DIR: ') && error.message.includes(file),
    );
    await removeDataDir(dataDir);
  });
});

describe('two instances on one database', () => {
  it('see each other’s rotation: the new kid verifies at once, and signs everywhere after a reload', async () => {
    const svc = await startTestService({ dataDir: path.join(root, 'fleet') });
    const storage = await secondStorage(svc);
    try {
      const one = svc.services.keys;
      const clock = testClock(svc.clock().getTime());
      const other = await SigningKeys.open(storage, loadSecretsKey(svc.config), { clock });
      const otherTokens = new AccessTokens(other, issuer, clock);
      const first = (await one.current()).kid;
      assert.equal((await other.current()).kid, first);
      assert.deepEqual(await other.jwks(), await one.jwks());

      const rotated = await one.rotate();
      assert.equal((await one.current()).kid, rotated);
      assert.equal((await other.current()).kid, first, 'the other still signs with the key it read');
      // A token signed by the new key on one instance verifies on the other before its keys are a minute old.
      const { token, reply } = await svc.login('alex@example.com');
      assert.equal(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid, rotated);
      assert.deepEqual(await otherTokens.verify(token), { contactId: svc.fixtures.alex.id, firmId: svc.fixtures.firm.id });
      assert.equal(reply.status, 200);

      // The other signs with the new key once its keys are older than a minute (time passes for both).
      clock.advance(keysReloadMs);
      svc.clock.advance(keysReloadMs);
      assert.equal((await other.current()).kid, rotated);
      const signed = await otherTokens.issue({ contactId: svc.fixtures.alex.id, firmId: svc.fixtures.firm.id });
      assert.equal((await svc.request('/api/v1/me', { token: signed.token })).status, 200, 'and the first verifies what it signs');
      assert.deepEqual(await other.jwks(), await one.jwks());
      assert.deepEqual(
        (await other.jwks()).keys.map((key) => key.kid),
        [first, rotated],
      );
    } finally {
      await storage.close();
      await svc.close();
    }
  });

  it('reads the keys again for an unknown kid at most once every few seconds', async () => {
    const svc = await startTestService({ dataDir: path.join(root, 'unknown-kid') });
    const storage = await secondStorage(svc);
    try {
      const one = svc.services.keys;
      const clock = testClock(svc.clock().getTime());
      const other = await SigningKeys.open(storage, loadSecretsKey(svc.config), { clock });

      const second = await one.rotate();
      assert.ok(await other.verificationKey(second), 'an unknown kid reads the keys again at once');
      const third = await one.rotate();
      assert.equal(await other.verificationKey(third), undefined, 'but not again within a few seconds');
      clock.advance(unknownKidReloadMs);
      assert.ok(await other.verificationKey(third));
      assert.equal(await other.verificationKey('k-made-up'), undefined);
    } finally {
      await storage.close();
      await svc.close();
    }
  });

  it('agree on one key when they open an empty database at the same moment', async () => {
    const env = cliEnv(await withDatabase({ DATA_DIR: path.join(root, 'race') }));
    // Each a process of its own, as instances are: its own connections, and on SQLite its own file handle.
    const script = `
      const { loadConfig } = await import('./server/src/config.ts');
      const { openServices, closeServices } = await import('./server/src/main.ts');
      const services = await openServices(loadConfig());
      try {
        console.log(JSON.stringify({ kid: (await services.keys.current()).kid, stored: (await services.keys.jwks()).keys.length }));
      } finally {
        await closeServices(services);
      }
    `;
    const instance = () => runScript<{ kid: string; stored: number }>(script, { env });
    const [a, b] = await Promise.all([instance(), instance()]);
    assert.equal(a.kid, b.kid);
    assert.deepEqual([a.stored, b.stored], [1, 1]);
  });

  it(
    'agree on one key when they read an empty PostgreSQL database together and both go to add one',
    { skip: testEngine !== 'postgres' && 'PostgreSQL only: on SQLite the writer lock serializes whole transactions' },
    async () => {
      const url = (await databaseUrlFor(path.join(root, 'race-postgres')))!;
      const [a, b] = await Promise.all([openPostgresStorage(url), openPostgresStorage(url)]);
      try {
        const secrets = loadSecretsKey({ secretsKey: Buffer.alloc(32, 7), databaseUrl: url, dataDir: root });
        // Both find no key and make one; only the first to store it is kept.
        const [one, two] = await Promise.all([SigningKeys.open(a, secrets), SigningKeys.open(b, secrets)]);
        assert.equal((await one.current()).kid, (await two.current()).kid);
        assert.equal((await one.jwks()).keys.length, 1);
        assert.equal((await two.jwks()).keys.length, 1);
      } finally {
        await a.close();
        await b.close();
      }
    },
  );
});
