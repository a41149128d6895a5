// Builds dist/ from components/: ESM modules for bundlers (lit and @lit/* left as imports) and
// minified files for a plain <script type="module">: dist/cdn/portal.js, which loads each element
// from dist/cdn/chunks/ on first use, and dist/cdn/console.js, the firm's console, built apart so
// that nothing of it reaches the client portal's files.
import fs from 'node:fs';
import path from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { idiomaticDecoratorsTransformer } from '@lit/ts-transformers';
import ts from 'typescript';

const defineModules = Object.fromEntries(
  fs
    .readdirSync('components', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`components/${entry.name}/define.ts`))
    .map((entry) => [`define/${entry.name}`, `components/${entry.name}/define.ts`]),
);

const typescript = () => esbuild({ tsconfig: 'tsconfig.json', target: 'es2022', sourceMap: true });

let componentsProgram;
/** Each module as `idiomaticDecorators` compiled it (null: it has no decorator), shared by the three builds. */
const compiledModules = new Map();

/** The decorators `@lit/ts-transformers` compiles: Lit's own. */
const litDecorators = new Set([
  'customElement',
  'property',
  'state',
  'query',
  'queryAll',
  'queryAsync',
  'queryAssignedElements',
  'queryAssignedNodes',
  'eventOptions',
]);

/**
 * Compiles Lit's decorators (`@property`, `@state`…) into what Lit's guide writes without them: a
 * `static properties` object, and initial values set at the end of the constructor. A bundle then
 * carries neither the decorators' code nor a call of it per property. `@lit/ts-transformers` does
 * it, with a TypeScript program (to know where each decorator comes from) made once for all three
 * builds.
 *
 * It would drop a member's other decorators with the Lit one (`@consume`, `@provide`), and any
 * other decorator would bring decorator code back into the bundles: a module with one fails the
 * build. Nothing in these elements reads a property's initial value while it is being
 * constructed, which is the one thing the later initial values change.
 */
function idiomaticDecorators() {
  return {
    name: 'idiomatic-decorators',
    transform(code, id) {
      if (!id.includes('/components/') || !id.endsWith('.ts') || !code.includes('@')) return null;
      const fail = (message) => this.error(message);
      if (!compiledModules.has(id)) compiledModules.set(id, compileDecorators(id, fail));
      return compiledModules.get(id);
    },
  };
}

/** `id` with Lit's decorators compiled, and its source map; null when it has none. `fail` throws. */
function compileDecorators(id, fail) {
  componentsProgram ??= componentsTypeScriptProgram();
  const source = componentsProgram.getSourceFile(id);
  if (!source) fail(`${id} is not in the components' TypeScript program`);
  const decorators = decoratorNames(source);
  if (!decorators.length) return null;
  const other = decorators.find((name) => !litDecorators.has(name));
  if (other) {
    fail(`${id}: @${other} is not one of Lit's decorators, which the build compiles away; provide or read a context with ContextProvider or ContextConsumer.`);
  }
  let compiled;
  let map;
  const { emitSkipped } = componentsProgram.emit(source, (name, text) => (name.endsWith('.map') ? (map = text) : (compiled = text)), undefined, false, {
    before: [idiomaticDecoratorsTransformer(componentsProgram)],
  });
  if (emitSkipped || compiled === undefined) fail(`TypeScript did not compile ${id}`);
  return { code: compiled.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), map };
}

/** The name each decorator in a module is called by (`property` for `@property()`). */
function decoratorNames(source) {
  const names = [];
  const visit = (node) => {
    for (const decorator of (ts.canHaveDecorators(node) && ts.getDecorators(node)) || []) {
      const called = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
      names.push(ts.isIdentifier(called) ? called.text : called.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function componentsTypeScriptProgram() {
  const { config, error } = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent({ ...config, include: ['components'] }, ts.sys, process.cwd());
  // Emitted into memory, beside each source (so that a map names its source by its own file name).
  return ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: false, sourceMap: true, declaration: false });
}

/**
 * Collapses the whitespace of css`` templates; their text is shipped as is otherwise. The
 * newlines taken out of a template follow it, outside the string, where a minifier drops them,
 * so that the source maps still point at the right lines.
 */
function compactCss() {
  return {
    name: 'compact-css',
    transform(code, id) {
      // `css \`` too: TypeScript prints a tag that way (idiomaticDecorators).
      if (!id.includes('/components/') || !id.endsWith('.ts') || !/\bcss ?`/.test(code)) return null;
      // Only comments and whitespace that cannot matter go: around `;`, after a declaration's
      // `:` (a selector's colon is never followed by a space), and around braces that are CSS
      // blocks rather than the `${…}` of an interpolation.
      const compacted = code.replace(/\bcss ?`([^`]*)`/g, (template, body) => {
        const text = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*;\s*/g, ';')
          .replace(/:\s+/g, ':')
          .replace(/\s*(?<!\$)\{\s*/g, '{')
          .replace(/([;{}])\s*\}\s*/g, '$1}')
          .trim();
        return `css\`${text}\`${'\n'.repeat(template.split('\n').length - 1)}`;
      });
      return { code: compacted, map: null };
    },
  };
}

/**
 * Takes the indentation out of html`` and svg`` templates: the text between a newline and the
 * next tag or word is never shown (the templates hold no `<pre>`, and the newlines stay, for the
 * elements styled `white-space: pre-line`). Only the templates' own text is touched, never the
 * expressions inside them, so the source is parsed rather than searched.
 */
function compactHtml() {
  return {
    name: 'compact-html',
    transform(code, id) {
      if (!id.includes('/components/') || !id.endsWith('.ts') || !/\b(html|svg) ?`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const texts = [];
      const visit = (node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'svg')) {
          const { template } = node;
          const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
          for (const part of parts) texts.push([part.getStart(source), part.end]);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!texts.length) return null;
      texts.sort((a, b) => a[0] - b[0]);
      let compacted = '';
      let at = 0;
      for (const [start, end] of texts) {
        compacted += code.slice(at, start) + code.slice(start, end).replace(/[ \t]*\n[ \t]*/g, '\n');
        at = end;
      }
      // Lines are kept, so the source maps still point at the right lines.
      return { code: compacted + code.slice(at), map: null };
    },
  };
}

/**
 * A chunk loaded with `import()` names its own imports only when it arrives, which costs a round
 * trip per level. Each dynamic import also starts the target chunk's static imports (rollup lists
 * them all, hoisted), so that they download in parallel with it.
 */
function parallelChunkImports() {
  return {
    name: 'parallel-chunk-imports',
    renderDynamicImport({ chunk, getTargetChunkImports }) {
      const imports = (getTargetChunkImports() ?? []).filter((target) => target.type === 'internal' && target.fileName !== chunk.fileName);
      if (!imports.length) return null;
      // `resolvedImportPath` is already a quoted string literal.
      const alongside = imports.map((target) => `,import(${target.resolvedImportPath})`).join('');
      return { left: 'Promise.all([import(', right: `)${alongside}]).then((modules) => modules[0])` };
    },
  };
}

/**
 * Chunks of modules that always load together, named here rather than left to rollup, which
 * splits shared modules by exactly which elements import each: that makes half a dozen small
 * chunks, fetched one by one and each compressed apart from the words the others share.
 *
 * - `core`: what every page of the client portal loads: lit, the shared translations, styles and
 *   controllers, the API client, `<portal-session>`, `<portal-login>`, which the session always
 *   loads with itself, and `<portal-app>` (its signed-in shell is a chunk of its own): a
 *   signed-out `<portal-app>` fetches this one file before its sign-in form paints. A page with
 *   `<portal-session>` and sections of its own loads `<portal-app>`'s 3 kB too; `<portal-app>` in
 *   a chunk apart cost every signed-out portal 1 kB more, its words compressed apart.
 * - `sections`: what most sections of `<portal-app>` share beyond the core (`@lit/task`, the
 *   section controllers, the formatters, the list directives…), loaded with the first section a
 *   client sees: a little more than that section needs, and then little for the next.
 *
 * A group takes the modules its `roots` import (with `shared`, only those at least that many roots
 * import) and the modules `also` names, leaving out those of an earlier group and the modules of
 * the `entries` (by name), which stay in their entry: left to rollup, the loader's registry, which
 * `<portal-app>` reads too, would move into the core chunk, and the entry would then load the core
 * at once on every page.
 */
function sharedChunks(entries, groups) {
  const resolved = (file) => path.resolve(file);
  const staticClosure = (id, getModuleInfo) => {
    const seen = new Set();
    const stack = [id];
    while (stack.length) {
      const next = stack.pop();
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(getModuleInfo(next)?.importedIds ?? []));
    }
    return seen;
  };
  let chunkOf;
  const manualChunks = (id, { getModuleInfo }) => {
    if (!chunkOf) {
      chunkOf = new Map();
      const placed = new Set();
      for (const [name, entry] of Object.entries(entries)) {
        for (const module of staticClosure(resolved(entry), getModuleInfo)) {
          placed.add(module);
          chunkOf.set(module, name);
        }
      }
      for (const { name, roots, shared = 1, also = [] } of groups) {
        const closures = roots.map((root) => staticClosure(resolved(root), getModuleInfo));
        const members =
          shared > 1
            ? [...new Set(closures.flatMap((closure) => [...closure]))].filter((module) => closures.filter((closure) => closure.has(module)).length >= shared)
            : closures.flatMap((closure) => [...closure]);
        members.push(...also.map(resolved));
        for (const module of members) {
          if (placed.has(module)) continue;
          placed.add(module);
          chunkOf.set(module, name);
        }
      }
    }
    return chunkOf.get(id);
  };
  return {
    name: 'shared-chunks',
    buildStart() {
      chunkOf = undefined;
    },
    outputOptions: (options) => ({ ...options, manualChunks }),
  };
}

const isLit = (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/.test(id);

export default [
  {
    input: { index: 'components/index.ts', all: 'components/all.ts', ...defineModules },
    external: isLit,
    plugins: [nodeResolve(), idiomaticDecorators(), compactCss(), compactHtml(), typescript()],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // No bare imports of the chunks an entry reaches only through other chunks: bundlers take
      // the package's `sideEffects` list at its word and warn that they drop such imports.
      hoistTransitiveImports: false,
      sourcemap: true,
    },
  },
  {
    // The script-tag bundle: a small entry that claims every tag (components/loader/cdn.ts) and
    // one chunk per element, plus the chunks they share (lit, the API client, translations…).
    input: { portal: 'components/loader/cdn.ts' },
    // Chunks import the loader's registry from the entry itself, rather than from a chunk the
    // entry would have to fetch first.
    preserveEntrySignatures: 'allow-extension',
    // `experimentalMinChunkSize` (below) counts the chunks it merged: nothing to act on.
    onLog: (level, log, handler) => (log.code === 'OPTIMIZE_CHUNK_STATUS' ? undefined : handler(level, log)),
    plugins: [
      nodeResolve({ browser: true }),
      idiomaticDecorators(),
      compactCss(),
      compactHtml(),
      typescript(),
      parallelChunkImports(),
      sharedChunks({ portal: 'components/loader/cdn.ts' }, [
        { name: 'core', roots: ['components/app/app.ts', 'components/session/session.ts', 'components/login/login.ts'] },
        {
          name: 'sections',
          roots: ['home', 'activities', 'invoices', 'payments', 'messages', 'files', 'profile'].map((name) => `components/${name}/${name}.ts`),
          shared: 3,
          // The events of paying and of payment plans, which fewer sections import (rollup would
          // otherwise merge them into the entry, which every signed-out page loads), and the
          // reading of a downloaded file, which the API client fetches with the first download.
          also: ['components/invoice/events.ts', 'components/api/read-file.ts'],
        },
      ]),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // A chunk of a few hundred bytes (a helper two elements share) costs more in its own file,
      // compressed apart and fetched apart, than in a chunk loaded at the same time: rollup merges
      // such chunks, when they only define things, into one loaded under the same conditions.
      // The entry is loaded under every condition, so it is where most of them would land: kept
      // below a language's table of a few hundred bytes (the navigation's Spanish, app.es.ts),
      // which only a Spanish page that signs in needs, and which a signed-out page would load.
      experimentalMinChunkSize: 500,
      sourcemap: true,
    },
  },
  {
    // The console's script-tag bundle (components/loader/console-cdn.ts), a build of its own: its
    // chunks are named `chunks/console-…` and share nothing with portal.js, whose budgets stay as they are.
    input: { console: 'components/loader/console-cdn.ts' },
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      nodeResolve({ browser: true }),
      idiomaticDecorators(),
      compactCss(),
      compactHtml(),
      typescript(),
      parallelChunkImports(),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/console-[name]-[hash].js',
      sourcemap: true,
    },
  },
];
