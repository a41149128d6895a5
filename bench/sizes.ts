/**
 * What the browser downloads, in gzip bytes (zlib's best, as for the peers), built in this run:
 * the script-tag bundle (its entry, the JS a signed-out `<portal-app>` needs before its sign-in
 * form, that also as the service sends it, and every chunk together), each element alone with
 * lit as an application's bundler would build `import 'portico/<element>'`, and beside them lit
 * with one element of its own and Shoelace's button, input, select, option and dialog (when
 * `@shoelace-style/shoelace` is installed: `npm install --no-save @shoelace-style/shoelace`).
 * Needs `npm run build` first (dist/define/ and dist/cdn/).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, type OutputChunk } from 'rollup';
import { gzipSize, initialLoadGzip } from '../scripts/bundle-size.mjs';
import { report } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The script-tag bundle, built again in memory to know which chunk imports which. */
async function scriptTagBundle(): Promise<OutputChunk[]> {
  const { default: configs } = (await import(path.join(root, 'rollup.config.mjs'))) as { default: { output: { dir: string } & Record<string, unknown> }[] };
  const config = configs.find((candidate) => candidate.output.dir === 'dist/cdn')!;
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const build = await rollup({ ...config, onwarn: () => {} } as Parameters<typeof rollup>[0]);
    try {
      const { output } = await build.generate(config.output as Parameters<typeof build.generate>[0]);
      return output.filter((file): file is OutputChunk => file.type === 'chunk');
    } finally {
      await build.close();
    }
  } finally {
    process.chdir(cwd);
  }
}

const litWithOneElement = `
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
@customElement('bench-greeting')
export class BenchGreeting extends LitElement {
  static styles = css\`:host { display: block; color: var(--greeting-color, inherit); }\`;
  @property() name = 'World';
  render() { return html\`<p part="text">Hello, \${this.name}!</p><button @click=\${() => (this.name = 'again')}>Again</button>\`; }
}
`;

function shoelaceInstalled(): boolean {
  try {
    createRequire(path.join(root, 'package.json')).resolve('@shoelace-style/shoelace/package.json');
    return true;
  } catch {
    return false;
  }
}

export async function benchSizes(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'dist/cdn/portal.js')) || !fs.existsSync(path.join(root, 'dist/define'))) {
    throw new Error('dist/ is missing: run `npm run build` before this benchmark.');
  }
  const chunks = await scriptTagBundle();
  const entry = chunks.find((chunk) => chunk.isEntry)!;
  // A chunk is found by any module it holds (the core chunk has no facade of its own).
  const byModule = new Map(chunks.flatMap((chunk) => chunk.moduleIds.map((id) => [path.relative(root, id), chunk] as const)));
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  /** The chunks holding these modules, with what they import. */
  const closure = (modules: string[]) => {
    const files = new Set<string>();
    for (const module of modules) {
      const chunk = byModule.get(module)!;
      for (const file of [chunk.fileName, ...chunk.imports]) files.add(file);
    }
    return [...files];
  };
  const signedOut = closure(['components/app/app.ts', 'components/session/session.ts', 'components/login/login.ts']);
  // What the service sends: the build compresses each script once, with Zopfli (dist/cdn/*.gz).
  const served = (files: string[]) => files.reduce((total, file) => total + fs.statSync(path.join(root, 'dist/cdn', `${file}.gz`)).size, 0);

  const rows: [string, string][] = [
    ['portal.js, the entry', kb(gzipSize(entry.code))],
    ['signed-out <portal-app> to its sign-in form', kb(signedOut.reduce((total, file) => total + gzipSize(byFile.get(file)!.code), 0))],
    ['the same as the service sends it (Zopfli gzip, made by the build)', kb(served(signedOut))],
    [`all ${chunks.length} files of the script-tag bundle`, kb(chunks.reduce((total, chunk) => total + gzipSize(chunk.code), 0))],
  ];
  const elements = fs
    .readdirSync(path.join(root, 'dist/define'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.slice(0, -'.js'.length))
    .sort();
  for (const name of elements) rows.push([`import 'portico/${name}' with lit`, kb(await initialLoadGzip(`import 'portico/define/${name}';`))]);
  rows.push(['lit with one element of its own', kb(await initialLoadGzip(litWithOneElement, { typescript: true }))]);
  if (shoelaceInstalled()) {
    const five = ['button', 'input', 'select', 'option', 'dialog']
      .map((name) => `import '@shoelace-style/shoelace/dist/components/${name}/${name}.js';`)
      .join('\n');
    rows.push(["Shoelace's button, input, select, option, dialog", kb(await initialLoadGzip(five))]);
  } else {
    rows.push(["Shoelace's button, input, select, option, dialog", 'not measured: `npm install --no-save @shoelace-style/shoelace` first']);
  }
  report('Sizes, gzip (built in this run)', rows);
}
