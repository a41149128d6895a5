// Framework modules generated from custom-elements.json, so that they follow the elements' JSDoc
// and never drift from it: `portico/react` (components made with @lit/react: dist/react.js and
// its declarations), `portico/jsx` (props for `JSX.IntrinsicElements`) and `portico/vue`
// (Vue's `GlobalComponents`). `npm run build` writes them once the manifest is written;
// `node scripts/framework-types.mjs` writes them alone from the current manifest.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const header = '// Generated from custom-elements.json by scripts/framework-types.mjs (`npm run build`): do not edit.';

/**
 * The elements a `define.ts` module registers, as the generated modules need them: the tag, the
 * class, the package module that registers it, its settable public properties (with the
 * attribute of each), and its events with their event classes.
 */
export function publicElements(manifest) {
  const classes = new Map();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind === 'class') classes.set(`${module.path}#${declaration.name}`, declaration);
    }
  }
  // What the package's main module exports is what the generated modules can import.
  const exported = new Set(manifest.modules.find((module) => module.path === 'components/index.ts')?.exports?.map((entry) => entry.name) ?? []);
  const eventClasses = new Set([...classes.values()].filter((declaration) => declaration.superclass?.name === 'Event').map((declaration) => declaration.name));

  const elements = [];
  for (const module of manifest.modules) {
    if (!module.path.endsWith('/define.ts')) continue;
    for (const entry of module.exports ?? []) {
      if (entry.kind !== 'custom-element-definition') continue;
      const declaration = classes.get(`${entry.declaration.module}#${entry.declaration.name}`);
      if (!declaration?.customElement || declaration.tagName !== entry.name) continue;
      const tag = entry.name;
      if (!exported.has(declaration.name)) throw new Error(`<${tag}>: components/index.ts does not export ${declaration.name}.`);
      const attributes = new Map((declaration.attributes ?? []).filter((a) => a.fieldName).map((a) => [a.fieldName, a.name]));
      elements.push({
        tag,
        className: declaration.name,
        componentName: declaration.name,
        folder: path.posix.basename(path.posix.dirname(module.path)),
        summary: firstParagraph(declaration.description ?? ''),
        properties: (declaration.members ?? [])
          .filter((member) => member.kind === 'field' && !member.static && !member.readonly && (member.privacy ?? 'public') === 'public')
          .filter((member) => !member.name.startsWith('#') && !member.name.startsWith('_'))
          .map((member) => ({ name: member.name, attribute: attributes.get(member.name), description: member.description ?? '' })),
        events: (declaration.events ?? []).filter((event) => event.name).map((event) => eventOf(tag, event, eventClasses, exported)),
      });
    }
  }
  if (!elements.length) throw new Error('custom-elements.json registers no element: has the analyzer run?');
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

/**
 * An event's class: the type its `@event {Type} name` tag gives, else the class named after the
 * event (`portal-payment-succeeded` → `PortalPaymentSucceededEvent`), which must exist.
 */
function eventOf(tag, event, eventClasses, exported) {
  const className = event.type?.text?.trim() || `${pascal(event.name)}Event`;
  if (!eventClasses.has(className) || !exported.has(className)) {
    throw new Error(
      `<${tag}> fires \`${event.name}\`, but components/index.ts exports no event class ${className}: ` +
        `name the class in the element's JSDoc (\`@event {TheEventClass} ${event.name} - …\`) and export it.`,
    );
  }
  return { name: event.name, className, reactProp: `on${pascal(event.name)}`, description: event.description ?? '' };
}

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, letter) => letter.toUpperCase());

function firstParagraph(text) {
  return text
    .split(/\n\s*\n/)[0]
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A JSDoc block at `indent`, or nothing for no text. */
function doc(text, indent = '') {
  const lines = text.replace(/\*\//g, '*\\/').trim().split('\n');
  if (!lines[0]) return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`.trimEnd()), `${indent} */`];
}

const quote = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** The type import of every element class (as `<Name>Element`) and event class used. */
function typeImports(elements) {
  const names = new Set();
  for (const element of elements) {
    names.add(`${element.className} as ${element.className}Element`);
    for (const event of element.events) names.add(event.className);
  }
  return `import type {\n${[...names].map((name) => `  ${name},`).join('\n')}\n} from './components/index.js';`;
}

function registration(element) {
  return `Register it in the browser with \`import 'portico/${element.folder}'\` (or \`import 'portico/all'\`).`;
}

function reactModule(elements) {
  return [
    header,
    "// React components for Portico's elements, made with @lit/react. Importing this module registers",
    '// no element, so server-side rendering can import it: register them in the browser with',
    "// `import 'portico/all'`, or `import 'portico/<name>'` for each one used.",
    "import React from 'react';",
    "import { createComponent } from '@lit/react';",
    `import {\n${elements.map((element) => `  ${element.className} as ${element.className}Element,`).join('\n')}\n} from './index.js';`,
    '',
    ...elements.flatMap((element) => [
      `export const ${element.componentName} = /* @__PURE__ */ createComponent({`,
      '  react: React,',
      `  tagName: '${element.tag}',`,
      `  elementClass: ${element.className}Element,`,
      `  events: {${element.events.map((event) => ` ${event.reactProp}: '${event.name}'`).join(',')}${element.events.length ? ' ' : ''}},`,
      `  displayName: '${element.componentName}',`,
      '});',
      '',
    ]),
  ].join('\n');
}

function reactDeclarations(elements) {
  return [
    header,
    "import type { EventName, ReactWebComponent } from '@lit/react';",
    typeImports(elements),
    '',
    ...elements.flatMap((element) => [
      ...doc(
        `\`<${element.tag}>\` as a React component. ${element.summary}\n\nIts properties are props; \`on<EventName>\` props listen to its events. ${registration(element)}`,
      ),
      `export declare const ${element.componentName}: ReactWebComponent<`,
      `  ${element.className}Element,`,
      '  {',
      ...element.events.flatMap((event) => [...doc(event.description, '    '), `    ${event.reactProp}: EventName<${event.className}>;`]),
      '  }',
      '>;',
      '',
    ]),
  ].join('\n');
}

function jsxDeclarations(elements) {
  return [
    header,
    '/**',
    " * Portico's elements for JSX that types custom elements through `JSX.IntrinsicElements` (React 19,",
    ' * Preact, Solid, …): each element’s properties, its attributes, and an `on<event-name>` listener',
    " * for each of its events. Add them to the framework's own HTML attributes, e.g. for React 19:",
    ' *',
    ' * ```ts',
    " * import type { CustomElements } from 'portico/jsx';",
    " * declare module 'react' {",
    ' *   namespace JSX {',
    ' *     interface IntrinsicElements extends CustomElements<React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement>> {}',
    ' *   }',
    ' * }',
    ' * ```',
    ' *',
    " * and likewise `declare module 'preact'` or `'solid-js'` with `JSX.HTMLAttributes<HTMLElement>`.",
    ' */',
    typeImports(elements),
    '',
    '/** An attribute’s value: the property’s own type when it is a primitive, else the text its attribute holds. */',
    'type AttributeValue<T> = T extends string | number | boolean | null | undefined ? T : string;',
    '',
    ...elements.flatMap((element) => [
      ...doc(`\`<${element.tag}>\` in JSX. ${element.summary}\n\n${registration(element)}`),
      `export interface ${element.componentName}Props {`,
      ...element.properties.flatMap((property) => [
        ...doc(property.description, '  '),
        `  ${property.name}?: ${element.className}Element['${property.name}'];`,
        ...(property.attribute && property.attribute !== property.name
          ? [
              ...doc(`The \`${property.attribute}\` attribute: see \`${property.name}\`.`, '  '),
              `  '${property.attribute}'?: AttributeValue<${element.className}Element['${property.name}']>;`,
            ]
          : []),
      ]),
      ...element.events.flatMap((event) => [...doc(event.description, '  '), `  'on${event.name}'?: (event: ${event.className}) => void;`]),
      '}',
      '',
    ]),
    '/** Every element’s props by tag, over `Base` (the framework’s own HTML attributes). */',
    'export type CustomElements<Base = {}> = {',
    ...elements.map((element) => `  ${quote(element.tag)}: Omit<Base, keyof ${element.componentName}Props> & ${element.componentName}Props;`),
    '};',
    '',
  ].join('\n');
}

function vueDeclarations(elements) {
  return [
    header,
    '/**',
    " * Portico's elements as Vue 3 components (`GlobalComponents`), so that templates type-check their",
    ' * properties and `@portal-…` listeners. In a render function, give `h()` the element’s props type:',
    " * `h('portal-app', { api, firm, onPortalNavigate: (event) => … } satisfies PortalAppProps)`.",
    ' * Vue sets a prop the element has as a property, and `onPortalNavigate` listens to `portal-navigate`.',
    ' */',
    "import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';",
    typeImports(elements),
    '',
    '/** A custom element typed as a Vue component: its props and the events it emits (the shape Vue’s guide gives). */',
    'export type DefineCustomElement<Element extends HTMLElement, Props, Events extends { [Name in keyof Events]: Event }> = new () => Element & {',
    '  /** @deprecated For template type-checking only: the element has no `$props`. */',
    '  $props: Omit<HTMLAttributes, keyof Props> & Props & PublicProps;',
    '  /** @deprecated For template type-checking only: the element has no `$emit`. */',
    '  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;',
    '};',
    '',
    ...elements.flatMap((element) => [
      ...doc(`\`<${element.tag}>\` in Vue: its properties, and \`on<EventName>\` listeners. ${element.summary}\n\n${registration(element)}`),
      `export interface ${element.componentName}Props {`,
      ...element.properties.flatMap((property) => [
        ...doc(property.description, '  '),
        `  ${property.name}?: ${element.className}Element['${property.name}'];`,
      ]),
      ...element.events.flatMap((event) => [...doc(event.description, '  '), `  ${event.reactProp}?: (event: ${event.className}) => void;`]),
      '}',
      '',
      `/** The events of \`<${element.tag}>\`, by name. */`,
      `export interface ${element.componentName}Events {`,
      ...element.events.map((event) => `  '${event.name}': ${event.className};`),
      '}',
      '',
    ]),
    "declare module 'vue' {",
    '  interface GlobalComponents {',
    ...elements.map(
      (element) =>
        `    ${quote(element.tag)}: DefineCustomElement<${element.className}Element, ${element.componentName}Props, ${element.componentName}Events>;`,
    ),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A types-only entry point's module, so that `import 'portico/jsx'` also resolves at run time. */
const typesOnly = (name) => `${header}\n// \`portico/${name}\` is types only: see types/${name}.d.ts.\nexport {};\n`;

/** The generated files, by path under dist/. */
export function frameworkModules(manifest) {
  const elements = publicElements(manifest);
  return {
    'react.js': reactModule(elements),
    'types/react.d.ts': reactDeclarations(elements),
    'jsx.js': typesOnly('jsx'),
    'types/jsx.d.ts': jsxDeclarations(elements),
    'vue.js': typesOnly('vue'),
    'types/vue.d.ts': vueDeclarations(elements),
  };
}

/** Writes the framework modules into `<root>/dist` from `<root>/custom-elements.json`. */
export function writeFrameworkModules(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'custom-elements.json'), 'utf8'));
  for (const [file, text] of Object.entries(frameworkModules(manifest))) {
    const target = path.join(root, 'dist', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFrameworkModules(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
