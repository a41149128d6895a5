// The plain HTML example's own script: it listens to the portal's events, as a firm's page
// would to update its own header or analytics, and lists them.
const log = document.getElementById('event-log');

function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log?.prepend(item);
}

document.addEventListener('portal-session-change', (event) => {
  const { status, contact } = event.detail;
  note(status === 'signed-in' ? `Signed in as ${contact.name}` : 'Signed out');
});

document.addEventListener('portal-navigate', (event) => {
  const { section, itemId, trigger } = event.detail;
  note(`Went to ${section}${itemId ? ` (${itemId})` : ''} by ${trigger}`);
});

document.addEventListener('portal-payment-succeeded', (event) => {
  const { amount, currency, receiptNumber } = event.detail;
  const money = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency }).format(amount / 100);
  note(`Paid ${money}, receipt ${receiptNumber}`);
});
