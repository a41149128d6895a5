// When anything under a folder last changed: what `npm start` and the tests compare a build with.
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time of any file under dir (0 when there is none). */
export function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(file));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}
