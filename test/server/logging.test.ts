import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { loggedPath } from '../../server/src/http/request-log.ts';
import { createLogger, withLogFields } from '../../server/src/logger.ts';
import { password, startTestService, type TestService } from './helpers/service.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Line = Record<string, unknown>;

/** A logger whose lines a test reads back, parsed, as they are written. */
function capturedLogger() {
  const lines: Line[] = [];
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += String(chunk);
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { logger: createLogger({ stream }), lines, text: () => text };
}

/** The first line that matches, once it is written: an access-log line follows the response it describes. */
async function lineWhere(lines: Line[], match: (line: Line) => boolean, timeoutMs = 5_000): Promise<Line> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = lines.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such log line within ${timeoutMs} ms; lines:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('request ids and logs', () => {
  const log = capturedLogger();
  let svc: TestService;
  before(async () => {
    svc = await startTestService({ logger: log.logger });
  });
  after(() => svc.close());

  it('gives every response a request id, keeping a plain one the caller sent', async () => {
    const first = (await svc.request('/healthz')).headers.get('x-request-id');
    const second = (await svc.request('/healthz')).headers.get('x-request-id');
    assert.match(first ?? '', uuid);
    assert.match(second ?? '', uuid);
    assert.notEqual(first, second);

    const sent = 'edge-7f3a.12:9_b';
    assert.equal((await svc.request('/healthz', { headers: { 'x-request-id': sent } })).headers.get('x-request-id'), sent);
    for (const unfit of ['two words', 'x'.repeat(129), '<script>', 'a,b']) {
      const given = (await svc.request('/healthz', { headers: { 'x-request-id': unfit } })).headers.get('x-request-id');
      assert.match(given ?? '', uuid, `"${unfit.slice(0, 20)}" is replaced`);
    }
  });

  it('puts the request id in every problem', async () => {
    const replies = [
      await svc.request('/nope'),
      await svc.request('/api/v1/invoices'),
      await svc.request('/api/v1/auth/login', { raw: '{"firm":' }),
      await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password: 'wrong password here' } }),
      await svc.request('/api/v1/invoices', { headers: { 'x-request-id': 'client-chosen-1' } }),
    ];
    for (const reply of replies) {
      assert.ok(reply.status >= 400, `a ${reply.status}`);
      assert.equal(reply.body.requestId, reply.headers.get('x-request-id'), `the ${reply.body.code} problem`);
    }
    assert.equal(replies.at(-1)!.body.requestId, 'client-chosen-1');
  });

  it('writes one access-log line per request, with no secret in the whole log', async () => {
    const { token, cookie } = await svc.login('alex@example.com');
    const reply = await svc.request('/api/v1/me?view=full&token=query-secret-123', { token, cookie });
    assert.equal(reply.status, 200);
    const requestId = reply.headers.get('x-request-id')!;
    const line = await lineWhere(log.lines, (l) => l.message === 'request' && l.requestId === requestId);
    assert.equal(line.level, 'info');
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/api/v1/me?view=full&token=[redacted]');
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
    assert.ok((line.durationMs as number) >= 0);
    assert.equal(log.lines.filter((l) => l.requestId === requestId && l.message === 'request').length, 1);

    // The sign-in and the request above are in the log, their credentials are not.
    await lineWhere(log.lines, (l) => l.message === 'request' && l.path === '/api/v1/auth/login' && l.status === 200);
    const text = log.text();
    for (const secret of [password, token, cookie.split('=')[1]!, 'query-secret-123']) {
      assert.equal(text.includes(secret), false, `the log holds no ${secret.slice(0, 12)}…`);
    }
  });

  it('marks every line logged while a request runs with its id, and answers a fault with a 500 problem', async () => {
    // A service with its own logger, as the services have, logs after an await and then fails.
    const serviceLog = capturedLogger();
    const firms = svc.services.firms as unknown as Record<string, unknown>;
    firms.bySlug = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      serviceLog.logger.warn('looking the firm up', { token: 'must-not-show' });
      throw new Error('the store fell over');
    };
    try {
      const reply = await svc.request('/api/v1/firms/hale/branding');
      assert.equal(reply.status, 500);
      assert.equal(reply.body.code, 'internal_error');
      const requestId = reply.headers.get('x-request-id')!;
      assert.equal(reply.body.requestId, requestId);

      const serviceLine = await lineWhere(serviceLog.lines, (l) => l.message === 'looking the firm up');
      assert.equal(serviceLine.requestId, requestId);
      assert.equal(serviceLine.token, '[redacted]');
      const fault = await lineWhere(log.lines, (l) => l.message === 'unhandled error' && l.requestId === requestId);
      assert.equal(fault.level, 'error');
      assert.match(String(fault.error), /the store fell over/);
      const access = await lineWhere(log.lines, (l) => l.message === 'request' && l.requestId === requestId);
      assert.equal(access.status, 500);
    } finally {
      delete firms.bySlug;
    }
    assert.equal((await svc.request('/api/v1/firms/hale/branding')).status, 200);
  });
});

describe('the logger', () => {
  it('hides credentials at any depth and keeps everything else', () => {
    const log = capturedLogger();
    log.logger.info('signed in', {
      contactId: 'con_1',
      headers: { Authorization: 'Bearer abc', cookie: 'portico_refresh=def', accept: 'application/json' },
      body: { email: 'a@b.co', password: 'p4ss', nested: { refreshToken: 'r', list: [{ secret: 's' }] } },
    });
    const [line] = log.lines;
    assert.deepEqual(line!.headers, { Authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' });
    assert.deepEqual(line!.body, { email: 'a@b.co', password: '[redacted]', nested: { refreshToken: '[redacted]', list: [{ secret: '[redacted]' }] } });
    assert.equal(line!.contactId, 'con_1');
    assert.equal(line!.message, 'signed in');
  });

  it('adds fields to the lines logged inside withLogFields only, without them leaking between lines', async () => {
    const log = capturedLogger();
    await withLogFields({ requestId: 'r-1' }, async () => {
      log.logger.info('first', { extra: 1 });
      await new Promise((resolve) => setImmediate(resolve));
      log.logger.info('second');
    });
    log.logger.info('outside');
    assert.deepEqual(
      log.lines.map((l) => [l.message, l.requestId, l.extra]),
      [
        ['first', 'r-1', 1],
        ['second', 'r-1', undefined],
        ['outside', undefined, undefined],
      ],
    );
  });

  it('writes nothing when silent', () => {
    const written: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (written.push(String(chunk)), done()) });
    createLogger({ silent: true, stream }).error('not shown');
    assert.deepEqual(written, []);
  });

  it('logs a path with the values of secret-looking query parameters hidden', () => {
    assert.equal(loggedPath('/api/v1/invoices'), '/api/v1/invoices');
    assert.equal(loggedPath('/api/v1/invoices?status=open&cursor=abc'), '/api/v1/invoices?status=open&cursor=abc');
    assert.equal(loggedPath('/x?access_token=1&apiKey=2&Signature=3&flag'), '/x?access_token=[redacted]&apiKey=[redacted]&Signature=[redacted]&flag');
    assert.equal(loggedPath('/x?%74oken=1'), '/x?%74oken=[redacted]');
  });
});
