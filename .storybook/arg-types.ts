import type { ArgTypes } from '@storybook/web-components-vite';

/** The parts of custom-elements.json (schema 2.x) that the docs pages show. */
interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Item {
  kind: string;
  static?: boolean;
  privacy?: string;
  attribute?: string;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  events?: Item[];
  slots?: Item[];
  cssProperties?: Item[];
  cssParts?: Item[];
  cssStates?: Item[];
}
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

function row(name: string, item: Item, category: string, control: boolean): ArgTypes[string] {
  return {
    name,
    description: item.description ?? '',
    ...(control ? {} : { control: false }),
    table: {
      category,
      ...(item.type ? { type: { summary: item.type.text } } : {}),
      ...(item.default !== undefined ? { defaultValue: { summary: item.default } } : {}),
    },
  };
}

/**
 * An element's API from the manifest, for its docs page and controls. Storybook's own reading
 * keys every row by its bare name, so a part, a slot or a state named like an attribute (a
 * `status` part beside the `status` attribute) replaces it; here only properties are keyed by
 * name (story args bind to them), and the rest under their kind. CSS states are listed too.
 */
export function argTypesFromManifest(manifest: Manifest, tagName: string): ArgTypes {
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === tagName);
  if (!element) return {};
  const argTypes: ArgTypes = {};
  for (const member of element.members ?? []) {
    if (member.kind !== 'field' || member.static || (member.privacy && member.privacy !== 'public')) continue;
    const attribute = member.attribute && member.attribute !== member.name ? ` (attribute \`${member.attribute}\`)` : '';
    argTypes[member.name] = row(
      member.name,
      { ...member, description: `${member.description ?? ''}${attribute}` },
      member.attribute ? 'attributes and properties' : 'properties',
      true,
    );
  }
  for (const event of element.events ?? []) argTypes[`event:${event.name}`] = row(event.name, event, 'events', false);
  for (const slot of element.slots ?? []) argTypes[`slot:${slot.name}`] = row(slot.name || '(default)', slot, 'slots', false);
  for (const property of element.cssProperties ?? []) argTypes[`cssprop:${property.name}`] = row(property.name, property, 'css custom properties', false);
  for (const part of element.cssParts ?? []) argTypes[`part:${part.name}`] = row(part.name, part, 'css parts', false);
  for (const state of element.cssStates ?? []) argTypes[`state:${state.name}`] = row(state.name, state, 'css states', false);
  return argTypes;
}
