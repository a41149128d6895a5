// The server's business components stay apart: each is reached through its one public module,
// no component holds another's repository, and only a component's own code names its tables.
// Read from the source with TypeScript's parser, so the rules cannot drift from the code.
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';

const execFile = promisify(execFileCallback);
const src = fileURLToPath(new URL('../../server/src/', import.meta.url));

/** The business components, each a folder of server/src with an `index.ts`. */
const components = [
  'activities',
  'api-keys',
  'audit',
  'auth',
  'contacts',
  'documents',
  'files',
  'firms',
  'home',
  'invoices',
  'jobs',
  'limits',
  'mail',
  'messages',
  'payments',
  'plans',
  'staff',
  'webhooks',
] as const;
type Component = (typeof components)[number];

/**
 * Who owns each table. `db` is the storage layer itself: the per-firm counters every numbered
 * document draws from are its table, reached through `db/counters.ts`.
 */
const owners: Record<string, Component | 'db'> = {
  activities: 'activities',
  client_visits: 'home',
  api_keys: 'api-keys',
  audit_log: 'audit',
  assertion_sign_ins: 'auth',
  client_challenges: 'auth',
  client_passkeys: 'auth',
  client_recovery_codes: 'auth',
  client_totp: 'auth',
  email_sign_in_codes: 'auth',
  invitations: 'auth',
  password_resets: 'auth',
  portal_logins: 'auth',
  refresh_families: 'auth',
  refresh_tokens: 'auth',
  signing_keys: 'auth',
  used_assertions: 'auth',
  contacts: 'contacts',
  email_changes: 'contacts',
  files: 'files',
  firms: 'firms',
  firm_counters: 'db',
  invoices: 'invoices',
  invoice_lines: 'invoices',
  jobs: 'jobs',
  job_attempts: 'jobs',
  rate_limits: 'limits',
  outbox_messages: 'mail',
  threads: 'messages',
  messages: 'messages',
  message_attachments: 'messages',
  payments: 'payments',
  payment_allocations: 'payments',
  payment_events: 'payments',
  payment_mandates: 'payments',
  idempotency_keys: 'payments',
  refunds: 'payments',
  refund_allocations: 'payments',
  refund_requests: 'payments',
  saved_payment_methods: 'payments',
  stripe_customers: 'payments',
  stripe_events: 'payments',
  plaid_items: 'payments',
  sandbox_charges: 'payments',
  sandbox_link_sessions: 'payments',
  sandbox_payment_methods: 'payments',
  sandbox_refunds: 'payments',
  sandbox_state: 'payments',
  payment_authorizations: 'plans',
  payment_plans: 'plans',
  plan_instalments: 'plans',
  autopay_enrolments: 'plans',
  autopay_charges: 'plans',
  staff_members: 'staff',
  staff_invitations: 'staff',
  staff_totp: 'staff',
  staff_recovery_codes: 'staff',
  staff_passkeys: 'staff',
  staff_challenges: 'staff',
  staff_refresh_families: 'staff',
  staff_refresh_tokens: 'staff',
  webhook_endpoints: 'webhooks',
  webhook_deliveries: 'webhooks',
  webhook_events: 'webhooks',
};

/** Wiring: the one module that builds every repository and hands each to its own service. */
const compositionRoot = 'services.ts';

/** Kysely calls whose first argument names a table (`'invoices'` or `'invoices as i'`). */
const tableMethods = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
]);
const rawTableReference = /\b(?:from|join|into|update)\s+([a-z_]+)/gi;

interface SourceFile {
  relative: string;
  component: Component | undefined;
  imports: { target: string; names: string[]; typeOnly: boolean; line: number }[];
  tables: { table: string; line: number }[];
}

function listFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function componentOf(relative: string): Component | undefined {
  const first = relative.split('/')[0];
  return (components as readonly string[]).includes(first) ? (first as Component) : undefined;
}

function read(file: string): SourceFile {
  const relative = path.relative(src, file).split(path.sep).join('/');
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const imports: SourceFile['imports'] = [];
  const tables: SourceFile['tables'] = [];
  const ctes = new Set<string>();
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const specifier = node.moduleSpecifier.text;
      if (specifier.startsWith('.')) {
        const target = path
          .relative(src, path.resolve(path.dirname(file), specifier))
          .split(path.sep)
          .join('/');
        const names: string[] = [];
        let typeOnly: boolean;
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          typeOnly = Boolean(clause?.isTypeOnly);
          if (clause?.name) names.push(clause.name.text);
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((element) => (element.propertyName ?? element.name).text));
        } else {
          typeOnly = node.isTypeOnly;
          if (node.exportClause && ts.isNamedExports(node.exportClause))
            names.push(...node.exportClause.elements.map((element) => (element.propertyName ?? element.name).text));
        }
        imports.push({ target, names, typeOnly, line: lineOf(node) });
      }
    }
    // A module loaded on first use (`await import('./x.ts')`) is an import all the same.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.')) {
        const target = path
          .relative(src, path.resolve(path.dirname(file), specifier.text))
          .split(path.sep)
          .join('/');
        imports.push({ target, names: [], typeOnly: false, line: lineOf(node) });
      }
    }
    // A common table expression's name (`.with('name', …)`, or `cte('name')` in the builder form) is the query's own.
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'cte') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'with'))
        ctes.add(node.arguments[0].text);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && tableMethods.has(node.expression.name.text)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) tables.push({ table: first.text.split(/\s+/)[0], line: lineOf(node) });
    }
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'sql') {
      const raw = node.template.getText(source);
      for (const match of raw.matchAll(rawTableReference)) {
        if (match[1] in owners) tables.push({ table: match[1], line: lineOf(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { relative, component: componentOf(relative), imports, tables: tables.filter(({ table }) => !ctes.has(table)) };
}

const files = listFiles(src)
  .filter((file) => !file.endsWith('db/schema.ts') && !file.endsWith('db/migrations.ts'))
  .map(read);

test('every business component has one public module', () => {
  const missing = components.filter((component) => !fs.existsSync(path.join(src, component, 'index.ts')));
  assert.deepEqual(missing, []);
});

test("a component's inside is reached only through its public module", () => {
  const breaches: string[] = [];
  for (const file of files) {
    for (const { target, line } of file.imports) {
      const targetComponent = componentOf(target);
      if (!targetComponent || targetComponent === file.component) continue;
      if (target !== `${targetComponent}/index.ts`) breaches.push(`${file.relative}:${line} imports ${target}`);
    }
  }
  assert.deepEqual(breaches, [], `import ${'<component>/index.ts'} instead`);
});

test("no component holds another's repository: it calls that component's service", () => {
  const breaches: string[] = [];
  for (const file of files) {
    if (file.relative === compositionRoot) continue;
    for (const { target, names, line } of file.imports) {
      const targetComponent = componentOf(target);
      if (!targetComponent || targetComponent === file.component) continue;
      for (const name of names.filter((name) => /Repository$/.test(name))) breaches.push(`${file.relative}:${line} imports ${name} from ${targetComponent}`);
    }
  }
  assert.deepEqual(breaches, []);
});

test('only a component’s own code names its tables', () => {
  const schema = fs.readFileSync(path.join(src, 'db/schema.ts'), 'utf8');
  const declared = [...schema.slice(schema.indexOf('export interface Schema')).matchAll(/^ {2}([a-z_]+): /gm)].map((match) => match[1]);
  assert.deepEqual(
    declared.filter((table) => !(table in owners)),
    [],
    'every table has an owner in this test',
  );
  assert.ok(declared.length >= 40, `the schema's tables were read (${declared.length})`);

  const breaches: string[] = [];
  let seen = 0;
  for (const file of files) {
    for (const { table, line } of file.tables) {
      seen++;
      const owner = owners[table];
      if (owner === undefined) breaches.push(`${file.relative}:${line} names an unknown table ${table}`);
      else if (owner === 'db' ? !file.relative.startsWith('db/') : owner !== file.component)
        breaches.push(`${file.relative}:${line} names ${table}, which ${owner} owns`);
    }
  }
  assert.ok(seen > 100, `table references were found (${seen})`);
  assert.deepEqual(breaches, []);
});

test('routes never open a transaction', () => {
  const breaches = files
    .filter((file) => file.relative.endsWith('.routes.ts'))
    .filter((file) => /\.(transaction|write)\(|unitOfWork/.test(fs.readFileSync(path.join(src, file.relative), 'utf8')))
    .map((file) => file.relative);
  assert.deepEqual(breaches, []);
});

test('each public module, and the entry points, load first without meeting a half-loaded module', async () => {
  // A cycle through index modules shows only when its first module is loaded first: load each
  // alone, in a process of its own, as many at once as the machine has cores.
  const entries = [...components.map((component) => `${component}/index.ts`), 'cli.ts', 'main.ts'];
  const failures: string[] = [];
  const load = async (entry: string) => {
    try {
      await execFile(process.execPath, ['--import', 'tsx', '-e', `await import(${JSON.stringify(path.join(src, entry))})`], { timeout: 120_000 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? error);
      failures.push(`${entry}: ${stderr.split('\n').find((line) => /Error/.test(line)) ?? stderr}`);
    }
  };
  const queue = [...entries];
  await Promise.all(
    Array.from({ length: Math.min(os.availableParallelism(), queue.length) }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) await load(entry);
    }),
  );
  assert.deepEqual(failures.sort(), []);
});
