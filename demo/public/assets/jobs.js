// The service's job queue beside the outbox: what waits to run (an email whose mail server is
// down), and what is dead, with a button to run a dead job once more. Development only.

const service = document.querySelector('meta[name="portico-service"]')?.getAttribute('content') ?? '';
const counts = document.getElementById('jobs-counts');
const tableScroll = document.getElementById('jobs-table-scroll');
const rows = document.getElementById('jobs-rows');
const status = document.getElementById('jobs-status');
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const refreshEvery = 5000;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function row(job) {
  const tr = document.createElement('tr');
  const name = document.createElement('td');
  const kind = document.createElement('strong');
  kind.textContent = job.kind;
  name.append(kind);
  if (job.summary) name.append(document.createElement('br'), job.summary);
  const action = document.createElement('td');
  if (job.state === 'dead') {
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button secondary';
    retry.textContent = 'Retry';
    retry.setAttribute('aria-label', `Retry ${job.kind} ${job.summary ?? job.id}`);
    retry.addEventListener('click', () => retryJob(job, retry));
    action.append(retry);
  }
  tr.append(
    name,
    cell(job.state, `job-state-${job.state}`),
    cell(`${job.attempts} of ${job.maxAttempts}`),
    cell(job.state === 'pending' ? when.format(new Date(job.runAt)) : '—'),
    cell(job.lastError ?? ''),
    action,
  );
  return tr;
}

async function load() {
  try {
    const response = await fetch(`${service}/dev/jobs`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    const { pending, running, dead, done } = body.counts;
    counts.textContent = `${pending} waiting, ${running} running, ${dead} dead, ${done} done in the last week.`;
    rows.replaceChildren(...body.data.map(row));
    tableScroll.hidden = body.data.length === 0;
  } catch (error) {
    counts.textContent = `The job queue is not available: ${error instanceof Error ? error.message : error}`;
  }
}

async function retryJob(job, button) {
  button.disabled = true;
  try {
    const response = await fetch(`${service}/dev/jobs/${encodeURIComponent(job.id)}/retry`, { method: 'POST' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    status.textContent = `${job.kind} will run again in a moment.`;
  } catch (error) {
    status.textContent = `Could not retry the job: ${error instanceof Error ? error.message : error}`;
    button.disabled = false;
  }
  setTimeout(load, 1500);
}

load();
setInterval(load, refreshEvery);
