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
