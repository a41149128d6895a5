// `portico/react`, `portico/jsx` and `portico/vue`, generated from custom-elements.json by
// scripts/framework-types.mjs: what the generator makes of an element, that the built package
// types a consumer's props and events, that importing the package in Node registers nothing,
// that the demo's React and Vue examples build on them, and that `npm pack` publishes them.
// Reads dist/, so `npm run build` must have run first (`npm test` runs it before this suite).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { frameworkModules, publicElements, type FrameworkModules } from '../../scripts/framework-types.mjs';
import { repoRoot } from './helpers/cli.ts';

const run = promisify(execFile);
const generated = ['react.js', 'types/react.d.ts', 'jsx.js', 'types/jsx.d.ts', 'vue.js', 'types/vue.d.ts'];

/** One element as the analyzer writes it, with the members the generator must leave out. */
function manifestOf(events: { name: string; description?: string; type?: { text: string } }[], eventClasses = ['PortalThingDoneEvent']) {
  return {
    schemaVersion: '1.0.0',
    modules: [
      {
        kind: 'javascript-module',
        path: 'components/thing/thing.ts',
        declarations: [
          {
            kind: 'class',
            name: 'PortalThing',
            description: 'A thing the client owns.\n\nMore about it.',
            customElement: true,
            tagName: 'portal-thing',
            members: [
              { kind: 'field', name: 'status', type: { text: 'ThingStatus' }, description: 'Which things to show.', attribute: 'status' },
              { kind: 'field', name: 'itemId', type: { text: 'string' }, description: 'The thing open.', attribute: 'item-id' },
              { kind: 'field', name: 'client', type: { text: 'ApiClient | undefined' } },
              { kind: 'field', name: 'things', privacy: 'protected' },
              { kind: 'field', name: 'count', readonly: true },
              { kind: 'field', name: 'styles', static: true },
              { kind: 'method', name: 'refresh' },
            ],
            attributes: [
              { name: 'status', fieldName: 'status' },
              { name: 'item-id', fieldName: 'itemId' },
            ],
            events: [...events, { description: 'recorded without a name by the analyzer' }],
          },
        ],
        exports: [{ kind: 'js', name: 'PortalThing', declaration: { name: 'PortalThing', module: 'components/thing/thing.ts' } }],
      },
      {
        kind: 'javascript-module',
        path: 'components/thing/events.ts',
        declarations: eventClasses.map((name) => ({ kind: 'class', name, superclass: { name: 'Event', module: 'components/thing/events.ts' } })),
      },
      {
        kind: 'javascript-module',
        path: 'components/thing/define.ts',
        declarations: [],
        exports: [{ kind: 'custom-element-definition', name: 'portal-thing', declaration: { name: 'PortalThing', module: 'components/thing/thing.ts' } }],
      },
      {
        kind: 'javascript-module',
        path: 'components/index.ts',
        declarations: [],
        exports: ['PortalThing', ...eventClasses].map((name) => ({ kind: 'js', name, declaration: { name, module: './thing/thing.ts' } })),
      },
    ],
  };
}

before(() => {
  for (const file of ['custom-elements.json', 'dist/index.js', ...generated.map((name) => `dist/${name}`)]) {
    assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} is missing: run \`npm run build\` first`);
  }
});

describe('the generator', () => {
  test("writes one element's props and events for React, JSX and Vue", () => {
    const files = frameworkModules(manifestOf([{ name: 'portal-thing-done', description: 'The client finished a thing.' }]));
    const react = files['react.js'];
    assert.match(react, /import \{\n {2}PortalThing as PortalThingElement,\n\} from '\.\/index\.js';/);
    assert.match(react, /export const PortalThing = \/\* @__PURE__ \*\/ createComponent\(\{/);
    assert.match(react, /tagName: 'portal-thing',\n {2}elementClass: PortalThingElement,\n {2}events: \{ onPortalThingDone: 'portal-thing-done' \},/);
    assert.doesNotMatch(react, /define|customElements/, 'the React module registers nothing');

    const reactTypes = files['types/react.d.ts'];
    assert.match(reactTypes, /export declare const PortalThing: ReactWebComponent<\n {2}PortalThingElement,/);
    assert.match(reactTypes, /\/\*\* The client finished a thing\. \*\/\n {4}onPortalThingDone: EventName<PortalThingDoneEvent>;/);
    assert.match(reactTypes, /`<portal-thing>` as a React component\. A thing the client owns\./);
    assert.match(reactTypes, /import 'portico\/thing'/, 'says which module registers the element');

    const jsx = files['types/jsx.d.ts'];
    const jsxProps = /export interface PortalThingProps \{\n([^}]*)\n\}/.exec(jsx)?.[1] ?? '';
    assert.deepEqual(
      jsxProps.split('\n').filter((line) => !line.trim().startsWith('/**')),
      [
        "  status?: PortalThingElement['status'];",
        "  itemId?: PortalThingElement['itemId'];",
        "  'item-id'?: AttributeValue<PortalThingElement['itemId']>;",
        "  client?: PortalThingElement['client'];",
        "  'onportal-thing-done'?: (event: PortalThingDoneEvent) => void;",
      ],
      'settable public properties, attributes named apart from them, and the events; nothing protected, read-only, static or a method',
    );
    assert.match(jsx, /'portal-thing': Omit<Base, keyof PortalThingProps> & PortalThingProps;/);

    const vue = files['types/vue.d.ts'];
    const vueProps = /export interface PortalThingProps \{\n([^}]*)\n\}/.exec(vue)?.[1] ?? '';
    assert.deepEqual(
      vueProps.split('\n').filter((line) => !line.trim().startsWith('/**')),
      [
        "  status?: PortalThingElement['status'];",
        "  itemId?: PortalThingElement['itemId'];",
        "  client?: PortalThingElement['client'];",
        '  onPortalThingDone?: (event: PortalThingDoneEvent) => void;',
      ],
    );
    assert.match(vue, /export interface PortalThingEvents \{\n {2}'portal-thing-done': PortalThingDoneEvent;\n\}/);
    assert.match(vue, /'portal-thing': DefineCustomElement<PortalThingElement, PortalThingProps, PortalThingEvents>;/);
  });

  test('takes an event class named in the JSDoc over the one named after the event', () => {
    const manifest = manifestOf([{ name: 'portal-thing-done', type: { text: 'ThingFinishedEvent' } }], ['ThingFinishedEvent']);
    const [element] = publicElements(manifest);
    assert.deepEqual(
      element!.events.map((event) => [event.reactProp, event.className]),
      [['onPortalThingDone', 'ThingFinishedEvent']],
    );
  });

  test('fails, naming the fix, when an event has no exported class', () => {
    assert.throws(
      () => frameworkModules(manifestOf([{ name: 'portal-thing-lost' }])),
      /<portal-thing> fires `portal-thing-lost`, but components\/index\.ts exports no event class PortalThingLostEvent/,
    );
  });

  test("dist holds what the generator makes of today's manifest, every element included", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'custom-elements.json'), 'utf8'));
    const files = frameworkModules(manifest);
    for (const name of generated)
      assert.equal(fs.readFileSync(path.join(repoRoot, 'dist', name), 'utf8'), files[name as keyof FrameworkModules], `dist/${name} is current`);
    // One element per folder with a define module; the console's own define module only gathers its screens'.
    const definedIn = (dir: string) =>
      fs.readdirSync(path.join(repoRoot, dir)).filter((folder) => fs.existsSync(path.join(repoRoot, dir, folder, 'define.ts')));
    const defined = [...definedIn('components').filter((folder) => folder !== 'console'), ...definedIn('components/console')];
    assert.equal(publicElements(manifest).length, defined.length, 'one component per define module');
    assert.match(files['types/react.d.ts'], /onPortalPaymentSucceeded: EventName<PortalPaymentSucceededEvent>;/);
  });
});

/** A directory outside the repository where `portico` and the frameworks resolve as in an application. */
function consumerDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-frameworks-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(repoRoot, path.join(dir, 'node_modules', 'portico'), 'dir');
  for (const name of ['react', 'vue', '@types']) fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  return dir;
}

// Declarations that do not change during the run (TypeScript's libs, React's, Vue's) are parsed
// once for both programs below.
const parsedOnce = new Map<string, ts.SourceFile | undefined>();

function createProgram(rootNames: string[], options: ts.CompilerOptions): ts.Program {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.includes(`${path.sep}node_modules${path.sep}`)) return getSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (!parsedOnce.has(key)) parsedOnce.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return parsedOnce.get(key);
  };
  return ts.createProgram({ rootNames, options, host });
}

function typeErrors(program: ts.Program): string {
  const host = { getCanonicalFileName: (file: string) => file, getCurrentDirectory: () => repoRoot, getNewLine: () => '\n' };
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), host);
}

describe('the built package', () => {
  test('types the props and events of a consumer in React, JSX and Vue', { timeout: 120_000 }, (t) => {
    const dir = consumerDir(t);
    const file = path.join(dir, 'consumer.tsx');
    // Each `@ts-expect-error` must meet an error, or the directive itself is one: a prop or
    // event typed `any` would not pass.
    fs.writeFileSync(
      file,
      `import { useRef } from 'react';
import { h, type GlobalComponents } from 'vue';
import type { PortalPay as PortalPayElement } from 'portico';
import { PortalPay } from 'portico/react';
import type { CustomElements } from 'portico/jsx';
import type { PortalPayProps } from 'portico/vue';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements<React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement>> {}
  }
}

export function Wrapped() {
  const ref = useRef<PortalPayElement>(null);
  return (
    <PortalPay
      ref={ref}
      allOpen
      amount={500}
      onPortalPaymentSucceeded={(event) => event.detail.receiptNumber.toUpperCase()}
      onPortalPaymentFailed={(event) => event.detail.failure.code}
    />
  );
}
// @ts-expect-error amount is a number
export const wrongProp = <PortalPay amount="500" />;
// @ts-expect-error a failed payment has no receipt
export const wrongEvent = <PortalPay onPortalPaymentFailed={(event) => event.detail.receiptNumber} />;
// @ts-expect-error no such event
export const unknownEvent = <PortalPay onPortalPaymentRefunded={() => undefined} />;

export const intrinsic = (
  <portal-pay all-open invoice-ids="inv_1 inv_2" amount={500} className="pay" onportal-pay-close={(event) => event.detail.outcome} />
);
// @ts-expect-error amount is a number
export const wrongIntrinsic = <portal-pay amount="500" />;

declare const Pay: GlobalComponents['portal-pay'];
export const vnode = h(Pay, { amount: 500, onPortalPaymentSucceeded: (event) => event.detail.receiptNumber });
// @ts-expect-error amount is a number
export const wrongVue = h(Pay, { amount: '500' });
export const props = { allOpen: true, onPortalPayClose: (event) => event.detail.outcome } satisfies PortalPayProps;
// @ts-expect-error a failed payment has no receipt
export const wrongVueEvent = { onPortalPaymentFailed: (event) => event.detail.receiptNumber } satisfies PortalPayProps;
`,
    );
    const program = createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
    });
    assert.equal(typeErrors(program), '');
  });

  test('imports in Node without a DOM, touching no browser global and registering nothing', async () => {
    // Lit's own Node build looks for `document` and installs a stand-in `customElements`; the
    // probe records who reads a browser global, by the stack, and what is registered.
    const probe = `
      const dist = ${JSON.stringify(path.join(repoRoot, 'dist') + path.sep)};
      const touched = [];
      for (const name of ['window', 'document', 'customElements', 'navigator', 'location', 'localStorage', 'sessionStorage', 'matchMedia', 'requestAnimationFrame', 'ResizeObserver', 'MutationObserver']) {
        let value = globalThis[name];
        Object.defineProperty(globalThis, name, {
          configurable: true,
          get() {
            const stack = new Error().stack ?? '';
            if (stack.includes(dist)) touched.push(name + ' ' + stack.split('\\n').find((line) => line.includes(dist)).trim());
            return value;
          },
          set(next) { value = next; },
        });
      }
      const tags = ['portal-app', 'portal-login', 'portal-session', 'portal-pay', 'portal-invoices'];
      const registered = () => tags.filter((tag) => globalThis.customElements?.get(tag) !== undefined);
      const main = await import(dist + 'index.js');
      const react = await import(dist + 'react.js');
      const before = { touched: [...touched], registered: registered(), main: typeof main.PortalApp, react: typeof react.PortalApp };
      // A define module does register, through \`customElements\`: the probe sees both.
      await import(dist + 'define/login.js');
      console.log(JSON.stringify({ ...before, control: registered(), controlTouched: touched.length > before.touched.length }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', probe], { cwd: os.tmpdir() });
    const result = JSON.parse(stdout) as { touched: string[]; registered: string[]; main: string; react: string; control: string[]; controlTouched: boolean };
    assert.deepEqual(result.touched, [], 'no module of dist/ reads a browser global while it loads');
    assert.deepEqual(result.registered, [], 'importing `portico` and `portico/react` registers no element');
    assert.equal(result.main, 'function');
    assert.equal(result.react, 'object', 'PortalApp is a React component (a forwardRef object)');
    assert.deepEqual(result.control, ['portal-login'], "`portico/login` registers its element in Lit's stand-in registry");
    assert.equal(result.controlTouched, true, 'the probe sees a module of dist/ reading `customElements`');
  });

  test("the demo's React and Vue examples type-check against it and bundle", { timeout: 120_000 }, async () => {
    const dir = path.join(repoRoot, 'demo/examples');
    const { config } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
    assert.equal(typeErrors(createProgram(parsed.fileNames, parsed.options)), '');
    for (const source of ['react.tsx', 'vue.ts'])
      assert.match(fs.readFileSync(path.join(dir, source), 'utf8'), /from 'portico\/(react|vue)'/, `${source} uses the generated module`);

    const built = await esbuild.build({
      entryPoints: { react: path.join(dir, 'react.tsx'), vue: path.join(dir, 'vue.ts') },
      outdir: path.join(os.tmpdir(), 'portico-examples'),
      write: false,
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      jsx: 'automatic',
      logLevel: 'silent',
      define: {
        'process.env.NODE_ENV': '"production"',
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    });
    const [react, vue] = ['react.js', 'vue.js'].map((name) => built.outputFiles.find((output) => output.path.endsWith(name))!.text);
    // The React component maps its props to the element's events.
    assert.match(react!, /onPortalPaymentSucceeded:"portal-payment-succeeded"/);
    assert.match(vue!, /portal-app/);
  });

  test('publishes the framework modules, each resolving from its export', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspaces=false'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const files = packed!.files.map((entry) => entry.path);
    for (const name of generated) assert.ok(files.includes(`dist/${name}`), `dist/${name} is published`);

    const require = createRequire(path.join(repoRoot, 'package.json'));
    for (const name of ['react', 'jsx', 'vue']) assert.equal(require.resolve(`portico/${name}`), path.join(repoRoot, 'dist', `${name}.js`));
    const { exports } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> };
    for (const name of ['react', 'jsx', 'vue']) assert.equal(exports[`./${name}`]!.types, `./dist/types/${name}.d.ts`);
  });
});
