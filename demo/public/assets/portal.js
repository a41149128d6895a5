// The demo's portal page: a loading note until <portal-app> is defined, and a clear message when
// the token service cannot be reached. <portal-app> itself does the rest: navigation, deep links,
// email links (?invoice=ID) and payments.
const status = document.getElementById('portal-status');
const timeoutMs = 15000;

if (status) {
  const defined = customElements.whenDefined('portal-app').then(() => true);
  const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs));
  Promise.race([defined, timedOut]).then((ok) => {
    if (ok) {
      status.hidden = true;
      return;
    }
    status.classList.add('error');
    status.textContent = 'The client portal could not be loaded just now. Please try again in a few minutes, or call us at (207) 555-0148.';
  });
}

// Links to this page written before the portal kept its place as #portal/<section> (bookmarks,
// older emails: #activities, #invoices, #payments) still open their section. This script runs
// before the portal's, so the portal reads the new address when it starts.
const legacySections = ['activities', 'invoices', 'payments', 'messages', 'files'];

function upgradeLegacyHash(navigate) {
  const name = window.location.hash.replace(/^#/, '');
  if (!legacySections.includes(name)) return;
  if (navigate) window.location.replace(`#portal/${name}`);
  else window.history.replaceState(window.history.state, '', `#portal/${name}`);
}

upgradeLegacyHash(false);
window.addEventListener('hashchange', () => upgradeLegacyHash(true));
