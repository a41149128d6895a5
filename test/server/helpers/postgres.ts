import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL database the tests own: `url` reaches it over TCP as a role that is not a superuser. */
export interface TestPostgres {
  url: string;
  /** Drops what `startPostgres` made (the database, or the whole cluster); safe to call twice. */
  stop(): Promise<void>;
}

const HOW_TO_GET_ONE =
  'These tests need PostgreSQL. Install the server (as root: apt-get install -y postgresql; it ' +
  'brings /usr/lib/postgresql/<version>/bin) or set TEST_DATABASE_URL to a server where this ' +
  'user may create databases.';

/**
 * A throwaway PostgreSQL database for one test file.
 *
 * With `TEST_DATABASE_URL` set, a new database with a random name is created on that server (and,
 * when the URL's role may create roles, a role of its own that owns it) and dropped by `stop()`.
 * Otherwise a new cluster is started from the Debian binaries (`/usr/lib/postgresql/<highest>/bin`)
 * in a temporary folder, as the `postgres` user when running as root, and `stop()` stops it and
 * removes the folder. Either way nothing is left behind when the test process ends early: an exit
 * handler cleans up, and for a cluster a detached watchdog stops it even after a SIGKILL.
 *
 * On the server `with-postgres.ts` runs for a suite (see there), `migrated` clones a database that
 * has the schema in place already, which a service opens without migrating; and databases are
 * left for the server's removal at the end instead of each being dropped (a checkpoint each).
 */
export async function startPostgres(options: { migrated?: boolean } = {}): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    return createDatabaseOn(given, {
      template: options.migrated ? process.env.TEST_DATABASE_TEMPLATE || undefined : undefined,
      leaveToServer: process.env.TEST_DATABASE_THROWAWAY === '1',
    });
  }
  const bin = debianBinaries();
  if (!bin) throw new Error(`${HOW_TO_GET_ONE} (No TEST_DATABASE_URL, and no /usr/lib/postgresql/*/bin/initdb here.)`);
  return startCluster(bin);
}

// --- a database on a server someone else runs ------------------------------------------------

async function createDatabaseOn(adminUrl: string, options: { template?: string; leaveToServer?: boolean } = {}): Promise<TestPostgres> {
  if (options.template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.template))
    throw new Error(`TEST_DATABASE_TEMPLATE: not a database name: ${options.template}`);
  const name = `portico_test_${randomBytes(6).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let ownRole: boolean;
  try {
    const { rows } = await admin.query<{ may: boolean }>('SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user');
    ownRole = rows[0]?.may === true;
    // Identifiers cannot be bind parameters; `name` is ours, hex only.
    if (ownRole) await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS`);
    // The template's tables belong to the URL's role: a database with a role of its own starts empty.
    const template = options.template && !ownRole ? ` TEMPLATE ${options.template}` : '';
    await admin.query(`CREATE DATABASE ${name}${template}${ownRole ? ` OWNER ${name}` : ''}`);
  } finally {
    await admin.end();
  }

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (ownRole) {
    url.username = name;
    url.password = password;
  }
  if (options.leaveToServer) return { url: url.toString(), stop: async () => undefined };
  const dropSql = [
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    `DROP DATABASE IF EXISTS ${name}`,
    ...(ownRole ? [`DROP ROLE IF EXISTS ${name}`] : []),
  ];

  // If the process ends before stop(), drop it synchronously from a short-lived child process.
  const pgPath = createRequire(import.meta.url).resolve('pg');
  const dropNow = () => {
    const script =
      `const { Client } = require(${JSON.stringify(pgPath)});` +
      `(async () => { const c = new Client({ connectionString: ${JSON.stringify(adminUrl)} }); await c.connect();` +
      `for (const s of ${JSON.stringify(dropSql)}) await c.query(s); await c.end(); })()` +
      `.catch((e) => { console.error(e.message); process.exit(1); });`;
    spawnSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 15_000 });
  };
  const removeExitHandlers = onProcessEnd(dropNow);

  let stopped = false;
  return {
    url: url.toString(),
    async stop() {
      if (stopped) return;
      stopped = true;
      removeExitHandlers();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const sql of dropSql) await client.query(sql);
      } finally {
        await client.end();
      }
    },
  };
}

// --- a cluster of our own ----------------------------------------------------------------------

/** The highest-versioned `/usr/lib/postgresql/<version>/bin` that has `initdb`, if any. */
function debianBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return undefined;
  }
  return versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version) && fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'))[0];
}

/** How to run a PostgreSQL binary: as the `postgres` user when we are root (initdb refuses root). */
function runner(): { command(file: string, args: string[]): [string, string[]]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { command: (file, args) => [file, args] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(`${HOW_TO_GET_ONE} (Running as root, and there is no postgres user to run the server as.)`);
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((file) => fs.existsSync(file));
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  return {
    owner: { uid, gid },
    command: (file, args) => (runuser ? [runuser, ['-u', 'postgres', '--', file, ...args]] : ['su', ['postgres', '-c', [file, ...args].map(quote).join(' ')]]),
  };
}

function run(command: [string, string[]], what: string): void {
  const result = spawnSync(command[0], command[1], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || String(result.error ?? result.signal);
    throw new Error(`${what} failed (${command[0]} ${command[1].join(' ')}):\n${output}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startCluster(bin: string): Promise<TestPostgres> {
  const as = runner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const logFile = path.join(dir, 'server.log');
  const pgCtl = path.join(bin, 'pg_ctl');
  let watchdog: number | undefined;
  let running = false;

  /** Synchronous, so the exit handler can use it too. */
  const stopNow = () => {
    if (running) {
      running = false;
      try {
        run(as.command(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']), 'pg_ctl stop');
      } catch (error) {
        // Last resort: end the postmaster directly (we are its user, or root).
        try {
          const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGQUIT');
        } catch {
          // Not running after all.
        }
        throw error;
      } finally {
        if (watchdog) stopWatchdog(watchdog);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const removeExitHandlers = onProcessEnd(() => {
    try {
      stopNow();
    } catch {
      // Nothing more can be done while exiting; the watchdog still holds the postmaster's pid.
    }
  });

  try {
    fs.mkdirSync(socketDir);
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.writeFileSync(logFile, '');
    if (as.owner) for (const entry of [dir, socketDir, dataDir, logFile]) fs.chownSync(entry, as.owner.uid, as.owner.gid);

    // --no-sync only skips initdb's own flush of a folder that is thrown away; the server runs with fsync=on.
    run(
      as.command(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--no-locale',
        '-E',
        'UTF8',
        '--no-sync',
      ]),
      'initdb',
    );

    // A free port can be taken between our check and the server's bind: try another then.
    let port = 0;
    for (let attempt = 1; !running; attempt += 1) {
      port = await freePort();
      const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=on`;
      try {
        run(as.command(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]), 'pg_ctl start');
        running = true;
      } catch (error) {
        if (attempt >= 3) throw new Error(`${(error as Error).message}\n${fs.readFileSync(logFile, 'utf8')}`, { cause: error });
      }
    }
    const postmasterPid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    watchdog = startWatchdog(postmasterPid, dir);

    // A role that is neither superuser nor BYPASSRLS, so row-level security applies to it.
    const password = randomBytes(18).toString('base64url');
    const admin = new pg.Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE portico LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS CREATEDB`);
      await admin.query('CREATE DATABASE portico OWNER portico');
    } finally {
      await admin.end();
    }

    return {
      url: `postgres://portico:${password}@127.0.0.1:${port}/portico`,
      async stop() {
        removeExitHandlers();
        stopNow();
      },
    };
  } catch (error) {
    removeExitHandlers();
    try {
      stopNow();
    } catch {
      // The error that stopped the start is the one to report.
    }
    throw error;
  }
}

/**
 * A detached process that stops the cluster if this process disappears without cleaning up
 * (SIGKILL, or a runner killing the whole process group): the postmaster is in a session of its own.
 */
function startWatchdog(postmasterPid: number, dir: string): number | undefined {
  const script = `
    const fs = require('node:fs');
    const [parent, postmaster, dir] = [Number(process.argv[1]), Number(process.argv[2]), process.argv[3]];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    const watching = setInterval(() => {
      if (alive(parent)) return;
      clearInterval(watching);
      try { process.kill(postmaster, 'SIGINT'); } catch {}
      const deadline = Date.now() + 30000;
      const waiting = setInterval(() => {
        if (alive(postmaster) && Date.now() < deadline) return;
        clearInterval(waiting);
        try { process.kill(postmaster, 'SIGKILL'); } catch {}
        fs.rmSync(dir, { recursive: true, force: true });
      }, 100);
    }, 500);`;
  const child = spawn(process.execPath, ['-e', script, String(process.pid), String(postmasterPid), dir], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid;
}

function stopWatchdog(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

const endSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `cleanUp` (synchronously) when the process exits or is ended by a signal, once; returns a
 * function that removes the handlers. After a signal the process still ends with that signal.
 */
function onProcessEnd(cleanUp: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cleanUp();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    once();
    remove();
    // Without our handler the signal's default action applies, unless another handler is listening.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = () => {
    process.off('exit', once);
    for (const signal of endSignals) process.off(signal, onSignal);
  };
  process.on('exit', once);
  for (const signal of endSignals) process.on(signal, onSignal);
  return remove;
}
