/**
 * The development pages under /dev (the outbox, the job queue, the sandbox clock) exist only on a
 * service whose PUBLIC_URL is a loopback address and whose NODE_ENV is not production.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestService } from './helpers/service.ts';

const devRequests: [string, string][] = [
  ['GET', '/dev/outbox'],
  ['GET', '/dev/jobs'],
  ['GET', '/dev/sandbox/clock'],
  ['POST', '/dev/sandbox/clock/advance'],
];

async function statuses(env: Record<string, string>) {
  const svc = await startTestService({ env });
  try {
    const replies = [];
    for (const [method, path] of devRequests) {
      const reply = await svc.request(path, method === 'POST' ? { body: { days: 1 } } : {});
      replies.push({ path, status: reply.status, code: reply.body?.code as string | undefined });
    }
    return replies;
  } finally {
    await svc.close();
  }
}

function assertHidden(replies: Awaited<ReturnType<typeof statuses>>) {
  for (const { path, status, code } of replies) {
    assert.equal(status, 404, path);
    assert.equal(code, 'route_not_found', `${path} looks like any unknown route`);
  }
}

describe('the development pages', () => {
  it('are a 404 on a public PUBLIC_URL with NODE_ENV unset', async () => {
    assertHidden(await statuses({ PUBLIC_URL: 'https://portal.example.com' }));
  });

  it('are a 404 on a public PUBLIC_URL even with NODE_ENV=development', async () => {
    assertHidden(await statuses({ PUBLIC_URL: 'https://portal.example.com', NODE_ENV: 'development' }));
  });

  it('are a 404 on a loopback PUBLIC_URL with NODE_ENV=production', async () => {
    assertHidden(await statuses({ PUBLIC_URL: 'http://localhost:8787', NODE_ENV: 'production', SCANNER: 'none' }));
  });

  for (const url of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787']) {
    it(`are served on ${url} in development`, async () => {
      for (const { path, status } of await statuses({ PUBLIC_URL: url, NODE_ENV: 'development' })) assert.equal(status, 200, path);
    });
  }
});
