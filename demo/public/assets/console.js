// The demo's staff console page: a loading note until <portal-console> is defined, and a clear
// message when the token service cannot be reached. <portal-console> does the rest.
const status = document.getElementById('console-status');
const timeoutMs = 15000;

if (status) {
  const defined = customElements.whenDefined('portal-console').then(() => true);
  const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs));
  Promise.race([defined, timedOut]).then((ok) => {
    if (ok) {
      status.hidden = true;
      return;
    }
    status.classList.add('error');
    status.textContent = 'The staff console could not be loaded just now. Check that the token service is running, then reload the page.';
  });
}
