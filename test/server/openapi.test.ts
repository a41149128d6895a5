import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import { createApp } from '../../server/src/app.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { operations } from '../../server/src/openapi.ts';
import { startTestService, type TestService } from './helpers/service.ts';

interface RouterLayer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every `METHOD /path` the Express app answers, with `:param` written as OpenAPI's `{param}`. */
function routesOf(app: Express): Set<string> {
  const found = new Set<string>();
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            found.add(`${method.toUpperCase()} ${(prefix + path).replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  return found;
}

describe('the OpenAPI document', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  it('is served, public, as OpenAPI 3.1', async () => {
    const reply = await svc.request('/api/v1/openapi.json', { origin: 'https://any.example' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.openapi, '3.1.0');
    assert.equal(reply.headers.get('access-control-allow-origin'), '*');
    assert.ok(reply.body.paths['/api/v1/payments'].post.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key'));
    for (const [path, methods] of Object.entries(reply.body.paths as Record<string, Record<string, any>>)) {
      for (const operation of Object.values(methods)) {
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map(([, n]) => n)) {
          assert.ok(
            operation.parameters.some((p: { name: string; in: string }) => p.name === name && p.in === 'path'),
            `${path} declares {${name}}`,
          );
        }
        const refs = JSON.stringify(operation).match(/#\/components\/schemas\/\w+/g) ?? [];
        for (const schemaRef of refs) assert.ok(reply.body.components.schemas[schemaRef.split('/').at(-1)!], `${schemaRef} exists`);
      }
    }
  });

  it('has a real schema for every body, reply and problem: nothing described in prose only', async () => {
    const document = (await svc.request('/api/v1/openapi.json')).body;
    const shaped = (schema: Record<string, unknown>) => ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'].some((key) => key in schema);
    for (const [name, schema] of Object.entries(document.components.schemas as Record<string, Record<string, unknown>>)) {
      assert.ok(shaped(schema), `${name} has a shape`);
      if (schema.type === 'object') assert.ok(schema.properties, `${name} names its properties`);
    }
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        const body = operation.requestBody?.content;
        if (['post', 'put', 'patch'].includes(method) && body?.['application/json'])
          assert.ok(body['application/json'].schema.$ref, `${where}: its body is a named schema`);
        for (const parameter of operation.parameters) assert.ok(shaped(parameter.schema), `${where}: parameter ${parameter.name} has a schema`);
        for (const [status, reply] of Object.entries(operation.responses as Record<string, any>)) {
          const json = reply.content?.['application/json'] ?? reply.content?.['application/problem+json'];
          if (json) assert.ok(json.schema.$ref, `${where} ${status}: its reply is a named schema`);
        }
      }
    }
    const problemCodes = document.components.schemas.Problem.properties.code.enum as string[];
    assert.ok(problemCodes.includes('invalid_request') && problemCodes.includes('amount_exceeds_balance'), 'the problem codes are listed');
  });

  it('lists exactly the routes of the API', () => {
    const app = createApp(svc.services, { logger: silentLogger });
    const routes = [...routesOf(app)].filter((route) => route.split(' ')[1]!.startsWith('/api/v1/'));
    const documented = operations
      .filter((operation) => operation.path.startsWith('/api/v1/'))
      .map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    const undocumented = routes.filter((route) => !documented.includes(route));
    const missing = documented.filter((route) => !routes.includes(route));
    assert.deepEqual(undocumented, [], 'routes the document does not describe');
    assert.deepEqual(missing, [], 'documented operations with no route');
    assert.ok(routes.length >= 60);
  });
});
