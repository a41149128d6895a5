// The demo's single sign-on page: the firm's website knows who is signed in on it (its own
// sign-in, /sso/sign-in), and its server signs an assertion for that client which <portal-app>
// exchanges for a portal session, through getAssertion. No password is typed into the portal.
const status = document.getElementById('sso-status');
const signInSection = document.getElementById('site-sign-in');
const accountSection = document.getElementById('site-account');
const signOutForm = document.getElementById('site-sign-out');
const portalHost = document.getElementById('portal-host');

/** Asks the site's server for a fresh assertion for the client signed in on the site. */
async function getAssertion({ signal }) {
  const response = await fetch('/sso/assertion', { method: 'POST', signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The website could not sign an assertion (HTTP ${response.status}).`);
  const { assertion } = await response.json();
  return assertion;
}

function showPortal() {
  const app = document.createElement('portal-app');
  app.setAttribute('api', portalHost.dataset.api);
  app.setAttribute('firm', 'demo');
  app.getAssertion = getAssertion;
  const welcome = document.createElement('p');
  welcome.className = 'portal-welcome';
  welcome.textContent = 'You came in from your account on our website.';
  app.append(welcome);
  portalHost.append(app);

  // Signing out of the website signs the client out of the portal too, then ends the site's sign-in.
  signOutForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (customElements.get('portal-app')) {
      try {
        await app.signOut();
      } catch {
        // The website's sign-out goes ahead regardless.
      }
    }
    signOutForm.submit();
  });
}

async function start() {
  let site;
  try {
    const response = await fetch('/sso/account', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    site = await response.json();
  } catch {
    status.classList.add('error');
    status.textContent = 'Our website could not check your sign-in just now. Please reload the page, or call us at (207) 555-0148.';
    return;
  }
  status.hidden = true;
  if (!site.signedIn) {
    signInSection.hidden = false;
    return;
  }
  document.getElementById('site-account-name').textContent = site.account.name;
  document.getElementById('site-account-email').textContent = site.account.email;
  accountSection.hidden = false;
  showPortal();
}

start();
