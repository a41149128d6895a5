import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { operations } from '../../../server/src/openapi.ts';
import { ProblemReply } from '../../../server/src/http/problem-codes.ts';

/** One reply that does not match the contract. */
export interface ReplyViolation {
  request: string;
  status: number;
  issue: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Fewer parameters first: `/payments/export` wins over `/payments/{id}`. */
  params: number;
  operation: (typeof operations)[number];
}

const routes: Route[] = operations
  .map((operation) => ({
    method: operation.method.toUpperCase(),
    pattern: new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (operation.path.match(/\{/g) ?? []).length,
    operation,
  }))
  .sort((a, b) => a.params - b.params);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code === 'invalid_value' ? 'not a value the contract lists' : issue.message}`)
    .join('; ');
}

/**
 * Checks every reply the service sends against the API contract (the schemas the OpenAPI
 * document is generated from): a success must have its operation's status and shape, anything
 * else must be a problem with a code from the catalogue. Mounted in front of the app by the test
 * service, which fails a test whose replies broke the contract.
 */
export function replyCheck() {
  const violations: ReplyViolation[] = [];

  function check(req: Request, res: Response, body: string | undefined) {
    const path = req.originalUrl.split('?')[0]!;
    const status = res.statusCode;
    const request = `${req.method} ${path}`;
    const report = (issue: string) => violations.push({ request, status, issue });
    const type = String(res.getHeader('content-type') ?? '');
    const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (req.method === 'OPTIONS' || (!route && !path.startsWith('/api/'))) return;

    if (status >= 400) {
      if (!type.startsWith('application/problem+json')) return report(`a ${status} is not application/problem+json but ${type || 'empty'}`);
      const problem = JSON.parse(body ?? 'null') as { code?: unknown } | null;
      const parsed = ProblemReply.safeParse(problem);
      if (!parsed.success) report(`the problem (code ${String(problem?.code)}) does not match the contract: ${describeIssues(parsed.error)}`);
      return;
    }
    if (!route) return report('no operation in the contract answers this request');
    if (status === 304) return;
    const [expected, shape] = route.operation.response;
    if (status !== expected && status !== route.operation.alsoStatus) return report(`the contract says ${expected}`);
    if (!shape) {
      if (body) report('the contract says the reply has no body');
      return;
    }
    if (typeof shape === 'string') {
      if (shape.includes('/') && shape !== '*/*' && !type.startsWith(shape)) report(`the contract says ${shape}, the reply is ${type}`);
      return;
    }
    if (!type.startsWith('application/json')) return report(`the contract says JSON, the reply is ${type}`);
    const parsed = shape.safeParse(JSON.parse(body ?? 'null'));
    if (!parsed.success) report(`the reply does not match ${z.globalRegistry.get(shape)?.id}: ${describeIssues(parsed.error)}`);
  }

  const middleware: RequestHandler = (req, res, next) => {
    let body: string | undefined;
    const send = res.send.bind(res);
    res.send = (chunk?: unknown) => {
      if (typeof chunk === 'string') body = chunk;
      else if (Buffer.isBuffer(chunk) && /json/.test(String(res.getHeader('content-type') ?? ''))) body = chunk.toString('utf8');
      return send(chunk);
    };
    res.on('finish', () => check(req, res, body));
    next();
  };

  return { middleware, violations };
}
