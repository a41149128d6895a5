// Finds the system Chromium for the browser and end-to-end tests. When it is missing and we run
// as root on Debian, installs Debian's `chromium`; otherwise says exactly what to install.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for headless runs as root on a machine without outside network access. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function existing() {
  return candidates.find((file) => file && fs.existsSync(file));
}

/** The path of a Chromium executable, installing Debian's package as root when there is none. */
export function findChromium({ install = true } = {}) {
  const found = existing();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && fs.existsSync('/usr/bin/apt-get')) {
    process.stderr.write("Chromium is missing: installing Debian's chromium package (about 35 s)…\n");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = existing();
    if (installed) return installed;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install it with `sudo apt-get install chromium` ' +
      '(Debian/Ubuntu), or set CHROME_PATH to a Chromium or Chrome executable.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(findChromium());
}
