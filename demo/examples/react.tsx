/**
 * The React example (demo/public/examples/react.html): a React application that renders
 * <portal-app> through `portico/react`'s `PortalApp` component (made with @lit/react from the
 * package's custom-elements.json), passes it properties from React state and listens to its
 * events with typed `on<EventName>` props. `npm run build` bundles it, with the package's
 * `portico/app` module, into /examples/react.js.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// `portico/react` registers nothing (server-side rendering can import it): the browser registers
// <portal-app> and the sections it shows with `portico/app`.
import 'portico/app';
import { PortalApp } from 'portico/react';
import type { PortalSectionName } from 'portico';

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
              <button key={shortcut.section} type="button" aria-pressed={section === shortcut.section} onClick={() => setSection(shortcut.section)}>
                {shortcut.label}
              </button>
            ))}
          </nav>
        )}
        {section && <p>Section in React state: {section}</p>}
        {receipt && <p>Last receipt: {receipt}</p>}
      </div>

      <PortalApp
        api={api}
        firm={firm}
        routing="query"
        // The component sets its props at every render: '' (no choice made in React yet) is left
        // out, so that it never overrides the place the portal restored from the address.
        {...(section ? { section } : {})}
        onPortalSessionChange={(event) => setClient(event.detail.status === 'signed-in' ? (event.detail.contact?.name ?? '') : '')}
        onPortalNavigate={(event) => setSection(event.detail.section)}
        onPortalPaymentSucceeded={(event) => setReceipt(event.detail.receiptNumber)}
      >
        <h2>Welcome back</h2>
      </PortalApp>
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
