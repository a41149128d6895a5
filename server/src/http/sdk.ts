import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { sendProblem } from './problem.ts';

export interface SdkOptions {
  /** The built bundle's folder (`dist/cdn` of the `portico` package). */
  dir: string;
  /** The `portico` package's version: `/sdk/v<version>/…` is the pinned address. */
  version: string;
}

/** Files of the bundle: `portal.js`, `chunks/<name>-<hash>.js`, their source maps, `integrity.json`. */
const bundleFile = /^(?:chunks\/)?[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:js|map|json)$/;

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The build's precompressed copies, in the order the service prefers them. */
const codings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const pinnedCache = 'public, max-age=31536000, immutable';
const currentCache = 'public, max-age=300';

/**
 * Serves the built bundle: `/sdk/portal.js` and its chunks (always the current build, cached for
 * five minutes) and the same files under `/sdk/v<version>/` (cached for a year, for pages that
 * pin the version with an integrity hash). The build compresses every file once, as `.br` and
 * `.gz` beside it; the copy the browser accepts is sent as it is, never compressed per request.
 * A clear problem instead of a bare 404 when the bundle was never built.
 */
export function sdkRoutes({ dir, version }: SdkOptions): Router {
  const router = Router();
  const pinned = `/v${version}/`;
  const tags = new EntityTags();

  const serve: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // The raw path: a name that needs escaping, or any `..`, is no file of the bundle.
    const isPinned = req.path.startsWith(pinned);
    const name = isPinned ? req.path.slice(pinned.length) : req.path.slice(1);
    if (!bundleFile.test(name)) return next();
    res.set('X-Content-Type-Options', 'nosniff');
    if (!fs.existsSync(path.join(dir, 'portal.js'))) {
      return sendProblem(res, 503, 'sdk_not_built', 'The component bundle has not been built: run `npm run build`.');
    }
    const file = path.join(dir, ...name.split('/'));
    const identity = statFile(file);
    if (!identity) return next();

    const accepted = acceptedCodings(req.get('Accept-Encoding'));
    const coding = codings
      .filter(({ name: coding }) => (accepted.get(coding) ?? 0) > 0)
      .sort((a, b) => accepted.get(b.name)! - accepted.get(a.name)!)
      .map((candidate) => ({ ...candidate, stat: statFile(file + candidate.suffix) }))
      .find((candidate) => candidate.stat);
    const sent = coding ? file + coding.suffix : file;
    const stat = coding?.stat ?? identity;

    res.vary('Accept-Encoding');
    res.set({
      'Cache-Control': isPinned ? pinnedCache : currentCache,
      'Content-Type': contentTypes[path.extname(name)]!,
      ETag: tags.of(sent, stat),
    });
    if (coding) res.set('Content-Encoding', coding.name);
    if (notModified(req, res.get('ETag')!)) return res.status(304).end();
    res.set('Content-Length', String(stat.size));
    if (req.method === 'HEAD') return res.status(200).end();
    send(res, sent);
  };
  router.use(serve);
  return router;
}

function statFile(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

/** The codings of an `Accept-Encoding` header with their weights (`*` stands for any other). */
function acceptedCodings(header: string | undefined): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of (header ?? '').split(',')) {
    const [token, ...params] = entry.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(token, Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0);
  }
  const any = weights.get('*');
  if (any !== undefined) for (const { name } of codings) if (!weights.has(name)) weights.set(name, any);
  return weights;
}

/** True when one of the request's `If-None-Match` tags is `etag` (compared weakly, as RFC 9110 asks). */
function notModified(req: Request, etag: string): boolean {
  const header = req.get('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function send(res: Response, file: string): void {
  const stream = fs.createReadStream(file);
  // The file went away between the check and the read (a rebuild): end the reply short.
  stream.on('error', (error) => res.destroy(error));
  stream.pipe(res);
}

/**
 * Strong entity tags from each file's content (each encoding is its own representation), worked
 * out once per file and kept until the file changes.
 */
class EntityTags {
  readonly #known = new Map<string, { mtimeMs: number; size: number; tag: string }>();

  of(file: string, stat: fs.Stats): string {
    const known = this.#known.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.tag;
    const tag = `"${createHash('sha256').update(fs.readFileSync(file)).digest('base64url').slice(0, 32)}"`;
    this.#known.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, tag });
    return tag;
  }
}
