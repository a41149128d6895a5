// Builds dist/ from components/: ESM modules for bundlers (lit and @lit/* left as imports) and
// one self-contained, minified file for a plain <script type="module"> (dist/cdn/portal.js).
import fs from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const defineModules = Object.fromEntries(
  fs
    .readdirSync('components', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`components/${entry.name}/define.ts`))
    .map((entry) => [`define/${entry.name}`, `components/${entry.name}/define.ts`]),
);

const typescript = () => esbuild({ tsconfig: 'tsconfig.json', target: 'es2022', sourceMap: true });

/** Collapses the whitespace of css`` templates; their text is shipped as is otherwise. */
function compactCss() {
  return {
    name: 'compact-css',
    transform(code, id) {
      if (!id.includes('/components/') || !id.endsWith('.ts') || !code.includes('css`')) return null;
      // Only whitespace that cannot matter goes: around `;`, after a declaration's `:` (a
      // selector's colon is never followed by a space), and around braces that are CSS blocks
      // rather than the `${…}` of an interpolation.
      const compacted = code.replace(/css`([^`]*)`/g, (_, body) => {
        const text = body
          .replace(/\s+/g, ' ')
          .replace(/\s*;\s*/g, ';')
          .replace(/:\s+/g, ':')
          .replace(/\s*(?<!\$)\{\s*/g, '{')
          .replace(/([;{}])\s*\}\s*/g, '$1}')
          .trim();
        return `css\`${text}\``;
      });
      return { code: compacted, map: null };
    },
  };
}

const isLit = (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/.test(id);

export default [
  {
    input: { index: 'components/index.ts', all: 'components/all.ts', ...defineModules },
    external: isLit,
    plugins: [nodeResolve(), typescript()],
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
    input: 'components/all.ts',
    plugins: [
      nodeResolve({ browser: true }),
      compactCss(),
      typescript(),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    // One file: the virtualizer's lazily imported default layout is bundled in, not split out.
    output: { file: 'dist/cdn/portal.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
  },
];
