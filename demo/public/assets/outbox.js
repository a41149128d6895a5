// The development outbox: lists the emails from the token service's /dev/outbox and shows the
// selected one. The email's HTML renders in a sandboxed frame (no scripts, no navigation), so
// its links are listed beside it as ordinary links of this page.

const service = document.querySelector('meta[name="portico-service"]')?.getAttribute('content') ?? '';
const refreshEvery = 5000;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const list = /** @type {HTMLOListElement} */ ($('outbox-list'));
const empty = $('outbox-empty');
const status = $('outbox-status');
const message = $('outbox-message');
const frame = /** @type {HTMLIFrameElement} */ ($('outbox-html'));
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @type {Array<{id: string, firmId?: string, to: string, from: string, subject: string, text: string, html: string, kind: string, createdAt: string}>} */
let emails = [];
let shownId = '';
let loading = false;

function setStatus(text, isError = false) {
  if (status.textContent !== text) status.textContent = text;
  status.classList.toggle('error', isError);
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
}

function selectedId() {
  const id = decodeURIComponent(location.hash.slice(1));
  return emails.some((email) => email.id === id) ? id : (emails[0]?.id ?? '');
}

function renderList() {
  const current = selectedId();
  list.replaceChildren(
    ...emails.map((email) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${encodeURIComponent(email.id)}`;
      if (email.id === current) link.setAttribute('aria-current', 'true');
      const subject = document.createElement('span');
      subject.className = 'outbox-item-subject';
      subject.textContent = email.subject || '(no subject)';
      const meta = document.createElement('span');
      meta.className = 'outbox-item-meta';
      meta.textContent = `To ${email.to} · ${formatTime(email.createdAt)}`;
      link.append(subject, meta);
      item.append(link);
      return item;
    }),
  );
  empty.hidden = emails.length > 0;
}

/** The http(s) links of an email's HTML, read without running or loading anything in it. */
function linksOf(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const seen = new Set();
  const links = [];
  for (const anchor of doc.querySelectorAll('a[href]')) {
    let url;
    try {
      url = new URL(anchor.getAttribute('href') ?? '', location.href);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || seen.has(url.href)) continue;
    seen.add(url.href);
    links.push({ href: url.href, label: (anchor.textContent ?? '').replace(/\s+/g, ' ').trim() });
  }
  return links;
}

/** Plain text with its URLs turned into links, built as nodes so nothing in it is parsed as HTML. */
function linkedText(text) {
  const nodes = [];
  const pattern = /https?:\/\/[^\s<>"')\]]+/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(document.createTextNode(text.slice(last, index)));
    const link = document.createElement('a');
    link.href = match[0];
    link.textContent = match[0];
    nodes.push(link);
    last = index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

function renderMessage() {
  const id = selectedId();
  const email = emails.find((candidate) => candidate.id === id);
  message.hidden = !email;
  if (!email || email.id === shownId) return;
  shownId = email.id;

  $('outbox-subject').textContent = email.subject || '(no subject)';
  $('outbox-from').textContent = email.from;
  $('outbox-to').textContent = email.to;
  $('outbox-sent').textContent = formatTime(email.createdAt);
  $('outbox-kind').textContent = email.kind;

  const links = linksOf(email.html ?? '');
  $('outbox-links-section').hidden = links.length === 0;
  $('outbox-links').replaceChildren(
    ...links.map(({ href, label }) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label || href;
      const url = document.createElement('span');
      url.className = 'outbox-link-url';
      url.textContent = href;
      item.append(link, url);
      return item;
    }),
  );

  frame.srcdoc = email.html ?? '';
  $('outbox-text').replaceChildren(...linkedText(email.text ?? ''));
}

async function load({ quiet = false } = {}) {
  if (loading) return;
  loading = true;
  if (!quiet) setStatus('Loading…');
  try {
    const response = await fetch(`${service}/dev/outbox`, { headers: { Accept: 'application/json' } });
    if (response.status === 404) {
      setStatus('The outbox is not available: the token service runs in production mode or sends real email (MAIL=smtp).', true);
      return;
    }
    if (!response.ok) throw new Error(`the service answered ${response.status}`);
    const body = await response.json();
    const next = Array.isArray(body?.data) ? body.data : [];
    const changed = next.length !== emails.length || next.some((email, i) => email.id !== emails[i]?.id);
    emails = next;
    if (changed) {
      renderList();
      renderMessage();
    }
    setStatus(emails.length === 1 ? '1 email.' : `${emails.length} emails.`);
  } catch (error) {
    setStatus(`Could not reach the token service at ${service} (${error instanceof Error ? error.message : error}).`, true);
  } finally {
    loading = false;
  }
}

$('outbox-refresh').addEventListener('click', () => load());
window.addEventListener('hashchange', () => {
  renderList();
  renderMessage();
  $('outbox-subject').focus({ preventScroll: false });
});
setInterval(() => {
  if (document.visibilityState === 'visible') load({ quiet: true });
}, refreshEvery);

load();
