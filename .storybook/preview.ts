import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import manifest from '../custom-elements.json';
import '../components/all.ts';
import { darkTokens } from '../components/index.ts';
import { argTypesFromManifest, type Manifest } from './arg-types.ts';

setCustomElementsManifest(manifest);

/**
 * Host-page themes: what a firm's web developer would put in the page's own CSS. They sit on
 * top of whatever branding the (mocked) service sends, as they would on a real page.
 */
const themes: Record<string, Record<string, string>> = {
  default: {},
  firm: {
    '--portal-color-brand': '#5b2333',
    '--portal-color-brand-contrast': '#fff8f0',
    '--portal-color-accent': '#8c6d1f',
    '--portal-color-surface': '#fffdf9',
    '--portal-color-divider': '#e7ddd0',
    '--portal-font-family': "Georgia, 'Times New Roman', serif",
    '--portal-radius': '2px',
  },
  dark: {
    ...darkTokens,
    background: '#111418',
    color: '#e8eaed',
    'color-scheme': 'dark',
  },
};

/** The page languages the toolbar offers: English is built in, the others load when chosen. */
const languages = [
  { value: 'en', title: 'English' },
  { value: 'es', title: 'Español' },
];

const withTheme: Decorator = (story, context) => {
  const theme = themes[String(context.globals.theme ?? 'default')] ?? {};
  const width = context.parameters.narrow ? { 'max-width': '320px' } : {};
  const lang = languages.some(({ value }) => value === context.globals.lang) ? String(context.globals.lang) : 'en';
  return html`<div class="portico-story" lang=${lang} style=${styleMap({ padding: '1rem', 'min-height': '100vh', 'box-sizing': 'border-box', ...theme, ...width })}>${story()}</div>`;
};

const preview: Preview = {
  // A docs page per element: its JSDoc, its API from custom-elements.json, and every story.
  tags: ['autodocs'],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Host page theme (CSS custom properties set by the page)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Portico defaults' },
          { value: 'firm', title: 'A firm’s theme (page CSS)' },
          { value: 'dark', title: 'Dark page' },
        ],
        dynamicTitle: true,
      },
    },
    lang: {
      description: 'The page’s language (the lang attribute around the story)',
      toolbar: { title: 'Language', icon: 'globe', items: languages, dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'default', lang: 'en' },
  parameters: {
    docs: { extractArgTypes: (tagName: string) => argTypesFromManifest(manifest as Manifest, tagName) },
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
