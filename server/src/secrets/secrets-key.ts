import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.ts';
import { decodeSecretsKey, SecretBox, secretsKeyBytes } from './secret-box.ts';

/** Where a single machine keeps the key it made for itself when SECRETS_KEY is not set. */
export function secretsKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'secrets.key');
}

/**
 * The key that seals the database's secrets, as the box that uses it: SECRETS_KEY when set.
 * Without it, on SQLite, a key made once into `DATA_DIR/keys/secrets.key` (mode 0600) and read
 * from there on every start. On PostgreSQL SECRETS_KEY is required: instances each making a key
 * of their own could not open what the others sealed.
 */
export function loadSecretsKey(config: Pick<Config, 'secretsKey' | 'databaseUrl' | 'dataDir'>): SecretBox {
  if (config.secretsKey) return new SecretBox(config.secretsKey);
  if (config.databaseUrl) {
    throw new ConfigError(
      'SECRETS_KEY',
      'is required with DATABASE_URL: every instance must seal and open the stored secrets with the same key. ' +
        'Make one with `openssl rand -base64 32` and give it to every instance.',
    );
  }
  const file = secretsKeyFile(config.dataDir);
  if (!fs.existsSync(file)) createKeyFile(file);
  const key = decodeSecretsKey(fs.readFileSync(file, 'utf8'));
  if (!key) {
    throw new ConfigError(
      'SECRETS_KEY',
      `is not set, and ${file} does not hold a key (${secretsKeyBytes} bytes in base64): restore that file, or set SECRETS_KEY to the key it held`,
    );
  }
  return new SecretBox(key, file);
}

/**
 * Writes a new key to `file` unless one appeared meanwhile: written whole under another name, then
 * linked into place, so two processes starting on one folder never read half a key or make two.
 */
function createKeyFile(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${randomBytes(secretsKeyBytes).toString('base64')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
