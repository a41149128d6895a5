// Shows a loading note until the portal's components are defined, and a clear message when the
// token service cannot be reached.
const status = document.getElementById('portal-status');
const timeoutMs = 15000;

if (status) {
  const defined = customElements.whenDefined('portal-session').then(() => true);
  const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs));
  Promise.race([defined, timedOut]).then((ok) => {
    if (ok) {
      status.hidden = true;
      return;
    }
    status.classList.add('error');
    status.textContent =
      'The client portal could not be loaded just now. Please try again in a few minutes, or call us at (207) 555-0148.';
  });
}

// The portal's sections (tasks and events, invoices, payments) as tabs: plain links to
// #activities, #invoices and #payments, so the address, Back and bookmarks follow the tab shown.
// An emailed invoice link (?invoice=ID) opens that invoice. Tabs for sections the firm has
// turned off are hidden.
const sections = ['activities', 'invoices', 'payments'];
const tabs = document.querySelectorAll('.portal-tabs a[data-section]');

function enabledSections() {
  const session = document.querySelector('portal-session');
  const enabled = session && session.branding && session.branding.sections ? session.branding.sections : {};
  return sections.filter((name) => enabled[name] !== false);
}

function showSection(name, { focus = false } = {}) {
  const available = enabledSections();
  const shown = available.includes(name) ? name : available[0];
  for (const tab of tabs) {
    const section = tab.dataset.section;
    tab.parentElement.hidden = !available.includes(section);
    if (section === shown) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const section of sections) {
    const panel = document.getElementById(section);
    if (panel) panel.hidden = section !== shown;
  }
  if (focus && shown) document.getElementById(shown)?.focus({ preventScroll: true });
}

function sectionFromAddress() {
  const name = window.location.hash.replace(/^#/, '');
  return sections.includes(name) ? name : 'activities';
}

if (tabs.length) {
  for (const section of sections) document.getElementById(section)?.setAttribute('tabindex', '-1');

  const invoiceId = new URLSearchParams(window.location.search).get('invoice');
  const invoices = document.querySelector('portal-invoices');
  if (invoiceId && invoices) {
    invoices.setAttribute('invoice-id', invoiceId);
    window.history.replaceState(window.history.state, '', '#invoices');
  }
  showSection(sectionFromAddress());

  window.addEventListener('hashchange', () => showSection(sectionFromAddress(), { focus: true }));
  // The firm's branding (which sections it shows) is in place once the session has rendered.
  document.addEventListener('portal-session-change', () => {
    const session = document.querySelector('portal-session');
    if (session) session.updateComplete.then(() => showSection(sectionFromAddress()));
  });
}

// Paying: "Pay now" on an invoice and "Pay all open invoices" ask for a payment
// (portal-pay-request); <portal-pay> takes the invoices' place for it. When the client leaves it
// (portal-pay-close), the invoices come back, refreshed if a payment was made, and focus returns
// to them.
document.addEventListener('portal-pay-request', (event) => {
  const source = event.target;
  if (!(source instanceof HTMLElement) || !event.detail || !Array.isArray(event.detail.invoiceIds)) return;
  document.querySelector('portal-pay[data-demo-pay]')?.dispatchEvent(new CustomEvent('demo-pay-replace'));

  const pay = document.createElement('portal-pay');
  pay.dataset.demoPay = '';
  pay.invoiceIds = [...event.detail.invoiceIds];
  if (typeof event.detail.amount === 'number') pay.amount = event.detail.amount;
  let paid = false;

  const refreshSource = () => {
    if (typeof source.refresh === 'function') source.refresh();
  };
  const restore = () => {
    pay.remove();
    source.hidden = false;
  };
  pay.addEventListener('portal-payment-succeeded', () => {
    paid = true;
    refreshSource();
  });
  pay.addEventListener('portal-payment-processing', () => {
    paid = true;
    refreshSource();
  });
  pay.addEventListener('portal-pay-close', () => {
    restore();
    if (paid) refreshSource();
    source.focus();
  });
  pay.addEventListener('demo-pay-replace', restore);

  source.hidden = true;
  source.after(pay);
  customElements.whenDefined('portal-pay').then(() => pay.focus());
});
