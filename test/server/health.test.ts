// Readiness as a load balancer sees it: every part answers, or a 503 problem naming what does not.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { healthRoutes } from '../../server/src/http/health.ts';
import { errorHandler } from '../../server/src/http/problem.ts';
import { silentLogger } from '../../server/src/logger.ts';

describe('/healthz and /readyz', () => {
  let server: Server;
  let base: string;
  let databaseAnswers = true;

  before(async () => {
    const app = express();
    app.use(
      healthRoutes(
        {
          database: async () => {
            if (!databaseAnswers) throw new Error('connection refused');
          },
          // A store that never answers: the probe must not hang with it.
          files: () => new Promise(() => {}),
        },
        200,
      ),
    );
    app.use(errorHandler(silentLogger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('is alive whatever its parts say', async () => {
    databaseAnswers = false;
    const reply = await fetch(`${base}/healthz`);
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), { status: 'ok' });
  });

  it('is not ready while a part fails or hangs, and says which, as a 503 problem', async () => {
    databaseAnswers = false;
    const reply = await fetch(`${base}/readyz`);
    assert.equal(reply.status, 503);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await reply.json()) as { code: string; detail: string; checks: Record<string, string> };
    assert.equal(problem.code, 'not_ready');
    assert.deepEqual(problem.checks, { database: 'connection refused', files: 'no answer within 200 ms' });
    assert.match(problem.detail, /database \(connection refused\); files \(no answer within 200 ms\)/);
  });

  it('names only the part that fails', async () => {
    databaseAnswers = true;
    const reply = await fetch(`${base}/readyz`);
    assert.equal(reply.status, 503);
    assert.deepEqual(((await reply.json()) as { checks: Record<string, string> }).checks, { database: 'ok', files: 'no answer within 200 ms' });
  });
});
