// Writes docs/components.md, the reference of every element, from custom-elements.json (which
// the analyzer builds from the components' JSDoc). Runs at the end of `npm run build`.
// `node scripts/api-reference.mjs --check` (in `npm run typecheck`) fails instead when the file
// is not what the components' JSDoc says now: it runs the analyzer itself, into a folder of its
// own, since the build may be writing custom-elements.json at the same time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestFile = path.join(root, 'custom-elements.json');
const outputFile = path.join(root, 'docs/components.md');
/** Where `--check` has the analyzer write its manifest (a path under the project: the analyzer joins it to the working folder). */
const checkOutdir = 'node_modules/.cache/portico-api-reference';

// The elements in the order a reader meets them; any other element follows, by tag.
const order = [
  'portal-app',
  'portal-home',
  'portal-session',
  'portal-login',
  'portal-activities',
  'portal-invoices',
  'portal-invoice',
  'portal-pay',
  'portal-payments',
  'portal-messages',
  'portal-files',
];

/** Text for one table cell: on one line, with `|` escaped. */
function cell(text) {
  const value = String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
  return value || ' ';
}

function code(text) {
  if (text === undefined || text === null || text === '') return ' ';
  const value = String(text).replace(/\s*\n\s*/g, ' ');
  const fence = value.includes('`') ? '``' : '`';
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return cell(`${fence}${padded}${fence}`);
}

function table(headings, rows) {
  if (!rows.length) return [];
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''];
}

function isPublic(member) {
  return !member.static && (member.privacy === undefined || member.privacy === 'public') && !member.name.startsWith('#') && !member.name.startsWith('_');
}

/** Each element with the module that registers it. */
function elements(manifest) {
  const definitions = new Map();
  for (const module of manifest.modules) {
    for (const entry of module.exports ?? []) {
      if (entry.kind === 'custom-element-definition') definitions.set(entry.name, module.path);
    }
  }
  const found = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      found.push({ declaration, module: module.path, define: definitions.get(declaration.tagName) });
    }
  }
  const rank = (tag) => (order.includes(tag) ? order.indexOf(tag) : order.length);
  return found.sort((a, b) => rank(a.declaration.tagName) - rank(b.declaration.tagName) || a.declaration.tagName.localeCompare(b.declaration.tagName));
}

function importLine(define) {
  if (!define) return undefined;
  const folder = path.posix.basename(path.posix.dirname(define));
  return `import 'portico/${folder}';`;
}

function renderElement({ declaration, module, define }) {
  const tag = declaration.tagName;
  const lines = [`## \`<${tag}>\``, ''];
  lines.push(`Class \`${declaration.name}\` (\`${module}\`).`);
  const line = importLine(define);
  if (line) lines.push(`Register it alone with \`${line}\`, or with every other element through \`import 'portico/all';\` or the CDN bundle.`);
  lines.push('');
  if (declaration.description) lines.push(declaration.description.trim(), '');

  const members = (declaration.members ?? []).filter(isPublic);
  const fields = members.filter((member) => member.kind === 'field');
  const methods = members.filter((member) => member.kind === 'method');

  const properties = table(
    ['Property', 'Attribute', 'Type', 'Default', 'Description'],
    fields.map((field) => [
      code(field.name),
      field.attribute ? `${code(field.attribute)}${field.reflects ? ' (reflected)' : ''}` : ' ',
      code(field.type?.text),
      code(field.default),
      cell(`${field.readonly ? 'Read-only. ' : ''}${field.description ?? ''}${field.inheritedFrom ? ` (From \`${field.inheritedFrom.name}\`.)` : ''}`),
    ]),
  );
  if (properties.length) lines.push('### Attributes and properties', '', ...properties);

  const methodRows = table(
    ['Method', 'Description'],
    methods.map((method) => {
      const parameters = (method.parameters ?? []).map(
        (parameter) => `${parameter.name}${parameter.optional ? '?' : ''}${parameter.type ? `: ${parameter.type.text}` : ''}`,
      );
      const returns = method.return?.type?.text ? `: ${method.return.type.text}` : '';
      return [code(`${method.name}(${parameters.join(', ')})${returns}`), cell(method.description)];
    }),
  );
  if (methodRows.length) lines.push('### Methods', '', ...methodRows);

  const events = table(
    ['Event', 'Description'],
    (declaration.events ?? []).filter((event) => event.name).map((event) => [code(event.name), cell(event.description)]),
  );
  if (events.length) lines.push('### Events', '', ...events);

  const slots = table(
    ['Slot', 'Description'],
    (declaration.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', cell(slot.description)]),
  );
  if (slots.length) lines.push('### Slots', '', ...slots);

  const parts = table(
    ['Part', 'Description'],
    (declaration.cssParts ?? []).map((part) => [code(part.name), cell(part.description)]),
  );
  if (parts.length) lines.push('### CSS parts', '', `Style them with \`${tag}::part(name)\`.`, '', ...parts);

  const customProperties = table(
    ['Custom property', 'Description'],
    (declaration.cssProperties ?? []).map((property) => [code(property.name), cell(property.description)]),
  );
  if (customProperties.length) lines.push('### CSS custom properties', '', ...customProperties);

  const states = table(
    ['State', 'Description'],
    (declaration.cssStates ?? []).map((state) => [code(`:state(${state.name})`), cell(state.description)]),
  );
  if (states.length) lines.push('### CSS states', '', `Match them with \`${tag}:state(name)\`.`, '', ...states);

  return lines.join('\n');
}

export function apiReference(manifest) {
  const list = elements(manifest);
  const header = [
    '# Components',
    '',
    'The reference of every Portico element: attributes and properties, methods, events, slots,',
    'CSS parts, CSS custom properties and CSS states. It is generated from `custom-elements.json`',
    '(itself generated from the components’ JSDoc) by `scripts/api-reference.mjs` at the end of',
    '`npm run build`. How the tokens, component properties and parts fit together is in',
    '[theming.md](theming.md); how to put the elements on a page, in [embedding.md](embedding.md).',
    '',
    ...list.map(({ declaration }) => `- [\`<${declaration.tagName}>\`](#${declaration.tagName})`),
    '',
  ];
  return `${[header.join('\n'), ...list.map(renderElement)]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function main() {
  if (process.argv.includes('--check')) {
    const cli = path.join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
    execFileSync(process.execPath, [cli, 'analyze', '--quiet', '--outdir', checkOutdir], { cwd: root, stdio: 'inherit' });
    const text = apiReference(JSON.parse(fs.readFileSync(path.join(root, checkOutdir, 'custom-elements.json'), 'utf8')));
    const current = fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : '';
    if (current !== text) {
      console.error("docs/components.md is out of date with the components' JSDoc: run `npm run build` and commit it.");
      process.exit(1);
    }
    return;
  }
  if (!fs.existsSync(manifestFile)) {
    console.error('custom-elements.json is missing: run `npm run analyze` (or `npm run build`) first.');
    process.exit(1);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, apiReference(manifest));
  console.log(`wrote docs/components.md (${elements(manifest).length} elements)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
