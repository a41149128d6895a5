/** An element as the generated framework modules describe it. */
export interface PublicElement {
  tag: string;
  className: string;
  componentName: string;
  /** The components/ folder of its define module: `portico/<folder>` registers it. */
  folder: string;
  summary: string;
  properties: { name: string; attribute?: string; description: string }[];
  events: { name: string; className: string; reactProp: string; description: string }[];
}

/** The generated files, by path under dist/. */
export interface FrameworkModules {
  'react.js': string;
  'types/react.d.ts': string;
  'jsx.js': string;
  'types/jsx.d.ts': string;
  'vue.js': string;
  'types/vue.d.ts': string;
}

/** The elements a `define.ts` module registers, from custom-elements.json. */
export declare function publicElements(manifest: unknown): PublicElement[];
/** portico/react, portico/jsx and portico/vue, generated from custom-elements.json. */
export declare function frameworkModules(manifest: unknown): FrameworkModules;
/** Writes the framework modules into `<root>/dist` from `<root>/custom-elements.json`. */
export declare function writeFrameworkModules(root: string): void;
