/**
 * One instance against three, on one PostgreSQL database in the same run: the client's invoice
 * list (`GET /api/v1/invoices`) and payment creation (`POST /api/v1/payments`, a fresh
 * Idempotency-Key and a single-use sandbox card token each, a small part of one of many large
 * invoices) under the same total concurrency, sent to one instance or round-robin to three (one
 * autocannon per instance at once, their responses counted together). Each instance is its own
 * process serving HTTP only (WORKERS=0); one `portico worker` process runs the jobs (receipts) in
 * both configurations. The load generator shares the machine with them all.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { startFleet, until, type Fleet } from '../test/server/helpers/fleet.ts';
import type { ServiceProcess } from '../test/server/helpers/service-process.ts';
import { percentile, report } from './report.ts';

/** Open connections in total, split evenly across the instances under test. */
const connections = 12;
const seconds = 6;
const warmUpSeconds = 3;
/** One instance, then three, this many times over: the machine's other load falls on both alike. */
const rounds = 2;
/** Invoices per set: the listed client has one set, each configuration's payments their own (no shared hot rows). */
const invoicesPerSet = 60;
/** Each payment pays this much (the demo firm's minimum) of an invoice of `invoiceAmount`. */
const paymentAmount = 100;
const invoiceAmount = 100_000_000;
const cardTokens = 40_000;

/** What the runs of one configuration add up to. */
class Samples {
  latencies: number[] = [];
  seconds = 0;
  /** Answered with 2xx, warm-ups included. */
  acknowledged = 0;
  errors = 0;
  non2xx = 0;
  serverErrors = 0;

  get perSecond() {
    return this.latencies.length / this.seconds;
  }

  line() {
    return (
      `${Math.round(this.perSecond).toLocaleString('en-US')} req/s, p50 ${percentile(this.latencies, 50).toFixed(1)} ms, p99 ${percentile(this.latencies, 99).toFixed(1)} ms` +
      ` (${this.latencies.length.toLocaleString('en-US')} requests, ${this.errors} errors, ${this.non2xx} non-2xx, ${this.serverErrors} 5xx)`
    );
  }
}

type Target = { instance: ServiceProcess; request: () => autocannon.Request };

export async function benchFleet() {
  const loadBefore = os.loadavg()[0]!;
  const fleet = await startFleet({ s3: false });
  try {
    // HTTP only: one `portico worker` runs every job (the receipts) in both configurations, so
    // the two differ only in how many instances answer the requests.
    const [one, two, three] = [await fleet.add({ WORKERS: '0' }), await fleet.add({ WORKERS: '0' }), await fleet.add({ WORKERS: '0' })];
    await Promise.all([one.start(), two.start(), three.start()]);
    await fleet.worker();
    const alex = await signIn(one, 'alex@example.com');
    const jordan = await signIn(one, 'jordan@example.com');
    // The listed client's invoices: more than the default page of 50, none of them paid during the runs.
    await invoices(fleet, one, jordan.contactId, invoicesPerSet);
    const payOnOne = await invoices(fleet, one, alex.contactId, invoicesPerSet);
    const payOnThree = await invoices(fleet, one, alex.contactId, invoicesPerSet);
    // Single-use card tokens as the browser would have made them, written in bulk beforehand.
    const now = new Date().toISOString();
    await fleet.query`
      INSERT INTO sandbox_payment_methods (id, type, outcome, brand, last4, exp_month, exp_year, holder_name, created_at)
      SELECT 'pm_fleet_' || n, 'card', 'succeed', 'visa', '4242', 12, 2034, 'Alex Morgan', ${now} FROM generate_series(1, ${cardTokens}) AS n`;
    const receiptsBefore = await count(fleet, 'receipt');
    let nextToken = 0;

    const list = (): autocannon.Request => ({ method: 'GET', path: '/api/v1/invoices', headers: { authorization: `Bearer ${jordan.token}` } });
    /** One client's payments in turn over a set of invoices, however many instances they are spread over. */
    const payments = (invoiceIds: string[]) => {
      let next = 0;
      return (): autocannon.Request => {
        nextToken += 1;
        if (nextToken > cardTokens) throw new Error('the benchmark ran out of card tokens: raise cardTokens');
        return {
          method: 'POST',
          path: '/api/v1/payments',
          headers: { authorization: `Bearer ${alex.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            allocations: [{ invoiceId: invoiceIds[next++ % invoiceIds.length]!, amount: paymentAmount }],
            paymentMethod: { type: 'card', token: `pm_fleet_${nextToken}` },
          }),
        };
      };
    };
    const payOne = payments(payOnOne);
    const payThree = payments(payOnThree);

    const figures = { list1: new Samples(), list3: new Samples(), pay1: new Samples(), pay3: new Samples() };
    const warmUps = { list: new Samples(), pay: new Samples() };
    const all = (request: () => autocannon.Request) => [one, two, three].map((instance) => ({ instance, request }));
    // The three warm up together first (nothing compiled yet), and stay up: the idle ones take no requests and run no jobs.
    await measure(all(list), warmUps.list);
    await measure(all(payThree), warmUps.pay);
    await settled(fleet);
    for (let round = 0; round < rounds; round += 1) {
      await measure([{ instance: one, request: list }], figures.list1);
      await measure(all(list), figures.list3);
      await measure([{ instance: one, request: payOne }], figures.pay1);
      await settled(fleet);
      await measure(all(payThree), figures.pay3);
      await settled(fleet);
    }

    // Every charge made is one succeeded payment, with one receipt; every acknowledged payment is among them.
    const charges = Number((await fleet.query<{ n: number }>`SELECT COUNT(*) AS n FROM sandbox_charges WHERE payment_method LIKE 'pm_fleet_%'`)[0]!.n);
    const paid = Number(
      (
        await fleet.query<{ n: number }>`
        SELECT COUNT(*) AS n FROM payment_events WHERE status = 'succeeded'
        AND payment_id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id IN (${sql.join([...payOnOne, ...payOnThree])}))`
      )[0]!.n,
    );
    const receipts = (await count(fleet, 'receipt')) - receiptsBefore;
    const acknowledged = figures.pay1.acknowledged + figures.pay3.acknowledged + warmUps.pay.acknowledged;
    const ratio = (three: Samples, one: Samples) => (three.perSecond / one.perSecond).toFixed(2);
    report('fleet: one instance against three, on one PostgreSQL 15', [
      [
        'load',
        `${connections} connections in all, split evenly across the instances; ${rounds} rounds of ${seconds} s each (after ${warmUpSeconds} s of warm-up), 1 and 3 instances in turn`,
      ],
      ['instances', 'WORKERS=0 (HTTP only), one `portico worker` process sending the receipts'],
      ['GET /api/v1/invoices, 1 instance', figures.list1.line()],
      ['GET /api/v1/invoices, 3 instances', `${figures.list3.line()}; ×${ratio(figures.list3, figures.list1)}`],
      ['POST /api/v1/payments, 1 instance', figures.pay1.line()],
      ['POST /api/v1/payments, 3 instances', `${figures.pay3.line()}; ×${ratio(figures.pay3, figures.pay1)}`],
      [
        'recorded',
        `${charges.toLocaleString('en-US')} charges, ${paid.toLocaleString('en-US')} succeeded payments, ${receipts.toLocaleString('en-US')} receipts; ${acknowledged.toLocaleString('en-US')} acknowledged (warm-ups included; the rest were in flight when a run stopped)`,
      ],
      ['machine', `${os.availableParallelism()} cores; load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`],
      [
        'read this as',
        `on this ${os.availableParallelism()}-core machine the instances, PostgreSQL, the worker and the load generator share the cores: the point is that three are not slower and nothing breaks (no errors, no 5xx), not that they scale linearly`,
      ],
      [
        'payments of one firm',
        "take turns on its receipt counter (a row lock held until the payment commits): more instances do not raise one firm's rate, and with more processes than cores a holder waits longer for the CPU",
      ],
    ]);
    const broken = Object.entries({ ...figures, warmUpList: warmUps.list, warmUpPay: warmUps.pay }).filter(([, run]) => run.errors || run.non2xx);
    if (broken.length) throw new Error(`requests failed: ${broken.map(([name, run]) => `${name}: ${run.errors} errors, ${run.non2xx} non-2xx`).join('; ')}`);
    if (paid !== charges || receipts !== charges || acknowledged > paid) {
      throw new Error(`the ledger does not add up: ${charges} charges, ${paid} succeeded payments, ${receipts} receipts, ${acknowledged} acknowledged`);
    }
  } finally {
    await fleet.close();
  }
}

async function signIn(instance: ServiceProcess, email: string) {
  const reply = await instance.request('/api/v1/auth/login', { body: { firm: 'demo', email, password: 'portico-demo' } });
  if (reply.status !== 200) throw new Error(`sign-in as ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.accessToken as string, contactId: reply.body.contact.id as string };
}

/** `count` published invoices of `invoiceAmount` for a client, through the admin API, a few at a time. */
async function invoices(fleet: Fleet, instance: ServiceProcess, contactId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const one = async () => {
    const created = await instance.request('/api/v1/admin/invoices', {
      token: fleet.apiKey,
      body: {
        contactId,
        number: `BENCH-${randomUUID().slice(0, 8)}`,
        issuedOn: '2026-03-02',
        dueOn: '2026-04-01',
        lines: [{ kind: 'flat_fee', description: 'Retainer', amount: invoiceAmount }],
      },
    });
    if (created.status !== 201) throw new Error(`invoice: ${created.status} ${JSON.stringify(created.body)}`);
    const sent = await instance.request(`/api/v1/admin/invoices/${created.body.id}/send`, { method: 'POST', token: fleet.apiKey });
    if (sent.status !== 200) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
    ids.push(created.body.id as string);
  };
  for (let made = 0; made < count; made += 6) await Promise.all(Array.from({ length: Math.min(6, count - made) }, one));
  return ids;
}

/**
 * One autocannon per target at the same time, the connections split evenly, after a warm-up; every
 * response's latency is recorded, so the percentiles are over all of them together.
 */
async function measure(targets: Target[], into: Samples): Promise<void> {
  const fire = (duration: number, latencies: number[]) =>
    Promise.all(
      targets.map(({ instance, request }) => {
        const options: autocannon.Options = {
          url: instance.url,
          connections: Math.max(1, Math.round(connections / targets.length)),
          duration,
          requests: [{ setupRequest: (base) => ({ ...base, ...request() }) }],
        };
        return new Promise<autocannon.Result>((resolve, reject) => {
          const run = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
          run.on('response', (_client, statusCode, _bytes, ms) => {
            if (statusCode >= 300) return;
            into.acknowledged += 1;
            latencies.push(ms);
          });
        });
      }),
    );
  const tally = (results: autocannon.Result[]) => {
    for (const result of results) {
      into.errors += result.errors + result.timeouts;
      into.non2xx += result.non2xx;
      into.serverErrors += result['5xx'];
    }
  };
  tally(await fire(warmUpSeconds, []));
  const started = performance.now();
  tally(await fire(seconds, into.latencies));
  into.seconds += (performance.now() - started) / 1000;
}

/** Waits until the payments in flight when a run stopped are finished and the workers have sent their receipts. */
async function settled(fleet: Fleet) {
  await until(
    'every checkout is finished and the job queue is empty',
    async () => {
      const [{ keys, jobs }] = await fleet.query<{ keys: number; jobs: number }>`
        SELECT (SELECT COUNT(*) FROM idempotency_keys WHERE state <> 'done') AS keys,
               (SELECT COUNT(*) FROM jobs WHERE state IN ('pending', 'running') AND run_at <= ${new Date().toISOString()}) AS jobs`;
      return Number(keys) === 0 && Number(jobs) === 0 ? true : undefined;
    },
    120_000,
    200,
  );
}

async function count(fleet: Fleet, kind: string): Promise<number> {
  return Number((await fleet.query<{ n: number }>`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = ${kind}`)[0]!.n);
}
