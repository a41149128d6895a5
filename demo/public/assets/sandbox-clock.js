// The sandbox processor's clock, beside the outbox: shows its date and moves it forward, which
// settles (or fails) the bank payments that are due. Development only, like the outbox.

const service = document.querySelector('meta[name="portico-service"]')?.getAttribute('content') ?? '';
const now = document.getElementById('sandbox-clock-now');
const status = document.getElementById('sandbox-clock-status');
const buttons = [...document.querySelectorAll('[data-advance-days]')];
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });

function show(iso) {
  now.textContent = day.format(new Date(iso));
}

async function load() {
  try {
    const response = await fetch(`${service}/dev/sandbox/clock`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    show((await response.json()).now);
  } catch {
    now.textContent = 'unavailable';
    status.textContent = 'The sandbox clock is not available (is the service running with PAYMENTS=sandbox?).';
  }
}

async function advance(days) {
  buttons.forEach((button) => (button.disabled = true));
  status.textContent = `Advancing ${days} day${days === 1 ? '' : 's'}…`;
  try {
    const response = await fetch(`${service}/dev/sandbox/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const result = await response.json();
    show(result.now);
    status.textContent = result.settled === 0 ? 'No bank payments were due.' : `${result.settled} bank payment${result.settled === 1 ? '' : 's'} settled.`;
    document.getElementById('outbox-refresh')?.click();
  } catch (error) {
    status.textContent = `Could not advance the clock: ${error instanceof Error ? error.message : error}`;
  } finally {
    buttons.forEach((button) => (button.disabled = false));
  }
}

for (const button of buttons) {
  button.addEventListener('click', () => advance(Number(button.dataset.advanceDays)));
}
load();
