/**
 * The React example (demo/public/examples/react.html): a React 19 application that renders
 * <portal-app>, passes it properties from React state and listens to its events with
 * `on<event-name>` props. `npm run build` bundles it, with the package's `portico/app` module,
 * into /examples/react.js.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'portico/app';
import type { PortalNavigateEvent, PortalPaymentSucceededEvent, PortalSectionName, PortalSessionChangeEvent } from 'portico';

// The element's props for JSX: React 19 sets the ones the element has as properties, and
// `onportal-navigate` listens to `portal-navigate`.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'portal-app': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        api: string;
        firm: string;
        routing?: 'hash' | 'query' | 'none';
        section?: PortalSectionName | '';
        'onportal-session-change'?: (event: PortalSessionChangeEvent) => void;
        'onportal-navigate'?: (event: PortalNavigateEvent) => void;
        'onportal-payment-succeeded'?: (event: PortalPaymentSucceededEvent) => void;
      };
    }
  }
}

const shortcuts: { section: PortalSectionName; label: string }[] = [
  { section: 'invoices', label: 'My invoices' },
  { section: 'messages', label: 'Message my lawyer' },
];

function ClientPortal({ api, firm }: { api: string; firm: string }) {
  const [client, setClient] = useState('');
  const [section, setSection] = useState<PortalSectionName | ''>('');
  const [receipt, setReceipt] = useState('');

  return (
    <>
      <div className="example-bar">
        <p role="status">{client ? `React sees: signed in as ${client}` : 'React sees: nobody signed in'}</p>
        {client && (
          <nav aria-label="Shortcuts (React)">
            {shortcuts.map((shortcut) => (
              <button
                key={shortcut.section}
                type="button"
                aria-pressed={section === shortcut.section}
                onClick={() => setSection(shortcut.section)}
              >
                {shortcut.label}
              </button>
            ))}
          </nav>
        )}
        {section && <p>Section in React state: {section}</p>}
        {receipt && <p>Last receipt: {receipt}</p>}
      </div>

      <portal-app
        api={api}
        firm={firm}
        routing="query"
        section={section}
        onportal-session-change={(event) => setClient(event.detail.status === 'signed-in' ? (event.detail.contact?.name ?? '') : '')}
        onportal-navigate={(event) => setSection(event.detail.section)}
        onportal-payment-succeeded={(event) => setReceipt(event.detail.receiptNumber)}
      >
        <h2>Welcome back</h2>
      </portal-app>
    </>
  );
}

const mount = document.getElementById('portal-root');
if (mount) {
  const { api = '', firm = '' } = mount.dataset;
  createRoot(mount).render(
    <StrictMode>
      <ClientPortal api={api} firm={firm} />
    </StrictMode>,
  );
}
