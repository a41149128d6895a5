import { Router } from 'express';
import { Problem } from './problem.ts';

/** What readiness depends on, by name: each check resolves when its part answers. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * `GET /healthz`: the process is alive and answering (liveness: restart it if not). `GET /readyz`:
 * it can serve requests now, because each part it needs answers (readiness: send it traffic or
 * not). A load balancer polls both; neither needs a firm or a token. A check that hangs counts as
 * failed after `timeoutMs`, so a stuck database never holds the probe open.
 */
export function healthRoutes(checks: ReadinessChecks, timeoutMs = 3_000): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await withTimeout(check(), timeoutMs).then(() => 'ok', describe)] as const),
    );
    const failing = results.filter(([, result]) => result !== 'ok');
    res.set('Cache-Control', 'no-store');
    if (failing.length) {
      throw new Problem(503, 'not_ready', `Not ready: ${failing.map(([name, reason]) => `${name} (${reason})`).join('; ')}.`, {
        checks: Object.fromEntries(results),
      });
    }
    res.json({ status: 'ok', checks: Object.fromEntries(results) });
  });
  return router;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
