// custom-elements.json, generated from the components' JSDoc (`npm run analyze`, and part of `npm run build`).
import path from 'node:path';

/**
 * Keeps the manifest to the public contract: no private members, only named events (the
 * analyzer also records each `dispatchEvent(new …Event())` without a name), and a
 * `custom-element-definition` export for each `define.ts`, which registers through
 * `defineElement` rather than a literal `customElements.define`.
 */
function publicContract() {
  return {
    name: 'portico-public-contract',
    packageLinkPhase({ customElementsManifest }) {
      const elements = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          }
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          if (declaration.customElement && declaration.tagName) {
            elements.set(path.posix.dirname(module.path), { tag: declaration.tagName, name: declaration.name, module: module.path });
          }
        }
      }
      for (const module of customElementsManifest.modules) {
        const element = module.path.endsWith('/define.ts') && elements.get(path.posix.dirname(module.path));
        if (!element) continue;
        module.exports = [
          ...(module.exports ?? []),
          { kind: 'custom-element-definition', name: element.tag, declaration: { name: element.name, module: element.module } },
        ];
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest; the analyzer must not rewrite the file.
  packagejson: false,
  plugins: [publicContract()],
};
