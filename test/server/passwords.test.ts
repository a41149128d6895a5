import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { runScript } from './helpers/cli.ts';

/**
 * Hashes a password in a process of its own with PASSWORD_HASH_COST as given (the cost is read
 * once, when the module loads), checks `check` against the hash given, and prints both results.
 */
async function inProcess(cost: string | undefined, options: { nodeEnv?: string; check?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: options.nodeEnv ?? 'test' };
  delete env.PASSWORD_HASH_COST;
  if (cost !== undefined) env.PASSWORD_HASH_COST = cost;
  if (options.check) env.CHECK = options.check;
  const script = `
    const { hashPassword, verifyPassword } = await import('./server/src/auth/passwords.ts');
    const hash = await hashPassword('correct horse battery');
    const checked = process.env.CHECK ? await verifyPassword('correct horse battery', process.env.CHECK) : null;
    console.log(JSON.stringify({ hash, checked }));`;
  return runScript<{ hash: string; checked: boolean | null }>(script, { env });
}

const costOf = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('password hashes', () => {
  it("are made at scrypt's production cost unless PASSWORD_HASH_COST says low, and each cost checks the other's hashes", async () => {
    const standard = await inProcess(undefined);
    assert.equal(costOf(standard.hash), 'scrypt$32768$8$1');
    const low = await inProcess('low', { check: standard.hash });
    assert.equal(costOf(low.hash), 'scrypt$1024$8$1');
    assert.equal(low.checked, true, 'a low-cost process checks a production hash at its own stored cost');
    const back = await inProcess('standard', { check: low.hash });
    assert.equal(costOf(back.hash), 'scrypt$32768$8$1');
    assert.equal(back.checked, true);
  });

  it('refuses the low cost in production, and a cost it does not know, naming PASSWORD_HASH_COST', async () => {
    const cwd = path.join(os.tmpdir(), 'portico-passwords-cwd');
    for (const [env, mention] of [
      [{ NODE_ENV: 'production', SCANNER: 'none', PASSWORD_HASH_COST: 'low' }, 'NODE_ENV=production'],
      [{ PASSWORD_HASH_COST: 'fast' }, 'standard, low'],
    ] as const) {
      assert.throws(
        () => loadConfig(env, cwd),
        (error: unknown) => error instanceof ConfigError && error.variable === 'PASSWORD_HASH_COST' && error.message.includes(mention),
      );
    }
    assert.equal(loadConfig({}, cwd).passwordHashCost, 'standard');
    // A process that hashes passwords refuses too, even one that never loads the configuration.
    await assert.rejects(inProcess('low', { nodeEnv: 'production' }), /PASSWORD_HASH_COST: cannot be low when NODE_ENV=production/);
  });
});
