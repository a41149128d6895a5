// Writes the API contract for those who code against it: docs/openapi.json (the document the
// service serves at /api/v1/openapi.json) and components/api/contract.ts (the browser client's
// types, generated from that document). Both come from the service's zod schemas; nothing here
// is written by hand. Runs in `npm run build`; `--check` fails instead when a file is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { z } from 'zod';
import { problemCodes } from '../server/src/http/problem-codes.ts';
import { openApiDocument, operations } from '../server/src/openapi.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const check = process.argv.includes('--check');

const document = openApiDocument('http://localhost:8787', version);
const types = astToString(
  await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { rootTypes: true, rootTypesNoSchemaPrefix: true, exportType: true }),
);

/** A schema's name, linked to nothing: the reader looks it up in the OpenAPI document. */
const shapeName = (shape: unknown) => (!shape ? '' : typeof shape === 'string' ? `\`${shape}\`` : `\`${z.globalRegistry.get(shape as z.ZodType)?.id}\``);
const cell = (text: string) => text.replace(/\|/g, '\\|');
const who = {
  public: 'anyone',
  client: 'client',
  firm: 'firm',
  staff: 'staff token',
  staffCookie: 'staff refresh cookie',
  cookie: 'refresh cookie',
  stripe: 'Stripe',
} as const;

function routeTables(): string {
  const byTag = new Map<string, typeof operations>();
  for (const operation of operations) byTag.set(operation.tag, [...(byTag.get(operation.tag) ?? []), operation]);
  const lines = [
    '## Every route',
    '',
    "Who: `client` is a client's access token, `firm` an API key (`pk_…`). Shapes are named as in the OpenAPI document.",
    '',
  ];
  for (const [tag, list] of byTag) {
    lines.push(`### ${tag}`, '', '| route | who | what | body | reply |', '| --- | --- | --- | --- | --- |');
    for (const operation of list) {
      const [status, reply] = operation.response;
      const query = Array.isArray(operation.query) ? operation.query : operation.query ? Object.keys(operation.query.shape) : [];
      const body = [
        operation.body === 'multipart' ? 'multipart form' : shapeName(operation.body),
        query.length ? `query ${query.map((q) => `\`${q}\``).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      lines.push(
        `| \`${operation.method.toUpperCase()} ${operation.path}\` | ${who[operation.auth]} | ${cell(operation.summary)} | ${body} | ${status} ${shapeName(reply)} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Problem codes', '', '| code | meaning |', '| --- | --- |');
  for (const [code, meaning] of Object.entries(problemCodes)) lines.push(`| \`${code}\` | ${cell(meaning)} |`);
  return lines.join('\n');
}

const apiDoc = path.join(root, 'docs/api.md');
const [before, rest] = fs.readFileSync(apiDoc, 'utf8').split('<!-- contract:start -->');
const after = rest!.split('<!-- contract:end -->')[1];

const outputs = new Map([
  ['docs/api.md', `${before}<!-- contract:start -->\n${routeTables()}\n<!-- contract:end -->${after}`],
  ['docs/openapi.json', `${JSON.stringify(document, null, 2)}\n`],
  ['components/api/contract.ts', `/* The API's shapes, generated from the service's OpenAPI document by scripts/api-contract.ts: do not edit. */\n\n${types}`],
]);

let stale = 0;
for (const [file, text] of outputs) {
  const target = path.join(root, file);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    process.stderr.write(`${file} is out of date: run npm run build (or node --import tsx scripts/api-contract.ts).\n`);
    stale++;
  } else {
    fs.writeFileSync(target, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exitCode = stale ? 1 : 0;
