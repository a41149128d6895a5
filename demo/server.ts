/**
 * The demo firm's website: a small static server for demo/public, and the site's own sign-in
 * with the backend piece that lets its clients into the portal with no second password
 * (site-sign-in/, under /sso/).
 *
 * HTML pages are templates: `{{SERVICE}}` becomes the token service's public URL, so the pages
 * load the component bundle and talk to the API cross-origin, as a real firm's site would;
 * `{{VERSION}}` and `{{INTEGRITY}}` become the package's version and the bundle's Subresource
 * Integrity hash (from dist/cdn/integrity.json), for pages that pin the versioned bundle.
 * Every response carries a strict Content-Security-Policy (no inline scripts or styles); pages
 * under /strict/ carry the strictest one a firm's page can have (see strictContentSecurityPolicy).
 * With PAYMENTS=stripe or BANK_LINK=plaid both policies allow those processors' hosts too.
 * Pages under /dev/ (the outbox) exist only outside production. What the build makes for the
 * site (the React and Vue examples, in demo/build) is served beside demo/public.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SiteSignIn } from './site-sign-in/site-sign-in.ts';

export interface DemoOptions {
  port: number;
  /** The token service's public URL, without a trailing slash. */
  serviceUrl: string;
  /**
   * The site's own address, the issuer of its sign-in assertions: `http://localhost:<port>` by
   * default, which is what the demo seed registers for the demo firm.
   */
  siteUrl?: string;
  /** Serves the development pages (the outbox) when true. */
  development: boolean;
  /** The folder served; demo/public by default. */
  root?: string;
  /** Built files served where root has none; demo/build by default. */
  builtRoot?: string;
  /** The payment processors in use, whose hosts the policies must allow. */
  processors?: Processors;
}

/** The token service's PAYMENTS and BANK_LINK: the processors whose scripts a payment page loads. */
export interface Processors {
  payments: 'sandbox' | 'stripe';
  bankLink: 'sandbox' | 'plaid';
}

type Env = Record<string, string | undefined>;

const defaultRoot = fileURLToPath(new URL('./public/', import.meta.url));
const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const defaultBuiltRoot = fileURLToPath(new URL('./build/', import.meta.url));
const offlineProcessors: Processors = { payments: 'sandbox', bankLink: 'sandbox' };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function portFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new Error(`${name}: must be a port number from 1 to 65535, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`${name}: must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** Reads the demo's settings from the same variables as the service; names a bad one. */
export function demoOptionsFromEnv(env: Env = process.env): DemoOptions {
  const port = portFrom(env, 'DEMO_PORT', 8080);
  const servicePort = portFrom(env, 'PORT', 8787);
  const raw = env.PUBLIC_URL || `http://localhost:${servicePort}`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL: must be a URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`PUBLIC_URL: must be an http: or https: URL, got "${raw}"`);
  }
  const processors: Processors = {
    payments: oneOf(env, 'PAYMENTS', ['sandbox', 'stripe'], 'sandbox'),
    bankLink: oneOf(env, 'BANK_LINK', ['sandbox', 'plaid'], 'sandbox'),
  };
  return { port, serviceUrl: raw.replace(/\/+$/, ''), development: env.NODE_ENV !== 'production', processors };
}

interface Hosts {
  script: string[];
  frame: string[];
  connect: string[];
}

/**
 * What Stripe.js and Plaid Link need, as docs/going-live.md lists it: their scripts, their
 * frames (`hooks.stripe.com` carries 3-D Secure), and the APIs they call from the page.
 */
const stripeHosts: Hosts = {
  script: ['https://js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
};
const plaidHosts: Hosts = { script: ['https://cdn.plaid.com'], frame: ['https://cdn.plaid.com'], connect: ['https://*.plaid.com'] };

/** The directives that name the token service and the processors in use, the same in both policies. */
function serviceDirectives(serviceUrl: string, { payments, bankLink }: Processors) {
  const service = new URL(serviceUrl).origin;
  const inUse = [...(payments === 'stripe' ? [stripeHosts] : []), ...(bankLink === 'plaid' ? [plaidHosts] : [])];
  const hosts = (kind: keyof Hosts) => inUse.flatMap((processor) => processor[kind]);
  return {
    script: ['script-src', "'self'", service, ...hosts('script')].join(' '),
    connect: ['connect-src', "'self'", service, ...hosts('connect')].join(' '),
    img: `img-src 'self' ${service} data:`,
    /** None at all when no processor frames the page. */
    frame: inUse.length ? [['frame-src', ...hosts('frame')].join(' ')] : [],
  };
}

/** The policy every page is served with. `relaxStyles` is for the outbox, whose emails use inline styles. */
export function contentSecurityPolicy(
  serviceUrl: string,
  { relaxStyles = false, processors = offlineProcessors }: { relaxStyles?: boolean; processors?: Processors } = {},
): string {
  const directives = serviceDirectives(serviceUrl, processors);
  return [
    "default-src 'self'",
    directives.script,
    directives.connect,
    directives.img,
    ...directives.frame,
    // The outbox shows each email in a sandboxed srcdoc frame, which inherits this policy.
    relaxStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy of the pages under /strict/: nothing but the page's own files and the token
 * service (plus Stripe's and Plaid's hosts when they are in use). `connect-src` (the API) and
 * `img-src` (the firm's logo) name the service too; no `'unsafe-inline'` and no `'unsafe-eval'`
 * anywhere.
 */
export function strictContentSecurityPolicy(serviceUrl: string, processors: Processors = offlineProcessors): string {
  const directives = serviceDirectives(serviceUrl, processors);
  return [
    "default-src 'self'",
    directives.script,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    directives.connect,
    directives.img,
    ...directives.frame,
  ].join('; ');
}

/** The package's version and the bundle's integrity hash, as the build wrote them. */
async function bundleFacts(): Promise<{ version: string; integrity: string }> {
  const { version } = JSON.parse(await fs.readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const built = await fs.readFile(path.join(packageRoot, 'dist/cdn/integrity.json'), 'utf8').catch(() => null);
  const integrity = built ? String((JSON.parse(built) as { integrity?: string }).integrity ?? '') : '';
  return { version, integrity };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Maps a request path to a file under root, or null when it would leave root. */
function resolveFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

async function findFile(roots: readonly string[], pathname: string): Promise<string | null> {
  // `/portal.html` is accepted as the portal page too, so links written either way work.
  const candidates = [pathname];
  if (pathname.endsWith('/')) candidates[0] = `${pathname}index.html`;
  else if (pathname.endsWith('.html')) candidates.push(`${pathname.slice(0, -'.html'.length)}/index.html`);
  else if (!path.posix.extname(pathname)) candidates.push(`${pathname}/index.html`, `${pathname}.html`);

  for (const root of roots) {
    for (const candidate of candidates) {
      const file = resolveFile(root, candidate);
      if (!file) continue;
      const stat = await fs.stat(file).catch(() => null);
      if (stat?.isFile()) return file;
    }
  }
  return null;
}

export function createDemoServer(options: DemoOptions): http.Server {
  const root = path.resolve(options.root ?? defaultRoot);
  const roots = [root, path.resolve(options.builtRoot ?? defaultBuiltRoot)];
  const processors = options.processors ?? offlineProcessors;
  const service = escapeAttribute(options.serviceUrl);
  const siteSignIn = new SiteSignIn({ siteUrl: options.siteUrl ?? `http://localhost:${options.port}` });

  async function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, file: string, policy: string) {
    const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer = await fs.readFile(file);
    if (type.startsWith('text/html')) {
      let html = body.toString('utf8').replaceAll('{{SERVICE}}', service);
      if (html.includes('{{VERSION}}') || html.includes('{{INTEGRITY}}')) {
        const { version, integrity } = await bundleFacts();
        html = html.replaceAll('{{VERSION}}', escapeAttribute(version)).replaceAll('{{INTEGRITY}}', escapeAttribute(integrity));
      }
      html = options.development ? html.replace(/<!--\/?dev-->/g, '') : html.replace(/<!--dev-->[\s\S]*?<!--\/dev-->/g, '');
      body = Buffer.from(html);
    }
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      // Invitation and reset tokens travel in the portal page's query string: never pass it on.
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const { pathname } = new URL(req.url ?? '/', 'http://demo.invalid');
    if (siteSignIn.handles(pathname)) {
      await siteSignIn.handle(req, res, pathname);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const isDevPage = pathname === '/dev' || pathname.startsWith('/dev/');
    const isStrictPage = pathname === '/strict' || pathname.startsWith('/strict/');
    const file = isDevPage && !options.development ? null : await findFile(roots, pathname);
    if (file && !path.basename(file).startsWith('.')) {
      const policy = isStrictPage
        ? strictContentSecurityPolicy(options.serviceUrl, processors)
        : contentSecurityPolicy(options.serviceUrl, { relaxStyles: isDevPage, processors });
      await send(req, res, 200, file, policy);
      return;
    }
    await send(req, res, 404, path.join(root, '404.html'), contentSecurityPolicy(options.serviceUrl, { processors }));
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`demo: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    });
  });
}

async function main() {
  let options: DemoOptions;
  try {
    options = demoOptionsFromEnv();
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const server = createDemoServer(options);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${options.port} is already in use (set DEMO_PORT to another port)` : error.message;
    process.stderr.write(`demo: cannot start: ${reason}\n`);
    process.exit(1);
  });
  server.listen(options.port, () => {
    process.stdout.write(`demo site listening on http://localhost:${options.port} (token service ${options.serviceUrl})\n`);
  });

  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
