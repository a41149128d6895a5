/**
 * `POST /auth/password-reset/request` for addresses that have an account and addresses that do
 * not, with the mail server up (a real SMTP server on loopback) and down: the answer's status,
 * body and time must not tell them apart. Each request comes from its own address (X-Forwarded-For
 * behind a trusted proxy) and names its own email, so no rate limit is reached. The reset emails
 * are sent by the job worker in the same process, as in production.
 */
import type { AddressInfo } from 'node:net';
import { hashPassword } from '../server/src/auth/passwords.ts';
import { createApp } from '../server/src/app.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { silentLogger } from '../server/src/logger.ts';
import { openBenchServices, type BenchServices } from './bench-service.ts';
import { freePort } from '../test/server/helpers/cli.ts';
import { startSmtpServer } from '../test/server/helpers/smtp.ts';
import { percentile, report } from './report.ts';

const perCase = 150;

export async function benchPasswordReset() {
  const rows: [string, string][] = [];
  for (const mailUp of [true, false]) {
    const smtpPort = await freePort();
    const smtp = mailUp ? await startSmtpServer({ port: smtpPort }) : undefined;
    let bench: BenchServices | undefined;
    try {
      bench = await openBenchServices({ engine: 'sqlite', env: { MAIL: 'smtp', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, TRUST_PROXY: 'true' } });
      const { services } = bench;
      const firm = await services.firms.create({
        slug: 'bench',
        name: 'Bench LLP',
        settings: { ...defaultSettings, portalUrl: 'https://bench.example/portal' },
      });
      const now = new Date().toISOString();
      const hash = await hashPassword('correct horse battery');
      for (let i = 0; i < perCase; i += 1) {
        const contact = await services.repositories.contacts.create(firm.id, { email: `client${i}@example.com`, name: `Client ${i}` }, now);
        await services.auth.setPasswordHash(contact.id, hash, now);
      }
      await services.jobs.start();
      const server = createApp(services, { logger: silentLogger }).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/password-reset/request`;

      const known = { times: [] as number[], answers: new Set<string>() };
      const unknown = { times: [] as number[], answers: new Set<string>() };
      const ask = async (into: typeof known, email: string, ip: string) => {
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ firm: 'bench', email }),
        });
        into.answers.add(`${response.status} ${await response.text()}`);
        into.times.push(performance.now() - started);
      };
      // Alternating, so that the jobs running behind the answers weigh on both alike.
      for (let i = 0; i < perCase; i += 1) {
        await ask(known, `client${i}@example.com`, `10.1.${Math.floor(i / 250)}.${i % 250}`);
        await ask(unknown, `nobody${i}@example.com`, `10.2.${Math.floor(i / 250)}.${i % 250}`);
      }
      server.close();
      await services.jobs.drain();
      await services.jobs.stop();
      const sent = smtp?.received.length ?? 0;
      const same = known.answers.size === 1 && [...known.answers][0] === [...unknown.answers][0];
      const figure = (times: number[]) => `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`;
      const label = mailUp ? 'mail server up' : 'mail server down';
      rows.push([`${label}: has an account`, figure(known.times)]);
      rows.push([`${label}: no account`, figure(unknown.times)]);
      rows.push([`${label}: answers`, `${same ? 'identical' : 'DIFFERENT'}: ${[...known.answers][0]}; ${sent} reset emails delivered`]);
    } finally {
      await bench?.close();
      await smtp?.close();
    }
  }
  report(`password-reset requests (${perCase} each, one at a time)`, rows);
}
