/**
 * The Vue example (demo/public/examples/vue.html): a Vue 3 application that renders <portal-app>
 * with render functions, passes it properties from reactive state and listens to its events
 * (`onPortalNavigate` listens to `portal-navigate`), typed by `portico/vue` (generated from the
 * package's custom-elements.json). Render functions need no template compiler, so the page keeps
 * its strict Content-Security-Policy. `npm run build` bundles it, with the package's
 * `portico/app` module, into /examples/vue.js.
 */
import { createApp, h, ref } from 'vue';
import 'portico/app';
import type { PortalSectionName } from 'portico';
import type { PortalAppProps } from 'portico/vue';

const shortcuts: { section: PortalSectionName; label: string }[] = [
  { section: 'invoices', label: 'My invoices' },
  { section: 'messages', label: 'Message my lawyer' },
];

const mount = document.getElementById('portal-root');
if (mount) {
  const { api = '', firm = '' } = mount.dataset;

  createApp({
    setup() {
      const client = ref('');
      const section = ref<PortalSectionName | ''>('');
      const receipt = ref('');

      return () => [
        h('div', { class: 'example-bar' }, [
          h('p', { role: 'status' }, client.value ? `Vue sees: signed in as ${client.value}` : 'Vue sees: nobody signed in'),
          client.value &&
            h(
              'nav',
              { 'aria-label': 'Shortcuts (Vue)' },
              shortcuts.map((shortcut) =>
                h(
                  'button',
                  { type: 'button', 'aria-pressed': String(section.value === shortcut.section), onClick: () => (section.value = shortcut.section) },
                  shortcut.label,
                ),
              ),
            ),
          section.value && h('p', `Section in Vue state: ${section.value}`),
          receipt.value && h('p', `Last receipt: ${receipt.value}`),
        ]),
        h(
          'portal-app',
          {
            api,
            firm,
            routing: 'query',
            section: section.value,
            onPortalSessionChange: (event) => (client.value = event.detail.status === 'signed-in' ? (event.detail.contact?.name ?? '') : ''),
            onPortalNavigate: (event) => (section.value = event.detail.section),
            onPortalPaymentSucceeded: (event) => (receipt.value = event.detail.receiptNumber),
          } satisfies PortalAppProps,
          [h('h2', 'Welcome back')],
        ),
      ];
    },
  }).mount(mount);
}
